"""limit/offset pagination for every list: {"items": [...], "count": N}."""

from __future__ import annotations

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
# Far beyond any list's length, and far within a signed 64-bit OFFSET on SQLite and PostgreSQL:
# a larger offset is a 422 naming it, never the database's overflow as a 500.
MAX_OFFSET = 1_000_000_000


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(settings.VELKOMST_PAGE_SIZE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT)
