"""Turn a validated draft into the final ``ArticleSummary``: look up, decide, check, warn.

The draft cites units of the article index by id, so assembly is lookup, not search: an
evidence id becomes that quotation's or sentence's span, a timeline unit becomes its sentence
(the excerpt) and, for a date mention, the mention with the value the tagger resolved in the
article's context. Actors are the index's (found by rule); a quotation's speaker is decided
between the rule's cue and the model's answer, and the output says who decided.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .article import Article
from .attribution import choose_speaker
from .draft import SCARE_QUOTE, Attribution, Draft, DraftEvent, DraftUndated
from .events import clause_event
from .index import ArticleIndex, DateMention, Sentence, SpeakerCue, event_dates
from .quotations import Quotation
from .schema import (
    Actor,
    ArticleInfo,
    DateValue,
    Position,
    Quote,
    Span,
    Summary,
    SummaryWarning,
    TimelineEvent,
)
from .timeline import sort_events


class Assembler:
    """Builds the checked content of one summary; collects warnings as it goes."""

    def __init__(self, article: Article, quotations: list[Quotation], index: ArticleIndex) -> None:
        self.article = article
        self.index = index
        self.quotations = {f"Q{q.number}": q for q in quotations}
        self.sentences = {s.id: s for s in index.sentences}
        self.dates = {d.id: d for d in index.dates}
        self.actor_ids = {a.id for a in index.actors}
        self.cues: dict[str, SpeakerCue] = {c.target: c for c in index.speakers}
        self.warnings: list[SummaryWarning] = []

    def warn(self, code: str, message: str, path: str) -> None:
        self.warnings.append(
            SummaryWarning.model_validate({"code": code, "message": message, "path": path})
        )

    def article_info(self) -> ArticleInfo:
        a = self.article
        return ArticleInfo(
            id=a.id,
            title=a.title,
            published=a.published,
            source=a.source,
            language=a.language,
            text=a.text,
        )

    def summary(self, draft: Draft) -> Summary:
        """Key points that repeat the headline or an earlier point are dropped."""
        s = draft.summary
        headline = s.headline.strip()
        kept: list[str] = []
        for i, point in enumerate(k.strip() for k in s.key_points):
            if not point:
                continue
            twin = next((p for p in [headline, *kept] if _near_same(p, point)), None)
            if twin is not None:
                self.warn(
                    "duplicate_key_point",
                    f"key point repeats {'the headline' if twin == headline else 'another'}; "
                    f"dropped: {_clip(point)}",
                    f"$.summary.key_points[{i}]",
                )
                continue
            kept.append(point)
        return Summary(headline=headline, abstract=s.abstract.strip(), key_points=kept)

    def check_scripts(self, draft: Draft) -> None:
        """Warn about model text in a writing system the article never uses.

        Small multilingual models drift into another language mid-sentence ("Vladimir普京");
        the text stays (it is the model's own wording, not a quote) but a reviewer is told.
        """
        allowed = _scripts(self.article.text)
        fields: list[tuple[str, str]] = [
            ("$.summary.headline", draft.summary.headline),
            ("$.summary.abstract", draft.summary.abstract),
        ]
        fields += [
            (f"$.summary.key_points[{i}]", k) for i, k in enumerate(draft.summary.key_points)
        ]
        for key, st in draft.stances.items():
            if st is not None:
                at = f"$.stances.{key.split(' ', 1)[0]}"
                fields += [(f"{at}.topic", st.topic), (f"{at}.view", st.view)]
        fields += [(f"$.events.{k}.event", e.event) for k, e in draft.events.items() if e]
        fields += [(f"$.undated[{i}].event", u.event) for i, u in enumerate(draft.undated)]
        for path, text in fields:
            foreign = _scripts(text) - allowed
            if foreign:
                self.warn(
                    "foreign_script",
                    f"text in {', '.join(sorted(foreign))} script, which "
                    f"the article does not use: {_clip(text)}",
                    path,
                )

    def actors(self) -> list[Actor]:
        """The people and organisations the article names, found by rule (the index)."""
        return [Actor(id=a.id, name=a.name, kind=a.kind, role=a.title) for a in self.index.actors]

    def quotes(self, draft: Draft) -> list[Quote]:
        """Every listed quotation, with the speaker decided between rule and model."""
        out: list[Quote] = []
        for qid, found in self.quotations.items():
            answer = draft.quotes.get(qid)
            model = None if answer in (None, SCARE_QUOTE) else answer
            cue = self.cues.get(qid)
            rule = cue.actor if cue is not None and cue.actor in self.actor_ids else None
            choice = choose_speaker(rule, cue.rule if cue else None, model, answer == SCARE_QUOTE)
            if choice.speaker is None and choice.kind == "speech":
                self.warn(
                    "unattributed_quote",
                    f"no speaker for quotation [{qid}]: {_clip(found.text)}",
                    f"$.quotes.{qid}",
                )
            out.append(
                Quote(
                    number=found.number,
                    text=found.text,
                    start=found.start,
                    end=found.end,
                    speaker=choice.speaker,
                    kind=choice.kind,
                    decided_by=choice.decided_by,
                    rule_speaker=rule,
                    model_speaker=model,
                )
            )
        return out

    def span_of(self, uid: str) -> Span | None:
        """A quotation's or a sentence's own span."""
        if (q := self.quotations.get(uid)) is not None:
            return Span(text=q.text, start=q.start, end=q.end, match="quotation")
        if (s := self.sentences.get(uid)) is not None:
            return Span(text=s.text, start=s.start, end=s.end, match="sentence")
        return None

    def positions(self, draft: Draft, quotes: list[Quote]) -> list[Position]:
        """One position per holder and topic, on the holder's own quotations or sentences.

        The draft keys a stance by its speaker ("A1 Donald Trump"); a cited quotation that
        the assembled quotes give to someone else is dropped from the evidence."""
        said_by = {f"Q{q.number}": q.speaker for q in quotes}
        out: list[Position] = []
        by_topic: dict[tuple[str, str], Position] = {}
        worded: dict[str, str] = {}  # stance words -> their first holder
        for key, stance in draft.stances.items():
            holder = key.split(" ", 1)[0]
            path = f"$.stances.{holder}"
            if stance is None or holder not in self.actor_ids:
                continue
            spans = []
            for uid in dict.fromkeys(stance.evidence):
                span = self.span_of(uid)
                if span is None:
                    continue
                if uid in said_by and said_by[uid] != holder:
                    self.warn(
                        "evidence_speaker_mismatch",
                        f"{uid} is not {holder}'s own words (speaker: {said_by[uid]}); "
                        "left out of the evidence",
                        path,
                    )
                    continue
                spans.append(span)
            if not spans:
                self.warn(
                    "position_without_evidence",
                    f"stance of {holder} on {stance.topic!r} cites none of its own units; dropped",
                    path,
                )
                continue
            text = stance.view.strip()
            first = worded.setdefault(text.casefold(), holder)
            if first != holder:
                # Greedy small models repeat one stance for every actor: the same words for
                # another holder are a loop, not a second position.
                self.warn(
                    "duplicate_position",
                    f"stance of {holder} repeats the words of {first}'s; dropped",
                    path,
                )
                continue
            topic_key = (holder, loose_key(stance.topic))
            if topic_key in by_topic:
                merged = by_topic[topic_key]
                merged.evidence.extend(s for s in spans if s not in merged.evidence)
                continue
            position = Position(
                holder=holder,
                topic=stance.topic.strip(),
                stance=text,
                stance_kind=stance.kind,
                attribution=_attribution(list(stance.evidence), self.sentences),
                evidence=spans,
            )
            by_topic[topic_key] = position
            out.append(position)
        return out

    def timeline(self, draft: Draft) -> list[TimelineEvent]:
        """Events on their units: the excerpt is the sentence, the date its mention's value
        (resolved by the tagger in the article's context), the actors those it names."""
        cited: list[tuple[str, DraftEvent | DraftUndated, str]] = [
            (f"$.events.{did}", e, did) for did, e in draft.events.items() if e is not None
        ]
        cited += [(f"$.undated[{i}]", u, u.unit) for i, u in enumerate(draft.undated)]
        events: list[tuple[int, TimelineEvent]] = []
        seen: dict[str, str] = {}  # event words -> the unit they were first given to
        for path, e, uid in cited:
            mention = self.dates.get(uid)
            sentence = self.sentences.get(f"S{mention.sentence}" if mention is not None else uid)
            if sentence is None:
                continue
            words = loose_key(e.event)
            if seen.setdefault(words, uid) != uid:
                self.warn(
                    "duplicate_event",
                    f"event at {uid} repeats the words given to {seen[words]}; dropped",
                    path,
                )
                continue
            date = None
            if mention is not None and mention.value is None:
                self.warn(
                    "unresolved_date",
                    f"{mention.text!r} left unresolved ({mention.reason})",
                    path,
                )
            if mention is not None:
                date = _date_value(mention)
            excerpt = Span(
                text=sentence.text, start=sentence.start, end=sentence.end, match="sentence"
            )
            event = TimelineEvent(
                event=e.event.strip(),
                actors=self._actors_in(sentence),
                status=e.status,
                date=date,
                excerpt=excerpt,
            )
            events.append((date.start if date else excerpt.start, event))
        return sort_events(events)

    def derived_timeline(self) -> list[TimelineEvent]:
        """Every date mention that can place an event, with the clause around it as the
        event and the sentence as the excerpt (for models too small to label events).

        Two mentions in one clause ("at 1:30 p.m. Friday") make one event, dated by the more
        specific value: in TIMEX3 notation the longer one (a time over its day, a day over
        its week), the first on a tie."""
        events: list[tuple[int, TimelineEvent]] = []
        last: tuple[int, str] | None = None  # (sentence, phrase) of the event just added
        for mention in event_dates(self.index):
            sentence = self.sentences.get(f"S{mention.sentence}")
            if sentence is None:
                continue
            phrase, status = clause_event(sentence, mention)
            if mention.value is None:
                self.warn(
                    "unresolved_date",
                    f"{mention.text!r} left unresolved ({mention.reason})",
                    f"$.index.dates.{mention.id}",
                )
            if last == (mention.sentence, phrase):
                kept = events[-1][1].date
                if kept is not None and len(mention.value or "") <= len(kept.value or ""):
                    continue
                events.pop()
            event = TimelineEvent(
                event=phrase,
                actors=self._actors_in(sentence),
                status=status,
                date=_date_value(mention),
                excerpt=Span(
                    text=sentence.text, start=sentence.start, end=sentence.end, match="sentence"
                ),
            )
            events.append((mention.start, event))
            last = (mention.sentence, phrase)
        return sort_events(events)

    def _actors_in(self, sentence: Sentence) -> list[str]:
        """The actors a sentence names, in the order it names them."""
        mentions = [
            (m, a.id)
            for a in self.index.actors
            for m in a.mentions
            if sentence.start <= m.start < sentence.end
        ]
        # "US" in "US President Donald Trump" is part of Trump's title, not an actor of its own.
        titles = [(m.start, m.end) for m, _ in mentions if m.kind == "title"]
        found = [
            (m.start, aid)
            for m, aid in mentions
            if m.kind != "title" and not any(a <= m.start and m.end <= b for a, b in titles)
        ]
        return list(dict.fromkeys(aid for _, aid in sorted(found)))[:_EVENT_ACTORS]


_EVENT_ACTORS = 4


def _date_value(mention: DateMention) -> DateValue:
    return DateValue(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        value=mention.value,
        granularity=mention.granularity,
        reason=mention.reason,
        anchor=mention.anchor,
    )


_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|added|stated|announced|warned|argued|wrote|claimed|insisted"
    r"|according to|responded|remarked|mentioned|noted|confirmed|revealed|emphasi[sz]ed)\b",
    re.IGNORECASE,
)


def _attribution(evidence: list[str], sentences: dict[str, Sentence]) -> Attribution:
    """Quoted words are a direct quote; a sentence with a reporting verb reports; else the
    article paraphrases."""
    if any(e.startswith("Q") for e in evidence):
        return "direct_quote"
    if any(_REPORTING.search(sentences[e].text) for e in evidence if e in sentences):
        return "reported"
    return "paraphrase"


_WORD = re.compile(r"\w+")


def _near_same(a: str, b: str) -> bool:
    """Two summary lines say the same thing: four fifths of the shorter's words recur."""
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def _scripts(text: str) -> set[str]:
    """Writing systems of the letters in ``text`` ("LATIN", "CJK", "CYRILLIC", ...)."""
    if text.isascii():
        return {"LATIN"} if any(ch.isalpha() for ch in text) else set()
    return {script for ch in set(text) if (script := _script(ch))}


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str | None:
    """The first word of a letter's Unicode name; None for anything that is not a letter."""
    if not ch.isalpha():
        return None
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return None


def loose_key(text: str) -> str:
    """Text compared loosely (case, width, punctuation and spacing do not count): one topic or
    event however it is written, here and where a long article's drafts are merged."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def _clip(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
