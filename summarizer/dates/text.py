"""Text helpers for :mod:`summarizer.dates`: normalisation, vocabulary, tense cues.

Kept apart from the rules so the vocabulary (number words, tense cue words; the
month and weekday names come from ``calendar.py``) can be read and extended in
one place. Everything here is pure and compiled once at import time.
"""

from __future__ import annotations

import itertools
import operator
import re
from typing import Final

from summarizer.dates.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    Tense,
)

# A name's first three letters, lower case: "sep" -> 9, "thu" -> 3 (``month_no``, ``weekday_no``).
MONTHS: Final = {name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, start=1)}
WEEKDAYS: Final = {name[:3].lower(): n for n, name in enumerate(WEEKDAY_NAMES)}
PARTS_OF_DAY: Final = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
}
ORDINALS: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
}
_SMALL: Final = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a couple of": 2,
    "a dozen": 12,
    "dozen": 12,
}
_TENS: Final = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
}
_VAGUE: Final = ("a few", "few", "several", "many", "some", "a number of")
DECADE_WORDS: Final = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _name_or_short(name: str, shorts: tuple[str, ...]) -> str:
    """A name or any of its short forms, each a prefix of the next, as nested optional tails:
    "September" with "Sep", "Sept" -> ``sep(?:t(?:ember)?)?``."""
    forms = sorted({s.lower() for s in shorts if name.startswith(s)} | {name.lower()}, key=len)
    pattern = ""
    for shorter, longer in reversed(list(itertools.pairwise(forms))):
        pattern = f"(?:{longer[len(shorter) :]}{pattern})?"
    return forms[0] + pattern


# --- regex fragments (lower-case text) -------------------------------------------
MON: Final = (
    "(?P<mon>"
    + "|".join(_name_or_short(name, MONTH_ABBREVIATIONS) for name in MONTH_NAMES)
    + r")\.?"
)
WD: Final = (
    "(?P<wd>"
    + "|".join(_name_or_short(name, WEEKDAY_ABBREVIATIONS) for name in WEEKDAY_NAMES)
    + r")\.?"
)
OPT_WD: Final = (
    "(?:(?:"
    + "|".join(name.lower() for name in WEEKDAY_NAMES)
    + "),? |(?:"
    + "|".join(short.lower() for short in WEEKDAY_ABBREVIATIONS)
    + r")\.?,? )?"
)
DAY: Final = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR: Final = r"(?P<year>[12]\d{3}|'\d{2})"
POD: Final = r"(?P<pod>morning|afternoon|evening|night)"
_num_words = sorted([*_SMALL, *_TENS, *_VAGUE], key=len, reverse=True)
NUM: Final = (
    r"(?P<num>\d+(?:\.\d+)?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine))|"
    + "|".join(re.escape(w) for w in _num_words)
    + ")"
)
UNIT: Final = (
    r"(?P<unit>days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies)|hours?|minutes?)"
)
ORD: Final = (
    r"(?P<ord>" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"|\d{1,2}(?:st|nd|rd|th))"
)

# --- normalisation -----------------------------------------------------------------
_QUOTES: Final = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
# Replacements as functions: a template string ("\\1") is parsed in Python on every call.
_FIRST: Final = operator.itemgetter(1)
_QUOTE_CHARS: Final = re.compile("[\u2019\u2018\u201c\u201d\u2013\u2014\u00a0]")
_FIXES: Final = (
    (re.compile(r"``|''"), '"'),
    # Every whitespace run to one space; a lone space (most of them) is left as it is.
    (re.compile(r"\s{2,}|[^\S ]"), " "),
    # From here on whitespace is single spaces.
    (re.compile(r" ([,.;:!?%)\]])"), _FIRST),
    (re.compile(r"([(\[$]) "), _FIRST),
)
_CLITIC: Final = re.compile(r"(\w) (n't|'s|'ll|'re|'ve|'d)\b", re.I)


def normalize(s: str) -> str:
    """Undo tokeniser spacing ("July 24 , 2003", "today 's") and unify quotes, so
    the expression and its sentence compare equal however they were split."""
    if _QUOTE_CHARS.search(s):
        s = s.translate(_QUOTES)
    for pat, rep in _FIXES:
        s = pat.sub(rep, s)
    # A split clitic needs " '" or " n'": a quick test spares the slow case-blind pattern.
    if " '" in s or " n'" in s or " N'" in s:
        s = _CLITIC.sub(lambda m: m[1] + m[2], s)
    return s.strip()


def number(word: str) -> int | None:
    """Integer value of a number word or digits; None for vague counts ("several")."""
    w = word.lower().strip()
    if w.replace(".", "", 1).isdigit():
        return int(float(w))
    if w in _SMALL:
        return _SMALL[w]
    if w in _TENS:
        return _TENS[w]
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _SMALL:
        return _TENS[parts[0]] + _SMALL[parts[1]]
    return None


def ordinal(word: str) -> int:
    """Value of "third", "3rd", "twenty-first"."""
    w = word.lower()
    return ORDINALS[w] if w in ORDINALS else int(re.sub(r"\D", "", w))


def month_no(word: str) -> int:
    """Month number of a month name or abbreviation."""
    return MONTHS[word.lower()[:3]]


def weekday_no(word: str) -> int:
    """Monday=0 ... Sunday=6 for a weekday name or abbreviation."""
    return WEEKDAYS[word.lower()[:3]]


