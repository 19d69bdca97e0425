"""Sentences in which a named actor states a view without a speech verb.

News reports a stance as often as it quotes one: "Russia, however, has dismissed the idea of
peacekeepers", "Both Britain and France have expressed their willingness to send a
peacekeeping force", "Mr. Trump is seeking Mr. Putin's backing for a 30-day ceasefire". The
speaker rules (``speakers.py``) read speech verbs; these sentences have a stance verb instead,
and the actors that are its subject hold the view. A position may rest on them as on the
holder's own words.

The rule: a stance verb (``STANCE_VERBS``), optionally after auxiliaries, adverbs and a
parenthetical "however"; right before it an actor's name, or a list of names joined by "and"
or commas ("Both Britain and France"), or after "by" when the verb is passive ("was rejected by
two parties, X and Y"). A sentence that holds a quotation is left to the speaker rules, and so
is one that a speaker cue already names, but for its later clauses with a subject of their own
("X said …, while Y rejected it"). Each holder gets a cue of rule ``holds_stance`` for the
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from .lexicon import SPEECH_VERBS
from .name_verbs import ACRONYM_IN_BRACKETS
from .quotations import Quotation
from .rules import SPEAKER_RULES
from .sentences import BYLINE
from .speaker_names import without_suffix_points
from .speaker_patterns import UNNAMED_OTHERS
from .units import IndexedActor, Sentence, SpeakerCue, SpeakerRule

RULE: Final[SpeakerRule] = "holds_stance"

_STANCE_STEMS = """seek seeks seeking sought dismiss dismissed dismisses reject rejected rejects
    oppose opposed opposes support supported supports welcome welcomed welcomes condemn condemned
    condemns propose proposed proposes accept accepted accepts refuse refused refuses
    threaten threatened threatens want wants wanted demand demanded demands
    call calls called urge urged urges accuse accused accuses argue argued argues agree agreed
    agrees vow vowed vows pledge pledged pledges plan plans planned intend intends intended
    favour favours favoured favor favors favored back backs backed deny denied denies
    criticise criticised criticises criticize criticized criticizes blame blamed blames
    hope hopes hoped fear fears feared insist insisted insists maintain maintains maintained
    express expressed expresses voice voiced voices appeal appealed appeals ask asked asks
    protest protested protests question questioned questions dispute disputed disputes
    request requested requests praise praised praises endorse endorsed endorses
    defend defended defends believe believed believes think thinks applaud applauded applauds
    slam slammed slams decry decried decries challenge challenged challenges recommend
    recommended recommends advocate advocated advocates reaffirm reaffirmed reaffirms
    calling push pushed pushes pushing lobby lobbied lobbies campaign campaigned campaigns
    vote voted votes object objected objects say report
    decline declined declines made makes spoke speaks has have had
    hoping urging demanding proposing opposing supporting threatening insisting arguing
    refusing rejecting defending criticising criticizing accusing blaming questioning
    disputing requesting welcoming condemning encourage encouraged encourages encouraging
    issued issues approve approved approves approving ratify ratified ratifies veto vetoed
    vetoes"""
# A state of mind that is a view, after a copula: "X is concerned that", "X was unhappy about".
_STANCE_ADJECTIVES = frozenset(
    {"concerned", "worried", "unhappy", "happy", "pleased", "disappointed", "optimistic"}
    | {"pessimistic", "confident", "skeptical", "sceptical", "hopeful", "doubtful", "critical"}
    | {"supportive", "reluctant", "eager", "keen", "determined", "adamant"}
)
_COPULA = re.compile(r"\b(?:is|are|was|were|remains?|remained|been|be|became|becomes)\b")
# A speech verb after a list of subjects ("X, Y and Z underscored that") is left by the
# speaker rules, which name one speaker; here each of them holds the view.
STANCE_VERBS = frozenset(_STANCE_STEMS.split()) | SPEECH_VERBS | _STANCE_ADJECTIVES
# What "expressed" holds a view in: "expressed their willingness", "expressed his condolences".
_FEELINGS = (
    r"\s+(?:its|his|her|their|the)\s+(?:\w+\s+)?(?:willingness|support|opposition|concern|hope|"
    r"readiness|desire|intention|regret|condolences|sympathy|solidarity|gratitude|thanks|dismay|"
    r"disappointment|frustration|anger|outrage|doubts?|reservations|optimism|confidence)"
)
_PLEAS = r"(?:plea|appeal|call|request|demand|proposal|offer|promise|pledge|commitment)\b"
_MISGIVINGS = r"(?:doubts|concerns|reservations|hesitations|misgivings|objections)\b"
# "pushed for a vote", "lobbied against the toll", "voted against".
_FOR_AGAINST = frozenset(
    {"push", "pushed", "pushes", "pushing", "lobby", "lobbied", "lobbies"}
    | {"campaign", "campaigned", "campaigns", "vote", "voted", "votes"}
)
# Verbs that hold a stance only with their complement: "call for", "express willingness".
_NEEDS = {
    "call": r"\s+(?:on|for)\b",
    "calls": r"\s+(?:on|for)\b",
    "called": r"\s+(?:on|for)\b",
    "back": r"\s+(?:the|a|an|its|his|her|their)\b",
    "backs": r"\s+(?:the|a|an|its|his|her|their)\b",
    "backed": r"\s+(?:the|a|an|its|his|her|their)\b",
    "appeal": r"\s+(?:to|for)\b",
    "appealed": r"\s+(?:to|for)\b",
    "appeals": r"\s+(?:to|for)\b",
    "ask": r"\s+for\b",
    "asked": r"\s+for\b",
    "asks": r"\s+for\b",
    "calling": r"\s+(?:on|for)\b",
    **{w: r"\s+(?:for|against)\b" for w in _FOR_AGAINST},
    **{w: r"\s+to\b" for w in ("object", "objected", "objects")},  # "objected to the curfew"
    **{w: r"\s+to\s+comment\b" for w in ("decline", "declined", "declines")},
    # "made a plea for", "made an appeal to": a view in a noun
    **{w: rf"\s+(?:a|an)\s+(?:\w+\s+)?{_PLEAS}" for w in ("made", "makes")},
    # "issued a warning that", "issued an appeal for"
    **{
        w: rf"\s+(?:a|an)\s+(?:\w+\s+)?(?:warning|ultimatum|{_PLEAS})" for w in ("issued", "issues")
    },
    **{w: r"\s+(?:of|about|out)\b" for w in ("spoke", "speaks")},  # "spoke of his sadness"
    # "has doubts", "had serious reservations"
    **{w: rf"\s+(?:\w+\s+)?{_MISGIVINGS}" for w in ("has", "have", "had")},
    "plan": r"\s+to\b",
    "plans": r"\s+to\b",
    "planned": r"\s+to\b",
    "express": _FEELINGS,
    "expressed": _FEELINGS,
    "expresses": _FEELINGS,
    "voiced": r"\s+(?:its|his|her|their)\s+(?:\w+\s+)?(?:support|opposition|concern)",
    "voices": r"\s+(?:its|his|her|their)\s+(?:\w+\s+)?(?:support|opposition|concern)",
    "voice": r"\s+(?:its|his|her|their)\s+(?:\w+\s+)?(?:support|opposition|concern)",
}
_WORD = re.compile(r"[A-Za-z]+")
# Between the subject and its verb: its acronym in brackets ("… Administration (NARA)
# sought"), auxiliaries, adverbs, "however" set off by commas.
_GAP = re.compile(
    rf"(?:\s*{ACRONYM_IN_BRACKETS})?"
    # others unnamed: "Audubon Alaska and several other conservation organizations stated"
    rf"(?:{UNNAMED_OTHERS})?"
    # an apposition: "The European Council, on behalf of member states, agreed"
    # "X, Canada's minister," (a title the caller blanked out leaves ", ,")
    r"(?:\s*,\s+(?=[a-z]|[A-Z][\w.-]*['’]s\s)[^,;:.]{1,80},|\s*,\s+,)?"
    r"\s*,?(?:\s*,\s*(?:however|though|meanwhile|too|also|for (?:its|his|her|their) part)\s*,)?"
    r"(?:\s+(?:has|have|had|is|are|was|were|will|would|could|may|might|did|does|do|"
    r"also|still|already|now|again|repeatedly|consistently|long|since|been|not|\w+ly|"
    r"today|yesterday|tonight|earlier|later|on \w+day|this week|last week|remains?|remained|"
    r"became|becomes))*\s+$"
)
# Between two subjects of one verb: "Britain and France", "Britain, France and Germany".
# "The Investigative Committee and the Federal Security Service", "X (ACF), Y and Z".
# A member may be described before its name: "X and state-run news outlet Agência Brasil".
_JOIN = re.compile(
    rf"^\s*(?:{ACRONYM_IN_BRACKETS}\s*)?(?:,\s*(?:and\s+)?|and\s+|as well as\s+)(?:,\s*)?"
    r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$"
)
# Before the subject: a sentence adverb or an introductory phrase closed by a comma ("In
# separate appearances on Sunday, X, Y and Z underscored"), then "Both" or "The".
_INTRO = re.compile(
    r"(?:(?:In|On|At|After|Before|During|From|Until|By|Amid|Despite|Following|Earlier|Later|"
    r"Last|This|Since|Speaking|Writing)"
    r"\b[^,;:.]*,\s*|[A-Z][a-z]+ly,\s*|(?:However|Nevertheless|Meanwhile|Still),\s*)?"
)
# A description may stand right before the name: "The investigative agency BEA", "France's
# agency BEA" (not "Supporters of X": a preposition says the name is no subject).
_OPENERS = re.compile(
    r"^(?:\s|[Bb]oth|[Tt]he)*(?:[A-Z][\w.-]*['’]s\s+)?"
    r"(?:(?!(?:of|for|from|with|by|to|in|on|at|against|about|between|and|or|that|who|which)\b)"
    r"[a-z][\w-]*\s+){0,3}$"
)
# A passive: "was rejected by (two political parties,) X".
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$")
_BY = re.compile(r"\s+by\s+(?:the\s+)?(?:(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*,\s+)?(?=[A-Z])")


@SPEAKER_RULES.finds(RULE, "STANCE_VERBS")
def find_stance_holders(
    text: str,
    sentences: Sequence[Sentence],
    quotations: Sequence[Quotation],
    actors: Sequence[IndexedActor],
    cues: Sequence[SpeakerCue],
) -> list[SpeakerCue]:
    """One cue per (sentence, holding actor), in reading order."""
    text = without_suffix_points(text)  # "Caterpillar Inc. issued": no gap before the verb
    spans = [(q.start, q.end) for q in quotations]
    titles = [(m.start, m.end) for a in actors for m in a.mentions if m.kind == "title"]
    # "Mr. Trump" inside "Mr. Trump's National Security Adviser" is part of a title.
    names = sorted(
        (m.start, m.end, a.id)
        for a in actors
        for m in a.mentions
        if m.kind not in ("title", "pronoun")
        and not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in titles)
    )
    # A name inside a longer one is part of it: "Federal Reserve" in "United States Federal
    # Reserve" is no member of a list of its own.
    names = _outermost(names)
    cued: dict[str, set[str | None]] = {}  # the actors cues name, by sentence
    for c in cues:
        cued.setdefault(c.target, set()).add(c.actor)
    out: list[SpeakerCue] = []
    for s in sentences:
        if any(a < s.end and s.start < b for a, b in spans) or BYLINE.fullmatch(
            text, s.start, s.end
        ):
            continue  # a quotation's sentence is the speaker rules'; a byline is no view
        parts = [s] if s.id not in cued else _later_clauses(text, s)
        for part in parts:
            inside = [n for n in names if part.start <= n[0] and n[1] <= part.end]
            if not inside:
                continue
            holders = _holders(_untitled(text, titles, part), part, inside)
            out.extend(
                SpeakerCue(s.id, aid, text[a:b], RULE, a, b)
                for a, b, aid in holders
                if aid not in cued.get(s.id, set())
            )
    return out


def _outermost(names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The names that no longer name contains (two actors on one span both stay)."""
    kept: list[tuple[int, int, str]] = []
    end = start = -1
    for n in sorted(names, key=lambda n: (n[0], -n[1])):
        if n[1] < end or (n[1] == end and n[0] > start):
            continue
        kept.append(n)
        if n[1] > end:
            start, end = n[0], n[1]
    return sorted(kept)


