"""Cutting a long article into windows that each fit the model's context, on its own structure.

A window is a span of the article made of whole paragraphs; a paragraph too long for a window
alone is cut between its sentences. A cut falls only at the start of a sentence (so no
sentence or date mention is ever cut) and never inside a quotation (a quotation running over
several sentences or paragraphs stays in one window). The article index stays the whole
article's: a window is only a span, so its S/Q/D ids, offsets and actors are the global ones.

Windows are contiguous and cover the text from 0 to its end: what lies between two
paragraphs goes with the window before the next one, so every character is in exactly one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .index import ArticleIndex, Sentence
from .index.quotations import Quotation

# Whether the span [start, end) fits one request (the caller renders and counts it).
Fits = Callable[[int, int], bool]


@dataclass(frozen=True)
class Window:
    """One request's part of the article: ``[start, end)`` with its own quotations."""

    start: int
    end: int
    quotations: tuple[Quotation, ...]

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def cut_points(index: ArticleIndex, start: int, end: int) -> tuple[list[int], list[int]]:
    """Where ``[start, end)`` may be cut: (paragraph starts, other sentence starts), each a
    sentence start strictly inside the span that no quotation straddles."""
    inside = [s for s in index.sentences if start < s.start < end]
    allowed = [s for s in inside if not _in_quotation(index.quotations, s.start)]
    paragraph = [s.start for s in allowed if _opens_paragraph(index.sentences, s)]
    return paragraph, [s.start for s in allowed]


def plan(index: ArticleIndex, fits: Fits, start: int = 0, end: int | None = None) -> list[Window]:
    """The fewest windows, greedily from the top, each fitting by ``fits`` where it can.

    Paragraphs are packed while the window still fits; a paragraph that does not fit alone is
    packed sentence by sentence. A piece that cannot be cut and does not fit (one sentence, or
    one quotation, longer than a window) becomes a window of its own: the server then says so.
    """
    end = len(index.text) if end is None else end
    paragraphs, sentences = cut_points(index, start, end)
    bounds = [start, *paragraphs, end]
    pieces: list[int] = []  # the start of every piece, in order; the last piece ends at ``end``
    for lo, hi in itertools.pairwise(bounds):
        if fits(lo, hi):
            pieces.append(lo)
        else:
            pieces.extend([lo, *(c for c in sentences if lo < c < hi)])
    pieces.append(end)
    cuts = [start]
    for i in range(1, len(pieces) - 1):
        # Close the window before piece i when adding it would no longer fit.
        if not fits(cuts[-1], pieces[i + 1]):
            cuts.append(pieces[i])
    cuts.append(end)
    return [
        Window(lo, hi, tuple(q for q in index.quotations if lo <= q.start < hi))
        for lo, hi in itertools.pairwise(cuts)
        if hi > lo
    ]


def _in_quotation(quotations: Sequence[Quotation], at: int) -> bool:
    """A cut at ``at`` would separate a quotation from its opening mark or split its words."""
    return any(q.start - 1 < at < q.end for q in quotations)


def _opens_paragraph(sentences: Sequence[Sentence], s: Sentence) -> bool:
    before = s.number - 2  # sentences are numbered from 1, in order
    return before < 0 or sentences[before].paragraph != s.paragraph
