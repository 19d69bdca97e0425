"""Sentences of an article (S1, S2, …): nupunkt on each paragraph line, then news repairs.

Why nupunkt (a maintained Punkt with a pre-trained model; pure Python, typed, MIT): measured
on Wikinews (``bench/segmenters.py``) it found the most gold boundaries at the best precision
of pysbd, syntok, sentencex and nupunkt, in ~2 ms per 15,000 characters, where pysbd takes
~60 ms and syntok ~15 ms; the whole index must fit in 50 ms. sentencex is faster still, but
it starts the next sentence with a closing quotation mark and, after an unpaired mark, runs
several sentences together.

What a reader of the output can rely on:

* A newline always ends a paragraph, so a headline or date line without final punctuation is
  a sentence of its own, and no sentence crosses a paragraph break.
* A quotation that closes in its paragraph is never cut: ``"It is over. We won," he said.``
  is one sentence, because the model should cite what was said together with who said it;
  so is ``"Why?" Ann Hale asked.``, a question or exclamation and the speaker it names.
  A closing quotation mark after the full stop belongs to the sentence before it
  (``He said "no."`` | ``Then he left.``).
* The sentences of a paragraph partition it, less surrounding whitespace: every other
  character is in exactly one sentence, and ``text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache

import nupunkt
from nupunkt import PunktParameters, PunktSentenceTokenizer

from .lexicon import INVERTING_VERBS, SPEECH_VERBS
from .units import Sentence

# The abbreviations of news (lower case, no final period). nupunkt's model learned 5,865 from
# legal text, ordinary words among them ("found", "month", "stock", "low"), and Punkt does not
# end a sentence after one of them when a name follows ("… is found. Boeing will …"). Left out
# on purpose: common words that are also abbreviations ("ill", "miss", "no", "in", "sun").
_ABBREVIATIONS = frozenset(
    """mr mrs ms mx messrs mmes dr drs prof gov govs sen sens rep reps gen lt col maj capt cmdr
    cdr adm sgt cpl pvt spc pfc brig rev hon pres supt det insp atty amb fr msgr sr jr st ste mt
    ft
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri
    inc corp co ltd plc llc bros assn asst dept govt univ intl mfg
    ave blvd rd ln pl ct pkwy hwy rte apt bldg nos vol vols fig figs sec ch pp
    vs etc al cf approx est ca viz esp incl excl min lb lbs oz kg km mi hr hrs yr yrs
    ala ariz ark calif colo conn del fla ga ind kan kans ky la md mich minn mo mont neb nev
    okla pa tenn tex va vt wis wyo""".split()  # noqa: SIM905 (a word list reads as text)
) | frozenset("abcdefghijklmnopqrstuvwxyz")
# Dotted initialisms the model learned ("u.s", "d.c", "a.m", "e.g") are kept.
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")

# The line breaks of ``str.splitlines``: any of them ends a paragraph (\r\n included).
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")

# Titles before a name never end a sentence; Punkt cuts "Lt. | Col. Smith".
TITLE_ABBREVIATIONS = tuple(
    """Mr Mrs Ms Mx Messrs Mmes Dr Drs Prof Gov Govs Sen Sens Rep Reps Gen Lt Col Maj Capt Cmdr
    Cdr Adm Sgt Cpl Pvt Spc Pfc Brig Rev Hon Pres Supt Det Insp Atty Amb Fr Msgr Asst Dep""".split()  # noqa: SIM905
)
_TITLE = re.compile(rf"(?<![\w.])(?:{'|'.join(TITLE_ABBREVIATIONS)})\.$")
# "St. Louis", "Mt. Everest": a place, unless a usual sentence opener follows ("Main St. The").
PLACE_ABBREVIATIONS = ("St", "Ste", "Mt", "Ft")
_PLACE = re.compile(rf"(?<![\w.])(?:{'|'.join(PLACE_ABBREVIATIONS)})\.$")
# Abbreviations that stand before a number: "No. 10", "Vol. 3", "Jan. 5".
_NUMBERED = re.compile(
    r"(?<![\w.])(?:No|Nos|Vol|Vols|Art|Arts|Fig|Figs|Sec|Secs|Ch|Chap|Pt|Para|Ref|Op|p|pp"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)
# Closed-class words that open sentences but hardly ever follow "U.S." inside one, so
# "U.S. Senate" stays whole while "in the U.S. Meanwhile, …" is cut (Punkt keeps it).
_OPENERS = (
    "The|A|An|He|She|It|We|They|I|You|This|That|These|Those|There|His|Her|Its|Their|Our|My"
    "|But|And|Or|So|Yet|In|On|At|By|For|From|With|After|Before|Since|When|While|If|As|Although"
    "|Though|However|Meanwhile|Earlier|Later|Now|Then|Still|Also|Some|Many|Most|Both|All"
)
_OPENER = re.compile(rf"(?:{_OPENERS})\b")
_INITIALISM_END = re.compile(rf"(?<![\w.])(?:[A-Z]\.){{2,}}\s+(?=(?:{_OPENERS})\b)")
_QUOTE = re.compile(r"[\"“”„«»]")
_OPENING, _CLOSING = "“„«", "”»"
_LETTER = re.compile(r"[^\W\d_]")


# A pull quote's caption glued to the sentence after it in scraped Wikinews pages: a line
# opening with a dash, the speaker's name, then the next sentence with no space between
# ("—Superintendent Gary KnowlesThe situation began", "—Anthony AlbaneseAlbanese said",
# "—UNICEFWhen Warfa was asked").
_GLUED_CAPTION = re.compile(r"^[ \t]*[—―][^\n]{1,120}?(?:[a-z.)]|[A-Z])(?=[A-Z][a-z])", re.M)


# A reporter's byline, no view: "Dan Ilett of ZDNet UK reported from London.", "Cindy Swirko
# writes for The Gainesville Sun.", "Jane Doe contributed to this report."
BYLINE = re.compile(
    r"[^.!?\n\x00]{3,80}?\s(?:(?:writes|wrote|reports|reported)\s(?:for|from)\s(?:the\s)?"
    r"[A-Z][\w.&’'-]*(?:\s(?:[A-Z][\w.&’'-]*|of|and|the))*"
    r"|contributed(?:\s(?:to\s)?(?:this\s)?(?:report|story|article)(?:ing)?|\sreporting)"
    r"[^.!?\n\x00]{0,40})\.\s*"
)


def caption_ends(text: str) -> list[int]:
    """Where a glued caption ends: a sentence starts there, and a word ends there."""
    return [m.end() for m in _GLUED_CAPTION.finditer(text)]


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in reading order, numbered from 1, with exact offsets."""
    sentences: list[Sentence] = []
    paragraph = 0
    for line in _LINE.finditer(text):
        if line.group().isspace():
            continue
        paragraph += 1
        base = line.start()
        for start, end in _spans(line.group()):
            a, b = base + start, base + end
            sentences.append(Sentence(len(sentences) + 1, a, b, text[a:b], paragraph))
    return sentences


