"""API tokens: created once (the key is shown once, only its SHA-256 hash is stored), checked on
every request, revoked by setting ``revoked_at``."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from velkomst.core import access
from velkomst.core.models import ApiToken, StaffUser

KEY_PREFIX = "vk_"  # makes a leaked key recognisable to secret scanners
PREFIX_LENGTH = 8  # the first characters of the key, kept in clear to tell tokens apart
LAST_USED_RESOLUTION = timedelta(minutes=1)  # last_used_at is written at most once a minute


class TokenUserNotStaff(Exception):
    """Only an active staff member of a municipality, or the immigration service's national
    user (NAT-1, outside every municipality), can hold an API token."""


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _may_hold_token(user: StaffUser) -> bool:
    return user.is_active and (user.municipality_id is not None or access.is_national(user))


@transaction.atomic
def api_token_create(*, user: StaffUser, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the token and its key, which is never stored."""
    if not _may_hold_token(user):
        raise TokenUserNotStaff(user.username)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=hash_key(key), prefix=key[:PREFIX_LENGTH]
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, key: str) -> StaffUser | None:
    """The active staff member a valid, unrevoked key belongs to, else None.

    Marks the token as used (at most once per LAST_USED_RESOLUTION, to spare writes).
    """
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__municipality")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    user = token.user
    if not _may_hold_token(user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user
