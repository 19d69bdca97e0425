"""Words and capitalised runs of an article, and the verb after a name: what the actor rules
(``actor_rules.py``, ``actors.py``) read.

English marks names by capitals, so the candidates for actors are runs of capitalised words
("Russian Deputy Foreign Minister Alexander Grushko") joined only by single spaces, initials
and name particles. A run never crosses a sentence, a comma or a possessive: "Ukraine’s" ends
one run and "President Volodymyr Zelensky" starts the next. A capitalised word that only opens
a sentence ("Nevertheless", "When") is not part of a run. After a name, the verb says what
it is: the subject of a speech verb speaks; a country followed by its verb acts
(``name_verbs.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .given_names import title_surname
from .lexicon import (
    ABBREVIATIONS,
    CAPITALS,
    CAUSE_OPENINGS,
    COUNTRY_GROUPS,
    HONORIFICS,
    INSTITUTION_GROUPS,
    MONTHS,
    ORG_WORDS,
    PARTICLES,
    POSTNOMINALS,
    SPEECH_OPENERS,
    SPEECH_VERBS,
    STOPWORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WEEKDAYS,
)
from .sentences import caption_ends
from .units import Sentence

# A web outlet is one word with its domain: "Znak.com", "Meduza.io".
_TOKEN = re.compile(
    r"[A-Z]\w+\.(?:com|org|net|io|ru|ua|eu|info|news)\b|(?:[A-Z]\.){2,}|\w+(?:['’-]\w+)*"
)
# After one of these marks a capitalised word opens a sentence or a quotation.
_OPENING = "“\"‘'(:—–[\n"
_ADJECTIVE = re.compile(r"-[a-z]")
_ARTICLED = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ul|bin|ibn|abu|bint)-[A-Z]")
_CONNECTORS = frozenset({"of", "for", "the"}) | PARTICLES
# Opening a sentence alone, a pronoun-like word: "One, named Lima, told AFP".
_LONE_OPENERS = frozenset({"One"})
_NICK_OPENERS = "\"“‘'"
_ORG_CONNECTORS = _CONNECTORS | {"and", "on"}
_CAPITAL_CAUSE = frozenset({"against", "without"})  # "Action Against Hunger"
# A speech verb capitalised in a title-case headline is no part of a name: "Hillary Clinton
# Says Trump …", "Howard Dean Tells Democratic Convention" (but "United States", "Consumer
# Reports", "Court of Federal Claims", Edward Said).
_HEADLINE_VERBS = SPEECH_VERBS - {
    "states", "reports", "notes", "comments", "answers", "estimates", "forecasts", "forecast",
    "claims", "said", "say",
}  # fmt: skip
_DEFINED = re.compile(r"\s*\(\s*([A-Z]{3,})\s*\)")  # an acronym right after a name
# A nickname quoted inside a name: the gap between Frank and Ford in 'Sgt. Frank "Greg" Ford'.
NICKNAME_GAP = re.compile(r" [\"“‘'][A-Z][a-z]+(?: [A-Z][a-z]+)?[\"”’'] ")
# ... between two words of a name: not 'told Reyes "Yes" Monday'.
_DATE_WORDS = "|".join(sorted(WEEKDAYS | MONTHS))
NICKNAME = re.compile(rf"\b[A-Z][\w.]*({NICKNAME_GAP.pattern})(?!(?:{_DATE_WORDS})\b)(?=[A-Z])")


def _elsewhere(word: str) -> bool:
    """A word that names its own actor, so it never continues an organisation's name."""
    return word in COUNTRY_GROUPS or word in CAPITALS or word in INSTITUTION_GROUPS


@dataclass(slots=True)
class Token:
    """A word; ``end`` excludes a possessive ’s, ``stop`` includes it."""

    start: int
    end: int
    stop: int
    text: str
    sentence: int
    cap: bool
    initial: bool  # a capitalised word opening a sentence or a quotation

    @property
    def possessive(self) -> bool:
        return self.stop != self.end


def capitalised_word(word: str) -> bool:
    """A capital letter opens the word, or follows an Arabic article: "al-Ahmad", "bin-Zayed"."""
    return word[0].isupper() or ("-" in word and _ARTICLED.match(word) is not None)


