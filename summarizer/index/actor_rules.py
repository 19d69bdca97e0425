"""From capitalised runs to candidate names: where the title ends and the name begins.

``actors.py`` decides which candidates become actors and links them; this module only reads
each run and its neighbours: a title word inside the run or just before it, an apposition
after a comma, an honorific, an organisation word, an acronym defined in parentheses, and
whether the name speaks ("X said", "said X", "according to X").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .given_names import is_given_name, title_surname
from .lexicon import (
    ABBREVIATIONS,
    ACRONYM_STOP,
    CAPITALS,
    COUNTRY_GROUPS,
    DEMONYMS,
    EMPLOYER_HEADS,
    HONORIFICS,
    INSTITUTION_GROUPS,
    LOCATIVES,
    NAME_SUFFIXES,
    NATIONALITIES,
    ORG_DESCRIPTORS,
    ORG_WORDS,
    PARTICLES,
    POSTNOMINALS,
    REGIONAL,
    ROLE_NOUNS,
    STOPWORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from .name_shapes import (
    after_title,
    glued_name,
    initials,
    known_body,
    last_title_head,
    nameable,
    named_like_a_title,
    organisation_like,
    shaped,
    staff_body,
    titled_name,
)
from .name_verbs import SPEECH, he_speaks, lone_adjective, speaks, staff_speaks, subject_of_verb
from .names import Runs, Token, joined
from .speaker_patterns import OBJECT, subject_gap
from .speech_verbs import VERB

PieceKind = Literal["person", "single", "org", "acronym"]


_APPOSITION = re.compile(
    rf",\s+(?:(?:the|a|an)\s+)?([^,;:.“”\"()\n]{{2,90}}?)(?=\s*[,;:.)\n]|\s+(?:{SPEECH})\b|\s*$)"
)
ACRONYM = re.compile(r"[A-Z][A-Z&]+")
_ACRONYM_DEF = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]*[A-Z])\.?\s*\)")
# A short name defined after an organisation's ("… of Volcanology and Seismology (Phivolcs)"):
# one word, opening with the organisation's own first letter.
_SHORT_NAME_DEF = re.compile(r"\s*\(\s*([A-Z][a-z]{3,}[A-Za-z]*)\s*\)")
_WORD = re.compile(r"\S+")
_QUOTE_MARKS = re.compile(r"[“”\"\n]")
_AGED = re.compile(r",\s+\d{1,3},")
_COMPLEMENT = frozenset({"of", "for", "at", "the", "and", "to", "in"})
# A prepositional phrase opening the sentence and closing with a title: "In an interview with
# Time *magazine*, Khan said", "After meeting the *president*, Pence told reporters". The
# name after its comma opens the main clause; it is not in apposition to the title.
_OPENING_PHRASE = re.compile(
    r"(?:In|With|At|On|During|After|Before|From|For|Under|Speaking|Writing|Asked)\s[^,;:]*"
)
# A lone word after a lower-case "the" names a thing ("Face the Nation"), not a person.
_THE_BEFORE = re.compile(r"\bthe\s+$")
_NOT_APPOSITION = frozenset(
    {"who", "which", "whose", "and", "but", "or", "however", "though", "too"}
    | {"he", "she", "it", "they", "saying", "adding", "according"}
    # A finite verb opens a clause, not a title: "Khan, a Muslim, *was elected* mayor".
    | {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could"}
    | {"did", "does", "do", "may", "might", "must", "should", "shall"}
)


@dataclass(slots=True)
class Piece:
    """A candidate name: its span, its words, and what the text around it says about it."""

    kind: PieceKind
    start: int
    end: int
    words: tuple[str, ...]
    title: tuple[int, int] | None = None
    ref: int | None = None  # where "Mr." / "President" starts in "Mr. Waltz", "President Putin"
    strong: bool = False  # a title, an honorific or a descriptor says what it is
    speaks: bool = False
    acts: bool = False  # the subject of any verb ("the GAO upheld")
    personal: bool = False  # a lone speaker followed by "he said"/"she added": a person
    acronym: str | None = None  # "GAO" defined right after "Government Accountability Office"
    tentative: bool = False  # an organisation only if it speaks ("Real Madrid said")
    staffed: bool = False  # speaks through its people: "Goldman Sachs analysts said"


def find_pieces(
    text: str,
    tokens: list[Token],
    runs: Runs,
    headlines: frozenset[int],
    heard: Sequence[tuple[int, int]] = (),
) -> list[Piece]:
    """Every candidate name of running text (headlines excluded), in reading order.
    ``heard``: spans the speaker rules read as a speaker's name (a piece there speaks)."""
    pieces: list[Piece] = []
    # Runs that are a title and no name: their head's and last word's index → the title's
    # first word ("Commissioner of the Texas Department of State Health Services").
    titles_only: dict[int, int] = {}
    firsts: list[int] = []
    for first, stop in runs.all():
        if tokens[first].sentence in headlines:
            continue
        piece = _read_run(text, tokens, runs, first, stop, titles_only)
        if piece is None:
            continue
        located = first > 0 and _located(text, tokens[first - 1], tokens[first])
        if located and not piece.strong and piece.start == tokens[first].start:
            continue  # "a conference in Wyoming": a place (but "… in Australia Eman Amasha")
        if m := _ACRONYM_DEF.match(text, tokens[stop - 1].stop):
            acronym = m.group(1)
            if piece.kind == "org" or initials(piece.words) == re.sub(r"[^A-Z]", "", acronym):
                piece.kind, piece.strong, piece.acronym = "org", True, acronym
        elif (
            (m := _SHORT_NAME_DEF.match(text, tokens[stop - 1].stop))
            and piece.kind == "org"
            and m.group(1)[0] == piece.words[0][0]
        ):
            piece.strong, piece.acronym = True, m.group(1)
        pieces.append(piece)
        firsts.append(first)
    # Appositions last: one that holds another titled name is a list ("X, Secretary Y, and").
    titled = [p.start for p in pieces if p.title is not None and p.kind != "org"]
    for piece, first in zip(pieces, firsts, strict=True):
        if piece.kind != "org" and piece.title is None:
            _apposition(text, tokens, runs, piece, first, titles_only, titled)
        start = min(piece.start, piece.title[0]) if piece.title else piece.start
        across = piece.kind == "person" and not piece.strong
        lone = piece.kind == "single"
        piece.staffed = (lone or piece.kind == "person") and not piece.strong
        piece.staffed &= staff_body(piece.words) and staff_speaks(
            text, piece.start, piece.end, lone and tokens[first].initial
        )
        piece.speaks = (
            speaks(text, start, piece.end)
            or (across and _speaks_across(text, start, piece.end))
            or any(s < piece.end and piece.start < e for s, e in heard)
            or piece.staffed
        )
        if piece.speaks and tokens[first].initial and lone_adjective(text, start, piece.end):
            piece.speaks = False  # "Legal questions aside, …"
        piece.acts = piece.speaks or subject_of_verb(text, piece.end)
        if piece.kind in ("person", "single") and _AGED.match(text, piece.end):
            piece.strong = True  # "Diana Murugi, 72, lost her two sons": an age is a person's
        if piece.kind == "single" and first > 1 and tokens[first - 1].text == "of":
            # "Senator John McCain of *Arizona* said": the speaker's affiliation.
            piece.speaks = piece.speaks and not tokens[first - 2].cap
        if piece.kind == "single" and piece.speaks:
            piece.personal = he_speaks(text, piece.end)
    starts = [t.start for t in tokens]
    employers = [e for p in pieces if (e := _employer(text, tokens, starts, p)) is not None]
    kept = [p for p in pieces if not p.tentative or p.speaks]
    return sorted(kept + employers, key=lambda p: p.start)


