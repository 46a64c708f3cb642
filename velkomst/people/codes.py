"""The one code list for nationality and languages (REC-1): codes, names and name lookups.

The codes are pycountry's (Debian's iso-codes: ISO 3166-1 and ISO 639-3, which carries the ISO
639-1 and ISO 639-2/B codes too); the names are CLDR's (Babel) in Danish and English, with
pycountry's English names and their Danish iso-codes translations as a fallback. Nothing here is
a hand-kept copy of a standard; ``COUNTRY_ALIASES`` and ``LANGUAGE_ALIASES`` hold only the words
Danish files use that neither package has (nationality adjectives such as "eritreisk",
transliterations such as "tigrinja", "farsi", "kurdisk (sorani)").

What is stored (and what the models already held):

- nationality: the ISO 3166-1 alpha-2 code (SY); alpha-3 (SYR) is read as alpha-2. A person
  without a nationality is ``STATELESS`` "XXA" and a person whose nationality is not known is
  ``UNKNOWN`` "XXX": the codes of ICAO Doc 9303 (the standard for the machine-readable zone of
  passports, refugee travel documents and residence cards), as ISO 3166 has none. Kosovo, which
  is not in ISO 3166, is "XK" as in the EU's and CLDR's lists. The old "XX" is read as unknown.
- language: the ISO 639-1 code where the language has one (ar), else ISO 639-3 (prs for Dari,
  ckb for Sorani); a 639-2/639-3 code of a language with a 639-1 code (ara, per) is read as that.

Plain Python without Django, so engines may use it too. Lookups build their index on first use.
"""

from __future__ import annotations

import difflib
import gettext
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

STATELESS = "XXA"
UNKNOWN = "XXX"
KOSOVO = "XK"
LEGACY_STATELESS_OR_UNKNOWN = "XX"  # what the import and forms wrote before ICAO's codes


def fellow_nationality(code: str) -> str:
    """``code`` as a group of countrymen (the placement's not-alone rule by nationality): no
    group for stateless, unknown or the legacy "XX", which name no country people share."""
    return "" if code in (STATELESS, UNKNOWN, LEGACY_STATELESS_OR_UNKNOWN) else code


# Danmarks Statistik's "vestlige lande" (the definition its statistics on immigrants use since
# 2020): the EU's 27 member states, Andorra, Iceland, Liechtenstein, Monaco, Norway, San Marino,
# Switzerland, the United Kingdom, the Vatican, Canada, the USA, Australia and New Zealand. Every
# other country is "ikke-vestligt". A grouping of countries, not a code list: the codes are
# pycountry's (core test: every one is a country there).
WESTERN_COUNTRIES: frozenset[str] = frozenset(
    {
        # the EU
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
        # the rest of Europe's western countries
        "AD", "IS", "LI", "MC", "NO", "SM", "CH", "GB", "VA",
        # North America and Oceania
        "CA", "US", "AU", "NZ",
    }
)  # fmt: skip


def non_western(code: str) -> bool:
    """Whether a nationality counts as non-Western background (Danmarks Statistik's grouping by
    country; the platform knows the nationality, not the country of origin). Stateless and
    unknown count as non-Western: a rule that limits the share of non-Western children must not
    be met by a missing nationality."""
    return code not in WESTERN_COUNTRIES


# Danish and English names of the values ISO 3166 does not have.
_SPECIAL_COUNTRY_NAMES = {
    STATELESS: {"da": "Statsløs", "en": "Stateless"},
    UNKNOWN: {"da": "Ukendt", "en": "Unknown"},
    KOSOVO: {"da": "Kosovo", "en": "Kosovo"},
}

