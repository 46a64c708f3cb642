"""Schemas of the matching API (PRG-4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from velkomst.matching.models import RunStatus


class ReasonOut(Schema):
    code: str = Field(description="the reason's code (engines.matching.explain)")
    params: dict[str, Any]
    points: float = Field(description="what this part adds to the score")


class PersonMatchOut(Schema):
    person_id: int
    name: str
    score: float = Field(description="0 to 100 with the default weights; 0 when not eligible")
    eligible: bool = Field(description="false: a hard rule excludes the pair (the first reason)")
    reasons: list[str] = Field(description="why, in the caller's language")
    reason_data: list[ReasonOut]


class OpeningMatchOut(Schema):
    opening_id: int
    title: str
    company: str
    score: float
    eligible: bool
    reasons: list[str] = Field(description="why, in the caller's language")
    reason_data: list[ReasonOut]


class MatchingRunOut(Schema):
    id: int
    status: RunStatus
    stage: str
    progress: int = Field(description="percent")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    openings: int
    persons: int
    objective: float | None = Field(description="the suggestions' points together")
    bound: float | None = Field(description="the most points any fill can reach (LP bound)")
    greedy_objective: float | None = Field(description="points of the best-pair-first fill")
    solver_status: str
    rules_broken: int = Field(description="the independent check's findings (0 for a good run)")
    error: str

    @staticmethod
    def resolve_openings(obj: Any) -> int:
        return len(obj.opening_ids)

    @staticmethod
    def resolve_persons(obj: Any) -> int:
        return len(obj.person_ids)

    @staticmethod
    def resolve_rules_broken(obj: Any) -> int:
        return len((obj.rule_check or {}).get("broken", []))


class MatchingSuggestionOut(Schema):
    id: int
    run_id: int
    opening_id: int
    opening_title: str = Field(alias="opening.title")
    person_id: int
    person_name: str = Field(alias="person.full_name")
    score: float
    reasons: list[str] = Field(description="why, in the caller's language")

    @staticmethod
    def resolve_reasons(obj: Any) -> list[str]:
        from velkomst.matching.selectors import stored_reasons_text

        return stored_reasons_text(obj.reasons)
