"""Invitations to the citizen's entrance (CIT-1): a one-time link and a code, expiring, single
use, superseded by a newer one, closed after five wrong codes, throttled; only hashes stored.

REQ: CIT-1
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from velkomst.citizen import services, throttle
from velkomst.citizen.models import Invitation
from velkomst.core.models import AuditEntry

from .conftest import token_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_an_invitation_stores_only_hashes_and_expires_after_the_configured_days(invite, person):
    # REQ: CIT-1
    sent = invite(person)
    invitation = Invitation.objects.get()
    token = token_of(sent)
    assert token not in invitation.token_hash and sent.code not in invitation.code_hash
    assert invitation.token_hash == services.token_hash(token)
    assert 6 <= len(sent.code) <= 8
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)
    entry = AuditEntry.objects.get(object_type="citizen.Invitation", action="create")
    assert entry.person_id == person.pk and entry.reason == services.SENT_REASON


def test_sms_sends_the_link_and_the_code_apart_in_the_persons_language(invite, person, capsys):
    # REQ: CIT-1
    sent = invite(person, channel="sms", address="+45 12 34 56 78")
    out = capsys.readouterr().out
    assert out.count("[sms] to +45 12 34 56 78") == 2
    assert sent.link in out and sent.code in out
    assert "مرحباً Amal" in out  # Amal's native language is Arabic


def test_a_bad_address_writes_nothing(invite, person):
    # REQ: CIT-1
    with pytest.raises(ValidationError):
        invite(person, channel="email", address="not an address")
    with pytest.raises(ValidationError):
        invite(person, channel="sms", address="12")
    assert not Invitation.objects.exists()
    assert not AuditEntry.objects.filter(object_type="citizen.Invitation").exists()


def test_a_failed_send_writes_nothing(invite, person, settings):
    # REQ: CIT-1
    settings.VELKOMST_NOTIFICATION_BACKEND = "velkomst.core.notify.EmailBackend"  # no SMS
    with pytest.raises(ValidationError):
        invite(person, channel="sms", address="12345678")
    assert not Invitation.objects.exists()


def test_only_a_role_with_the_capability_sends_in_its_own_municipality(
    invite, person, staff, other_caseworker
):
    # REQ: CIT-1
    for role in ("housing_officer", "manager", "administrator"):
        with pytest.raises(PermissionDenied):
            invite(person, actor=staff[role])
    with pytest.raises(PermissionDenied):
        invite(person, actor=other_caseworker)
    assert not Invitation.objects.exists()


def test_the_right_code_signs_in_once(invite, person):
    # REQ: CIT-1
    sent = invite(person)
    token = token_of(sent)
    accepted = services.invitation_accept(token=token, code=sent.code.lower())
    assert accepted.person == person
    entry = AuditEntry.objects.get(channel="citizen", reason=services.SIGN_IN_REASONS["invitation"])
    assert entry.actor_id is None and entry.actor_label == "Borger: Amal Haddad"
    again = services.invitation_accept(token=token, code=sent.code)
    assert again.person is None and again.problem == services.USED


def test_an_expired_invitation_is_refused(invite, person):
    # REQ: CIT-1
    sent = invite(person)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        accepted = services.invitation_accept(token=token_of(sent), code=sent.code)
    assert accepted.problem == services.EXPIRED
    assert "udløbet" in accepted.message
    assert Invitation.objects.get().used_at is None


def test_five_wrong_codes_close_the_invitation(invite, person):
    # REQ: CIT-1
    sent = invite(person)
    token = token_of(sent)
    for left in (4, 3, 2, 1):
        wrong = services.invitation_accept(token=token, code="WRONG123")
        assert wrong.problem == services.WRONG_CODE and wrong.attempts_left == left
    closed = services.invitation_accept(token=token, code="WRONG123")
    assert closed.problem == services.CLOSED
    assert "ny invitation" in closed.message
    # the right code no longer helps
    assert services.invitation_accept(token=token, code=sent.code).problem == services.CLOSED
    assert AuditEntry.objects.filter(reason=services.CLOSED_REASON, channel="citizen").count() == 1


def test_a_new_invitation_supersedes_the_open_ones(invite, person):
    # REQ: CIT-1
    first = invite(person)
    second = invite(person)
    assert (
        services.invitation_accept(token=token_of(first), code=first.code).problem
        == services.SUPERSEDED
    )
    assert services.invitation_accept(token=token_of(second), code=second.code).person == person


def test_an_unknown_link_is_refused():
    # REQ: CIT-1
    assert services.invitation_accept(token="nope", code="ABC").problem == services.NOT_FOUND


def test_the_pages_say_why_in_the_citizens_language(client, invite, person):
    # REQ: CIT-1
    sent = invite(person)
    url = f"/borger/invitation/{token_of(sent)}/"
    client.post("/i18n/setlang/", {"language": "ar", "next": url})
    wrong = client.post(url, {"code": "WRONG123"})
    assert wrong.status_code == 422
    assert "الرمز خاطئ" in wrong.content.decode()
    for _i in range(4):
        last = client.post(url, {"code": "WRONG123"})
    assert last.status_code == 410
    assert "أُغلقت الدعوة" in last.content.decode()
    assert client.get("/borger/invitation/unknown-token/").status_code == 404


def test_many_attempts_from_one_place_are_throttled(client, invite, neighbour_household, person):
    # REQ: CIT-1
    people = [person, *neighbour_household.members.all()]
    sent = [invite(p) for p in people]
    attempts = 0
    while attempts < throttle.MAX_ATTEMPTS:
        for one in sent:
            client.post(f"/borger/invitation/{token_of(one)}/", {"code": "WRONG123"})
            attempts += 1
            if attempts >= throttle.MAX_ATTEMPTS:
                break
        sent = [invite(p) for p in people]  # fresh invitations: the per-invitation limit aside
    blocked = client.post(f"/borger/invitation/{token_of(sent[0])}/", {"code": sent[0].code})
    assert blocked.status_code == 429
    assert "Vent et kvarter" in blocked.content.decode()
    assert Invitation.objects.filter(used_at__isnull=False).count() == 0
