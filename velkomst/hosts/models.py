"""Private lodging (HOU-6, KL Furesø): private hosts offer a room or a flat; the municipality rents
it (a lease of at most two years) and sublets it to a household; host and household are matched on
stated preferences and meet before either decides.

Amounts are whole kroner per month, like the dwelling register's (velkomst.housing).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.housing.models import Area, Dwelling, Placement
from velkomst.people.models import Household


class OfferKind(models.TextChoices):
    ROOM = "room", _("Værelse")
    FLAT = "flat", _("Lejlighed eller hus")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Ledig")
    MATCHED = "matched", _("Matchet")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")


class HouseholdType(models.TextChoices):
    """The matching module's household types (velkomst.hosts.matching.HouseholdType)."""

    SINGLE = "single", _("Enlig voksen")
    COUPLE = "couple", _("Par eller voksne uden børn")
    FAMILY = "family", _("Familie med børn")


class Decision(models.TextChoices):
    PENDING = "pending", _("Afventer")
    YES = "yes", _("Ja")
    NO = "no", _("Nej")


class Outcome(models.TextChoices):
    PENDING = "", _("Ikke afgjort")
    MATCHED = "matched", _("Match: begge sagde ja")
    DECLINED = "declined", _("Intet match")
    CANCELLED = "cancelled", _("Aflyst")


class Host(models.Model):
    """A private person who offers lodging."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=150)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adresse"), max_length=200)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )
    note = models.CharField(_("bemærkning"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["municipality", "name"])]
        verbose_name = _("vært")
        verbose_name_plural = _("værter")

    def __str__(self) -> str:
        return self.name


class HostOffer(models.Model):
    """A room or a flat a host offers, with the host's preferences."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    host = models.ForeignKey(Host, on_delete=models.PROTECT, related_name="offers")
    kind = models.CharField(_("type"), max_length=10, choices=OfferKind.choices)
    description = models.CharField(_("beskrivelse"), max_length=1000, blank=True)
    rooms = models.PositiveSmallIntegerField(_("værelser"), default=1)
    size_m2 = models.PositiveIntegerField(_("størrelse (m²)"))
    rent = models.PositiveIntegerField(_("husleje pr. måned (kr.)"))
    utilities = models.PositiveIntegerField(_("forbrug pr. måned (kr.)"), default=0)
    available_from = models.DateField(_("ledig fra"))
    available_until = models.DateField(_("ledig til"), null=True, blank=True)
    step_free = models.BooleanField(_("niveaufri adgang"), default=False)
    max_persons = models.PositiveSmallIntegerField(_("højst antal personer"))
    household_types = models.JSONField(_("husstande værten tager imod"), default=list)
    languages = models.JSONField(_("værtens sprog"), default=list)  # ISO 639 codes
    pets_ok = models.BooleanField(_("kæledyr accepteres"), default=False)
    smoking_ok = models.BooleanField(_("rygning accepteres"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    dwelling = models.ForeignKey(
        Dwelling, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # the register's dwelling, made when the offer is matched
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["host", "available_from", "id"]
        indexes = [models.Index(fields=["municipality", "status"])]
        verbose_name = _("tilbud om privat indkvartering")
        verbose_name_plural = _("tilbud om privat indkvartering")

    def __str__(self) -> str:
        return f"{self.host}: {self.get_kind_display()}"

    @property
    def monthly_cost(self) -> int:
        return self.rent + self.utilities

    def household_type_labels(self) -> list[str]:
        labels = dict(HouseholdType.choices)
        return [str(labels.get(value, value)) for value in self.household_types]


class LodgingProfile(models.Model):
    """A household's side of private lodging: pets, smoking and whether it wishes to live with a
    private host (the rest of its needs is the housing need, velkomst.housing.HousingNeed)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.OneToOneField(
        Household, on_delete=models.PROTECT, related_name="lodging_profile"
    )
    has_pets = models.BooleanField(_("har kæledyr"), default=False)
    smokes = models.BooleanField(_("ryger"), default=False)
    wants_private_lodging = models.BooleanField(_("ønsker privat indkvartering"), default=False)
    note = models.CharField(_("bemærkning"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ønsker til privat indkvartering")
        verbose_name_plural = _("ønsker til privat indkvartering")

    def __str__(self) -> str:
        return str(self.household)


class Meeting(models.Model):
    """Host and household meet before either decides; each side's decision and the outcome."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(HostOffer, on_delete=models.PROTECT, related_name="meetings")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="host_meetings")
    proposed_by = models.ForeignKey("core.StaffUser", on_delete=models.PROTECT, related_name="+")
    meeting_at = models.DateTimeField(_("mødetidspunkt"))
    place = models.CharField(_("sted"), max_length=200)
    reasons = models.JSONField(default=list)  # the match's reasons when proposed (code, params)
    score = models.IntegerField(default=0)
    host_decision = models.CharField(
        _("værtens beslutning"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    household_decision = models.CharField(
        _("husstandens beslutning"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    outcome = models.CharField(
        _("udfald"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING, blank=True
    )
    outcome_date = models.DateField(_("udfald registreret"), null=True, blank=True)
    outcome_note = models.CharField(_("bemærkning til udfaldet"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-meeting_at", "-id"]
        indexes = [models.Index(fields=["municipality", "outcome"])]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "household"],
                condition=models.Q(outcome=""),
                name="hosts_one_open_meeting_per_offer_and_household",
            )
        ]
        verbose_name = _("møde mellem vært og husstand")
        verbose_name_plural = _("møder mellem vært og husstand")

    def __str__(self) -> str:
        return f"{self.offer} · {self.household} ({self.meeting_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.PENDING


class Lease(models.Model):
    """The municipality's lease with the host (at most two years), sublet to the household."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(HostOffer, on_delete=models.PROTECT, related_name="leases")
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="lease")
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="host_leases"
    )  # the subtenant
    start_date = models.DateField(_("lejemålets start"))
    end_date = models.DateField(_("lejemålets slut"))
    monthly_rent = models.PositiveIntegerField(_("husleje til værten pr. måned (kr.)"))
    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="+")
    placement = models.OneToOneField(Placement, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey("core.StaffUser", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("lejemål med vært")
        verbose_name_plural = _("lejemål med værter")

    def __str__(self) -> str:
        return f"{self.offer.host}: {self.start_date} – {self.end_date}"
