"""Resolver rules for forms news uses beside the calendar: spelled-out years and the
business "year-earlier" periods of earnings reports.

Kept apart from ``absolute`` and ``relative`` so each module stays one idea: these are the
words an earnings story or a speech transcript uses for a period it has already named.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from summarizer.dates.calendar import Period
from summarizer.dates.core import Ctx, Found, Rules, fail, found

RULES = Rules()

_UNITS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS: Final = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_U = "|".join(_UNITS)
_T = "|".join(_TEENS)
_D = "|".join(_TENS)
# 1..99 in words: "seven", "nineteen", "forty-two", "forty two".
_UPTO99: Final = rf"(?:(?:{_D})(?:[- ](?:{_U}))?|{_T}|{_U})"


def _words_to_int(words: str) -> int:
    total = 0
    for w in re.split(r"[- ]", words):
        total += _UNITS.get(w) or _TEENS.get(w) or _TENS.get(w) or 0
    return total


@RULES.add(
    rf"(?:the year )?(?P<c>{_T}|twenty) (?P<y>hundred|oh (?:{_U})|{_UPTO99})",
    rf"(?:the year )?two thousand(?: and)?(?: (?P<z>{_UPTO99}))?",
)
def _spelled_year(m: re.Match[str], c: Ctx) -> Found | None:
    """ "nineteen ninety-nine", "twenty twenty-four", "two thousand and five"."""
    g = m.groupdict()
    if g.get("c") is None:
        year = 2000 + (_words_to_int(g["z"]) if g.get("z") else 0)
    else:
        rest = g["y"]
        low = 0 if rest == "hundred" else _words_to_int(rest.removeprefix("oh "))
        if rest != "hundred" and low < 10 and not rest.startswith("oh"):
            return None  # "twenty five" is a number, not the year 2005
        year = _words_to_int(g["c"]) * 100 + low
    if not 1000 <= year <= 2099:
        return None
    return found(Period.of("year", dt.date(year, 1, 1)))


@RULES.add(
    r"(?:the )?(?:year-(?:earlier|ago)|prior-year|previous-year|year-before)"
    r" (?P<u>period|quarter|month|half|year|season|week)",
    r"(?:the )?(?P<u>period|quarter|month|half|season|week) a year (?:earlier|ago|before)",
)
def _year_earlier(m: re.Match[str], c: Ctx) -> Found:
    """ "the year-earlier period" of an earnings story: the period it reports, one year back.
    That period is the last one named (a quarter, a half); with none, the current quarter."""
    unit = None if m["u"] == "period" else m["u"]
    base = c.anchor(unit)  # type: ignore[arg-type]
    if base is None:
        if c.dct is None and c.story is None:
            return fail("anaphoric")
        base = Period.of(unit or "quarter", c.ref())  # type: ignore[arg-type]
    return found(base.shift_years(-1))
