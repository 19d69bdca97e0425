"""The bundled model's timeline, read off the article: one event per clause that a date
mention dates, even when the clause holds two mentions."""

from __future__ import annotations

from summarizer.article import make_article
from summarizer.assemble import Assembler
from summarizer.index import index_article
from summarizer.schema import TimelineEvent


def timeline(text: str) -> list[TimelineEvent]:
    article = make_article(text, published="2025-03-17")
    index = index_article(article)
    return Assembler(article, list(index.quotations), index).derived_timeline()


def test_two_mentions_in_one_clause_make_one_event_dated_by_the_finer_value() -> None:
    events = timeline("The attorney scheduled a press conference for 1:30 p.m. Friday.")
    assert len(events) == 1
    assert events[0].date is not None
    assert events[0].date.value == "2025-03-21T13:30"  # scheduled: the coming Friday


def test_mentions_in_different_clauses_stay_separate_events() -> None:
    events = timeline("The talks began on Tuesday, and the ministers will meet again next month.")
    assert [e.date.value for e in events if e.date] == ["2025-03-18", "2025-04"]
