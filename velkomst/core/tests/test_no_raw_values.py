"""No code or Django placeholder shows on any page: a walk over every URL pattern.

Every named route is requested with GET, with the field-policy walk's world (one of everything
the pages are about: a household with a plan, appointments, housing, hosts, associations, a
placement run, neighbour reports, a visitation batch, children's placements), as every role, in
Danish; and as the caseworker and the housing officer in English. The visible text (tags,
attributes, scripts and styles removed) must not hold

- the code of an enumerated value where its label differs (every ``TextChoices`` in the project
  and the preset task types): ``forms_review``, ``pre_arrival``, ``private_host`` ...;
- the ISO codes of the citizen's nationality and languages (SY, ar);
- Django's empty choice "---------".
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import models, transaction
from django.utils import translation

from velkomst.core.models import Role
from velkomst.core.tests.test_field_policy import (  # noqa: F401  (world is a fixture)
    NOT_READ,
    OBJECT,
    QUERIES,
    SKIPPED,
    _named_patterns,
    _text,
    world,
)
from velkomst.core.tests.test_tenancy import _fill
from velkomst.reception.categories import LABELS as TASK_TYPES

pytestmark = pytest.mark.django_db

# Codes that are also ordinary Danish words, each with why a match is not a raw value. (English
# pages are checked for the codes with an underscore only: most single-word codes are English
# words: "open", "children", "private", "allocation".)
DANISH_WORDS: dict[str, str] = {
    "integration": "Danish for integration: 'Modtagelse og integration af flygtninge' (footer)",
    "permanent": "Danish adjective: 'permanent bolig'",
    "private": "Danish plural of 'privat': 'private værter'",
    "person": "Danish noun: 'én opgave pr. person'",
    "link": "Danish noun: the channel's 'link'",
    "invitation": "Danish noun: 'Send invitation' (the citizen entrance's invitation, CIT-1); "
    "also a sign-in method, shown by its label 'Invitation fra sagsbehandleren'",
    "job": "Danish noun: 'et job' (the job consultant's start page, 'Resultater: arbejde, ...')",
    "video": "Danish noun: 'video' (interpreting by video, INT-1), shown by its label 'Video'",
    "plan": "Danish noun: 'modtageplan', 'integrationsplan'; also a handover's record kind "
    "(COO-5), shown by its label 'Integrationsplan og mål'",
    "sent": "Danish adverb: 'for sent' (late, the deadlines); also a handover's state (COO-5), "
    "shown by its label 'Sendt, afventer modtagelse'",
    "transport": "Danish noun: 'offentlig transport' (the housing pages' travel times); also a "
    "volunteer offer's code (CIV-1), shown by its label 'Kørsel'",
}
# Routes whose text is not checked, each with why.
NOT_CHECKED: dict[str, str] = {
    **dict.fromkeys(
        ["company-list", "company-detail", "company-import"],
        "shows NACE rev. 2's English industry titles (no package has DB07's Danish titles yet, "
        "docs/decisions.md): English words in them such as 'basic' are Eurostat's, not codes",
    ),
    **dict.fromkeys(
        [
            "visitation-format",
            "visitation-template-csv",
            "visitation-template-xlsx",
            "housing-dwelling-import",
            "housing-dwelling-import-template",
        ],
        "documents an import file's columns and accepted values, codes included, beside their "
        "names (REC-1, HOU-1): the codes are what a file may hold",
    ),
    "audit-person": "the readable per-person audit log is issue 10's audit-log part (names, "
    "labels, values as the pages show them); remove this line when it lands",
}
# Routes that answer a GET with a redirect to a page that is walked.
REDIRECTED = {"task-checklist-item": "a GET goes back to the household's plan (walked)"}
# Routes whose text is in another language than the page's (the PDF is walked in English, and
# the welcome folder's preview with ?lang=en is English too).
ENGLISH_TEXT = {"welcome-pdf"}


class _Visible(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def _text_choices() -> list[type[models.TextChoices]]:
    found, todo = [], list(models.TextChoices.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("velkomst."):
            found.append(cls)
    return found


def raw_codes(language: str) -> dict[str, str]:
    """code -> where it comes from, for every enumerated value whose label is not its code."""
    codes: dict[str, str] = {}
    with translation.override(language):
        for cls in _text_choices():
            for member in cls:
                shown = str(member.label).strip()
                if shown.lower() == member.value.lower():
                    continue
                if member.value in _words(shown):
                    # the code is the value's own name in its label: CEFR "A2 – let øvet
                    # begynder" (the level's international name), shown with its words
                    continue
                codes[member.value] = f"{cls.__module__}.{cls.__name__}"
        for slug, label in TASK_TYPES.items():
            if str(label).lower() != slug:
                codes[slug] = "reception.categories"
    if language == "en":
        return {code: where for code, where in codes.items() if "_" in code}
    return {code: where for code, where in codes.items() if code not in DANISH_WORDS}


def findings(text: str, codes: dict[str, str], iso: set[str]) -> list[str]:
    """What in a page's visible text is a raw value."""
    found = [f"'{code}' ({codes[code]})" for code in _words(text) & set(codes)]
    found += [f"ISO code '{code}'" for code in _words(text) & iso]
    if "---------" in text:
        found.append("Django's empty choice '---------'")
    return sorted(found)


