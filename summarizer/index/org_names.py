"""Which names are organisations wherever the article writes them (``actors.py`` rule 7).

A lone capitalised word is ambiguous: "Ford has announced" is a firm, "Ford said he" a
person. The pieces of the whole article decide, before any actor is made, so that every
place the word is written gets the same kind.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .actor_rules import Piece
from .actor_text import family_first, opens_with_given_name
from .lexicon import BUSINESS_CALLINGS, NATIONALITIES
from .name_shapes import surname
from .name_verbs import he_speaks

# What a firm is called once named: "the company said", "the Irish carrier's statement".
_COMPANY = re.compile(
    rf"\b[Tt]he (?:(?:[a-z]+|{'|'.join(sorted(NATIONALITIES))}) )?"
    rf"(?:{'|'.join(sorted(BUSINESS_CALLINGS))})\b"
)
# A product or a chamber, not a firm: "the (current) Falcon", "787 Dreamliner", "Ford Falcon".
_DETERMINED = re.compile(r"(?:\b[Tt]he(?:\s+[a-z]+)?|\d|[A-Z][\w’'-]*)\s+$")


def organisation_names(text: str, pieces: list[Piece]) -> tuple[set[str], set[str]]:
    """The names that are organisations, and the surnames that people bear.

    An organisation's name: once described as one ("prime contractor Northrop Grumman"), or
    a lone word that speaks before any full name ends with it ("Ford has announced …" long
    before a stray "Michigan Ford's"). Never a surname of a full name opening with a given
    name, wherever that full name is written: "Trump tells 3,000 …" in a headline long before
    "Donald Trump", "the Obama administration" where "Barack Obama" is named."""
    people: dict[str, int] = {}
    for p in pieces:
        if p.kind == "person" or (p.kind == "single" and p.strong):
            people.setdefault(surname(p.words), p.start)
            if p.kind == "person" and (first := family_first(p.words)) is not None:
                people.setdefault(first, p.start)
    full = [p for p in pieces if p.kind == "person" and opens_with_given_name(p.words)]
    borne = {surname(p.words) for p in full}
    people.update(dict.fromkeys(borne, -1))
    # Nor a lone word that a person named before bears: "Clinton's pollster" is Hillary's.
    names = {
        text[p.start : p.end]
        for p in pieces
        if p.kind == "org" and (len(p.words) > 1 or people.get(p.words[0], p.end) >= p.start)
    }
    company = [m.start() for m in _COMPANY.finditer(text)]
    for p in pieces:
        if p.kind == "person" and not p.strong and not opens_with_given_name(p.words):
            # "Lycos Europe, in its defense, has denied … The company says": a name no given
            # name opens, called a company right after it acts, is the company's.
            at = bisect_left(company, p.end)
            if p.staffed or (
                p.acts
                and at < len(company)
                and company[at] < p.end + 300
                and not he_speaks(text, p.end)
                and not _DETERMINED.search(text, max(0, p.start - 30), p.start)
            ):
                names.add(text[p.start : p.end])
            continue
        if p.kind != "single" or p.strong or p.personal:
            continue
        # "Twitter suspended the account. … the company said": acting, then named by what
        # it is, within the next sentences.
        at = bisect_left(company, p.end)
        called = (
            p.acts
            and at < len(company)
            and company[at] < p.end + 300
            and _DETERMINED.search(text, max(0, p.start - 30), p.start) is None
            and len(re.findall(rf"\b{re.escape(p.words[0])}\b", text)) > 1
        )  # written once, opening a sentence, it may be a common word: "Delays have cost"
        if (p.speaks or called) and people.get(p.words[0], len(text)) > p.start:
            names.add(p.words[0])
    return names, borne
