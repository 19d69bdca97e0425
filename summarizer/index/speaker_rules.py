"""The patterns that name a speaker, read on text whose quotations are masked out.

``speakers.py`` decides where to look (after a quotation, before it, in a sentence) and
resolves pronouns and continuations; this module only answers "does a rule name a speaker
here, and who": a speech verb with its subject, an inverted verb with its name, "according
to X", "quoted X as saying", "a statement from X". Masking quotations keeps a name inside
quoted words ("I will call President Putin," he said) from ever being taken for a speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..quotations import Quotation
from .lexicon import (
    INVERTING_VERBS,
    MONTHS,
    NATIONALITIES,
    SPEECH_FILLERS,
    SPEECH_VERBS,
    STOPWORDS,
    TELL_VERBS,
    WEEKDAYS,
)
from .units import IndexedActor

MASK = "\x00"
VERB = re.compile(
    r"\b(?:[Aa]ccording to|"
    + "|".join(sorted(SPEECH_VERBS | INVERTING_VERBS, key=len, reverse=True))
    + r")\b"
)
_FILLER = rf"(?:{'|'.join(sorted(SPEECH_FILLERS))}|\w+ly|on \w+day)"
# Between a name and its verb: "X said", "X, 52, said", "X has repeatedly warned".
_GAP = re.compile(rf"(?:,\s(?=[a-z\d])[^,.;:\n\x00]{{1,80}},)?(?:\s+{_FILLER})*\s+")
_COMMA_GAP = re.compile(rf",(?:\s+{_FILLER})*\s+")
_COORDINATED = re.compile(r"(?:\band|\bor|&)\s+$")
_PRONOUN = re.compile(rf"\b([Hh]e|[Ss]he|[Ii]t)(?:\s+{_FILLER})*\s+$")
_AFTER_VERB = re.compile(r"\s+(?:the\s+)?")
_INVERTED_PRONOUN = re.compile(r"\s+(he|she)\b")
_NAME_END = re.compile(r"\s*(?:[,.;:!?)\n\x00]|$)")
_AS_SAYING = re.compile(r"\bas saying\b")
_QUOTED_BY = re.compile(r"\b(?:quoted|cited)\s+$")
_QUOTED_PASSIVE = re.compile(
    r"\s+(?:was|is|were|has been|had been)\s+(?:quoted|cited)(?:\s+by\s+[^,.;\x00]{1,60}?)?\s+"
)
_APPOSED = re.compile(r",\s+(?:(?:the|a|an)\s+)?")
_STATEMENT = re.compile(r"\bstatement\s+(?:from|by|issued by|released by)\s+(?:the\s+)?")
_RAW = r"(?<![\w’'.-])(?:(?:Mr|Mrs|Ms|Dr)\.?\s)?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,3}"
_RAW_NAME = re.compile(_RAW)
_RAW_BEFORE = re.compile(rf"({_RAW})(?:\s+{_FILLER})*\s+$")
_RAW_QUOTED = re.compile(
    rf"(?:({_RAW}){_QUOTED_PASSIVE.pattern}|\b(?:quoted|cited)\s+({_RAW})\s+)$"
)
_NOT_NAMES = STOPWORDS | MONTHS | WEEKDAYS | NATIONALITIES


@dataclass(frozen=True, slots=True)
class Name:
    """A place where an actor (or, unresolved, a capitalised name) is written."""

    start: int
    end: int
    phrase: int  # where its title starts, when one stands right before it
    actor: str | None
    name: str
    person: bool
    comma_title: bool = False  # "chief, Kaja Kallas": set off by commas after its title


@dataclass(frozen=True, slots=True)
class Found:
    """A rule's hit: the name (None for a pronoun, resolved by the caller) and its span."""

    rule: str
    name: Name | None
    start: int
    end: int
    verb_end: int
    pronoun: str = ""


def masked(text: str, quotations: Sequence[Quotation]) -> str:
    """``text`` with every quotation, marks included, overwritten by ``MASK``: same offsets."""
    parts: list[str] = []
    cursor = 0
    for q in quotations:
        start = max(q.start - 1, cursor)
        end = q.end + (q.end < len(text) and text[q.end] in "”\"’'")
        parts.append(text[cursor:start])
        parts.append(MASK * (end - start))
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def actor_names(text: str, actors: Sequence[IndexedActor]) -> tuple[list[Name], dict[int, Name]]:
    """Every non-title mention of every actor, with the title standing right before it; and,
    for a name written inside another actor's title ("X, the president of *Chrysler*"), that
    title's holder, who is the one speaking when a verb follows."""
    out: list[Name] = []
    titles: list[tuple[int, int, Name]] = []
    for actor in actors:
        title_mentions = [m for m in actor.mentions if m.kind == "title"]
        for m in actor.mentions:
            if m.kind == "title":
                continue
            phrase, comma, held = m.start, False, []
            for t in title_mentions:
                gap = text[t.end : m.start]
                if gap in (" ", ", "):
                    phrase, comma = t.start, gap == ", "
                    held.append(t)
                elif _APPOSED.fullmatch(text, m.end, t.start):
                    held.append(t)
            person = actor.kind == "person"
            name = Name(m.start, m.end, phrase, actor.id, actor.name, person, comma)
            out.append(name)
            titles.extend((t.start, t.end, name) for t in held)
    inside = {
        n.start: holder
        for n in out
        for start, end, holder in titles
        if start <= n.start and n.end <= end and holder.actor != n.actor
    }
    # Nearest end first, and of two names ending together the longer ("President Putin").
    out.sort(key=lambda n: (n.end, -n.start))
    return out, inside


