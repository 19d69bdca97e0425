"""Locate model-written excerpts in the article, so nothing unfound is ever shown as a quote.

Matching goes from strict to tolerant, and offsets always point into the original text:

1. exact substring;
2. normalised: curly and straight quotes and apostrophes, dash variants, ``…`` and ``...``,
   runs of whitespace and line breaks, and letter case are treated as equal;
3. ellipsis: an excerpt with ``...`` or ``…`` standing for omitted words matches when each
   fragment is found, in order, close together; the span covers the first to the last fragment.

An excerpt that fails all three is not grounded: the caller drops it and records a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import MatchKind, Span

_CHAR_MAP = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2033": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u0060": "'",
    "\u00b4": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
}
# One character for one, so offsets do not move; a regex finds the few there are faster than
# ``str.translate`` looks at every character of a non-ASCII text.
_MAPPED = re.compile("[" + "".join(_CHAR_MAP) + "]")
_EDGE_JUNK = " \t\n\"'“”‘’«»"
# What ``NormalisedText`` rewrites: a whitespace run that is not already one plain space, and
# ``…``. (A lone space stays as it is, so ordinary prose needs no per-word work.)
_TO_REWRITE = re.compile(r"[^\S ]\s*| \s+|\u2026")
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")
# Fragments shorter than this could match almost anywhere: an ellipsis match needs real words.
_MIN_FRAGMENT = 8
# Omitted text between two fragments may be at most this many characters.
_MAX_GAP = 400


def _mapped(m: re.Match[str]) -> str:
    return _CHAR_MAP[m.group()]


@dataclass(frozen=True)
class NormalisedText:
    """A folded copy of a text plus, for each folded character, its offset in the original."""

    text: str
    origin: list[int]

    @classmethod
    def of(cls, text: str) -> NormalisedText:
        folded = _MAPPED.sub(_mapped, text)
        lowered = folded.lower()
        if len(lowered) != len(folded):
            return cls._of_slowly(folded)
        # Each character lowercases to one, so only whitespace runs and ``…`` change lengths:
        # done with a regex and slices instead of a loop per character (once per article).
        out: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in _TO_REWRITE.finditer(lowered):
            start, end = m.span()
            out.append(lowered[pos:start])
            origin.extend(range(pos, start))
            if lowered[start] == "\u2026":
                out.append("...")
                origin.extend((start, start, start))
            else:
                out.append(" ")
                origin.append(start)
            pos = end
        out.append(lowered[pos:])
        origin.extend(range(pos, len(lowered)))
        return cls("".join(out), origin)

    @classmethod
    def _of_slowly(cls, folded: str) -> NormalisedText:
        """The general case: ``…`` becomes three dots, and lowercasing may add characters."""
        out: list[str] = []
        origin: list[int] = []
        in_space = False
        for i, ch in enumerate(folded):
            if ch == "\u2026":
                out.append("...")
                origin.extend((i, i, i))
                in_space = False
            elif ch.isspace():
                if not in_space:
                    out.append(" ")
                    origin.append(i)
                in_space = True
            else:
                in_space = False
                low = ch.lower()  # may be two characters ("İ" -> "i̇"): one offset each
                out.append(low)
                origin.extend((i,) * len(low))
        return cls("".join(out), origin)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded range ``[start, end)``."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> str:
    return NormalisedText.of(text).text


class Grounder:
    """Locates excerpts in one article; built once per article, reused for every excerpt."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm = NormalisedText.of(text)

    def locate(self, excerpt: str, *, near: int = 0) -> Span | None:
        """The span of ``excerpt`` in the article, or ``None`` when it is not there.

        With several occurrences, the first at or after ``near`` wins (else the first one), so
        a caller can prefer the occurrence next to a related span.
        """
        needle = excerpt.strip(_EDGE_JUNK)
        if not needle:
            return None
        hit = _find_near(self.text, needle, near)
        if hit is not None:
            return self._span(hit, hit + len(needle), "exact")
        folded = fold(needle).strip()
        if len(folded) < 2:
            return None
        near_n = self._folded_offset(near)
        hit = _find_near(self._norm.text, folded, near_n)
        if hit is not None:
            return self._span(*self._norm.span(hit, hit + len(folded)), "normalised")
        return self._locate_fragments(folded, near_n)

    def _locate_fragments(self, folded: str, near: int) -> Span | None:
        parts = [p.strip(" \"'") for p in _ELLIPSIS.split(folded)]
        parts = [p for p in parts if p]
        if len(parts) < 2 or any(len(p) < _MIN_FRAGMENT for p in parts):
            return None
        haystack = self._norm.text
        first = _find_near(haystack, parts[0], near)
        candidates = [first] if first is not None else []
        # Try every occurrence of the first fragment: the earliest one may not lead to the rest.
        candidates += [m.start() for m in re.finditer(re.escape(parts[0]), haystack)]
        for begin in dict.fromkeys(candidates):
            pos = begin + len(parts[0])
            for part in parts[1:]:
                nxt = haystack.find(part, pos, pos + _MAX_GAP + len(part))
                if nxt == -1:
                    break
                pos = nxt + len(part)
            else:
                return self._span(*self._norm.span(begin, pos), "ellipsis")
        return None

    def _folded_offset(self, original: int) -> int:
        if original <= 0:
            return 0
        # origin is sorted: binary search the first folded index at or after ``original``.
        lo, hi = 0, len(self._norm.origin)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._norm.origin[mid] < original:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _span(self, start: int, end: int, match: MatchKind) -> Span:
        return Span(text=self.text[start:end], start=start, end=end, match=match)


def _find_near(haystack: str, needle: str, near: int) -> int | None:
    hit = haystack.find(needle, near) if near > 0 else -1
    if hit == -1:
        hit = haystack.find(needle)
    return None if hit == -1 else hit
