"""Writes of strategies (MI-1): install the presets, drafts and their guideposts and indicators,
publishing, and hand-entered figures. Keyword-only, one transaction each, an audit row per
record written (SEC-3), the administrator's ``strategy.edit`` checked on the record's
municipality.

A published version is never changed: every edit of a guidepost or an indicator is an edit of a
draft, and each such edit bumps the draft's ``version`` (SEC-5), so two administrators working on
one draft are told instead of overwriting each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction, Municipality, StaffUser
from velkomst.core.records import check_names, snapshot
from velkomst.core.versioning import save_versioned
from velkomst.indicators import library

from . import presets
from .models import (
    Good,
    Guidepost,
    HandFigure,
    Kind,
    Status,
    StrategyIndicator,
    StrategyVersion,
    Unit,
)

VERSION_FIELDS = ("title", "valid_from", "note")
GUIDEPOST_FIELDS = ("title", "description")
INDICATOR_FIELDS = (
    "kind",
    "key",
    "title",
    "no_data_reason",
    "unit",
    "good",
    "breakdown",
    "targets",
)
FIGURE_FIELDS = ("indicator_key", "period_start", "period_end", "value", "source", "note")
EMPTY_TITLE = "Integrationsstrategi"  # stored text: Danish
MAX_TARGET_STEPS = 10


def library_keys() -> dict[str, library.Definition]:
    """The library's definitions by key (the registry in this build)."""
    return {d.key: d for d in library.all_definitions()}


# --- installing ----------------------------------------------------------------------------------


def _create_contents(version: StrategyVersion, preset: presets.Preset) -> None:
    for number, post in enumerate(preset.guideposts, start=1):
        guidepost = Guidepost.objects.create(
            municipality_id=version.municipality_id,
            strategy=version,
            number=number,
            title=post.title,
            description=post.description,
        )
        StrategyIndicator.objects.bulk_create(
            StrategyIndicator(
                municipality_id=version.municipality_id,
                guidepost=guidepost,
                order=order * 10,
                kind=Kind.MANUAL if item.manual else Kind.LIBRARY,
                key=item.key,
                title=item.title,
                no_data_reason=item.no_data_reason,
                unit=presets.expected_unit(item),
                good=item.good,
                breakdown=item.breakdown,
                targets=[{"value": value, "by": by} for value, by in item.targets],
            )
            for order, item in enumerate(post.indicators, start=1)
        )


@transaction.atomic
def install_presets(municipality: Municipality) -> StrategyVersion:
    """The municipality's first strategy version: its preset (``presets.PRESETS`` by
    municipality code), published and in force from ``PRESET_VALID_FROM``; a municipality
    without a preset gets an empty draft to build or copy a preset into.

    Idempotent: a municipality with a version keeps what it has (its latest version is
    returned). A preset's library keys are stored as the preset names them, also a key the
    library of this build does not hold yet (the pages show it as "no data source yet")."""
    existing = StrategyVersion.objects.filter(municipality=municipality).order_by("-number").first()
    if existing is not None:
        return existing
    preset = presets.PRESETS.get(municipality.code)
    if preset is None:
        return StrategyVersion.objects.create(
            municipality=municipality,
            number=1,
            title=EMPTY_TITLE,
            valid_from=timezone.localdate(),
            status=Status.DRAFT,
        )
    version = StrategyVersion.objects.create(
        municipality=municipality,
        number=1,
        title=preset.title,
        valid_from=presets.PRESET_VALID_FROM,
        note=preset.note,
        status=Status.PUBLISHED,
        preset=municipality.code,
        published_at=timezone.now(),
    )
    _create_contents(version, preset)
    return version


# --- drafts --------------------------------------------------------------------------------------


def _require_edit(acting_user: StaffUser, municipality_id: int) -> None:
    access.require_in_tenant(acting_user, access.STRATEGY_EDIT, municipality_id)


def _refuse_published(draft: StrategyVersion) -> None:
    if draft.status != Status.DRAFT:
        raise ValidationError(
            {"__all__": _("En offentliggjort version ændres aldrig. Lav et nyt udkast.")}
        )


def _touch(draft: StrategyVersion, expected_version: int) -> None:
    """Refuse an edit of a published version; bump the draft's version if it is still the one
    the user saw (else ConcurrentEditError)."""
    _refuse_published(draft)
    save_versioned(draft, expected_version=expected_version, fields=[])


