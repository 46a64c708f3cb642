"""Reception plans (modtageplaner, REC-2): versioned templates, each household's plan and its tasks.

A municipality edits its template; each edit makes a new version, and a plan keeps the version it
was generated from, so an edit reaches only plans generated afterwards. A plan task copies the
template task's text, owner and deadline rule, so the plan stays as it was made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality, Role, UnitKind
from velkomst.engines import deadlines
from velkomst.engines.calendar import NotWorking
from velkomst.people.models import Household, Person


class Anchor(models.TextChoices):
    FIXED = deadlines.Anchor.FIXED.value, _("Fast dato")
    VISITATION = deadlines.Anchor.VISITATION.value, _("Visitationsdato")
    EXPECTED_ARRIVAL = deadlines.Anchor.EXPECTED_ARRIVAL.value, _("Forventet ankomst")
    ARRIVAL = deadlines.Anchor.ARRIVAL.value, _("Ankomst")
    TAKEOVER = deadlines.Anchor.TAKEOVER.value, _("Kommunen overtager ansvaret")
    TASK_COMPLETION = deadlines.Anchor.TASK_COMPLETION.value, _("En anden opgave er udført")


class DayKind(models.TextChoices):
    CALENDAR = deadlines.DayKind.CALENDAR.value, _("Kalenderdage")
    WORKING = deadlines.DayKind.WORKING.value, _("Arbejdsdage")
    WEEK_END = deadlines.DayKind.WEEK_END.value, _("Sidste arbejdsdag i ugen")


class Adjustment(models.TextChoices):
    """What a calendar-day deadline that lands on a closed day does (REC-4)."""

    NEXT = deadlines.Adjustment.NEXT.value, _("Flyttes til næste arbejdsdag")
    PREVIOUS = deadlines.Adjustment.PREVIOUS.value, _("Flyttes til forrige arbejdsdag")
    AS_COUNTED = deadlines.Adjustment.AS_COUNTED.value, _("Som talt (flyttes ikke)")


class MovedBecause(models.TextChoices):
    """Why a deadline's counted day was not a working day (the day's name is rendered on display)."""

    HOLIDAY = NotWorking.HOLIDAY.value, _("helligdag")
    CLOSING_DAY = NotWorking.CLOSING_DAY.value, _("kommunens lukkedag")
    SATURDAY = NotWorking.SATURDAY.value, _("lørdag")
    SUNDAY = NotWorking.SUNDAY.value, _("søndag")


class Condition(models.TextChoices):
    ALL = deadlines.Condition.ALL.value, _("Alle")
    HAS_CHILDREN = deadlines.Condition.HAS_CHILDREN.value, _("Børn (under 18 år)")
    ADULT = deadlines.Condition.ADULT.value, _("Voksne (18 år og derover)")
    WORKING_AGE = (
        deadlines.Condition.WORKING_AGE.value,
        _("I den erhvervsaktive alder (18 år til folkepensionsalderen)"),
    )
    QUOTA_REFUGEE = deadlines.Condition.QUOTA_REFUGEE.value, _("Kvoteflygtninge")


class Scope(models.TextChoices):
    HOUSEHOLD = deadlines.Scope.HOUSEHOLD.value, _("Husstanden")
    PERSON = deadlines.Scope.PERSON.value, _("Hver person")


class DeadlineState(models.TextChoices):
    UPCOMING = deadlines.DeadlineState.UPCOMING.value, _("Kommende")
    DUE_SOON = deadlines.DeadlineState.DUE_SOON.value, _("Snart")
    OVERDUE = deadlines.DeadlineState.OVERDUE.value, _("Overskredet")
    MET_ON_TIME = deadlines.DeadlineState.MET_ON_TIME.value, _("Udført til tiden")
    MET_LATE = deadlines.DeadlineState.MET_LATE.value, _("Udført for sent")
    NOT_RELEVANT = deadlines.DeadlineState.NOT_RELEVANT.value, _("Ikke relevant")


class PlanTemplate(models.Model):
    """One version of a municipality's reception-plan template."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=120)
    version = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("gælder fra"))
    is_active = models.BooleanField(_("aktiv"), default=True)
    note = models.CharField(_("ændring"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["municipality", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version"], name="plantemplate_version_unique"
            )
        ]
        verbose_name = _("skabelon for modtageplan")
        verbose_name_plural = _("skabeloner for modtageplaner")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class TemplateTask(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="tasks")
    key = models.SlugField(
        _("nøgle"), max_length=60, help_text=_("Samme nøgle i alle versioner af skabelonen")
    )
    title = models.CharField(_("opgave"), max_length=200)
    description = models.TextField(_("sådan gør du"), blank=True)
    category = models.SlugField(
        _("type"), max_length=60, blank=True, help_text=_("Servicestandard, fx danish_referral")
    )
    owner_unit_kind = models.CharField(
        _("ansvarlig enhed"), max_length=32, choices=UnitKind.choices
    )
    owner_role = models.CharField(_("ansvarlig rolle"), max_length=32, choices=Role.choices)
    anchor = models.CharField(_("frist regnes fra"), max_length=32, choices=Anchor.choices)
    anchor_task = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("efter opgaven"),
    )
    offset_months = models.IntegerField(_("måneder"), default=0)
    offset_days = models.IntegerField(_("dage"), default=0)
    day_kind = models.CharField(
        _("dagtype"), max_length=16, choices=DayKind.choices, default=DayKind.CALENDAR
    )
    adjustment = models.CharField(
        _("frist på en lukkedag"),
        max_length=24,
        choices=Adjustment.choices,
        default=Adjustment.NEXT,
        help_text=_(
            "Gælder frister i kalenderdage og måneder, der falder på en lørdag, søndag, "
            "helligdag eller lukkedag"
        ),
    )
    condition = models.CharField(
        _("gælder for"), max_length=32, choices=Condition.choices, default=Condition.ALL
    )
    scope = models.CharField(
        _("én pr."), max_length=16, choices=Scope.choices, default=Scope.HOUSEHOLD
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["template", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="templatetask_key_unique")
        ]
        verbose_name = _("skabelonopgave")
        verbose_name_plural = _("skabelonopgaver")

    def __str__(self) -> str:
        return self.title


