"""The strategy's pages (MI-1): read by managers, edited by the administrator."""

from __future__ import annotations

from django.urls import reverse

from velkomst.strategies.models import HandFigure, StrategyIndicator


def test_the_manager_reads_the_strategy_with_targets_as_text(logged_in, manager, municipality):
    # REQ: MI-1
    from velkomst.core.services import municipality_create  # noqa: F401

    client = logged_in(manager)
    response = client.get(reverse("strategy-current"))
    assert response.status_code == 200
    html = response.content.decode()
    # Bornholm's preset, installed on the first visit
    assert "Modtagelsesperioden" in html and "60% af vores nyankomne flygtninge" in html
    assert "60 %" in html  # the target as text
    assert "Andel i ustøttet lønbeskæftigelse" in html  # the library's name beside it
    assert "Ret pejlemærke" not in html
    assert client.get(reverse("strategy-versions")).status_code == 200


def test_the_strategy_is_shown_in_english(logged_in, manager, strategy):
    client = logged_in(manager)
    client.post(reverse("set_language"), {"language": "en", "next": "/strategy/"})
    html = client.get(reverse("strategy-current")).content.decode()
    assert "Effective from" in html and "Goal" in html and "From the library" in html
    assert "Share in unsupported wage employment" in html  # the library's name, in English


def test_the_administrator_builds_a_draft_and_publishes_it(logged_in, admin_user, strategy):
    # REQ: MI-1
    client = logged_in(admin_user)
    response = client.post(reverse("strategy-draft-new"), {"source": strategy.pk})
    draft = strategy.__class__.objects.get(number=2)
    assert response.url == reverse("strategy-version", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert "Offentliggør" in page and "Ret pejlemærke 1" in page
    post = draft.guideposts.get(number=1)
    response = client.post(
        reverse("strategy-indicator-new", args=[post.pk]),
        {
            "version": draft.version,
            "kind": "library",
            "library_key": "employment_rate",
            "title": "Beskæftigelse efter et år",
            "good": "",
            "breakdown": "sex",
            "targets": "25; 31.12.2027\n50; 31.12.2028",
        },
    )
    assert response.status_code == 302, response.content.decode()
    added = StrategyIndicator.objects.get(guidepost=post, title="Beskæftigelse efter et år")
    assert added.targets == [
        {"value": "25", "by": "2027-12-31"},
        {"value": "50", "by": "2028-12-31"},
    ]
    page = client.get(reverse("strategy-version", args=[draft.pk])).content.decode()
    assert "25 % inden 31.12.2027, derefter 50 % inden 31.12.2028" in page
    draft.refresh_from_db()
    response = client.post(
        reverse("strategy-draft-publish", args=[draft.pk]), {"version": draft.version}
    )
    draft.refresh_from_db()
    assert draft.status == "published"
    assert client.get(reverse("strategy-current")).context["version"] == draft


def test_bad_input_names_the_field_and_a_stale_form_is_refused(logged_in, admin_user, draft):
    # REQ: MI-1
    client = logged_in(admin_user)
    post = draft.guideposts.get(number=1)
    url = reverse("strategy-indicator-new", args=[post.pk])
    response = client.post(
        url,
        {
            "version": draft.version,
            "kind": "library",
            "library_key": "employment_rate",
            "targets": "25; 31.13.2027",
        },
    )
    assert response.status_code == 422
    assert "Linje 1" in response.content.decode()
    response = client.post(
        url, {"version": draft.version, "kind": "manual", "title": "Karakterer", "unit": "share"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["no_data_reason"]
    response = client.post(
        reverse("strategy-guidepost-edit", args=[post.pk]),
        {"version": draft.version + 5, "title": "Andet"},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Modtagelsesperioden"


def test_the_manager_may_not_edit(logged_in, manager, draft):
    # REQ: MI-1
    client = logged_in(manager)
    post = draft.guideposts.get(number=1)
    assert client.get(reverse("strategy-guidepost-edit", args=[post.pk])).status_code == 403
    assert client.post(reverse("strategy-draft-new"), {}).status_code == 403
    assert client.post(reverse("strategy-figures"), {"indicator_key": "x"}).status_code == 403


def test_a_hand_figure_is_entered_and_shown_marked(logged_in, admin_user, manager, draft):
    # REQ: MI-1
    from velkomst.strategies import services

    client = logged_in(admin_user)
    post = draft.guideposts.get(number=1)
    services.indicator_add(
        acting_user=admin_user,
        guidepost=post,
        expected_version=draft.version,
        values={
            "kind": "manual",
            "key": "oplevelse",
            "title": "Egen oplevelse",
            "no_data_reason": "Ingen spørgeskemaer endnu",
            "unit": "share",
        },
    )
    response = client.post(
        reverse("strategy-figures"),
        {
            "indicator_key": "oplevelse",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "value": "72,5",
            "source": "Borgerpanel 2025",
            "note": "",
        },
    )
    assert response.status_code == 302
    figure = HandFigure.objects.get()
    assert str(figure.value) == "72.50" and figure.entered_by == admin_user
    html = logged_in(manager).get(reverse("strategy-figures")).content.decode()
    assert "Borgerpanel 2025" in html and "72,5 %" in html and "håndindtastet" in html
    version_page = logged_in(admin_user).get(reverse("strategy-version", args=[draft.pk]))
    assert "Indtastes i hånden" in version_page.content.decode()
    response = client.post(
        reverse("strategy-figure-edit", args=[figure.pk]),
        {
            "indicator_key": "oplevelse",
            "period_start": "2025-01-01",
            "period_end": "2024-12-31",
            "value": "70",
            "source": "Borgerpanel 2025",
            "version": 1,
        },
    )
    assert response.status_code == 422 and response.context["form"].errors["period_end"]


def test_the_administrators_start_page_shows_the_strategy_state(logged_in, admin_user, strategy):
    # REQ: MI-1
    html = logged_in(admin_user).get("/").content.decode()
    assert "400-v1" in html and "Udkast under arbejde" in html
    assert "Indikatorer uden datakilde endnu" in html
