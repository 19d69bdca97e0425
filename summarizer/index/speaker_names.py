"""Where actors are named, for the speaker rules: every mention with the title before it,
unresolved capitalised names, and the questions every rule asks of a name (one of a list?
an alias in parentheses? the name right after a verb?).

``speaker_rules.py`` reads the verbs around these names; ``speakers.py`` masks the article's
quotations (``masked``) so that a name inside quoted words is never taken for a speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence, Set
from dataclasses import dataclass

from .lexicon import (
    CAPITALS,
    COUNTRY_GROUPS,
    DEMONYMS,
    HONORIFICS,
    LEGAL_FORMS,
    MONTHS,
    NATIONALITIES,
    ORG_WORDS,
    POSTNOMINALS,
    SPEECH_VERBS,
    STOPWORDS,
    TITLE_HEADS,
    WEEKDAYS,
)
from .name_verbs import holds_verb
from .quotations import Quotation
from .speaker_patterns import MASK, NAME_END, TITLES_JOINED_BEFORE, WORK_MASK
from .units import IndexedActor, Mention, SpeakerRule

# One of a list: "Britain and France said", "the Committee and the FSB said"; not a clause
# joined after a quotation (“…” and the FA concluded).
# "A and B", "A and industry minister B" (a lower-case title before the second name).
_COORDINATED = re.compile(r"[\w.)],?\s+(?:and|or|&)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$")
_THEN = re.compile(r"\s(?:then|later|afterwards)\s+$")  # "and then X": the next thing done
_OWNS = re.compile(r"[’']s\s+")  # a possessive before a person: "the BBC's Tom Gibb"
# "according to The Guardian", "said 1st Lt. X"
_AFTER_VERB = re.compile(r"\s+(?:[Tt]he\s+)?(?:[1-9](?:st|nd|rd|th)\s+)?")
_APPOSED = re.compile(r",\s+(?:(?:the|a|an)\s+)?")
RAW = r"(?<![\w’'.-])(?:(?:Mr|Mrs|Ms|Dr)\.?\s)?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,3}"
RAW_NAME = re.compile(RAW)
_HONORIFIC = re.compile(rf"(?:{'|'.join(sorted(HONORIFICS))})\.?\s+(?=[A-Z])")
_INITIALS = re.compile(r"[A-Z]|\d+")
_RAW_ENDING = re.compile(rf"({RAW})$")
PLACES = NATIONALITIES | CAPITALS | frozenset(COUNTRY_GROUPS)
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
    title_after: int = 0  # where a title in apposition after it ends: "X, Capitol Police
    # spokeswoman said"


@dataclass(frozen=True, slots=True)
class Found:
    """A rule's hit: the name (None for a pronoun, resolved by the caller) and its span."""

    rule: SpeakerRule
    name: Name | None
    start: int
    end: int
    verb_end: int
    pronoun: str = ""  # "he", "she", "it", "statement" ("the statement said") or "report"
    statement: bool = False  # the words were a statement's: "X said in a statement"

    @classmethod
    def pronoun_at(cls, m: re.Match[str], verb_end: int) -> Found:
        """A hit on a possessive or object pronoun, group 1 of ``m`` ("in *his* view",
        "according to *her*"), resolved by the caller as "he said" or "she said" is."""
        he = m.group(1).lower() in ("his", "him")
        return cls("pronoun_continues", None, m.start(1), m.end(1), verb_end, "he" if he else "she")


# The point of a suffix that a name leaves out, before the sentence goes on: "Caterpillar
# Inc. said", "Ford Motor Co., the carmaker, said" read as if the name ended in a space.
_POSTNOMINAL = re.compile(rf"(?<=[a-z]) (?:{'|'.join(sorted(POSTNOMINALS))})\b(?=[,.;:]|\s+[a-z])")
_SUFFIX_POINT = re.compile(
    rf"\b({'|'.join(sorted(LEGAL_FORMS | {'Bros', 'Jr', 'Sr'}))})\.(?=,?\s+[a-z])"
)


def without_suffix_points(text: str) -> str:
    """``text`` with the point after a name's suffix blanked, and the letters after a name
    ("Mary Jones QC, prosecuting, said"): same offsets."""
    text = _SUFFIX_POINT.sub(r"\1 ", text)
    return _POSTNOMINAL.sub(lambda m: " " * len(m.group()), text)


