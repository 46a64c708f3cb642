"""Editing a strategy in versions, and hand-entered figures (MI-1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.strategies import selectors, services
from velkomst.strategies.models import Guidepost, HandFigure, Status, StrategyIndicator


def test_a_draft_copies_the_current_version_and_publishing_makes_it_current(
    strategy, draft, admin_user, manager
):
    # REQ: MI-1
    assert draft.number == 2 and draft.status == Status.DRAFT
    assert [g.title for g in draft.guideposts.order_by("number")] == [
        g.title for g in strategy.guideposts.order_by("number")
    ]
    assert StrategyIndicator.objects.filter(guidepost__strategy=draft).count() == (
        StrategyIndicator.objects.filter(guidepost__strategy=strategy).count()
    )
    post = draft.guideposts.order_by("number").first()
    services.guidepost_update(
        acting_user=admin_user,
        guidepost=post,
        expected_version=draft.version,
        values={"title": "Modtagelsen"},
    )
    draft.refresh_from_db()
    assert selectors.current_version(manager) == strategy  # a draft is not in force
    services.publish(acting_user=admin_user, draft=draft, expected_version=draft.version)
    assert selectors.current_version(manager) == draft
    # the old version is kept as it was, and a report can name it
    assert strategy.guideposts.order_by("number").first().title == "Modtagelsesperioden"
    assert selectors.version_by_reference(strategy.municipality_id, "400-v1") == strategy
    assert strategy.reference == "400-v1" and draft.reference == "400-v2"


def test_a_published_version_is_never_changed(strategy, admin_user):
    # REQ: MI-1
    post = strategy.guideposts.first()
    with pytest.raises(ValidationError):
        services.guidepost_update(
            acting_user=admin_user,
            guidepost=post,
            expected_version=strategy.version,
            values={"title": "Noget andet"},
        )
    with pytest.raises(ValidationError):
        services.indicator_remove(
            acting_user=admin_user,
            indicator=StrategyIndicator.objects.filter(guidepost=post)[0],
            expected_version=strategy.version,
        )
    with pytest.raises(ValidationError):
        services.draft_discard(
            acting_user=admin_user, draft=strategy, expected_version=strategy.version
        )
    post.refresh_from_db()
    assert post.title == "Modtagelsesperioden"


def test_concurrent_edits_of_a_draft_are_detected(draft, admin_user):
    # REQ: MI-1
    seen = draft.version
    services.guidepost_add(
        acting_user=admin_user, draft=draft, expected_version=seen, values={"title": "Nyt"}
    )
    with pytest.raises(ConcurrentEditError):
        services.guidepost_add(
            acting_user=admin_user, draft=draft, expected_version=seen, values={"title": "Igen"}
        )
    assert draft.guideposts.filter(title="Igen").count() == 0


def test_guideposts_and_indicators_are_added_moved_and_removed_with_audit(draft, admin_user):
    # REQ: MI-1
    before = AuditEntry.objects.count()
    post = services.guidepost_add(
        acting_user=admin_user,
        draft=draft,
        expected_version=draft.version,
        values={"title": "Civilsamfundet og fællesskaber", "description": ""},
    )
    assert post.number == 4
    draft.refresh_from_db()
    services.guidepost_move(
        acting_user=admin_user, guidepost=post, expected_version=draft.version, up=True
    )
    post.refresh_from_db()
    assert post.number == 3
    draft.refresh_from_db()
    first = services.indicator_add(
        acting_user=admin_user,
        guidepost=post,
        expected_version=draft.version,
        values={
            "kind": "library",
            "key": "employment_rate",
            "title": "",
            "good": "",
            "breakdown": "age",
            "targets": [{"value": "25", "by": "2027-12-31"}, {"value": "50", "by": "2028-12-31"}],
        },
    )
    assert first.title == "Andel i ustøttet lønbeskæftigelse"  # the library's name by default
    draft.refresh_from_db()
    second = services.indicator_add(
        acting_user=admin_user,
        guidepost=post,
        expected_version=draft.version,
        values={
            "kind": "manual",
            "key": "",
            "title": "Flygtninges egen oplevelse",
            "no_data_reason": "Indtil der er spørgeskemaer",
            "unit": "share",
            "good": "up",
        },
    )
    assert second.key == "flygtninges_egen_oplevelse"
    draft.refresh_from_db()
    services.indicator_move(
        acting_user=admin_user, indicator=second, expected_version=draft.version, up=True
    )
    assert [i.key for i in post.indicators.order_by("order")] == [second.key, first.key]
    draft.refresh_from_db()
    services.indicator_remove(
        acting_user=admin_user, indicator=first, expected_version=draft.version
    )
    draft.refresh_from_db()
    services.guidepost_remove(
        acting_user=admin_user,
        guidepost=draft.guideposts.get(number=1),
        expected_version=draft.version,
    )
    assert list(draft.guideposts.order_by("number").values_list("number", flat=True)) == [1, 2, 3]
    actions = list(AuditEntry.objects.order_by("id")[before:].values_list("action", flat=True))
    assert actions == ["create", "change", "create", "create", "change", "delete", "delete"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "library", "key": "no_such_indicator"}, "key"),
        ({"kind": "library", "key": "employment_rate", "breakdown": "area"}, "breakdown"),
        ({"kind": "manual", "title": "X", "unit": "share"}, "no_data_reason"),
        ({"kind": "manual", "title": "", "no_data_reason": "r", "unit": "share"}, "title"),
        ({"kind": "manual", "title": "X", "no_data_reason": "r", "unit": ""}, "unit"),
        (
            {
                "kind": "manual",
                "title": "X",
                "key": "employment_rate",
                "no_data_reason": "r",
                "unit": "count",
            },
            "key",
        ),
        ({"kind": "library", "key": "employment_rate", "targets": [["120", None]]}, "targets"),
        (
            {
                "kind": "library",
                "key": "employment_rate",
                "targets": [["25", "2018-12-31"], ["50", "2017-12-31"]],
            },
            "targets",
        ),
        ({"kind": "library", "key": "employment_rate", "targets": [["x", None]]}, "targets"),
        ({"kind": "library", "key": "employment_rate", "good": "sideways"}, "good"),
    ],
)
def test_bad_indicator_input_names_the_field_and_writes_nothing(draft, admin_user, values, field):
    # REQ: MI-1
    post = draft.guideposts.first()
    count = StrategyIndicator.objects.count()
    with pytest.raises(ValidationError) as error:
        services.indicator_add(
            acting_user=admin_user, guidepost=post, expected_version=draft.version, values=values
        )
    assert field in error.value.message_dict
    assert StrategyIndicator.objects.count() == count
    draft.refresh_from_db()
    assert draft.version == 1


def test_only_the_administrator_edits_and_only_its_own_municipality(
    draft, manager, other_municipality
):
    # REQ: MI-1
    from velkomst.strategies.services import install_presets

    with pytest.raises(PermissionDenied):
        services.guidepost_add(
            acting_user=manager, draft=draft, expected_version=1, values={"title": "x"}
        )
    other = install_presets(other_municipality)
    from conftest import _make_user

    other_admin = _make_user(other_municipality, "administrator", "ab-admin", ())
    with pytest.raises(PermissionDenied):
        services.guidepost_add(
            acting_user=other_admin, draft=draft, expected_version=1, values={"title": "x"}
        )
    assert other.municipality_id != draft.municipality_id


def test_a_preset_is_copied_into_an_empty_draft(admin_user, municipality):
    # REQ: MI-1
    draft = services.draft_create(acting_user=admin_user)
    assert draft.number == 1 and not draft.guideposts.exists()
    services.draft_copy_preset(
        acting_user=admin_user, draft=draft, expected_version=draft.version, code="540"
    )
    assert draft.guideposts.count() == 6
    with pytest.raises(ConcurrentEditError):  # the copy moved the draft's version on
        services.publish(acting_user=admin_user, draft=draft, expected_version=1)
    draft.refresh_from_db()
    services.publish(acting_user=admin_user, draft=draft, expected_version=draft.version)
    assert draft.status == Status.PUBLISHED


def test_publishing_needs_guideposts_with_indicators(admin_user, municipality):
    # REQ: MI-1
    draft = services.draft_create(acting_user=admin_user)
    with pytest.raises(ValidationError):
        services.publish(acting_user=admin_user, draft=draft, expected_version=draft.version)
    services.guidepost_add(
        acting_user=admin_user, draft=draft, expected_version=draft.version, values={"title": "A"}
    )
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="ingen indikatorer"):
        services.publish(acting_user=admin_user, draft=draft, expected_version=draft.version)


def _sonderborg(admin_user):
    services.draft_create(acting_user=admin_user)
    draft = selectors.versions(admin_user)[0]
    services.draft_copy_preset(
        acting_user=admin_user, draft=draft, expected_version=draft.version, code="540"
    )
    return draft


def test_hand_figures_are_entered_corrected_and_audited(admin_user, manager):
    # REQ: MI-1
    _sonderborg(admin_user)
    figure = services.hand_figure_create(
        acting_user=admin_user,
        values={
            "indicator_key": "udsatte_boligomraader",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
            "value": Decimal("2"),
            "source": "Social- og Boligministeriets liste 1.12.2025",
            "note": "",
        },
    )
    assert figure.entered_by == admin_user
    with pytest.raises(ValidationError) as error:
        services.hand_figure_create(
            acting_user=admin_user,
            values={
                "indicator_key": "udsatte_boligomraader",
                "period_start": date(2025, 1, 1),
                "period_end": date(2025, 12, 31),
                "value": Decimal("3"),
                "source": "x",
            },
        )
    assert "period_start" in error.value.message_dict
    services.hand_figure_update(
        acting_user=admin_user, figure=figure, expected_version=1, values={"value": Decimal("1")}
    )
    with pytest.raises(ConcurrentEditError):
        services.hand_figure_update(
            acting_user=admin_user,
            figure=figure,
            expected_version=1,
            values={"value": Decimal("4")},
        )
    change = AuditEntry.objects.filter(
        action="change", object_type__icontains="handfigure", object_id=str(figure.pk)
    ).get()
    assert [Decimal(v) for v in change.changes["value"]] == [2, 1]
    rows = selectors.hand_figures(manager)
    assert rows[0].value_text == "1" and rows[0].title.startswith("Udviklingen i antallet")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"indicator_key": "employment_rate"}, "indicator_key"),
        ({"period_end": date(2024, 12, 31)}, "period_end"),
        ({"value": Decimal("-1")}, "value"),
        ({"source": " "}, "source"),
        ({"indicator_key": "ungdomsuddannelse_20_24", "value": Decimal("101")}, "value"),
    ],
)
def test_bad_hand_figures_name_the_field(admin_user, values, field):
    # REQ: MI-1
    _sonderborg(admin_user)
    good = {
        "indicator_key": "udsatte_boligomraader",
        "period_start": date(2025, 1, 1),
        "period_end": date(2025, 12, 31),
        "value": Decimal("2"),
        "source": "Listen",
    }
    with pytest.raises(ValidationError) as error:
        services.hand_figure_create(acting_user=admin_user, values={**good, **values})
    assert field in error.value.message_dict
    assert not HandFigure.objects.exists()


def test_the_state_counts_indicators_without_source_and_missing_hand_figures(
    admin_user, municipality
):
    # REQ: MI-1
    draft = _sonderborg(admin_user)
    draft.refresh_from_db()
    services.draft_update(
        acting_user=admin_user,
        draft=draft,
        expected_version=draft.version,
        values={"valid_from": date(2020, 1, 1)},
    )
    draft.refresh_from_db()
    services.publish(acting_user=admin_user, draft=draft, expected_version=draft.version)
    state = selectors.state(admin_user)
    assert state.current == draft and state.drafts == []
    assert state.manual == 7 and state.missing == 7
    start, end = state.period
    services.hand_figure_create(
        acting_user=admin_user,
        values={
            "indicator_key": "udsatte_boligomraader",
            "period_start": start,
            "period_end": end,
            "value": Decimal("2"),
            "source": "Listen",
        },
    )
    assert selectors.state(admin_user).missing == 6
    from velkomst.indicators.library import all_definitions

    registry = {d.key for d in all_definitions()}
    library_keys = list(
        StrategyIndicator.objects.filter(guidepost__strategy=draft, kind="library").values_list(
            "key", flat=True
        )
    )
    assert state.no_source == sum(1 for k in library_keys if k not in registry)
    assert Guidepost.objects.filter(strategy=draft).count() == 6