class Matcher:
    """The speaker patterns over one article's masked text."""

    def __init__(self, masked_text: str, names: list[Name], inside: dict[int, Name]) -> None:
        self.masked = masked_text
        self.names = names
        self.inside = inside
        self.ends = [n.end for n in names]
        self.by_phrase: dict[int, Name] = {}
        for n in names:
            for at in {n.phrase, n.start}:
                best = self.by_phrase.get(at)
                if best is None or n.end > best.end:
                    self.by_phrase[at] = n

    def scan(self, start: int, end: int, *, backwards: bool = False) -> Found | None:
        """The first hit in ``[start, end)``, reading from the end when ``backwards``."""
        for found in (self._as_saying(start, end), self._statement(start, end)):
            if found is not None:
                return found
        verbs = list(VERB.finditer(self.masked, start, end))
        for v in reversed(verbs) if backwards else verbs:
            if (found := self._verb(v, start, end)) is not None:
                return found
        return None

    def _verb(self, v: re.Match[str], start: int, end: int) -> Found | None:
        word, at, stop = v.group(), v.start(), v.end()
        if word.lower() == "according to":
            name = self._name_at(stop, end, closed=False)
            return None if name is None else Found("according_to", name, name.start, name.end, stop)
        name = self._name_before(at, start)
        if name is not None:
            rule = "name_told" if word in TELL_VERBS else "name_said"
            return Found(rule, name, name.start, name.end, stop)
        if m := _PRONOUN.search(self.masked, max(start, at - 40), at):
            return Found("pronoun_continues", None, m.start(1), m.end(1), stop, m.group(1).lower())
        if word in INVERTING_VERBS:
            if m := _INVERTED_PRONOUN.match(self.masked, stop, end):
                return Found("pronoun_continues", None, m.start(1), m.end(1), stop, m.group(1))
            if (name := self._name_at(stop, end, closed=True)) is not None:
                return Found("said_name", name, name.start, name.end, stop)
        return None

    def _name_before(self, at: int, start: int) -> Name | None:
        """The subject right before a verb at ``at``, unless it is one of a list."""
        i = bisect_right(self.ends, at) - 1
        # The nearest name, or one further back set off by an apposition ("X, 52, said").
        for name in self.names[max(0, i - 3) : i + 1][::-1]:
            if name.start < start or name.end < at - 100:
                break
            gap = self.masked[name.end : at]
            if _GAP.fullmatch(gap) or (name.comma_title and _COMMA_GAP.fullmatch(gap)):
                name = self.inside.get(name.start, name)
                return None if self._listed(name.phrase, start) else name
        m = _RAW_BEFORE.search(self.masked, max(start, at - 80), at)
        if m is None or not self._raw_ok(m.group(1), m.start(1)):
            return None
        if self._listed(m.start(1), start):
            return None
        raw = m.group(1)
        return Name(m.start(1), m.end(1), m.start(1), None, raw, True)

    def _listed(self, phrase: int, start: int) -> bool:
        return _COORDINATED.search(self.masked, max(start, phrase - 6), phrase) is not None

    def _name_at(self, at: int, end: int, *, closed: bool) -> Name | None:
        """The name right after a verb ("said (the) X"); ``closed``: punctuation after it."""
        m = _AFTER_VERB.match(self.masked, at, end)
        if m is None:
            return None
        name = self.by_phrase.get(m.end())
        if name is None:
            raw = _RAW_NAME.match(self.masked, m.end(), end)
            if raw is None or not self._raw_ok(raw.group(), raw.start()):
                return None
            name = Name(raw.start(), raw.end(), raw.start(), None, raw.group(), True)
        if closed and not _NAME_END.match(self.masked, name.end):
            return None
        return name

    def _raw_ok(self, raw: str, at: int) -> bool:
        """An unresolved capitalised span may name a speaker unless it is a common word."""
        first = raw.split()[0].rstrip(".")
        return first not in _NOT_NAMES and not self._overlaps_actor(at)

    def _overlaps_actor(self, at: int) -> bool:
        i = bisect_right(self.ends, at)
        return i < len(self.names) and self.names[i].start <= at

    def _as_saying(self, start: int, end: int) -> Found | None:
        """ "Izvestia quoted Mr. Grushko as saying" / "Grushko was quoted as saying"."""
        for m in _AS_SAYING.finditer(self.masked, start, end):
            i = bisect_right(self.ends, m.start()) - 1
            for name in self.names[max(0, i - 3) : i + 1][::-1]:
                if name.start < start:
                    continue
                gap = self.masked[name.end : m.start()]
                by = gap == " " and _QUOTED_BY.search(self.masked, start, name.phrase)
                if by or _QUOTED_PASSIVE.fullmatch(gap):
                    return Found("as_saying", name, name.start, name.end, m.end())
            raw = _RAW_QUOTED.search(self.masked, max(start, m.start() - 120), m.start())
            if raw is not None:
                at = raw.start(1) if raw.group(1) else raw.start(2)
                words = raw.group(1) or raw.group(2)
                if self._raw_ok(words, at):
                    name = Name(at, at + len(words), at, None, words, True)
                    return Found("as_saying", name, name.start, name.end, m.end())
        return None

    def _statement(self, start: int, end: int) -> Found | None:
        for m in _STATEMENT.finditer(self.masked, start, end):
            if (name := self._name_at(m.end() - 1, end, closed=False)) is not None:
                return Found("in_a_statement", name, name.start, name.end, m.end())
        return None
