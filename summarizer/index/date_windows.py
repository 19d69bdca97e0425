"""Where date patterns are worth running: stretches of text around their trigger words.

Running every extent pattern over 15,000 characters costs ~100 ms; running each only near a
word of its own vocabulary (its trigger classes) costs a few. Triggers are plain literals, so
they are found with ``str.find`` and the leftmost-first scan of a regex alternation is redone
by hand (at each position the first literal in table order wins, and a match consumes its
characters), which is several times faster than the alternation itself.
"""

from __future__ import annotations

import re
from typing import Final

from ..dates.calendar import MONTH_NAMES, WEEKDAY_NAMES

# (literal, class), in the order an alternation would try them ("month" before "monthly").
# Names are matched on the text as written and only at the start of a word.
_NAMES: Final = tuple(
    (w, cls)
    for cls, words in (
        ("month", " ".join(name[:3] for name in MONTH_NAMES)),  # Jan Feb ... Dec
        ("weekday", " ".join(name[:3] for name in WEEKDAY_NAMES)),  # Mon Tue ... Sun
        ("fiscal", "Q1 Q2 Q3 Q4 H1 H2 H3 H4 FY"),
    )
    for w in words.split()
)
# The vocabulary is matched on a lower-cased copy, anywhere in a word.
_WORDS: Final = tuple(
    (w, cls)
    for cls, words in (
        (
            "unit",
            "second minute hour day week fortnight month quarter year decade centur period"
            " time session",
        ),
        ("pod", "morning afternoon evening night noon midday"),
        ("season", "spring summer autumn fall winter"),
        (
            "deictic",
            "today yesterday tomorrow now current recent late soon present moment far date"
            " past future term",
        ),
        ("fiscal", "fiscal financial half"),
        ("spelled", "nineteen twenty thousand"),
        (
            "set",
            "every each daily weekly monthly quarterly annually yearly nightly hourly times",
        ),
    )
    for w in words.split()
)
# Words of the vague references TimeML marks ("the current crisis", "recent history", "at one
# point", "the Douglas era", "their best week since"): scanned on their own, so they never
# take characters from the vocabulary above ("intraday" keeps its "day").
_REF_WORDS: Final = tuple(
    (w, "ref")
    for words in (
        "current recent ongoing history era point stage intraday formerly previously future",
        "term best worst biggest largest strongest weakest sharpest steepest busiest deadliest",
    )
    for w in words.split()
)
_DIGITS: Final = re.compile(r"\d\d*")
# The names start with capitals, rare in text, so one alternation skips to them in C; a
# match inside a word is dropped afterwards (it cannot hide a match at a word start).
_NAME_RE: Final = re.compile("|".join(lit for lit, _ in _NAMES))
_NAME_CLASS: Final = dict(_NAMES)
# How far an expression reaches before and after its trigger word, in characters
# ("as early as the beginning of the first quarter", "Tuesday, March 18, 2025").
_BEFORE: Final = 45
_AFTER: Final = 35
# Letters outside ASCII that case-insensitive matching equates with ASCII ones (long s,
# Kelvin sign, dotted and dotless i): the lower-cased copy does not show them as the
# patterns read them.
_ODD_CASE: Final = re.compile("[\u017f\u212a\u0130\u0131]")

Trigger = tuple[int, int, str]  # start, end, class


def lowered(text: str) -> str:
    """``text`` in lower case, offset for offset."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: offsets would drift
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return low


def plain_lowered(text: str, low: str) -> str | None:
    """The lower-cased copy when it reads every letter as the case-blind patterns do."""
    return None if _ODD_CASE.search(text) else low


def _word_start(text: str, i: int) -> bool:
    if i == 0:
        return True
    ch = text[i - 1]
    return not (ch.isalnum() or ch == "_")  # what ``\b`` reads as a word character


def _occurrences(
    source: str, literals: tuple[tuple[str, str], ...], start: int, stop: int, word_start: bool
) -> list[tuple[int, int, int, str]]:
    found = []
    for rank, (lit, cls) in enumerate(literals):
        i = source.find(lit, start, stop)
        while i != -1:
            if not word_start or _word_start(source, i):
                found.append((i, rank, i + len(lit), cls))
            i = source.find(lit, i + 1, stop)
    return found


def _leftmost(found: list[tuple[int, int, int, str]], start: int) -> list[Trigger]:
    """What a regex alternation of these literals would match, scanning from ``start``."""
    found.sort()
    out: list[Trigger] = []
    pos = start
    for i, _, end, cls in found:
        if i < pos:
            if cls != "digit" or end <= pos:
                continue
            i = pos  # a run of digits partly taken by "Q1": its other digits still count
        out.append((i, end, cls))
        pos = end
    return out


def triggers(text: str, low: str, start: int, stop: int) -> list[Trigger]:
    """The trigger words of ``text[start:stop]``, a run of digits counting as one."""
    names = [
        (m.start(), 0, m.end(), _NAME_CLASS[m.group()])
        for m in _NAME_RE.finditer(text, start, stop)
        if _word_start(text, m.start())
    ]
    names.extend(
        (m.start(), len(_NAMES), m.end(), "digit") for m in _DIGITS.finditer(text, start, stop)
    )
    words = _occurrences(low, _WORDS, start, stop, word_start=False)
    refs = _occurrences(low, _REF_WORDS, start, stop, word_start=True)
    return _leftmost(names, start) + _leftmost(words, start) + _leftmost(refs, start)


def windows(text: str, low: str, start: int, stop: int) -> dict[str, list[tuple[int, int]]]:
    """Per trigger class, the merged stretches of text around its triggers (within a line)."""
    found = triggers(text, low, start, stop)
    found.sort()
    out: dict[str, list[tuple[int, int]]] = {}
    for m_start, m_end, kind in found:
        line_start = text.rfind("\n", start, m_start) + 1
        line_end = text.find("\n", m_end, stop)
        a = max(line_start, start, m_start - _BEFORE)
        b = min(stop if line_end == -1 else line_end, m_end + _AFTER)
        spans = out.setdefault(kind, [])
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    return out
