"""The normalised name-search column (`Person.search_name`) and how a search word is folded.

Case and diacritics are folded ("Müller" and "muller" alike), but the Danish letters are not
plain vowels: æ, ø and å are written as their digraphs ae, oe and aa, as Danish spells them
without the letters, so "aaberg" finds "Åberg", "noergaard" and "nørgaard" find "Nørgaard" and
"løv" does not find "Lov". A name with æ, ø or å is stored a second time with the letters reduced
to a, o and a, so a search typed on a keyboard without them ("norgaard", "aberg") still finds it.
Both forms are in one column, so one ``LIKE '%word%'`` (a trigram index on PostgreSQL) answers.
The folding is plain Python, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import unicodedata

_DIGRAPHS = str.maketrans({"å": "aa", "æ": "ae", "ø": "oe"})
_PLAIN = str.maketrans({"å": "a", "æ": "ae", "ø": "o"})


def _letters(text: str, table: dict[int, str]) -> str:
    """Lower case, æ ø å translated by ``table``, other diacritics dropped, spaces collapsed.
    Twice, so what decomposing reveals (a capital, an "ǽ") is folded as well."""
    for _ in range(2):
        text = unicodedata.normalize("NFC", text).casefold().translate(table)
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.split())


def fold(text: str) -> str:
    """A search word or name as the column stores it: lower case, æ ø å as ae oe aa, other
    diacritics dropped, spaces collapsed."""
    return _letters(text, _DIGRAPHS)


def _plain(text: str) -> str:
    return _letters(text, _PLAIN)


def search_name(first_name: str, last_name: str, household_name: str) -> str:
    """The value of `Person.search_name`: the person's names and the household's name, folded,
    and again with æ ø å reduced to plain letters when that differs."""
    joined = f"{first_name} {last_name} {household_name}"
    folded, plain = fold(joined), _plain(joined)
    return folded if folded == plain else f"{folded} {plain}"