# A clause with a subject of its own: "Israel claims the city; while Palestine claims part".
_NEXT_CLAUSE = re.compile(r";\s+(?:while\s+|whereas\s+)?|,\s+(?:while|whereas|but)\s+")


def _later_clauses(text: str, s: Sentence) -> list[Sentence]:
    """The clauses after the first of a sentence whose speaker a cue already names: another
    actor may hold a view there ("X said …, while Y rejected …")."""
    cuts = [m.end() for m in _NEXT_CLAUSE.finditer(text, s.start, s.end)]
    bounds = [*cuts, s.end]
    return [Sentence(s.number, a, b, text[a:b], s.paragraph) for a, b in pairwise(bounds)]


def _untitled(text: str, titles: list[tuple[int, int]], s: Sentence) -> str:
    """The text with the sentence's titles blanked out (same length): "X, Secretary of State
    Y, and Z" is a list of three names."""
    chars = list(text[s.start : s.end])
    for a, b in titles:
        for i in range(max(a, s.start), min(b, s.end)):
            chars[i - s.start] = " "
    return text[: s.start] + "".join(chars) + text[s.end :]


# "…, with Airbus spokesman Stefan Schaffrath saying the move was unprecedented".
_WITH_SAYING = re.compile(r"\bwith\s+(?:[\w'’.-]+\s+){0,4}?$")
_SAYING = re.compile(r"\s+(?:saying|stating|adding|noting|arguing|warning|claiming|insisting)\b")


