"""Turn a validated draft into the final ``ArticleSummary``: look up, decide, check, warn.

The draft cites units of the article index by id, so assembly is lookup, not search: an
evidence id becomes that quotation's or sentence's span, a timeline unit becomes its sentence
(the excerpt) and, for a date mention, the mention with the value the tagger resolved in the
article's context. Actors are the index's (found by rule); a quotation's speaker is decided
between the rule's cue and the model's answer, and the output says who decided.
``assemble_summary`` puts the parts together with their provenance.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from .article import Article
from .attribution import choose_speaker
from .claims import ArticleFacts, sentences_of
from .draft import (
    ABSTRACT_LENGTH,
    HEADLINE_LENGTH,
    KEY_POINT_LENGTH,
    SCARE_QUOTE,
    Draft,
    DraftEvent,
    DraftUndated,
    hit_bound,
)
from .events import clause_event
from .extraction import Extraction
from .index import ArticleIndex, DateMention, Sentence, SpeakerCue, event_dates
from .index.quotations import Quotation
from .positions import PositionBuilder
from .profile import EndpointProfile, generation_settings
from .prompts import PromptSet
from .schema import (
    SCHEMA_VERSION,
    Actor,
    ArticleInfo,
    ArticleSummary,
    DateValue,
    KeyPoint,
    Position,
    PromptInfo,
    Provenance,
    Quote,
    Span,
    Summary,
    SummaryWarning,
    TimelineEvent,
    Topic,
)
from .settings import Settings
from .support import supporting_sentences
from .timeline import sort_events


def assemble_summary(
    article: Article,
    index: ArticleIndex,
    quotations: list[Quotation],
    extraction: Extraction,
    settings: Settings,
    prompts: PromptSet,
    *,
    profile: EndpointProfile,
    derive_events: bool = False,
    created_at: dt.datetime | None = None,
) -> ArticleSummary:
    """Look up and check a validated draft; pure given ``created_at`` (provenance's time; when
    None, the clock is read: the one impure part), so it can replay recorded answers.

    ``derive_events``: the timeline is read off the date mentions' clauses, not the draft's.
    """
    draft = extraction.draft
    bounds = profile.draft_bounds
    a = Assembler(
        article,
        quotations,
        index,
        # A view only hits a bound the grammar enforced (OpenAI strict mode has no lengths).
        view_limit=bounds.text if bounds.model_views and profile.dialect != "openai" else None,
        event_limit=bounds.text if profile.dialect != "openai" else None,
        model_stances=bounds.model_stances,
        text_limits=profile.dialect != "openai",
    )
    a.check_scripts(draft)
    actors = a.actors()
    quotes = a.quotes(draft)
    topics = a.topics(draft)
    positions = a.positions(draft, quotes, topics)
    timeline = a.derived_timeline() if derive_events else a.timeline(draft)
    return ArticleSummary(
        article=a.article_info(),
        summary=a.summary(draft),
        actors=actors,
        topics=topics,
        positions=positions,
        timeline=timeline,
        quotes=quotes,
        provenance=provenance(extraction, settings, prompts, profile, created_at),
        warnings=a.warnings,
    )


def provenance(
    extraction: Extraction,
    settings: Settings,
    prompts: PromptSet,
    profile: EndpointProfile,
    created_at: dt.datetime | None,
) -> Provenance:
    """Where a summary came from: model, server, prompt, schema, knobs, attempts and usage."""
    return Provenance(
        model=extraction.model or profile.model,
        server=profile.label,
        prompt=PromptInfo(name=prompts.name, version=prompts.version),
        schema_version=SCHEMA_VERSION,
        schema_kind=profile.dialect,
        created_at=created_at or dt.datetime.now(dt.UTC).replace(microsecond=0),
        generation=generation_settings(settings, profile),
        attempts=len(extraction.attempts),
        usage=extraction.usage,
        attempt_log=extraction.attempts,
    )


class Assembler:
    """Builds the checked content of one summary; collects warnings as it goes."""

    def __init__(
        self,
        article: Article,
        quotations: list[Quotation],
        index: ArticleIndex,
        *,
        view_limit: int | None = None,
        event_limit: int | None = None,
        model_stances: bool = True,
        text_limits: bool = False,
    ) -> None:
        self.article = article
        self.index = index
        self.facts = ArticleFacts(index)
        self.builder = PositionBuilder(
            index,
            quotations,
            self.facts,
            self.warn,
            view_limit=view_limit,
            model_stances=model_stances,
            title=article.title,
        )
        # Whether the summary's strings had grammar-enforced lengths a string can hit.
        self.text_limits = text_limits
        self.event_limit = event_limit
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
        """What the model wrote, checked: a headline that restates the title is left out, so
        is any sentence naming what the article does not hold; key points that repeat the
        headline or an earlier point are dropped, and each cites the sentences it rests on."""
        s = draft.summary
        headline: str | None = " ".join(s.headline.split()) or None
        if headline and self._cut(headline, HEADLINE_LENGTH, "$.summary.headline"):
            headline = None
        title = self.article.title
        if headline and title and (_near_same(title, headline) or _near_same(headline, title)):
            self.warn(
                "headline_copies_title",
                f"headline restates the title; left out: {_clip(headline)}",
                "$.summary.headline",
            )
            headline = None
        if headline and not self._checked(headline, "$.summary.headline"):
            headline = None
        written = sentences_of(" ".join(s.abstract.split()))
        if written and self._cut(s.abstract, ABSTRACT_LENGTH, "$.summary.abstract"):
            written.pop()  # the sentence the bound cut
        abstract = " ".join(w for w in written if self._checked(w, "$.summary.abstract"))
        kept: list[KeyPoint] = []
        for i, point in enumerate(" ".join(k.split()) for k in s.key_points):
            path = f"$.summary.key_points[{i}]"
            if not point or self._cut(point, KEY_POINT_LENGTH, path):
                continue
            if not self._checked(point, path):
                continue
            twin = next(
                (p for p in [headline or "", *(k.text for k in kept)] if _near_same(p, point)),
                None,
            )
            if twin is not None:
                self.warn(
                    "duplicate_key_point",
                    f"key point repeats {'the headline' if twin == headline else 'another'}; "
                    f"dropped: {_clip(point)}",
                    path,
                )
                continue
            cited = supporting_sentences(point, self.index.sentences)
            if not cited:
                self.warn(
                    "unsupported_key_point",
                    f"no sentence of the article shares this point's words; dropped: "
                    f"{_clip(point)}",
                    path,
                )
                continue
            evidence = [
                Span(text=c.text, start=c.start, end=c.end, match="sentence") for c in cited
            ]
            kept.append(KeyPoint(text=point, evidence=evidence))
        return Summary(headline=headline, abstract=abstract, key_points=kept)

    def _cut(self, text: str, limit: int, path: str) -> bool:
        """Whether ``text`` reached the length the grammar allowed it, so it stops where the
        bound caught it; warned when it did."""
        if not self.text_limits or not hit_bound(text, limit):
            return False
        self.warn("text_cut", f"cut at its length bound; not shown: {_clip(text)}", path)
        return True

    def _checked(self, text: str, path: str) -> bool:
        """Whether ``text`` names only what the article holds; warned when it does not."""
        bad = self.facts.unsupported(text)
        if bad:
            self.warn(
                "unsupported_claim",
                f"names what the article does not hold ({', '.join(bad)}); dropped: {_clip(text)}",
                path,
            )
        return not bad

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
        fields += [(f"$.topics[{i}]", t) for i, t in enumerate(draft.topics)]
        for key, st in draft.stances.items():
            if st is not None and st.view:
                fields.append((f"$.stances.{key.split(' ', 1)[0]}.view", st.view))
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
        """The people and organisations the article names, found by rule (the index), with
        the other names it uses for each ("Moscow" for Russia where it speaks for it)."""
        out = []
        for a in self.index.actors:
            named = (m.text for m in a.mentions if m.kind not in ("title", "pronoun"))
            aliases = [n for n in dict.fromkeys(" ".join(t.split()) for t in named) if n != a.name]
            out.append(Actor(id=a.id, name=a.name, kind=a.kind, role=a.title, aliases=aliases))
        return out

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

    def topics(self, draft: Draft) -> list[Topic]:
        return self.builder.topics(draft)

    def positions(self, draft: Draft, quotes: list[Quote], topics: list[Topic]) -> list[Position]:
        """One position per holder and topic, on the holder's own units (``positions.py``)."""
        return self.builder.positions(draft, quotes, topics)

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
            if self.event_limit and self._cut(e.event, self.event_limit, f"{path}.event"):
                continue
            if not self._checked(e.event, f"{path}.event"):
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
