"""Reception in a real browser: working through a household's checklist (htmx and without
JavaScript), the unit's worklist with overdue tasks, deadlines that follow a changed arrival date,
booking the welcome meeting and taking it to the calendar, a child's start in school, and the
welcome folder in three languages.

Each flow also runs axe-core on the page states it reaches that the link crawl in
test_accessibility.py cannot (pages after an action, forms with errors, filtered lists, another
language): no violation with impact "serious" or "critical".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import member
from velkomst.core.formats import format_date
from velkomst.engines.calendar import next_working_day

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _register(user, *, arrived_days_ago: int, name: str = "Familien Haddad"):
    """Two adults and a child of eight who arrived ``arrived_days_ago`` days ago, registered with
    their reception plan and the child's placement."""
    from velkomst.reception.services import household_register

    today = timezone.localdate()
    arrival = today - timedelta(days=arrived_days_ago)
    return household_register(
        acting_user=user,
        name=name,
        visitation_date=arrival - timedelta(days=30),
        expected_arrival_date=arrival,
        arrival_date=arrival,
        members=[
            member(),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(
                first_name="Lina",
                birth_date=today - timedelta(days=365 * 8),
                relation="child",
                languages=[],
            ),
        ],
    )


def _task(household, key: str, person=None):
    tasks = household.reception_plan.tasks.filter(template_task__key=key)
    if person is not None:
        tasks = tasks.filter(person=person)
    return tasks.get()


def _shown(day: date) -> str:
    """A date as the lists show it (Danish, long: "30. oktober 2026")."""
    return format_date(day, "long", "da")


def _row(page, task):
    return page.locator(f"#task-{task.pk}")


def _mark_document(page) -> None:
    """Tag the current document; the tag survives htmx swaps and is lost on any page load."""
    page.evaluate("window.__velkomstNoReload = true")


def _still_same_document(page) -> bool:
    return page.evaluate("window.__velkomstNoReload === true")


DONE = re.compile(r"^Udført\b")  # the row's button: "Udført: <task>[, <person>]"
DONE_STATE = re.compile(r"Udført (til tiden|for sent)")


def test_working_through_the_checklist(live_server, page, login, caseworker):
    # REQ: REC-2 (the checklist in order, ticked off with initials and time), HOU-7 (the second
    # housing visit is due 14 days after the first visit was made)
    household = _register(caseworker, arrived_days_ago=3)
    amal = household.members.get(first_name="Amal")
    cpr = _task(household, "cpr_number", amal)
    establishment = _task(household, "establishment")
    first_visit = _task(household, "move_in_inspection")
    second_visit = _task(household, "second_housing_visit")
    forms_review = _task(household, "forms_review")
    assert cpr.order < establishment.order < first_visit.order < second_visit.order

    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/")
    page.get_by_role("link", name="Åbn modtageplanen (tjekliste)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modtageplan: Familien Haddad")
    expect(_row(page, second_visit)).to_contain_text("Ikke fastsat endnu")

    # tick off in the checklist's order: each row is swapped in place, with the initials
    _mark_document(page)
    for task in (cpr, establishment, first_visit):
        row = _row(page, task)
        expect(row.get_by_role("button", name=DONE)).to_be_visible()
        row.get_by_role("button", name=DONE).click()
        expect(row.locator("abbr")).to_have_text(caseworker.initials)
        expect(row).to_contain_text(DONE_STATE)
        expect(row.get_by_role("link", name=re.compile(r"^Genåbn"))).to_be_visible()
        expect(row.get_by_role("button", name=DONE)).to_have_count(0)
    assert _still_same_document(page), "ticking off reloaded the page instead of swapping the row"
    audit.check("checklist after ticking off with htmx")

    # "not relevant" needs a reason
    _row(page, forms_review).get_by_role("link", name=re.compile(r"^Ikke relevant")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ikke relevant: Gennemgang af blanketter og breve"
    )
    page.get_by_role("button", name="Markér som ikke relevant").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    expect(page.get_by_label("Begrundelse")).to_have_attribute("aria-invalid", "true")
    audit.check("not-relevant form with errors")
    page.get_by_label("Begrundelse").fill("Gennemgået på asylcentret før ankomst")
    page.get_by_role("button", name="Markér som ikke relevant").click()
    expect(page).to_have_url(
        re.compile(rf"/households/{household.pk}/plan/#task-{forms_review.pk}$")
    )
    expect(page.get_by_role("status")).to_contain_text("Opgaven er markeret som ikke relevant")

    # a new page load: the states are stored, and the second visit now has its due date
    page.reload()
    for task in (cpr, establishment, first_visit):
        expect(_row(page, task).locator("abbr")).to_have_text(caseworker.initials)
        expect(_row(page, task)).to_contain_text(DONE_STATE)
    review = _row(page, forms_review)
    expect(review).to_contain_text("Ikke relevant")
    expect(review).to_contain_text("Gennemgået på asylcentret før ankomst")
    expect(review.get_by_role("link", name=re.compile(r"^Genåbn"))).to_be_visible()
    first_visit.refresh_from_db()
    second_visit.refresh_from_db()
    assert second_visit.due_date == next_working_day(first_visit.done_on + timedelta(days=14))
    expect(_row(page, second_visit)).not_to_contain_text("Ikke fastsat endnu")
    expect(_row(page, second_visit)).to_contain_text(_shown(second_visit.due_date))
    audit.check("checklist after reload (done, not relevant, dependent due date)")
    audit.assert_clean()


