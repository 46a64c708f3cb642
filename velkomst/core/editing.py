"""The edit page of a versioned record, shared by the programme's apps: load the record (None for
a new one), a form bound to the POST, one service to save it, the service's ValidationError on the
form, a concurrent edit shown with the newest values (``core.views.edit_versioned``), then either
the redirect after saving or the form page with its title, back link and breadcrumbs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

from . import audit
from .views import edit_versioned, form_page

Save = Callable[[Any, Any, dict[str, Any]], Any]


@dataclass(frozen=True)
class Shown:
    """How the form page of a record is titled and where it leads back to."""

    title: str
    back: str
    crumbs: list[tuple[str, str]] = field(default_factory=list)


def create_or_update(create: Callable[[dict[str, Any]], Any], update: Save) -> Save:
    """A ``save`` for ``edit_page`` that creates a new record (``load`` gave None) or updates
    the loaded one with the version the user saw."""

    def save(record: Any, version: Any, values: dict[str, Any]) -> Any:
        if record is None:
            return create(values)
        return update(record, version, values)

    return save


def edit_page(
    request: HttpRequest,
    *,
    load: Callable[[], Any],
    make_form: Callable[[Any, Any], Any],
    save: Save,
    saved: str,
    done: Callable[[Any], str],
    shown: Callable[[Any], Shown],
    read: Callable[[Any], None] | None = None,
    template: str = "people/form_page.html",
) -> HttpResponse:
    """The whole edit flow of a versioned record: after a save, the redirect to ``done`` of what
    ``save`` returned; else ``read`` (the audit of what the page shows) and the form page."""
    record, form, redirect = edit_versioned(
        request, load=load, make_form=make_form, save=save, saved=saved, done=done
    )
    if redirect is not None:
        return redirect
    if read is not None:
        read(record)
    page = shown(record)
    return form_page(
        request, form, title=page.title, back=page.back, crumbs=page.crumbs, template=template
    )


def person_edit_page(
    request: HttpRequest,
    *,
    person: Any,
    load: Callable[[], Any],
    make_form: Callable[[Any, Any], Any],
    save: Save,
    saved: str,
    title: Callable[[Any], str],
    back: str,
    crumbs: list[tuple[str, str]],
    template: str = "people/form_page.html",
) -> HttpResponse:
    """``edit_page`` for a record of one person (a new one when ``load`` gives None): the page is
    a read of the record (or the person) on the person's log, and leads back to ``back``."""
    user: Any = request.user
    return edit_page(
        request,
        load=load,
        make_form=make_form,
        save=save,
        saved=saved,
        done=lambda _record: back,
        read=lambda record: audit.log_read(actor=user, obj=record or person, persons=[person]),
        shown=lambda record: Shown(title=title(record), back=back, crumbs=crumbs),
        template=template,
    )
