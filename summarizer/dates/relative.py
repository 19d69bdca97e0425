"""Rules for expressions relative to the publication date or to another date of the
sentence: today, weekdays, "last week", "the previous year", "two days ago",
durations ("three years"), streaks ("a second straight day") and the vague
PAST_REF / PRESENT_REF / FUTURE_REF of TimeML.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from summarizer.dates.calendar import Period, Tense, Unit, add_months, choose
from summarizer.dates.core import Ctx, Found, Rules, fail, fixed, found
from summarizer.dates.text import NUM, ORD, PARTS_OF_DAY, POD, UNIT, WD, number, weekday_no

RULES: Final = Rules()

_REFS: Final[dict[str, tuple[str, ...]]] = {
    "PRESENT_REF": (
        "now",
        "right now",
        "currently",
        "current",
        "presently",
        "present",
        "nowadays",
        "ongoing",
        "at present",
        "the present",
        "at the moment",
        "the moment",
        "these days",
        "the time being",
        "to date",
        "so far",
        "at this time",
        "this time",
        "at this point",
        "this point",
        "the present day",
        "present-day",
        "present day",
    ),
    "PAST_REF": (
        "recently",
        "recent",
        "lately",
        "past",
        "formerly",
        "previously",
        "earlier",
        "history",
        "historically",
        "more recently",
        "most recently",
        "until recently",
        "only recently",
        "the past",
        "the old days",
        "long ago",
        "the recent past",
        "years past",
        "once upon a time",
    ),
    "FUTURE_REF": (
        "future",
        "soon",
        "sooner",
        "shortly",
        "later",
        "eventually",
        "someday",
        "upcoming",
        "forthcoming",
        "the future",
        "very soon",
        "later on",
        "in due course",
        "some day",
        "the near future",
        "the immediate future",
        "the foreseeable future",
        "the distant future",
        "the near term",
        "near term",
        "near-term",
        "the short term",
        "short term",
        "short-term",
        "the long term",
        "long term",
        "long-term",
        "the longer term",
        "the medium term",
        "medium term",
        "medium-term",
        "the long run",
        "the short run",
        "the longer run",
    ),
}
_REF_OF: Final = {phrase: ref for ref, phrases in _REFS.items() for phrase in phrases}
_DU: Final = {
    "day": "D",
    "wee": "W",
    "for": "W",
    "mon": "M",
    "qua": "M",
    "yea": "Y",
    "dec": "Y",
    "cen": "Y",
    "hou": "H",
    "min": "M",
}
_DN: Final = {"for": 2, "qua": 3, "dec": 10, "cen": 100}
_VAGUE_UNIT: Final = {"dec": "DE", "cen": "CE"}


@RULES.add(r"(?P<w>[a-z' .-]+)")
def _ref_table(m: re.Match[str], c: Ctx) -> Found | None:
    ref = _REF_OF.get(m["w"])
    return fixed(ref, "ref") if ref else None


@RULES.add(
    r"(?:(?:our|its|their|the|his|her|this) )?(?:(?:more|most|very) )?(?:recent|modern) "
    r"(?:[a-z.'-]+ ){0,3}?(?:days|weeks|months|years|times|history|memory|decades|past"
    r"|period)"
)
def _recent(m: re.Match[str], c: Ctx) -> Found:
    return fixed("PAST_REF", "ref")


@RULES.add(
    r"(?:the )?(?:coming|next few|following few|upcoming|next several) (?:days|weeks"
    r"|months|years|decades)|(?:the )?(?:days|weeks|months|years|decades) ahead"
    r"|(?:the )?(?:days|weeks|months|years|decades) to come"
)
def _ahead(m: re.Match[str], c: Ctx) -> Found:
    return fixed("FUTURE_REF", "ref")


@RULES.add(r"(?:at )?(?:one|some) (?:point|stage)(?: in time)?|one day")
def _some_point(m: re.Match[str], c: Ctx) -> Found:
    """ "at one point" in a past sentence is PAST_REF, otherwise FUTURE_REF."""
    return fixed("PAST_REF" if c.tense == "past" else "FUTURE_REF", "ref")


@RULES.add(r"(?:(?:the|an?|this|that|our|its) )?(?P<e>(?:[a-z0-9'.-]+ ){0,3})era")
def _era(m: re.Match[str], c: Ctx) -> Found:
    """A named era ("the Douglas era") is past; "a new era" future; "the current era" now."""
    words = set(m["e"].split())
    if words & {"new", "coming", "next"}:
        return fixed("FUTURE_REF", "ref")
    if words & {"current", "present", "modern", "this"} or m.group().startswith("this "):
        return fixed("PRESENT_REF", "ref")
    return fixed("PAST_REF", "ref")


@RULES.add(
    r"(?:(?P<mod>earlier|later|early|late) )?(?P<w>today|yesterday|tomorrow)(?:'s)?"
    r"(?: " + POD + ")?",
    r"(?:(?P<mod2>early|late) )?(?P<p>tonight|this morning|this afternoon|this evening"
    r"|last night|last evening|overnight|the day before yesterday|the day after tomorrow)",
)
def _day_word(m: re.Match[str], c: Ctx) -> Found:
    g = m.groupdict()
    phrases = {
        "tonight": (0, "NI"),
        "this morning": (0, "MO"),
        "this afternoon": (0, "AF"),
        "this evening": (0, "EV"),
        "last night": (-1, "NI"),
        "last evening": (-1, "EV"),
        "overnight": (-1, "NI"),
        "the day before yesterday": (-2, None),
        "the day after tomorrow": (2, None),
    }
    if g.get("p"):
        shift, pod = phrases[g["p"]]
    else:
        shift, pod = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["w"]], None
        pod = PARTS_OF_DAY[g["pod"]] if g.get("pod") else None
    return found(Period("day", c.ref() + dt.timedelta(days=shift), pod))


@RULES.add(
    r"(?:(?:early|late) )?(?:(?P<rel>last|next|this|this past|this coming|coming|past"
    r"|previous|following) )?" + WD + r"(?:'s)?(?:,? " + POD + ")?"
)
def _weekday(m: re.Match[str], c: Ctx) -> Found:
    """Bare weekdays follow the tense (past: the latest one up to publication; future: the
    next one from it; neutral: the nearest). "last"/"next" exclude the publication day;
    "this Friday" is the one of the publication's ISO week."""
    wd, dct = weekday_no(m["wd"]), c.ref()
    pod = PARTS_OF_DAY[m["pod"]] if m["pod"] else None
    back = (dct.weekday() - wd) % 7
    rel = m["rel"]
    if rel in ("last", "past", "this past", "previous"):
        day = dct - dt.timedelta(days=back or 7)
    elif rel in ("next", "coming", "this coming", "following"):
        day = dct + dt.timedelta(days=(-back) % 7 or 7)
    else:
        cands = [Period("day", dct - dt.timedelta(days=back + k)) for k in (7, 0, -7)]
        tense: Tense = "future" if rel == "this" and c.tense == "neutral" else c.tense
        day = choose(cands, dct, tense).start
    return found(Period("day", day, pod))