def test_a_dependent_task_can_be_ticked_off_right_after_its_anchor(
    live_server, page, login, caseworker
):
    # REQ: HOU-7 (the second housing visit follows the first; both ticked off in one sitting)
    household = _register(caseworker, arrived_days_ago=3)
    first_visit = _task(household, "move_in_inspection")
    second_visit = _task(household, "second_housing_visit")
    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    _row(page, first_visit).get_by_role("button", name=DONE).click()
    expect(_row(page, first_visit).locator("abbr")).to_have_text(caseworker.initials)
    expect(_row(page, second_visit)).not_to_contain_text("Ikke fastsat endnu", timeout=2_000)
    _row(page, second_visit).get_by_role("button", name=DONE).click()
    expect(_row(page, second_visit).locator("abbr")).to_have_text(caseworker.initials)
    expect(_row(page, second_visit)).not_to_contain_text("En anden har ændret opgaven")


def test_ticking_off_works_without_javascript(live_server, new_context, login, caseworker):
    # REQ: REC-2 (every page works without JavaScript: the button posts, the full page returns)
    household = _register(caseworker, arrived_days_ago=3)
    establishment = _task(household, "establishment")
    first_visit = _task(household, "move_in_inspection")
    page = new_context(java_script_enabled=False).new_page()
    login(page, caseworker)
    plan_url = f"{live_server.url}/households/{household.pk}/plan/"
    page.goto(plan_url)

    _row(page, establishment).get_by_role("button", name=DONE).click()
    expect(page).to_have_url(f"{plan_url}#task-{establishment.pk}")
    expect(page.get_by_role("status")).to_contain_text("Opgaven er krydset af: Etableringsydelse")
    expect(_row(page, establishment).locator("abbr")).to_have_text(caseworker.initials)
    expect(_row(page, establishment)).to_contain_text(DONE_STATE)

    # with someone else's initials and a note: the form page, then back to the checklist
    _row(page, first_visit).get_by_role("link", name=re.compile(r"^Med bemærkning")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kryds af: Indflytningssyn (1. boligbesøg)"
    )
    page.get_by_label("Initialer").fill("lk")
    page.get_by_label("Bemærkning").fill("Syn holdt med boligselskabet og tolk")
    page.get_by_role("button", name="Udført", exact=True).click()
    expect(page).to_have_url(f"{plan_url}#task-{first_visit.pk}")
    row = _row(page, first_visit)
    expect(row.locator("abbr")).to_have_text("LK")
    expect(row).to_contain_text("Syn holdt med boligselskabet og tolk")
    first_visit.refresh_from_db()
    assert (first_visit.done_initials, first_visit.done_by) == ("LK", caseworker)


