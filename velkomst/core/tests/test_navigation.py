"""The main menu (core/navigation.py, includes/menu.html), the one breadcrumb pattern and tabs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from velkomst.core import access, navigation

pytestmark = pytest.mark.django_db

MENU_ROLES = list(access.ROLE_CAPABILITIES)


def _menus(html: str, label: str = "Hovedmenu") -> list[str]:
    """The two renderings of the main menu (wide and narrow), each as its HTML."""
    return re.findall(rf'<nav[^>]*aria-label="{label}"[^>]*>(.*?)</nav>', html, re.S)


def _hrefs(menu_html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', menu_html)


def _groups(menu_html: str) -> list[str]:
    wide = re.findall(r'<summary class="button-overflow-menu"><span>([^<]+)</span>', menu_html)
    return [g.strip() for g in wide]


@pytest.mark.parametrize("role", MENU_ROLES)
def test_each_role_sees_exactly_the_menu_links_its_capabilities_allow(client, staff, role):
    # REQ: SEC-2
    user = staff[role]
    client.force_login(user)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    caps = access.capabilities(user)
    expected = [
        reverse(item.url_name)
        for key in navigation.GROUPS
        for item in navigation.MENU
        if item.group == key and (item.capability is None or item.capability in caps)
    ]
    wide, narrow = _menus(response.content.decode())
    assert _hrefs(wide) == expected
    assert _hrefs(narrow) == expected
    for href in expected:  # every link the menu offers opens for the role
        assert client.get(href, follow=True).status_code == 200, f"{role}: {href}"


def test_menu_groups_follow_the_role(client, staff):
    # REQ: SEC-2
    seen = {}
    for role in ("caseworker", "housing_officer", "volunteer_coordinator", "administrator"):
        client.force_login(staff[role])
        wide = _menus(client.get("/", follow=True).content.decode())[0]
        seen[role] = _groups(wide)
    assert seen["caseworker"] == [
        "Borgere",
        "Opgaver",
        "Bolig",
        "Virksomheder og job",
        "Civilsamfund og frivillige",
    ]
    assert seen["housing_officer"] == ["Borgere", "Opgaver", "Bolig"]
    # the volunteer coordinator's citizens group holds the citizen list and the concern about a
    # child (CIV-3)
    assert seen["volunteer_coordinator"] == ["Borgere", "Opgaver", "Civilsamfund og frivillige"]
    assert seen["administrator"] == ["Ledelsesinformation", "Administration"]
    client.force_login(staff["volunteer_coordinator"])
    html = client.get("/", follow=True).content.decode()
    assert "Boliger" not in _menus(html)[0]
    assert "Børn: dagtilbud og skole" in _menus(html)[0]


def test_the_first_menu_entry_is_the_start_page_and_the_current_page_is_marked(client, staff):
    client.force_login(staff["caseworker"])
    response = client.get(reverse("worklist"))
    wide, narrow = _menus(response.content.decode())
    assert _hrefs(wide)[0] == "/"
    assert re.search(
        r'<li class="active current"><a href="/worklist/"[^>]*aria-current="page"', wide
    )
    assert '<li class="velkomst-menu-group active">' in wide  # its group is marked too
    assert re.search(r'href="/worklist/" aria-current="page"', narrow)


def test_a_page_joins_the_menu_with_one_register_call(client, staff, monkeypatch):
    monkeypatch.setattr(navigation, "MENU", list(navigation.MENU))
    navigation.register("admin", "security-events", gettext_lazy("Ny side"), access.AUDIT_VIEW)
    client.force_login(staff["manager"])  # holds audit.view, not admin.site
    wide = _menus(client.get(reverse("person-list")).content.decode())[0]
    assert "Ny side" in wide
    with pytest.raises(ValueError, match="unknown menu group"):
        navigation.register("nowhere", "home", gettext_lazy("X"), None)


def test_menu_entries_name_real_pages_and_known_groups():
    for item in navigation.MENU:
        assert item.group in navigation.GROUPS
        reverse(item.url_name)
    assert navigation.MENU[0].url_name == "home"


def test_menu_is_translated(client, staff):
    client.force_login(staff["caseworker"])
    client.post(reverse("set_language"), {"language": "en", "next": "/citizens/"})
    html = client.get(reverse("person-list")).content.decode()
    wide, narrow = _menus(html, "Main menu")
    assert _groups(wide) == [
        "Citizens",
        "Tasks",
        "Housing",
        "Companies and jobs",
        "Civil society and volunteers",
    ]
    assert ">Menu</summary>" in html


def test_one_breadcrumb_pattern_drawn_by_the_base_template():
    """Pages give their trail as ``crumbs`` (views) or ``{% block crumbs %}`` items; only
    base.html draws the breadcrumb navigation, with the start page first."""
    drawn = []
    for path in (settings.BASE_DIR / "velkomst").rglob("*.html"):
        if path.name != "base.html" and 'class="breadcrumbs"' in path.read_text():
            drawn.append(str(path.relative_to(settings.BASE_DIR)))
    assert drawn == []


def test_breadcrumbs_start_at_the_start_page(client, staff, household):
    client.force_login(staff["caseworker"])
    for url in (
        reverse("household-detail", args=[household.pk]),
        reverse("worklist"),
        reverse("household-appointments", args=[household.pk]),
    ):
        html = client.get(url).content.decode()
        trail = re.search(
            r'<nav aria-label="Brødkrumme" class="breadcrumbs">(.*?)</nav>', html, re.S
        )
        assert trail, url
        assert _hrefs(trail.group(1))[0] == "/"


def test_section_pages_use_dkfds_tabs(client, staff):
    client.force_login(staff["housing_officer"])
    for url, current in (
        (reverse("housing-run-list"), "Placeringskørsler"),
        (reverse("housing-temporary"), "Tid i midlertidig bolig"),
        (reverse("housing-dwelling-list"), "Boliger"),
    ):
        html = client.get(url).content.decode()
        assert '<div class="tab-container"><ul class="tab-list">' in html
        assert re.search(rf'class="tab-button" aria-current="page"><span>{current}</span>', html)


def test_no_template_keeps_its_own_copy_of_the_menu():
    templates = Path(settings.BASE_DIR / "velkomst")
    copies = [
        str(p.relative_to(settings.BASE_DIR))
        for p in templates.rglob("*.html")
        if 'class="mainmenu"' in p.read_text() and p.name != "menu.html"
    ]
    assert copies == []


# Tables that need no scroll region of their own, and why.
TABLES_WITHOUT_REGION = {
    "welcome/_folder.html": "the welcome folder's PDF (printed A4, no screen width)",
    "core/audit_person_pdf.html": "the audit log's PDF for an access request (printed A4)",
    "competences/cv_pdf.html": "the CV's PDF (printed A4, no screen width)",
    "programme/contract_pdf.html": "the integration contract's PDF (printed A4, no screen width)",
    "roundtables/minutes_pdf.html": "the round table's minutes as PDF (printed A4)",
    "insight/report_pdf.html": "the status report's PDF for the city council (printed A4)",
    "housing/run_detail.html": "the placement page is being laid out anew (issue 10's placement "
    "part); the reflow walker checks it at 320 px",
}


def test_every_table_scrolls_in_its_own_focusable_labelled_region():
    """A wide table scrolls inside its region, not the page (WCAG 1.4.10); the region takes
    keyboard focus so it can be scrolled without a mouse, and is named for screen readers. A
    table belongs to the nearest region opened before it, as long as at most three tables were
    closed since (a region may hold a few small tables, like the visitation format's values)."""
    bare = []
    for path in (settings.BASE_DIR / "velkomst").rglob("*.html"):
        name = f"{path.parent.name}/{path.name}"
        if name in TABLES_WITHOUT_REGION:
            continue
        text = path.read_text()
        for table in re.finditer(r"<table", text):
            before = text[: table.start()]
            opened = before.rfind('<div class="table--responsive-scroll"')
            closed_since = before.count("</table>", opened) if opened >= 0 else 0
            region = text[opened : text.find(">", opened) + 1] if opened >= 0 else ""
            if opened < 0 or closed_since > 3 or 'tabindex="0"' not in region:
                bare.append(f"{name}:{before.count(chr(10)) + 1}")
            elif 'role="region"' not in region or "aria-label" not in region:
                bare.append(f"{name}:{before.count(chr(10)) + 1} (region without role or name)")
    assert bare == []
