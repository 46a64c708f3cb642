"""Claims of result grants (PRG-7): the page where a grant is marked claimed and paid, the refused
second claim, the export's claim columns, and the services' rules."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.outcomes import selectors, services
from velkomst.outcomes.models import ResultGrantClaim

from .conftest import employment_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(caseworker, person, takeover):
    """Amal's job grant: six months of ordinary work from 1 February 2025."""
    services.employment_create(acting_user=caseworker, person=person, **employment_values())
    (found,) = selectors.outcomes_of(person).grants
    return found


def _claim_url(person, grant):
    return f"/persons/{person.pk}/grants/claim/?kind={grant.kind.value}"


def test_marking_a_grant_claimed_and_paid_on_the_page(logged_in, caseworker, person, grant):
    # REQ: PRG-7
    client = logged_in(caseworker)
    listing = client.get("/outcomes/grants/").content.decode()
    assert "Kan hjemtages" in listing and _claim_url(person, grant) in listing
    form = client.get(_claim_url(person, grant))
    assert form.status_code == 200
    page = form.content.decode()
    assert "88817" in page  # the amount from the rate table is the default
    response = client.post(
        _claim_url(person, grant),
        {"version": 0, "claimed_on": "2025-09-01", "amount": 88817, "reference": "STAR-2025-17"},
    )
    assert response.status_code == 302
    claim = ResultGrantClaim.objects.get()
    assert (claim.person_id, claim.kind, claim.earned_on) == (person.pk, "job", grant.earned_on)
    assert (claim.amount, claim.reference, claim.claimed_by) == (88817, "STAR-2025-17", caseworker)
    assert AuditEntry.objects.filter(action="create", person_id=person.pk, object_id=str(claim.pk))
    listing = client.get("/outcomes/grants/").content.decode()
    assert "Hjemtaget, ikke udbetalt" in listing and "STAR-2025-17" in listing
    assert "Hjemtaget 88.817 kr., heraf udbetalt 0 kr." in listing
    # the claim link now leads to the claim's own page, where the day paid is recorded
    assert client.get(_claim_url(person, grant)).status_code == 302
    edit = f"/grant-claims/{claim.pk}/edit/"
    assert "Udbetalt" in client.get(edit).content.decode()
    paid = client.post(
        edit,
        {"version": 1, "claimed_on": "2025-09-01", "amount": 88817, "paid_on": "2025-10-15"},
    )
    assert paid.status_code == 302
    claim.refresh_from_db()
    assert claim.paid_on == date(2025, 10, 15) and claim.version == 2
    paid_list = client.get("/outcomes/grants/", {"status": "paid"}).content.decode()
    assert "1 tilskud" in paid_list and "udbetalt 15. oktober 2025" in paid_list
    assert "0 tilskud" in client.get("/outcomes/grants/", {"status": "open"}).content.decode()


def test_a_second_claim_of_the_same_grant_is_refused_with_a_message(
    logged_in, staff, caseworker, person, grant
):
    # REQ: PRG-7
    url = _claim_url(person, grant)
    data = {"version": 0, "claimed_on": "2025-09-01", "amount": 88817, "reference": "A-1"}
    manager = logged_in(staff["manager"])
    assert manager.get(url).status_code == 200  # both open the form before either saves
    assert logged_in(caseworker).post(url, data).status_code == 302
    again = manager.post(url, {**data, "reference": "B-2"})
    assert again.status_code == 422
    assert "allerede hjemtaget 1. september 2025 (reference A-1)" in again.content.decode()
    assert ResultGrantClaim.objects.count() == 1
    with pytest.raises(ValidationError) as refused:
        services.claim_create(
            actor=caseworker,
            person=person,
            kind="job",
            earned_on=grant.earned_on,
            claimed_on=date(2025, 9, 2),
            amount=1,
        )
    assert "earned_on" in refused.value.message_dict


