"""Direct quotations found deterministically, before the model sees the article.

The model is shown these numbered quotations and only says who spoke each one, so every quote
in the output is the article's own text by construction: a small model cannot garble, merge
or invent a quotation, it can at most attribute one wrongly (and the rules' speaker cues,
``index/speakers.py``, give it the text's own answer first).

Conventions handled: curly double quotes (“…”), straight double quotes ("…"), “…" and "…”
typed with mixed marks, "…'' as old wire copy closes, curly single quotes (‘…’) and short
straight single quotes ('…') used for scare quotes; a straight mark that is a mis-encoded
apostrophe ("Bush"s") or shaped as a stray close ("the workers" wages") opens nothing. A
double-quoted passage left open at the end of a paragraph ends there: news style re-opens a
quotation that runs on into the next paragraph without closing the first one. A “…” nested
in a “…” is part of the outer quotation, as a ‘…’ nested in it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from .sentences import sentence_at
from .units import Sentence


@dataclass(frozen=True)
class Quotation:
    """One quoted passage: ``text`` is ``article[start:end]``, without the quotation marks."""

    number: int
    text: str
    start: int
    end: int


_OPEN_CLOSE = {"“": "”", "‘": "’"}
# Single straight quotes double as apostrophes: only short, same-line passages count.
_MAX_SINGLE = 80


def find_quotations(text: str, *, limit: int | None = None) -> list[Quotation]:
    """Every quoted passage in reading order, numbered from 1."""
    spans: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    for k, (start, end) in enumerate(paragraphs):
        nxt = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else len(text)
        runs_on = _DOUBLE_MARK.match(text, nxt) is not None
        spans.extend(_double_quoted(text, start, end, runs_on=runs_on))
        spans.extend(_single_quoted(text, start, end, taken=spans))
    spans.sort()
    out: list[Quotation] = []
    for start, end in spans:
        # Trim whitespace inside the marks so offsets point at words.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start < 1 or not any(ch.isalnum() for ch in text[start:end]):
            continue
        out.append(Quotation(len(out) + 1, text[start:end], start, end))
        if limit is not None and len(out) >= limit:
            break
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines with words, each from its first non-blank character."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\s][^\n]*", text)]


# A straight mark between a word and an ending of a contraction or possessive is an
# apostrophe typed wrong ("Bush"s", "don"t"), as text scraped through a bad encoding has it:
# never a quotation's mark (but "waxed poetic about"joint operations …" opens one).
_DOUBLE_MARK = re.compile(r'“|"(?!(?<=[^\W\d_]")(?:s|t|re|ll|ve|d|m)\b)')


def _double_quoted(text: str, start: int, end: int, *, runs_on: bool) -> list[tuple[int, int]]:
    """``runs_on``: the next paragraph opens with a quotation mark, so a quotation left open
    at the end of this one runs on into it (Said X: "First paragraph … ¶ "Second …")."""
    spans: list[tuple[int, int]] = []
    i = start
    while (m := _DOUBLE_MARK.search(text, i, end)) is not None:
        i = m.start()
        if text[i] == "“":
            close = _nested_close(text, i, end)
            if close == -1 and not runs_on:
                # Typed with mixed marks, “…" closes at the straight one (a quotation that
                # runs on into the next paragraph keeps its words to the end of this one).
                close = text.find('"', i + 1, end)
            stop = close if close != -1 else end
            spans.append((i + 1, stop))
            i = stop + 1
        elif i > start and text[i - 1].isalnum() and (i + 1 == end or text[i + 1].isspace()):
            i += 1  # shaped as a close, it opens nothing: "the workers" wages" (a stray mark)
        else:
            close = text.find('"', i + 1, end)
            wire = text.find("''", i + 1, close if close != -1 else end)
            if wire != -1:
                close = wire  # "…'' as old wire copy closes
            if close == -1:
                close = text.find("”", i + 1, end)  # "…” typed with mixed marks
            if close == -1:
                # An unmatched straight quote opening a paragraph, or one the next paragraph
                # re-opens, runs to its end (news style); else it is a stray mark, ignored.
                if runs_on or text[start:i].strip() == "":
                    spans.append((i + 1, end))
                break
            spans.append((i + 1, close))
            i = close + 1
    return spans


def _nested_close(text: str, i: int, end: int) -> int:
    """The ”‑mark closing the “ at ``i``: past any “…” nested in it with the same marks
    ("“I'd rather live in what he calls “hell” than …”"); the first ” when the marks do not
    balance before ``end`` (-1 when there is none)."""
    depth = 0
    for m in _CURLY.finditer(text, i + 1, end):
        if m.group() == "“":
            depth += 1
        elif depth == 0:
            return m.start()
        else:
            depth -= 1
    return text.find("”", i + 1, end)


_CURLY = re.compile("[“”]")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))(['‘])(?=\w)")


def _single_quoted(
    text: str, start: int, end: int, *, taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    para = text[start:end]
    for m in _SINGLE_OPEN.finditer(para):
        mark = m.group(1)
        open_at = start + m.start(1)
        if any(a <= open_at < b for a, b in taken) or any(a <= open_at < b for a, b in spans):
            continue  # nested inside a double-quoted passage: part of that quote
        closer = _OPEN_CLOSE.get(mark, "'")
        j = open_at + 1
        while j < end and j - open_at <= _MAX_SINGLE:
            if text[j] == closer and text[j - 1] != " ":
                after = text[j + 1] if j + 1 < end else " "
                if not after.isalnum():
                    spans.append((open_at + 1, j))
                    break
            j += 1
    return spans


# A full stop outside quotation marks (the text is masked): where a line's sentence ends.
_FULL_STOP = re.compile(r"[.!?](?=\s|$)")


def quotation_bounds(
    text: str, hidden: str, sentences: Sequence[Sentence], starts: list[int], q: Quotation
) -> tuple[int, int, int, int]:
    """The sentences a quotation stands in (start, end), its paragraph, and its line start.
    Without sentences, its line cut at the full stops outside quotation marks."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = len(text) if (e := text.find("\n", q.end)) == -1 else e
    first = sentence_at(sentences, starts, q.start)
    last = sentence_at(sentences, starts, q.end - 1)
    if first is not None and last is not None:
        return first.start, last.end, first.paragraph, line_start
    stops = [m.end() for m in _FULL_STOP.finditer(hidden, line_start, line_end)]
    low = max((x for x in stops if x <= q.start), default=line_start)
    high = min((x for x in stops if x > q.end), default=line_end)
    if q.text.endswith((".", "!", "?")) and text[q.end + 1 : high].lstrip()[:1].isupper():
        high = q.end + 1  # “It is over.” He left.
    return low, high, text.count("\n", 0, q.start), line_start


# Between two quotations of one list: "“A” and “B”", "“A”, “B” or “C”".
_JOINS = re.compile(r",?\s+(?:and|or)\s+[“\"‘']?|,\s+[“\"‘']?")


def list_end(hidden: str, run: Sequence[Quotation], high: int) -> int | None:
    """Where a list of quotations that ``run`` opens ends ("“A”, “B” and “C”"), within its
    sentence ending at ``high``; None when the next quotation is no part of one."""
    end = None
    for q, r in pairwise(run):
        if r.end >= high or not _JOINS.fullmatch(hidden, q.end + 1, r.start - 1):
            break
        end = r.end + 1
    return end
