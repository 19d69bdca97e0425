"""Timeline events read off the article itself, for models too small to label them.

A 1.5B model asked for "the event this date expression dates" writes a plausible phrase about
some other sentence about half the time (read on the seed's recorded answers). Its dates were
right only because they are looked up. So for the bundled model
the event is the clause around its date mention, quoted from the sentence, and its status comes
from the sentence's tense (the resolver's tense cues): nothing to misplace, and no tokens spent.
"""

from __future__ import annotations

import re
from typing import Final

from .dates.text import tense_at
from .draft import EventStatus
from .index import DateMention, Sentence

_CLAUSE_BREAK: Final = re.compile(
    r"(?:[,;:—–]|(?<=[a-z]{3})[.?!…])[\"'”’]?\s|\s(?:and|but|while|whereas|which|after|before)\s"
)
_MAX_WORDS: Final = 14
_STATUS: Final[dict[str, EventStatus]] = {"past": "past", "future": "scheduled"}


def clause_event(sentence: Sentence, mention: DateMention) -> tuple[str, EventStatus]:
    """The clause of ``sentence`` holding ``mention``, at most 14 words, and its status."""
    text, base = sentence.text, sentence.start
    at, end = mention.start - base, mention.end - base
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, at):
        left = m.end()
    right_break = _CLAUSE_BREAK.search(text, end)
    right = right_break.start() if right_break else len(text)
    if right_break and len(text[left:right].split()) - len(mention.text.split()) < 3:
        # "On Friday, the Kremlin revealed ...": the date opens the clause that follows.
        further = _CLAUSE_BREAK.search(text, right_break.end())
        right = further.start() if further else len(text)
    words = text[left:right].split()
    if len(words) > _MAX_WORDS:  # keep the words nearest the date
        before = len(text[left:at].split())
        start = max(0, min(before - _MAX_WORDS // 2, len(words) - _MAX_WORDS))
        words = words[start : start + _MAX_WORDS]
    phrase = " ".join(words).strip(" \"'“”‘’.,;:")
    tense = tense_at(text, (at, end))
    return phrase, _STATUS.get(tense, "ongoing")
