"""Calendar periods and their TIMEX3 values, and the calendar's names, for :mod:`summarizer.dates`.

Every resolved calendar expression is a :class:`Period`: a unit plus the first day
of the period. Keeping the start date (instead of a value string) lets the
resolver shift periods ("the previous week"), compare them with the publication
date and format them once, so ISO-week and leap-day rules live in one place.

The month and weekday names (and their dotted abbreviations) are written here once: the date
rules (``text.py``), the index's date extents and trigger words (``index/extents.py``,
``index/date_windows.py``) and its words that never start a name (``index/lexicon.py``) are
all built from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final, Literal

Granularity = Literal[
    "day",
    "week",
    "weekend",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
    "part_of_day",
    "time",
    "duration",
    "ref",
]
UnresolvedReason = Literal[
    "no_publication_date",  # relative expression and no publication date to anchor it
    "not_a_date",  # no calendar vocabulary at all ("the Joint Strike Fighter program")
    "unrecognised",  # temporal words, but no form this resolver knows
    "anaphoric",  # refers to a time named elsewhere ("that day") and none is in the context
    "invalid_date",  # a calendar date that does not exist ("February 30, 2023")
]
Unit = Literal[
    "day",
    "week",
    "weekend",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "fy",
    "decade",
    "century",
]
Tense = Literal["past", "future", "neutral"]

# In calendar order: a month's number is its place here plus one, a weekday's its place
# (Monday=0, as ``datetime.date.weekday``).
MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES: Final = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
# The short forms news writes with a dot ("Sept. 3", "Thurs."), in calendar order; May has none.
MONTH_ABBREVIATIONS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
WEEKDAY_ABBREVIATIONS: Final = (
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thur",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
)

#: Meteorological seasons: the month each starts in, and its TIMEX3 code.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_BY_START = {m: code for code, m in SEASON_START.items()}
_STEP_MONTHS = {
    "month": 1,
    "quarter": 3,
    "half": 6,
    "season": 3,
    "year": 12,
    "fy": 12,
    "decade": 120,
    "century": 1200,
}


def add_months(d: dt.date, n: int) -> dt.date:
    """Shift by whole months, clamping the day (Feb 29 + 1 year = Feb 28)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(d.day, day))
        except ValueError:
            continue
    raise ValueError(f"cannot shift {d} by {n} months")  # pragma: no cover


def monday_of(d: dt.date) -> dt.date:
    """First day of the ISO week holding ``d`` (ISO weeks start on Monday)."""
    return d - dt.timedelta(days=d.weekday())


def season_start(d: dt.date) -> dt.date:
    """First day of the meteorological season holding ``d``; Jan-Feb belong to the
    winter that began the previous December."""
    m = d.month
    if m in (1, 2):
        return dt.date(d.year - 1, 12, 1)
    return dt.date(d.year, m - (m % 3), 1)