_WORD = re.compile(r"(?<![\w./:-])[A-Za-z][A-Za-z0-9_]*(?![\w/:-])")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def test_the_detector_finds_codes_iso_codes_and_the_placeholder():
    codes = raw_codes("da")
    assert {"forms_review", "bank_account", "danish_referral", "pre_arrival"} <= set(codes)
    page = visible_text(
        '<select><option value="forms_review">Gennemgang af blanketter og breve</option>'
        "<option>---------</option></select><td>forms_review</td><td>SY</td>"
        "<script>var x = 'bank_account'</script>"
    )
    assert findings(page, codes, {"SY", "ar"}) == [
        "'forms_review' (reception.categories)",
        "Django's empty choice '---------'",
        "ISO code 'SY'",
    ]
    assert (
        findings(visible_text('<a href="/x/?kind=pre_arrival">Før ankomst</a>'), codes, {"SY"})
        == []
    )


def _walk(client, user, routes, ids, household, codes, iso, problems, answered) -> None:
    for route, name in routes:
        url = _fill(route, ids)
        if name in OBJECT:
            url = re.sub(r"/\d+/", f"/{ids[OBJECT[name]]}/", url)
        for raw in [{}, *QUERIES.get(name, [])]:
            query = {key: value.format(**ids) for key, value in raw.items()}
            response = client.get(url, query)
            if response.status_code != 200:
                continue
            answered.add(name)
            if name in NOT_CHECKED:
                continue
            content_type = response.get("Content-Type", "")
            text = _text(response, user, household)
            if content_type.startswith(("text/html", "application/pdf")):
                text = visible_text(text)
            english = name in ENGLISH_TEXT or query.get("lang") == "en"
            checked = raw_codes("en") if english else codes
            for finding in findings(text, checked, iso):
                problems.append(f"{user.role} GET {url} {query}: {finding}")


@pytest.mark.parametrize(
    ("language", "roles"),
    [("da", list(Role.values)), ("en", [Role.CASEWORKER, Role.HOUSING_OFFICER])],
)
def test_no_page_shows_a_code_an_iso_code_or_djangos_empty_choice(
    client,
    world,  # noqa: F811  (the fixture imported above)
    household,
    staff,
    language,
    roles,
):
    # REQ: REC-1, REC-4, HOU-1
    routes = [(route, name) for route, name in _named_patterns() if name not in SKIPPED]
    amal = household.members.get(first_name="Amal")
    iso = {amal.nationality, *amal.languages.values_list("language", flat=True)}
    assert iso == {"SY", "ar"}
    codes = raw_codes(language)
    problems: list[str] = []
    answered: set[str] = set()
    client.cookies["django_language"] = language
    for role in roles:
        user = staff[role]
        client.force_login(user)
        with transaction.atomic():
            _walk(client, user, routes, world, household, codes, iso, problems, answered)
            transaction.set_rollback(True)
    assert problems == []
    if language == "da":  # every route was read by some role (as in the field-policy walk)
        assert set(NOT_CHECKED) <= answered, "a listed route no longer exists or is not read"
        unread = {name for _r, name in routes} - answered
        assert unread <= set(NOT_READ) | set(REDIRECTED), sorted(unread)