def masked(text: str, quotations: Sequence[Quotation], works: Set[int] = frozenset()) -> str:
    """``text`` with every quotation, marks included, overwritten by ``MASK``, a name's
    suffix point blanked and a title-case headline's speech verb in lower case: same offsets.
    ``works``: the numbers of the quotations that title a work (``quote_kinds.titles_a_work``),
    overwritten by ``WORK_MASK`` instead."""
    verb = _headline_verb(text)
    text = without_suffix_points(text)
    parts: list[str] = []
    cursor = 0
    for q in quotations:
        start = max(q.start - 1, cursor)
        end = q.end + (q.end < len(text) and text[q.end] in "”\"’'")
        end += text.startswith("''", q.end)  # "…'' closed by two apostrophes
        parts.append(text[cursor:start])
        if q.number in works:
            # A title reads as a word of its clause; its comma closes the clause after it.
            comma = q.text.rstrip().endswith(",")
            parts.append(WORK_MASK * (end - start - comma) + "," * comma)
        else:
            parts.append(MASK * (end - start))
        cursor = end
    parts.append(text[cursor:])
    hidden = "".join(parts)
    if verb is None or hidden[verb.start()] == MASK:
        return hidden
    # A title-case headline's speech verb in lower case, as the rules read it in a sentence
    # ("Bernie Sanders Says He’s Already Started …", "…, Howard Dean Tells Democratic …").
    return hidden[: verb.start()] + verb.group().lower() + hidden[verb.end() :]


# A headline in title case: its first line, most of its longer words capitalised.
_FIRST_LINE = re.compile(r"\s*([^\n]+)")
_TITLE_WORD = re.compile(r"\b[A-Za-z][\w’'-]{3,}")
_CAPITALISED_VERB = re.compile(r"(?<=[\w.’',] )[A-Z][a-z]+\b")


def headline_end(text: str) -> int:
    """Where a title-case headline with a speech verb ends (0 if there is none): its other
    capitalised words make no name there, only an actor the article names."""
    at = _headline_verb(text)
    if at is None:
        return 0
    end = text.find("\n", at.end())
    return len(text) if end < 0 else end


def _headline_verb(text: str) -> re.Match[str] | None:
    """The first speech verb of a headline in title case, if the text opens with one."""
    line = _FIRST_LINE.match(text)
    if line is None:
        return None
    words = _TITLE_WORD.findall(line.group(1))
    if len(words) < 4 or 4 * sum(w[0].isupper() for w in words) < 3 * len(words):
        return None
    for m in _CAPITALISED_VERB.finditer(text, line.start(1), line.end(1)):
        if m.group().lower() in SPEECH_VERBS:  # (the first only: "…, Calls Trump’s Putin …"
            # would make a name of any capitalised word before it)
            return m
    return None


# What a state is called once named: its government ("the government said" where the article
# names one state that way, and no body holds the word).
STATE_WORDS = frozenset({"government"})

# Roles too common to point back at one named person: "the official said" may be another.
_VAGUE_ROLES = frozenset(
    {"official", "officials", "officer", "source", "member", "analyst", "expert", "resident"}
    | {"witness", "worker", "employee", "spokesman", "spokeswoman", "spokesperson", "aide"}
)


Words = dict[str, frozenset[str]]
_COMPLEMENTS = frozenset({"of", "for", "at", "in", "with", "to", "on"})


def actor_names(
    text: str, actors: Sequence[IndexedActor]
) -> tuple[list[Name], dict[int, Name], Words, Words]:
    """Every non-title mention of every actor, with the title standing right before it; for a
    name written inside another actor's title ("X, the president of *Chrysler*"), that title's
    holder, who is the one speaking when a verb follows; the lower-case words that name or
    describe each organisation ("Institute for the Study of War", "research group") or title a
    person ("prime minister"); and of a person's titles, their heads ("minister", not the
    "jury" of "jury foreman": "the jury said" is not the foreman's)."""
    out: list[Name] = []
    titles: list[tuple[int, int, Name]] = []
    words: Words = {}
    heads: Words = {}
    for actor in actors:
        title_mentions = [m for m in actor.mentions if m.kind == "title"]
        if actor.kind in ("organisation", "group"):
            described = [m.text.split()[-1] for m in title_mentions]
            words[actor.id] = frozenset(w.lower() for w in [*actor.name.split(), *described])
        elif actor.kind == "state":
            words[actor.id] = STATE_WORDS  # "Britain announced … The government said"
        elif actor.kind == "person":
            # "the prime minister said" after "Prime Minister Tom Field" (a title written
            # right before the name; never "the official", who may be another)
            # … or set off by commas right after it ("Rachel Reeves, the chancellor,").
            titles_held = _titles_held(text, actor.mentions)
            titled = {w for title in titles_held for w in title.lower().split()}
            if titled and not titled & _VAGUE_ROLES:
                words[actor.id] = frozenset(titled)
                heads[actor.id] = frozenset(_head(title) for title in titles_held)
        for m in actor.mentions:
            if m.kind == "title":
                continue
            phrase, comma, held, after = m.start, False, [], 0
            for t in title_mentions:
                gap = text[t.end : m.start]
                if gap in (" ", ", "):
                    phrase, comma = t.start, gap == ", "
                    held.append(t)
                elif _APPOSED.fullmatch(text, m.end, t.start):
                    held.append(t)
                    after = t.end
            person = actor.kind == "person"
            name = Name(m.start, m.end, phrase, actor.id, actor.name, person, comma, after)
            out.append(name)
            titles.extend((t.start, t.end, name) for t in held)
    inside = _inside_titles(out, titles)
    # Nearest end first, and of two names ending together the longer ("President Putin").
    out.sort(key=lambda n: (n.end, -n.start))
    return out, inside, words, heads