class TemplateChecklistItem(models.Model):
    """One item of a template task's checklist (HOU-7: the move-in visits' points, initialled one
    by one). Part of the template version: an edit makes a new version with new items, so a plan
    task's items are those of the template task it was made from."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    template_task = models.ForeignKey(
        TemplateTask, on_delete=models.CASCADE, related_name="checklist_items"
    )
    text = models.CharField(_("punkt"), max_length=200)
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["template_task", "order", "id"]
        verbose_name = _("punkt på tjeklisten")
        verbose_name_plural = _("punkter på tjeklisten")

    def __str__(self) -> str:
        return self.text


class ReceptionPlan(models.Model):
    """A household's reception plan (modtageplan), generated from one template version."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.OneToOneField(
        Household, on_delete=models.PROTECT, related_name="reception_plan"
    )
    template = models.ForeignKey(PlanTemplate, on_delete=models.PROTECT, related_name="plans")
    visitation_date = models.DateField(_("visitationsdato"))
    takeover_date = models.DateField(_("kommunen overtager ansvaret"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("modtageplan")
        verbose_name_plural = _("modtageplaner")

    def __str__(self) -> str:
        return str(self.household)


class PlanTask(models.Model):
    """One task of a household's plan; ``person`` is set when the task concerns one person."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ReceptionPlan, on_delete=models.CASCADE, related_name="tasks")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_tasks"
    )
    template_task = models.ForeignKey(
        TemplateTask, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("opgave"), max_length=200)
    description = models.TextField(_("sådan gør du"), blank=True)
    category = models.SlugField(_("type"), max_length=60, blank=True)
    owner_unit_kind = models.CharField(
        _("ansvarlig enhed"), max_length=32, choices=UnitKind.choices
    )
    owner_role = models.CharField(_("ansvarlig rolle"), max_length=32, choices=Role.choices)
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    # the deadline rule, kept so the due date can be recomputed when an anchor date moves
    anchor = models.CharField(_("frist regnes fra"), max_length=32, choices=Anchor.choices)
    anchor_task = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="dependents"
    )
    offset_months = models.IntegerField(default=0)
    offset_days = models.IntegerField(default=0)
    day_kind = models.CharField(max_length=16, choices=DayKind.choices, default=DayKind.CALENDAR)
    adjustment = models.CharField(
        max_length=24, choices=Adjustment.choices, default=Adjustment.NEXT
    )
    due_date = models.DateField(_("frist"), null=True, blank=True)
    # when the counted day was a closed day and the deadline moved: that day and why (REC-4)
    due_counted = models.DateField(null=True, blank=True)
    due_moved_because = models.CharField(
        max_length=16, choices=MovedBecause.choices, blank=True, default=""
    )
    # a member who turns 18 during the programme: the 18th birthday the deadline is counted from
    from_birthday = models.DateField(_("regnet fra 18-årsdagen"), null=True, blank=True)
    # ad-hoc tasks (no template task) say why they were added
    added_reason = models.CharField(_("begrundelse for tilføjelse"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # state
    done_at = models.DateTimeField(_("udført"), null=True, blank=True)
    done_on = models.DateField(_("udført dato"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_initials = models.CharField(_("initialer"), max_length=8, blank=True)
    # the task's standing note (e.g. the housing association and address of a move-in visit,
    # HOU-7), shown while the task is open and kept when it is done
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    # the note given when the task was ticked off
    done_note = models.CharField(_("bemærkning ved afkrydsning"), max_length=500, blank=True)
    not_relevant_reason = models.CharField(_("ikke relevant fordi"), max_length=300, blank=True)
    not_relevant_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(_("fjernet fordi"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["plan", "order", "person_id", "id"]
        indexes = [
            models.Index(fields=["municipality", "owner_unit_kind", "due_date"]),
            models.Index(fields=["municipality", "owner_role", "due_date"]),
        ]
        verbose_name = _("opgave i modtageplan")
        verbose_name_plural = _("opgaver i modtageplaner")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.done_at is None and not self.not_relevant_reason and self.removed_at is None

    def state(self, today: object, due_soon_days: int) -> deadlines.DeadlineState:
        return deadlines.deadline_state(
            due=self.due_date,
            today=today,  # type: ignore[arg-type]
            done_on=self.done_on,
            not_relevant=bool(self.not_relevant_reason),
            due_soon_days=due_soon_days,
        )


class ChecklistTick(models.Model):
    """One checklist item of one plan task, ticked with the staff member's initials and the time
    (HOU-7). Made at the first tick; unticking clears it, the audit keeps what it was."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="checklist_ticks")
    item = models.ForeignKey(TemplateChecklistItem, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(_("krydset af"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_initials = models.CharField(_("initialer"), max_length=8, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "item"], name="checklisttick_once_per_item")
        ]
        verbose_name = _("afkrydset punkt")
        verbose_name_plural = _("afkrydsede punkter")

    def __str__(self) -> str:
        return f"{self.item} ({self.done_initials})"


class DigestNotification(models.Model):
    """One task reported to one staff member in the daily deadline digest of one day."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="notifications")
    date = models.DateField()
    state = models.CharField(max_length=16, choices=DeadlineState.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "task", "date"], name="digest_once_per_day")
        ]
