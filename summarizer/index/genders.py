"""The sex the article gives a person, where it says: what "he said" and "she said" must agree
with.

Read from the article alone: an honorific before a mention ("Mrs. Clinton", "Mr. Trump"), a
title that carries it ("spokeswoman", "congressman"), the article's own pronoun ("X said he
would"), or a given name that the name lists give to one sex only (``given_name_genders.txt``,
built with ``given_names.txt`` by ``tools/build_given_names.py --genders``: "Jennifer",
"Vladimir"; not "Kim", "Alex" or "Michele"). Signs that disagree, or none, leave it unknown,
and an unknown person fits either pronoun. A given name can still mislead (an Italian
"Andrea" is a man); where the article's own signs disagree with it, the sex stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Literal

from .given_names import list_lines
from .units import IndexedActor

Gender = Literal["m", "f"]

_HONORIFICS = (
    r"\b(?:(Mr|Sir|Lord|Monsieur|Herr|Señor|Senhor)|"
    r"(Mrs|Ms|Miss|Mme|Madam|Madame|Lady|Dame|Frau|Señora|Senhora))\.?\s+"
)
_HONORIFIC_BEFORE = re.compile(_HONORIFICS + "$")  # "Mrs. |Clinton|"
_HONORIFIC_FIRST = re.compile(_HONORIFICS)  # "|Mrs. Clinton|"
_TITLE_WORD = re.compile(r"[a-z]+")
# The article's own pronoun for the name: "X said he would", "X believes that she".
_SAYS_PRONOUN = re.compile(
    r"\s+(?:\w+ly\s+)?(?:said|says|added|wrote|argued|insisted|claimed|believes|thinks|hopes|"
    r"acknowledged|admitted|noted|told\s+\w+)\s+(?:that\s+)?(?:(he|He)|(she|She))\b"
)
_FEMALE_TITLES = frozenset(
    {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman"}
    | {"policewoman", "actress", "mother", "wife", "daughter", "sister", "grandmother"}
    | {"widow", "queen", "princess", "duchess", "baroness", "countess", "empress", "nun"}
)
_MALE_TITLES = frozenset(
    {"spokesman", "congressman", "businessman", "councilman", "policeman", "father"}
    | {"husband", "son", "brother", "grandfather", "widower", "king", "prince", "duke"}
    | {"baron", "count", "emperor", "monk"}
)


@cache
def _given() -> dict[str, Gender]:
    out: dict[str, Gender] = {}
    for line in list_lines("given_name_genders.txt"):
        name, sex = line.split()
        out[name] = "m" if sex == "m" else "f"
    return out


def actor_genders(text: str, actors: Sequence[IndexedActor]) -> dict[str, Gender]:
    """Actor id -> the sex the article's signs agree on, for the people that have one."""
    out: dict[str, Gender] = {}
    for actor in actors:
        if actor.kind == "person" and (sex := _gender(text, actor)) is not None:
            out[actor.id] = sex
    return out


def _gender(text: str, actor: IndexedActor) -> Gender | None:
    signs: set[Gender] = set()
    words = actor.name.split()
    if len(words) > 1 and (given := _given().get(words[0])) is not None:
        signs.add(given)  # (a surname alone may be a given name too: "Clinton", "Thomas")
    for m in actor.mentions:
        if m.kind == "title":
            titled = set(_TITLE_WORD.findall(m.text.lower()))
            signs |= {"f"} if titled & _FEMALE_TITLES else set()
            signs |= {"m"} if titled & _MALE_TITLES else set()
            continue
        before = _HONORIFIC_BEFORE.search(text, max(0, m.start - 12), m.start)
        if h := _HONORIFIC_FIRST.match(m.text) or before:
            signs.add("m" if h.group(1) else "f")
        if p := _SAYS_PRONOUN.match(text, m.end):
            signs.add("m" if p.group(1) else "f")
    return next(iter(signs)) if len(signs) == 1 else None
