"""Speaker cues: who the text says spoke each quotation and each reported-speech sentence.

The cue is the rule's opinion, shown to the model and recorded next to its answer; it is not
the answer. One cue at most per target, none when no rule fires (never a guess). Rules, with
their patterns in ``speaker_rules.py``:

``as_saying``          "Izvestia quoted Mr. Grushko as saying" → Grushko, not Izvestia
``in_a_statement``     "a statement from X said"
``name_said``          "X said", "X, the foreign minister, said", "X has repeatedly warned"
                       (any verb of ``lexicon.SPEECH_VERBS``)
``name_told``          "X told reporters" (the name after "told" is the listener)
``colon_intro``        "Mr. Waltz responded: “…”" (a name and verb introducing the quotation)
``pronoun_continues``  "he said": the last person cued as speaker in this paragraph or the
                       one before ("it said": the last organisation or state)
``said_name``          "…,” said Michael Golden" (an inverted verb, then the name)
``according_to``       "according to (Airbus spokesman) X"
``paragraph_continues`` a quotation with no cue of its own: the speaker cued before it in
                       its paragraph, or the one of the quotations right after it (“A.” “B,”
                       X said), or, when it opens its paragraph, the last speaker of the
                       paragraph before (one quotation running over several paragraphs)

Where they compete: in the words examined, ``as_saying`` and ``in_a_statement`` win; then
each speech verb is tried for its subject name, a subject pronoun, an inverted name, in that
order. A quotation is read in the words after it (up to the next quotation or the end of its
sentence) and before it; the hit nearer the quotation wins. A sentence is read left to right,
so the main clause's speaker comes before a reported one's. ``paragraph_continues`` only
applies when nothing else did.

Names inside quotation marks are never speakers; a list of subjects ("A, B and C said") gets
no cue, since one cue cannot name several speakers. A quotation of three words or fewer, or a
title-like one, in a sentence without a speech verb is a scare quote or a title, not speech:
it gets no cue.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..quotations import Quotation
from .speaker_rules import VERB, Found, Matcher, actor_names, masked
from .units import IndexedActor, Sentence, SpeakerCue

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_MARK = re.compile(r"[.!?,;:]")
_SHORT = 3
_FULL_STOP = re.compile(r"[.!?](?=\s|$)")
_QUOTES_BETWEEN = re.compile(r"[\s“”\"‘’']*")
_NEAR = 600  # characters: how far in its paragraph a quotation's continued speaker may be
_COLON = re.compile(r"[^.!?\x00]*:\s*")


@dataclass(frozen=True, slots=True)
class _Target:
    id: str
    start: int
    end: int
    paragraph: int
    continues: bool  # a quotation long enough to continue its paragraph's speaker
    found: Found | None
    opens_paragraph: bool = False


@dataclass(frozen=True, slots=True)
class _Said:
    """A speaker already cued: what a pronoun or a continuing quotation refers back to."""

    paragraph: int
    actor: str | None
    name: str
    person: bool
    start: int
    end: int


def find_speaker_cues(
    text: str,
    sentences: Sequence[Sentence],
    quotations: Sequence[Quotation],
    actors: Sequence[IndexedActor],
) -> list[SpeakerCue]:
    """The rule's speaker for each quotation (``Q<n>``) and for each reported-speech sentence
    without a quotation (``S<n>``), in reading order; targets without a cue are left out."""
    hidden = masked(text, quotations)
    matcher = Matcher(hidden, *actor_names(text, actors))
    targets = _quotation_targets(text, hidden, sentences, quotations, matcher)
    targets += _sentence_targets(hidden, sentences, quotations, matcher)
    targets.sort(key=lambda t: t.start)
    return _resolve(text, targets)


def _quotation_targets(
    text: str,
    hidden: str,
    sentences: Sequence[Sentence],
    quotations: Sequence[Quotation],
    matcher: Matcher,
) -> list[_Target]:
    starts = [s.start for s in sentences]
    out: list[_Target] = []
    for i, q in enumerate(quotations):
        low, high, paragraph, line_start = _bounds(text, hidden, sentences, starts, q)
        # The frames: the words after the quotation up to the next one, and before it.
        after = q.end + (q.end < len(text) and text[q.end] in "”\"’'")
        until = min(high, quotations[i + 1].start - 1) if i + 1 < len(quotations) else high
        since = max(low, quotations[i - 1].end + 1) if i > 0 else low
        speechy = VERB.search(hidden, low, high) is not None or "as saying" in hidden[low:high]
        if not speechy and _not_speech(q.text):
            continue
        post = matcher.scan(after, max(after, until))
        pre = matcher.scan(since, max(since, q.start - 1), backwards=True)
        introduces = pre is not None and pre.rule in ("name_said", "name_told")
        if pre is not None and introduces and _COLON.fullmatch(hidden, pre.verb_end, q.start - 1):
            pre = Found("colon_intro", pre.name, pre.start, pre.end, pre.verb_end)
        found = post
        if pre is not None and (post is None or q.start - pre.end < post.start - after):
            found = pre
        opens = text[line_start : q.start - 1].strip() == ""
        scare = _not_speech(q.text)
        target = _Target(f"Q{q.number}", q.start, after, paragraph, not scare, found, opens)
        out.append(target)
    return out


def _sentence_targets(
    hidden: str, sentences: Sequence[Sentence], quotations: Sequence[Quotation], matcher: Matcher
) -> list[_Target]:
    out: list[_Target] = []
    for s in sentences:
        if any(q.start < s.end and q.end > s.start for q in quotations):
            continue
        if VERB.search(hidden, s.start, s.end) is None:
            continue
        found = matcher.scan(s.start, s.end)
        if found is not None:
            out.append(_Target(s.id, s.start, s.end, s.paragraph, False, found))
    return out


def _resolve(text: str, targets: list[_Target]) -> list[SpeakerCue]:
    """Name the speaker of each target, in reading order: pronouns and quotations without a
    cue of their own refer back to speakers already cued."""
    said: list[_Said] = []
    cues: list[SpeakerCue] = []
    for i, t in enumerate(targets):
        f = t.found
        source: _Said | None = None
        rule = ""
        if f is not None and f.name is not None:
            n = f.name
            source, rule = _Said(t.paragraph, n.actor, n.name, n.person, f.start, f.end), f.rule
        elif f is not None:
            person = f.pronoun in ("he", "she")
            source = _last(said, t.paragraph, person) or _last(said, t.paragraph - 1, person)
            rule = f.rule
        elif t.continues:
            source = _last(said, t.paragraph, None) or _next_cued(text, targets, i)
            if source is not None and abs(t.start - source.end) > _NEAR:
                source = None  # a paragraph this long is probably a whole unbroken article
            if source is None and t.opens_paragraph:
                source = _last(said, t.paragraph - 1, None)
            rule = "paragraph_continues"
        if source is None:
            continue
        said.append(source if source.paragraph == t.paragraph else _moved(source, t.paragraph))
        # A pronoun cue points at the pronoun; a continued one at the words that named.
        start, end = (
            (f.start, f.end) if rule == "pronoun_continues" and f else (source.start, source.end)
        )
        cues.append(SpeakerCue(t.id, source.actor, source.name, rule, start, end))
    return cues


def _last(said: list[_Said], paragraph: int, person: bool | None) -> _Said | None:
    for s in reversed(said):
        if s.paragraph < paragraph:
            return None
        if s.paragraph == paragraph and (person is None or s.person == person):
            return s
    return None


def _next_cued(text: str, targets: list[_Target], i: int) -> _Said | None:
    """The cue of the quotations that follow right after: “First.” “Second,” X said.
    (A later sentence naming someone, “…” X announced that …, is another person's news.)"""
    here = targets[i]
    for t in targets[i + 1 :]:
        if not t.id.startswith("Q") or _QUOTES_BETWEEN.fullmatch(text, here.end, t.start) is None:
            return None
        if t.found is not None and t.found.name is not None:
            n = t.found.name
            return _Said(here.paragraph, n.actor, n.name, n.person, t.found.start, t.found.end)
        here = t
    return None


def _moved(s: _Said, paragraph: int) -> _Said:
    return _Said(paragraph, s.actor, s.name, s.person, s.start, s.end)


def _bounds(
    text: str, hidden: str, sentences: Sequence[Sentence], starts: list[int], q: Quotation
) -> tuple[int, int, int, int]:
    """The sentences a quotation stands in (start, end), its paragraph, and its line start.
    Without sentences, its line cut at the full stops outside quotation marks."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = len(text) if (e := text.find("\n", q.end)) == -1 else e
    first = _sentence_at(sentences, starts, q.start)
    last = _sentence_at(sentences, starts, q.end - 1)
    if first is not None and last is not None:
        return first.start, last.end, first.paragraph, line_start
    stops = [m.end() for m in _FULL_STOP.finditer(hidden, line_start, line_end)]
    low = max((x for x in stops if x <= q.start), default=line_start)
    high = min((x for x in stops if x > q.end), default=line_end)
    if q.text.endswith((".", "!", "?")) and text[q.end + 1 : high].lstrip()[:1].isupper():
        high = q.end + 1  # “It is over.” He left.
    return low, high, text.count("\n", 0, q.start), line_start


def _sentence_at(sentences: Sequence[Sentence], starts: list[int], offset: int) -> Sentence | None:
    i = bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < max(sentences[i].end, sentences[i].start + 1):
        return sentences[i]
    return None


def _not_speech(quote: str) -> bool:
    """A scare quote ("ironclad") or a title ("War and Peace"), when no verb says it is said."""
    words = _WORD.findall(quote)
    if len(words) <= _SHORT:
        return not quote.rstrip().endswith((".", "!", "?", ",", "…"))  # "It is over." is said
    titled = all(w[0].isupper() or len(w) <= 3 for w in words)
    return titled and len(words) <= 8 and not _SENTENCE_MARK.search(quote)


__all__ = ["find_speaker_cues"]
