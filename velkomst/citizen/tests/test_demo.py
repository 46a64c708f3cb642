"""``manage.py logins`` opens the citizen's entrance for the demo (CIT-1).

REQ: CIT-1
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_logins_prints_a_fresh_invitation_that_signs_the_demo_citizen_in(household, client):
    # REQ: CIT-1
    cache.clear()
    first, second = StringIO(), StringIO()
    call_command("logins", stdout=first)
    call_command("logins", stdout=second)
    found = re.search(r"open (\S+) and type the code (\w+)", second.getvalue())
    assert found, second.getvalue()
    link, code = found.groups()
    earlier = re.search(r"open (\S+) and type the code (\w+)", first.getvalue())
    assert earlier
    old = earlier.groups()
    path = "/" + link.split("://", 1)[-1].split("/", 1)[-1]
    assert (
        client.post(
            "/" + old[0].split("://", 1)[-1].split("/", 1)[-1], {"code": old[1]}
        ).status_code
        == 410
    )
    response = client.post(path, {"code": code})
    assert response.status_code == 302 and response.url == "/borger/"
    assert client.get("/borger/").status_code == 200
