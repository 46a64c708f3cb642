"""The national user's pages and writes (NAT-1, NAT-2): outside every municipality's tenancy,
the reference table all or nothing, the quota plan with its steps, agreements and revisions,
the stored model with its card, an assignment run and the case officer's decisions reaching
the receiving municipality's visitation page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from velkomst.core import access
from velkomst.core.models import AuditEntry
from velkomst.national import selectors, services
from velkomst.national.files import Problem
from velkomst.national.models import (
    NationalPlacement,
    QuotaPlan,
    ReferenceTable,
    Suggestion,
)

M_HEADER = (
    "municipality_code,region,population,nonwestern_stock,reunified_last_year,"
    "local_employment_rate,treatment_services,quota_households,stock_SYR\n"
)
M_ROWS = (
    "400,Hovedstaden,40000,3000,10,0.76,1,6,120\n"
    "540,Syddanmark,75000,4000,20,0.74,0,8,200\n"
    "851,Nordjylland,220000,16000,40,0.75,1,16,900\n"
)


def test_the_national_role_is_outside_every_tenancy(national_user, caseworker):
    # REQ: NAT-1
    assert national_user.municipality_id is None
    assert access.capabilities(national_user) == access.NATIONAL_CAPABILITIES
    assert access.PERSON_VIEW not in access.capabilities(national_user)
    assert not access.can(caseworker, access.NATIONAL_VIEW)


def test_the_national_user_cannot_open_a_municipality_s_person(national_user, person, logged_in):
    # REQ: NAT-1
    client = logged_in(national_user)
    assert client.get(reverse("person-detail", args=[person.pk])).status_code in (403, 404)
    assert client.get(reverse("person-list")).status_code in (403, 404)
    assert client.get(f"/api/persons/{person.pk}").status_code in (403, 404)
    assert client.get("/api/persons").status_code in (403, 404)
    assert not AuditEntry.objects.filter(person_id=person.pk, action="view").exists()


def test_municipal_staff_cannot_open_the_national_pages(staff, logged_in):
    # REQ: NAT-1
    for role, user in staff.items():
        if role == "national":
            continue
        client = logged_in(user)
        for name in ("national-plans", "national-runs", "national-models", "national-tables"):
            assert client.get(reverse(name)).status_code == 403, (role, name)


def test_the_national_user_lands_on_their_own_start_page(national_user, logged_in):
    # REQ: NAT-1
    page = logged_in(national_user).get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "National fordeling" in text
    assert reverse("national-plans") in text
    assert reverse("person-list") not in text


def test_a_reference_table_is_read_all_or_nothing(national_user):
    # REQ: NAT-1
    table = services.table_upload(
        acting_user=national_user,
        year=2026,
        label="Test",
        file_name="M.csv",
        content=(M_HEADER + M_ROWS).encode(),
        landstal=30,
    )
    assert table.rows.count() == 3
    assert table.groups == ["SYR"]
    bad = {
        "negative population": (M_HEADER + M_ROWS.replace("40000", "-5"), 30, 2, "population"),
        "missing municipality": (
            M_HEADER + M_ROWS.replace("540,", ",", 1),
            30,
            3,
            "municipality_code",
        ),
        "quota sum": (M_HEADER + M_ROWS, 31, None, "quota_households"),
    }
    for what, (text, landstal, row, column) in bad.items():
        with pytest.raises(Problem) as error:
            services.table_upload(
                acting_user=national_user,
                year=2026,
                label=what,
                file_name="M.csv",
                content=text.encode(),
                landstal=landstal,
            )
        assert (error.value.file, error.value.row, error.value.column) == ("M.csv", row, column)
    assert ReferenceTable.objects.count() == 1


def test_a_reference_table_is_read_from_xlsx(national_user):
    # REQ: NAT-1
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in (M_HEADER + M_ROWS).splitlines():
        sheet.append([float(v) if v.replace(".", "").isdigit() else v for v in line.split(",")])
    buffer = io.BytesIO()
    book.save(buffer)
    table = services.table_upload(
        acting_user=national_user,
        year=2026,
        label="XLSX",
        file_name="M.xlsx",
        content=buffer.getvalue(),
    )
    assert table.rows.get(municipality_code="400").population == 40000


def test_the_upload_page_names_file_row_and_column(national_user, logged_in):
    # REQ: NAT-1
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = logged_in(national_user)
    page = client.post(
        reverse("national-tables"),
        {
            "year": 2026,
            "label": "Forkert",
            "file": SimpleUploadedFile(
                "M.csv", (M_HEADER + M_ROWS.replace("40000", "-5")).encode()
            ),
        },
    )
    assert page.status_code == 422
    text = page.content.decode()
    assert "M.csv" in text and "2" in text and "population" in text
    assert not ReferenceTable.objects.exists()


def test_the_quota_page_stores_a_plan_with_every_step(national_user, logged_in):
    # REQ: NAT-1
    table = services.table_upload(
        acting_user=national_user,
        year=2026,
        label="Test",
        file_name="M.csv",
        content=(M_HEADER + M_ROWS).encode(),
    )
    client = logged_in(national_user)
    response = client.post(
        reverse("national-plans"), {"table": table.pk, "landstal": 30, "reunified_total": 70}
    )
    plan = QuotaPlan.objects.get()
    assert response.status_code == 302
    assert plan.computed_by == national_user and plan.reunified_total == 70
    assert sum(plan.quota.values()) == 30
    for key in ("population_share", "share", "multiplied", "after_reunified", "exact"):
        assert set(plan.steps[key]) == {"400", "540", "851"}
    page = client.get(reverse("national-plan", args=[plan.pk])).content.decode()
    assert "Beregningen trin for trin" in page and 'id="quota-steps"' in page


def test_regional_agreement_and_revision(national_user):
    # REQ: NAT-1
    table = services.table_upload(
        acting_user=national_user,
        year=2026,
        label="Test",
        file_name="M.csv",
        content=(M_HEADER + M_ROWS.replace("Syddanmark", "Hovedstaden")).encode(),
    )
    plan = services.plan_compute(acting_user=national_user, table=table, landstal=30)
    q400, q540 = plan.quota["400"], plan.quota["540"]
    plan = services.plan_agreement(
        acting_user=national_user,
        plan=plan,
        region="Hovedstaden",
        agreed={"400": q400 + 1, "540": q540 - 1},
        expected_version=1,
    )
    assert plan.quota["400"] == q400 + 1 and plan.version == 2
    from django.core.exceptions import ValidationError

    from velkomst.core.errors import ConcurrentEditError

    with pytest.raises(ConcurrentEditError):
        services.plan_revise(
            acting_user=national_user, plan=plan, new_landstal=60, expected_version=1
        )
    with pytest.raises(ValidationError):  # 10 % is below the 40 % threshold
        services.plan_revise(
            acting_user=national_user, plan=plan, new_landstal=33, expected_version=2
        )
    plan = services.plan_revise(
        acting_user=national_user, plan=plan, new_landstal=60, expected_version=2
    )
    assert plan.landstal == 60 and sum(plan.quota.values()) == 60


@pytest.mark.django_db
def test_a_model_is_kept_with_its_card(national_data):
    # REQ: NAT-2
    _table, _plan, model, _batch = national_data
    card = model.card
    assert card["data_period"] and card["features"] and card["known_limits"]
    metrics = {m["horizon"]: m for m in card["metrics"]}
    assert 3 in metrics and 0.5 < metrics[3]["auc"] <= 1
    assert metrics[3]["brier"] < 0.3 and metrics[3]["reliability"]
    assert metrics[3]["by_sex"] and metrics[3]["by_age"] and metrics[3]["by_group"]
    loaded = selectors.load_model(model)
    assert "400" in loaded.world.codes and loaded.card.metrics


def test_a_run_suggests_within_quotas_and_names_its_model(finished_run, logged_in, national_user):
    # REQ: NAT-1
    # REQ: NAT-2
    suggestions = list(finished_run.suggestions.all())
    assert len(suggestions) == finished_run.batch.household_count
    counts: dict[str, int] = {}
    for s in suggestions:
        counts[s.municipality_code] = counts.get(s.municipality_code, 0) + 1
        assert s.reasons and s.alternatives
        assert all(0 <= a["chance"] <= 1 for a in s.alternatives)
    for code, n in counts.items():
        assert n <= finished_run.plan.quota[code]
    assert finished_run.summary["expected"] > 0
    page = logged_in(national_user).get(reverse("national-run", args=[finished_run.pk]))
    text = page.content.decode()
    assert f"Model #{finished_run.model_id}" in text
    assert "Næstbedste kommuner" in text


def test_decisions_accept_change_reject_and_reach_the_municipality(
    finished_run, national_user, municipality, caseworker, logged_in
):
    # REQ: NAT-1
    from django.core.exceptions import ValidationError

    from velkomst.core.errors import ConcurrentEditError

    to_400 = finished_run.suggestions.filter(municipality_code="400").first()
    others = list(finished_run.suggestions.exclude(pk=to_400.pk))
    accepted = services.suggestion_decide(
        acting_user=national_user, suggestion=to_400, decision="accepted", expected_version=1
    )
    assert accepted.decided_municipality_code == "400"
    placement = NationalPlacement.objects.get(suggestion=accepted)
    assert placement.municipality == municipality
    entry = AuditEntry.objects.get(object_type="national.NationalPlacement")
    assert entry.municipality_id == municipality.pk and entry.action == "create"
    with pytest.raises(ConcurrentEditError):
        services.suggestion_decide(
            acting_user=national_user, suggestion=to_400, decision="rejected", expected_version=1
        )
    # a change needs a reason, and the new municipality must have quota left
    with pytest.raises(ValidationError) as error:
        services.suggestion_decide(
            acting_user=national_user,
            suggestion=others[0],
            decision="changed",
            municipality_code="851" if others[0].municipality_code != "851" else "540",
            expected_version=1,
        )
    assert "reason" in error.value.message_dict
    full = [
        code for code, q in finished_run.plan.quota.items() if code != others[0].municipality_code
    ]
    # fill one municipality's quota by hand, then try to change a household into it
    target = full[0]
    from velkomst.national.selectors import quota_left

    left = quota_left(finished_run.plan)[target]
    Suggestion.objects.filter(pk__in=[s.pk for s in others[1 : 1 + left]]).update(
        decision="changed", decided_municipality_code=target
    )
    if quota_left(finished_run.plan)[target] <= 0:
        with pytest.raises(ValidationError) as error:
            services.suggestion_decide(
                acting_user=national_user,
                suggestion=others[0],
                decision="changed",
                municipality_code=target,
                reason="Familie i kommunen",
                expected_version=1,
            )
        assert "municipality_code" in error.value.message_dict
    rejected = services.suggestion_decide(
        acting_user=national_user, suggestion=others[0], decision="rejected", expected_version=1
    )
    assert rejected.decision == "rejected" and not hasattr(rejected, "placement_cache")
    # the municipality sees the placement on its visitation page, never the run
    client = logged_in(caseworker)
    page = client.get(reverse("visitation-upload")).content.decode()
    assert f'<tr data-testid="national-placement"><td>{to_400.household_id}</td>' in page
    assert page.count('data-testid="national-placement"') == 1
    assert client.get(reverse("national-run", args=[finished_run.pk])).status_code == 403


def test_a_change_through_the_page_requires_a_reason(finished_run, national_user, logged_in):
    # REQ: NAT-1
    s = finished_run.suggestions.first()
    other = next(c for c in finished_run.plan.quota if c != s.municipality_code)
    client = logged_in(national_user)
    url = reverse("national-suggestion-decide", args=[s.pk])
    data = {
        f"s{s.pk}-version": 1,
        f"s{s.pk}-decision": "changed",
        f"s{s.pk}-municipality_code": other,
    }
    assert client.post(url, data).status_code == 422
    data[f"s{s.pk}-reason"] = "Dokumenteret jobtilbud"
    assert client.post(url, data).status_code == 302
    s.refresh_from_db()
    assert (s.decision, s.decided_municipality_code) == ("changed", other)


def test_national_retrain_keeps_a_model_from_a_history_file(national_data, tmp_path):
    # REQ: NAT-2
    import io

    from django.core.management import CommandError, call_command

    from velkomst.national.files import write_files
    from velkomst.national.models import TrainedModel

    from .conftest import small_world

    table = national_data[0]
    world = small_world()
    _m, _a, h = write_files(world, tmp_path)
    # the table's first municipalities have the demo's codes: recode the history the same way
    from velkomst.national.demo import _recode

    code = _recode(world)
    lines = h.read_text().splitlines()
    header = lines[0].split(",")
    col = header.index("municipality_code")
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[col] = code[cells[col]]
        out.append(",".join(cells))
    h.write_text("\n".join(out) + "\n")
    stdout = io.StringIO()
    call_command("national_retrain", "--table", str(table.pk), "--history", str(h), stdout=stdout)
    assert "AUC" in stdout.getvalue()
    latest = TrainedModel.objects.latest("pk")
    assert latest.source == "file" and latest.source_name == "H.csv"
    # a history without outcomes: named, nothing written
    h.write_text("\n".join([out[0], out[1].rsplit(",", 4)[0] + ",,0,0,2020"]) + "\n")
    with pytest.raises(CommandError, match=r"H.csv, row 2, column employed_within_3y"):
        call_command("national_retrain", "--table", str(table.pk), "--history", str(h))
    assert TrainedModel.objects.count() == 2


def test_an_online_run_assigns_one_week_against_the_year_s_quotas(national_data, national_user):
    # REQ: NAT-1
    _table, plan, model, batch = national_data
    week = min(a["arrival_week"] for a in batch.adults)
    run = services.run_request(
        acting_user=national_user, batch=batch, plan=plan, model=model, mode="online", week=week
    )
    run.refresh_from_db()
    assert run.state == "done", run.error
    households = {a["household_id"] for a in batch.adults if a["arrival_week"] == week}
    assert set(run.suggestions.values_list("household_id", flat=True)) == households
    assert {s.arrival_week for s in run.suggestions.all()} == {week}
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):  # a week without arrivals
        services.run_request(
            acting_user=national_user, batch=batch, plan=plan, model=model, mode="online", week=53
        )


def test_the_platform_history_is_anonymous_adults_with_their_outcome(caseworker):
    # REQ: NAT-2
    from datetime import date

    from conftest import member
    from velkomst.national.selectors import platform_history
    from velkomst.outcomes.models import Employment
    from velkomst.people.services import household_create

    household = household_create(
        acting_user=caseworker,
        name="Familien Haddad",
        visitation_date=date(2021, 3, 1),
        members=[
            member(),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(first_name="Lina", birth_date=date(2016, 9, 9), relation="child", languages=[]),
        ],
    )
    omar = household.members.get(first_name="Omar")
    Employment.objects.create(
        municipality=household.municipality,
        person=omar,
        employer_name="Danish Crown",
        start_date=date(2022, 6, 1),
        hours_per_week=37,
    )
    rows = platform_history({"400"}, today=date(2026, 3, 11))
    assert sorted((r.adult.male, r.employed_3y) for r in rows) == [(False, False), (True, True)]
    assert {r.municipality for r in rows} == {"400"} and {r.cohort for r in rows} == {2021}
    assert all(r.adult.household_size == 3 for r in rows)
    assert "Omar" not in repr(rows) and "Haddad" not in repr(rows)
    assert platform_history({"851"}, today=date(2026, 3, 11)) == []


@pytest.mark.django_db
def test_the_model_card_is_shown_in_the_readers_language(national_data, logged_in, national_user):
    # REQ: NAT-2 (the engine writes its card in English; the page shows it in Danish or English)
    from velkomst.engines.national.model import KNOWN_LIMITS

    _table, _plan, model, _batch = national_data
    client = logged_in(national_user)
    url = reverse("national-model", args=[model.pk])
    danish = client.get(url).content.decode()
    assert "logistisk regression" in danish and "Platt-skalering" in danish
    assert "alder i anden" in danish and "tidligere arbejde" in danish
    assert "Antallet af landsmænd er årets referencetal" in danish
    assert not any(limit in danish for limit in KNOWN_LIMITS)
    assert "logistic regression" not in danish
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    english = client.get(url).content.decode()
    assert "logistic regression" in english and "age squared" in english
    assert "The stock of countrymen is this year" in english


def test_the_plan_page_takes_an_agreement_and_a_revision_and_names_a_stale_one(
    national_user, logged_in
):
    # REQ: NAT-1
    table = services.table_upload(
        acting_user=national_user,
        year=2026,
        label="Test",
        file_name="M.csv",
        content=(M_HEADER + M_ROWS.replace("Syddanmark", "Hovedstaden")).encode(),
    )
    plan = services.plan_compute(acting_user=national_user, table=table, landstal=30)
    q400, q540 = plan.quota["400"], plan.quota["540"]
    client = logged_in(national_user)
    agreed = client.post(
        reverse("national-plan-agreement", args=[plan.pk]),
        {"region": "Hovedstaden", "agreed": f"400 = {q400 + 1}\n540 = {q540 - 1}", "version": 1},
    )
    assert agreed.status_code == 302 and agreed["Location"].endswith("#agreements")
    plan.refresh_from_db()
    assert plan.quota["400"] == q400 + 1 and plan.version == 2
    stale = client.post(
        reverse("national-plan-revision", args=[plan.pk]), {"new_landstal": 60, "version": 1}
    )
    assert stale.status_code == 422
    assert "En anden har ændret kvoteplanen imens" in stale.content.decode()
    bad = client.post(
        reverse("national-plan-agreement", args=[plan.pk]),
        {"region": "Hovedstaden", "agreed": "400 12", "version": 2},
    )
    assert bad.status_code == 422 and "Linje 1: skriv kommunekode = kvote" in bad.content.decode()
    revised = client.post(
        reverse("national-plan-revision", args=[plan.pk]), {"new_landstal": 60, "version": 2}
    )
    assert revised.status_code == 302 and revised["Location"].endswith("#revisions")
    plan.refresh_from_db()
    assert plan.landstal == 60 and sum(plan.quota.values()) == 60
