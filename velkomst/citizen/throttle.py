"""A limit on code attempts per browser and per address (CIT-1), besides the per-invitation
limit of wrong codes (services.MAX_WRONG_CODES): someone trying many invitation links from one
place is stopped for a while. Counts live in Django's cache (the default local-memory cache,
per process: a deployment with several processes sets a shared cache)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 15 * 60
MAX_ATTEMPTS = 20  # code attempts per address, and per session, in the window


def _keys(request: HttpRequest) -> list[str]:
    keys = [f"citizen-code:ip:{request.META.get('REMOTE_ADDR', '')}"]
    if request.session.session_key:
        keys.append(f"citizen-code:session:{request.session.session_key}")
    return keys


def blocked(request: HttpRequest) -> bool:
    return any((cache.get(key) or 0) >= MAX_ATTEMPTS for key in _keys(request))


def count_attempt(request: HttpRequest) -> None:
    for key in _keys(request):
        if cache.add(key, 1, WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)