def _speaks_across(text: str, start: int, end: int) -> bool:
    """A full name reaching its speech verb across the gaps the speaker rules read
    (``speaker_patterns.subject_gap``): "James Nixey of Chatham House, an independent
    institute, wrote", "X in an interview with the BBC said"; never after a preposition."""
    verb = VERB.search(text, end, end + 130)
    if verb is None or _QUOTE_MARKS.search(text, end, verb.start()):
        return False
    if subject_gap(text[end : verb.start()], False) not in ("subject", "affiliation"):
        return False
    return OBJECT.search(text, max(0, start - 40), start) is None


def _located(text: str, before: Token, name: Token) -> bool:
    return before.text in LOCATIVES and text[before.stop : name.start] == " "


def _employer(text: str, tokens: list[Token], starts: list[int], piece: Piece) -> Piece | None:
    """The organisation that opens a title: "*Boeing* spokesman", "*UBS* analyst"."""
    if piece.kind == "org" or piece.title is None or piece.title[0] > piece.start:
        return None
    start, end = piece.title
    i = bisect_left(starts, start)
    head = text[start:end].split()[-1]
    if head.lower() not in EMPLOYER_HEADS:
        return None
    j = i
    while j < len(tokens) and tokens[j].end < end and tokens[j].cap:
        word = tokens[j].text
        if word.lower() in TITLE_HEADS or word in NATIONALITIES or word in HONORIFICS:
            break
        if word in COUNTRY_GROUPS or word in CAPITALS or word in STOPWORDS:
            return None
        j += 1
        if tokens[j - 1].possessive:
            break
    if j == i:
        return None
    words = tuple(t.text for t in tokens[i:j])
    return Piece("org", tokens[i].start, tokens[j - 1].end, words, strong=True)


