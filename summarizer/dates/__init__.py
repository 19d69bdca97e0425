"""Deterministic resolution of news date expressions to TimeML TIMEX3 values.

A model copies "on Tuesday" or "the previous week" as written; this module turns it
into a value against the article's publication date (the DCT): ``2025-03-18``,
``2025-W10``. It is pure (no I/O, clock, environment or module state beyond compiled
patterns) and fast (regular expressions; ``dateparser`` only as a last resort for
absolute forms the rules do not know).

Values (TIMEX3): ``2025-03-18`` day, ``2025-03`` month, ``2025`` year, ``2025-W11`` ISO
week, ``2025-W11-WE`` weekend, ``2025-Q1`` quarter, ``2025-H1`` half, ``2025-SP/SU/FA/WI``
season, ``201`` decade (2010s), ``20`` century (2000s), ``2025-03-18TMO/TAF/TEV/TNI`` part
of day, ``2009-06-01T16:00Z`` clock time, ``FY2007`` fiscal year, ``P3Y``/``P2W``/``P10D``/
``PXY`` durations, ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF``.

Conventions:

* Numeric dates: ``3/4/2022`` and ``3-4-22`` are US month/day unless the first number
  exceeds 12 (then day/month); dotted ``3.4.2022`` is day.month. Two-digit years take
  the latest century that puts them at most ten years after the DCT (POSIX 00-68 =
  20xx without a DCT).
* Weeks are ISO weeks (Monday first; 1 January may belong to the previous ISO year).
  A weekend is Saturday-Sunday of its ISO week. Seasons are meteorological
  (spring = March-May); a winter takes the year of its December.
* Tense: the expression's sentence (``context``) is scanned for cues, each weighted by
  its distance in tokens: future ("will", "'ll", "is to", "scheduled", "plans",
  "expected", "next", "until", "tomorrow") against past ("said", "was", "had", "ago",
  "last", "since", irregular past verbs, "-ed" verbs not in a passive). Bare weekdays,
  months, dates without a year, quarters, seasons and "the weekend" then take the
  latest occurrence begun by the DCT (past), the earliest not yet over (future) or
  the nearest (neutral, ties to the past). "on Tuesday" next to "tomorrow" is DCT + 1.
* A day written without its year ("March 3", "the 3rd") stays within 200 days of the
  DCT whatever the tense says; months, quarters and seasons follow the tense fully
  ("in March" in a past sentence published in February is last year's March).
* "last/next Friday" exclude the DCT's own day; "this Friday" follows the tense and
  leans to the coming one. "next weekend" is the first one starting after the DCT.
  "last week/month/year" count from the DCT. "the previous week", "the year before",
  "the same month a year ago", "the day" are anaphoric: they count from the nearest
  date of the same sentence ("...agreed to the previous week, ... throughout the
  weekend" -> the week before that weekend), else from the DCT ("that day" and
  "the same day" have no such fallback: reason ``anaphoric``).
* TimeML choices: "earlier this month" -> the month; "later this year" -> the quarter
  or half that remains when that is tighter than the year; "mid-2011", "early 2009"
  -> the year; "since the start of this year" -> 1 January (a point); "two days ago",
  "a week ago" -> the day, "three months ago" -> the month, "three years ago" -> the
  year; "recently", "the past" -> PAST_REF; "now", "currently" -> PRESENT_REF;
  "the future", "soon", "later" -> FUTURE_REF; "the 1990s" -> 199; "the past decade"
  -> the previous decade; durations ("three years", "the three-year conflict",
  "the past nine days") -> P3Y/P9D with granularity "duration"; "in three weeks" in a
  non-past sentence -> the date three weeks after the DCT.
* No DCT: absolute expressions still resolve; relative ones return no value with
  reason ``no_publication_date`` rather than a guess. Other reasons: ``not_a_date`` (no
  temporal vocabulary), ``unrecognised``, ``anaphoric`` ("that day" with nothing to
  point at), ``invalid_date`` ("February 30, 2023").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from summarizer import jsonl
from summarizer.dates.absolute import RULES as ABSOLUTE
from summarizer.dates.calendar import Granularity, Period, UnresolvedReason
from summarizer.dates.core import Ctx, Found, NeedDct, fail, found
from summarizer.dates.relative import RULES as RELATIVE
from summarizer.dates.spoken import RULES as SPOKEN
from summarizer.dates.text import normalize

__all__ = [
    "Granularity",
    "Period",
    "Resolution",
    "UnresolvedReason",
    "resolve",
    "resolve_records",
]

_RULES: Final = (*ABSOLUTE.items, *RELATIVE.items, *SPOKEN.items)
_PREP: Final = re.compile(
    r"^(?:on|in|at|during|over|throughout|through|since|by|until|till|from|for|of|around"
    r"|about|before|after|within|as of|as early as|as late as|no later than|starting|circa"
    r"|between|into|across|toward|towards|beginning|ending)\s+(?=\S)"
)
_EDGE: Final = re.compile(r"""^[\s"(\[,;:]+|[\s")\],;:.!?]+$""")
_POSSESSIVE: Final = re.compile(r"'s$")
_TEMPORAL: Final = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
    r"|day|week|month|year|decade|centur|quarter|season|spring|summer|autumn|fall|winter"
    r"|now|time|ago|morning|afternoon|evening|night|hour|minute|era|period|recent|future"
    r"|past|present|term|soon|later|earlier|date|christmas|history"
)
_AMBIGUOUS_PREFIX: Final = frozenset(
    ["may", "march", "fall", "spring", "sun", "sat", "wed", "mon", "second"]
)
_MODIFIES_DATE: Final = frozenset(
    [
        "of",
        "to",
        "and",
        "or",
        "through",
        "until",
        "till",
        "than",
        "before",
        "after",
        "when",
        "the",
        "a",
        "an",
    ]
)
_FALLBACK_HINT: Final = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,4}[/.-]\d{1,2}"
)


@dataclass(frozen=True)
class Resolution:
    """A date expression as written and its TIMEX3 value, or why there is none.

    ``relative`` says the value was counted from the publication date; ``story_anchor`` is
    the index of the ``story`` date it was counted from, when one was used; ``period`` is
    the calendar period behind a calendar value (an anchor for later expressions).
    """

    text: str
    value: str | None
    granularity: Granularity | None
    reason: UnresolvedReason | None  # set iff value is None
    relative: bool = False
    story_anchor: int | None = None
    period: Period | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, str | None]:
        """The four fields as a JSON-ready dict."""
        return {
            "text": self.text,
            "value": self.value,
            "granularity": self.granularity,
            "reason": self.reason,
        }


def _clean(text: str) -> tuple[str, str | None]:
    """Lower-case, strip quotes, a possessive and leading prepositions (kept apart:
    "in three weeks" differs from "three weeks")."""
    t = _EDGE.sub("", text.lower())
    t = _POSSESSIVE.sub("", t)
    prep = None
    for _ in range(2):
        m = _PREP.match(t)
        if not m:
            break
        prep = m.group().strip()
        t = t[m.end() :]
    return t.strip(), prep


def _match(t: str, c: Ctx) -> Found | None:
    """The first rule whose pattern matches the whole expression and accepts it."""
    for pattern, handler in _RULES:
        m = pattern.fullmatch(t)
        if m is None:
            continue
        try:
            res = handler(m, c)
        except NeedDct:
            return fail("no_publication_date")
        except (ValueError, OverflowError):  # arithmetic beyond year 1..9999
            return fail("invalid_date")
        if res is not None:
            return res
    return None


def _prefix(t: str, c: Ctx) -> Found | None:
    """ "Monday's email announcement", "the fourth quarter results": a calendar
    expression followed by a noun. "Black Monday" (a prefix word) is not accepted."""
    words = t.split()
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k]).removesuffix("'s")
        rest = words[k:]
        if (
            head in _AMBIGUOUS_PREFIX
            or rest[0] in _MODIFIES_DATE
            or not all(w.isalpha() and not _TEMPORAL.search(w) for w in rest)
        ):
            continue  # "the winter of 2022-23", "July the 4th": the rest changes the date
        res = _match(head, c)
        if res is not None and (res.period is not None or res.reason == "no_publication_date"):
            return res
    return None


_LAST_PREP: Final = re.compile(
    r".*\b(on|in|at|during|over|throughout|since|by|until|from|for)"
    r" (?=\S)"
)


def _suffix(t: str, c: Ctx) -> Found | None:
    """ "stated on Friday": the part after the last preposition, when the model copied a
    verb along with the expression."""
    m = _LAST_PREP.match(t)
    if m is None:
        return None
    inner = Ctx(c.dct, c.sentence, c.span, m[1], _match, c.story, c.trace)
    return _match(t[m.end() :], inner)


def _dateparser(text: str, dct: dt.date | None) -> Found | None:
    """Last resort for absolute forms the rules miss ("Tues., Mar. 3rd '22"). Without a
    DCT the relative base is a fixed sentinel so the result never depends on the clock,
    and only results that name a year are kept."""
    if not _FALLBACK_HINT.search(text):
        return None
    from dateparser.date import DateDataParser  # slow import, rarely needed

    base = dt.datetime(dct.year, dct.month, dct.day) if dct else dt.datetime(1900, 1, 1)
    parser = DateDataParser(
        languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    )
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    written = str(d.year) in text or f"'{d.year % 100:02d}" in text
    if not written and (dct is None or abs(d.year - dct.year) > 1):
        return None  # "March 16-17" read as 2017: a year nobody wrote
    unit = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}
    return found(Period.of(unit.get(data.period or "day", "day"), d))  # type: ignore[arg-type]


def _locate(expr: str, sentence: str) -> tuple[int, int] | None:
    i = sentence.lower().find(expr.lower())
    return (i, i + len(expr)) if i >= 0 and expr else None


def resolve(
    text: str,
    published: dt.date | None,
    context: str = "",
    *,
    story: Sequence[Period] | None = None,
) -> Resolution:
    """Resolve one expression as written (``text``) in its sentence (``context``)
    against the publication date; see the module docstring for the conventions.

    ``story``: the calendar periods the article mentions before the expression, in reading
    order (from the article index). Anaphora then count from the last suitable one
    ("the following week" after "on March 3, 2019") instead of from the sentence's dates.
    """
    return resolve_normalized(text, published, normalize(context), story=story)


def resolve_normalized(
    text: str,
    published: dt.date | None,
    sentence: str,
    *,
    story: Sequence[Period] | None = None,
) -> Resolution:
    """``resolve`` with the sentence already passed through ``normalize``: the article
    index resolves several expressions of one sentence and normalises it once."""
    expr = normalize(text)
    t, prep = _clean(expr)
    span = _locate(expr, sentence)
    if span is not None and prep is not None:
        # "until Friday": the preposition is context (a tense cue, "since" a start point),
        # so the expression's own span starts after it.
        core = sentence.lower().find(t, span[0], span[1])
        span = (core, core + len(t)) if core >= 0 else span
    c = Ctx(published, sentence, span, prep, _match, story)
    res = _match(t, c) if t else None
    if res is None and t:
        res = _prefix(t, c) or _suffix(t, c) or _dateparser(t, published)
    if res is None:
        res = fail("unrecognised" if _TEMPORAL.search(t) else "not_a_date")
    used = c.trace
    return Resolution(
        text,
        res.value,
        res.granularity,
        res.reason,
        relative=res.value is not None and used.used_dct and used.story_anchor is None,
        story_anchor=used.story_anchor if res.value is not None else None,
        period=res.period,
    )


def _record(line: str, n: int) -> dict[str, Any]:
    try:
        obj = jsonl.loads(line)
    except json.JSONDecodeError as exc:
        return {"line": n, "error": f"invalid JSON: {jsonl.describe(exc)}"}
    if not isinstance(obj, dict):
        return {"line": n, "error": "expected a JSON object"}
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"line": n, "error": 'missing or empty "text"'}
    raw = obj.get("dct", obj.get("published"))
    published: dt.date | None = None
    if raw is not None:
        try:
            published = dt.date.fromisoformat(str(raw)[:10]) if isinstance(raw, str) else None
        except ValueError:
            published = None
        if published is None:
            return {"line": n, "error": f"bad publication date {raw!r}: expected YYYY-MM-DD"}
    context = obj.get("context") or ""
    if not isinstance(context, str):
        return {"line": n, "error": '"context" must be a string'}
    res = resolve(text, published, context)
    return {**obj, "value": res.value, "granularity": res.granularity, "reason": res.reason}


def resolve_records(lines: Iterable[str | jsonl.Line]) -> Iterator[dict[str, Any]]:
    """Bulk mode: one JSON object per non-empty line with "text", "dct" (or "published")
    and optional "context"; yields it with "value", "granularity" and "reason" added,
    or ``{"line": N, "error": ...}`` for a malformed or too long line, never raising.
    A line is text, or a ``jsonl.Line`` as read from a stream with its length bounded."""
    for n, line in enumerate(lines, start=1):
        if isinstance(line, jsonl.Line):
            problem = jsonl.line_problem(line)
            if problem is not None:
                yield {"line": n, "error": problem}
                continue
            line = line.data.decode("utf-8", "replace")
        if line.strip():
            yield _record(line, n)