# --- tense -------------------------------------------------------------------------
# Weights: positive means the sentence talks about the future of the publication
# date, negative its past. Each cue counts less the further it is from the expression.
_CUES: Final[dict[str, float]] = {
    "will": 1.0,
    "won't": 1.0,
    "shall": 1.0,
    "scheduled": 1.0,
    "slated": 1.0,
    "upcoming": 1.0,
    "forthcoming": 1.0,
    "planned": 0.8,
    "expected": 0.8,
    "intention": 0.8,
    "next": 1.0,
    "tomorrow": 2.5,
    "until": 1.0,
    "till": 1.0,
    "soon": 0.8,
    "may": 0.4,
    "might": 0.4,
    "could": 0.3,
    "should": 0.5,
    "would": 0.3,
    "going": 0.3,
    "due": 0.3,
    "set": 0.3,
    "later": 0.3,
    "by": 0.3,
    "said": -1.0,
    "told": -1.0,
    "was": -1.0,
    "were": -1.0,
    "had": -1.0,
    "did": -1.0,
    "ago": -1.5,
    "yesterday": -2.5,
    "last": -1.0,
    "since": -1.0,
    "earlier": -0.6,
    "previously": -0.8,
    "recently": -0.6,
}
_IRREGULAR_PAST: Final = frozenset(
    [
        "made",
        "took",
        "gave",
        "came",
        "went",
        "got",
        "began",
        "met",
        "held",
        "left",
        "rose",
        "fell",
        "won",
        "lost",
        "sent",
        "spoke",
        "saw",
        "found",
        "became",
        "brought",
        "bought",
        "thought",
        "kept",
        "paid",
        "ran",
        "led",
        "sold",
        "stood",
        "grew",
        "knew",
        "drew",
        "threw",
        "flew",
        "chose",
        "broke",
        "spent",
        "built",
        "felt",
        "heard",
        "meant",
        "sat",
        "struck",
        "fought",
        "caught",
        "taught",
        "sought",
        "wrote",
        "withdrew",
        "underwent",
        "forgave",
        "overtook",
        "slid",
        "sank",
        "shrank",
        "swung",
        "bore",
        "tore",
        "wore",
        "hid",
        "rode",
        "drove",
        "arose",
        "awoke",
        "froze",
        "stole",
        "swore",
        "shook",
        "dealt",
    ]
)
_NOT_VERBS: Final = frozenset(
    [
        "need",
        "feed",
        "seed",
        "speed",
        "breed",
        "bleed",
        "proceed",
        "succeed",
        "exceed",
        "indeed",
        "hundred",
        "red",
        "bed",
        "shed",
        "wed",
        "based",
        "united",
        "limited",
        "related",
        "detailed",
        "advanced",
        "interested",
        "concerned",
        "armed",
        "embed",
        "steed",
        "greed",
        "creed",
        "tweed",
        "weed",
        "deed",
        "heed",
        "reed",
        "naked",
        "wicked",
        "sacred",
        "beloved",
        "aged",
        "learned",
        "alleged",
    ]
)
_INTEND: Final = frozenset(
    [
        "plan",
        "plans",
        "expect",
        "expects",
        "intend",
        "intends",
        "aim",
        "aims",
        "hope",
        "hopes",
        "want",
        "wants",
        "seek",
        "seeks",
        "promise",
        "promises",
        "pledge",
        "pledges",
        "vow",
        "vows",
        "prepare",
        "prepares",
    ]
)
_PASSIVE_AUX: Final = frozenset(["be", "is", "are", "am", "been", "being", "to", "will"])
_DETERMINERS: Final = frozenset(
    ["the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"]
)
_TOKEN: Final = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# The tokens ``_cue_weight`` can weigh at all; every other token weighs 0.
_WEIGHED: Final = frozenset({"is", "are", "has", "have", "to", *_INTEND, *_CUES, *_IRREGULAR_PAST})


def _cue_weight(tokens: list[str], i: int) -> float:
    """Tense weight of token ``i`` in its sentence."""
    w = tokens[i]
    prev = tokens[i - 1] if i else ""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if w in ("is", "are") and nxt == "to":
        return 1.0
    if w in _INTEND and nxt == "to":
        return 0.8
    if w in ("has", "have") and (nxt == "been" or nxt in _IRREGULAR_PAST or nxt.endswith("ed")):
        return -0.5  # present perfect: "has announced", not "has a June 1 deadline"
    if w == "to" and nxt == "be":
        return 0.6
    if w.endswith("'ll"):
        return 1.0
    if w in _CUES:
        return _CUES[w]
    if w in _IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and w not in _NOT_VERBS):
        if prev in _PASSIVE_AUX or prev in _DETERMINERS:
            return 0.0  # "to be held", "will be delayed", "the planned": not a past event
        return -0.8 if w in _IRREGULAR_PAST else -0.7
    return 0.0


def tense_at(sentence: str, span: tuple[int, int] | None) -> Tense:
    """Tense of ``sentence`` around the character span of an expression.

    Cues are weighted by 1 / (1 + (d-1)/3), d being the token distance to the
    expression, so "mentioned on Saturday ... expected to ... next week" reads the
    Saturday as past. Without a span every cue counts a third. A small margin
    either way counts as neutral.
    """
    tokens: list[str] = []
    lo = hi = -1
    for k, m in enumerate(_TOKEN.finditer(sentence.lower())):
        tokens.append(m.group())
        if span and m.end() > span[0] and m.start() < span[1]:
            lo = k if lo < 0 else lo
            hi = k
    score = 0.0
    for k, w in enumerate(tokens):
        if (lo <= k <= hi and lo >= 0) or not (w in _WEIGHED or w.endswith(("ed", "'ll"))):
            continue
        weight = _cue_weight(tokens, k)
        if weight:
            d = 4 if lo < 0 else (lo - k if k < lo else k - hi)
            score += weight / (1 + (d - 1) / 3)
    if score > 0.2:
        return "future"
    if score < -0.2:
        return "past"
    return "neutral"
