"""Date mentions D1…: every date/time expression of the article, located and resolved.

Extents come from ``extents.py``; values from the project's resolver (``dates.resolve``),
with the whole article as context rather than one sentence:

* An expression that points at another date of the story ("that day", "the following week",
  "two days later", "the year-earlier period") counts from the last suitable date mentioned
  before it, in reading order; ``anchor`` names that mention (``"D3"``).
* A bare weekday or "the weekend" in a paragraph that has just named a day far from the
  publication date ("On March 3, 2019 … By Sunday night …") is that story's weekday, the
  nearest one to the named day, not the publication week's.
* A clock time the text dates right after it ("at 16:15 UTC, June 1st", "at 4 p.m. on
  Monday") is on that day, not on the publication date.
* Everything else relative ("on Tuesday", "last year", "two days ago") counts from the
  publication date (``anchor="published"``); absolute values ("in 2014") have no anchor.

Durations ("three years") and sets ("every Monday") are tagged with their type; durations
keep their TIMEX3 value (``P3Y``), sets have none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from typing import Final

from ..dates import Period, Resolution, resolve, resolve_normalized
from ..dates.text import normalize
from .extents import find_extents
from .sentences import sentence_at
from .units import DateMention, DateType, Sentence

_BARE_DAY: Final = re.compile(
    r"(?:(?:on|by|until|since|from|over|during|at|in|throughout) )?(?:the )?(?:(?:early|late) )?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'s)?(?:,? (?:morning|afternoon|evening"
    r"|night))?|week-?end)",
    re.IGNORECASE,
)
_DURATION_VALUE: Final = re.compile(r"PT?[\dX]")
# What may stand between a clock time and the day that dates it: "16:15 UTC, June 1st".
_TIME_THEN_DAY: Final = re.compile(r"\s*,?\s*(?:on\s+)?")
_CLOCK_ON_DAY: Final = re.compile(r"\d{4}-\d\d-\d\d(?=T)")
_DAY_LEVEL: Final = frozenset({"day", "part_of_day", "time"})
# A story date this far from publication moves the paragraph's bare weekdays with it.
_STORY_DAYS: Final = 7


def tag_dates(
    text: str, published: dt.date | None, sentences: Sequence[Sentence]
) -> list[DateMention]:
    """The article's date mentions in reading order, numbered from 1."""
    starts = [s.start for s in sentences]
    story: list[Period] = []  # calendar periods mentioned so far, in reading order
    story_ids: list[int] = []  # their D-numbers
    day_story: tuple[int, int, dt.date] | None = None  # (D-number, paragraph, day)
    out: list[DateMention] = []
    normalized: dict[int, str] = {}  # sentence number -> its text, normalised once
    for extent in find_extents(text):
        number = len(out) + 1
        mention = text[extent.start : extent.end]
        sentence = sentence_at(sentences, starts, extent.start)
        paragraph = sentence.paragraph if sentence else 0
        if extent.kind == "set":
            out.append(
                DateMention(
                    number,
                    mention,
                    extent.start,
                    extent.end,
                    "set",
                    None,
                    None,
                    None,
                    None,
                    sentence.number if sentence else 0,
                )
            )
            continue
        if sentence is None:
            context = normalize(mention)
        elif sentence.number in normalized:
            context = normalized[sentence.number]
        else:
            context = normalized[sentence.number] = normalize(sentence.text)
        res = resolve_normalized(mention, published, context, story=story)
        anchor = _anchor_of(res, story_ids)
        moved = _story_weekday(mention, day_story, paragraph, published)
        if moved is not None:
            res, anchor = moved
        if res.period is not None:
            story.append(res.period)
            story_ids.append(number)
            if res.granularity in _DAY_LEVEL and any(ch.isdigit() for ch in mention):
                day_story = (number, paragraph, res.period.start)
        out.append(
            DateMention(
                number=number,
                text=mention,
                start=extent.start,
                end=extent.end,
                type=_type_of(extent.kind, res),
                value=res.value,
                granularity=res.granularity,
                reason=res.reason,
                anchor=anchor,
                sentence=sentence.number if sentence else 0,
            )
        )
    return _times_dated_after(text, out)


def _times_dated_after(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A relative clock time followed by the day that dates it takes that day.

    The time was resolved before its day was read, against the publication date or an earlier
    date of the story; the day written right after it is the one the text means.
    """
    out = list(mentions)
    for i, (m, n) in enumerate(itertools.pairwise(mentions)):
        if (
            m.type == "time"
            and m.anchor is not None
            and m.sentence == n.sentence
            and n.granularity == "day"
            and n.value is not None
            and m.value is not None
            and _CLOCK_ON_DAY.match(m.value)
            and _TIME_THEN_DAY.fullmatch(text, m.end, n.start)
        ):
            out[i] = dataclasses.replace(m, value=n.value + m.value[10:], anchor=n.id)
    return out


def _anchor_of(res: Resolution, story_ids: list[int]) -> str | None:
    if res.value is None:
        return None
    if res.story_anchor is not None:
        return f"D{story_ids[res.story_anchor]}"
    return "published" if res.relative else None


def _story_weekday(
    mention: str,
    day_story: tuple[int, int, dt.date] | None,
    paragraph: int,
    published: dt.date | None,
) -> tuple[Resolution, str] | None:
    """A bare weekday right after a named day of another time: the nearest such weekday."""
    if day_story is None or not _BARE_DAY.fullmatch(mention):
        return None
    number, story_paragraph, day = day_story
    if paragraph - story_paragraph > 1:
        return None
    if published is not None and abs((day - published).days) <= _STORY_DAYS:
        return None
    res = resolve(mention, day, "")  # no tense words: the nearest occurrence to that day
    if res.value is None:
        return None
    return res, f"D{number}"


def _type_of(kind: str, res: Resolution) -> DateType:
    if kind == "duration" or _DURATION_VALUE.match(res.value or ""):
        return "duration"
    if res.granularity == "time":
        return "time"
    return "date"
