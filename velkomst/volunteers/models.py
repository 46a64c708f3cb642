"""The resource bank: volunteers and what they offer (CIV-1, CIV-3, CIV-6).

A volunteer is a private person, a settled refugee (linked to the person record) or a member of
an association registering on its behalf. Volunteers register on the municipality's public form
(no login) and a volunteer coordinator approves or declines them; the volunteer corrects their
own entry through a secret link (``token``). Each volunteer offers one or more ``Offer`` rows
(mentor, network family, language café ...). Work with children needs a valid child certificate
(børneattest) and a signed duty of confidentiality (``velkomst.volunteers.services
.child_eligibility``). Refugees who volunteer record their hours per period (``VolunteerHours``)
and can be given a diploma (``Diploma``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.housing.models import Area


class VolunteerKind(models.TextChoices):
    PRIVATE = "private", _("Privatperson")
    REFUGEE = "refugee", _("Flygtning, der er faldet til")
    ASSOCIATION = "association", _("Medlem af en forening")


class VolunteerStatus(models.TextChoices):
    PENDING = "pending", _("Afventer godkendelse")
    APPROVED = "approved", _("Godkendt")
    DECLINED = "declined", _("Afvist")
    INACTIVE = "inactive", _("Ikke aktiv")


class RegisteredVia(models.TextChoices):
    PUBLIC = "public", _("Offentlig tilmelding")
    STAFF = "staff", _("Registreret af kommunen")


class OfferKind(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    NETWORK_FAMILY = "network_family", _("Netværksfamilie")
    LANGUAGE_CAFE = "language_cafe", _("Sprogcafé")
    HOMEWORK_HELP = "homework_help", _("Lektiehjælp")
    SPORTS = "sports", _("Sport og motion")
    CITY_GUIDE = "city_guide", _("Byguide")
    TRANSPORT = "transport", _("Kørsel")
    PRACTICAL_HELP = "practical_help", _("Praktisk hjælp")


class Audience(models.TextChoices):
    ADULTS = "adults", _("Voksne")
    CHILDREN = "children", _("Børn")
    FAMILIES = "families", _("Familier med børn")


# offers for these audiences involve children: they need a valid child certificate (CIV-3)
CHILD_AUDIENCES = frozenset({Audience.CHILDREN, Audience.FAMILIES})


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Mandag")
    TUESDAY = 1, _("Tirsdag")
    WEDNESDAY = 2, _("Onsdag")
    THURSDAY = 3, _("Torsdag")
    FRIDAY = 4, _("Fredag")
    SATURDAY = 5, _("Lørdag")
    SUNDAY = 6, _("Søndag")


class Volunteer(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=12, choices=VolunteerKind.choices)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_entries",
        verbose_name=_("person"),
    )  # a settled refugee's own person record (CIV-6)
    association_name = models.CharField(_("forening"), max_length=150, blank=True)
    name = models.CharField(_("navn"), max_length=150)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), max_length=200, blank=True)
    languages = models.JSONField(
        _("sprog"), default=list, blank=True
    )  # ISO 639 codes as people.codes stores them
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )
    about = models.TextField(_("om mig"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.PENDING,
    )
    decision_reason = models.TextField(_("begrundelse"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.StaffUser",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    # CIV-3: child certificate (børneattest) and duty of confidentiality
    child_certificate_received_on = models.DateField(
        _("børneattest modtaget"), null=True, blank=True
    )
    child_certificate_expires_on = models.DateField(_("børneattest udløber"), null=True, blank=True)
    confidentiality_signed_on = models.DateField(
        _("tavshedserklæring underskrevet"), null=True, blank=True
    )
    registered_via = models.CharField(
        _("registreret via"),
        max_length=10,
        choices=RegisteredVia.choices,
        default=RegisteredVia.STAFF,
    )
    consent_at = models.DateTimeField(_("samtykke givet"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True)  # the volunteer's secret edit link
    source_key = models.CharField(max_length=64, blank=True, db_index=True)  # hashed address
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["municipality", "status", "name"]),
            models.Index(fields=["municipality", "kind"]),
            models.Index(fields=["municipality", "child_certificate_expires_on"]),
        ]
        verbose_name = _("frivillig")
        verbose_name_plural = _("frivillige")

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    """What a volunteer (or their association) offers, where, when, in which languages and to
    whom."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="offers", verbose_name=_("frivillig")
    )
    kind = models.CharField(_("type"), max_length=20, choices=OfferKind.choices)
    description = models.CharField(_("beskrivelse"), max_length=1000, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )
    weekdays = models.JSONField(_("ugedage"), default=list, blank=True)  # Weekday values
    time_from = models.TimeField(_("fra kl."), null=True, blank=True)
    time_to = models.TimeField(_("til kl."), null=True, blank=True)
    languages = models.JSONField(
        _("sprog"), default=list, blank=True
    )  # ISO 639 codes as people.codes stores them
    capacity = models.PositiveSmallIntegerField(_("kapacitet"), default=1)
    audience = models.JSONField(_("målgruppe"), default=list)  # Audience values
    active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["volunteer", "kind", "id"]
        indexes = [models.Index(fields=["municipality", "kind", "active"])]
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.get_kind_display()}"

    @property
    def involves_children(self) -> bool:
        return bool(CHILD_AUDIENCES.intersection(self.audience))

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels.get(value, value)) for value in self.audience]

    def weekday_labels(self) -> list[str]:
        labels = dict(Weekday.choices)
        return [str(labels.get(value, value)) for value in self.weekdays]


class VolunteerHours(models.Model):
    """Hours a volunteer gave in a period (CIV-6)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="hours", verbose_name=_("frivillig")
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    hours = models.DecimalField(_("timer"), max_digits=6, decimal_places=1)
    activity = models.CharField(_("aktivitet"), max_length=200, blank=True)
    recorded_by = models.ForeignKey("core.StaffUser", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["period_start", "id"]
        verbose_name = _("frivillige timer")
        verbose_name_plural = _("frivillige timer")

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.hours}"


class Diploma(models.Model):
    """A diploma issued to a volunteer for the hours of a period (CIV-6)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="diplomas", verbose_name=_("frivillig")
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    hours = models.DecimalField(_("timer"), max_digits=7, decimal_places=1)
    activities = models.CharField(_("aktiviteter"), max_length=500, blank=True)
    issued_on = models.DateField(_("udstedt"))
    issued_by = models.ForeignKey("core.StaffUser", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("diplom")
        verbose_name_plural = _("diplomer")

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.period_start}–{self.period_end}"
