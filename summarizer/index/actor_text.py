"""What the actor rules ask of the words around a name (``actors.py``): is it a headline, a
place, a given name, a family name written first; one spelling for an organisation's name."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from .given_names import is_given_name
from .lexicon import (
    CAPITAL_OF,
    HONORIFICS,
    LEGAL_FORMS,
    NAMED_AFTER,
    ORG_WORDS,
    PARTICLES,
    PLACE_NOUNS,
)
from .names import Token
from .units import Sentence

_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def most_written(written: Counter[str], group: str) -> str:
    """The state's most written name, never its capital's ("Russia", not "Moscow")."""
    own = [w for w, _ in written.most_common() if CAPITAL_OF.get(w) != group]
    return own[0] if own else written.most_common(1)[0][0]


# A company's legal form after its name: "Netcraft Ltd." is the "Netcraft" of the next line.
CORPORATE_SUFFIX = re.compile(rf",?\s+(?:{'|'.join(sorted(LEGAL_FORMS))})\.?$")


def org_words(name: str) -> str:
    """One spelling for "Interior Department", "Department of the Interior" and "Department
    of Interior", and for "Netcraft Ltd" and "Netcraft": the name's words without "of"/"the"
    and a legal form, in sorted order."""
    bare = CORPORATE_SUFFIX.sub("", name) or name
    return " ".join(sorted(w for w in bare.split() if w not in ("of", "the")))


def bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_")


def family_first(words: tuple[str, ...]) -> str | None:
    """The first word of a short name when it may be the family name, as Chinese and Korean
    names are written ("Jiang Yu", "Xi Jinping"): any first word but a known given name, a
    particle or an initial. A lone "Jiang" then links to it when no surname matches."""
    first = words[0]
    if not 2 <= len(words) <= 3 or len(first) < 2 or "." in first or first in PARTICLES:
        return None
    return None if is_given_name(first) or first in HONORIFICS else first


def opens_with_given_name(words: tuple[str, ...]) -> bool:
    """A given name opens a full name: a person's ("Isabel Indigo Brooks"), not a place's
    or a thing's ("Karl Marx Avenue"); unknown given names need other evidence."""
    return is_given_name(words[0]) and words[-1] not in NAMED_AFTER and words[-1] not in ORG_WORDS


def place_noun_after(text: str, end: int) -> bool:
    """The name is a place's: "the Wazir Akbar Khan area of Kabul"."""
    match = _NEXT_WORD.match(text, end)
    return match is not None and match.group(1) in PLACE_NOUNS


_MENU_BARS = 2


def title_case_sentences(tokens: list[Token], sentences: Sequence[Sentence]) -> frozenset[int]:
    """Headlines: lines without a full stop most of whose longer words are capitalised. And a
    web page's menus ("upload media | post an article | View comments | Email this"), whose
    links name nobody."""
    open_ended = [i for i, s in enumerate(sentences) if not s.text.rstrip("”\"’' ").endswith(".")]
    found = {i for i, s in enumerate(sentences) if s.text.count(" | ") >= _MENU_BARS}
    for i in open_ended:  # few: the headline and the dateline, mostly
        lo = bisect_left(tokens, i, key=lambda t: t.sentence)
        hi = bisect_left(tokens, i + 1, lo, key=lambda t: t.sentence)
        longer = [t.cap for t in tokens[lo:hi] if len(t.text) > 3]
        if len(longer) >= 3 and sum(longer) >= 0.7 * len(longer):
            found.add(i)
    return frozenset(found)


__all__ = [
    "CORPORATE_SUFFIX",
    "bounded",
    "family_first",
    "most_written",
    "opens_with_given_name",
    "org_words",
    "place_noun_after",
    "title_case_sentences",
]
