"""The sentences a key point rests on: those sharing most of its content words.

A key point is the model's sentence, not a unit id, so its source is found by comparison: the
sentence of the article sharing most of the point's content words (by stem, so "talks" meets
"talk"), and a second one when it adds words the first lacks ("X met Y; they agreed Z" drawn
from two sentences). A point that shares fewer than two content words with every sentence
rests on nothing the article says, and is dropped by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .index import Sentence

_WORD = re.compile(r"[^\W_]+")
_STEM = 5
_MIN_SHARED = 2
# Words that carry no content of their own in a summary line.
FUNCTION_WORDS = frozenset(
    {
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "have",
        "has",
        "had",
        "was",
        "were",
        "will",
        "would",
        "could",
        "should",
        "been",
        "their",
        "there",
        "they",
        "them",
        "then",
        "than",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "after",
        "before",
        "while",
        "also",
        "its",
        "his",
        "her",
        "our",
        "your",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "not",
        "but",
        "are",
        "is",
        "be",
        "said",
        "says",
        "told",
        "more",
        "most",
        "some",
        "such",
        "other",
        "only",
        "very",
        "just",
        "being",
    }
)


def content_stems(text: str, stem: int = _STEM) -> set[str]:
    """Stems of the words that carry content: four letters or more, or a number."""
    words = (w.casefold() for w in _WORD.findall(text))
    return {w[:stem] for w in words if (len(w) >= 4 and w not in FUNCTION_WORDS) or w.isdigit()}


def supporting_sentences(point: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The one or two sentences ``point`` rests on, in article order; none when it rests on
    nothing (fewer than two shared content words with every sentence)."""
    want = content_stems(point)
    if not want:
        return []
    scored = [(len(want & content_stems(s.text)), s) for s in sentences]
    scored = [(n, s) for n, s in scored if n >= min(_MIN_SHARED, len(want))]
    if not scored:
        return []
    scored.sort(key=lambda pair: (-pair[0], pair[1].start))
    first = scored[0][1]
    left = want - content_stems(first.text)
    second = max(
        ((len(left & content_stems(s.text)), s) for _, s in scored[1:]),
        key=lambda pair: pair[0],
        default=(0, first),
    )
    cited = [first] + ([second[1]] if second[0] >= _MIN_SHARED else [])
    return sorted(cited, key=lambda s: s.start)