# Words Danish visitation files use for a nationality that the packages lack: Danish adjectives
# (the "-e" form such as "syriske" is added by itself), English demonyms, nouns and older names.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    STATELESS: (
        "statsløs",
        "statsløse",
        "stateless",
        "statsløs person",
        "uden statsborgerskab",
        "ingen statsborgerskab",
        "ingen nationalitet",
        "no nationality",
    ),
    UNKNOWN: (
        "ukendt",
        "uoplyst",
        "ikke oplyst",
        "unknown",
        "not known",
        "unspecified",
        "ukendt nationalitet",
        "ukendt statsborgerskab",
    ),
    KOSOVO: ("kosovarisk", "kosovar", "kosovoalbansk"),
    "AF": ("afghansk", "afghaner", "afghan", "afghani"),
    "AL": ("albansk", "albanian"),
    "AM": ("armensk", "armenian"),
    "AZ": ("aserbajdsjansk", "azerbaijani", "aserbajdsjan"),
    "BA": ("bosnisk", "bosnian", "bosnien"),
    "BD": ("bangladeshisk", "bangladeshi"),
    "BI": ("burundisk", "burundian"),
    "BY": ("hviderussisk", "belarusisk", "belarusian", "hviderusland"),
    "CD": ("congolesisk", "kongolesisk", "congolese", "dr congo", "dr kongo", "drc", "zaire"),
    "CF": ("centralafrikansk", "central african"),
    "CM": ("camerounsk", "cameroonian"),
    "CN": ("kinesisk", "chinese"),
    "CU": ("cubansk", "cuban"),
    "DE": ("tysk", "german"),
    "DK": ("dansk", "danish"),
    "DZ": ("algerisk", "algerian"),
    "EG": ("egyptisk", "egyptian"),
    "ER": ("eritreisk", "eritreer", "eritrean"),
    "ET": ("etiopisk", "etiopier", "ethiopian", "abessinien"),
    "GB": ("britisk", "british", "england", "engelsk"),
    "GE": ("georgisk", "georgian"),
    "GN": ("guineansk", "guinean"),
    "IN": ("indisk", "indian"),
    "IQ": ("irakisk", "iraker", "iraqi", "irak"),
    "IR": ("iransk", "iraner", "iranian", "persien"),
    "JO": ("jordansk", "jordanian"),
    "KE": ("kenyansk", "kenyan"),
    "KG": ("kirgisisk", "kyrgyz"),
    "KZ": ("kasakhisk", "kazakh"),
    "LB": ("libanesisk", "lebanese"),
    "LK": ("srilankansk", "sri lankan"),
    "LR": ("liberiansk", "liberian"),
    "LY": ("libysk", "libyan"),
    "MA": ("marokkansk", "moroccan"),
    "MD": ("moldovisk", "moldovan"),
    "MK": ("makedonsk", "nordmakedonsk", "macedonian"),
    "ML": ("malisk", "malian"),
    "MM": ("burmesisk", "myanmarsk", "burmese", "burma"),
    "NG": ("nigeriansk", "nigerian"),
    "NP": ("nepalesisk", "nepali", "nepalese"),
    "PK": ("pakistansk", "pakistani"),
    "PS": ("palæstinensisk", "palæstinenser", "palestinian", "palæstina", "palestine"),
    "RS": ("serbisk", "serbian"),
    "RU": ("russisk", "russian", "russia"),
    "RW": ("rwandisk", "rwandan"),
    "SD": ("sudanesisk", "sudanese"),
    "SL": ("sierraleonsk", "sierra leonean"),
    "SN": ("senegalesisk", "senegalese"),
    "SO": ("somalisk", "somalier", "somali"),
    "SS": ("sydsudanesisk", "south sudanese"),
    "SY": ("syrisk", "syrer", "syrian", "syria"),
    "TJ": ("tadsjikisk", "tajik"),
    "TM": ("turkmensk", "turkmen"),
    "TN": ("tunesisk", "tunisian"),
    "TR": ("tyrkisk", "turkish", "turkey", "tyrkiet"),
    "UA": ("ukrainsk", "ukrainer", "ukrainian"),
    "UG": ("ugandisk", "ugandan"),
    "US": ("amerikansk", "american", "usa"),
    "UZ": ("usbekisk", "uzbek"),
    "VE": ("venezuelansk", "venezuelan"),
    "VN": ("vietnamesisk", "vietnamese"),
    "YE": ("yemenitisk", "jemenitisk", "yemeni", "jemen"),
}