def _remove(
    *,
    acting_user: StaffUser,
    draft: StrategyVersion,
    expected_version: int,
    obj: Any,
    names: tuple[str, ...],
) -> None:
    """Delete ``obj`` of the draft ``draft`` (checked and bumped like every edit), with an audit
    row of what it held (``names``)."""
    _require_edit(acting_user, draft.municipality_id)
    _touch(draft, expected_version)
    changes = {name: [getattr(obj, name), None] for name in names}
    audit.log(actor=acting_user, action=AuditAction.DELETE, obj=obj, changes=changes)
    obj.delete()


def _next_number(municipality_id: int) -> int:
    latest = StrategyVersion.objects.filter(municipality_id=municipality_id).aggregate(
        n=Max("number")
    )["n"]
    return (latest or 0) + 1


def _copy_contents(source: StrategyVersion, target: StrategyVersion) -> None:
    for guidepost in source.guideposts.prefetch_related("indicators"):
        indicators = list(guidepost.indicators.all())
        guidepost.pk = None
        guidepost.strategy = target
        guidepost.save()
        for indicator in indicators:
            indicator.pk = None
            indicator.guidepost = guidepost
        StrategyIndicator.objects.bulk_create(indicators)


@transaction.atomic
def draft_create(
    *, acting_user: StaffUser, source: StrategyVersion | None = None
) -> StrategyVersion:
    """A new draft copied from ``source`` (a version of the user's municipality; None: an empty
    draft), numbered after the latest version, in force from today once published."""
    municipality_id = access.tenant_id(acting_user)
    _require_edit(acting_user, municipality_id)
    if source is not None and source.municipality_id != municipality_id:
        raise PermissionDenied("another municipality's strategy")
    try:
        with transaction.atomic():
            draft = StrategyVersion.objects.create(
                municipality_id=municipality_id,
                number=_next_number(municipality_id),
                title=source.title if source else EMPTY_TITLE,
                valid_from=max(timezone.localdate(), source.valid_from)
                if source
                else timezone.localdate(),
                note="",
                status=Status.DRAFT,
                preset=source.preset if source else "",
                created_by=acting_user,
            )
    except IntegrityError as error:  # another administrator made a version at the same moment
        raise ConcurrentEditError(str(StrategyVersion._meta.verbose_name)) from error
    if source is not None:
        _copy_contents(source, draft)
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=draft,
        changes=audit.diff({}, {**snapshot(draft, VERSION_FIELDS), "number": draft.number})
        | ({"copied_from": [None, source.reference]} if source else {}),
    )
    return draft


def _validate_version(draft: StrategyVersion) -> None:
    errors: dict[str, str] = {}
    if not draft.title.strip():
        errors["title"] = _("Skriv strategiens titel.")
    if draft.valid_from is None:
        errors["valid_from"] = _("Angiv hvornår versionen gælder fra.")
    elif draft.valid_from.year < 1990:
        errors["valid_from"] = _("Datoen er for tidlig.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def draft_update(
    *,
    acting_user: StaffUser,
    draft: StrategyVersion,
    expected_version: int,
    values: Mapping[str, Any],
) -> StrategyVersion:
    """Change a draft's title, day in force and note."""
    _require_edit(acting_user, draft.municipality_id)
    check_names(values, VERSION_FIELDS)
    before = snapshot(draft, VERSION_FIELDS)
    for name, value in values.items():
        setattr(draft, name, value)
    _validate_version(draft)
    changes = audit.diff(before, snapshot(draft, VERSION_FIELDS))
    if not changes:
        return draft
    _refuse_published(draft)
    save_versioned(draft, expected_version=expected_version, fields=list(values))
    audit.log(actor=acting_user, action=AuditAction.CHANGE, obj=draft, changes=changes)
    return draft