def _read_run(
    text: str,
    tokens: list[Token],
    runs: Runs,
    first: int,
    stop: int,
    titles_only: dict[int, int],
) -> Piece | None:
    toks = tokens[first:stop]
    words = tuple(t.text for t in toks)
    whole = text[toks[0].start : toks[-1].end]
    if whole in INSTITUTION_GROUPS or whole in COUNTRY_GROUPS or whole in CAPITALS:
        return None
    if (named := _named_after(tokens, first, stop)) is not None:
        return named
    if (
        len(words) == 1
        and words[0] in DEMONYMS
        and text[max(0, toks[0].start - 4) : toks[0].start].lower() == "the "
    ):
        return None  # "the Dutchman said": a person named elsewhere, described
    head = last_title_head(words)
    if organisation_like(words) and not titled_name(words, head):
        return Piece("org", toks[0].start, toks[-1].end, words, strong=True)
    if (prefixed := _prefixed(toks, words)) is not None:
        return prefixed
    if all(w in NAME_SUFFIXES for w in words):
        return None
    core = len(words)
    while core > 1 and words[core - 1] in NAME_SUFFIXES:
        core -= 1
    if head == core - 1 and named_like_a_title(words[:core]):
        head = None  # "Martin Luther King Jr" is a name, "Deputy Prime Minister" a title
    if head is not None:
        return _titled_run(text, tokens, runs, first, stop, head, titles_only)
    if len(words) == 1 and ACRONYM.fullmatch(words[0]):
        if words[0] in ACRONYM_STOP or words[0] in POSTNOMINALS:
            return None
        return Piece("acronym", toks[0].start, toks[0].end, words)
    placed = words[0] in COUNTRY_GROUPS or words[0] in CAPITALS
    if (placed or words[0] in NATIONALITIES) and words[0] not in REGIONAL and len(words) >= 3:
        return _national(toks, words)
    if not shaped(words):
        # "Real Madrid said", "Chelsea FC said", "Air India said": no person's name, an
        # organisation if it speaks (``find_pieces`` drops it otherwise).
        if 2 <= len(words) <= 5 and nameable(words):
            return Piece("org", toks[0].start, toks[-1].end, words, tentative=True)
        return None
    kind: PieceKind = "single" if len(words) == 1 else "person"
    piece = Piece(kind, toks[0].start, toks[-1].end, words)
    _described(text, tokens, runs, piece, first)
    return piece


