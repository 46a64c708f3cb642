"""The citizen's own entrance (CIT-1): a citizen is never a staff user. They sign in through
MitID (an OpenID Connect broker) or an invitation a caseworker sends, and their session names
the person, never a ``StaffUser`` (``citizen/session.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class SignInMethod(models.TextChoices):
    MITID = "mitid", _("MitID")
    INVITATION = "invitation", _("Invitation fra sagsbehandleren")


class Invitation(models.Model):
    """A one-time link plus a code a caseworker sends a citizen without MitID: single use,
    expiring, and closed after too many wrong codes. Only hashes are stored."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=128)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("udløber"))
    used_at = models.DateTimeField(_("brugt"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    # a newer invitation to the same person closes this one (services.invitation_send)
    superseded_at = models.DateTimeField(_("erstattet af en nyere"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "created_at"])]
        verbose_name = _("invitation til borgerindgangen")
        verbose_name_plural = _("invitationer til borgerindgangen")