@transaction.atomic
def draft_copy_preset(
    *, acting_user: StaffUser, draft: StrategyVersion, expected_version: int, code: str
) -> StrategyVersion:
    """Replace the draft's guideposts and indicators with a seed municipality's preset."""
    _require_edit(acting_user, draft.municipality_id)
    preset = presets.PRESETS.get(code)
    if preset is None:
        raise ValidationError({"preset": _("Vælg en af forudindstillingerne.")})
    _touch(draft, expected_version)
    removed = list(draft.guideposts.values_list("title", flat=True))
    draft.guideposts.all().delete()
    _create_contents(draft, preset)
    draft.preset = code
    draft.save(update_fields=["preset"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=draft,
        changes={
            "preset": [None, code],
            "guideposts": [removed, [g.title for g in preset.guideposts]],
        },
    )
    return draft


@transaction.atomic
def draft_discard(*, acting_user: StaffUser, draft: StrategyVersion, expected_version: int) -> None:
    """Delete a draft (a published version is never deleted)."""
    _remove(
        acting_user=acting_user,
        draft=draft,
        expected_version=expected_version,
        obj=draft,
        names=("number", "title"),
    )


@transaction.atomic
def publish(
    *, acting_user: StaffUser, draft: StrategyVersion, expected_version: int
) -> StrategyVersion:
    """Publish the draft: from its day in force it is the strategy, and it is never changed
    again. A draft without guideposts, or with a guidepost without indicators, is refused."""
    _require_edit(acting_user, draft.municipality_id)
    posts = list(draft.guideposts.prefetch_related("indicators"))
    if not posts:
        raise ValidationError({"__all__": _("Tilføj mindst ét pejlemærke før offentliggørelse.")})
    empty = [post for post in posts if not post.indicators.all()]
    if empty:
        raise ValidationError(
            {
                "__all__": _("Pejlemærke %(number)s har ingen indikatorer.")
                % {"number": empty[0].number}
            }
        )
    _validate_version(draft)
    _touch(draft, expected_version)
    draft.status = Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.published_by = acting_user
    draft.save(update_fields=["status", "published_at", "published_by"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=draft,
        changes={"status": [Status.DRAFT.value, Status.PUBLISHED.value]},
    )
    return draft


# --- guideposts ----------------------------------------------------------------------------------


def _validate_guidepost(values: Mapping[str, Any]) -> None:
    if not str(values.get("title", "")).strip():
        raise ValidationError({"title": _("Skriv pejlemærkets titel.")})


@transaction.atomic
def guidepost_add(
    *,
    acting_user: StaffUser,
    draft: StrategyVersion,
    expected_version: int,
    values: Mapping[str, Any],
) -> Guidepost:
    _require_edit(acting_user, draft.municipality_id)
    check_names(values, GUIDEPOST_FIELDS)
    _validate_guidepost(values)
    _touch(draft, expected_version)
    number = (draft.guideposts.aggregate(n=Max("number"))["n"] or 0) + 1
    guidepost = Guidepost.objects.create(
        municipality_id=draft.municipality_id, strategy=draft, number=number, **values
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=guidepost,
        changes=audit.diff({}, {**dict(values), "number": number}),
    )
    return guidepost


@transaction.atomic
def guidepost_update(
    *,
    acting_user: StaffUser,
    guidepost: Guidepost,
    expected_version: int,
    values: Mapping[str, Any],
) -> Guidepost:
    draft = guidepost.strategy
    _require_edit(acting_user, draft.municipality_id)
    check_names(values, GUIDEPOST_FIELDS)
    _validate_guidepost({**snapshot(guidepost, GUIDEPOST_FIELDS), **values})
    changes = audit.diff(snapshot(guidepost, GUIDEPOST_FIELDS), dict(values))
    if not changes:
        return guidepost
    _touch(draft, expected_version)
    for name, value in values.items():
        setattr(guidepost, name, value)
    guidepost.save(update_fields=list(values))
    audit.log(actor=acting_user, action=AuditAction.CHANGE, obj=guidepost, changes=changes)
    return guidepost


def _renumber(draft: StrategyVersion, ordered: Sequence[Guidepost]) -> None:
    for number, post in enumerate(ordered, start=1):
        if post.number != number:
            post.number = number
            post.save(update_fields=["number"])


@transaction.atomic
def guidepost_remove(
    *, acting_user: StaffUser, guidepost: Guidepost, expected_version: int
) -> None:
    """Remove a guidepost and its indicators from the draft; the rest are numbered again."""
    draft = guidepost.strategy
    _remove(
        acting_user=acting_user,
        draft=draft,
        expected_version=expected_version,
        obj=guidepost,
        names=("number", "title"),
    )
    _renumber(draft, list(draft.guideposts.order_by("number", "id")))


def _places(items: Sequence[Any], pk: int, up: bool, refusal: str) -> tuple[int, int]:
    """The place of ``pk`` among ``items`` and the place it moves to (ValidationError: none)."""
    index = next(i for i, item in enumerate(items) if item.pk == pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        raise ValidationError({"__all__": refusal})
    return index, other


@transaction.atomic
def guidepost_move(
    *, acting_user: StaffUser, guidepost: Guidepost, expected_version: int, up: bool
) -> Guidepost:
    """Move a guidepost one place up or down (its number changes with its place)."""
    draft = guidepost.strategy
    _require_edit(acting_user, draft.municipality_id)
    posts = list(draft.guideposts.order_by("number", "id"))
    index, other = _places(posts, guidepost.pk, up, _("Pejlemærket kan ikke flyttes længere."))
    _touch(draft, expected_version)
    before = posts[index].number
    posts[index], posts[other] = posts[other], posts[index]
    _renumber(draft, posts)
    moved = posts[other]
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=moved,
        changes={"number": [before, moved.number]},
    )
    return moved


# --- indicators ----------------------------------------------------------------------------------


def _parse_targets(raw: Any, unit: str) -> list[dict[str, str | None]]:
    """Targets as stored: ``[{"value": "25", "by": "2017-12-31"}, …]``, checked (ValidationError
    on ``targets``): numbers, a share within 0..100, days rising, an undated target alone."""
    if not isinstance(raw, list | tuple):
        raise ValidationError({"targets": _("Målene skal være en liste.")})
    if len(raw) > MAX_TARGET_STEPS:
        raise ValidationError({"targets": _("Højst %(n)s trin.") % {"n": MAX_TARGET_STEPS}})
    steps: list[dict[str, str | None]] = []
    previous: date | None = None
    for number, step in enumerate(raw, start=1):
        if isinstance(step, Mapping):
            value, by = step.get("value"), step.get("by")
        elif isinstance(step, list | tuple) and len(step) == 2:
            value, by = step
        else:
            raise ValidationError({"targets": _("Trin %(n)s: angiv et tal.") % {"n": number}})
        try:
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise ValidationError(
                {
                    "targets": _("Trin %(n)s: %(value)s er ikke et tal.")
                    % {"n": number, "value": value}
                }
            ) from None
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
            raise ValidationError(
                {
                    "targets": _("Trin %(n)s: målet skal være et tal på 0 eller derover.")
                    % {"n": number}
                }
            )
        if unit == Unit.SHARE and amount > 100:
            raise ValidationError(
                {"targets": _("Trin %(n)s: en andel kan højst være 100 %%.") % {"n": number}}
            )
        day: date | None
        if by in (None, ""):
            day = None
        elif isinstance(by, date):
            day = by
        else:
            try:
                day = date.fromisoformat(str(by))
            except ValueError:
                raise ValidationError(
                    {"targets": _("Trin %(n)s: datoen kan ikke læses.") % {"n": number}}
                ) from None
        if day is None and len(raw) > 1:
            raise ValidationError(
                {
                    "targets": _(
                        "Trin %(n)s: et mål i flere trin skal have en dato for hvert trin."
                    )
                    % {"n": number}
                }
            )
        if day is not None and (day.year < 1990 or day.year > 2100):
            raise ValidationError({"targets": _("Trin %(n)s: datoen er urimelig.") % {"n": number}})
        if day is not None and previous is not None and day <= previous:
            raise ValidationError(
                {"targets": _("Trin %(n)s: datoerne skal komme i rækkefølge.") % {"n": number}}
            )
        previous = day or previous
        steps.append(
            {"value": format(amount.normalize(), "f"), "by": day.isoformat() if day else None}
        )
    return steps


def _check_indicator(
    draft: StrategyVersion,
    values: dict[str, Any],
    *,
    current: StrategyIndicator | None = None,
) -> dict[str, Any]:
    """The indicator's values checked and completed (a library indicator's title defaults to
    the library's name); ValidationError naming the field."""
    kind = values.get("kind")
    if kind not in Kind.values:
        raise ValidationError(
            {"kind": _("Vælg om indikatoren er fra biblioteket eller indtastes i hånden.")}
        )
    key = str(values.get("key") or "").strip()
    title = str(values.get("title") or "").strip()
    good = values.get("good") or ""
    if good not in ("", *Good.values):
        raise ValidationError({"good": _("Vælg en retning.")})
    breakdown = str(values.get("breakdown") or "").strip()
    unit = values.get("unit") or ""
    if kind == Kind.LIBRARY:
        definitions = library_keys()
        unchanged = current is not None and current.kind == Kind.LIBRARY and current.key == key
        definition = definitions.get(key)
        if definition is None and not unchanged:
            raise ValidationError(
                {"key": _("Indikatoren %(key)s findes ikke i biblioteket.") % {"key": key or "–"}}
            )
        if definition is not None and breakdown and breakdown not in definition.breakdowns:
            raise ValidationError({"breakdown": _("Indikatoren kan ikke opdeles sådan.")})
        if not title:
            if definition is None:
                raise ValidationError({"title": _("Skriv indikatorens titel.")})
            title = str(definition.name)
        # the library's unit; a key this build's library lacks keeps the unit it had
        unit = str(definition.unit) if definition is not None else (current.unit if current else "")
        values.update(no_data_reason="")
    else:
        if not title:
            raise ValidationError({"title": _("Skriv indikatorens titel.")})
        if not str(values.get("no_data_reason") or "").strip():
            raise ValidationError(
                {"no_data_reason": _("Skriv hvorfor platformen ikke har tallet.")}
            )
        if unit not in Unit.values:
            raise ValidationError({"unit": _("Vælg hvad tallet er.")})
        if breakdown:
            raise ValidationError({"breakdown": _("Et håndindtastet tal har ingen opdeling.")})
        key = key or slugify(title)[:60].replace("-", "_")
        if not key or key in library_keys():
            raise ValidationError({"key": _("Vælg en anden nøgle; denne bruges af biblioteket.")})
        clash = StrategyIndicator.objects.filter(
            guidepost__strategy=draft, kind=Kind.MANUAL, key=key
        )
        if current is not None:
            clash = clash.exclude(pk=current.pk)
        if clash.exists():
            raise ValidationError(
                {
                    "key": _("Strategien har allerede en indikator med nøglen %(key)s.")
                    % {"key": key}
                }
            )
    if len(title) > 400 or len(key) > 80 or len(breakdown) > 40:
        raise ValidationError({"title": _("Teksten er for lang.")})
    return {
        **values,
        "key": key,
        "title": title,
        "good": good,
        "breakdown": breakdown,
        "unit": unit,
        "no_data_reason": str(values.get("no_data_reason") or "").strip(),
        "targets": _parse_targets(values.get("targets") or [], unit),
    }


@transaction.atomic
def indicator_add(
    *,
    acting_user: StaffUser,
    guidepost: Guidepost,
    expected_version: int,
    values: Mapping[str, Any],
) -> StrategyIndicator:
    draft = guidepost.strategy
    _require_edit(acting_user, draft.municipality_id)
    check_names(values, INDICATOR_FIELDS)
    checked = _check_indicator(draft, dict(values))
    _touch(draft, expected_version)
    order = (guidepost.indicators.aggregate(n=Max("order"))["n"] or 0) + 10
    indicator = StrategyIndicator.objects.create(
        municipality_id=draft.municipality_id, guidepost=guidepost, order=order, **checked
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=indicator,
        changes=audit.diff({}, snapshot(indicator, INDICATOR_FIELDS)),
    )
    return indicator


@transaction.atomic
def indicator_update(
    *,
    acting_user: StaffUser,
    indicator: StrategyIndicator,
    expected_version: int,
    values: Mapping[str, Any],
) -> StrategyIndicator:
    draft = indicator.guidepost.strategy
    _require_edit(acting_user, draft.municipality_id)
    check_names(values, INDICATOR_FIELDS)
    before = snapshot(indicator, INDICATOR_FIELDS)
    checked = _check_indicator(draft, {**before, **values}, current=indicator)
    changes = audit.diff(before, checked)
    if not changes:
        return indicator
    _touch(draft, expected_version)
    for name, value in checked.items():
        setattr(indicator, name, value)
    indicator.save(update_fields=list(INDICATOR_FIELDS))
    audit.log(actor=acting_user, action=AuditAction.CHANGE, obj=indicator, changes=changes)
    return indicator


@transaction.atomic
def indicator_remove(
    *, acting_user: StaffUser, indicator: StrategyIndicator, expected_version: int
) -> None:
    _remove(
        acting_user=acting_user,
        draft=indicator.guidepost.strategy,
        expected_version=expected_version,
        obj=indicator,
        names=("key", "title"),
    )


@transaction.atomic
def indicator_move(
    *, acting_user: StaffUser, indicator: StrategyIndicator, expected_version: int, up: bool
) -> StrategyIndicator:
    """Move an indicator one place up or down within its guidepost."""
    draft = indicator.guidepost.strategy
    _require_edit(acting_user, draft.municipality_id)
    items = list(indicator.guidepost.indicators.order_by("order", "id"))
    index, other = _places(items, indicator.pk, up, _("Indikatoren kan ikke flyttes længere."))
    _touch(draft, expected_version)
    items[index], items[other] = items[other], items[index]
    before = indicator.order
    for place, item in enumerate(items, start=1):
        if item.order != place * 10:
            item.order = place * 10
            item.save(update_fields=["order"])
    moved = items[other]
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=moved,
        changes={"order": [before, moved.order]},
    )
    return moved


# --- hand-entered figures ------------------------------------------------------------------------


def manual_keys(municipality_id: int) -> dict[str, StrategyIndicator]:
    """The hand-entered indicators of the municipality's versions by key (the newest version's
    wording)."""
    found: dict[str, StrategyIndicator] = {}
    for indicator in StrategyIndicator.objects.filter(
        municipality_id=municipality_id, kind=Kind.MANUAL
    ).order_by("-guidepost__strategy__number", "guidepost__number", "order"):
        found.setdefault(indicator.key, indicator)
    return found


def _validate_figure(figure: HandFigure) -> None:
    errors: dict[str, str] = {}
    indicator = manual_keys(figure.municipality_id).get(figure.indicator_key)
    if indicator is None:
        errors["indicator_key"] = _("Vælg en af strategiens håndindtastede indikatorer.")
    if figure.period_start is None:
        errors["period_start"] = _("Angiv periodens start.")
    if figure.period_end is None:
        errors["period_end"] = _("Angiv periodens slutning.")
    elif figure.period_start is not None and figure.period_end < figure.period_start:
        errors["period_end"] = _("Perioden slutter før den begynder.")
    elif figure.period_end.year < 1990 or figure.period_end > timezone.localdate().replace(
        year=timezone.localdate().year + 1
    ):
        errors["period_end"] = _("Perioden er urimelig.")
    value = figure.value
    if value is None or not Decimal(value).is_finite() or value < 0 or value >= Decimal("1e12"):
        errors["value"] = _("Tallet skal være 0 eller derover.")
    elif indicator is not None and indicator.unit == Unit.SHARE and value > 100:
        errors["value"] = _("En andel kan højst være 100 %.")
    if not figure.source.strip():
        errors["source"] = _("Skriv hvor tallet kommer fra.")
    if errors:
        raise ValidationError(errors)
    clash = HandFigure.objects.filter(
        municipality_id=figure.municipality_id,
        indicator_key=figure.indicator_key,
        period_start=figure.period_start,
        period_end=figure.period_end,
    ).exclude(pk=figure.pk)
    if clash.exists():
        raise ValidationError(
            {"period_start": _("Der er allerede et tal for indikatoren i perioden; ret det.")}
        )


@transaction.atomic
def hand_figure_create(*, acting_user: StaffUser, values: Mapping[str, Any]) -> HandFigure:
    municipality_id = access.tenant_id(acting_user)
    _require_edit(acting_user, municipality_id)
    check_names(values, FIGURE_FIELDS)
    figure = HandFigure(
        municipality_id=municipality_id, entered_by=acting_user, entered_at=timezone.now(), **values
    )
    _validate_figure(figure)
    figure.save()
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=figure,
        changes=audit.diff({}, snapshot(figure, FIGURE_FIELDS)),
    )
    return figure


@transaction.atomic
def hand_figure_update(
    *,
    acting_user: StaffUser,
    figure: HandFigure,
    expected_version: int,
    values: Mapping[str, Any],
) -> HandFigure:
    """Correct a hand-entered figure (SEC-5 version); the audit row keeps the old value, and
    the figure records who changed it last and when."""
    _require_edit(acting_user, figure.municipality_id)
    check_names(values, FIGURE_FIELDS)
    before = snapshot(figure, FIGURE_FIELDS)
    for name, value in values.items():
        setattr(figure, name, value)
    _validate_figure(figure)
    changes = audit.diff(before, snapshot(figure, FIGURE_FIELDS))
    if not changes:
        return figure
    figure.entered_by = acting_user
    figure.entered_at = timezone.now()
    save_versioned(
        figure,
        expected_version=expected_version,
        fields=[*values, "entered_by", "entered_at"],
    )
    audit.log(actor=acting_user, action=AuditAction.CHANGE, obj=figure, changes=changes)
    return figure