def _titled_run(
    text: str,
    tokens: list[Token],
    runs: Runs,
    first: int,
    stop: int,
    head: int,
    titles_only: dict[int, int],
) -> Piece | None:
    """A run with a title word at ``head``: the name after the title ("US President *Donald
    Trump*"), or none (a title alone, whose closing organisation may be an actor)."""
    toks = tokens[first:stop]
    words = tuple(t.text for t in toks)
    name = after_title(words, head)
    if name == len(words):
        opening = runs.title_start(first + head)
        titles_only.update({first + head: opening, stop - 1: opening})
        return _employer_in_title(toks, words, head)
    title_end = name
    if name < len(words) - 1 and words[name] in HONORIFICS:
        name += 1  # "APA CEO Dr. Arthur C. Evans": the honorific is neither title nor name
    if not shaped(words[name:]):
        return None
    start = tokens[runs.title_start(first + head)].start
    end = toks[title_end - 1].end
    title = (start, end + (words[title_end - 1] in ABBREVIATIONS and text[end] == "."))
    kind: PieceKind = "single" if len(words) - name == 1 else "person"
    return Piece(kind, toks[name].start, toks[-1].end, words[name:], title, toks[head].start, True)


def _named_after(tokens: list[Token], first: int, stop: int) -> Piece | None:
    """A name glued to the employer before it: "spokesperson for TransCanada *Grady
    Semmens*", "… at the European Environmental Bureau *Barbara Mariani*". The name starts
    at a given name (``given_names``) after words holding none and no title word, and runs
    two or three words; the words before it are an employer: they hold an organisation word,
    or a role's "for"/"at"/"of" precedes them. (Else they may be a given name the list lacks:
    "Remi Emmanuel Plesel".) The employer is kept as the person's title."""
    toks = tokens[first:stop]
    words = tuple(t.text for t in toks)
    if len(words) < 3 or words[0] in HONORIFICS or is_given_name(words[0]):
        return None  # "Mary Ann Smith" is one name
    for k in range(1, len(words) - 1):
        if words[k].lower() in TITLE_HEADS or words[k - 1] in PARTICLES:
            return None
        if not is_given_name(words[k]):
            continue
        if len(words) - k > 3 or not glued_name(words[k:]):
            return None
        if not (any(w in ORG_WORDS for w in words[:k]) or _employed_at(tokens, first)):
            return None
        title = (toks[0].start, toks[k - 1].end)
        return Piece("person", toks[k].start, toks[-1].end, words[k:], title, None, True)
    return None


def _employed_at(tokens: list[Token], first: int) -> bool:
    """ "spokesperson *for* …", "an analyst *at* …": a role and its preposition before."""
    if first < 2 or tokens[first - 1].text not in ("for", "at", "of", "with", "from"):
        return False
    role = tokens[first - 2].text
    return not tokens[first - 2].cap and (role in TITLE_HEADS or role in ROLE_NOUNS)


def _prefixed(toks: list[Token], words: tuple[str, ...]) -> Piece | None:
    """A name after an honorific ("Mr. Waltz"), or after a role word capitalised only because
    it opens the sentence ("Resident Chris Hopkins explained")."""
    if words[0] in HONORIFICS and len(words) > 1 and (shaped(words[1:]) or title_surname(words)):
        kind: PieceKind = "single" if len(words) == 2 else "person"
        return Piece(kind, toks[1].start, toks[-1].end, words[1:], None, toks[0].start, True)
    if toks[0].initial and words[0].lower() in ROLE_NOUNS and len(words) > 2 and shaped(words[1:]):
        title = (toks[0].start, toks[0].end)
        return Piece("person", toks[1].start, toks[-1].end, words[1:], title, toks[0].start)
    return None


