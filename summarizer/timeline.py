"""Chronological order for timeline events whose dates have different granularities.

A TIMEX3 value is placed on the calendar by the first day it covers ("2025-W11" is Monday
10 March 2025, "2025-Q1" is 1 January). Events are sorted by that day, then by how precise the
value is (a day before the week that contains it), then by their place in the article.
Unresolved events, durations ("P3Y" is a length, not a point) and the vague
PAST_REF/PRESENT_REF/FUTURE_REF follow in text order. A fiscal year ("FY2007") is placed at
its calendar year: where it starts differs by country.
"""

from __future__ import annotations

import datetime as dt
import re

from .schema import TimelineEvent

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEARISH = re.compile(r"^(?:FY)?(\d{2,4})$")


def value_start(value: str | None) -> tuple[dt.date, int] | None:
    """First day a value covers and its span rank (0 = a day ... 6 = a century), or None."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), 0
        if m := _WEEK.match(value):
            day = 6 if m[3] else 1
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), day), 1
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 1), 2
        if m := _PART.match(value):
            year, part = int(m[1]), m[2]
            if part[0] == "Q":
                return dt.date(year, 3 * int(part[1]) - 2, 1), 3
            if part[0] == "H":
                return dt.date(year, 1 if part[1] == "1" else 7, 1), 3
            return dt.date(year, _SEASON_MONTH[part], 1), 3
        if m := _YEARISH.match(value):
            digits = m[1]
            year = int(digits.ljust(4, "0"))
            return dt.date(max(year, 1), 1, 1), {4: 4, 3: 5, 2: 6}[len(digits)]
    except ValueError:
        return None
    return None


def sort_events(events: list[tuple[int, TimelineEvent]]) -> list[TimelineEvent]:
    """Sort (text position, event) pairs chronologically; unresolved ones after, in text order."""
    dated: list[tuple[dt.date, int, int, TimelineEvent]] = []
    undated: list[tuple[int, TimelineEvent]] = []
    for order, event in events:
        start = value_start(event.date.value if event.date else None)
        if start is None:
            undated.append((order, event))
        else:
            dated.append((start[0], start[1], order, event))
    dated.sort(key=lambda t: (t[0], t[1], t[2]))
    undated.sort(key=lambda t: t[0])
    return [t[3] for t in dated] + [e for _, e in undated]