def test_the_worklist_shows_overdue_tasks_by_due_date(
    live_server, page, new_context, login, caseworker, staff
):
    # REQ: REC-4 (deadlines followed up: overdue flagged, the unit's worklist by due date),
    # COO-1 (each unit and role sees the work it owns)
    from velkomst.reception.models import PlanTask
    from velkomst.reception.services import task_add

    household = _register(caseworker, arrived_days_ago=40)
    today = timezone.localdate()
    interpreter_task = task_add(
        plan=household.reception_plan,
        acting_user=caseworker,
        title="Bestil tolk til helbredsvurderingen",
        reason="Lægen har bedt om fremmødetolk",
        owner_unit_kind="integration",
        owner_role="interpreter_coordinator",
        due_date=today - timedelta(days=2),
    )

    audit = AxeAudit(page)
    login(page, caseworker)
    follow_menu(page, "Enhedens arbejdsliste")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enhedens arbejdsliste: Integrationsteam"
    )
    results = page.locator("#results")
    rows = results.locator("tbody tr")
    expect(rows.first).to_be_visible()

    def shown_tasks() -> list[PlanTask]:
        hrefs = rows.get_by_role("link").evaluate_all(
            "links => links.map(a => a.getAttribute('href')).filter(h => h.includes('#task-'))"
        )
        pks = [int(h.rsplit("#task-", 1)[1]) for h in hrefs]
        by_pk = PlanTask.objects.in_bulk(pks)
        return [by_pk[pk] for pk in pks]

    shown = shown_tasks()
    assert {t.owner_unit_kind for t in shown} == {"integration"}
    assert interpreter_task in shown
    assert all(t.is_open for t in shown)
    dues = [t.due_date for t in shown]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated), f"the worklist is not sorted by due date: {dues}"
    assert dues == dated + [None] * (len(dues) - len(dated)), "undated tasks come last"
    overdue = [t for t in shown if t.due_date is not None and t.due_date < today]
    assert len(overdue) >= 5, [(t.title, t.due_date) for t in shown]
    for index, task in enumerate(shown):
        badge = rows.nth(index).locator(".badge")
        if task in overdue:
            expect(badge).to_have_text("Overskredet")
        else:
            expect(badge).not_to_have_text("Overskredet")
    audit.check("worklist with overdue rows")

    # filters: htmx replaces the results and puts the filter in the address
    _mark_document(page)
    page.get_by_label("Status").select_option("overdue")
    expect(page).to_have_url(re.compile(r"/worklist/\?.*state=overdue"))
    expect(rows).to_have_count(len(overdue))
    expect(results.locator(".badge")).to_have_text(["Overskredet"] * len(overdue))
    page.get_by_label("Ansvarlig rolle").select_option("interpreter_coordinator")
    expect(page).to_have_url(re.compile(r"role=interpreter_coordinator"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Bestil tolk til helbredsvurderingen")
    expect(rows.first).to_contain_text("Tolkekoordinator")
    assert _still_same_document(page), "filtering reloaded the page instead of the results"
    audit.check("worklist filtered by state=overdue and role")
    page.get_by_label("Ansvarlig rolle").select_option("job_consultant")
    expect(results).to_contain_text("Ingen opgaver.")
    audit.check("worklist filtered to no rows")

    # "Mine opgaver": the caseworker's own citizens' tasks of the caseworker's role, overdue first
    follow_menu(page, "Mine opgaver")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine opgaver")
    expect(rows.first).to_be_visible()
    mine = shown_tasks()
    assert {t.owner_role for t in mine} == {"caseworker"}
    assert interpreter_task not in mine
    assert _task(household, "welcome_meeting") in mine
    expect(rows.first.locator(".badge")).to_have_text("Overskredet")
    audit.check("my tasks with overdue rows")
    audit.assert_clean()

    # ... and the interpreter coordinator's are theirs, as the head's contact person (REC-5)
    from velkomst.people.services import case_add_contact_person

    head = household.members.filter(case__isnull=False).order_by("birth_date").first()
    case_add_contact_person(
        case=head.case, staff=staff["interpreter_coordinator"], acting_user=caseworker
    )
    coordinator = new_context().new_page()
    login(coordinator, staff["interpreter_coordinator"])
    coordinator.goto(f"{live_server.url}/tasks/mine/")
    coordinator_rows = coordinator.locator("#results tbody tr")
    expect(coordinator_rows).to_have_count(1)
    expect(coordinator_rows.first).to_contain_text("Bestil tolk til helbredsvurderingen")


def test_deadlines_move_when_the_arrival_date_changes(live_server, page, login, caseworker):
    # REQ: REC-4 (deadlines counted from arrival follow a changed arrival date; done tasks keep
    # theirs)
    from velkomst.reception.services import task_complete

    household = _register(caseworker, arrived_days_ago=3)
    first_visit = _task(household, "move_in_inspection")
    welcome = _task(household, "welcome_meeting")
    establishment = _task(household, "establishment")
    task_complete(task=establishment, acting_user=caseworker, expected_version=1)
    kept_due = establishment.due_date
    old_due = first_visit.due_date
    today = timezone.localdate()
    new_arrival = today - timedelta(days=10)

    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    expect(_row(page, first_visit)).to_contain_text(_shown(old_due))
    page.get_by_role("link", name="Ret ankomstdato").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ret husstand Familien Haddad")
    page.get_by_label("Ankomstdato").fill(new_arrival.isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status")).to_contain_text("Husstanden er gemt")

    page.get_by_role("link", name="Åbn modtageplanen (tjekliste)").click()
    first_visit.refresh_from_db()
    welcome.refresh_from_db()
    establishment.refresh_from_db()
    assert first_visit.due_date == next_working_day(new_arrival + timedelta(days=14)) != old_due
    assert establishment.due_date == kept_due
    expect(_row(page, first_visit)).to_contain_text(_shown(first_visit.due_date))
    expect(_row(page, first_visit)).not_to_contain_text(_shown(old_due))
    expect(_row(page, welcome)).to_contain_text(_shown(welcome.due_date))
    expect(_row(page, establishment)).to_contain_text(_shown(kept_due))


def test_booking_the_welcome_meeting_and_taking_it_to_the_calendar(
    live_server, page, login, caseworker
):
    # REQ: REC-4 (meetings booked for the plan's tasks), REC-7 (the meeting in the calendar)
    from velkomst.appointments.models import Appointment

    household = _register(caseworker, arrived_days_ago=3)
    welcome_task = _task(household, "welcome_meeting")
    day = timezone.localdate() + timedelta(days=7)

    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/")
    page.get_by_role("link", name="Møder: se alle og book nyt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Møder med Familien Haddad")
    new = page.locator("#new")
    new.get_by_role("button", name="Opret møde").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    expect(page.get_by_label("Sted")).to_have_attribute("aria-invalid", "true")
    audit.check("appointment form with errors")

    new = page.locator("#new")
    new.get_by_label("Mødetype").select_option(label="Velkomstmøde")
    new.get_by_label("Dato").fill(day.isoformat())
    new.get_by_label("Starter kl.").fill("10:00")
    new.get_by_label("Slutter kl.").fill("11:30")
    new.get_by_label("Sted").fill("Borgerservice Rønne, mødelokale 2")
    new.get_by_label("Opgave i modtageplanen").select_option(str(welcome_task.pk))
    new.get_by_role("button", name="Opret møde").click()
    expect(page.get_by_role("status")).to_contain_text("Aftalen er oprettet")
    appointment = Appointment.objects.get(household=household)
    row = page.locator(f"#appointment-{appointment.pk}")
    expect(row).to_contain_text("Velkomstmøde")
    expect(row).to_contain_text("10:00–11:30")
    expect(row).to_contain_text("Borgerservice Rønne")

    follow_menu(page, "Min kalender")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min kalender")
    upcoming = page.get_by_role("table", name="Møder, jeg deltager i, de første først")
    expect(upcoming).to_contain_text("Velkomstmøde")
    expect(upcoming.get_by_role("link", name="Familien Haddad")).to_be_visible()
    audit.check("Min kalender with a booked meeting")

    ics = upcoming.get_by_role("link", name=re.compile(r"^\.ics"))
    with page.expect_download() as info:
        ics.click()
    download = info.value
    assert download.suggested_filename == f"velkomst-aftale-{appointment.pk}.ics"
    with open(download.path(), encoding="utf-8") as file:
        body = file.read()
    assert body.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in body and "Velkomstmøde" in body
    assert "Haddad" not in body, "the calendar file names the citizens"

    response = page.request.get(ics.evaluate("a => a.href"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"].startswith("attachment")
    assert "no-store" in response.headers["cache-control"]
    assert response.text().startswith("BEGIN:VCALENDAR")
    audit.assert_clean()


def test_recording_a_childs_start_in_school(live_server, page, login, caseworker):
    # REQ: CHI-2 (each child's place and start date; started within the standard)
    household = _register(caseworker, arrived_days_ago=2)
    lina = household.members.get(first_name="Lina")
    start_task = _task(household, "school_daycare_start", lina)
    started = timezone.localdate() - timedelta(days=1)

    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/")
    page.locator("#placements").get_by_role("link", name="Børnenes pladser").click()
    children = page.get_by_role("table", name="Børnenes pladser")
    lina_row = children.get_by_role("row").filter(has_text="Lina Haddad")
    expect(lina_row).to_contain_text("Skal starte")
    lina_row.get_by_role("link", name="Ret plads for Lina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plads til Lina Haddad")

    # a start date without an institution, and one in the future: errors by the fields
    page.get_by_label("Faktisk start").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Faktisk start")
    expect(page.get_by_label("Faktisk start")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Faktisk start").fill(started.isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Angiv institutionen, når barnet er startet")
    audit.check("placement edit with errors")

    page.get_by_label("Institution (fritekst)").fill("Svartingedal Skole")
    page.get_by_label("Klasse eller tilbud").select_option(label="Modtagelsesklasse")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status")).to_contain_text("Pladsen er gemt")
    lina_row = page.get_by_role("table", name="Børnenes pladser").get_by_role("row")
    lina_row = lina_row.filter(has_text="Lina Haddad")
    expect(lina_row).to_contain_text("Startet til tiden")
    expect(lina_row).to_contain_text("Svartingedal Skole")
    expect(lina_row).to_contain_text(_shown(started))
    audit.check("household placements after a start")

    # the child's "start in school or daycare" task in the plan is ticked off on the start day
    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    expect(_row(page, start_task)).to_contain_text(DONE_STATE)
    start_task.refresh_from_db()
    assert start_task.done_on == started
    audit.assert_clean()


def test_the_welcome_folder_in_danish_english_and_arabic(live_server, page, login, caseworker):
    # REQ: REC-7 (the welcome folder in the family's language; right-to-left for Arabic)
    household = _register(caseworker, arrived_days_ago=3)

    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/")
    page.get_by_role("link", name="Vis og vælg sprog").click()
    expect(page.get_by_role("heading", level=1).first).to_have_text(
        "Velkomstmappe: Familien Haddad"
    )
    folder = page.locator("article.velkomst-welcome-folder")
    languages = page.get_by_role("navigation", name="Sprog")

    # the head of the household speaks Arabic: the folder opens in Arabic, right to left
    expect(folder).to_have_attribute("lang", "ar")
    expect(folder).to_have_attribute("dir", "rtl")

    languages.get_by_role("link", name="Dansk", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?lang=da$"))
    expect(folder).to_have_attribute("lang", "da")
    expect(folder).to_have_attribute("dir", "ltr")
    expect(folder.get_by_role("heading", level=1)).to_have_text("Velkommen til Bornholm Kommune")
    expect(folder).to_contain_text("Velkomstmappe til Familien Haddad")
    expect(languages.get_by_role("link", name="Dansk", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    audit.check("welcome folder preview in Danish")

    languages.get_by_role("link", name="English", exact=True).click()
    expect(folder).to_have_attribute("lang", "en")
    expect(folder).to_have_attribute("dir", "ltr")
    expect(folder.get_by_role("heading", level=1)).to_have_text("Welcome to Bornholm Municipality")
    expect(folder).to_contain_text("Welcome folder for Familien Haddad")
    audit.check("welcome folder preview in English")

    languages.get_by_role("link", name="العربية", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?lang=ar$"))
    expect(folder).to_have_attribute("lang", "ar")
    expect(folder).to_have_attribute("dir", "rtl")
    expect(folder.get_by_role("heading", level=1)).to_have_text("مرحبًا بكم في بلدية Bornholm")
    audit.check("welcome folder preview in Arabic (rtl)")

    # REQ: REC-7 (Ukrainian, and how to reach the caseworker)
    caseworker.phone = "56 92 00 00"
    caseworker.save(update_fields=["phone"])
    unit = caseworker.units.first()
    unit.address = "Ullasvej 23, 3700 Rønne"
    unit.opening_hours = "Man.–tors. 9–15, fre. 9–12"
    unit.save(update_fields=["address", "opening_hours"])
    languages.get_by_role("link", name="Українська", exact=True).click()
    expect(folder).to_have_attribute("lang", "uk")
    expect(folder.get_by_role("heading", level=1)).to_have_text(
        "Ласкаво просимо до муніципалітету Bornholm"
    )
    expect(folder).to_contain_text("Телефон: 56 92 00 00")
    expect(folder).to_contain_text("Адреса: Ullasvej 23, 3700 Rønne")
    expect(folder).to_contain_text("Години роботи: Man.–tors. 9–15, fre. 9–12")
    audit.check("welcome folder preview in Ukrainian with the caseworker's contact details")
    audit.assert_clean()


def test_a_moved_deadline_says_why_in_danish_and_english_at_320_px(
    live_server, new_context, login, caseworker
):
    # REQ: REC-4, CHI-2 (Bornholm's Danish referral: arrival 1 July 2026 + one month = Saturday
    # 1 August; the child's start: + 3 days = Saturday 4 July)
    from velkomst.reception.services import household_register

    household = household_register(
        acting_user=caseworker,
        name="Familien Haddad",
        visitation_date=date(2026, 5, 4),
        expected_arrival_date=date(2026, 7, 1),
        members=[
            member(),
            member(
                first_name="Lina",
                birth_date=timezone.localdate() - timedelta(days=365 * 8),
                relation="child",
                languages=[],
            ),
        ],
    )
    referral = _task(household, "danish_referral", household.members.get(first_name="Amal"))
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    login(page, caseworker)

    def reflows(label: str) -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{label}: the page is {width} px wide and scrolls sideways"
        audit.check(label)

    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    expect(_row(page, referral)).to_contain_text(
        "1. august 2026 er en lørdag: flyttet til mandag 3. august"
    )
    reflows("plan with a moved deadline at 320 px")
    page.goto(f"{live_server.url}/households/{household.pk}/placements/")
    expect(page.get_by_role("table")).to_contain_text(
        "4. juli 2026 er en lørdag: flyttet til mandag 6. juli"
    )
    reflows("children's places with a moved deadline at 320 px")

    page.get_by_role("button", name="English", exact=True).click()
    expect(page.get_by_role("table")).to_contain_text(
        "4 July 2026 is a Saturday: moved to Monday 6 July"
    )
    reflows("children's places in English at 320 px")
    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    expect(_row(page, referral)).to_contain_text(
        "1 August 2026 is a Saturday: moved to Monday 3 August"
    )
    reflows("plan in English at 320 px")
    audit.assert_clean()
