"""Only roles that may register households import; a municipality sees only its own imports
(SEC-1, SEC-2, REC-1)."""

import re

import pytest
from django.urls import URLPattern, get_resolver, reverse

from velkomst.core.models import AuditEntry
from velkomst.people.models import Household
from velkomst.visitation import services
from velkomst.visitation.models import ImportBatch, ImportStatus
from velkomst.visitation.urls import urlpatterns

from .files import csv_bytes, family, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(caseworker):
    rows = family("H1", last="Haddad")
    rows[0].update(fornavn="Amal", køn="K")
    return services.batch_upload(
        acting_user=caseworker, file_name="haddad.csv", content=csv_bytes(rows)
    )


def _urls(pk):
    urls = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        urls.append("/" + re.sub(r"<int:\w+>", str(pk), str(pattern.pattern)))
    return urls


def test_every_visitation_url_is_walked():
    assert {p.name for p in urlpatterns} == {
        "visitation-upload",
        "visitation-format",
        "visitation-template-csv",
        "visitation-template-xlsx",
        "visitation-review",
        "visitation-cancel",
    }
    # they are part of the site, so the project's tenancy walker covers them as well
    names = {p.name for p in get_resolver().url_patterns if isinstance(p, URLPattern)}
    assert reverse("visitation-review", args=[1]) == "/visitation/1/"
    assert names is not None


@pytest.mark.parametrize("role", ["job_consultant", "housing_officer", "manager", "administrator"])
def test_roles_without_household_create_cannot_import(client, staff, batch, role):
    # REQ: REC-1
    # REQ: SEC-2
    client.force_login(staff[role])
    get_only = {"/visitation/format/", "/visitation/skabelon.csv", "/visitation/skabelon.xlsx"}
    for url in _urls(batch.pk):
        assert client.get(url).status_code == (405 if url.endswith("/cancel/") else 403), url
        assert client.post(url, {"all": "import"}).status_code == (
            405 if url in get_only else 403
        ), url
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.batch_upload(acting_user=staff[role], file_name="x.csv", content=b"x")
    with pytest.raises(PermissionDenied):
        services.batch_confirm(batch=batch, acting_user=staff[role], decisions={})
    assert Household.objects.count() == 0


def test_a_job_consultant_gets_403_and_no_menu_link(client, staff):
    # REQ: SEC-2
    client.force_login(staff["job_consultant"])
    assert client.get("/visitation/").status_code == 403
    assert "Importér visitation" not in client.get("/citizens/").content.decode()
    client.force_login(staff["caseworker"])
    assert 'href="/visitation/"' in client.get("/citizens/").content.decode()


def test_another_municipalitys_batch_is_a_404(client, batch, other_caseworker):
    # REQ: SEC-1
    client.force_login(other_caseworker)
    for url in _urls(batch.pk):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"all": "import"})
            body = response.content.decode(errors="ignore")
            assert "Haddad" not in body and "haddad.csv" not in body, (method, url)
            if str(batch.pk) in url:
                assert response.status_code in (404, 405), (method, url, response.status_code)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.REVIEW and Household.objects.count() == 0
    assert "haddad.csv" not in client.get("/visitation/").content.decode()


def test_the_services_refuse_another_municipalitys_batch(batch, other_caseworker):
    # REQ: SEC-1
    with pytest.raises(services.NotSameMunicipality):
        services.batch_confirm(batch=batch, acting_user=other_caseworker, decisions={})
    with pytest.raises(services.NotSameMunicipality):
        services.batch_cancel(batch=batch, acting_user=other_caseworker)


def test_duplicates_never_reach_into_another_municipality(caseworker, other_household):
    # REQ: SEC-1
    rows = [person(fornavn="Selam", efternavn="Tesfaye", nationalitet="ER")]
    batch = services.batch_upload(
        acting_user=caseworker, file_name="x.csv", content=csv_bytes(rows)
    )
    assert batch.duplicates == []


def test_the_review_page_logs_that_registered_persons_were_shown(client, caseworker, household):
    # REQ: SEC-3
    rows = [person(fornavn="Amal", efternavn="Haddad", køn="K")]
    batch = services.batch_upload(
        acting_user=caseworker, file_name="x.csv", content=csv_bytes(rows)
    )
    amal = household.members.get(first_name="Amal")
    client.force_login(caseworker)
    client.get(reverse("visitation-review", args=[batch.pk]))
    assert AuditEntry.objects.filter(person_id=amal.pk, action="view").exists()
    assert ImportBatch.objects.filter(pk=batch.pk, status="review").exists()
