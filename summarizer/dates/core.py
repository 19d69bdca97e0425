"""Shared machinery of the date resolver: results, the per-call context, anchors.

A rule is a regular expression over the normalised, lower-cased expression and a
handler. Handlers get a :class:`Ctx` that knows the publication date, the
sentence, the tense around the expression and, for anaphora ("the previous
week"), the other date expressions of the sentence (*anchors*). Everything is
computed lazily per call: no module state beyond compiled patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from summarizer.dates.calendar import Granularity, Period, Tense, Unit, UnresolvedReason
from summarizer.dates.text import normalize, tense_at


class NeedDct(Exception):
    """Raised by a handler that needs the publication date when there is none."""


@dataclass(frozen=True)
class Found:
    """What a rule produced: a value (with its period when it is a calendar one) or a reason."""

    value: str | None
    granularity: Granularity | None
    reason: UnresolvedReason | None = None
    period: Period | None = None


def found(p: Period) -> Found:
    """A calendar result."""
    return Found(p.value, p.granularity, None, p)


def fixed(value: str, granularity: Granularity, period: Period | None = None) -> Found:
    """A non-period result: a REF, a duration, a clock time."""
    return Found(value, granularity, None, period)


def fail(reason: UnresolvedReason) -> Found:
    """No value, and why."""
    return Found(None, None, reason)


Handler = Callable[[re.Match[str], "Ctx"], Found | None]
Matcher = Callable[[str, "Ctx"], Found | None]


class Rules:
    """An ordered list of (pattern, handler); patterns must match the whole expression."""

    def __init__(self) -> None:
        self.items: list[tuple[re.Pattern[str], Handler]] = []

    def add(self, *patterns: str) -> Callable[[Handler], Handler]:
        """Decorator registering ``handler`` for each of ``patterns`` (in order)."""

        def deco(handler: Handler) -> Handler:
            self.items.extend((re.compile(p), handler) for p in patterns)
            return handler

        return deco


# Date expressions that can anchor anaphora ("the previous week" -> before *that* week).
# Month and weekday names must be capitalised here, so "may" and "march" as verbs do not count.
_MONTH_NAMES: Final = (
    r"(?:January|February|March|April|June|July|August|September|October"
    r"|November|December)"
)
_ANY_MONTH: Final = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ANCHOR: Final = re.compile(
    r"\b(?:"
    r"(?:(?:[Ll]ast|[Nn]ext|[Tt]his) )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?: (?:morning|afternoon|evening|night))?"
    rf"|{_ANY_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? [12]\d{{3}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_ANY_MONTH}(?:,? [12]\d{{3}})?"
    rf"|{_ANY_MONTH},? (?:of )?[12]\d{{3}}"
    rf"|(?:(?:[Ll]ast|[Nn]ext|[Tt]his) )?{_MONTH_NAMES}"
    r"|(?i:(?:earlier |later )?today|yesterday|tomorrow|tonight|this (?:morning|afternoon|evening)"
    r"|last night|(?:this|last|next) (?:week|weekend|month|year|quarter)"
    r"|(?:the |this )?weekend"
    r"|the (?:first|second|third|fourth|final) quarter"
    r"(?: of (?:[12]\d{3}|(?:this|last|next) year))?"
    r"|(?:the )?(?:very )?(?:(?:beginning|start|end) of )?(?:the |this |last |next )?"
    r"(?:financial|fiscal) year)"
    r"|(?<![\d$.,])[12]\d{3}(?![\d,]|s\b|'s)"
    r")\b"
)
_FINEST: Final[dict[Unit, frozenset[Unit]]] = {
    "day": frozenset({"day"}),
    "week": frozenset({"day", "week", "weekend"}),
    "weekend": frozenset({"day", "week", "weekend"}),
    "month": frozenset({"day", "month"}),
    "quarter": frozenset({"day", "month", "quarter"}),
    "half": frozenset({"day", "month", "quarter", "half"}),
    "season": frozenset({"day", "month", "season"}),
    "year": frozenset({"day", "week", "weekend", "month", "quarter", "half", "season", "year"}),
    "fy": frozenset({"fy"}),
    "decade": frozenset({"day", "month", "quarter", "half", "season", "year", "decade"}),
    "century": frozenset({"day", "month", "year", "decade", "century"}),
}


@dataclass
class Trace:
    """What one resolution was counted from: the publication date and/or a story anchor."""

    used_dct: bool = False
    story_anchor: int | None = None  # index into the ``story`` list given to the resolver


class Ctx:
    """Everything a handler may consult about one expression, computed on demand.

    ``story`` (from the article index) lists the dates mentioned before the expression, in
    reading order; when it is given, anaphora ("the following week") count from the last
    suitable one instead of searching the sentence.
    """

    def __init__(
        self,
        dct: dt.date | None,
        sentence: str,
        span: tuple[int, int] | None,
        prep: str | None,
        resolver: Matcher | None,
        story: Sequence[Period] | None = None,
        trace: Trace | None = None,
    ) -> None:
        self.dct = dct
        self.sentence = sentence
        self.span = span
        self.prep = prep
        self._resolver = resolver  # None inside anchor resolution: no anaphora chains
        self.story = story
        self.trace = trace if trace is not None else Trace()
        self._tense: Tense | None = None
        self._anchors: list[tuple[int, Period]] | None = None

    def ref(self) -> dt.date:
        """The publication date, or abort the rule with ``no_publication_date``."""
        self.trace.used_dct = True
        if self.dct is None:
            raise NeedDct
        return self.dct

    @property
    def tense(self) -> Tense:
        """Tense of the sentence around the expression (see ``tense_at``)."""
        if self._tense is None:
            self._tense = tense_at(self.sentence, self.span) if self.sentence else "neutral"
        return self._tense

    @property
    def before(self) -> str:
        """Lower-cased sentence text before the expression ("" if not located)."""
        return self.sentence[: self.span[0]].lower() if self.span else ""

    @property
    def after(self) -> str:
        """Lower-cased sentence text after the expression ("" if not located)."""
        return self.sentence[self.span[1] :].lower() if self.span else ""

    def resolve_inner(self, text: str) -> Found | None:
        """Resolve a sub-expression (the "Monday" of "12:00 UTC Monday") in this context."""
        return self._resolver(text, self) if self._resolver else None

    def _all_anchors(self) -> list[tuple[int, Period]]:
        if self._anchors is not None:
            return self._anchors
        out: list[tuple[int, Period]] = []
        if self._resolver is not None and self.sentence:
            for m in _ANCHOR.finditer(self.sentence):
                if self.span and m.start() < self.span[1] and m.end() > self.span[0]:
                    continue
                inner = Ctx(self.dct, self.sentence, (m.start(), m.end()), None, None)
                try:
                    res = self._resolver(normalize(m.group()).lower(), inner)
                except NeedDct:
                    continue
                if res is not None and res.period is not None:
                    out.append((m.start(), res.period))
        self._anchors = out
        return out

    def anchor(self, unit: Unit | None) -> Period | None:
        """The anchor usable at ``unit`` (see ``anchor_raw``), converted to that unit."""
        raw = self.anchor_raw(unit)
        return raw if raw is None or unit is None else raw.convert(unit)

    def anchor_raw(self, unit: Unit | None) -> Period | None:
        """The date an anaphor counts from, usable at ``unit`` (None: any), unconverted.

        With a story: the last suitable date mentioned before the expression. Without: the
        nearest other date of the sentence, by character distance, the earlier on ties."""
        if self.story is not None:
            for i in range(len(self.story) - 1, -1, -1):
                p = self.story[i]
                if unit is None or p.unit in _FINEST[unit]:
                    self.trace.story_anchor = i
                    return p
            return None
        here = self.span[0] if self.span else 0
        best: tuple[int, int, Period] | None = None
        for pos, p in self._all_anchors():
            if unit is not None and p.unit not in _FINEST[unit]:
                continue
            key = (abs(pos - here), 0 if pos < here else 1)
            if best is None or key < best[:2]:
                best = (*key, p)
        return best[2] if best else None