# Words for languages that CLDR and iso-codes lack, or name otherwise.
LANGUAGE_ALIASES: dict[str, tuple[str, ...]] = {
    "ti": ("tigrinja", "tigrigna", "tigrinia", "tigrinya"),
    "am": ("amharinja", "amharisk"),
    "fa": ("farsi", "persisk (farsi)", "iransk persisk"),
    "prs": ("dari", "dari persisk", "afghansk persisk", "persisk (dari)", "fa-af"),
    "ps": ("pashto", "pashtu", "pushto", "pakhto", "pashtunsk"),
    "ckb": ("kurdisk (sorani)", "sorani", "kurdisk sorani", "centralkurdisk", "kurdish (sorani)"),
    "kmr": (
        "kurdisk (kurmanji)",
        "kurmanji",
        "kurmanci",
        "kurdisk kurmanji",
        "nordkurdisk",
        "badini",
        "bahdini",
        "kurdish (kurmanji)",
    ),
    "haz": ("hazaragi", "hazara"),
    "aii": ("assyrisk", "assyrian", "assyrisk neoaramæisk"),
    "byn": ("bilen", "blin"),
    "om": ("afaan oromo", "oromiffa", "oromo"),
    "rn": ("kirundi",),
    "az": ("azeri", "aseri"),
    "sh": ("serbokroatisk",),
}

_NAME_LANGUAGES = ("da", "en")
_AE_OE_AA = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_AE_O_A = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
_NOT_LETTER = re.compile(r"[\W_]+")


def fold(text: str, *, short_vowels: bool = False) -> str:
    """Case-, accent-, space- and punctuation-free key: 'Statsløs' -> 'statsloes',
    'Côte d'Ivoire' -> 'cotedivoire'. ``short_vowels`` folds ø and å to o and a instead."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.translate(_AE_O_A if short_vowels else _AE_OE_AA)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_LETTER.sub("", text)


# --- codes ------------------------------------------------------------------------------------


def _country_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for country in pycountry.countries:
        codes[country.alpha_2] = country.alpha_2
        codes[country.alpha_3] = country.alpha_2
    for special in _SPECIAL_COUNTRY_NAMES:
        codes[special] = special
    codes["RKS"] = KOSOVO  # ICAO's code for Kosovo
    codes[LEGACY_STATELESS_OR_UNKNOWN] = UNKNOWN
    return codes


def _language_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for language in pycountry.languages:
        stored = getattr(language, "alpha_2", None) or language.alpha_3
        for code in (language.alpha_3, getattr(language, "bibliographic", None), stored):
            if code:
                codes[code] = stored
    return codes


_COUNTRY_CODES = _country_codes()
_LANGUAGE_CODES = _language_codes()

NATIONALITIES: frozenset[str] = frozenset(_COUNTRY_CODES.values())  # the stored values
LANGUAGES: frozenset[str] = frozenset(_LANGUAGE_CODES)  # every accepted ISO 639 code
STORED_LANGUAGES: frozenset[str] = frozenset(_LANGUAGE_CODES.values())  # 639-1, else 639-3


def country_code(code: str) -> str | None:
    """The stored nationality for an ISO 3166-1 alpha-2 or alpha-3 code (or XXA, XXX), else None."""
    return _COUNTRY_CODES.get(code.strip().upper())


def language_code_of(code: str) -> str | None:
    """The stored language for an ISO 639-1, 639-2/B or 639-3 code, else None."""
    return _LANGUAGE_CODES.get(code.strip().lower())


# --- names ------------------------------------------------------------------------------------


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


@cache
def _iso_da(domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["da"], fallback=True)


def _lang(language: str) -> str:
    return "en" if language.lower().startswith("en") else "da"


def _cldr_language(code: str) -> str:
    return "fa_AF" if code == "prs" else code


def country_name(code: str, language: str = "da") -> str:
    """'SY' -> 'Syrien' (da) or 'Syria' (en); CLDR's names. An unknown code is returned as is."""
    lang = _lang(language)
    code = country_code(code) or code
    if code in _SPECIAL_COUNTRY_NAMES:
        return _SPECIAL_COUNTRY_NAMES[code][lang]
    name = _locale(lang).territories.get(code)
    if name:
        return name
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return _iso_da("iso3166-1").gettext(country.name) if lang == "da" else country.name