@RULES.add(
    r"(?:(?:early|late|earlier|later) (?:in |on )?|(?:the )?(?:start|beginning|end|middle"
    r"|rest|remainder|course) of )?(?:(?P<det>the|that) )?(?:(?P<adj>same|following|next"
    r"|previous|preceding|prior) )?(?P<w>day|morning|afternoon|evening|night)"
    r"(?: (?P<post>before|after|earlier|later))?"
)
def _anaphoric_day(m: re.Match[str], c: Ctx) -> Found:
    """ "the day", "the next day", "that morning": relative to the nearest day named in the
    sentence; without one, the publication date ("that day", "the same day" stay open)."""
    shift = 0
    if m["adj"] in ("following", "next") or m["post"] in ("after", "later"):
        shift = 1
    elif m["adj"] in ("previous", "preceding", "prior") or m["post"] in ("before", "earlier"):
        shift = -1
    base = c.anchor("day")
    if base is None:
        if m["det"] == "that" or m["adj"] == "same":
            return fail("anaphoric")
        base = Period("day", c.ref())
    pod = None if m["w"] == "day" else PARTS_OF_DAY[m["w"]]
    return found(Period("day", base.start + dt.timedelta(days=shift), pod))


@RULES.add(
    r"(?:the )?(?:(?P<rel>this|last|next|this past|this coming|coming|past|previous"
    r"|following|same|upcoming|that) )?(?:long )?week-?end"
)
def _weekend(m: re.Match[str], c: Ctx) -> Found:
    """A weekend is Saturday-Sunday of its ISO week (2025-W11-WE). "the weekend" and
    "this weekend" follow the tense: on a Monday a past sentence means the one just gone."""
    dct, rel = c.ref(), m["rel"]
    cur = Period.of("weekend", dct)
    cands = [cur.shift(-1), cur, cur.shift(1)]
    if rel in ("last", "past", "this past"):
        return found([p for p in cands if p.end < dct][-1])
    if rel in ("next", "coming", "this coming", "upcoming"):
        return found(next(p for p in cands if p.start > dct))
    if rel in ("previous", "following", "same", "that"):
        base = c.anchor("weekend")
        if base is None and rel == "that":
            return fail("anaphoric")
        base = base or choose(cands, dct, c.tense)
        return found(base.shift({"previous": -1, "following": 1}.get(rel, 0)))
    return found(choose(cands, dct, c.tense))