def tokenize(text: str, sentences: Sequence[Sentence]) -> list[Token]:
    """Every word of ``text`` in order, with its sentence index and whether it opens one.

    The hottest loop of the index (a few thousand words an article): the sentence is
    advanced by a cursor rather than a bisection per word, and lower-case words skip the
    capital checks."""
    starts = [s.start for s in sentences]
    count, beyond = len(starts), len(text) + 1
    out: list[Token] = []
    append = out.append
    sentence, following = -1, starts[0] if starts else beyond
    last_sentence = -2
    articled = _ARTICLED.match
    # A quoted nickname is no word of the name around it (``joined`` spans it).
    nicknames = [m.span(1) for m in NICKNAME.finditer(text)]
    for start, stop, word in _words(text):
        if nicknames and any(a < start < b for a, b in nicknames):
            continue
        end = stop
        if word[-1] == "s" and len(word) > 2 and word[-2] in "'’":
            word, end = word[:-2], stop - 2  # a possessive ’s
        while start >= following:
            sentence += 1
            following = starts[sentence + 1] if sentence + 1 < count else beyond
        if word[0].isupper() or ("-" in word and articled(word) is not None):
            j = start - 1
            while j >= 0 and text[j] == " ":
                j -= 1
            initial = sentence != last_sentence or j < 0 or text[j] in _OPENING
            append(Token(start, end, stop, word, sentence, True, initial))
        else:
            append(Token(start, end, stop, word, sentence, False, False))
        last_sentence = sentence
    return out


def _words(text: str) -> Iterator[tuple[int, int, str]]:
    """The words of ``text``; a word a glued caption runs into is two ("KnowlesThe")."""
    cuts = caption_ends(text)
    for m in _TOKEN.finditer(text):
        start, stop = m.span()
        for cut in cuts:
            if start < cut < stop:
                yield start, cut, text[start:cut]
                start = cut
        yield start, stop, text[start:stop]


_WORD_BEFORE = re.compile(r"[A-Z][\w.'’-]* $")


def joined(text: str, a: Token, b: Token) -> bool:
    """Whether ``b`` continues a name after ``a``: one space, or an initial's or title's dot."""
    if a.sentence != b.sentence or a.possessive:
        return False
    gap = text[a.stop : b.start]
    if gap == " ":
        return True
    if len(gap) > 4 and gap[1] in _NICK_OPENERS and NICKNAME_GAP.fullmatch(gap):
        return a.cap and b.cap
    if gap == " & ":  # "Procter & Gamble", "Burkhardt & Associates"; not "Tom Smith & Jane Doe"
        return not _WORD_BEFORE.search(text, max(0, a.start - 40), a.start)
    return gap == ". " and (
        (len(a.text) == 1 and a.text.isupper()) or a.text in HONORIFICS or a.text in ABBREVIATIONS
    )


