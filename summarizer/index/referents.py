"""What a pronoun or a continuing quotation refers back to: the speakers already cued, in
reading order, and where actors are named (``speakers.py`` decides which of them applies)."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from .lexicon import HONORIFICS
from .name_verbs import subject_of_verb
from .speaker_names import Name

Fits = Callable[[str | None], bool]  # whether an actor may be the one a pronoun stands for

# An honorific right before a name, with or without its point ("Mr Reid", "Mr. Reid").
_HONORIFIC_END = re.compile(rf"\b(?:{'|'.join(sorted(HONORIFICS))})\.?$")
# An apposition after a name, of any case, in one to three parts: "Staff Sgt. X, Co. C, 199th
# FSB, was involved …" (``subject_of_verb`` reads only a lower-case one).
_APPOSED = re.compile(r"(?:,\s+[^,;:\n\x00“”\"]{1,40}){1,3},")
_AGE = re.compile(r",\s+(\d{1,3}),")  # "X, 39, said"


@dataclass(frozen=True, slots=True)
class Said:
    """A speaker already cued: what a pronoun or a continuing quotation refers back to."""

    paragraph: int
    actor: str | None
    name: str
    person: bool
    start: int
    end: int
    statement: bool = False  # "X said in a statement": what "the statement said" refers to
    last: int = -1  # where the text last referred to it ("he" in "he said"), if not its name

    @property
    def referred(self) -> int:
        return self.last if self.last >= 0 else self.end


def last_said(
    said: list[Said], paragraph: int, person: bool | None, fits: Fits = lambda _: True
) -> Said | None:
    for s in reversed(said):
        if s.paragraph < paragraph:
            return None
        if s.paragraph == paragraph and (person is None or s.person == person) and fits(s.actor):
            return s
    return None


def named_in(named: list[Name], start: int, end: int) -> list[Name]:
    i = bisect_left(named, start, key=lambda n: n.start)
    return [n for n in named[i:] if n.start < end]


def named_between(
    named: list[Name], source: Said, start: int, end: int, person: bool | None = None
) -> bool:
    """Whether an actor other than ``source``, of its kind (or a person, when ``person``), is
    named in ``[start, end)``."""
    kind = source.person if person is None else person
    return any(n.actor != source.actor and n.person == kind for n in named_in(named, start, end))


def only_named(
    hidden: str,
    named: list[Name],
    start: int,
    end: int,
    paragraph: int,
    person: bool,
    fits: Fits = lambda _: True,
    sure: Fits = lambda _: False,
) -> Said | None:
    """ "He said" with no speaker cued yet: the one person its paragraph names before it
    ("The president of Turkey, Recep Tayyip Erdoğan, visited … “…,” he said"), or of several,
    the one the article surely gives the pronoun's sex (``sure``: "Keir Starmer met Ursula von
    der Leyen. “…,” she said"), else the one that is the subject of a verb ("Was Szlachta
    satisfied with Rubio's response? “…,” he said"); "it said": the one organisation or
    state, if it is the subject of a verb ("the Met Office had issued …", not "University of
    Maine scientists' program")."""
    kin = [n for n in named_in(named, start, end) if n.person == person and fits(n.actor)]
    if (
        person
        and len({n.actor for n in kin}) > 1
        and len({n.actor for n in kin if sure(n.actor)}) == 1
    ):
        kin = [n for n in kin if sure(n.actor)]
    if not person or len({n.actor for n in kin}) > 1:
        # (of two people, the one who acts: "Szlachta asked … about Rubio's plan")
        kin = [n for n in kin if _acts(hidden, n.end)]
    if not kin or any(n.actor != kin[0].actor for n in kin):
        return None
    n = kin[-1]
    return Said(paragraph, n.actor, n.name, person, n.start, n.end)


def new_subject(hidden: str, named: list[Name], source: Said, end: int, fits: Fits) -> Said | None:
    """ "“…,” Reid said. Senator Bob Corker was also unhappy. “…,” he said": the one other
    person named since the last speaker, when a sentence opens with them as its subject."""
    kin = [n for n in named_in(named, source.end, end) if n.person and fits(n.actor)]
    if not kin or any(n.actor != kin[0].actor or n.actor == source.actor for n in kin):
        return None
    for n in kin:  # "She replaces Daniel Akerson. … Akerson plans to stand down. … he said"
        before = _HONORIFIC_END.sub("", hidden[: n.phrase].rstrip()).rstrip()  # ("Mr Reid")
        if (not before or before[-1] in ".!?\n\x00") and _acts(hidden, n.end):
            return Said(source.paragraph, n.actor, n.name, True, n.start, n.end)
    return None


def _acts(hidden: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the subject of a verb, perhaps after an
    apposition."""
    if subject_of_verb(hidden, end):
        return True
    m = _APPOSED.match(hidden, end)
    return m is not None and subject_of_verb(hidden, m.end())


def last_statement(said: list[Said], paragraph: int) -> Said | None:
    """ "The statement said": whose statement was last reported, here or a paragraph before."""
    for s in reversed(said):
        if s.paragraph < paragraph - 1:
            return None
        if s.statement:
            return s
    return None


def moved(s: Said, paragraph: int) -> Said:
    return dataclasses.replace(s, paragraph=paragraph)


def ages_given(text: str, named: list[Name], before: int) -> dict[str, set[str]]:
    """The ages given of the people named before ``before``: "X, 39," → {X: {"39"}}."""
    ages: dict[str, set[str]] = {}
    for n in named:
        if n.person and n.actor and n.end < before and (m := _AGE.match(text, n.end)):
            ages.setdefault(n.actor, set()).add(m.group(1))
    return ages
