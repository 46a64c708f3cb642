"""limit/offset pagination for every list: {"items": [...], "count": N}."""

from __future__ import annotations

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(settings.VELKOMST_PAGE_SIZE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT)
