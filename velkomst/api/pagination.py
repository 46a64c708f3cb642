"""limit/offset pagination for every list: {"items": [...], "count": N}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
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


class LoggedPage:
    """A queryset for ``paginate`` that hands the page it returns to ``log`` (e.g. a view per
    person shown, SEC-3), so only the rows actually shown are logged."""

    def __init__(self, queryset: QuerySet[Any], log: Callable[[list[Any]], None]) -> None:
        self.queryset, self.log = queryset, log

    def __len__(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, page: slice) -> list[Any]:
        rows = list(self.queryset[page])
        self.log(rows)
        return rows
