"""Turn a validated draft into the final ``ArticleSummary``: ground, resolve, check, warn.

Nothing the model wrote reaches the output unchecked. Quotes come from the deterministic
quotation list; evidence and excerpts are located in the text (or dropped with a warning);
date expressions are found in the text and resolved by ``dates.resolve`` against the
publication date; actors with the same id or name are merged and references rewritten.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .article import Article
from .dates import resolve
from .draft import Draft, DraftActor, DraftPosition
from .grounding import Grounder
from .index import ArticleIndex
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
        self.quotations = {q.number: q for q in quotations}
        self.grounder = Grounder(article.text)
        self.warnings: list[SummaryWarning] = []
        self._alias: dict[str, str] = {}

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
        s = draft.summary
        return Summary(
            headline=s.headline.strip(),
            abstract=s.abstract.strip(),
            key_points=[k.strip() for k in s.key_points if k.strip()],
        )

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
        fields += [(f"$.actors[{i}].name", a.name) for i, a in enumerate(draft.actors)]
        for i, p in enumerate(draft.positions):
            fields += [(f"$.positions[{i}].topic", p.topic), (f"$.positions[{i}].stance", p.stance)]
        fields += [(f"$.timeline[{i}].event", e.event) for i, e in enumerate(draft.timeline)]
        for path, text in fields:
            foreign = _scripts(text) - allowed
            if foreign:
                self.warn(
                    "foreign_script",
                    f"text in {', '.join(sorted(foreign))} script, which "
                    f"the article does not use: {_clip(text)}",
                    path,
                )

    def actors(self, actors: list[DraftActor]) -> list[Actor]:
        """Merge actors that repeat an id or a name; later references follow the first one."""
        out: list[Actor] = []
        by_name: dict[str, str] = {}
        for i, a in enumerate(actors):
            key = _name_key(a.name)
            if a.id in self._alias:
                self.warn(
                    "duplicate_actor",
                    f"actor id {a.id!r} is defined twice; kept the first",
                    f"$.actors[{i}]",
                )
                continue
            if key in by_name:
                self._alias[a.id] = by_name[key]
                self.warn(
                    "duplicate_actor",
                    f"actor {a.name!r} ({a.id}) merged into {by_name[key]}",
                    f"$.actors[{i}]",
                )
                continue
            self._alias[a.id] = a.id
            by_name[key] = a.id
            role = a.role.strip() if a.role and a.role.strip() else None
            out.append(Actor(id=a.id, name=a.name.strip(), kind=a.kind, role=role))
        return out

    def actor_ref(self, ref: str | None, path: str) -> str | None:
        if ref is None:
            return None
        if ref not in self._alias:
            self.warn("unknown_actor", f"reference to unknown actor {ref!r} removed", path)
            return None
        return self._alias[ref]

    def quotes(self, draft: Draft) -> list[Quote]:
        """Every listed quotation, attributed where the model said who spoke it."""
        said: dict[int, Quote] = {}
        for i, dq in enumerate(draft.quotes):
            found = self.quotations.get(dq.quotation)
            if found is None or dq.quotation in said:
                continue
            speaker = self.actor_ref(dq.speaker, f"$.quotes[{i}].speaker")
            said[dq.quotation] = Quote(
                number=found.number,
                text=found.text,
                start=found.start,
                end=found.end,
                speaker=speaker,
                kind=dq.kind,
            )
        for number, found in self.quotations.items():
            if number not in said:
                said[number] = Quote(
                    number=number,
                    text=found.text,
                    start=found.start,
                    end=found.end,
                    speaker=None,
                    kind="speech",
                )
            if said[number].speaker is None and said[number].kind == "speech":
                self.warn(
                    "unattributed_quote",
                    f"no speaker for quotation [Q{number}]: {_clip(found.text)}",
                    f"$.quotes[{number - 1}]",
                )
        return [said[n] for n in sorted(said)]

    def quotation_span(self, ref: str) -> Span | None:
        """Evidence may cite a listed quotation by number ("Q3"): that quotation's own span."""
        m = _QUOTATION_REF.fullmatch(ref.strip())
        found = self.quotations.get(int(m[1])) if m else None
        if found is None:
            return None
        return Span(text=found.text, start=found.start, end=found.end, match="quotation")

    def positions(self, draft: Draft, quotes: list[Quote]) -> list[Position]:
        """Positions with grounded evidence; quoted evidence must be the holder's own words."""
        speaker_at = {(q.start, q.end): q.speaker for q in quotes if q.kind == "speech"}
        out: list[Position] = []
        for i, p in enumerate(draft.positions):
            holder = self.actor_ref(p.holder, f"$.positions[{i}].holder")
            if holder is None:
                continue
            evidence: list[Span] = []
            cited: list[int] = []  # draft index of each kept evidence span
            for j, text in enumerate(p.evidence):
                span = self.quotation_span(text) or self.grounder.locate(text)
                if span is None:
                    self.warn(
                        "ungrounded_quote",
                        f"evidence not found in the article, dropped: {_clip(text)}",
                        f"$.positions[{i}].evidence[{j}]",
                    )
                elif all(span.start != e.start or span.end != e.end for e in evidence):
                    evidence.append(span)
                    cited.append(j)
            if not evidence:
                self.warn(
                    "position_without_evidence",
                    f"position of {holder} on {p.topic!r} has no evidence found in the article",
                    f"$.positions[{i}]",
                )
            copy_of = next((k for k, o in enumerate(out) if _same_claim(o, p, evidence)), None)
            if copy_of is not None:
                # Greedy small models repeat one position for every actor: a verbatim copy of
                # another holder's stance and evidence is a loop, not a second position.
                self.warn(
                    "duplicate_position",
                    f"position of {holder} repeats position {copy_of} word for word; dropped",
                    f"$.positions[{i}]",
                )
                continue
            for span, j in zip(evidence, cited, strict=True):
                self._check_speaker(span, holder, speaker_at, f"$.positions[{i}].evidence[{j}]")
            out.append(
                Position(
                    holder=holder,
                    topic=p.topic.strip(),
                    stance=p.stance.strip(),
                    stance_kind=p.stance_kind,
                    attribution=p.attribution,
                    evidence=evidence,
                )
            )
        return out

    def _check_speaker(
        self, span: Span, holder: str, speaker_at: dict[tuple[int, int], str | None], path: str
    ) -> None:
        """A quotation used as evidence that the article gives to someone else is suspect."""
        for (start, end), speaker in speaker_at.items():
            if speaker and speaker != holder and start <= span.start and span.end <= end:
                self.warn(
                    "evidence_speaker_mismatch",
                    f"evidence for {holder} is a quotation attributed to {speaker}: "
                    f"{_clip(span.text)}",
                    path,
                )
                return

    def timeline(self, draft: Draft) -> list[TimelineEvent]:
        events: list[tuple[int, TimelineEvent]] = []
        for i, e in enumerate(draft.timeline):
            excerpt = self.grounder.locate(e.excerpt)
            if excerpt is None:
                self.warn(
                    "ungrounded_excerpt",
                    f"event excerpt not found in the article: {_clip(e.excerpt)}",
                    f"$.timeline[{i}].excerpt",
                )
            actors = [
                a
                for j, ref in enumerate(e.actors)
                if (a := self.actor_ref(ref, f"$.timeline[{i}].actors[{j}]")) is not None
            ]
            date = self.date_value(e.date_expression, excerpt, f"$.timeline[{i}].date")
            order = excerpt.start if excerpt else (date.start if date else len(self.article.text))
            events.append(
                (
                    order,
                    TimelineEvent(
                        event=e.event.strip(),
                        actors=list(dict.fromkeys(actors)),
                        status=e.status,
                        date=date,
                        excerpt=excerpt,
                    ),
                )
            )
        return sort_events(events)

    def date_value(
        self, expression: str | None, excerpt: Span | None, path: str
    ) -> DateValue | None:
        if expression is None or not expression.strip():
            return None
        near = excerpt.start if excerpt else 0
        span = self._locate_date(expression, excerpt)
        if span is None:
            span = self.grounder.locate(expression, near=near)
            if span is not None:
                # Found in the article but not in the event's own excerpt: the expression is
                # real, its link to this event is only the model's word.
                self.warn(
                    "date_outside_excerpt",
                    f"{span.text!r} is in the article but not in this event's excerpt",
                    path,
                )
        if span is None:
            self.warn(
                "date_not_found",
                f"date expression not found in the article, dropped: {_clip(expression)}",
                path,
            )
            return None
        # The tagger resolved this mention with the whole article as context ("the
        # following week" after a story date); only text it did not tag is resolved alone.
        mention = self.index.date_within(span.start, span.end)
        if mention is not None and mention.type != "set":
            value, granularity, reason = mention.value, mention.granularity, mention.reason
        else:
            res = resolve(
                span.text, self.article.published, sentence_at(self.article.text, span.start)
            )
            value, granularity, reason = res.value, res.granularity, res.reason
        if value is None:
            self.warn("unresolved_date", f"{span.text!r} left unresolved ({reason})", path)
        return DateValue(
            text=span.text,
            start=span.start,
            end=span.end,
            value=value,
            granularity=granularity,
            reason=reason,
        )

    def _locate_date(self, expression: str, excerpt: Span | None) -> Span | None:
        """Prefer the occurrence inside the event's own excerpt."""
        if excerpt is None:
            return None
        span = self.grounder.locate(expression, near=excerpt.start)
        if span is None or span.start < excerpt.start or span.end > excerpt.end:
            return None
        return span


_QUOTATION_REF = re.compile(r"\[?Q(\d{1,3})\]?", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n")


def sentence_at(text: str, offset: int) -> str:
    """The sentence (or headline line) around ``offset``: the tense cues for date resolution."""
    start = 0
    for boundary in _SENTENCE_END.finditer(text, 0, offset):
        start = boundary.end()
    after = _SENTENCE_END.search(text, offset)
    end = after.start() if after else len(text)
    return text[start:end].strip()


def _same_claim(kept: Position, draft: DraftPosition, evidence: list[Span]) -> bool:
    return (
        kept.topic.casefold() == draft.topic.strip().casefold()
        and kept.stance.casefold() == draft.stance.strip().casefold()
        and [(e.start, e.end) for e in kept.evidence] == [(e.start, e.end) for e in evidence]
    )


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


def _name_key(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def _clip(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