@RULES.add(
    r"(?:the )?same (?P<u>period|time|month|quarter|week|weekend|day|year|season|half)"
    r"(?: (?:of |in )?(?:the )?(?P<shift>last year|a year ago|a year earlier|a year before"
    r"|the previous year|the year before|the prior year|last year's|previous year"
    r"|a year previously))?"
)
def _same_period(m: re.Match[str], c: Ctx) -> Found:
    """ "the same month a year ago": the nearest period of the sentence, one year back."""
    unit: Unit | None = None if m["u"] in ("period", "time") else m["u"]  # type: ignore[assignment]
    base = c.anchor(unit)
    years = -1 if m["shift"] else 0
    if base is None:
        if not m["shift"]:
            return fail("anaphoric")
        base = Period.of(unit or "year", c.ref())
    return found(base.shift_years(years))


_UNIT_ADJ: Final = (
    r"entire|whole|full|same|current|coming|upcoming|past|last|next|previous"
    r"|preceding|prior|following|this past|this coming|this|that"
)


@RULES.add(
    r"(?:(?P<mod>earlier|later|early|late|mid|(?:at |by |from |since |until )?the (?:start"
    r"|beginning|end|middle|rest|remainder|course|turn) of)[ -])?(?P<the>the )?"
    r"(?:(?P<adj>" + _UNIT_ADJ + r") )?(?P<u>week|month|quarter|year|decade|century)"
    r"(?: (?P<post>before last|after next|before|after|previous|prior|earlier|later"
    r"|to date))?"
)
def _unit_rel(m: re.Match[str], c: Ctx) -> Found:
    """this/last/next/previous week, month, quarter, year, decade, century.

    "last", "past", "next", "coming" count from the publication date; "previous",
    "following", "the year before", "the entire year" count from the nearest period of
    the sentence ("the year previous" after "last year"), else from the publication
    date; "that year" and "the same year" need such a period. "later this year"
    narrows to the quarter or half left.
    """
    unit: Unit = m["u"]  # type: ignore[assignment]
    adj, post, mod = m["adj"], m["post"], m["mod"] or ""
    shift, anaphoric, open_ = 0, False, False
    if adj in ("last", "past", "this past"):
        shift = -1
    elif adj in ("next", "coming", "upcoming", "this coming"):
        shift = 1
    elif adj in ("previous", "preceding", "prior", "following"):
        shift, anaphoric = (1 if adj == "following" else -1), True
    elif adj in ("entire", "whole", "full") or (adj is None and m["the"]):
        anaphoric = True
    elif adj in ("that", "same"):
        anaphoric = open_ = True
    if post in ("before", "previous", "prior", "earlier"):
        shift, anaphoric = shift - 1, True
    elif post in ("after", "later"):
        shift, anaphoric = shift + 1, True
    elif post in ("before last", "after next"):
        shift = -2 if post == "before last" else 2
    raw = c.anchor_raw(unit) if anaphoric else None
    base = raw.convert(unit) if raw else None
    if raw is not None and raw.unit == "weekend" and unit == "week" and shift < 0:
        shift += 1  # "the week before" a weekend: the working days of its own ISO week
    if base is None and open_:
        return fail("anaphoric")
    dct = c.ref()
    p = (base or Period.of(unit, dct)).shift(shift)
    before = c.before + (mod.split(" the ")[0] + " " if " the " in mod else "")
    if ("start" in mod or "beginning" in mod) and before.endswith(("since ", "from ")):
        return found(Period("day", p.start))
    if "end" in mod and before.endswith(("since ", "until ", "till ")):
        return found(Period("day", p.end))
    if unit == "year" and adj == "this" and mod in ("earlier", "later"):
        quarter, half = Period.of("quarter", dct), Period.of("half", dct)
        if mod == "later":
            return found(
                quarter if quarter.start.month == 10 else half if half.start.month == 7 else p
            )
        return found(quarter if quarter.start.month == 1 else half if half.start.month == 1 else p)
    return found(p)