def language_name(code: str, language: str = "da") -> str:
    """'ar' -> 'arabisk' (da) or 'Arabic' (en); CLDR's names, else iso-codes'. An unknown code is
    returned as is."""
    lang = _lang(language)
    code = language_code_of(code) or code
    name = _locale(lang).languages.get(_cldr_language(code))
    if name:
        return name
    if lang == "da" and code in LANGUAGE_ALIASES:
        return LANGUAGE_ALIASES[code][0]
    found = pycountry.languages.get(alpha_3=code) if len(code) == 3 else None
    if found is None:
        return code
    return _iso_da("iso639-3").gettext(found.name) if lang == "da" else found.name


def _add(index: dict[str, str], name: str, code: str) -> None:
    for key in {fold(name), fold(name, short_vowels=True)}:
        if key:
            index.setdefault(key, code)


def _names_index(
    aliases: dict[str, tuple[str, ...]], named: Iterable[tuple[str, Iterable[str]]]
) -> dict[str, str]:
    """Folded name -> code: the aliases first, then the packages' names in the order given."""
    index: dict[str, str] = {}
    for code, words in aliases.items():
        for word in words:
            _add(index, word, code)
            if word.endswith("sk"):
                _add(index, word + "e", code)  # syriske, afghanske
    for code, names in named:
        for name in names:
            _add(index, name, code)
    return index


def _country_names() -> Iterable[tuple[str, list[str]]]:
    for lang in _NAME_LANGUAGES:
        for code, name in _locale(lang).territories.items():
            if code in NATIONALITIES:
                yield code, [name]
    for country in pycountry.countries:
        english = [getattr(country, key, None) for key in ("name", "common_name", "official_name")]
        names = [n for n in english if n]
        yield country.alpha_2, names + [_iso_da("iso3166-1").gettext(n) for n in names]


def _language_names(*, cldr_only: bool) -> Iterable[tuple[str, list[str]]]:
    cldr_codes = {"fa_AF": "prs"}
    for lang in _NAME_LANGUAGES:
        for code, name in _locale(lang).languages.items():
            stored = cldr_codes.get(code) or language_code_of(code)
            if stored:
                yield stored, [name]
    if cldr_only:
        return
    for language in pycountry.languages:
        stored = getattr(language, "alpha_2", None) or language.alpha_3
        yield stored, [language.name, _iso_da("iso639-3").gettext(language.name)]


@cache
def _country_index() -> dict[str, str]:
    return _names_index(COUNTRY_ALIASES, _country_names())


@cache
def _language_index() -> dict[str, str]:
    return _names_index(LANGUAGE_ALIASES, _language_names(cldr_only=False))


@cache
def _language_suggestion_index() -> dict[str, str]:
    # the 7,900 ISO 639-3 names would make every guess slow and most of them obscure
    return _names_index(LANGUAGE_ALIASES, _language_names(cldr_only=True))


