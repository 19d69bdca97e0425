"""Given names: where a capitalised run turns into a person's name.

English runs glue an employer to the name after it ("spokesperson for TransCanada Grady
Semmens", "… at the European Environmental Bureau Barbara Mariani"); nothing but knowing
"Grady" and "Barbara" as given names says where the name starts. A full name that opens
with one is a person ("Isabel Indigo Brooks"), even with no title or speech verb near it.
The list (``given_names.txt``, built by ``tools/build_given_names.py``) joins the 1990 US
Census's (public domain) and the given names of Faker's Latin-script locales, Russian and
Ukrainian ones transliterated (MIT), less English words. A name it lacks (Keir, Rishi) costs
recall, and the rules then read the run as they did without it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .lexicon import (
    CAPITALS,
    COUNTRY_GROUPS,
    HONORIFICS,
    MONTHS,
    NATIONALITIES,
    NOT_GIVEN,
    ORG_WORDS,
    ROLE_NOUNS,
    STOPWORDS,
    TITLE_HEADS,
    WEEKDAYS,
)


def list_lines(filename: str) -> list[str]:
    """The entries of a name list shipped beside this module (``given_names.txt``,
    ``given_name_genders.txt``): its lines, stripped, without blanks and ``#`` comments."""
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def given_names() -> frozenset[str]:
    """The list, read once: capitalised ("Grady"), without ``lexicon.NOT_GIVEN`` (words more
    often a word, a place or a firm) or any word the lexicon already gives another meaning
    (a month, a country, a title)."""
    names = set(list_lines("given_names.txt"))
    other = MONTHS | WEEKDAYS | COUNTRY_GROUPS.keys() | CAPITALS | NATIONALITIES | STOPWORDS
    return frozenset(
        n
        for n in names - NOT_GIVEN - other - ORG_WORDS
        if n.lower() not in TITLE_HEADS and n.lower() not in ROLE_NOUNS
    )


def is_given_name(word: str) -> bool:
    """Whether ``word``, as written ("Grady", not "GRADY"), is a given name of the list."""
    return word in given_names()


# Title words that are also family names: "Mr. King", "Rep. Peter T. King", "Mervyn King".
TITLE_SURNAMES = frozenset(
    {"King", "Prince", "Major", "Bishop", "Dean", "Judge", "Marshal", "Pope", "Baron", "Earl"}
    | {"Duke", "Chancellor", "Sheriff", "Deacon", "Abbot", "Knight", "Singer"}
)
# Nationalities that are also family names: "Mark Cuban", "Bill English", "Jack French".
NATIONAL_SURNAMES = frozenset({"Cuban", "English", "French", "Welsh", "Irish", "German", "Dutch"})


def title_surname(words: tuple[str, ...]) -> bool:
    """Whether the last word, a title word or a nationality, is a family name here: after an
    honorific or a given name, initials aside ("Mr. King", "Peter T. King", "Mark Cuban"; not
    "Crown Prince")."""
    if len(words) < 2 or not (words[-1] in TITLE_SURNAMES or words[-1] in NATIONAL_SURNAMES):
        return False
    before = [w for w in words[:-1] if not (w.rstrip(".").isupper() and len(w.rstrip(".")) == 1)]
    if not before or before[-1] in COUNTRY_GROUPS or before[-1] in NATIONALITIES:
        return False  # "Jordan King Abdullah", "Saudi King"
    return before[-1].rstrip(".") in HONORIFICS or is_given_name(before[-1])