@dataclass(frozen=True)
class Period:
    """A calendar period: ``unit`` and its first day ``start``.

    ``pod`` is a TIMEX3 part-of-day code (MO, AF, EV, NI) for day periods.
    Weekends start on Saturday; seasons on Mar/Jun/Sep/Dec 1.
    """

    unit: Unit
    start: dt.date
    pod: str | None = None

    @classmethod
    def of(cls, unit: Unit, d: dt.date) -> Period:
        """The period of ``unit`` that contains ``d``."""
        if unit == "day":
            return cls("day", d)
        if unit == "week":
            return cls("week", monday_of(d))
        if unit == "weekend":
            return cls("weekend", monday_of(d) + dt.timedelta(days=5))
        if unit == "month":
            return cls("month", d.replace(day=1))
        if unit == "quarter":
            return cls("quarter", dt.date(d.year, d.month - (d.month - 1) % 3, 1))
        if unit == "half":
            return cls("half", dt.date(d.year, 1 if d.month <= 6 else 7, 1))
        if unit == "season":
            return cls("season", season_start(d))
        if unit in ("year", "fy"):
            return cls(unit, dt.date(d.year, 1, 1))
        if unit == "decade":
            return cls("decade", dt.date(d.year - d.year % 10, 1, 1))
        return cls("century", dt.date(d.year - d.year % 100, 1, 1))

    @property
    def end(self) -> dt.date:
        """Last day of the period."""
        if self.unit == "day":
            return self.start
        if self.unit == "week":
            return self.start + dt.timedelta(days=6)
        if self.unit == "weekend":
            return self.start + dt.timedelta(days=1)
        return add_months(self.start, _STEP_MONTHS[self.unit]) - dt.timedelta(days=1)

    def shift(self, n: int) -> Period:
        """The period ``n`` units later (earlier when negative)."""
        if self.unit == "day":
            return replace(self, start=self.start + dt.timedelta(days=n))
        if self.unit in ("week", "weekend"):
            return replace(self, start=self.start + dt.timedelta(weeks=n))
        return replace(self, start=add_months(self.start, n * _STEP_MONTHS[self.unit]))

    def shift_years(self, n: int) -> Period:
        """Same period ``n`` years away: the same ISO week number for weeks."""
        if self.unit in ("week", "weekend"):
            iso = self.start.isocalendar()
            year = iso.year + n
            week = min(iso.week, dt.date(year, 12, 28).isocalendar().week)
            return replace(self, start=dt.date.fromisocalendar(year, week, iso.weekday))
        return replace(self, start=add_months(self.start, 12 * n))

    def convert(self, unit: Unit) -> Period:
        """The period of ``unit`` that contains this period's start."""
        return Period.of(unit, self.start)

    @property
    def granularity(self) -> Granularity:
        """The public granularity name of the value."""
        if self.unit == "day":
            return "part_of_day" if self.pod else "day"
        if self.unit == "fy":
            return "year"
        return self.unit

    @property
    def value(self) -> str:
        """TIMEX3 value: 2025-03-18, 2025-W11, 2025-W11-WE, 2025-Q1, 2025-SU, 201, 20..."""
        s = self.start
        if self.unit == "day":
            return s.isoformat() + (f"T{self.pod}" if self.pod else "")
        if self.unit in ("week", "weekend"):
            iso = s.isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if self.unit == "weekend" else "")
        if self.unit == "month":
            return f"{s.year:04d}-{s.month:02d}"
        if self.unit == "quarter":
            return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
        if self.unit == "half":
            return f"{s.year:04d}-H{1 if s.month <= 6 else 2}"
        if self.unit == "season":
            return f"{s.year:04d}-{_SEASON_BY_START[s.month]}"
        if self.unit == "year":
            return f"{s.year:04d}"
        if self.unit == "fy":
            return f"FY{s.year:04d}"
        if self.unit == "decade":
            return f"{s.year // 10:03d}"
        return f"{s.year // 100:02d}"


def choose(cands: list[Period], dct: dt.date, tense: Tense) -> Period:
    """Pick the occurrence a news sentence means among candidates in date order.

    Past: the latest one that has begun by the publication date. Future: the
    earliest one that has not ended. Neutral: the one containing the date, else
    the nearest, ties going to the past (news mostly reports what happened).
    """
    if tense == "past":
        started = [p for p in cands if p.start <= dct]
        return started[-1] if started else cands[0]
    if tense == "future":
        open_ = [p for p in cands if p.end >= dct]
        return open_[0] if open_ else cands[-1]

    def distance(p: Period) -> tuple[int, int]:
        if p.start <= dct <= p.end:
            return (0, 0)
        if p.end < dct:
            return ((dct - p.end).days, 0)
        return ((p.start - dct).days, 1)

    return min(cands, key=distance)


def yearly(dct: dt.date, build: Callable[[int], Period | None]) -> list[Period]:
    """Candidates of a yearly-recurring period around the publication year.

    ``build(year)`` returns the period in that year, or None when it does not
    exist (Feb 29); for leap days the search widens to the nearest valid years.
    """
    near = [p for y in (dct.year - 1, dct.year, dct.year + 1) if (p := build(y)) is not None]
    if len(near) >= 2:
        return near
    far = [p for y in range(dct.year - 8, dct.year + 9) if (p := build(y)) is not None]
    before = [p for p in far if p.start <= dct][-1:]
    after = [p for p in far if p.start > dct][:1]
    return before + after
