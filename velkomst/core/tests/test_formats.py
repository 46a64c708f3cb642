"""One way to show dates, amounts, countries and languages per UI language (core/formats.py)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from velkomst.core import formats
from velkomst.people import codes


def _render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


def test_dates_have_one_long_and_one_short_form_per_language():
    # REQ: REC-4
    day = date(2026, 10, 30)
    moment = datetime(2026, 10, 30, 13, 30, tzinfo=ZoneInfo("UTC"))  # 14:30 in Copenhagen
    page = "{{ d|long_date }}|{{ d|short_date }}|{{ d|weekday_date }}|{{ d|month }}|{{ t|date_time }}|{{ t|clock }}|{{ d }}"
    assert _render(page, "da", d=day, t=moment).split("|") == [
        "30. oktober 2026",
        "30.10.2026",
        "fredag 30. oktober 2026",
        "oktober 2026",
        "30. oktober 2026 14:30",
        "14:30",
        "30. oktober 2026",  # a date without a filter reads the same (velkomst/formats)
    ]
    assert _render(page, "en", d=day, t=moment).split("|") == [
        "30 October 2026",
        "30/10/2026",
        "Friday 30 October 2026",
        "October 2026",
        "30 October 2026, 14:30",
        "14:30",
        "30 October 2026",
    ]
    assert _render("{{ d|long_date }}", "da", d=None) == ""


def test_amounts_have_the_locales_thousand_separator():
    # REQ: HOU-1
    assert _render("{{ a|amount }} {{ a|number }}", "da", a=4100) == "4.100 kr. 4.100"
    assert _render("{{ a|amount }} {{ a|number }}", "en", a=4100) == "DKK 4,100 4,100"
    assert formats.format_amount(1234567.5, "da") == "1.234.567,5 kr."
    assert _render("{{ a|number|default:'–' }}", "da", a=None) == "–"


@given(st.integers(min_value=0, max_value=10**9))
def test_an_amount_reads_back_as_its_number(value):
    # REQ: HOU-1
    danish = formats.format_amount(value, "da")
    english = formats.format_amount(value, "en")
    assert danish.endswith(" kr.") and english.startswith("DKK ")
    assert int(danish.removesuffix(" kr.").replace(".", "")) == value
    assert int(english.removeprefix("DKK ").replace(",", "")) == value


def test_countries_and_languages_are_named_in_the_pages_language():
    # REQ: REC-1
    page = "{{ c|country }}, {{ l|language }}, {{ ls|languages }}"
    assert (
        _render(page, "da", c="UA", l="uk", ls=["fa", "prs"]) == "Ukraine, ukrainsk, persisk, dari"
    )
    assert _render(page, "en", c="SY", l="ar", ls=["ti"]) == "Syria, Arabic, Tigrinya"
    assert _render("{{ c|country }}", "da", c="XXA") == "Statsløs"


def test_a_place_names_each_part_once():
    # REQ: HOU-1
    assert formats.join_places("Parkvej 12, Nexø", "Nexø") == "Parkvej 12, Nexø"
    assert formats.join_places("Kommunen", "kommunen") == "Kommunen"
    assert formats.join_places("Lindealle 9", "Skovkvarteret") == "Lindealle 9, Skovkvarteret"


@given(st.lists(st.sampled_from(["Nexø", "Rønne", "Parkvej 12", "Kommunen", ""]), max_size=5))
def test_joining_places_never_repeats_a_part_and_keeps_every_one(parts):
    # REQ: HOU-1
    joined = formats.join_places(*parts)
    pieces = [p for p in joined.split(", ") if p]
    assert len(pieces) == len({p.casefold() for p in pieces})
    assert {p.casefold() for p in parts if p} == {p.casefold() for p in pieces}


def test_choice_lists_are_sorted_by_name_with_the_danish_letters_last():
    # REQ: REC-1
    names = [name for _code, name in codes.country_choices("da")]
    assert names[-3:] == ["Ækvatorialguinea", "Østrig", "Åland"]
    assert names.index("Syrien") < names.index("Tyrkiet")
    languages = dict(codes.language_choices("en"))
    assert languages["ar"] == "Arabic" and languages["prs"] == "Dari"
    common = [code for code, _name in codes.common_language_choices("da")]
    assert set(common) == set(codes.COMMON_LANGUAGES)
    assert codes.language_autonym("uk") == "Українська" and codes.language_autonym("prs") == "دری"
