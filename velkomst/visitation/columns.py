"""The visitation file's columns and the words accepted in its cells (REC-1).

One definition serves the parser (header recognition), the validator (vocabularies), the format
page and the downloadable templates, so they cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from velkomst.people.codes import fold
from velkomst.people.models import Proficiency, Relation, ResidenceBasis, Sex


@dataclass(frozen=True)
class Column:
    key: str  # the field it fills
    header: str  # the Danish header written in the templates
    aliases: tuple[str, ...]  # other accepted headers (English, without Danish letters ...)
    required: bool
    description: Promise
    example: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "household",
        "husstand",
        ("household", "household_reference", "household_ref", "husstandsreference", "husstand_nr"),
        True,
        _("Husstandens reference i filen. Rækker med samme reference bliver én husstand."),
        "H1",
    ),
    Column(
        "first_name",
        "fornavn",
        ("fornavne", "first_name", "firstname", "given_name", "given_names"),
        True,
        _("Fornavn(e)."),
        "Amira",
    ),
    Column(
        "last_name",
        "efternavn",
        ("last_name", "lastname", "surname", "family_name"),
        True,
        _("Efternavn."),
        "Eksempel",
    ),
    Column(
        "birth_date",
        "fødselsdato",
        ("foedselsdato", "fodselsdato", "birth_date", "birthdate", "date_of_birth", "dob"),
        True,
        _("Dato som dd-mm-åååå, dd.mm.åååå eller åååå-mm-dd (eller en datocelle i XLSX)."),
        "14-03-1988",
    ),
    Column(
        "sex",
        "køn",
        ("koen", "kon", "sex", "gender"),
        True,
        _("K (kvinde), M (mand) eller X (andet/uoplyst). F og engelske ord accepteres også."),
        "K",
    ),
    Column(
        "nationality",
        "nationalitet",
        ("statsborgerskab", "nationality", "citizenship", "country"),
        True,
        _(
            "Landets navn på dansk eller engelsk (Syrien, Syria), som tillægsord (syrisk) eller "
            "som kode (ISO 3166: SY eller SYR). Statsløs og ukendt skrives sådan (stateless, "
            "unknown)."
        ),
        "Syrien",
    ),
    Column(
        "languages",
        "sprog",
        ("languages", "language"),
        False,
        _(
            "Sprog adskilt af semikolon: sprog:niveau:tolk, fx 'arabisk:modersmål:tolk; "
            "engelsk:grundlæggende' eller 'ar:native:tolk; en:basic'. Sproget skrives med "
            "navn på dansk eller engelsk (tigrinya, dari) eller kode (ISO 639: ar, ara, prs). Niveau: "
            "modersmål/native, flydende/fluent, grundlæggende/basic, ingen/none; uden niveau "
            "regnes sproget som modersmål. 'tolk' betyder, at der er brug for tolk."
        ),
        "arabisk:modersmål:tolk; engelsk:grundlæggende",
    ),
    Column(
        "relation",
        "relation",
        ("relationship", "relation_to_head", "familierelation"),
        True,
        _(
            "Relation til husstandens hovedperson: hovedperson, ægtefælle, barn, forælder, "
            "søskende, anden (eller head, spouse, child, parent, sibling, other)."
        ),
        "hovedperson",
    ),
    Column(
        "residence_basis",
        "opholdsgrundlag",
        ("residence_basis", "residence", "legal_basis", "opholdstilladelse"),
        True,
        _(
            "flygtning, kvoteflygtning eller familiesammenført "
            "(eller refugee, quota_refugee, family_reunified)."
        ),
        "flygtning",
    ),
    Column(
        "asylum_centre",
        "asylcenter",
        ("asylum_centre", "asylum_center", "centre", "center"),
        False,
        _("Asylcentret, personen kommer fra. Tomt for kvoteflygtninge. Ens i hele husstanden."),
        "Center Sandholm",
    ),
    Column(
        "visitation_date",
        "visitationsdato",
        ("visitation_date", "visitation", "visiteret"),
        True,
        _("Datoen for Udlændingestyrelsens visitation. Ens i hele husstanden."),
        "15-05-2026",
    ),
    Column(
        "expected_arrival_date",
        "forventet_ankomst",
        ("forventet_ankomstdato", "ankomst", "expected_arrival", "expected_arrival_date"),
        False,
        _("Forventet ankomstdato til kommunen; ikke før visitationsdatoen. Ens i hele husstanden."),
        "01-07-2026",
    ),
    Column(
        "cpr",
        "cpr",
        ("cpr_nummer", "cpr_nr", "cprnr", "personnummer", "cpr_number"),
        False,
        _("CPR-nummer, hvis personen har et: 10 cifre (DDMMÅÅXXXX), med eller uden bindestreg."),
        "",
    ),
)

COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def normalise_header(text: str) -> str:
    """'Forventet ankomst ' -> 'forventet_ankomst'; 'Fødsels-dato' -> 'fødsels_dato'."""
    text = unicodedata.normalize("NFC", text.replace("\ufeff", "")).strip().casefold()
    text = text.rstrip("*:").strip()
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.header, *column.aliases):
            index[normalise_header(name)] = column.key
            # also without the underscores: 'forventetankomst', 'firstname'
            index[normalise_header(name).replace("_", "")] = column.key
    return index


HEADER_INDEX = _header_index()


def column_for_header(text: str) -> str | None:
    key = normalise_header(text)
    return HEADER_INDEX.get(key) or HEADER_INDEX.get(key.replace("_", ""))


@lru_cache(maxsize=4096)
def word_key(text: str) -> str:
    """Case-, accent- and space-insensitive key for matching words ('Ægtefælle' ~ 'aegtefaelle')."""
    return fold(text)


def _vocabulary(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {word_key(str(w)): str(value) for value, ws in words.items() for w in (value, *ws)}


RELATIONS = _vocabulary(
    {
        Relation.HEAD: ("hovedperson", "hoved", "reference", "referenceperson", "ansøger"),
        Relation.SPOUSE: ("ægtefælle", "ægtefælle/partner", "partner", "samlever", "hustru"),
        Relation.CHILD: ("barn", "søn", "datter", "børn"),
        Relation.PARENT: ("forælder", "forældre", "mor", "far", "mother", "father"),
        Relation.SIBLING: ("søskende", "bror", "søster", "brother", "sister"),
        Relation.OTHER: ("anden", "andet", "anden relation"),
    }
)

RESIDENCE_BASES = _vocabulary(
    {
        # udlændingeloven § 7, § 8 and § 9
        ResidenceBasis.REFUGEE: ("flygtning", "§7", "7", "asyl", "konventionsflygtning"),
        ResidenceBasis.QUOTA_REFUGEE: (
            "kvoteflygtning",
            "kvote",
            "§8",
            "8",
            "quota",
            "quota refugee",
        ),
        ResidenceBasis.FAMILY_REUNIFIED: (
            "familiesammenført",
            "familiesammenføring",
            "§9",
            "9",
            "family reunified",
            "family reunification",
            "family_reunification",
        ),
    }
)

SEXES = _vocabulary(
    {
        Sex.FEMALE: ("k", "kvinde", "female", "f", "kvindelig", "pige", "girl", "woman"),
        Sex.MALE: ("m", "mand", "male", "mandlig", "dreng", "boy", "man"),
        Sex.OTHER: ("x", "andet", "uoplyst", "other", "unknown", "ukendt"),
    }
)

PROFICIENCIES = _vocabulary(
    {
        Proficiency.NATIVE: ("modersmål", "modersmaal", "mother tongue", "first"),
        Proficiency.FLUENT: ("flydende", "god", "good"),
        Proficiency.BASIC: ("grundlæggende", "lidt", "some", "beginner"),
        Proficiency.NONE: ("ingen",),
    }
)

INTERPRETER_WORDS = frozenset(
    word_key(w) for w in ("tolk", "interpreter", "ja", "yes", "tolk nødvendig", "tolkebehov")
)
NO_INTERPRETER_WORDS = frozenset(word_key(w) for w in ("", "nej", "no", "ingen tolk"))
