"""Rules for expressions that name the calendar: dates, months, years, quarters,
seasons, decades, centuries, fiscal years and clock times.

Without a year they fall back on the tense of the sentence (see ``calendar.choose``);
with one they need no publication date at all.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from summarizer.dates.calendar import SEASON_START, Period, Unit, add_months, choose, yearly
from summarizer.dates.core import Ctx, Found, Rules, fail, fixed, found
from summarizer.dates.text import (
    DAY,
    DECADE_WORDS,
    MON,
    OPT_WD,
    ORD,
    PARTS_OF_DAY,
    POD,
    YEAR,
    month_no,
    ordinal,
)

RULES: Final = Rules()

_MOD: Final = (
    r"(?:(?:early|mid|late|earlier in|later in|(?:at |by )?the (?:start|beginning"
    r"|end|middle|course) of)[ -]?)?"
)
_QN: Final = r"(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
_YR_WORDS: Final = (
    r"(?P<yr>[12]\d{3}|(?:the )?(?:this|last|next|current|previous|same|coming)"
    r" year|the year)"
)
_QUARTER: Final = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}
_SEASONS: Final = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_ZONES: Final = {
    "utc": "Z",
    "gmt": "Z",
    "z": "Z",
    "est": "-05:00",
    "edt": "-04:00",
    "cst": "-06:00",
    "cdt": "-05:00",
    "mst": "-07:00",
    "mdt": "-06:00",
    "pst": "-08:00",
    "pdt": "-07:00",
    "bst": "+01:00",
    "cet": "+01:00",
    "cest": "+02:00",
    "jst": "+09:00",
}
#: A day written without its year lies within this many days of publication whatever the
#: tense says ("has a June 1 deadline" on May 28 is this June 1, not last year's).
_NEAR_DAYS: Final = 200
_AFTER_YEAR: Final = re.compile(
    r"^,? (?:of )?(?:(?P<y>[12]\d{3})\b|(?:the )?(?P<rel>this|last|next) year\b)"
)


def full_year(s: str, dct: dt.date | None) -> int:
    """Four-digit year from "2007", "07" or "'82": the latest century putting it at most
    ten years after publication; without a date, 00-68 are 20xx (the POSIX pivot)."""
    digits = s.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    yy = int(digits)
    if dct is None:
        return 2000 + yy if yy < 69 else 1900 + yy
    year = (dct.year // 100) * 100 + yy
    return year if year <= dct.year + 10 else year - 100


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _explicit_year(c: Ctx) -> int | None:
    """A year written right after the expression: "October 12, 2005", "October of next year"."""
    m = _AFTER_YEAR.match(c.after)
    if not m:
        return None
    if m["y"]:
        return int(m["y"])
    return c.ref().year + {"this": 0, "last": -1, "next": 1}[m["rel"]]


def _rel_year(words: str | None, c: Ctx) -> int | None:
    """Year of "2009", "this year", "last year", "the year" (None if no year was said)."""
    if not words:
        return _explicit_year(c)
    if words[0].isdigit():
        return int(words)
    if words == "the year":
        anchor = c.anchor("year")
        return anchor.start.year if anchor else c.ref().year
    shift = {"this": 0, "current": 0, "same": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}
    return c.ref().year + shift[words.removeprefix("the ").split()[0]]


def _day_of_year(month: int, day: int, c: Ctx, pod: str | None = None) -> Found:
    """A month and day without a year: the year written after it, else by tense."""
    year = _explicit_year(c)
    if year is not None:
        d = _date(year, month, day)
        return found(Period("day", d, pod)) if d else fail("invalid_date")
    if _date(2000, month, day) is None:  # 2000 is a leap year: catches "February 30"
        return fail("invalid_date")

    def build(y: int) -> Period | None:
        d = _date(y, month, day)
        return Period("day", d, pod) if d else None

    dct = c.ref()
    cands = yearly(dct, build)
    best = choose(cands, dct, c.tense)
    if abs((best.start - dct).days) > _NEAR_DAYS:  # tense would push it to the far side
        best = choose(cands, dct, "neutral")
    return found(best)


def _in_year(unit: Unit, start_month: int, year: int | None, c: Ctx) -> Found:
    """A month, quarter, half or season: in ``year`` if given, else chosen by tense."""
    if year is not None:
        return found(Period.of(unit, dt.date(year, start_month, 1)))
    dct = c.ref()

    def build(y: int) -> Period:
        return Period.of(unit, dt.date(y, start_month, 1))

    return found(choose(yearly(dct, build), dct, c.tense))


@RULES.add(r"(?P<y>[12]\d{3})-(?P<m>\d{2})-(?P<d>\d{2})(?:t(?P<h>\d{2}):(?P<mi>\d{2}))?")
def _iso_day(m: re.Match[str], c: Ctx) -> Found:
    d = _date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return fail("invalid_date")
    if m["h"]:
        return fixed(f"{d.isoformat()}T{m['h']}:{m['mi']}", "time", Period("day", d))
    return found(Period("day", d))


@RULES.add(r"(?P<y>[12]\d{3})-(?P<m>\d{2})")
def _iso_month(m: re.Match[str], c: Ctx) -> Found:
    month = int(m["m"])
    if not 1 <= month <= 12:
        return fail("invalid_date")
    return found(Period("month", dt.date(int(m["y"]), month, 1)))


@RULES.add(r"(?P<y>[12]\d{3})-w(?P<w>\d{2})(?P<we>-we)?")
def _iso_week(m: re.Match[str], c: Ctx) -> Found:
    try:
        monday = dt.date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
    except ValueError:
        return fail("invalid_date")
    return found(Period.of("weekend" if m["we"] else "week", monday))


@RULES.add(
    r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})",
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})",
)
def _numeric(m: re.Match[str], c: Ctx) -> Found:
    """Slashes and dashes read month/day (US) unless the first number exceeds 12; dots
    read day.month (European)."""
    a, b = int(m["a"]), int(m["b"])
    month, day = (b, a) if m.groupdict().get("sep") == "." or a > 12 else (a, b)
    if not m.groupdict().get("y"):
        return _day_of_year(month, day, c)
    d = _date(full_year(m["y"], c.dct), month, day)
    return found(Period("day", d)) if d else fail("invalid_date")


@RULES.add(
    OPT_WD + r"(?:the )?" + MON + " " + DAY + r",? " + YEAR,
    OPT_WD + r"(?:the )?" + DAY + r" (?:of )?" + MON + r",? " + YEAR,
)
def _full_date(m: re.Match[str], c: Ctx) -> Found:
    d = _date(full_year(m["year"], c.dct), month_no(m["mon"]), int(m["day"]))
    return found(Period("day", d)) if d else fail("invalid_date")


@RULES.add(
    OPT_WD + r"(?:the )?" + MON + " " + DAY + r"(?:,? " + POD + ")?",
    OPT_WD + r"(?:the )?" + DAY + r" (?:of )?" + MON,
)
def _month_day(m: re.Match[str], c: Ctx) -> Found:
    pod = m.groupdict().get("pod")
    return _day_of_year(month_no(m["mon"]), int(m["day"]), c, PARTS_OF_DAY[pod] if pod else None)


@RULES.add(r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)")
def _day_of_month(m: re.Match[str], c: Ctx) -> Found | None:
    """ "on the 3rd": that day of the publication month or a neighbour, chosen by tense."""
    day, dct = int(m["day"]), c.ref()
    if not 1 <= day <= 31:
        return None
    months = [add_months(dct.replace(day=1), k) for k in (-1, 0, 1)]
    cands = [Period("day", d) for mo in months if (d := _date(mo.year, mo.month, day))]
    return found(choose(cands, dct, c.tense))


_HOLIDAYS: Final = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "boxing day": (12, 26),
}


@RULES.add(
    r"(?P<hol>christmas(?: day| eve)?|new year's (?:day|eve)|halloween|valentine's day"
    r"|boxing day)(?:,? " + YEAR + ")?"
)
def _holiday(m: re.Match[str], c: Ctx) -> Found:
    month, day = _HOLIDAYS[m["hol"]]
    if m["year"]:
        return found(Period("day", dt.date(full_year(m["year"], c.dct), month, day)))
    return _day_of_year(month, day, c)


@RULES.add(
    r"(?:the )?(?P<ord>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)"
    r" (?P<u>week|day) (?:of|in) " + MON + r"(?:,? " + YEAR + ")?"
)
def _part_of_month(m: re.Match[str], c: Ctx) -> Found:
    """The n-th week of a month is the n-th ISO week with at least four of its days in
    the month (its Thursday falls in the month); the last is counted from the end."""
    month = month_no(m["mon"])
    if m["year"]:
        first = dt.date(full_year(m["year"], c.dct), month, 1)
    else:
        dct = c.ref()
        first = choose(
            yearly(dct, lambda y: Period("month", dt.date(y, month, 1))), dct, c.tense
        ).start
    last = Period("month", first).end
    last_words = m["ord"] in ("last", "final")
    if m["u"] == "day":
        return found(Period("day", last if last_words else first))
    if last_words:
        return found(Period.of("week", last - dt.timedelta(days=3)))
    week = Period.of("week", first + dt.timedelta(days=3)).shift(ordinal(m["ord"]) - 1)
    if (week.start + dt.timedelta(days=3)).month != month:  # "the fifth week of February"
        return fail("invalid_date")
    return found(week)


@RULES.add(_MOD + r"(?:the month of )?" + MON + r",? (?:of )?" + YEAR)
def _month_year(m: re.Match[str], c: Ctx) -> Found:
    return found(Period("month", dt.date(full_year(m["year"], c.dct), month_no(m["mon"]), 1)))


@RULES.add(r"(?P<rel>last|next|this|this past|this coming|the coming|past|the past) " + MON)
def _month_rel(m: re.Match[str], c: Ctx) -> Found:
    """ "last March" is the latest March before the current month, "next March" the first
    after it, "this March" the one of the publication year."""
    month, dct = month_no(m["mon"]), c.ref()
    cands = yearly(dct, lambda y: Period("month", dt.date(y, month, 1)))
    rel = m["rel"].removeprefix("the ")
    if rel == "this":
        return found(Period("month", dt.date(dct.year, month, 1)))
    if rel in ("last", "past", "this past"):
        return found([p for p in cands if p.end < dct.replace(day=1)][-1])
    return found(next(p for p in cands if p.start > dct))


@RULES.add(_MOD + r"(?:the month of )?" + MON + r"(?: (?:of )?" + _YR_WORDS + ")?")
def _month(m: re.Match[str], c: Ctx) -> Found:
    return _in_year("month", month_no(m["mon"]), _rel_year(m["yr"], c), c)


@RULES.add(
    r"(?:the )?(?:(?:start|beginning|end|middle|rest|remainder|course) of |early |mid-? ?"
    r"|late |(?:the )?(?:calendar )?year )?(?:the )?(?P<year>[12]\d{3})",
    r"(?P<year>'\d{2})",
)
def _year(m: re.Match[str], c: Ctx) -> Found:
    year = full_year(m["year"], c.dct)
    text = m.group()
    if ("start" in text or "beginning" in text) and c.before.endswith(("since ", "from ")):
        return found(Period("day", dt.date(year, 1, 1)))
    return found(Period("year", dt.date(year, 1, 1)))


@RULES.add(r"(?:fiscal|fy|financial year) ?(?:year )?(?P<fy>[12]\d{3}|'?\d{2})")
def _fiscal_year(m: re.Match[str], c: Ctx) -> Found:
    return found(Period("fy", dt.date(full_year(m["fy"], c.dct), 1, 1)))


@RULES.add(
    r"(?:the )?(?:very )?(?:(?:start|beginning|end|middle) of )?(?:the )?"
    r"(?:(?P<rel>this|last|next|current|previous|coming|past) )?(?:financial|fiscal) year"
)
def _fiscal_rel(m: re.Match[str], c: Ctx) -> Found:
    """Fiscal years differ by organisation; TIMEX3 only labels them: FY + the publication year."""
    shift = {
        None: 0,
        "this": 0,
        "current": 0,
        "last": -1,
        "previous": -1,
        "past": -1,
        "next": 1,
        "coming": 1,
    }[m["rel"]]
    return found(Period("fy", dt.date(c.ref().year + shift, 1, 1)))


@RULES.add(
    r"(?:the )?(?:(?:early|mid|late)[ -]?)?(?P<dec>1\d{2}|20\d)0'?s",
    r"(?:the )?(?:(?:early|mid|late)[ -]?)?'?(?P<d>\d)0'?s",
    r"(?:the )?(?:(?:early|mid|late)[ -]?)?(?:nineteen )?(?P<w>twenties|thirties|forties"
    r"|fifties|sixties|seventies|eighties|nineties)",
)
def _decade(m: re.Match[str], c: Ctx) -> Found:
    """ "the 1990s" -> 199; "the '70s" -> the latest such decade begun by publication
    (the 1900s without a date)."""
    if m.groupdict().get("dec"):
        return found(Period("decade", dt.date(int(m["dec"]) * 10, 1, 1)))
    tens = int(m["d"]) if m.groupdict().get("d") else DECADE_WORDS[m["w"]]
    base = (c.dct.year // 100) * 100 if c.dct else 1900
    year = base + tens * 10
    if c.dct and year > c.dct.year:
        year -= 100
    return found(Period("decade", dt.date(year, 1, 1)))


@RULES.add(r"(?:the )?(?:(?:early|mid|late)[ -]?)?" + ORD + r" century")
def _century(m: re.Match[str], c: Ctx) -> Found:
    return found(Period("century", dt.date((ordinal(m["ord"]) - 1) * 100 or 1, 1, 1)))


@RULES.add(
    r"(?:the )?(?:(?:start|beginning|end|middle) of the )?"
    + _QN
    + r"[- ](?:fiscal |financial |calendar )?quarter(?: (?:of|in))?(?: "
    + _YR_WORDS
    + ")?",
    r"q(?P<qd>[1-4])(?: (?P<yr>[12]\d{3}))?",
    r"(?P<yr>[12]\d{3})[ -]q(?P<qd>[1-4])",
)
def _quarter(m: re.Match[str], c: Ctx) -> Found:
    g = m.groupdict()
    q = int(g["qd"]) if g.get("qd") else _QUARTER[g["q"]]
    year = _rel_year(g.get("yr"), c)
    if g.get("q") == "last" and year is None:  # "the last quarter": the one before this one
        return found(Period.of("quarter", c.ref()).shift(-1))
    return _in_year("quarter", 3 * q - 2, year, c)


@RULES.add(
    r"(?:the )?(?P<h>first|second|1st|2nd|latter) half(?: of)?(?: " + _YR_WORDS + ")?",
    r"h(?P<hd>[12])(?: (?P<yr>[12]\d{3}))?",
    r"(?P<yr>[12]\d{3})[ -]h(?P<hd>[12])",
)
def _half(m: re.Match[str], c: Ctx) -> Found:
    g = m.groupdict()
    first = g.get("hd") == "1" or g.get("h") in ("first", "1st")
    return _in_year("half", 1 if first else 7, _rel_year(g.get("yr"), c), c)


_SEASON: Final = r"(?P<s>spring|summer|autumn|fall|winter)"


@RULES.add(
    r"(?:(?:early|mid|late)[ -]?)?(?:the )?"
    + _SEASON
    + r"(?: of)?,? "
    + YEAR
    + r"(?:[-/](?:\d{2}|\d{4}))?",
    r"(?P<yr>[12]\d{3}) " + _SEASON,
)
def _season_year(m: re.Match[str], c: Ctx) -> Found:
    year = full_year(m.groupdict().get("year") or m["yr"], c.dct)
    return found(Period("season", dt.date(year, SEASON_START[_SEASONS[m["s"]]], 1)))


@RULES.add(
    r"(?:(?:early|mid|late)[ -]?)?(?:(?P<rel>this|last|next|this past|this coming|coming"
    r"|past|previous|current|the|the coming|the past|the previous|the current) )?" + _SEASON
)
def _season(m: re.Match[str], c: Ctx) -> Found:
    """Seasons are meteorological (spring = Mar-May); winter takes the year of its December."""
    month = SEASON_START[_SEASONS[m["s"]]]
    dct = c.ref()
    # a winter starts in December: "last winter" in February is the one before the current
    cands = [Period("season", dt.date(y, month, 1)) for y in range(dct.year - 2, dct.year + 2)]
    rel = (m["rel"] or "").removeprefix("the ").strip()
    current = Period.of("season", dct)
    if rel in ("this", "current") and current.start.month == month:
        return found(current)
    if rel == "this":
        return found(next(p for p in cands if p.start.year == dct.year))
    if rel in ("last", "past", "this past", "previous"):
        return found([p for p in cands if p.end < dct][-1])
    if rel in ("next", "coming", "this coming"):
        return found(next(p for p in cands if p.start > dct))
    return found(choose(cands, dct, c.tense))


_TIME: Final = (
    r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))? ?(?P<ap>[ap]\.?m\.?)"
    r"|(?P<h2>\d{1,2})[:.](?P<mi2>\d{2})"
    r"|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)(?= ?\(?(?:utc|gmt|z)\b)"
    r"|(?P<noon>noon|midday|midnight))"
    r"(?: ?\(? ?(?P<z>utc|gmt|z|[ecmp][sd]t|bst|cet|cest|jst)"
    r"(?: ?(?P<off>[+-] ?\d{1,2}(?::?\d{2})?))? ?\)?)?"
)


@RULES.add(_TIME + r"(?:,? (?:on )?(?P<rest>.+))?", r"(?P<rest>.+?),? (?:at )?" + _TIME)
def _clock(m: re.Match[str], c: Ctx) -> Found | None:
    """A clock time on the day named with it, else the nearest day of the sentence, else
    the publication date. UTC/GMT become "Z"; a few common zones an offset."""
    g = m.groupdict()
    if g["noon"]:
        hour, minute = (0 if g["noon"] == "midnight" else 12), 0
    else:
        hour = int(g["h"] or g["h2"] or g["h3"])
        minute = int(g["mi"] or g["mi2"] or g["mi3"] or 0)
        ap = (g["ap"] or "").replace(".", "")
        if ap and not 1 <= hour <= 12:
            return None
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
    if hour > 23 or minute > 59:
        return None
    day: Period | None = None
    if g["rest"]:
        inner = c.resolve_inner(g["rest"])
        if inner is None or inner.period is None or inner.period.unit != "day":
            return None if inner is None or inner.reason != "no_publication_date" else inner
        day = inner.period
    day = day or c.anchor("day")
    if day is None:
        day = Period("day", c.ref())
    zone = ""
    if g["z"]:
        zone = _ZONES[g["z"]]
        if g["off"]:
            sign, rest = g["off"][0], g["off"][1:].strip().replace(":", "")
            hh, mm = (rest[:-2], rest[-2:]) if len(rest) > 2 else (rest, "00")
            zone = f"{sign}{int(hh):02d}:{mm}"
    value = f"{day.start.isoformat()}T{hour:02d}:{minute:02d}{zone}"
    return fixed(value, "time", Period("day", day.start))


__all__ = ["RULES", "full_year"]