def _employer_in_title(toks: list[Token], words: tuple[str, ...], head: int) -> Piece | None:
    """The organisation closing a title: "Commissioner of the *Texas Department of State
    Health Services*". The run stays a title (for the name in apposition after it)."""
    k = head + 1
    if k >= len(words) or words[k] != "of":
        return None  # "Commissioner for Crisis Management": a portfolio
    k += 1 + (k + 1 < len(words) and words[k + 1] == "the")
    rest = words[k:]
    if len(rest) < 2 or rest[-1] not in ORG_WORDS:
        return None
    return Piece("org", toks[k].start, toks[-1].end, rest, strong=True)


def _national(toks: list[Token], words: tuple[str, ...]) -> Piece | None:
    """A nationality or a place before a name describes it: "Israeli Ohad Huri", "Indonesian
    Pilot Iriyanto" (a role word after it is its title), "… Embassy in Australia Eman Amasha"."""
    if words[1].lower() in ROLE_NOUNS and shaped(words[2:]):
        kind: PieceKind = "single" if len(words) == 3 else "person"
        title = (toks[0].start, toks[1].end)
        return Piece(kind, toks[2].start, toks[-1].end, words[2:], title, toks[1].start, True)
    if shaped(words[1:]):
        return Piece("person", toks[1].start, toks[-1].end, words[1:])
    return None


def _described(text: str, tokens: list[Token], runs: Runs, piece: Piece, first: int) -> None:
    """A lower-case title or descriptor right before: "spokesman Peskov", "outlet Izvestia";
    a country's possessive before a full name that acts ("Chile's Gabriel Boric said")."""
    if first == 0:
        return
    prev = tokens[first - 1]
    if prev.sentence != tokens[first].sentence or text[prev.stop : tokens[first].start] != " ":
        return
    titled = prev.text in TITLE_HEADS or prev.text in ROLE_NOUNS
    if prev.possessive and prev.text in COUNTRY_GROUPS and piece.kind == "person":
        # "Chile's Gabriel Boric denounced": a person when it acts ("Japan's Mount Fuji,
        # which", "Singapore's Mass Rapid Transit system" do not).
        piece.strong = subject_of_verb(text, piece.end)
    elif titled or prev.text in ORG_DESCRIPTORS:
        piece.title = (tokens[runs.title_start(first - 1)].start, prev.end)
        piece.kind, piece.strong = (piece.kind if titled else "org"), True


