"""Writes of the citizen's entrance (CIT-1): invitations a caseworker sends, and a citizen
accepting one.

An invitation is a one-time link (``/borger/invitation/<token>/``) plus a code: the link and the
code go to the citizen by the channel the caseworker chooses (SMS or e-mail through the
notification backend, or on paper: the caseworker's page shows both once). Only hashes are
stored. An invitation is open until it is used, expires (``citizen_invitation_days``), is
superseded by a newer one to the same person, or is closed after ``MAX_WRONG_CODES`` wrong codes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velkomst.core import access, audit, notify
from velkomst.core.config import config_value
from velkomst.core.models import AuditAction, StaffUser
from velkomst.people.models import Person

from . import translations
from .models import Invitation, SignInMethod

MAX_WRONG_CODES = 5
CODE_LENGTH = 8
# no 0/O, 1/I/L: a code read aloud or copied from paper is typed right
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

SENT_REASON = "Invitation til borgerindgangen sendt"
CLOSED_REASON = "Invitation til borgerindgangen lukket: for mange forkerte koder"
SIGN_IN_REASONS: dict[str, str] = {
    SignInMethod.INVITATION: "Borgerindgang: logget ind med invitation",
    SignInMethod.MITID: "Borgerindgang: logget ind med MitID",
}
SIGN_OUT_REASON = "Borgerindgang: logget ud"


class Channel:
    """How the link and the code reach the citizen."""

    SMS = notify.SMS
    EMAIL = notify.EMAIL
    PAPER = "paper"
    CHOICES = (
        (SMS, gettext_lazy("SMS")),
        (EMAIL, gettext_lazy("E-mail")),
        (PAPER, gettext_lazy("På papir: jeg giver borgeren linket og koden")),
    )


# Why an invitation cannot be used, in words for the citizen (shown in their language)
NOT_FOUND = "not_found"
USED = "used"
EXPIRED = "expired"
SUPERSEDED = "superseded"
CLOSED = "closed"
WRONG_CODE = "wrong_code"
MESSAGES = {
    NOT_FOUND: gettext_lazy(
        "Linket virker ikke. Tjek, at du har kopieret hele linket, eller bed din "
        "sagsbehandler om en ny invitation."
    ),
    USED: gettext_lazy(
        "Invitationen er allerede brugt. Bed din sagsbehandler om en ny invitation."
    ),
    EXPIRED: gettext_lazy("Invitationen er udløbet. Bed din sagsbehandler om en ny invitation."),
    SUPERSEDED: gettext_lazy(
        "Der er sendt en nyere invitation til dig. Brug linket i den nyeste besked."
    ),
    CLOSED: gettext_lazy(
        "Koden er skrevet forkert for mange gange, så invitationen er lukket. Bed din "
        "sagsbehandler om en ny invitation."
    ),
    WRONG_CODE: gettext_lazy("Koden er forkert. Du har %(left)s forsøg tilbage."),
}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def code_hash(token: str, code: str) -> str:
    """The code keyed by the secret key and the invitation's own token: a leaked table of hashes
    cannot be tried against the small space of codes without both."""
    key = f"{settings.SECRET_KEY}:{token}".encode()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def state(invitation: Invitation, now: Any = None) -> str:
    """ "open", or why the invitation cannot be used."""
    now = now or timezone.now()
    if invitation.used_at is not None:
        return USED
    if invitation.failed_attempts >= MAX_WRONG_CODES:
        return CLOSED
    if invitation.superseded_at is not None:
        return SUPERSEDED
    if invitation.expires_at <= now:
        return EXPIRED
    return "open"


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    link: str
    code: str
    channel: str


def _validate_address(channel: str, address: str) -> str:
    address = address.strip()
    if channel == Channel.PAPER:
        return ""
    if channel not in (Channel.SMS, Channel.EMAIL):
        raise ValidationError({"channel": _("Vælg, hvordan invitationen skal sendes.")})
    if not address:
        raise ValidationError({"address": _("Skriv borgerens mobilnummer eller e-mailadresse.")})
    if channel == Channel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError({"address": _("Skriv en gyldig e-mailadresse.")}) from None
    else:
        digits = address.replace(" ", "").removeprefix("+")
        if not digits.isdigit() or not 8 <= len(digits) <= 15:
            raise ValidationError(
                {"address": _("Skriv et mobilnummer med 8 cifre (med landekode: op til 15).")}
            )
    return address


def citizen_language(person: Person) -> str:
    """The language of the messages to the person: their native language when the entrance
    speaks it, else Danish."""
    from velkomst.welcome.selectors import native_language

    return translations.offered(native_language(person), settings.CITIZEN_LANGUAGES)


def _messages(person: Person, link: str, code: str, days: int) -> tuple[str, str, str]:
    with translation.override(citizen_language(person)):
        subject = _("Invitation til din side hos kommunen")
        link_text = _(
            "Hej %(name)s. Din sagsbehandler har givet dig adgang til din egen side med din "
            "plan, dine aftaler og dine kontaktpersoner. Åbn linket inden for %(days)s dage: "
            "%(link)s Du får koden i en anden besked."
        ) % {"name": person.first_name, "days": days, "link": link}
        code_text = _("Din kode til din side hos kommunen: %(code)s") % {"code": code}
    return subject, link_text, code_text


@transaction.atomic
def invitation_send(
    *, actor: StaffUser, person: Person, channel: str, address: str = ""
) -> SentInvitation:
    """A new invitation to ``person`` (superseding their open ones), sent by ``channel``; the
    link and the code are returned once, for the caseworker's page. Nothing is written if the
    message cannot be sent."""
    access.require_in_tenant(actor, access.CITIZEN_INVITE, person.municipality_id)
    address = _validate_address(channel, address)
    now = timezone.now()
    days = int(config_value(person.municipality, "citizen_invitation_days"))
    for older in Invitation.objects.select_for_update().filter(
        person=person, used_at__isnull=True, superseded_at__isnull=True, expires_at__gt=now
    ):
        older.superseded_at = now
        older.save(update_fields=["superseded_at"])
        audit.log(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=older,
            person_id=person.pk,
            changes={"superseded_at": [None, now]},
        )
    token = secrets.token_urlsafe(32)
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    invitation = Invitation.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        token_hash=token_hash(token),
        code_hash=code_hash(token, code),
        created_by=actor,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    audit.log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=invitation,
        person_id=person.pk,
        changes={"expires_at": [None, invitation.expires_at]},
        reason=SENT_REASON,
    )
    link = settings.VELKOMST_BASE_URL.rstrip("/") + reverse("citizen-invitation", args=[token])
    if channel != Channel.PAPER:
        subject, link_text, code_text = _messages(person, link, code, days)
        for body in (link_text, code_text):
            sent = notify.send(
                notify.Notification(channel=channel, to=address, subject=subject, body=body)
            )
            if not sent:
                raise ValidationError(
                    {"address": _("Beskeden kunne ikke sendes. Prøv igen, eller giv den på papir.")}
                )
    return SentInvitation(invitation=invitation, link=link, code=code, channel=channel)


@dataclass(frozen=True)
class Accepted:
    """The outcome of a code typed for an invitation: the person signed in, or why not."""

    person: Person | None = None
    problem: str = ""
    attempts_left: int = 0

    @property
    def message(self) -> str:
        if not self.problem:
            return ""
        text = MESSAGES[self.problem]
        if self.problem == WRONG_CODE:
            return str(text) % {"left": self.attempts_left}
        return str(text)


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("person", "person__municipality")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, code: str) -> Accepted:
    """Check ``code`` against the invitation of ``token``. The right code marks the invitation
    used and audits the sign-in with the citizen as actor; a wrong one counts against the
    invitation, which closes at ``MAX_WRONG_CODES``. The caller starts the session."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("person")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        return Accepted(problem=NOT_FOUND)
    now = timezone.now()
    problem = state(invitation, now)
    if problem != "open":
        return Accepted(problem=problem)
    person = invitation.person
    if not hmac.compare_digest(code_hash(token, code), invitation.code_hash):
        invitation.failed_attempts += 1
        invitation.save(update_fields=["failed_attempts"])
        if invitation.failed_attempts >= MAX_WRONG_CODES:
            audit.log_citizen(
                person=person,
                action=AuditAction.CHANGE,
                obj=invitation,
                changes={"failed_attempts": [MAX_WRONG_CODES - 1, MAX_WRONG_CODES]},
                reason=CLOSED_REASON,
            )
            return Accepted(problem=CLOSED)
        return Accepted(
            problem=WRONG_CODE, attempts_left=MAX_WRONG_CODES - invitation.failed_attempts
        )
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    audit.log_citizen(
        person=person,
        action=AuditAction.CHANGE,
        obj=invitation,
        changes={"used_at": [None, now.isoformat()]},
        reason=SIGN_IN_REASONS[SignInMethod.INVITATION],
    )
    return Accepted(person=person)


@transaction.atomic
def signed_out(*, person: Person) -> None:
    """The citizen signed out: an entry in their log."""
    audit.log_citizen(person=person, action=AuditAction.VIEW, reason=SIGN_OUT_REASON)