class Runs:
    """Capitalised runs over a tokenised text, as ``(first, stop)`` token index ranges."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.lower_words = frozenset(t.text for t in tokens if t.text[0].islower())
        self._openings: dict[int, int] | None = None  # ``_name_opening``'s runs, once
        self._all: list[tuple[int, int]] | None = None

    def capitalised(self, i: int) -> bool:
        tok = self.tokens[i]
        word = tok.text
        if not tok.cap or word in STOPWORDS or word in MONTHS or word in WEEKDAYS:
            return False
        if _ADJECTIVE.search(word) or word.lower() in _HEADLINE_VERBS:
            return False  # "Chicago-based", "Russian-occupied"; "… Says Trump"
        before = self.tokens[i - 1] if i > 0 else None
        if (
            word in POSTNOMINALS
            and before
            and before.cap
            and before.text not in STOPWORDS
            and joined(self.text, before, tok)
        ):
            # "Mary Jones QC": letters after the name, no part of it (but "Labour MP X")
            after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
            if after is None or not (after.cap and joined(self.text, tok, after)):
                return False
        if word == "May" and self._next_is_number(i):
            return False
        if tok.initial and word in SPEECH_OPENERS:
            return False  # "Said Haines." after a quotation: the verb, inverted
        if tok.initial and not self._continues(i):
            # "Additionally, …", "Delays of …": a common word that only opens the sentence.
            follows = self.text[tok.stop : tok.stop + 1]
            lone = word.lower() in self.lower_words or word in _LONE_OPENERS
            if lone or (word.endswith("ly") and follows == ","):
                return False
        return True

    def _initial(self, j: int) -> bool:
        tok = self.tokens[j]
        return len(tok.text) == 1 and tok.cap and self.text[tok.stop : tok.stop + 1] == "."

    def _next_is_number(self, i: int) -> bool:
        return i + 1 < len(self.tokens) and self.tokens[i + 1].text[0].isdigit()

    def _continues(self, i: int) -> bool:
        """Whether a name goes on after word ``i``: a capitalised word, or an organisation's
        connectors and one ("Bank of America", "Ministry of Defence" opening a sentence)."""
        nxt = i + 1
        if nxt >= len(self.tokens) or not joined(self.text, self.tokens[i], self.tokens[nxt]):
            return False
        if self.tokens[i].text in ORG_WORDS and not self.tokens[nxt].cap:
            return self._connected(nxt, org=True) != nxt
        if self.tokens[i].text.lower() in TITLE_HEADS and self.tokens[nxt].text in ("of", "for"):
            return self._connected(nxt) != nxt  # "Secretary of State X" though "secretary" is
            # written lower-case elsewhere
        if self._cause(i) != i:
            return True  # "Friends of the Earth" opening a sentence
        return self.tokens[nxt].cap and self.tokens[nxt].text not in STOPWORDS

    def all(self) -> list[tuple[int, int]]:
        if self._all is None:  # (read by the actor rules and by every title's start)
            self._all = self._find_all()
        return self._all

    def _find_all(self) -> list[tuple[int, int]]:
        tokens, n = self.tokens, len(self.tokens)
        out: list[tuple[int, int]] = []
        after = 0
        for i in [i for i, tok in enumerate(tokens) if tok.cap]:  # runs open capitalised
            if i < after or not (self.capitalised(i) or self._cause(i) != i):
                continue  # ("Doctors Without Borders", though "Doctors" opens no name)
            j = i + 1
            org = tokens[i].text in ORG_WORDS
            if (k := self._cause(i)) != i:
                j, org = k + 1, True  # "Americans for Prosperity", "Action Against Hunger"
            while j < n and joined(self.text, tokens[j - 1], tokens[j]):
                # "West Midlands Police": an organisation word ends a run, even a stopword;
                # "Terry A. Doughty": an initial, even "A.".
                if (
                    self.capitalised(j)
                    or (tokens[j].text in ORG_WORDS and tokens[j].cap)
                    or (self._initial(j))
                ):
                    org = org or tokens[j].text in ORG_WORDS
                    j += 1
                    continue
                k = self._connected(j, org)
                if k == j:
                    break
                org = org or tokens[k].text in ORG_WORDS
                j = k + 1
            out.append((i, j))
            after = j
        return out

    def _cause(self, i: int) -> int:
        """Index of the capitalised word after an advocacy group's opening words at ``i``
        ("Friends of the Earth", "Reporters Without Borders"); else ``i``."""
        tokens = self.tokens
        for words in CAUSE_OPENINGS.get(tokens[i].text, ()):
            k = i + len(words)
            if k >= len(tokens) or not all(
                joined(self.text, tokens[x - 1], tokens[x]) for x in range(i + 1, k + 1)
            ):
                continue
            if all(
                tokens[i + x].text == w or (tokens[i + x].text == w.title() and w in _CAPITAL_CAUSE)
                for x, w in enumerate(words[1:], 1)
            ) and (tokens[k].cap and tokens[k].text not in STOPWORDS):
                return k
        return i

    def _connected(self, j: int, org: bool = False) -> int:
        """Index of the capitalised word after connectors at ``j`` ("of State", "von der").
        Inside an organisation's name (``org``: it holds an organisation word) the connectors
        go on, "and" included: "Institute for the Study of War", "Department of Health and
        Senior Services"; never onto a country or a known institution ("… and Russia")."""
        tokens, k = self.tokens, j
        if not org and tokens[j].text == "and" and self._org_after_and(j):
            return j + 1
        connectors = _ORG_CONNECTORS if org else _CONNECTORS
        while k < len(tokens) and k - j < 3 and tokens[k].text in connectors:
            if not joined(self.text, tokens[k - 1], tokens[k]):
                return j
            k += 1
        if k == j or k >= len(tokens) or not joined(self.text, tokens[k - 1], tokens[k]):
            return j
        if not self.capitalised(k):
            return j
        before = tokens[j - 1].text
        if tokens[j].text in PARTICLES:
            return k
        if tokens[j].text == "and":
            return k if org and not _elsewhere(tokens[k].text) and self._of(j) else j
        if before.lower() in TITLE_HEADS and title_surname(
            tuple(t.text for t in tokens[j - 4 : j])
        ):
            return j  # "Rep. Peter King of New York": King's state, not a "King of …" title
        if before.lower() in TITLE_HEADS or before in ORG_WORDS or before == "House":
            return k
        if org and not _elsewhere(tokens[k].text):
            return k
        return j

    def _org_after_and(self, j: int) -> bool:
        """ "National Search and Rescue Agency": "and" between two words of one organisation's
        name, which an organisation word closes within three words, one of them a common
        word that the article also writes in lower case, or its plural (not "Google and Apple
        Inc", "Kenya and Uganda Police")."""
        tokens = self.tokens
        if j + 1 >= len(tokens) or _elsewhere(tokens[j - 1].text):
            return False
        # Either word, or its plural ("pubs" for "Beer and Pub Association").
        common = {
            w + s
            for w in (tokens[j - 1].text.lower(), tokens[j + 1].text.lower())
            for s in ("", "s")
        }
        if not common & self.lower_words and not self._spelled_by_acronym(j):
            return False
        for k in range(j + 1, min(j + 4, len(tokens))):
            if not joined(self.text, tokens[k - 1], tokens[k]) or _elsewhere(tokens[k].text):
                return False
            if tokens[k].text in ORG_WORDS:
                return True
            if not self.capitalised(k):
                return False
        return False

    def _spelled_by_acronym(self, j: int) -> bool:
        """ "… Risk Reduction and Management Council (NDRRMC)": the acronym defined after the
        name spells the words on both sides of "and", so "and" is inside the name."""
        tokens = self.tokens
        for k in range(j + 1, min(j + 4, len(tokens))):
            if tokens[k].text in ORG_WORDS and (m := _DEFINED.match(self.text, tokens[k].stop)):
                after = "".join(t.text[0] for t in tokens[j + 1 : k + 1])
                return (tokens[j - 1].text[0] + after) in m.group(1)
        return False

    def _of(self, j: int) -> bool:
        """ "and" inside an organisation's complement ("Ministry of Information and …"), not
        between two names ("United Airlines and Continental", "… Service and the FSB")."""
        tokens = self.tokens
        after = tokens[j + 1].text
        if tokens[j - 1].text in ORG_WORDS or after == "the" or after.isupper():
            return False  # "… Service and the FSB", "… Journalists and BECTU
        return any(tok.text in ("of", "for", "on") for tok in tokens[max(0, j - 5) : j])

    def _name_opening(self, i: int) -> int:
        """First token of the run that word ``i`` stands in after connectors ("Bank of
        America", "Bank of England Governor X"); else ``i``."""
        if self._openings is None:
            self._openings = {}
            for first, stop in self.all():
                connected = [k for k in range(first + 1, stop) if not self.tokens[k].cap]
                for k in range(connected[0] + 1, stop) if connected else ():
                    self._openings[k] = first
        return self._openings.get(i, i)

    def title_start(self, head: int) -> int:
        """First token of the title ending at ``head``, reaching left over its modifiers.

        "The European Union’s foreign policy chief" → "European Union’s foreign policy chief":
        capitalised words, possessives and title words, never a sentence opener like "The".
        """
        tokens, first = self.tokens, head
        while first > 0:
            prev, cur = tokens[first - 1], tokens[first]
            if not (
                joined(self.text, prev, cur) or (prev.possessive and _spaced(self.text, prev, cur))
            ):
                break
            if prev.text in WEEKDAYS or prev.text in MONTHS:
                break  # "On Wednesday the Albanian Prime Minister": a date, no title word
            lower = prev.text.lower()
            if (opening := self._name_opening(first)) < first:
                first = opening  # "Bank of America president X": the whole name, not "America"
                continue
            if (
                lower in ("and", "of", "for")
                and not (first > 1 and tokens[first - 2].text.lower() in TITLE_HEADS)
                and not (lower == "and" and first > 1 and self._org_after_and(first - 1))
            ):
                break  # "president and CEO", "chief of staff", but not "staff of Airbus and"
            if lower == "and" and first > 1 and tokens[first - 2].cap and not cur.cap:
                break  # "Ministry of Justice and state-run news outlet X": two, not one title
            titular = lower in TITLE_MODIFIERS or lower in TITLE_HEADS
            if not (titular or (prev.cap and prev.text not in STOPWORDS)):
                break
            first -= 1
        while first < head and tokens[first].text.lower() in ("of", "for", "and", "the", "at"):
            first += 1
        return first


