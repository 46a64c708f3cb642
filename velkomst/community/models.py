"""Events and associations (CIV-4, CIV-5) and children's leisure (CHI-4).

Events (intro café, language café, speed dating, dialogue meetings before placement, association
days) invite chosen citizens, remind them the day before through the notification backend
(``velkomst.core.notify``; a sent reminder is recorded on the invitation, so it goes once) and
record attendance. Associations (foreninger: sports, culture, clubs; not the housing
associations of ``velkomst.associations``) have activities, free-membership offers (up to six
months in return for volunteering) and participation per person over time, from which
continuity (still active after 3 and 6 months) and the balance between girls and boys, women and
men are counted. Children's and young people's leisure (CHI-4) is the same participation for
persons under 18.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality, StaffUser
from velkomst.housing.models import Area
from velkomst.people.models import Person


class CommunityEventKind(models.TextChoices):
    INTRO_CAFE = "intro_cafe", _("Introcafé")
    LANGUAGE_CAFE = "language_cafe", _("Sprogcafé")
    SPEED_DATING = "speed_dating", _("Speed-dating med lokale")
    DIALOGUE = "dialogue", _("Dialogmøde i lokalsamfundet før boligplacering")
    ASSOCIATION_DAY = "association_day", _("Foreningsdag")


class InvitationChannel(models.TextChoices):
    """How the invitation and its reminder reach the citizen."""

    LETTER = "letter", _("Brev eller udleveret")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class EventAttendance(models.TextChoices):
    UNKNOWN = "unknown", _("Ikke registreret")
    ATTENDED = "attended", _("Deltog")
    ABSENT = "absent", _("Udeblev")
    CANCELLED = "cancelled", _("Meldt afbud")


class AssociationActivityKind(models.TextChoices):
    SPORT = "sport", _("Sport")
    CULTURE = "culture", _("Kultur")
    CLUB = "club", _("Klub")
    SCOUTS = "scouts", _("Spejder")
    MUSIC = "music", _("Musik")
    OTHER = "other", _("Andet")


class _Record(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class Association(_Record):
    """A civil-society association (forening) that receives refugees as members."""

    name = models.CharField(_("navn"), max_length=200)
    contact_name = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )
    note = models.TextField(_("bemærkning"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["municipality", "name"])]
        verbose_name = _("forening")
        verbose_name_plural = _("foreninger")

    def __str__(self) -> str:
        return self.name


class Activity(_Record):
    """One of an association's activities (football for girls 10-14, chess club ...)."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(_("aktivitet"), max_length=150)
    kind = models.CharField(_("type"), max_length=10, choices=AssociationActivityKind.choices)
    for_children = models.BooleanField(_("for børn og unge"), default=False)

    class Meta:
        ordering = ["association", "name", "id"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self) -> str:
        return self.name


class Event(_Record):
    """An event that citizens are invited to (CIV-4)."""

    kind = models.CharField(_("type"), max_length=16, choices=CommunityEventKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("dato"))
    starts_at = models.TimeField(_("starter"))
    ends_at = models.TimeField(_("slutter"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200)
    organiser = models.CharField(_("arrangør"), max_length=200)
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("forening som arrangør"),
    )
    capacity = models.PositiveIntegerField(_("pladser"), null=True, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("boligområde"),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    created_by = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-starts_at", "-id"]
        indexes = [models.Index(fields=["municipality", "held_on"])]
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")

    def __str__(self) -> str:
        return self.title


class Invitation(_Record):
    """A citizen invited to an event; the reminder the day before is sent once
    (``reminder_sent_at``) and attendance recorded afterwards."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="community_invitations"
    )
    invited_on = models.DateField(_("inviteret"))
    language = models.CharField(_("sprog"), max_length=8, default="da")
    channel = models.CharField(
        _("kanal"),
        max_length=8,
        choices=InvitationChannel.choices,
        default=InvitationChannel.LETTER,
    )
    address = models.CharField(
        _("telefon eller e-mail"),
        max_length=200,
        blank=True,
        help_text=_("Til påmindelsen dagen før"),
    )
    attendance = models.CharField(
        _("deltagelse"),
        max_length=10,
        choices=EventAttendance.choices,
        default=EventAttendance.UNKNOWN,
    )
    reminder_sent_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True)
    invited_by = models.ForeignKey(StaffUser, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="community_one_invitation_per_person"
            )
        ]
        indexes = [models.Index(fields=["municipality", "reminder_sent_at"])]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")

    def __str__(self) -> str:
        return f"{self.event}: {self.person}"


class FreeMembership(_Record):
    """Free membership for up to six months in return for volunteering (CIV-5)."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="free_memberships"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="free_memberships")
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"))
    volunteering = models.CharField(_("frivilligt arbejde til gengæld"), max_length=300)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("gratis medlemskab")
        verbose_name_plural = _("gratis medlemskaber")

    def __str__(self) -> str:
        return f"{self.association}: {self.person}"


class Participation(_Record):
    """A person's participation in an association (one of its activities) over time: from
    ``started_on`` until ``ended_on`` (still active when empty). CIV-5 and CHI-4."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="participations"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, null=True, blank=True, related_name="participations"
    )
    started_on = models.DateField(_("startet"))
    ended_on = models.DateField(_("stoppet"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["municipality", "started_on"])]
        verbose_name = _("deltagelse i forening")
        verbose_name_plural = _("deltagelser i foreninger")

    def __str__(self) -> str:
        return f"{self.person}: {self.association}"


class AssociationContact(models.Model):
    """The municipality passes a citizen on to an association (the association will contact
    them): allowed only under the citizen's consent ``contact.association`` at that moment."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    association = models.ForeignKey(Association, on_delete=models.PROTECT, related_name="contacts")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="association_contacts"
    )
    contacted_at = models.DateTimeField(_("formidlet"), default=timezone.now)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    by = models.ForeignKey(StaffUser, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-contacted_at", "-id"]
        verbose_name = _("kontakt på vegne af forening")
        verbose_name_plural = _("kontakter på vegne af foreninger")
