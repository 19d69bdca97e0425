"""Free text the model writes, checked against the article like every span is.

Unit ids are checked by lookup; the headline, abstract, key points, topics and (from large
models) views and event phrases are the model's own words, and a server could fill them with
claims the article never makes ("Putin resigned today"). What can be checked without a second
model is checked: every **name** (a capitalised word), **number** and **date** in that text must
occur in the article:

* a capitalised word occurs in the article as a word, in any case, or shares its stem with one
  ("Ukrainian" beside "Ukraine");
* a number occurs in the article as written (thousands separators aside);
* a date expression occurs in the article as written, or resolves (against the publication
  date) to the value of one of the article's date mentions, or to a coarser period holding one.

Nothing else is judged: a verb the article does not use is the model's paraphrase. Text that
carries a unit marker (``[Q7]``, ``[S3``, a lone bracket) is refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .index import ArticleIndex
from .index.sentences import split_sentences
from .index.tagger import tag_dates

_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d")
_WORD = re.compile(r"\w+")
# A unit id the model copied from the prompt, or the bracket a length cap left behind.
MARKER = re.compile(r"\[\s*[SQDAT]\d+\s*\]?|\b[SQDAT]\d+\]|\[\s*[SQDAT]?\s*$")
_STEM = 5  # letters a word must share with an article word at least, to count as its stem


@dataclass
class ArticleFacts:
    """What free text may name: the article's words, numbers and date values."""

    index: ArticleIndex
    _cache: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(w.casefold() for w in _WORD.findall(self.index.text))

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(w[:n] for w in self.words for n in range(_STEM, len(w) + 1))

    @cached_property
    def numbers(self) -> frozenset[str]:
        return frozenset(_plain(n) for n in _NUMBER.findall(self.index.text))

    @cached_property
    def date_values(self) -> frozenset[str]:
        return frozenset(d.value for d in self.index.dates if d.value)

    @cached_property
    def folded_text(self) -> str:
        return " ".join(self.index.text.casefold().split())

    def unsupported(self, text: str) -> list[str]:
        """The names, numbers, dates and markers of ``text`` the article does not support."""
        if text in self._cache:
            return self._cache[text]
        markers = list(MARKER.finditer(text))
        bad = [m[0] for m in markers]
        dated: list[tuple[int, int]] = [m.span() for m in markers]
        for mention in tag_dates(text, self.index.published, split_sentences(text)):
            dated.append((mention.start, mention.end))
            if not self._date_ok(mention.text, mention.value):
                bad.append(mention.text)
        for m in _NUMBER.finditer(text):
            if not _inside(m, dated) and _plain(m[0]) not in self.numbers:
                bad.append(m[0])
        for m in _CAPITALISED.finditer(text):
            word = re.sub(r"['’]s$", "", m[0])  # "Merkel's" names Merkel
            if not _inside(m, dated) and not self._word_ok(word):
                bad.append(word)
        out = list(dict.fromkeys(bad))
        self._cache[text] = out
        return out

    def shares_words(self, text: str) -> bool:
        """Whether a content word of ``text`` (or its stem) is the article's: a topic sharing
        none is an example the model copied, not one of this article's issues."""
        words = [w.casefold() for w in _WORD.findall(text) if len(w) >= 4]
        return not words or any(w in self.words or self._stem_ok(w) for w in words)

    def _word_ok(self, word: str) -> bool:
        parts = [p.casefold() for p in _WORD.findall(word)]
        return all(p in self.words or self._stem_ok(p) for p in parts)

    def _stem_ok(self, word: str) -> bool:
        n = max(_STEM, len(word) - 3)
        return len(word) >= _STEM and word[:n] in self.stems

    def _date_ok(self, written: str, value: str | None) -> bool:
        if " ".join(written.casefold().split()) in self.folded_text:
            return True
        if value is None:
            return False
        return any(v == value or v.startswith(value) for v in self.date_values)


def _inside(m: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """Whether a match starts inside a date mention or a marker, judged as a whole already."""
    return any(a <= m.start() < b for a, b in spans)


def _plain(number: str) -> str:
    """A number as compared: "1,000" and "1000" alike, "3.5" kept."""
    return number.replace(",", "").rstrip(".")


def sentences_of(text: str) -> list[str]:
    """Free text cut into its sentences (each checked, and dropped, on its own)."""
    return [text[s.start : s.end] for s in split_sentences(text)] or ([text] if text else [])
