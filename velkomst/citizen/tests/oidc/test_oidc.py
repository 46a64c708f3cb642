"""MitID sign-in through an OpenID Connect broker (CIT-1), end to end against a real provider
(the npm package oidc-provider, started by the ``oidc_provider`` fixture (conftest.py)) over HTTP: the browser
is a ``requests`` session that follows the redirects and answers the provider's forms, Velkomst is
pytest-django's live server.

REQ: CIT-1
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from datetime import date, timedelta
from importlib import import_module
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
import time_machine
from django.conf import settings as django_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from velkomst.citizen import mitid as mitid_module
from velkomst.citizen.models import SignInMethod
from velkomst.citizen.session import METHOD_KEY, PERSON_KEY
from velkomst.core.models import AuditEntry, SecurityEvent
from velkomst.people.models import Case, EndReason, Person, Phase

from .browser import walk

pytestmark = pytest.mark.django_db(transaction=True)

AMAL_CPR = "1403881234"
SELAM_CPR = "0205901236"


@pytest.fixture
def citizens(household: Any, other_household: Any) -> dict[str, Person]:
    """Amal (Bornholm) and Selam (Aalborg) with their CPR numbers: two households, two
    municipalities."""
    amal = household.members.get(first_name="Amal")
    selam = other_household.members.get(first_name="Selam")
    Person.objects.filter(pk=amal.pk).update(cpr=AMAL_CPR)
    Person.objects.filter(pk=selam.pk).update(cpr=SELAM_CPR)
    return {"amal": amal, "selam": selam}


def _start(live_server: Any) -> str:
    return f"{live_server.url}{reverse('citizen-oidc-start')}"


def _sign_in(live_server: Any, browser: requests.Session, *, login: str) -> requests.Response:
    """The citizen's whole way: Velkomst's MitID button, the provider's forms, back again."""
    response, url = walk(browser, _start(live_server), login=login)
    assert response is not None and url.startswith(live_server.url), url
    return response


def _session(browser: requests.Session) -> Any:
    key = browser.cookies.get(django_settings.SESSION_COOKIE_NAME)
    engine = import_module(django_settings.SESSION_ENGINE)
    return engine.SessionStore(session_key=key)


def _home_url() -> str | None:
    try:
        return reverse("citizen-home")
    except NoReverseMatch:  # the citizen's start page is another branch's
        return None


def test_a_citizen_signs_in_with_mitid_and_sees_only_their_own_household(
    live_server: Any, mitid: Any, citizens: dict[str, Person]
) -> None:
    """REQ: CIT-1: signed in end to end through the locally started OpenID Connect provider,
    with the CPR number typed with a dash; the session names the citizen's own person."""
    amal, selam = citizens["amal"], citizens["selam"]
    browser = requests.Session()

    response = _sign_in(live_server, browser, login="140388-1234")

    home = _home_url() or "/borger/"
    assert urlsplit(response.url).path == home, response.url
    session = _session(browser)
    assert session[PERSON_KEY] == amal.pk
    assert session[METHOD_KEY] == SignInMethod.MITID
    assert session[PERSON_KEY] != selam.pk
    if _home_url() is not None:  # the citizen's start page: their own household only
        assert response.status_code == 200
        assert "Amal" in response.text
        assert "Selam" not in response.text and "Tesfaye" not in response.text
    entry = AuditEntry.objects.get(channel="citizen", reason=mitid_module.SIGNED_IN_REASON)
    assert (entry.person_id, entry.municipality_id) == (amal.pk, amal.municipality_id)
    assert entry.actor_id is None and entry.actor_label == "Borger: Amal Haddad"
    assert entry.reason == mitid_module.SIGNED_IN_REASON
    assert not SecurityEvent.objects.exists()


def test_a_citizen_who_moved_is_signed_in_where_the_case_is_active(
    live_server: Any, mitid: Any, citizens: dict[str, Person], other_household: Any
) -> None:
    """REQ: CIT-1: the same CPR number in two municipalities: the one with the active case."""
    amal, selam = citizens["amal"], citizens["selam"]
    Case.objects.filter(person=amal).update(phase=Phase.ENDED, end_reason=EndReason.MOVED_AWAY)
    Person.objects.filter(pk=selam.pk).update(cpr=AMAL_CPR)  # Amal's new record in Aalborg
    browser = requests.Session()

    _sign_in(live_server, browser, login=AMAL_CPR)

    assert _session(browser)[PERSON_KEY] == selam.pk


def test_an_unknown_cpr_number_gets_a_clear_page_and_a_security_event(
    live_server: Any, mitid: Any, citizens: dict[str, Person]
) -> None:
    """REQ: CIT-1: a MitID user who is no citizen in Velkomst: told to contact the municipality,
    nothing about other municipalities, no session; the refusal is a security event."""
    browser = requests.Session()

    response = _sign_in(live_server, browser, login="0101701234")

    assert response.status_code == 403
    assert "Vi kan ikke finde dig" in response.text
    assert "Kontakt din kommune" in response.text
    assert "Bornholm" not in response.text and "Aalborg" not in response.text
    assert PERSON_KEY not in _session(browser)
    assert not AuditEntry.objects.filter(channel="citizen").exists()
    event = SecurityEvent.objects.get()
    assert (event.municipality_id, event.actor_id, event.status) == (None, None, 403)
    assert "0101701234" not in str(event.params) + event.path