def _spans(line: str) -> list[tuple[int, int]]:
    """Stripped (start, end) spans of one paragraph's sentences; together they cover it."""
    quotes = _quotations(line)
    cuts: set[int] = set()
    for start, _ in list(_tokenizer().span_tokenize(line))[1:]:
        cut = _skip_space(line, start)
        if cut in quotes.closers:  # the closing mark goes with the sentence it ends
            cut = _skip_space(line, cut + 1)
        if (
            0 < cut < len(line)
            and not quotes.inside(cut)
            and not _wrong_cut(line, cut)
            and not _asked(line, cut, quotes)
        ):
            cuts.add(cut)
    cuts.update(m.end() for m in _INITIALISM_END.finditer(line) if not quotes.inside(m.end()))
    cuts.update(caption_ends(line))
    pieces, start = [], 0
    for cut in [*sorted(cuts), len(line)]:
        pieces.append((start, cut))
        start = cut
    spans = []
    for a, b in _merge_letterless(line, pieces):
        piece = line[a:b]
        lead, trail = len(piece) - len(piece.lstrip()), len(piece.rstrip())
        if trail > lead:
            spans.append((a + lead, a + trail))
    return spans


@cache
def _tokenizer() -> PunktSentenceTokenizer:
    """nupunkt's model (collocations, sentence starters, capitalisation statistics) with the
    news abbreviations above instead of its learned ones; built once, never mutated."""
    learned = nupunkt.load("default").parameters
    params = PunktParameters(
        abbrev_types={a for a in learned.abbrev_types if _DOTTED.fullmatch(a)} | _ABBREVIATIONS,
        collocations=learned.collocations,
        sent_starters=learned.sent_starters,
        ortho_context=learned.ortho_context,
        abbrev_break_rates=learned.abbrev_break_rates,
    )
    return PunktSentenceTokenizer(params, include_common_abbrevs=False)


def _skip_space(line: str, i: int) -> int:
    while i < len(line) and line[i].isspace():
        i += 1
    return i


class _Quotations:
    """The double-quoted spans of one paragraph that open and close in it."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.opens = [a for a, _ in spans]
        self.closers = {b for _, b in spans}

    def inside(self, cut: int) -> bool:
        """True when a cut before ``cut`` would fall between a quotation's marks."""
        i = bisect_left(self.opens, cut) - 1
        return i >= 0 and cut <= self.spans[i][1]


