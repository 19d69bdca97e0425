"""Which quotations are nobody's words: a scare quote, a title, the name of a thing.

A speaker cue is only as good as the quotation it is given to. "Iran called the accusations
“baseless”" is Iran's word, but "the “Make love not spam” campaign" and "a site called
“cheap loans now”" are names that nobody says; giving them the sentence's speaker would put
words in a quote list that the speaker never spoke (``speakers.py`` gives them no cue).
"""

from __future__ import annotations

import re

from .names import NICKNAME
from .quotations import Quotation

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_MARK = re.compile(r"[.!?,;:]")
_SHORT = 3
# A kind of thing right after the closing mark: "the “Make love not spam” campaign".
_THING_AFTER = re.compile(
    r"[”\"’']\s+(?:campaign|screen\s?saver|program(?:me)?|initiative|project|slogan|song|"
    r"album|film|movie|book|novel|show|series|web\s?site|site|tour|exhibition|operation|festival|"
    r"award|prize|brand|motto|app|software|game|policy|doctrine|bill)s?\b"
)
# A verb of naming right before the opening mark: "a site called “…”", "the so-called “…”".
_THING_BEFORE = re.compile(
    r"(?:\b(?:so-called|dubbed|nicknamed|titled|entitled)"
    r"|\b(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:called|named))\s+[“\"‘']$",
    re.I,
)

# ... unless the verb is a passive with its agent after the quotation: "The ruling was called
# “a disgrace” by Senator X" is X's words (but "a book called “X” by Y" is a title).
_PASSIVE_NAMING = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:called|dubbed)\s+[“\"‘']$", re.I
)
_AGENT_AFTER = re.compile(r"[”\"’']\s*,?\s+by\s+(?:the\s+)?[A-Z]")


# A work's title after its kind or its owner: "the reality TV show “The Apprentice,”",
# "MSNBC’s “Morning Joe,”".
_WORK_BEFORE = re.compile(
    r"(?:['’]s|\b(?:show|program(?:me)?|series|film|movie|documentary|book|novel|album|song|"
    r"newspaper|magazine|column|podcast|blog|newsletter|play|musical))\s+[“\"]$"
)
_WORK_WORDS = 6


def titles_a_work(text: str, q: Quotation) -> bool:
    """A quotation that is the title of a show, a book or a paper: every word capitalised
    (short words aside), after its kind or its owner. It reads as a name inside the clause
    around it ("X, host of MSNBC’s “Morning Joe,” said"), not as a quotation ending it."""
    words = WORD.findall(q.text)
    if not words or len(words) > _WORK_WORDS or not words[0][0].isupper():
        return False
    if not all(w[0].isupper() or len(w) <= 3 for w in words):
        return False
    return _WORK_BEFORE.search(text, max(0, q.start - 20), q.start) is not None


def _word_start(text: str, at: int) -> int:
    """Where the word before ``at`` starts."""
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


# A web address alone: "www.moretgage.info", "http://example.org/spam", "makelovenotspam.com".
_WEB_ADDRESS = re.compile(
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|biz|gov|edu|[a-z]{2})"
    r"(?:/\S*)?[,.]?",
    re.I,
)
# A short name alone in brackets right after a name: its alias, no one's words.
_NAME_BRACKET = re.compile(r"[A-Z][\w.’'-]*\s*\(\s*[“\"‘']?$")
_ALIAS = re.compile(r"[”\"’']?\s*\)")


def names_a_thing(text: str, q: Quotation) -> bool:
    """A quotation standing for a thing's name: a common noun after it ("the “X” campaign"),
    or a verb of naming before it ("a site called “X”", not "what he called “X”"), or a
    nickname inside a name, or a web address. (A work's title is ``titles_a_work``.)"""
    if _WEB_ADDRESS.fullmatch(q.text.strip()):
        return True  # "a spammer site called “www.moretgage.info,”"
    if q.text.endswith(",") and _THING_BEFORE.search(text, max(0, q.start - 40), q.start):
        return True  # the comma American style sets inside the closing mark
    if q.text.rstrip().endswith((".", ",", "!", "?", ":", ";")):
        return False
    nickname = q.start > 3 and NICKNAME.match(text, _word_start(text, q.start - 2))
    if nickname and nickname.span(1) == (q.start - 2, q.end + 2):
        return True  # Sgt. Frank "Greg" Ford
    if _ALIAS.match(text, q.end) and _NAME_BRACKET.search(text, max(0, q.start - 40), q.start):
        return True  # President Luiz Inacio Lula da Silva ("Lula")
    if _AGENT_AFTER.match(text, q.end) and _PASSIVE_NAMING.search(
        text, max(0, q.start - 30), q.start
    ):
        return False
    return (
        _THING_AFTER.match(text, q.end) is not None
        or _THING_BEFORE.search(text, max(0, q.start - 40), q.start) is not None
    )


# Short words a title leaves in lower case ("Like a Rolling Stone", "Thank God it's Them").
_MINOR = frozenset({"with", "from", "into", "onto", "upon", "over", "than", "it's", "it’s"})
_TITLE_WORDS = 10


def titled(quote: str) -> bool:
    """A work's or a thing's title: every word capitalised but the short ones ("The Lost Son,",
    "And Tonight Thank God it's Them Instead of You"). The comma that American style sets
    inside the closing mark is not the title's; a subtitle after a colon is ("CI Team Red: An
    Army Counterintelligence Novel")."""
    body = quote.rstrip().removesuffix(",")
    parts = [WORD.findall(part) for part in body.split(": ")]
    words = [w for part in parts for w in part]
    if not 2 <= len(words) <= _TITLE_WORDS or len(parts) > 2:
        return False
    if _SENTENCE_MARK.search(body.replace(": ", " ")):
        return False
    capitalised = [w for w in words if w[0].isupper()]
    small = (w for w in words if not w[0].isupper())
    return (
        all(part and part[0][0].isupper() for part in parts)
        and len(capitalised) >= 2
        and all(len(w) <= 3 or w.lower() in _MINOR for w in small)
    )


def not_speech(quote: str) -> bool:
    """A scare quote ("ironclad") or a title ("War and Peace"), when no verb says it is said."""
    if titled(quote):
        return True
    words = WORD.findall(quote)
    return len(words) <= _SHORT and not quote.rstrip().endswith((".", "!", "?", ",", "…"))
