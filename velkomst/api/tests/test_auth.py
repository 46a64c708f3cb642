"""Token and session authentication of the API."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.middleware.csrf import get_token
from django.test import Client

from velkomst.api.services import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    hash_key,
)
from velkomst.core.models import ApiToken

from .conftest import ApiClient


def test_missing_token_is_401(api_as, person):
    response = api_as(None).get(f"/api/persons/{person.pk}")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("key", ["nonsense", "vk_" + "x" * 43, ""])
def test_invalid_token_is_401(api_as, person, key):
    response = api_as(None, key=key).get("/api/persons")
    assert response.status_code == 401


def test_other_authorization_scheme_is_401(contract, person):
    response = Client().get("/api/persons", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    contract.check("GET", "/api/persons", response)
    assert response.status_code == 401


def test_valid_token_authenticates_and_marks_last_use(api_as, caseworker, person):
    _, key = api_token_create(user=caseworker, name="sync")
    token = ApiToken.objects.get(key_hash=hash_key(key))
    assert token.last_used_at is None
    response = api_as(None, key=key).get(f"/api/persons/{person.pk}")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_is_401(api_as, caseworker, person):
    token, key = api_token_create(user=caseworker, name="old")
    api_token_revoke(token=token)
    assert api_as(None, key=key).get("/api/persons").status_code == 401


def test_token_of_inactive_user_is_401(api_as, caseworker, person):
    _, key = api_token_create(user=caseworker, name="sync")
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])
    assert api_as(None, key=key).get("/api/persons").status_code == 401


def test_bad_token_does_not_fall_back_to_the_session(contract, client, caseworker, person):
    client.force_login(caseworker)
    response = client.get("/api/persons", headers={"Authorization": "Bearer wrong"})
    contract.check("GET", "/api/persons", response)
    assert response.status_code == 401


def test_only_the_hash_of_the_key_is_stored(caseworker):
    token, key = api_token_create(user=caseworker, name="sync")
    assert key.startswith(token.prefix)
    assert token.key_hash == hash_key(key) and key not in token.key_hash
    assert api_token_authenticate(key=key) == caseworker


def test_session_of_logged_in_staff_reads(session_api, caseworker, person):
    response = session_api(caseworker).get(f"/api/persons/{person.pk}")
    assert response.status_code == 200
    assert response.json()["first_name"] == "Amal"


def test_session_write_needs_csrf_token(contract, caseworker, case):
    """Pages call the API with the session; a write without the CSRF token is refused."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    path = f"/api/cases/{case.pk}/notes"
    refused = client.post(path, data={"text": "x"}, content_type="application/json")
    contract.check("POST", path, refused)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    page = client.get("/api/docs")  # any page: gives the browser its CSRF cookie
    csrf = page.cookies.get("csrftoken")
    token = csrf.value if csrf else get_token(page.wsgi_request)
    client.cookies["csrftoken"] = token
    accepted = client.post(
        path,
        data={"text": "Ringet op."},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    contract.check("POST", path, accepted)
    assert accepted.status_code == 201


def test_anonymous_write_without_csrf_is_401_not_403(contract, case):
    client = Client(enforce_csrf_checks=True)
    path = f"/api/cases/{case.pk}/notes"
    response = client.post(path, data={"text": "x"}, content_type="application/json")
    contract.check("POST", path, response)
    assert response.status_code == 401


def test_inactive_session_user_is_401(session_api, caseworker, person):
    client: ApiClient = session_api(caseworker)
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])
    assert client.get("/api/persons").status_code == 401


def test_create_api_token_command_prints_the_key_once(api_as, caseworker, person):
    out = io.StringIO()
    call_command(
        "create_api_token", caseworker.username, name="nightly", stdout=out, stderr=io.StringIO()
    )
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=caseworker, name="nightly")
    assert token.key_hash == hash_key(key)
    assert api_as(None, key=key).get("/api/persons").status_code == 200


def test_create_api_token_command_refuses_unknown_or_inactive_users(caseworker):
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", name="x", stdout=io.StringIO())
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])
    with pytest.raises(CommandError):
        call_command("create_api_token", caseworker.username, name="x", stdout=io.StringIO())