def test_a_citizen_whose_case_ended_is_refused_like_an_unknown_one(
    live_server: Any, mitid: Any, citizens: dict[str, Person]
) -> None:
    """REQ: CIT-1: an ended case signs nobody in; the page is the unknown citizen's page word
    for word (no hint that the CPR number is known), the municipality sees the attempt."""
    amal = citizens["amal"]
    Case.objects.filter(person=amal).update(phase=Phase.ENDED, end_reason=EndReason.MOVED_AWAY)

    ended = _sign_in(live_server, requests.Session(), login=AMAL_CPR)
    unknown = _sign_in(live_server, requests.Session(), login="0101701234")

    assert ended.status_code == unknown.status_code == 403
    assert _message(ended.text) == _message(unknown.text)
    assert set(SecurityEvent.objects.values_list("municipality_id", flat=True)) == {
        amal.municipality_id,
        None,
    }


def test_a_cancelled_sign_in_says_so_and_writes_nothing(
    live_server: Any, mitid: Any, citizens: dict[str, Person]
) -> None:
    """REQ: CIT-1: the citizen cancels at the provider (error=access_denied)."""
    browser = requests.Session()
    _, login_page = walk(
        browser, _start(live_server), login=AMAL_CPR, stop=lambda u: "/interaction/" in u
    )

    response = browser.get(f"{login_page.rstrip('/')}/abort", timeout=10)

    assert urlsplit(response.url).path == reverse("citizen-oidc-callback")
    assert parse_qs(urlsplit(response.url).query)["error"] == ["access_denied"]
    assert response.status_code == 400
    assert "Du afbrød login med MitID" in response.text
    assert PERSON_KEY not in _session(browser)
    assert not AuditEntry.objects.filter(channel="citizen").exists()
    assert not SecurityEvent.objects.exists()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("tampered state", "Login-forsøget er udløbet"),
        ("another browser", "Login-forsøget er udløbet"),
        ("expired", "Login med MitID lykkedes ikke"),  # the ID token's expiry, checked by Authlib
    ],
)
def test_a_wrong_or_late_answer_is_refused(
    live_server: Any, mitid: Any, citizens: dict[str, Person], answer: str, message: str
) -> None:
    """REQ: CIT-1: the provider's answer with a state Velkomst did not give this browser (changed
    on the way, or carried to another browser), or brought back two hours late, signs nobody
    in."""
    browser = requests.Session()
    callback_path = reverse("citizen-oidc-callback")
    _, callback = walk(
        browser,
        _start(live_server),
        login=AMAL_CPR,
        stop=lambda u: urlsplit(u).path == callback_path,
    )
    query = {k: v[0] for k, v in parse_qs(urlsplit(callback).query).items()}
    assert "code" in query and "state" in query
    if answer == "tampered state":
        query["state"] = query["state"][:-2] + ("xx" if not query["state"].endswith("xx") else "yy")
    elif answer == "another browser":
        browser = requests.Session()
    later = time_machine.travel(timezone.now() + timedelta(hours=2), tick=True)

    with later if answer == "expired" else nullcontext():
        response = browser.get(f"{live_server.url}{callback_path}?{urlencode(query)}", timeout=10)

    assert response.status_code == 400
    assert message in response.text
    assert PERSON_KEY not in _session(browser)
    assert not AuditEntry.objects.filter(channel="citizen").exists()


def test_a_discovery_document_of_another_issuer_is_refused(
    live_server: Any, mitid: Any, settings: Any
) -> None:
    """REQ: CIT-1: the configured issuer must be the one the discovery document names."""
    settings.VELKOMST_OIDC_ISSUER = mitid.issuer.replace("127.0.0.1", "localhost")

    response = requests.get(_start(live_server), allow_redirects=False, timeout=10)

    assert response.status_code == 502
    assert "Login med MitID lykkedes ikke" in response.text


def test_a_staff_session_is_refused_the_mitid_sign_in(
    logged_in: Any, caseworker: Any, settings: Any
) -> None:
    """REQ: CIT-1: a staff member's browser does not start a citizen's sign-in (403)."""
    settings.VELKOMST_OIDC_ISSUER = "http://127.0.0.1:9/"
    client = logged_in(caseworker)

    assert client.get(reverse("citizen-oidc-start")).status_code == 403
    assert client.get(reverse("citizen-oidc-callback")).status_code == 403


def test_mitid_is_off_without_an_issuer(client: Any, settings: Any) -> None:
    settings.VELKOMST_OIDC_ISSUER = ""

    assert client.get(reverse("citizen-oidc-start")).status_code == 404
    assert client.get(reverse("citizen-oidc-callback")).status_code == 404


@pytest.mark.parametrize(
    ("claim", "cpr"),
    [
        ("1403881234", "1403881234"),
        ("140388-1234", "1403881234"),
        (" 1403881234 ", "1403881234"),
        ("14038812345", None),
        ("14O3881234", None),
        ("", None),
        (1403881234, None),
        (None, None),
    ],
)
def test_the_cpr_claim_is_ten_digits(claim: Any, cpr: str | None) -> None:
    assert mitid_module.normalise_cpr(claim) == cpr


def test_the_test_cpr_numbers_are_valid() -> None:
    """The CPR numbers of these tests: their first six digits are a birth date."""
    from velkomst.people.validators import cpr_birth_date

    assert cpr_birth_date(AMAL_CPR) == date(1988, 3, 14)
    assert cpr_birth_date(SELAM_CPR) is not None


def _message(page: str) -> str:
    """The page without its per-session parts (the language form's CSRF token and address)."""
    return re.sub(r'name="(csrfmiddlewaretoken|next)" value="[^"]*"', "", page)
