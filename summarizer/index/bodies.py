"""A state's bodies named by what they are: "the Syrian foreign ministry", "the Russian
military", "the Uruguay language academy".

News names a ministry or an army by its country and a lower-case noun as often as by a
capitalised name, and such a body speaks ("the Syrian foreign ministry disputed …", "according
to the Uruguay language academy"). No capitalised run holds it, so the name rules never see
it; the state's name inside it is no mention of the state: the body, not the state, spoke.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import COUNTRY_GROUPS, NATIONALITIES
from .name_verbs import grouped

# Lower-case nouns naming a state's body; the words before may qualify it ("foreign").
BODY_NOUNS = (
    "ministry",
    "government",
    "army",
    "military",
    "police",
    "embassy",
    "parliament",
    "navy",
    "academy",
    "cabinet",
    "coast guard",
    "air force",
    "foreign office",
    "regulator",
    "authorities",
    "presidency",
    "junta",
)
_COUNTRY = grouped([re.escape(w) for w in sorted({*NATIONALITIES, *COUNTRY_GROUPS}, key=len)[::-1]])
BODY = re.compile(
    rf"\b[Tt]he\s+((?:{_COUNTRY})\s+(?:[a-z]+\s+){{0,2}}?(?:{'|'.join(BODY_NOUNS)}))\b"
)


# A state's possessive before one of its bodies or spokespeople: "Ukraine's foreign ministry",
# "China's government spokesman" (the state speaks through it: ``actors.py``).
OWN_VOICE = re.compile(
    rf"['’]s\s+(?:[a-z]+\s+){{0,2}}(?:{'|'.join(BODY_NOUNS)}|office|spokes(?:man|woman|person))\b"
)


def find_bodies(text: str) -> Iterator[tuple[int, int, int]]:
    """Where a state's body is named: where its "the" starts, and the name without it
    ("Syrian foreign ministry")."""
    for m in BODY.finditer(text):
        yield m.start(), m.start(1), m.end(1)


def same_body(written: str, name: str) -> bool:
    """Whether a body as written is an actor's name written otherwise: "Uruguay language
    academy" and "Uruguayan Language Academy" (the country or its adjective, any case)."""
    a, b = written.lower().split(), name.lower().split()
    if len(a) != len(b) or a[1:] != b[1:]:
        return False
    return a[0][:5] == b[0][:5]
