"""How the API answers errors: always ``{"detail": ..., "errors": [{"field", "message"}]}``.

The services raise named exceptions; they become status codes here, so views stay thin.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as ServiceValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.moved import HandedOver
from velkomst.neighbours.services import IllegalTransition as IllegalReportTransition
from velkomst.people.services import (
    EndReasonRequired,
    IllegalPhaseTransition,
    NotSameMunicipality,
    TooManyContactPersons,
)
from velkomst.referrals.services import IllegalTransition as IllegalReferralTransition

if TYPE_CHECKING:
    from ninja import NinjaAPI


class InvalidField(Exception):
    """Input that passed the schema but not the lookup or rule behind it: a 422 naming it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


def _body(detail: str, *field_errors: tuple[str, str]) -> dict[str, Any]:
    return {"detail": detail, "errors": [{"field": f, "message": m} for f, m in field_errors]}


# The first parts of a ninja error's location that are not the field's own name.
_LOCATION_PREFIXES = {"body", "query", "path", "header", "cookie", "form", "file"}
_PARAM_NAMES = {"payload", "filters", "ninja_pagination"}


def _field_name(loc: list[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in _LOCATION_PREFIXES:
        parts = parts[1:]
    if parts and parts[0] in _PARAM_NAMES:
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or "body"


def _field_message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "invalid"))
    return message.removeprefix("Value error, ")


def service_field_errors(exc: ServiceValidationError) -> list[tuple[str, str]]:
    """(field, message) of a service's ValidationError: each field it names, else "body"."""
    if hasattr(exc, "error_dict"):
        return [
            ("body" if name == NON_FIELD_ERRORS else name, str(message))
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [("body", str(message)) for message in exc.messages]


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        field_errors = [(_field_name(e.get("loc", [])), _field_message(e)) for e in exc.errors]
        names = ", ".join(dict.fromkeys(f for f, _ in field_errors))
        return respond(request, 422, _body(f"Invalid input: {names}.", *field_errors))

    @api.exception_handler(InvalidField)
    def invalid_field(request: HttpRequest, exc: InvalidField) -> HttpResponse:
        body = _body(f"Invalid input: {exc.field}.", (exc.field, exc.message))
        return respond(request, 422, body)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(
            request,
            401,
            _body("Authentication required: send 'Authorization: Bearer <key>' with a valid key."),
        )
        response["WWW-Authenticate"] = 'Bearer realm="velkomst"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, _body(str(exc)))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        needed = f" (needs {exc.args[0]})" if exc.args else ""
        return respond(request, 403, _body(f"Your role may not do this{needed}."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, _body("Not found."))

    @api.exception_handler(ConcurrentEditError)
    def concurrent_edit(request: HttpRequest, exc: ConcurrentEditError) -> HttpResponse:
        detail = (
            f"The {exc.label or 'record'} was changed by someone else after you read it, so "
            "your change was not saved. Read it again (for the new version) and redo the change."
        )
        return respond(request, 409, _body(detail, ("version", exc.message)))

    @api.exception_handler(HandedOver)
    def handed_over(request: HttpRequest, exc: HandedOver) -> HttpResponse:
        """A write about a household handed over to another municipality (COO-5)."""
        message = exc.messages[0]
        return respond(request, 409, _body(message, ("household", message)))

    @api.exception_handler(ServiceValidationError)
    def service_rule_broken(request: HttpRequest, exc: ServiceValidationError) -> HttpResponse:
        """A rule the service checks (not the schema): 422 naming each field."""
        field_errors = service_field_errors(exc)
        names = ", ".join(dict.fromkeys(f for f, _ in field_errors))
        return respond(request, 422, _body(f"Invalid input: {names}.", *field_errors))

    @api.exception_handler(IllegalPhaseTransition)
    def illegal_transition(request: HttpRequest, exc: IllegalPhaseTransition) -> HttpResponse:
        detail = f"{exc.message} ({exc.from_phase} → {exc.to_phase})"
        return respond(request, 409, _body(detail, ("to", exc.message)))

    @api.exception_handler(EndReasonRequired)
    def end_reason_required(request: HttpRequest, exc: EndReasonRequired) -> HttpResponse:
        return respond(
            request, 422, _body("Invalid input: end_reason.", ("end_reason", exc.message))
        )

    @api.exception_handler(NotSameMunicipality)
    def not_same_municipality(request: HttpRequest, exc: NotSameMunicipality) -> HttpResponse:
        return respond(request, 422, _body(exc.message))

    @api.exception_handler(IllegalReportTransition)
    def report_closed(request: HttpRequest, exc: IllegalReportTransition) -> HttpResponse:
        message = str(_("Sagen er lukket og kan ikke ændres."))
        return respond(request, 409, _body(message, ("status", message)))

    @api.exception_handler(IllegalReferralTransition)
    def referral_answered(request: HttpRequest, exc: IllegalReferralTransition) -> HttpResponse:
        message = str(_("Henvisningen er allerede besvaret."))
        return respond(request, 409, _body(message, ("status", message)))

    @api.exception_handler(TooManyContactPersons)
    def too_many_contacts(request: HttpRequest, exc: TooManyContactPersons) -> HttpResponse:
        return respond(request, 409, _body(exc.message))


_NUL = "\x00"


def _nul_paths(value: Any, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [path] if _NUL in value else []
    if isinstance(value, dict):
        found = [path + (key,) for key in value if isinstance(key, str) and _NUL in key]
        for key, item in value.items():
            found += _nul_paths(item, path + (key,))
        return found
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _nul_paths(item, path + (i,))]
    return []


def reject_nul_characters(request: HttpRequest) -> None:
    """A 422 naming each field whose text holds a NUL character (``\\u0000``).

    No record can hold one (PostgreSQL's text refuses it), so every route refuses it before its
    schema is read, whether or not the field has its own pattern: a clear error, never a 500.
    """
    paths: list[tuple[Any, ...]] = [
        ("query", key) for key, values in request.GET.lists() if _NUL in "".join([key, *values])
    ]
    body = b"" if (request.content_type or "").startswith("multipart/") else request.body
    if _NUL.encode() in body or b"\\u0000" in body:
        try:
            data = json.loads(body)
        except ValueError:
            data = None  # not JSON: the route's own parsing answers 400
        paths += [("body", *p) for p in _nul_paths(data, ())]
    if paths:
        message = "contains a NUL character (\\u0000), which cannot be stored"
        raise ValidationError([{"loc": p, "msg": message} for p in dict.fromkeys(paths)])