def _titles_held(text: str, mentions: Sequence[Mention]) -> list[str]:
    """A person's titles written right before one of its names ("Finance Minister X"), or set
    off by commas on both sides, before it ("the chief executive, X, said") or after it ("X,
    the chancellor, said"); not "… support the president, Mrs. Clinton devotes", nor "X, the
    candidate said", which may each be two clauses."""
    names = [m for m in mentions if m.kind != "title"]
    closed = {m.start for m in names if text.startswith(",", m.end)}
    right_before = {m.start - 1 for m in names} | {m.start - 2 for m in names if m.start in closed}
    return [
        t.text
        for t in mentions
        if t.kind == "title"
        and (
            (t.end in right_before and text[t.end] in " ,")
            or (
                text.startswith(",", t.end)
                and any(_APPOSED.fullmatch(text, m.end, t.start) for m in names)
            )
        )
    ]


def _head(title: str) -> str:
    """A title's head word: its last before a complement ("executive" of "chief executive of
    Acme", "mother" of "mother of three")."""
    words = title.lower().split()
    cut = next((i for i, w in enumerate(words) if i and w in _COMPLEMENTS), len(words))
    return words[cut - 1]


def _inside_titles(names: list[Name], titles: list[tuple[int, int, Name]]) -> dict[int, Name]:
    """Where a name is written inside another actor's title, that title's holder (the last
    title in ``titles`` order holding it). Each title visits only the names starting in it."""
    order = sorted(range(len(names)), key=lambda i: names[i].start)
    starts = [names[i].start for i in order]
    pairs: list[tuple[int, int]] = []
    for t, (start, end, holder) in enumerate(titles):
        for k in range(bisect_left(starts, start), bisect_left(starts, end)):
            n = names[order[k]]
            if n.end <= end and holder.actor != n.actor:
                pairs.append((order[k], t))
    pairs.sort()
    return {names[i].start: titles[t][2] for i, t in pairs}