def test_only_a_derived_grant_can_be_claimed_and_the_fields_are_checked(caseworker, person, grant):
    # REQ: PRG-7
    base = dict(actor=caseworker, person=person, kind="job", claimed_on=date(2025, 9, 1))
    with pytest.raises(ValidationError) as none:
        services.claim_create(**base, earned_on=date(2025, 8, 1), amount=100)
    assert "har intet resultattilskud" in none.value.message_dict["earned_on"][0]
    with pytest.raises(ValidationError) as early:
        services.claim_create(
            **{**base, "claimed_on": date(2025, 1, 1)}, earned_on=grant.earned_on, amount=100
        )
    assert "claimed_on" in early.value.message_dict
    with pytest.raises(ValidationError) as zero:
        services.claim_create(**base, earned_on=grant.earned_on, amount=0)
    assert "amount" in zero.value.message_dict
    claim = services.claim_create(**base, earned_on=grant.earned_on, amount=grant.amount)
    with pytest.raises(ValidationError) as before:
        services.claim_update(
            actor=caseworker, claim=claim, expected_version=1, paid_on=date(2025, 8, 31)
        )
    assert "paid_on" in before.value.message_dict
    claim.refresh_from_db()
    assert claim.paid_on is None
    services.claim_update(actor=caseworker, claim=claim, expected_version=1, reference="X")
    with pytest.raises(ConcurrentEditError):
        services.claim_update(actor=caseworker, claim=claim, expected_version=1, reference="Y")


def test_who_may_claim(logged_in, staff, person, grant):
    # REQ: PRG-7
    url = _claim_url(person, grant)
    # the job consultant sees the grants but does not claim them; the others see no grants
    assert logged_in(staff["job_consultant"]).get(url).status_code in (403, 404)
    for role in ("housing_officer", "family_consultant", "health_coordinator"):
        assert logged_in(staff[role]).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.claim_create(
            actor=staff["job_consultant"],
            person=person,
            kind="job",
            earned_on=grant.earned_on,
            claimed_on=date(2025, 9, 1),
            amount=1,
        )
    consultant = logged_in(staff["job_consultant"]).get("/outcomes/grants/").content.decode()
    assert "Hjemtag<" not in consultant
    assert "Hjemtag<" in logged_in(staff["manager"]).get("/outcomes/grants/").content.decode()


def test_the_export_shows_claimed_and_paid(logged_in, staff, caseworker, person, grant):
    # REQ: PRG-7
    from openpyxl import load_workbook

    claim = services.claim_create(
        actor=caseworker,
        person=person,
        kind="job",
        earned_on=grant.earned_on,
        claimed_on=date(2025, 9, 1),
        amount=88817,
        reference="=HYPERLINK(1)",
    )
    services.claim_update(
        actor=caseworker, claim=claim, expected_version=1, paid_on=date(2025, 10, 1)
    )
    client = logged_in(staff["manager"])
    response = client.get("/outcomes/grants/export/", {"format": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    header, row = rows[0], rows[1]
    values = dict(zip(header, row, strict=True))
    assert values["Status"] == "Udbetalt" and values["Hjemtaget beløb (kr.)"] == 88817
    assert values["Reference"] == "=HYPERLINK(1)"  # a text cell in XLSX, never a formula
    assert values["Udbetalt"].date() == date(2025, 10, 1)
    csv = client.get("/outcomes/grants/export/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "Udbetalt;" in csv and "'=HYPERLINK(1)" in csv  # formula-like text defused


def test_a_claim_reads_in_the_audit_log_by_kind_and_day(caseworker, person, grant):
    # REQ: PRG-7
    from velkomst.core.audit_log import _name

    claim = services.claim_create(
        actor=caseworker,
        person=person,
        kind="job",
        earned_on=grant.earned_on,
        claimed_on=date(2025, 9, 1),
        amount=grant.amount,
    )
    assert _name("outcomes.ResultGrantClaim", claim) == "Ordinær beskæftigelse, 31. juli 2025"


def test_the_whole_municipality_and_a_unit_derive_the_same_grants(staff, person, grant):
    """The manager's list reads the municipality's facts at once (no list of ids); a caseworker's
    reads those of the persons they see: for a person both see, the grants are the same.
    REQ: PRG-7"""
    manager = selectors.grants_for_user(user=staff["manager"], year=grant.earned_on.year)
    caseworker = selectors.grants_for_user(user=staff["caseworker"], year=grant.earned_on.year)
    assert [(r.person.pk, r.grant) for r in manager.rows] == [(person.pk, grant)]
    assert [(r.person.pk, r.grant) for r in caseworker.rows] == [(person.pk, grant)]
    assert manager.years == caseworker.years == [grant.earned_on.year]
    assert (
        selectors.grants_for_user(user=staff["manager"], year=grant.earned_on.year + 1).rows == []
    )
