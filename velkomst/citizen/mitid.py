"""Who a MitID sign-in is (CIT-1): the CPR number the broker vouches for names the citizen's
``Person``; the sign-in and a refused one are recorded here. The OpenID Connect exchange itself
is ``citizen/oidc.py`` (Authlib)."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from velkomst.core.audit import log_citizen
from velkomst.core.models import AuditAction, RequestChannel, SecurityEvent
from velkomst.people.models import Person, Phase

from .models import SignInMethod
from .session import sign_in

# The stored reason of the audit row a MitID sign-in writes (core/audit_log.py KNOWN_REASONS)
SIGNED_IN_REASON = "Logget ind med MitID"
# The actor of the security event of a refused sign-in: nobody Velkomst knows
REFUSED_ACTOR = "MitID-login uden borger i Velkomst"

_CPR = re.compile(r"\d{6}-?\d{4}")


def normalise_cpr(value: Any) -> str | None:
    """The claim's CPR number as 10 digits (a dash after the birth date is dropped), or None
    when the claim holds no CPR number."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not _CPR.fullmatch(value):
        return None
    return value.replace("-", "")


def citizen_for_cpr(cpr: str) -> Person | None:
    """The person with this CPR number whose case is active (neither ended nor moved away).
    A person known to several municipalities (they moved) is the one whose case is still open;
    if, unusually, more than one is open, the newest case."""
    return (
        Person.objects.select_related("municipality", "household")
        .filter(cpr=cpr, case__isnull=False)
        .exclude(case__phase=Phase.ENDED)
        .order_by("-case__created_at", "-case__pk")
        .first()
    )


def sign_in_with_mitid(request: HttpRequest, *, person: Person) -> None:
    """Start the citizen's session and audit it, with the citizen as the actor."""
    with transaction.atomic():
        log_citizen(person=person, action=AuditAction.VIEW, reason=SIGNED_IN_REASON)
        sign_in(request, person=person, method=SignInMethod.MITID)


def record_refused_sign_in(request: HttpRequest, *, cpr: str) -> None:
    """A MitID sign-in with no active citizen behind it, as a security event: one in each
    municipality that once knew the CPR number (its administrator sees the attempt on a former
    citizen's case), else one that belongs to no municipality. Never the CPR number itself."""
    match = request.resolver_match
    known_in: list[int | None] = [
        *sorted(set(Person.objects.filter(cpr=cpr).values_list("municipality_id", flat=True)))
    ]
    SecurityEvent.objects.bulk_create(
        SecurityEvent(
            municipality_id=municipality_id,
            actor_id=None,
            actor_label=REFUSED_ACTOR,
            status=403,
            method=(request.method or "")[:10],
            route=(match.view_name if match is not None else "")[:100],
            path=request.path[:300],
            params={},
            channel=RequestChannel.WEB,
        )
        for municipality_id in known_in or [None]
    )