PhraseIndex = dict[str, list[tuple[str, ...]]]


def phrase_index(phrases: Iterable[str]) -> PhraseIndex:
    """Phrases by their first word, longest first: for ``find_phrases``."""
    index: PhraseIndex = {}
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append(words)
    return index


def find_phrases(
    text: str, tokens: list[Token], index: PhraseIndex
) -> Iterator[tuple[int, int, str]]:
    """Where a listed phrase is written as whole words: ``(start, end, phrase)``, the end
    before any possessive ’s. Faster than one regex alternation of a few hundred names; only
    the words that open a listed phrase are visited."""
    after = 0
    n = len(tokens)
    for i in [i for i, tok in enumerate(tokens) if tok.text in index]:
        if i < after:
            continue  # inside the phrase just found
        for words in index[tokens[i].text]:
            k = len(words)
            if i + k <= n and all(
                tokens[i + j].text == words[j]
                and text[tokens[i + j - 1].stop : tokens[i + j].start] == " "
                and not tokens[i + j - 1].possessive
                for j in range(1, k)
            ):
                after = i + k
                yield tokens[i].start, tokens[i + k - 1].end, " ".join(words)
                break


def _spaced(text: str, a: Token, b: Token) -> bool:
    return a.sentence == b.sentence and text[a.stop : b.start] == " "
