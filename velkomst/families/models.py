"""Children's daycare and school placements (CHI-2) and the municipality's institutions."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.people.models import Person

from .states import PlacementState


class PlacementKind(models.TextChoices):
    """The kind of place a child needs, by age: daycare 0-5, school 6-16, youth education 17."""

    DAYCARE = "daycare", _("Dagtilbud")
    SCHOOL = "school", _("Skole")
    YOUTH_EDUCATION = "youth_education", _("Ungdomsuddannelse")
    OTHER = "other", _("Andet")


class ClassType(models.TextChoices):
    RECEPTION_CLASS = "reception_class", _("Modtagelsesklasse")
    ORDINARY_CLASS = "ordinary_class", _("Almindelig klasse")
    DAYCARE = "daycare", _("Dagtilbud")
    OTHER = "other", _("Andet")


class PlacementStateChoices(models.TextChoices):
    AWAITING_ARRIVAL = PlacementState.AWAITING_ARRIVAL.value, _("Afventer ankomst")
    DUE = PlacementState.DUE.value, _("Skal starte")
    OVERDUE = PlacementState.OVERDUE.value, _("Overskredet")
    STARTED_ON_TIME = PlacementState.STARTED_ON_TIME.value, _("Startet til tiden")
    STARTED_LATE = PlacementState.STARTED_LATE.value, _("Startet for sent")


class Institution(models.Model):
    """A daycare, school or youth education in the municipality (a simple register)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=150)
    kind = models.CharField(_("type"), max_length=20, choices=PlacementKind.choices)
    area = models.CharField(_("område"), max_length=100, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    # MI-5: the institution's own figures, for the share of children with non-Western background
    # (the places page): all its children, and those with non-Western background who are not
    # the platform's (the platform's own children placed there are counted from their places)
    children_total = models.PositiveIntegerField(
        _("børn i institutionen i alt"), null=True, blank=True
    )
    other_non_western_children = models.PositiveIntegerField(
        _("andre børn med ikke-vestlig baggrund"),
        null=True,
        blank=True,
        help_text=_("Børn med ikke-vestlig baggrund i institutionen, som ikke er på platformen."),
    )

    class Meta:
        ordering = ["municipality", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="institution_name_unique")
        ]
        verbose_name = _("institution")
        verbose_name_plural = _("institutioner")

    def __str__(self) -> str:
        return f"{self.name} ({self.area})" if self.area else self.name


class ChildPlacement(models.Model):
    """One child's place in daycare, school or youth education, and its start (CHI-2).

    The institution is one from the register or a name typed in. Whether the start met the
    service standard is computed (families.states), never stored: it depends on today.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="placement")
    kind = models.CharField(_("type plads"), max_length=20, choices=PlacementKind.choices)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("institution"),
    )
    institution_name = models.CharField(_("institution (fritekst)"), max_length=150, blank=True)
    class_type = models.CharField(
        _("klasse/tilbud"), max_length=20, choices=ClassType.choices, blank=True
    )
    planned_start_date = models.DateField(_("planlagt start"), null=True, blank=True)
    actual_start_date = models.DateField(_("faktisk start"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        indexes = [
            models.Index(fields=["municipality", "actual_start_date"]),
            models.Index(fields=["municipality", "institution"]),
        ]
        verbose_name = _("plads i dagtilbud eller skole")
        verbose_name_plural = _("pladser i dagtilbud og skole")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"

    @property
    def institution_label(self) -> str:
        if self.institution_id is not None and self.institution is not None:
            return self.institution.name
        return self.institution_name


class MeasureScope(models.TextChoices):
    CHILD = "child", _("Barnet")
    FAMILY = "family", _("Hele familien")


class MeasureKind(models.TextChoices):
    """What kind of support a measure is (CHI-3): the family consultants' preventive support,
    parenting courses and network measures are activities on the family plan."""

    PREVENTIVE = "preventive", _("Forebyggende støtte")
    PARENTING_COURSE = "parenting_course", _("Forældrekursus")
    NETWORK = "network", _("Netværksindsats")
    OTHER = "other", _("Anden indsats")


class FamilyMeasure(models.Model):
    """A measure the family consultant has set in motion for one child or the whole household
    (CHI-1's family plan): what, who is responsible, from and to, and when to follow up."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="family_measures"
    )
    child = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="family_measures",
        verbose_name=_("barn"),
    )  # None: the whole family
    kind = models.CharField(
        _("type indsats"), max_length=20, choices=MeasureKind.choices, default=MeasureKind.OTHER
    )
    measure = models.CharField(_("indsats"), max_length=500)
    responsible = models.CharField(_("ansvarlig"), max_length=150)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)
    follow_up_on = models.DateField(_("opfølgning"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["household", "starts_on", "id"]
        indexes = [models.Index(fields=["municipality", "household"])]
        verbose_name = _("familieindsats")
        verbose_name_plural = _("familieindsatser")

    def __str__(self) -> str:
        return self.measure[:60]

    @property
    def scope(self) -> str:
        return MeasureScope.CHILD if self.child_id else MeasureScope.FAMILY
