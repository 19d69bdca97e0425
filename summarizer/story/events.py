"""Events of a story: each article's timeline events, merged where two articles report one.

Two reports are one event when they share a story actor, their dates are compatible (equal, or
one lies inside the other: "March 2008" holds "March 4, 2008") and their predicates are alike
(most of their content words are shared). Reports alike in words and actors whose dates cannot
both be true are kept apart and flagged as conflicts of each other, never averaged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from ..dates import Granularity
from ..dates.calendar import MONTH_NAMES, WEEKDAY_NAMES
from ..draft import EventStatus
from ..schema import ArticleSummary
from ..timeline import value_start
from .model import Citation, Placement

_WORD: Final = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d.,]*")
_STOP: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "into",
        "over",
        "after",
        "before",
        "about",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "do",
        "does",
        "did",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "their",
        "there",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "you",
        "your",
        "i",
        "not",
        "no",
        "than",
        "then",
        "so",
        "if",
        "when",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "while",
        "also",
        "said",
        "says",
        "say",
        "last",
        "next",
        "this",
        "week",
        "month",
        "year",
        "day",
        "today",
        "yesterday",
        "tomorrow",
        "ago",
        "earlier",
        "later",
    ]
)
_MONTHS: Final = frozenset(n.lower() for n in (*MONTH_NAMES, *WEEKDAY_NAMES))
SAME_EVENT: Final = 0.5  # share of content words two reports of one event have in common
CONFLICT: Final = 0.6  # alike enough that a different date is a disagreement, not two events


@dataclass
class Report:
    """One article's timeline event, with what merging and ordering need and nothing more."""

    article: str
    index: int  # in that article's summary timeline
    position: int  # offset of its sentence in the article, for article order
    event: str
    status: EventStatus
    value: str | None
    granularity: Granularity | None
    placed_by: Placement
    actors: set[int]  # story actor groups
    words: frozenset[str]
    citation: Citation


@dataclass
class Event:
    """One happening: its reports (one per sentence that states it) and its agreed date."""

    reports: list[Report]
    value: str | None
    granularity: Granularity | None
    actors: set[int] = field(default_factory=set)
    conflicts: set[int] = field(default_factory=set)  # ids (list indexes) of other events

    @property
    def first(self) -> Report:
        return self.reports[0]


def content_words(text: str, names: set[str]) -> frozenset[str]:
    """The words that say what happened: the lower-case words that are not function words or
    dates (a capitalised word is a name, which the actors already match on)."""
    words = {w.strip("'-") for w in _WORD.findall(text) if not w[0].isupper()}
    return frozenset(w for w in words if w not in _STOP and w not in _MONTHS and w not in names)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared content words over the smaller report's (a short headline report of a long one
    counts as alike); one shared word is enough only between one-word predicates."""
    shared = len(a & b)
    if not shared or (shared < 2 and min(len(a), len(b)) > 1):
        return 0.0
    return shared / min(len(a), len(b))


def reports_of(summary: ArticleSummary, group_of: dict[str, int], article_id: str) -> list[Report]:
    """The article's timeline events as reports; events without an actor or without a
    sentence to cite are left out (a timeline entry of nobody, or traceable to nothing)."""
    article, published = summary.article, summary.article.published
    names = {w.lower() for a in summary.actors for w in _WORD.findall(a.name)}
    found = []
    for i, event in enumerate(summary.timeline):
        actors = {group_of[a] for a in event.actors if a in group_of}
        if not actors or event.excerpt is None:
            continue
        date = event.date
        value = date.value if date and value_start(date.value) is not None else None
        placed: Placement = "article_order"
        if value is not None and date is not None:
            placed = "anchor" if date.anchor else "date"
        span = event.excerpt
        found.append(
            Report(
                article=article_id,
                index=i,
                position=span.start,
                event=event.event,
                status=event.status,
                value=value,
                granularity=date.granularity if value and date else None,
                placed_by=placed,
                actors=actors,
                words=content_words(event.event, names),
                citation=Citation(
                    article=article_id,
                    event=i,
                    text=span.text,
                    start=span.start,
                    end=span.end,
                    date_text=date.text if date else None,
                    published=published,
                    title=article.title,
                ),
            )
        )
    return found


def compatible(a: str | None, b: str | None) -> bool:
    """Both undated, or the same period, or one inside the other ("2008-03" holds "2008-03-04",
    "2008-W10" holds the days of that week)."""
    if a is None or b is None:
        return a is b
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    sa, sb = value_start(a), value_start(b)
    if sa is None or sb is None:
        return False
    # A week and a day: the day must fall in that week.
    for week, day in ((a, b), (b, a)):
        if "-W" in week and (d := value_start(day)) and d[1] == 0:
            start = value_start(week)
            if start and 0 <= (d[0] - start[0]).days < 7:
                return True
    return False


def _finer(
    a: Report, value: str | None, granularity: Granularity | None
) -> tuple[str | None, Granularity | None]:
    sa, sb = value_start(a.value), value_start(value)
    if sa and (sb is None or sa[1] < sb[1]):
        return a.value, a.granularity
    return value, granularity


def merge(reports: list[Report]) -> list[Event]:
    """Reports into events, in the order given (batch order, then article order).

    A report joins the first event it shares an actor with, whose date is compatible, whose
    predicate is alike, and which holds no report of its own sentence (an article that tells
    one event twice, in its headline and its first paragraph, is one event cited twice).
    Only events that share a content word with the report are compared (an index per actor
    and word), so a batch of thousands of articles about one company stays fast.
    """
    events: list[Event] = []
    by_word: dict[tuple[int, str], list[int]] = {}
    for report in reports:
        target = None
        clashes: set[int] = set()
        candidates = sorted(
            {
                e
                for actor in report.actors
                for w in report.words
                for e in by_word.get((actor, w), ())
            }
        )
        for e in candidates:
            event = events[e]
            if any(
                r.article == report.article and r.citation.start == report.citation.start
                for r in event.reports
            ):
                continue  # two date mentions of one sentence are two events
            alike = max(similarity(report.words, r.words) for r in event.reports)
            if compatible(report.value, event.value):
                if alike >= SAME_EVENT and target is None:
                    target = e
            elif alike >= CONFLICT and report.value and event.value:
                clashes.add(e)
        if target is None:
            target = len(events)
            events.append(Event([], report.value, report.granularity))
        event = events[target]
        event.reports.append(report)
        event.value, event.granularity = _finer(report, event.value, event.granularity)
        event.actors |= report.actors
        for actor in report.actors:
            for w in report.words:
                ids = by_word.setdefault((actor, w), [])
                if not ids or ids[-1] != target:
                    ids.append(target)
        for other in clashes - {target}:
            event.conflicts.add(other)
            events[other].conflicts.add(target)
    return events