@lru_cache(maxsize=4096)
def nationality_code(value: str) -> str | None:
    """The stored nationality for a code or a Danish or English name, adjective or known spelling
    ('Syrien', 'syrisk', 'Syria', 'SYR', 'statsløs'), else None."""
    return country_code(value) or _country_index().get(fold(value))


@lru_cache(maxsize=4096)
def language_code(value: str) -> str | None:
    """The stored language for a code or a Danish or English name or known spelling ('arabisk',
    'Arabic', 'ara', 'tigrinja', 'dari'), else None."""
    return language_code_of(value) or _language_index().get(fold(value))


def _suggest(value: str, index: dict[str, str], limit: int) -> list[str]:
    codes: list[str] = []
    for key in difflib.get_close_matches(fold(value), index, n=limit * 3, cutoff=0.75):
        if index[key] not in codes:
            codes.append(index[key])
    return codes[:limit]


@lru_cache(maxsize=1024)
def nationality_suggestions(value: str, language: str = "da", limit: int = 3) -> tuple[str, ...]:
    """The names nearest to a value that matched nothing ('Eritria' -> ('Eritrea',))."""
    codes = _suggest(value, _country_index(), limit)
    return tuple(country_name(code, language) for code in codes)


@lru_cache(maxsize=1024)
def language_suggestions(value: str, language: str = "da", limit: int = 3) -> tuple[str, ...]:
    """The names nearest to a language that matched nothing ('arabsk' -> ('arabisk',))."""
    codes = _suggest(value, _language_suggestion_index(), limit)
    return tuple(language_name(code, language) for code in codes)


# --- choice lists -----------------------------------------------------------------------------

# The languages most refugees in Danish municipalities speak, and the staff's: listed first in a
# choice list so they are reachable at once (codes only; their names come from CLDR like all).
COMMON_LANGUAGES: tuple[str, ...] = (
    "ar",
    "ti",
    "prs",
    "fa",
    "uk",
    "ru",
    "so",
    "ckb",
    "kmr",
    "ps",
    "tr",
    "am",
    "en",
    "da",
)
_SORT_LAST = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # after z, in the Danish alphabet


def sort_key(name: str) -> str:
    """A name's place in an alphabetical list: case and accents ignored, æ, ø and å last."""
    text = unicodedata.normalize("NFC", name).casefold().translate(_SORT_LAST)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def country_choices(language: str = "da") -> tuple[tuple[str, str], ...]:
    """Every nationality as (code, name) in ``language``, sorted by name."""
    pairs = {(code, country_name(code, language)) for code in NATIONALITIES}
    return tuple(sorted(pairs, key=lambda pair: sort_key(pair[1])))


@cache
def language_choices(language: str = "da") -> tuple[tuple[str, str], ...]:
    """Every language CLDR names (and the aliases' languages), as (code, name) in ``language``,
    sorted by name."""
    codes = {code for code, _names in _language_names(cldr_only=True)} | set(LANGUAGE_ALIASES)
    pairs = {(code, language_name(code, language)) for code in codes}
    return tuple(sorted(pairs, key=lambda pair: sort_key(pair[1])))


def common_language_choices(language: str = "da") -> tuple[tuple[str, str], ...]:
    """``COMMON_LANGUAGES`` as (code, name) in ``language``, sorted by name."""
    pairs = [(code, language_name(code, language)) for code in COMMON_LANGUAGES]
    return tuple(sorted(pairs, key=lambda pair: sort_key(pair[1])))


@cache
def language_autonym(code: str) -> str:
    """A language's name in itself, as its speakers read it ('ar' -> 'العربية', 'uk' ->
    'Українська', 'prs' -> 'دری'); the Danish name when CLDR has no locale for it."""
    stored = language_code_of(code) or code
    cldr = _cldr_language(stored)
    try:
        name = Locale.parse(cldr).languages.get(cldr)
    except (ValueError, LookupError, UnknownLocaleError):
        name = None
    if not name:
        return language_name(stored, "da")
    return name[:1].upper() + name[1:]