@RULES.add(
    NUM + " " + UNIT + r" (?:later|earlier|sooner|ahead of|behind) (?:than )?(?:[a-z]+ )?"
    r"(?:planned|scheduled|expected|anticipated|forecast|predicted|intended|promised"
    r"|schedule|plan)"
)
def _versus_plan(m: re.Match[str], c: Ctx) -> Found:
    """ "(on November 11,) three days later than planned": the planned date is unknown, so
    the phrase can only stand for the date the sentence gives."""
    base = c.anchor(None)
    return found(base) if base else fail("anaphoric")


def _offset(base: dt.date, n: int, unit: str) -> Period:
    """The date ``n`` units from ``base``: days and weeks give a day, months a month,
    quarters a quarter, years and longer a year (TimeML practice for "a week ago")."""
    key = unit[:3]
    if key in ("day", "hou", "min"):
        return Period("day", base + dt.timedelta(days=n if key == "day" else 0))
    if key in ("wee", "for"):
        return Period("day", base + dt.timedelta(weeks=n * (2 if key == "for" else 1)))
    if key == "mon":
        return Period.of("month", add_months(base, n))
    if key == "qua":
        return Period.of("quarter", add_months(base, 3 * n))
    return Period.of("year", add_months(base, 12 * n * _DN.get(key, 1)))


@RULES.add(
    NUM + " " + UNIT + r" (?P<dir>ago|earlier|later|before|after|from now|hence"
    r"|previously|back|on|prior|since)",
    r"(?:many |some )?(?P<unit>days|weeks|months|years|decades) (?P<dir>ago)",
)
def _relative_offset(m: re.Match[str], c: Ctx) -> Found:
    """ "two days ago" counts from publication; "a year earlier" from the nearest period of
    the sentence, else from publication. Vague counts give PAST_REF / FUTURE_REF."""
    d = m["dir"]
    sign = -1 if d in ("ago", "earlier", "before", "previously", "back", "prior", "since") else 1
    n = number(m.groupdict().get("num") or "several")
    if n is None:
        return fixed("PAST_REF" if sign < 0 else "FUTURE_REF", "ref")
    unit = m["unit"]
    key = unit[:3]
    if d in ("ago", "from now", "hence", "back"):
        base = c.ref()
    else:
        target: Unit = (
            "day"
            if key in ("day", "wee", "for", "hou", "min")
            else "month"
            if key == "mon"
            else "quarter"
            if key == "qua"
            else "year"
        )
        anchor = c.anchor(target)
        base = anchor.start if anchor else c.ref()
    return found(_offset(base, sign * n, unit))


