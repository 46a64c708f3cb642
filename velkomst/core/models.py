"""Tenants (municipalities), units, staff and roles, versioned configuration, audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """A municipality is a tenant: it sees only its own data (SEC-1)."""

    code = models.CharField(_("kommunekode"), max_length=3, unique=True)
    name = models.CharField(_("navn"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class MunicipalityConfig(models.Model):
    """A municipality's numbers (programme length, deadlines, targets ...) as versioned data.

    Each row holds the values that take effect from ``effective_from``; the values in force on a
    day are the defaults overlaid by every row effective on or before that day, oldest first.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="configs")
    effective_from = models.DateField(_("gælder fra"))
    values = models.JSONField(_("værdier"), default=dict)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["municipality", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "effective_from"], name="config_one_version_per_day"
            )
        ]


class UnitKind(models.TextChoices):
    INTEGRATION = "integration", _("Integrationsteam")
    JOBCENTRE = "jobcentre", _("Jobcenter")
    CHILDREN_FAMILY = "children_family", _("Børn og familie")
    SCHOOL = "school", _("Skole")
    DAYCARE = "daycare", _("Dagtilbud")
    HEALTH = "health", _("Sundhed")
    HOUSING = "housing", _("Bolig")
    LANGUAGE_CENTRE = "language_centre", _("Sprogcenter")
    VOLUNTEER_CENTRE = "volunteer_centre", _("Frivilligcenter")


class Unit(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="units")
    kind = models.CharField(_("type"), max_length=32, choices=UnitKind.choices)
    name = models.CharField(_("navn"), max_length=100)
    # where citizens meet the unit and when it is open: the welcome folder shows them (REC-7)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    opening_hours = models.CharField(
        _("åbningstider"),
        max_length=200,
        blank=True,
        help_text=_("Som borgerne skal læse dem, fx »Man.–tors. 9–15, fre. 9–12«"),
    )

    class Meta:
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unit_name_unique")
        ]
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Sagsbehandler")
    JOB_CONSULTANT = "job_consultant", _("Jobkonsulent")
    HOUSING_OFFICER = "housing_officer", _("Boligmedarbejder")
    FAMILY_CONSULTANT = "family_consultant", _("Familiekonsulent")
    HEALTH_COORDINATOR = "health_coordinator", _("Sundhedskoordinator")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Frivilligkoordinator")
    INTERPRETER_COORDINATOR = "interpreter_coordinator", _("Tolkekoordinator")
    MANAGER = "manager", _("Leder")
    ADMINISTRATOR = "administrator", _("Administrator")
    # outside every municipality's tenancy (municipality is None): national reference data,
    # quotas, the employment model and the assignment of arriving households (NAT-1, NAT-2)
    NATIONAL = "national", _("Udlændingestyrelsen")


class StaffUserManager(UserManager["StaffUser"]):
    pass


class StaffUser(AbstractUser):
    """A member of a municipality's staff, with one role, in one or more units."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="staff", null=True, blank=True
    )
    role = models.CharField(_("rolle"), max_length=32, choices=Role.choices, blank=True)
    units = models.ManyToManyField(
        Unit, related_name="staff", blank=True, verbose_name=_("enheder")
    )
    initials = models.CharField(_("initialer"), max_length=8, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    objects: ClassVar[StaffUserManager] = StaffUserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AuditAction(models.TextChoices):
    VIEW = "view", _("Visning")
    SEARCH = "search", _("Søgning")
    CREATE = "create", _("Oprettelse")
    CHANGE = "change", _("Ændring")
    DELETE = "delete", _("Sletning")
    EXPORT = "export", _("Udtræk")


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit entry."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:  # type: ignore[override]
        raise AppendOnlyError("the audit log is append-only")


class AppendOnly(models.Model):
    """A log row: written once, never changed or deleted (the queryset refuses as well)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the audit log is append-only")


class AuditEntry(AppendOnly):
    """One read or change of a citizen's data (SEC-3). Append-only.

    References are plain ids, not foreign keys, so an entry outlives what it describes and no
    cascade can remove it. On PostgreSQL a trigger also refuses UPDATE and DELETE.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    municipality_id = models.BigIntegerField(db_index=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=160)
    person_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    channel = models.CharField(max_length=10, default="web")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["municipality_id", "person_id", "at"]),
            # the municipality's latest write (create/change/delete among the many views): the
            # staleness of cached indicator figures (velkomst.indicators.figures, MI-1)
            models.Index(
                fields=["municipality_id", "action", "at"], name="audit_municipality_action_at"
            ),
        ]
        verbose_name = _("logpost")
        verbose_name_plural = _("log")


class RefusalStatus(models.IntegerChoices):
    FORBIDDEN = 403, _("Ingen adgang (403)")
    NOT_FOUND = 404, _("Ikke fundet (404)")


class RequestChannel(models.TextChoices):
    WEB = "web", _("Side")
    API = "api", _("API")


class SecurityEvent(AppendOnly):
    """A refused request of a logged-in staff member (SEC-1, SEC-3): a 403, or a 404 for an
    object id (another municipality's object is a 404 by design, so a probe across tenants shows
    here). Who, when, the actor's municipality, the route and its ids, the status; never any data
    of the object. Append-only; on PostgreSQL a trigger refuses UPDATE and DELETE as well."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    municipality_id = models.BigIntegerField(null=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=160)
    status = models.PositiveSmallIntegerField(choices=RefusalStatus.choices)
    method = models.CharField(max_length=10)
    route = models.CharField(max_length=100, blank=True)
    path = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    channel = models.CharField(
        max_length=10, choices=RequestChannel.choices, default=RequestChannel.WEB
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["municipality_id", "at"])]
        verbose_name = _("sikkerhedshændelse")
        verbose_name_plural = _("sikkerhedshændelser")


class ApiToken(models.Model):
    """A staff member's API token; only its SHA-256 hash is stored."""

    user = models.ForeignKey(StaffUser, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