def _apposition(
    text: str,
    tokens: list[Token],
    runs: Runs,
    piece: Piece,
    first: int,
    titles_only: dict[int, int],
    titled: list[int],
) -> None:
    """ "chief, Kaja Kallas," (title before) or "Michael Golden, the GAO's counsel" (after)."""
    begins = piece.start if piece.ref is None else piece.ref  # "…, Dr. John Hellerstedt"
    if first >= 1 and text[tokens[first - 1].stop : begins] == ", ":
        head = _employed_by(text, tokens, first - 1) if piece.kind == "person" else first - 1
        employed = head != first - 1
        if employed or head in titles_only or tokens[head].text in TITLE_HEADS | ORG_DESCRIPTORS:
            title_start = titles_only.get(head, runs.title_start(head))
            if _opens_main_clause(text, tokens, title_start, piece):
                return
            piece.title = (tokens[title_start].start, tokens[first - 1 if employed else head].end)
            if tokens[head].text in ORG_DESCRIPTORS:
                piece.kind = "org"
            piece.strong = True
            return
    m = _APPOSITION.match(text, piece.end)
    if m is None:
        return
    words = m.group(1).split()
    if not words or len(words) > 12 or words[0].lower() in _NOT_APPOSITION:
        return
    opening = words[0]
    lowered = opening.lower()
    if not (
        m.group(0)[1:].lstrip()[:1].islower()
        or opening.endswith(("'s", "’s"))
        or lowered in TITLE_HEADS
        or lowered in TITLE_MODIFIERS
    ):
        return  # "VTB, Sberbank and Gazprom Bank": a list of names, not an apposition
    start, end = m.span(1)
    if any(start <= t < end for t in titled):
        return
    spans = [(w.group(), start + w.start(), start + w.end()) for w in _WORD.finditer(m.group(1))]
    if words[-1] in ABBREVIATIONS and text[end] == ".":
        spans.pop()  # "The Atlantic, Sen. Obama", "X, who challenges Rep. Y": Y's title
    bare = [w.lower().removesuffix("’s").removesuffix("'s") for w, _, _ in spans]
    heads = [
        i for i, w in enumerate(bare) if w in TITLE_HEADS or w in ROLE_NOUNS or w in ORG_DESCRIPTORS
    ]
    if not heads:
        return
    # The title ends with its head and complement: "chief economist at Merk Investments".
    i = j = heads[0]
    for h in heads[1:]:  # "chief operating officer"
        if h - j > 2:
            break
        j = h
    while j + 1 < len(spans) and (
        bare[j + 1] in _COMPLEMENT or spans[j + 1][0][0].isupper() or bare[j + 1] in TITLE_HEADS
    ):
        j += 1
    while j > i and bare[j] in _COMPLEMENT:
        j -= 1
    personal = any(w in TITLE_HEADS or w in ROLE_NOUNS for w in bare[i : j + 1])
    if not personal and all(w[0].isupper() for w, _, _ in spans):
        return  # "In a post on Facebook, the Los Angeles Fire Department said": a name of its own
    lone = len(piece.words) == 1
    if personal and lone and _THE_BEFORE.search(text, max(0, piece.start - 8), piece.start):
        return  # "Appearing on CBS' Face the Nation, the GOP front-runner said": a thing's name
    piece.title, piece.strong = (start, spans[j][2]), True
    if not personal:
        piece.kind = "org"  # "Airbus, the European planemaker," but "X, the Bank president,"


def _opens_main_clause(text: str, tokens: list[Token], title_start: int, piece: Piece) -> bool:
    """Whether the name after "…, " acts as the subject of a sentence that opened with a
    prepositional phrase ending at the title (``_OPENING_PHRASE``)."""
    opening = title_start
    while opening > 0 and tokens[opening - 1].sentence == tokens[title_start].sentence:
        opening -= 1
    start = tokens[opening].start
    return _OPENING_PHRASE.fullmatch(
        text, start, tokens[title_start].start - 1
    ) is not None and subject_of_verb(text, piece.end)


def _employed_by(text: str, tokens: list[Token], last: int) -> int:
    """The title word a role's employer follows: "an attorney *for Twitter*, Alex Spiro",
    "a spokeswoman *at the Pentagon*, X", "a member *of the Labour Party*, X", "a spokesman
    *for the department*, X" → the index of "attorney"; else ``last`` itself."""
    k = last
    while k > 0 and tokens[k].cap and joined(text, tokens[k - 1], tokens[k]):
        k -= 1  # over the employer's capitalised words
    described = k == last and tokens[k].text in ORG_DESCRIPTORS and tokens[k - 1].text == "the"
    if described:
        k -= 1  # "a spokesman for *the department*, X"
    elif k == last or tokens[k].cap:
        return last
    if tokens[k].text == "the" and k > 0:
        k -= 1
    # "mayor of Esperanza, Sultan Kudarat": "of" a place is no employer, "of" a body is.
    by, employer = tokens[k].text, text[tokens[k + 1].start : tokens[last].end].removeprefix("the ")
    body = described or tokens[last].text in ORG_WORDS or known_body(employer)
    if k < 1 or not (by in ("for", "at", "with") or (by == "of" and body)):
        return last
    head = tokens[k - 1]
    spaced = text[head.stop : tokens[k].start] == " " and head.sentence == tokens[k].sentence
    lowered = head.text.lower()
    titled = not head.cap and (lowered in TITLE_HEADS or lowered in ROLE_NOUNS)
    return k - 1 if spaced and titled else last