@RULES.add(
    r"(?:(?:a|the|for a|for the) )?" + ORD + r" (?:(?:straight|consecutive|successive"
    r"|running) )?(?P<u>day|week|month|year|quarter|session|trading day|trading session)"
    r"(?: (?:in a row|running))?"
)
def _streak(m: re.Match[str], c: Ctx) -> Found:
    """ "a second consecutive day", "fourth week in a row": the current one."""
    unit = m["u"].split()[-1]
    return found(Period.of("day" if unit == "session" else unit, c.ref()))  # type: ignore[arg-type]


def _duration(n: int | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, P2W, P10D, PT5H; decades as years (P10Y); vague ones PXY."""
    key = unit[:3]
    time = "T" if key in ("hou", "min") else ""
    if n is None:
        return f"P{time}X{_VAGUE_UNIT.get(key, _DU[key])}"
    return f"P{time}{n * _DN.get(key, 1)}{_DU[key]}"


_SINCE_LAST: Final = re.compile(
    r"\b(?:\w+est|first|last|most|least|best|worst|only|no|never|not)\b(?:\W+\w+){0,5}\W*$"
)


@RULES.add(
    r"(?:(?:the|a|an) )?(?:(?P<rel>past|last|next|coming|previous|following|first"
    r"|final|recent|prior|initial|remaining|further|additional|another) )?(?:(?:more than"
    r"|less than|nearly|almost|about|around|over|under|at least|some|roughly"
    r"|approximately|up to|just over|just under|well over) )?"
    + NUM
    + " "
    + UNIT
    + r"(?: (?:long|old))?"
)
def _count(m: re.Match[str], c: Ctx) -> Found:
    """A counted span is a duration ("three years" -> P3Y), except "in three weeks" in a
    sentence that is not in the past, which is the date three weeks after publication."""
    n = number(m["num"])
    span = _SINCE_LAST.search(c.before) is not None  # "the lowest level in six years"
    if c.prep == "in" and m["rel"] is None and n is not None and c.tense != "past" and not span:
        return found(_offset(c.ref(), n, m["unit"]))
    return fixed(_duration(n, m["unit"]), "duration")


@RULES.add(
    r"(?:(?:the|a|an) )?(?P<num>\d+|[a-z]+(?:-[a-z]+)?)-(?P<unit>day|week|month|year"
    r"|decade|century|hour|minute)(?:-(?:long|old))?(?: [a-z-]+){0,3}",
    r"(?:(?:many|several|a few|few) )?(?P<unit>days|weeks|months|years|decades|centuries"
    r"|hours|minutes)",
    r"(?:an? )?(?P<unit>intraday)",
)
def _duration_words(m: re.Match[str], c: Ctx) -> Found | None:
    """ "the three-year conflict" -> P3Y; "years" -> PXY; "intraday" -> P1D."""
    unit = m["unit"]
    if unit == "intraday":
        return fixed("P1D", "duration")
    num = m.groupdict().get("num")
    n = number(num) if num else None
    if num and n is None and num not in ("multi", "many", "several"):
        return None
    return fixed(_duration(n, unit), "duration")


@RULES.add(
    r"(?:an? )?(?:undetermined|indefinite|unspecified|unknown|extended|unlimited)"
    r" (?:period|length|amount)(?: of time)?"
)
def _vague_period(m: re.Match[str], c: Ctx) -> Found:
    return fixed("PXD", "duration")


@RULES.add(r"(?:(?P<det>a|an|the|this|that|some|any|one|another) )?(?:[a-z-]+ ){0,2}times?")
def _time_noun(m: re.Match[str], c: Ctx) -> Found:
    """ "that time" points back at a date of the sentence; "an exciting time" is no date."""
    if m.group() in ("that time", "the time"):
        base = c.anchor(None)
        return found(base) if base else fail("anaphoric")
    return fail("not_a_date")


__all__ = ["RULES"]