def _quotations(line: str) -> _Quotations:
    """Pair quotation marks left to right; a straight quote opens after a space or bracket.

    An unclosed quotation (news continues a quote into the next paragraph without closing
    it) pairs with nothing, so it never merges sentences.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _QUOTE.finditer(line):
        i, mark = match.start(), match.group()
        before = line[i - 1] if i else " "
        opening = mark in _OPENING or (
            mark == '"' and (before.isspace() or before in "([{—–-/") and open_at is None
        )
        if opening:
            open_at = i
        elif open_at is not None and (mark in _CLOSING or mark == '"'):
            spans.append((open_at, i))
            open_at = None
    return _Quotations(spans)


# A question, exclamation or trailing-off quoted, then the name that said it: "“Why?” Ann
# Hale asked.", "“Perpetual motion!” Rep. Glenn Thompson, R-Pa., said …" (an apposition may
# hold points), "“You know what I do . . .” Sheen said"; a nested quotation may close first
# ("“… what can we do to help?’” Renteria said").
_ASKED_AFTER = re.compile(r"(?:[?!]|\.\s?\.\s?\.|…)[’']?[”\"]\s*$")
_SPEECH = "|".join(sorted(SPEECH_VERBS | INVERTING_VERBS, key=len, reverse=True))
_NAME_SPEAKS = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*(?:,\s[^,?!\n]{1,80},)?\s+(?:[a-z]+\s+)?("
    + _SPEECH
    + r")\b[^.?!]{0,80}[.,]"
)


# ... or a statement, then a bare attribution ending the sentence: "“It is over.” Trump said.",
# "“…” Trump said on Monday." (not "“…” Trump said the deal was off.": news of its own).
_STATED_AFTER = re.compile(r"\.['’]?[”\"]\s*$")
_BARE_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w’'.-]*\s+){{0,3}}[A-Z][\w’'.-]*\s+(?:{_SPEECH})"
    r"(?:\s+(?:on|in|at|to|late|early|this|last|[A-Z][a-z]+day|[a-z]+ly)\b[^.?!,;:“”\"]{0,30})?"
    r"\.(?=\s|$)"
)


def _asked(line: str, cut: int, quotes: _Quotations) -> bool:
    """A cut between a quoted question that opens its sentence and the name that asked it:
    "“Why?” Ann Hale asked." (not "She asked “Why?” The President said no."); also a quoted
    statement and a bare attribution ("“It is over.” Trump said.")."""
    left = line[:cut].rstrip()
    asked = _ASKED_AFTER.search(left) and _NAME_SPEAKS.match(line, cut)
    stated = _STATED_AFTER.search(left) and _BARE_ATTRIBUTION.match(line, cut)
    if not (asked or stated):
        return False
    opened = next((a for a, b in quotes.spans if b == len(left) - 1), None)
    if opened is None:
        return False
    before = line[:opened].rstrip()
    return not before or before[-1] in '.?!:"”'


# A closing bracket or punctuation after the full stop, then the sentence going on.
_GOES_ON = re.compile(r"[)\]]*\s*[,;]|[)\]]+\s*[a-z]")


def _wrong_cut(line: str, cut: int) -> bool:
    """A cut after an abbreviation that cannot end this sentence, or before a lower-case
    word (Punkt cuts after any word it does not know as an abbreviation: "Asst. to"), or
    before a bracket or comma that goes on with it ("Elijah Cummings (D-Md.), chair of …")."""
    left = line[max(0, cut - 12) : cut].rstrip()
    right = line[cut:]
    if right[:1].islower() or _GOES_ON.match(right) or _TITLE.search(left):
        return True
    if _PLACE.search(left):
        return not _OPENER.match(right)
    return bool(_NUMBERED.search(left)) and right[:1].isdigit()


def _merge_letterless(line: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece without a letter ("1." of a list, a stray dash) to the next one, or the
    last to the one before: a sentence the model can cite has words in it."""
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for a, b in pieces:
        start = a if carry is None else carry
        carry = None
        if _LETTER.search(line, a, b) is None:
            if b < len(line):
                carry = start
                continue
            if merged:
                merged[-1] = (merged[-1][0], b)
                continue
        merged.append((start, b))
    return merged


def sentence_at(sentences: Sequence[Sentence], starts: list[int], offset: int) -> Sentence | None:
    """The sentence holding ``offset`` (``starts``: the sentences' start offsets), if any."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < max(sentences[i].end, sentences[i].start + 1):
        return sentences[i]
    return None
