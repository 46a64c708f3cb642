from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import access


def velkomst(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"caps": frozenset()}
    return {"caps": access.capabilities(user), "municipality": user.municipality}