def _holders(
    text: str, s: Sentence, inside: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The actors that are the subject of the sentence's first stance verb, if any; or the
    one a "with X saying" phrase names."""
    for n in inside:
        if _SAYING.match(text, n[1]) and _WITH_SAYING.search(text, s.start, n[0]):
            return [n]
    for verb in _WORD.finditer(text, s.start, s.end):
        word = verb[0]
        if word not in STANCE_VERBS:
            continue
        need = _NEEDS.get(word)
        if need is not None and not re.match(need, text[verb.end() : s.end]):
            continue
        if agents := _agents(text, verb, s, inside):
            return agents
        intro = _INTRO.match(text, s.start, s.end).end()  # type: ignore[union-attr]
        if any(n[0] == s.start for n in inside):  # "Italy, however," is no adverb
            intro = s.start
        # A name's acronym in brackets is part of the gap after it, not a subject of its own.
        before = [
            n
            for n in inside
            if intro <= n[0] and n[1] <= verb.start() and not _bracketed(text, n[0], n[1])
        ]
        last = _subject_end(text, before, verb.start())
        if last is None:
            continue
        if word in _STANCE_ADJECTIVES and not _COPULA.search(text, before[last][1], verb.start()):
            continue  # "X met concerned residents": no state of X's
        partners = before[last + 1 :] if _PARTNER.match(text, before[last][1]) else []
        before = before[: last + 1]
        subject = [before[-1]]
        for n in reversed(before[:-1]):
            if not _JOIN.match(text[n[1] : subject[0][0]]):
                break
            subject.insert(0, n)
        # The subject opens its clause: only openers ("Both", "On Friday,") before it.
        if not _OPENERS.match(text[intro : subject[0][0]]):
            return []
        return list({n[2]: n for n in reversed(subject + partners)}.values())[::-1]
    return []


# The subject's partners set off after it: "Kaufman, along with senator Mark Warner, called".
_PARTNER = re.compile(r"\s*,\s+(?:along with|together with|alongside|as well as|joined by)\s")


def _subject_end(text: str, before: list[tuple[int, int, str]], verb: int) -> int | None:
    """The index in ``before`` of the name that reaches the verb across a subject's gap: the
    last one, or an earlier one whose apposition holds the names after it ("Kaufman, along
    with senator Mark Warner from Virginia, called")."""
    for i in range(len(before) - 1, -1, -1):
        if _GAP.match(text[before[i][1] : verb] + " "):
            return i
    return None


def _agents(
    text: str, verb: re.Match[str], s: Sentence, inside: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The agents of a passive stance verb: "The proposal was rejected by two political
    parties, Samagi Jana Balavegaya (SJB) and Janatha Vinukthi Peramuna (JVP)"."""
    if not _PASSIVE.search(text[max(s.start, verb.start() - 30) : verb.start()]):
        return []
    by = _BY.match(text, verb.end(), s.end)
    if by is None:
        return []
    after = [n for n in inside if n[0] >= by.end() and not _bracketed(text, n[0], n[1])]
    if not after or after[0][0] != by.end():
        return []
    agents = [after[0]]
    for n in after[1:]:
        if not _JOIN.match(text[agents[-1][1] : n[0]]):
            break
        agents.append(n)
    return list({n[2]: n for n in agents}.values())


def _bracketed(text: str, start: int, end: int) -> bool:
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"
