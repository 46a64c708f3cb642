"""A citizen's audit log in plain words, as a page, a CSV and a PDF for an access request
(SEC-3): records by their name, fields by their label, values as the pages show them, reasons in
the reader's language, one view row per person per page view."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as settings_hypothesis
from hypothesis import strategies as st

from velkomst.core import audit
from velkomst.core.models import AuditEntry
from velkomst.people import services as people

from .test_tenancy import _housing, _placement_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(household, person, staff):
    """Changes of several kinds to Amal: her own record, a placement suggestion accepted, a
    meeting with a caseworker, a task ticked off."""
    from velkomst.appointments.services import AppointmentData, appointment_create
    from velkomst.housing import runs
    from velkomst.reception.services import plan_generate, task_complete

    caseworker, officer = staff["caseworker"], staff["housing_officer"]
    people.person_update(
        person=person,
        acting_user=caseworker,
        expected_version=1,
        first_name="Amaal",
        nationality="UA",
        cpr="1403881234",
        residence_basis="family_reunified",
    )
    _housing(household, officer)
    _run, suggestion_id = _placement_run(household, officer)
    suggestion = runs.PlacementSuggestion.objects.get(pk=suggestion_id)
    runs.accept(suggestion=suggestion, acting_user=officer, expected_version=suggestion.version)
    start = timezone.make_aware(datetime(2026, 12, 10, 10, 0))
    appointment_create(
        household=household,
        acting_user=caseworker,
        data=AppointmentData(
            kind="welcome_meeting",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Rådhuset",
            persons=[person],
            staff=[caseworker],
        ),
    )
    plan = plan_generate(household=household, acting_user=caseworker)
    task = plan.tasks.get(template_task__key="cpr_number", person=person)
    task_complete(task=task, acting_user=caseworker, expected_version=task.version)
    return task


def _page(client, person, **params) -> str:
    return client.get(reverse("audit-person", args=[person.pk]), params).content.decode()


RAW = [
    "people.Person",
    "housing.PlacementSuggestion",
    "reception.PlanTask",
    "welcome_meeting",
    "family_reunified",
    "T10:00",
    "done_by",
    "first_name",
    "time in temporary housing",
]


def test_the_audit_page_names_records_fields_and_values_in_danish(
    logged_in, staff, person, history
):
    # REQ: SEC-3
    audit.log(
        actor=staff["housing_officer"],
        action="view",
        obj=person,
        person_id=person.pk,
        reason="time in temporary housing",
    )  # an older reason, stored as English text
    page = _page(logged_in(staff["manager"]), person)
    for shown in [
        "Person: Amaal Haddad",
        "Fornavn: Amal → Amaal",
        "Nationalitet: Syrien → Ukraine",
        "CPR-nummer: – → 140388-XXXX",  # the manager sees CPR masked
        "Opholdsgrundlag: Flygtning → Familiesammenført",
        "Placeringsforslag: Lindealle 9",
        "Beslutning: Afventer beslutning → Godkendt",
        "Aftale: Velkomstmøde, 10. december 2026 10:00",
        "Mødetype: – → Velkomstmøde",
        "Starter: – → 10. december 2026 10:00",
        "Medarbejdere: – → Caseworker Bornholm",
        "Opgave i modtageplan: CPR-nummer",
        "Udført af: – → Caseworker Bornholm",
        "Opgaven CPR-nummer er udført",
        "Tid i midlertidig bolig",
        "Oprettelse",
        "Ændring",
        "Visning",
    ]:
        assert shown in page, shown
    for raw in RAW + ["1403881234", "UA →", "→ UA"]:
        assert raw not in page, raw


def test_a_link_kept_by_its_column_is_named_by_the_linked_record(logged_in, staff, person, history):
    # REQ: SEC-3 (the accepted suggestion's placement is kept with "household_id" and
    # "dwelling_id": shown as "Husstand" and "Bolig", not Django's default "Household")
    page = _page(logged_in(staff["manager"]), person)
    assert "Husstand: – → Familien Haddad" in page
    assert "Bolig: – → Lindealle 9" in page
    assert "Household" not in page and "Dwelling" not in page


def test_the_audit_page_reads_in_english(logged_in, staff, person, history):
    # REQ: SEC-3
    from django.utils import formats, translation

    audit.log(
        actor=staff["housing_officer"],
        action="view",
        obj=person,
        person_id=person.pk,
        reason="time in temporary housing",
    )
    client = logged_in(staff["manager"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _page(client, person)
    with translation.override("en"):
        day = formats.date_format(date(2026, 12, 10), "DATE_FORMAT")
    for shown in [
        "Nationality: Syria → Ukraine",
        "Caseworker: – → Caseworker Bornholm",
        "Welcome meeting",
        day,
        "has been completed",
        "Time in temporary housing",
        "Change",
        "View",
    ]:
        assert shown in page, shown
    for danish in RAW + [
        "Visning",
        "Ændring",
        "Tid i midlertidig bolig",
        "Nationalitet",
        "oktober",
    ]:
        assert danish not in page, danish


def test_a_deleted_record_is_named_as_deleted(logged_in, staff, person, household):
    # REQ: SEC-3
    from velkomst.housing.models import HousingNeed

    _housing(household, staff["housing_officer"])
    HousingNeed.objects.filter(household=household).delete()
    page = _page(logged_in(staff["manager"]), person)
    assert "Boligbehov (slettet)" in page and "housing.HousingNeed" not in page


def test_one_page_view_writes_one_view_row_per_person(logged_in, staff, person, household):
    # REQ: SEC-3
    client = logged_in(staff["caseworker"])
    for name, pk, expected in [
        ("household-detail", household.pk, set(household.members.values_list("pk", flat=True))),
        ("person-detail", person.pk, {person.pk}),
        ("household-plan", household.pk, set(household.members.values_list("pk", flat=True))),
    ]:
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        assert client.get(reverse(name, args=[pk])).status_code == 200
        views = list(
            AuditEntry.objects.filter(id__gt=last, action="view").values_list(
                "person_id", flat=True
            )
        )
        assert sorted(views) == sorted(expected), name


def test_a_person_shown_twice_in_one_request_is_logged_once(staff, person, household):
    # REQ: SEC-3
    officer = staff["housing_officer"]
    audit.start_request()  # what request_started does (request_finished would close the db)
    audit.log_read(actor=officer, obj=household, persons=[person])
    audit.log_many(actor=officer, action="view", objects=[(person, person.pk), (person, person.pk)])
    audit.log_read(actor=officer, obj=person, persons=household.members.all())
    audit.end_request()
    rows = AuditEntry.objects.filter(actor_id=officer.pk, action="view")
    assert sorted(rows.values_list("person_id", flat=True)) == sorted(
        household.members.values_list("pk", flat=True)
    )
    assert rows.get(person_id=person.pk).object_type == "people.Household"  # the first: the page's
    audit.log_read(actor=officer, obj=person, persons=[person])  # another request: logged again
    assert rows.filter(person_id=person.pk).count() == 2


def _csv_rows(response) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_and_the_pdf_hold_the_rows_of_the_page(logged_in, staff, person, history):
    # REQ: SEC-3
    from html import unescape

    from velkomst.core import audit_log
    from velkomst.core.views import audit_pdf_html

    client = logged_in(staff["manager"])
    csv = client.get(reverse("audit-person", args=[person.pk]), {"format": "csv"})
    entries = list(AuditEntry.objects.filter(person_id=person.pk))  # the export's own row too
    assert csv["Content-Type"].startswith("text/csv")
    rows = _csv_rows(csv)
    assert rows[0][:4] == ["Tidspunkt", "Medarbejder", "Handling", "Oplysning"]
    assert len(rows) == len(entries) + 1
    text = "\n".join(";".join(r) for r in rows)
    for shown in [
        "Placeringsforslag: Lindealle 9",
        "Nationalitet: Syrien → Ukraine",
        "CPR-nummer: – → 140388-XXXX",
        "Opgaven CPR-nummer er udført",
    ]:
        assert shown in text, shown
    for raw in RAW + ["1403881234"]:
        assert raw not in text, raw
    assert AuditEntry.objects.filter(
        action="export", person_id=person.pk, reason="Aktindsigt: udtræk af log"
    ).exists()

    pdf = client.get(reverse("audit-person", args=[person.pk]), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(
        action="export", person_id=person.pk, reason="Aktindsigt: udtræk af log som PDF"
    ).exists()
    # the PDF is made from this HTML: the same rows as the CSV of the same entries
    table = audit_log.table(
        staff["manager"], AuditEntry.objects.filter(pk__in=[e.pk for e in entries])
    )
    html = unescape(audit_pdf_html(person, table))
    cells = re.findall(r"<td>(.*?)</td>", html, re.S)
    assert cells == [cell for row in rows[1:] for cell in row]


def test_the_administrators_csv_shows_a_changed_cpr_number_masked(
    logged_in, staff, person, history
):
    # REQ: SEC-3
    csv = logged_in(staff["administrator"]).get(
        reverse("audit-person", args=[person.pk]), {"format": "csv"}
    )
    text = csv.content.decode("utf-8-sig")
    assert "140388-XXXX" in text and "1403881234" not in text


def test_the_number_of_queries_does_not_grow_with_the_entries(logged_in, staff, person, history):
    # REQ: SEC-3
    client = logged_in(staff["manager"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("audit-person", args=[person.pk])).status_code == 200
        return len(queries)

    first = count()
    from velkomst.appointments.models import Appointment

    for appointment in Appointment.objects.all():
        audit.log(actor=staff["caseworker"], action="view", obj=appointment, person_id=person.pk)
    for _ in range(20):
        people.person_update(
            person=person,
            acting_user=staff["caseworker"],
            expected_version=person.version,
            first_name=f"Amaal{_}",
        )
    assert count() == first


@settings_hypothesis(max_examples=60, deadline=None)
@given(title=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_a_fixed_reason_with_any_parameter_reads_in_the_readers_language(title):
    # REQ: SEC-3
    from django.utils import translation

    from velkomst.core.audit_log import show_reason

    with translation.override("da"):
        stored = translation.gettext("Opgaven %(title)s er udført") % {"title": title}
    with translation.override("en"):
        assert show_reason(stored) == f"The task {translation.gettext(title)} has been completed"
    with translation.override("da"):
        assert show_reason(stored) == f"Opgaven {translation.gettext(title)} er udført"


@settings_hypothesis(max_examples=100, deadline=None)
@given(shown=st.lists(st.tuples(st.integers(1, 4), st.integers(1, 6)), max_size=30))
def test_each_person_is_logged_once_per_request_whatever_the_page_shows(shown):
    # REQ: SEC-3
    from velkomst.core.audit import _first_views, end_request, start_request
    from velkomst.core.models import StaffUser
    from velkomst.people.models import Household

    actor = StaffUser(pk=7)  # the shown records, unsaved: only their ids matter
    start_request()
    try:
        half = len(shown) // 2
        kept = _first_views(actor, [(Household(pk=o), p) for o, p in shown[:half]])
        kept += _first_views(actor, [(Household(pk=o), p) for o, p in shown[half:]])
    finally:
        end_request()
    persons = [p for _, p in kept if p is not None]
    assert sorted(persons) == sorted({p for _, p in shown})  # each person shown: one row
    firsts: dict[int, int] = {}
    for o, p in shown:
        firsts.setdefault(p, o)
    assert {p: o.pk for o, p in kept} == firsts  # the first place the page showed them


def _fixed_reasons():
    """(file, line, text) of each literal reason given to the audit writers in the code (a
    constant, an f-string or a marked message; %(name)s for each parameter)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]

    def text(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(
                str(v.value) if isinstance(v, ast.Constant) else "%(x)s" for v in node.values
            )
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "N_") and node.args:
            return text(node.args[0])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return text(node.left)
        return None

    for path in root.rglob("*.py"):
        if {"tests", "migrations", "browser_tests"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and getattr(node.func.value, "id", "") == "audit"
                and node.func.attr in {"log", "log_many", "log_read", "entry", "log_citizen"}
            ):
                for keyword in node.keywords:
                    if keyword.arg == "reason" and (found := text(keyword.value)) is not None:
                        yield path.relative_to(root), node.lineno, found


def test_every_fixed_reason_the_platform_writes_reads_in_both_languages():
    # REQ: SEC-3
    from django.utils import translation

    from velkomst.core.audit_log import KNOWN_REASONS

    def shape(text):
        return re.sub(r"%\(\w+\)s", "%s", text)

    known = {shape(stored) for stored, _ in KNOWN_REASONS}
    found = list(_fixed_reasons())
    assert len(found) > 10  # the walk sees the code
    unknown = [(str(f), line, text) for f, line, text in found if shape(text) not in known]
    assert unknown == [], "add these to core/audit_log.KNOWN_REASONS with a Danish message"
    with translation.override("en"):
        untranslated = [m for _, m in KNOWN_REASONS if translation.gettext(m) == m]
    assert untranslated == []
