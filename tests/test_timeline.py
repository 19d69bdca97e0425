"""Chronological order across granularities; unresolved events after, in text order."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.schema import DateValue, TimelineEvent
from summarizer.timeline import sort_events, value_start


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("2025-03-18", dt.date(2025, 3, 18)),
        ("2025-03-18TMO", dt.date(2025, 3, 18)),
        ("2025-W11", dt.date(2025, 3, 10)),  # ISO week 11 of 2025 starts Monday 10 March
        ("2025-W11-WE", dt.date(2025, 3, 15)),
        ("2026-W53", dt.date(2026, 12, 28)),
        ("2025-03", dt.date(2025, 3, 1)),
        ("2025-Q2", dt.date(2025, 4, 1)),
        ("2025-H2", dt.date(2025, 7, 1)),
        ("2025-SU", dt.date(2025, 6, 1)),
        ("2014", dt.date(2014, 1, 1)),
        ("FY2007", dt.date(2007, 1, 1)),
        ("199", dt.date(1990, 1, 1)),
        ("20", dt.date(2000, 1, 1)),
    ],
)
def test_value_start(value: str, start: dt.date) -> None:
    placed = value_start(value)
    assert placed is not None and placed[0] == start


@pytest.mark.parametrize("value", [None, "", "PAST_REF", "PRESENT_REF", "P3Y", "2025-W54", "x"])
def test_values_without_a_place(value: str | None) -> None:
    assert value_start(value) is None


def event(name: str, value: str | None) -> TimelineEvent:
    date = DateValue(
        text=name,
        start=0,
        end=1,
        value=value,
        granularity="day" if value else None,
        reason=None if value else "unrecognised",
    )
    return TimelineEvent(event=name, actors=[], status="past", date=date, excerpt=None)


def test_sort_events() -> None:
    events = [
        (0, event("call", "2025-03-18")),
        (10, event("unresolved-late", None)),
        (20, event("weekend work", "2025-W11-WE")),
        (5, event("unresolved-early", "PAST_REF")),
        (30, event("week", "2025-W11")),
        (40, event("crimea", "2014")),
        (50, event("same day later in text", "2025-03-18")),
    ]
    order = [e.event for e in sort_events(events)]
    assert order == [
        "crimea",
        "week",
        "weekend work",
        "call",
        "same day later in text",
        "unresolved-early",
        "unresolved-late",
    ]
