"""Where the date and time expressions of running text are: extents only, no values.

TimeML habits for extents: modifiers that change the date belong to it ("last", "early",
"mid-", "the end of"), and so does the preposition that opens it ("on Tuesday", "in 2014",
"over the weekend", "since March"), as news readers quote it; verbs never do ("said" stays
out). Month and weekday names must be capitalised, so "may" and "march" as words do not
count; a bare "May" needs a preposition or a year around it.

The patterns are tried at every position; overlapping candidates keep the longest (then the
earliest), so "Tuesday, March 18, 2025" is one mention, not three.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from ..dates.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES
from . import date_windows
from .date_windows import lowered, plain_lowered

Kind = Literal["date", "duration", "set"]

# Month names but "May" (a word and a name too: a bare one is a month only after a cue).
_MONTH_FULL: Final = "|".join(name for name in MONTH_NAMES if name != "May")
_MONTH_SHORT: Final = "|".join(MONTH_ABBREVIATIONS)
_MONTH: Final = rf"(?-i:(?:{_MONTH_FULL}|May)\b|(?:{_MONTH_SHORT})\.)"
_MONTH_SAFE: Final = rf"(?-i:(?:{_MONTH_FULL})\b|(?:{_MONTH_SHORT})\.)"
_WEEKDAY: Final = rf"(?-i:(?:{'|'.join(WEEKDAY_NAMES)})\b|(?:{'|'.join(WEEKDAY_ABBREVIATIONS)})\.)"
_YEAR: Final = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d)"
_DAYNUM: Final = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_POD: Final = r"(?:morning|afternoon|evening|night)"
_SEASON: Final = r"(?:spring|summer|autumn|fall|winter)"
_UNIT: Final = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies))"
)
_CAL_UNIT: Final = r"(?:day|week|weekend|month|quarter|year|decade|century)"
_NUMWORD: Final = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred)"
)
_NUM: Final = (
    rf"(?:\d+(?:\.\d+)?|{_NUMWORD}(?:[- ]{_NUMWORD})?|a few|a couple of|several|many|some"
    r"|a|an|few)"
)
_ORD: Final = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|latter"
    r"|previous|\d{1,2}(?:st|nd|rd|th))"
)
_REL: Final = (
    r"(?:last|next|this|this past|this coming|coming|past|previous|following|preceding|prior"
    r"|same|that|upcoming|current|the same|the following|the previous|the next|the preceding"
    r"|the prior|the past|the coming|the current|the entire|the whole|the)"
)
_MOD: Final = (
    r"(?:(?:early|late|mid|earlier|later)[ -](?:in |on )?|(?:the )?(?:start|beginning|end"
    r"|middle|rest|remainder|course|turn|first half|second half) of (?:the )?)"
)
_PREP: Final = (
    r"(?:(?:on|in|at|during|over|throughout|since|until|till|by|from|before|after|within"
    r"|around|as of|as early as|as late as|no later than|through|between|to|into) )"
)
# Zone abbreviations are capitals as written: case-blind, "[A-Z]{2,4}" took "on" and "the".
_TZ: Final = (
    r"(?: (?:local time|(?-i:GMT|UTC|BST|CET|EST|EDT|PST|PDT|ET|PT|CT|MSK|[A-Z]{2,4}\b))"
    r"(?:[+-]\d+)?)"
)

# Date-like: a value on the calendar, or a reference such as "now".
_DATE_PATTERNS: Final = (
    # Full dates: "Tuesday, March 18, 2025", "March 18", "18 March 2025", "Mar. 3rd".
    rf"(?:{_WEEKDAY},? )?(?:{_MOD})?{_MONTH} {_DAYNUM}(?:,? {_YEAR})?",
    rf"(?:{_WEEKDAY},? )?(?:the )?{_DAYNUM} (?:of )?{_MONTH}(?:,? {_YEAR})?",
    rf"(?:{_MOD})?{_MONTH_SAFE},? (?:of )?{_YEAR}",
    rf"(?:{_MOD})?(?-i:May),? (?:of )?{_YEAR}",
    rf"(?:(?:last|next|this|this past|this coming|early|late|mid|earlier|later)[ -])?"
    rf"{_MONTH_SAFE}",
    # A bare "May" only where a preposition or modifier makes it a month.
    "(?:"
    + "|".join(
        rf"(?<=\b{w} )"
        for w in [
            "in",
            "of",
            "since",
            "until",
            "by",
            "early",
            "late",
            "mid",
            "last",
            "next",
            "this",
            "from",
            "through",
            "and",
            "to",
            "before",
            "after",
        ]
    )
    + r")(?-i:May)\b",
    # Numeric dates.
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z?)?",
    r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b",
    r"\d{1,2}\.\d{1,2}\.\d{4}",
    # Weekdays, with a part of the day: "Sunday night", "last Friday", "Monday's".
    rf"(?:(?:last|next|this|this past|this coming|coming|previous|following|early|late) )?"
    rf"{_WEEKDAY}(?:,? {_POD})?",
    # Deictic days.
    rf"(?:(?:early|late|earlier|later) )?(?:today|yesterday|tomorrow)(?: {_POD})?",
    r"(?:tonight|overnight|this (?:morning|afternoon|evening)|last (?:night|evening)"
    r"|the day (?:before yesterday|after tomorrow))",
    # Anaphoric and relative days/periods: "that day", "the following week", "the day before".
    rf"(?:{_MOD})?(?:that|the same|the following|the next|the previous|the preceding"
    rf"|the prior|the very same|the very next|the entire|the whole|the full) (?:{_CAL_UNIT}"
    rf"|{_POD}|{_SEASON}|period|time)",
    # "the day", "late in the day", "the beginning of the year": the story's or today's.
    rf"(?:{_MOD})?the (?:day|week|month|year|quarter)",
    rf"(?:(?:in|during|overnight) )?(?:the )?{_POD}(?= (?:trading|session|hours|news))",
    # Streaks: "a second consecutive day", "the fourth week in a row".
    rf"(?:a |the |for a |for the )?{_ORD} (?:straight |consecutive |successive |running )?"
    r"(?:day|week|month|year|quarter|session|trading day|trading session)"
    r"(?: (?:in a row|running))?",
    rf"the (?:{_CAL_UNIT}|{_POD}) (?:before last|after next|before|after|earlier|later"
    r"|previous|prior)",
    rf"(?:{_MOD})?(?:the )?(?:last|next|this|this past|this coming|coming|past|current"
    rf"|upcoming) (?:{_CAL_UNIT}|{_SEASON})",
    r"(?:(?:earlier|later) )?(?:this|that|last|next) (?:(?:fiscal|financial) )?year",
    rf"(?:earlier|later) (?:today|this|that) (?:{_CAL_UNIT}|{_POD})",
    rf"(?:(?:early|late|earlier|later) )?(?:in|on) the (?:{_POD})",
    r"(?:the |this |over the |during the |at the )?(?:long )?week-?end",
    # Quarters, halves, fiscal years, business periods.
    rf"(?:the )?(?:{_ORD})[- ](?:fiscal |financial |calendar )?quarter"
    rf"(?: (?:of|in) (?:(?:fiscal |the fiscal year )?{_YEAR}|this year|last year|next year"
    r"|the year|fiscal \d{2,4}))?(?:,? {_YEAR})?",
    rf"(?-i:Q[1-4])(?:[ -]?(?:{_YEAR}|FY ?\d{{2,4}}|'\d\d))?",
    rf"(?:the )?(?:first|second|1st|2nd|latter) half(?: of (?:the year|this year|last year"
    rf"|next year|{_YEAR}))?",
    rf"(?-i:H[12])[ -]?{_YEAR}",
    rf"(?:fiscal|financial) (?:year )?(?:{_YEAR}|'?\d\d)\b",
    r"(?-i:FY) ?(?:\d{4}|'?\d{2})\b",
    r"(?:the )?(?:current |previous |last |next |coming )?(?:fiscal|financial) year",
    r"(?:the )?(?:year-(?:earlier|ago)|prior-year|previous-year|year-before)"
    r" (?:period|quarter|month|half|year|season|week)",
    r"(?:the )?same (?:period|quarter|month|week|day|year|time|season|half)"
    r"(?: (?:of |in )?(?:the )?(?:last year|a year ago|a year earlier|the previous year"
    r"|the year before|the prior year|previous year))?",
    # Seasons: "last summer", "the winter of 2022", "spring 2024".
    rf"(?:{_MOD})?(?:the )?{_SEASON}(?: of)? {_YEAR}",
    rf"(?:early|late|mid)[ -]{_SEASON}",
    r"(?:(?:this|last|next|the|in|in the|during the|by|until) )?"
    r"(?:spring|summer|autumn|winter)(?! (?:of|season)\b)",
    r"(?:this|last|next|the|in the) fall",
    # Years, decades, centuries: "in 2014", "mid-2011", "the 1990s", "the 21st century".
    rf"(?:{_MOD})?(?<![$£€#\d.,:/])(?<!No\. ){_YEAR}\b(?!-\d|%| ?(?:percent|per cent)\b)",
    r"(?:the )?(?:early |late |mid-?)?(?:1[6-9]|20)\d0s\b",
    r"(?:the )?(?:early |late |mid-?)?['’]?\d0s\b",
    "(?:" + "|".join(rf"(?<={w} )" for w in ("since", "in", "of", "by", "until")) + r")['’]\d\d\b",
    r"(?:the )?(?:early |late |mid-?)?(?:\d{1,2}(?:st|nd|rd|th)|first|second|nineteenth"
    r"|twentieth|twenty-first) century",
    # Spelled-out years.
    r"(?:nineteen|twenty) (?:hundred|oh [a-z]+|(?:ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)(?:[- ][a-z]+)?)",
    r"two thousand(?: and)?(?: (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty[- ]?[a-z]*))?",
    # Offsets: "two days ago", "a year earlier", "three weeks later".
    rf"(?:(?:about|some|nearly|almost|more than|less than|over|just|only) )?{_NUM}"
    rf" {_UNIT} (?:ago|earlier|later|before|after|from now|hence|previously|back)"
    r"(?: than (?:[a-z]+ )?(?:planned|scheduled|expected|anticipated|forecast|intended"
    r"|promised))?",
    r"(?:many |some |several )?(?:days|weeks|months|years|decades) ago",
    # Clock times.
    rf"(?:about |around |shortly (?:before|after) )?\d{{1,2}}(?::\d{{2}})? ?(?:a\.m\.|p\.m\.|am\b"
    rf"|pm\b|AM\b|PM\b)(?:{_TZ})?",
    rf"\d{{1,2}}:\d{{2}}(?:{_TZ})",
    r"[0-2]\d[0-5]\d (?:UTC|GMT|Zulu|hours)",
    r"(?:noon|midday|midnight)",
    # References.
    r"(?:now|currently|recently|lately|nowadays|these days|soon|at present|presently"
    r"|at the moment|at the time|for now|so far|to date|in the past|in the future"
    r"|in recent (?:days|weeks|months|years|decades)|in the coming (?:days|weeks|months|years)"
    r"|the past|the future|once again|later|(?:for )?the time being|the (?:long|short|medium|near)"
    r" term|the (?:long|short|medium|near)-term)",
    # Vague references TimeML marks as PRESENT_REF / PAST_REF / FUTURE_REF: temporal
    # adjectives and adverbs ("the current crisis", "recent moves", "the ongoing recession",
    # "a short-term collapse", "previously"), "recent history" and "is history", "at one
    # point", named and qualified eras ("the Douglas era", "a new era").
    r"(?:current|recent|ongoing|previously|formerly|(?:long|short|medium|near)-term"
    r"|(?:the )?(?:near|foreseeable|distant|immediate) future)",
    r"(?:(?:our|its|their|the|his|her) )?(?:(?:more|most|very) )?(?:recent|modern)"
    r" (?:[\w.]+ )?history|(?:(?<=\bis )|(?<=\bwas )|(?<=\bare )|(?<=\bwere )|(?<=\bbe )"
    r"|(?<=\bbecame )|(?<=\bnow ))history",
    r"(?<=\bat )(?:one|some) (?:point|stage)(?: in time)?",
    r"(?:(?:the|a|an|this|that) )?(?:(?:(?-i:[A-Z][\w.-]*) ){1,3}|(?:new|current|modern"
    r"|present|previous|post-war|postwar|digital|early|late) )era",
    # "their best week since November": the period being compared is the current one.
    r"(?:(?<=\bbest )|(?<=\bworst )|(?<=\bbiggest )|(?<=\blargest )|(?<=\bstrongest )"
    r"|(?<=\bweakest )|(?<=\bsharpest )|(?<=\bsteepest )|(?<=\bbusiest )|(?<=\bdeadliest ))"
    r"(?:day|week|month|year|quarter|session)(?= (?:since|in|of|ever|on record)\b)",
)

_DURATION_PATTERNS: Final = (
    # "three years", "the past nine days", "a 30-day ceasefire", "the three-year conflict".
    rf"(?:(?:for|over|in|within|during|after|about|some|nearly|almost|more than|less than"
    rf"|at least|up to|just|only) )*(?:the )?(?:(?:past|last|next|coming|first|previous"
    rf"|final) )?{_NUM}[ -]{_UNIT}(?:-(?:long|old))?",
    r"\d+(?:\.\d+)?-(?:second|minute|hour|day|week|month|year|decade)(?:-(?:long|old))?",
    rf"(?:{_NUMWORD}(?:-{_NUMWORD})?)-(?:day|week|month|year|decade|hour)(?:-(?:long|old))?",
    # Indefinite spans: "an undetermined period of time", "an intraday low".
    r"(?:a|an) (?:long|short|brief|extended|indefinite|undetermined|unspecified|limited"
    r"|lengthy|prolonged) period(?: of time)?|intraday",
    r"(?:for|over|in|during) (?:the )?(?:past|last|next|coming|recent) (?:days|weeks|months"
    r"|years|decades)",
    r"(?:for )?(?:days|weeks|months|years|decades)(?= (?:of|on end|earlier|later)\b)",
    r"(?:single|multi|same)-(?:day|week|month|year)",
)

_SET_PATTERNS: Final = (
    rf"(?:every|each) (?:other )?(?:{_NUM} )?(?:{_UNIT}|{_WEEKDAY}|{_POD}|{_SEASON}|{_MONTH})",
    r"(?:on )?(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)\b",
    r"(?:daily|weekly|monthly|quarterly|annually|yearly|nightly|hourly)",
    rf"(?:once|twice|three times|{_NUM} times) (?:a|per|each|every) (?:{_UNIT})",
)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])(?P<prep>{_PREP})?(?:{pattern})(?![\w'’]|-\w)", re.IGNORECASE)


# Each pattern runs only near a word of its own vocabulary (its trigger classes, see
# date_windows.py), and only in windows holding a text that every match must contain.
# Per pattern: its trigger classes, and a lower-case text every match must contain (or "").
# A window without that text cannot hold a match, so the pattern skips it: same output.
_DATE_CLASSES: Final = (
    ("month", r"\d"),
    ("month", r"\d"),
    ("month", r"(?:1[6-9]|20)\d\d"),
    ("month", r"(?:1[6-9]|20)\d\d"),
    (
        "month",
        _MONTH_FULL.lower()
        + "|(?:"
        + "|".join(name[:3].lower() for name in MONTH_NAMES if name != "May")
        + r")\.",
    ),
    ("month", r"may"),
    ("digit", r"\d-\d"),
    ("digit", r"\d/\d"),
    ("digit", r"\d\.\d"),
    ("weekday", ""),
    ("deictic", r"today|yesterday|tomorrow"),
    (
        "pod deictic",
        r"tonight|overnight|this (?:morning|afternoon|evening)|last (?:night|evening)|the day",
    ),
    (
        "unit pod season",
        "(?:that|same|following|next|previous|preceding|prior|entire|whole"
        "|full) (?:day|week|month|quarter|year|decade|centur|morning|afternoon|evening|night"
        "|spring|summer|autumn|fall|winter|period|time)",
    ),
    ("unit", r"the (?:day|week|month|year|quarter)"),
    ("pod", r"(?:morning|afternoon|evening|night) (?:trading|session|hours|news)"),
    (
        "unit",
        r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last"
        r"|latter|previous|\d(?:st|nd|rd|th)) (?:(?:straight|consecutive|successive|running) )?"
        r"(?:day|week|month|year|quarter|session|trading)",
    ),
    ("unit pod", r" (?:before|after|earlier|later|previous|prior)"),
    (
        "unit season",
        r"(?:last|next|this|coming|past|current|upcoming) (?:day|week|month|quarter|year|decade"
        r"|century|spring|summer|autumn|fall|winter)",
    ),
    ("unit", r"year"),
    ("unit pod deictic", r"(?:earlier|later) (?:today|this|that) "),
    ("pod", r"(?:in|on) the "),
    ("unit", r"week-?end"),
    ("unit", r"quarter"),
    ("fiscal", ""),
    ("fiscal", ""),
    ("fiscal", ""),
    ("fiscal", ""),
    ("fiscal", ""),
    ("fiscal", ""),
    ("unit", r"year-(?:earlier|ago)|prior-year|previous-year|year-before"),
    ("unit", r"same "),
    ("season", ""),
    ("season", r"(?:early|late|mid)[ -]"),
    ("season", ""),
    ("season", ""),
    ("digit", r"(?:1[6-9]|20)\d\d"),
    ("digit", r"\d0s"),
    ("digit", r"\d0s"),
    ("digit", r"['’]\d\d"),
    ("unit", r"century"),
    ("spelled", ""),
    ("spelled", ""),
    ("unit", r" (?:ago|earlier|later|before|after|from now|hence|previously|back)"),
    ("unit", r" ago"),
    ("digit", r"\d ?[ap]\.?m"),
    ("digit", r"\d:\d\d"),
    ("digit", r"\d\d (?:utc|gmt|zulu|hours)"),
    ("pod", r"noon|midday|midnight"),
    (
        "deictic unit",
        r"\b(?:now|current|recent|late|these days|soon|present|moment|the time|so far|to date"
        r"|past|future|in the coming|once again|term)",
    ),
    ("ref", r"\b(?:current|recent|ongoing|previously|formerly|term|future)"),
    ("ref", r"history"),
    ("ref", r"at (?:one|some) (?:point|stage)"),
    ("ref", r" era"),
    (
        "ref",
        r"(?:best|worst|biggest|largest|strongest|weakest|sharpest|steepest|busiest"
        r"|deadliest) (?:day|week|month|year|quarter|session)",
    ),
)
_DURATION_CLASSES: Final = (
    (
        "unit",
        r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty|hundred"
        r"|few|of|several|many|some|\ba|\ban)[ -](?:second|minute|hour|day|week|fortnight|month"
        r"|quarter|year|decade|centur)",
    ),
    ("unit", r"\d-"),
    ("unit", "-(?:day|week|month|year|decade|hour)"),
    ("unit ref", "period|intraday"),
    ("unit", "(?:past|last|next|coming|recent) (?:days|weeks|months|years|decades)"),
    ("unit", "(?:days|weeks|months|years|decades) (?:of|on end|earlier|later)"),
    ("unit", "(?:single|multi|same)-"),
)
_SET_CLASSES: Final = (
    ("set", "(?:every|each) "),
    ("weekday", ""),
    ("set", ""),
    ("set", "(?:once|twice|times) (?:a|per|each|every) "),
)


def _table(
    kind: Kind, classes: tuple[tuple[str, str], ...], patterns: tuple[str, ...]
) -> list[tuple[Kind, tuple[str, ...], re.Pattern[str] | None, re.Pattern[str]]]:
    return [
        (kind, tuple(c.split()), re.compile(need) if need else None, _compile(p))
        for (c, need), p in zip(classes, patterns, strict=True)
    ]


_PATTERNS: Final = (
    *_table("date", _DATE_CLASSES, _DATE_PATTERNS),
    *_table("duration", _DURATION_CLASSES, _DURATION_PATTERNS),
    *_table("set", _SET_CLASSES, _SET_PATTERNS),
)


# Words that look temporal but are not, alone ("a", "some").
_TOO_VAGUE: Final = re.compile(
    r"(?:(?:on|in|at|during|over|throughout|since|until|till|by|from|before|after|within"
    r"|around|through|between|to|into) )?(?:a|an|some|many|few|several|once again)",
    re.IGNORECASE,
)
_NON_TEMPORAL_PREP: Final = re.compile(r"^(?:to|into|between|through) ", re.IGNORECASE)
_BARE_YEAR: Final = re.compile(r"(?:[a-z]+ )?\d{4}")
_COUNTED: Final = re.compile(r" [a-z]+s\b")
_YEARISH_BEFORE: Final = re.compile(r"(?:\b(?:the|its|his|her|their|our|of|in|'s|’s)|[(,])\s*$")


def _quantity(text: str, m: re.Match[str]) -> bool:
    """ "2000 troops" is a count; "the 2016 elections" and "in 2014 and" are years."""
    if not _BARE_YEAR.fullmatch(m.group()) or not _COUNTED.match(text, m.end()):
        return False
    return _YEARISH_BEFORE.search(text, max(0, m.start() - 12), m.start()) is None


def _matches(
    pattern: re.Pattern[str],
    spans: list[tuple[int, int]],
    text: str,
    need: re.Pattern[str] | None,
    lowered: str | None,
) -> Iterator[re.Match[str]]:
    done = -1
    for a, b in spans:
        if need is not None and lowered is not None and not need.search(lowered, a, b):
            continue
        for m in pattern.finditer(text, max(a, done), b):
            done = max(done, m.end())
            yield m


@dataclass(frozen=True)
class Extent:
    """A candidate mention: ``text[start:end]`` and what kind of expression it is."""

    start: int
    end: int
    kind: Kind
    prep: int = 0  # length of the leading preposition ("on "), part of the extent


def find_extents(text: str, start: int = 0, end: int | None = None) -> list[Extent]:
    """Date/time expressions in ``text[start:end]``, in reading order, never overlapping."""
    stop = len(text) if end is None else end
    cands: list[Extent] = []
    low = lowered(text)
    windows = date_windows.windows(text, low, start, stop)
    plain = plain_lowered(text, low)
    spans: dict[tuple[str, ...], list[tuple[int, int]]] = {}  # per set of trigger classes
    for kind, classes, need, pattern in _PATTERNS:
        if classes not in spans:
            spans[classes] = sorted({w for c in classes for w in windows.get(c, ())})
        for m in _matches(pattern, spans[classes], text, need, plain):
            a, b = m.span()
            if _TOO_VAGUE.fullmatch(m.group()) or _quantity(text, m):
                continue
            prep = len(m["prep"] or "")
            if _NON_TEMPORAL_PREP.match(m.group()):
                # "to 2014" / "between ..." are parts of ranges: keep the date, not the word.
                a, prep = a + m.group().index(" ") + 1, 0
            cands.append(Extent(a, b, kind, prep))
    # Longest first (not counting a leading preposition: "late in the day" beats "in the day
    # after"), then earliest; a kept extent blocks every overlapping one.
    cands.sort(key=lambda e: (-(e.end - e.start - e.prep), e.start))
    kept: list[Extent] = []
    taken = bytearray(stop)  # 1 where a kept extent lies
    for e in cands:
        if 1 in taken[e.start : e.end]:
            continue
        kept.append(e)
        taken[e.start : e.end] = b"\x01" * (e.end - e.start)
    kept.sort(key=lambda e: e.start)
    return kept
