"""The article's topics read off the words its view units share, for a model too small to
name them.

Asked for the issues of an article, the bundled 1.5B model names the story instead ("Ukraine
war", "Russia-Ukraine conflict"), so every stance is about the same thing and its kind says
little. The issues a reader lists are the things that two or more views of the article talk
about: the ceasefire several speakers are for or against, the peacekeepers one state offers
and another dismisses. So a topic here is a word that:

* occurs in at least two views (a unit's sentence: ``positions.view_units``; one sentence
  in which two holders speak holds two), not right after "to" or "would" there, and written
  in lower case or as an acronym (not "Air *Force* One");
* is used as a noun somewhere in the article: after a determiner, a possessive, a
  preposition, a number or another word of its phrase ("a 30-day *ceasefire*", "the idea of
  *peacekeepers*", "Ukraine's *NATO* aspirations");
* is nobody's name among the holders (their views are *about* something), no date, title,
  speech or stance word, and not in most of the article's sentences (that is the story, not
  one of its issues).

Words are compared by their first seven letters ("peacekeepers" meets "peacekeeping",
"election" meets "elections"). A word whose view sentences all hold an already chosen,
more frequent word adds nothing ("force" beside "peacekeeping force") and is skipped, as is
one written in an earlier topic's phrase ("peace agreement" after "peace"). The
label is the phrase the article most often writes around the word ("30-day ceasefire"),
never more than three of its words, so it always passes the claim check. Topics that more
holders talk about come first: an issue is what several parties take a stance on.

Each unit then sits under every topic its sentence names (one sentence may demand three
things), and its kind is read off the clause that names the topic (``stance_rules``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .draft import MAX_TOPICS, StanceKind
from .index.lexicon import (
    AUXILIARIES,
    MONTHS,
    NATIONALITIES,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STOPWORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    VAGUE_WORDS,
    WEEKDAYS,
)
from .stance_rules import is_cue_word, stance_kind
from .support import FUNCTION_WORDS

STEM = 7
# A word in more than this share of the sentences is the story itself.
_STORY_SHARE = 0.4
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
# Words before a noun: "a ceasefire", "the idea of peacekeepers", "its NATO aspirations".
_NOUN_BEFORE = frozenset(
    [
        "a",
        "an",
        "the",
        "its",
        "their",
        "his",
        "her",
        "our",
        "any",
        "all",
        "no",
        "this",
        "these",
        "those",
        "of",
        "for",
        "on",
        "about",
        "over",
        "against",
        "with",
        "without",
        "new",
        "more",
    ]
)
# Words after which a word is a verb, not a noun: "would agree", "to send".
_VERB_BEFORE = frozenset(
    [
        "to",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "not",
        "cannot",
        "did",
        "does",
        "do",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
    ]
)
# Verbs a view is held with, not what it is about ("must", "would").
_AUXILIARY = _VERB_BEFORE | {w.casefold() for w in AUXILIARIES}
_HEAD_END = re.compile(r"[;:—–,]|\sthat\s")
_CLAUSE = re.compile(r"[;:—–]|,\s+(?:and\s+|but\s+)?that\s|,\s+(?:and|but|while)\s|\s+but\s")


@dataclass(frozen=True)
class TopicTerm:
    """One topic: the stem that names it and the label shown."""

    stem: str
    label: str


def stem_of(word: str) -> str:
    return word.casefold().replace("’", "'").split("'")[0][:STEM]


def _tokens(text: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in _WORD.finditer(text)]


def _excluded(word: str, names: set[str]) -> bool:
    w = word.casefold().replace("’", "'").split("'")[0]
    title = w.capitalize()
    return (
        len(w) < 4
        or w[0].isdigit()
        or w in FUNCTION_WORDS
        or w in names
        or w in _AUXILIARY
        or title in STOPWORDS
        or title in MONTHS
        or title in WEEKDAYS
        or title in NATIONALITIES
        or w in _TITLE_WORDS
        or w in SPEECH_VERBS
        or w in VAGUE_WORDS
        or w.endswith("ly")
        or is_cue_word(w)
    )


_TITLE_WORDS = frozenset(w.casefold() for w in TITLE_HEADS | ROLE_NOUNS | TITLE_MODIFIERS)


def find_topics(
    views: Sequence[tuple[str, str]],
    sentences: Sequence[str],
    holder_names: Iterable[str],
    *,
    most: int = MAX_TOPICS,
) -> list[TopicTerm]:
    """The article's topics, the most talked about first (see the module docstring).

    ``views``: (sentence with its quotations, holder) for every view unit; ``sentences``:
    every sentence of the article; ``holder_names``: the names (and their other forms) of
    those who hold the views."""
    names = {w.casefold() for n in holder_names for w, _ in _tokens(n)}
    banned = {stem_of(w) for w in names} | {stem_of(w) for w in _TITLE_WORDS}
    in_views: dict[str, set[int]] = {}
    holders: dict[str, set[str]] = {}
    for i, (text, holder) in enumerate(views):
        tokens = _tokens(text)
        for j, (word, _) in enumerate(tokens):
            stem = stem_of(word)
            if _excluded(word, names) or stem in banned or not _common(word):
                continue
            if not j or tokens[j - 1][0].casefold() not in _VERB_BEFORE:
                in_views.setdefault(stem, set()).add(i)
                holders.setdefault(stem, set()).add(holder)
    used: Counter[str] = Counter()
    nouns: set[str] = set()
    phrases: dict[str, Counter[str]] = {}
    for sentence in sentences:
        tokens = _tokens(sentence)
        used.update({stem_of(w) for w, _ in tokens})
        for j, (word, _) in enumerate(tokens):
            if (stem := stem_of(word)) in in_views:
                phrases.setdefault(stem, Counter())[_phrase(tokens, j, names)] += 1
                if _is_noun_use(tokens[j - 1][0] if j else "", j, names):
                    nouns.add(stem)
    limit = max(2.0, _STORY_SHARE * len(sentences))
    candidates = [
        s for s, found in in_views.items() if len(found) >= 2 and s in nouns and used[s] <= limit
    ]
    candidates.sort(key=lambda s: (-len(holders[s]), -len(in_views[s]), -used[s], s))
    labels = {s: _label(phrases[s]) for s in candidates}
    chosen: list[str] = []
    for stem in candidates:
        if any(in_views[stem] <= in_views[c] or _joined(labels[stem], c) for c in chosen):
            continue
        chosen.append(stem)
        if len(chosen) == most:
            break
    return [TopicTerm(stem=s, label=labels[s]) for s in chosen]


def _joined(label: str, stem: str) -> bool:
    """Whether a topic's label holds another topic's word ("peace agreement", "peace")."""
    return any(stem_of(w) == stem for w, _ in _tokens(label))


def _common(word: str) -> bool:
    """A common noun or an acronym ("ceasefire", "NATO"), not part of a name ("Air Force
    One") or a sentence's capitalised first word."""
    return word.islower() or (word.isupper() and len(word) >= 2)


def _is_noun_use(before: str, position: int, names: set[str]) -> bool:
    b = before.casefold().replace("’", "'")
    if not before or b in _VERB_BEFORE:
        return False
    return (
        b in _NOUN_BEFORE
        or b.endswith("'s")
        or before[0].isdigit()
        or "-" in before
        or (before[0].isupper() and position > 1 and b not in names)
        or not _excluded(before, names)
    )


def _phrase(tokens: list[tuple[str, int]], j: int, names: set[str]) -> str:
    """The word with up to two words of its phrase before it ("30-day ceasefire")."""
    start = j
    while start > max(0, j - 2):
        word = tokens[start - 1][0]
        if word.casefold() in names or word.casefold() in FUNCTION_WORDS or "'" in word:
            break
        if word[0].isupper() and start - 1 == 0:
            break
        if not (word[0].isdigit() or "-" in word or not _excluded(word, names) or word.isupper()):
            break
        start -= 1
    words = [w for w, _ in tokens[start : j + 1]]
    words[-1] = re.sub(r"[’']s$", "", words[-1])
    return " ".join(words)


def _label(forms: Counter[str]) -> str:
    """The phrase written most often, the longest on a tie; the bare word when no phrase
    recurs."""
    best = max(forms.items(), key=lambda kv: (kv[1], len(kv[0].split()), kv[0]))
    if best[1] >= 2:
        return best[0]
    words = Counter(f.split()[-1] for f in forms.elements())
    return max(words.items(), key=lambda kv: (kv[1], kv[0]))[0]


def head_clause(text: str) -> str:
    """What comes before the first clause or "that": the speech or stance verb that governs
    the rest ("Moscow has insisted that …")."""
    m = _HEAD_END.search(text)
    return text[: m.start()] if m else text


def named_topics(text: str, terms: Sequence[TopicTerm]) -> list[tuple[int, str]]:
    """The topics ``text`` is about, with the clause about each: the first topic each clause
    names (a clause is about one thing: "send a peacekeeping force to oversee any
    ceasefire" is about the force), each topic once, in reading order."""
    by_stem = {t.stem: i for i, t in enumerate(terms)}
    out: dict[int, str] = {}
    start = 0
    for cut in [*(m.start() for m in _CLAUSE.finditer(text)), len(text)]:
        clause = text[start:cut]
        start = cut
        first = next((by_stem[s] for w, _ in _tokens(clause) if (s := stem_of(w)) in by_stem), None)
        if first is not None:
            out.setdefault(first, clause)
    return list(out.items())


def topic_kind(clause: str, stem: str) -> StanceKind:
    """The kind ``clause`` takes toward the topic it names: against what it sets itself
    against ("protect its security against … NATO's expansion"), else its cue words."""
    tokens = [w.casefold() for w, _ in _tokens(clause)]
    at = next((j for j, w in enumerate(tokens) if stem_of(w) == stem), None)
    if at is not None and "against" in tokens[:at]:
        return "against"
    return stance_kind(clause)