class NameIndex:
    """The names of one article's masked text, by where they end and where they start."""

    def __init__(
        self,
        masked_text: str,
        names: list[Name],
        inside: dict[int, Name],
        words: Words,
        heads: Words,
    ) -> None:
        self.masked = masked_text
        self.names = names
        self.inside = inside
        self.words = words
        self.heads = heads
        self.ends = [n.end for n in names]
        self.by_phrase: dict[int, Name] = {}
        for n in names:
            for at in {n.phrase, n.start}:
                best = self.by_phrase.get(at)
                if best is None or n.end > best.end:
                    self.by_phrase[at] = n
        self.in_order = sorted(names, key=lambda n: n.start)
        self.starts = [n.start for n in self.in_order]

    def _expanded(self, alias: Name, start: int) -> int:
        """Where the name an alias in parentheses stands for starts: "*United Nations* High
        Commissioner for Refugees (UNHCR)" when the initials spell it, else where the
        capitalised words before its "(" start; -1 without one."""
        opening = self.masked.rfind("(", max(start, alias.phrase - 80), alias.phrase)
        if opening == -1:
            return -1
        # A number in the initials is a word: "Group of Seven (G7)", "Group of 20 (G20)".
        letters = _INITIALS.findall(alias.name)
        words = self.masked[max(start, opening - 120) : opening].split()
        at = run = opening
        for word in reversed(words):
            if not letters:
                break
            number = letters[-1][0].isdigit() and (word[0].isupper() or word.isdigit())
            if number or (word[0].isupper() and word[0] == letters[-1]):
                letters.pop()
            elif word not in ("of", "for", "the", "and", "&", "on"):
                break
            at = self.masked.rfind(word, 0, at)
        # Initials that do not spell it (a translated name, "Federal Security Service (FSB)"):
        # the capitalised words before the parenthesis.
        for word in reversed(words):
            if not word[0].isupper():
                break
            run = self.masked.rfind(word, 0, run)
        return at if not letters else run

    def _named_before(self, pattern: re.Pattern[str], phrase: int, start: int) -> Name | None:
        """The name ending where ``pattern`` matches right before ``phrase``."""
        m = pattern.search(self.masked, max(start, phrase - 60), phrase)
        if m is None:
            return None
        i = bisect_right(self.ends, m.start()) - 1
        if i >= 0 and self.names[i].end == m.start() and self.names[i].start >= start:
            return self.names[i]
        raw = _RAW_ENDING.search(self.masked, max(start, m.start() - 60), m.start())
        if raw is not None and self._raw_ok(raw.group(1), raw.start(1)):
            return Name(raw.start(1), raw.end(1), raw.start(1), None, raw.group(1), True)
        return None

    def _names_between(self, start: int, end: int) -> list[Name]:
        """Actor names and unresolved capitalised ones starting in ``[start, end)``."""
        i = bisect_left(self.starts, start)
        out = [n for n in self.in_order[i:] if n.start < end]
        for m in RAW_NAME.finditer(self.masked, start, end):
            name = raw_name(m)
            if any(m.start() <= n.start < m.end() or n.phrase <= m.start() < n.end for n in out):
                continue  # an actor's name, or the title before it
            if self._raw_ok(name.name, name.start):
                out.append(name)
        out.sort(key=lambda n: n.phrase)
        return out

    def _listed(self, phrase: int, start: int) -> bool:
        """One of a list of subjects ("Britain and France said"), not the subject of a clause
        joined to one with its own verb ("X spoke to the press, and Y said")."""
        m = _COORDINATED.search(self.masked, max(start, phrase - 40), phrase)
        if m is None or TITLES_JOINED_BEFORE.search(self.masked, max(start, phrase - 60), phrase):
            return False  # "co-author and geochemist X": two titles of one person
        if _THEN.search(m.group()):
            return False  # "The crowd cheers, and then X says": a clause after a clause
        if (
            start > 0
            and self.masked[start - 1] == MASK
            and not self._names_between(start, m.start())
        ):
            return False  # "X said it would “…,” for instance, and Y vowed": a clause before
        # (the match opens on the last character of the word before it: "closed, and")
        return not holds_verb(self.masked, start, m.start() + 1)

    def _name_at(self, at: int, end: int, *, closed: bool) -> Name | None:
        """The name right after a verb ("said (the) X"); ``closed``: punctuation or a
        preposition after it ("said X in a statement")."""
        m = _AFTER_VERB.match(self.masked, at, end)
        if m is None:
            return None
        name = self.by_phrase.get(m.end())
        if name is None and (h := _HONORIFIC.match(self.masked, m.end(), end)):
            name = self.by_phrase.get(h.end())  # "said Dr Jane Brown": the actor Jane Brown
        if name is None:
            raw = RAW_NAME.match(self.masked, m.end(), end)
            if raw is None or not self._raw_ok(raw.group(), raw.start()):
                return None
            name = Name(raw.start(), raw.end(), raw.start(), None, raw.group(), True)
        owned = _OWNS.match(self.masked, name.end)
        if owned and (person := self.by_phrase.get(owned.end())) is not None and person.person:
            name = person  # "according to the BBC's Tom Gibb": Gibb, not the BBC
        if closed and not NAME_END.match(self.masked, name.end):
            return None
        return name

    def _raw_ok(self, raw: str, at: int) -> bool:
        """An unresolved capitalised span may name a speaker unless it is a common word."""
        first = raw.split()[0].rstrip(".")
        if first in DEMONYMS and self.masked[max(0, at - 4) : at].lower() == "the ":
            return False  # "the Dutchman said": a description (``speaker_phrases._NATIONAL``)
        return first not in _NOT_NAMES and not self._overlaps_actor(at)

    def _overlaps_actor(self, at: int) -> bool:
        i = bisect_right(self.ends, at)
        return i < len(self.names) and self.names[i].start <= at


def not_a_name(words: str) -> bool:
    """A capitalised span that is a title ("Peace Commissioner") or an organisation word
    ("Bank" of "Bank of England"), not a name."""
    parts = words.split()
    return (len(parts) <= 2 and parts[-1].lower() in TITLE_HEADS) or words in ORG_WORDS


def raw_name(m: re.Match[str]) -> Name:
    """An unresolved name; a possessive before it is its owner's ("Chile's Gabriel Boric")."""
    start, words = m.start(), m.group()
    while (cut := re.search(r"['’]s\s", words)) is not None and cut.end() < len(words):
        start, words = start + cut.end(), words[cut.end() :]
    while (first := words.split(" ", 1))[0] in PLACES and len(words.split()) > 2:
        start, words = start + len(first[0]) + 1, first[1]  # "Australia Eman Amasha"
    return Name(start, start + len(words), start, None, words, True)
