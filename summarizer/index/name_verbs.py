"""The verb after a name: whether a name is the subject of a verb of saying, of any finite
verb, or of a verb that holds a view, read on the plain text after it (``names.py`` finds the
names). The regex pieces here (``FILLER``, ``SPEECH``, ``grouped``) are shared with the speaker
rules.
"""

from __future__ import annotations

import re
from typing import Final

from .lexicon import (
    ACTION_VERBS,
    AUXILIARIES,
    INVERTING_VERBS,
    ROLE_NOUNS,
    SPEECH_FILLERS,
    SPEECH_VERBS,
    TITLE_HEADS,
)

_LITERAL = re.compile(r"[\w' -]+")


def grouped(alternatives: list[str]) -> str:
    """The alternation ``a|b|…`` with runs of plain words factored by their first letter
    ("s(?:aid|ays)|…"): the same matches in the same order of preference (words opening with
    different letters never match at one place; a pattern that is no plain word closes the
    run), but the regex engine drops most places after one letter instead of every word."""
    out: list[str] = []
    run: dict[str, list[str]] = {}

    def flush() -> None:
        out.extend(f"{c}(?:{'|'.join(w[1:] for w in words)})" for c, words in run.items())
        run.clear()

    for alternative in alternatives:
        if _LITERAL.fullmatch(alternative):
            run.setdefault(alternative[0], []).append(alternative)
        else:
            flush()
            out.append(alternative)
    flush()
    return "|".join(out)


def _alt(words: frozenset[str]) -> str:
    return grouped(sorted(words, key=len, reverse=True))


SPEECH = _alt(SPEECH_VERBS)
# Words between a subject and its verb that say how or when: "X has repeatedly warned", "X on
# Thursday evening said", "X, the party chairman, this past week announced".
FILLER = (
    rf"(?:{_alt(SPEECH_FILLERS)}|\w+ly|on \w+day(?:\s+(?:morning|afternoon|evening|night))?"
    # "X later Thursday told" (not "Super Tuesday states")
    r"|(?:later|earlier)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|(?:this|last)\s+(?:past\s+)?(?:week(?:end)?|month|year|morning|afternoon|evening)"
    r"|(?:(?:less|more) than\s+|about\s+|nearly\s+)?(?:a|an|\w+)\s+(?:day|week|month|year)s?"
    r"\s+ago)"
)
# "X said", "X has repeatedly warned", "X on Friday told". An apposition opens in lower case
# or with an age ("X, the mayor, said", "X, 52, said"), or is a capitalised title ending on its
# head ("X, UNICEF emergency officer, said"; "Dacia, Constantin Stroe, said" is somebody else
# speaking); then perhaps where the words were said ("…, in an interview with Y, said").
_APPOSITION = (
    rf"(?:,\s(?=[a-z\d])[^,.;:“”\"\n]{{1,100}},"
    rf"|,\s+[^,.;:“”\"\n]{{0,60}}\b(?:{_alt(ROLE_NOUNS | TITLE_HEADS)}),)"
)
_WHERE_SAID = (
    r"\s(?:in|on|during|at|via|through)\s(?:an?|the|his|her|its|their)\s[^,.;:“”\"\n]{1,80},"
)
SPEAKS_AFTER = re.compile(rf"{_APPOSITION}?(?:{_WHERE_SAID})?(?:\s+{FILLER})*\s+(?:{SPEECH})\b")
# "X, said", "X, who said": a stray comma or a relative pronoun, unless the name closes an
# apposition or a phrase ("Lisa Murkowski, an *Alaska Republican*, tweeted", "the chairman of
# the Joint Chiefs of *Staff*, told", "Esperanza, *Sultan Kudarat*, announced").
_STRAY_SPEAKS = re.compile(rf",(?:\s+who)?(?:\s+{FILLER})*\s+(?:{SPEECH})\b")
_ENCLOSED = re.compile(
    r"(?:,\s+(?:an?|the|also\s+an?)\s+|\b(?:of|in|at|for|from|to|with|on|and)\s+(?:the\s+)?"
    r"(?:\S+['’]s\s+)?|[A-Z][\w’'-]*,\s+)$"
)
# "… He added", "…,” she said": a pronoun opening the next sentence or closing a quotation.
_HE_SPEAKS = re.compile(
    rf"(?:[.!?][”\"’]?\s+(?:He|She)|[”\"],?\s+(?:he|she))(?:\s+{FILLER})*\s+(?:{SPEECH})\b"
)
# "said X", and with a description between: "said nurse X", "said the IOM spokesman X",
# "commented a commuter, 41-year-old X".
_SAID_BEFORE = re.compile(
    rf"(?:\b(?:{_alt(INVERTING_VERBS)})|\b[Aa]ccording to|\bquoted)\s+(?:[Tt]he\s+)?"
    rf"(?:(?:(?:an?|the)\s+)?(?:[\w’'-]+\s+){{0,2}}(?:{_alt(ROLE_NOUNS | TITLE_HEADS)})\s+"
    r"|(?:an?|the)\s+[a-z][\w’'-]*,\s+(?:\d+-year-old\s+)?|\d+-year-old\s+)?$"
)
# "X was quoted …", "X, had been cited …" (also read by the speaker rules' ``as_saying``).
# "X was reported as saying" (never "X was reported missing"; the gap the rule reads ends there).
QUOTED_PASSIVE = (
    r",?\s+(?:was|is|were|has been|had been)\s+"
    r"(?:quoted|cited|reported(?=\s+as\s+saying|\s*$))"
)
_QUOTED_AFTER = re.compile(rf"{QUOTED_PASSIVE}\b")
# A lower-case word, a negated auxiliary whole ("didn’t").
_LOWER_WORD = re.compile(r"\b(?:[a-z]+n[’']t|[a-z]+)\b")
# A name's acronym in brackets after it: "… Authority (PTA) had", "… (NARA) sought".
ACRONYM_IN_BRACKETS: Final = r"\([A-Z][A-Za-z.&]{1,12}\)"
# A lawmaker's party, and state, in brackets: "Gov. Rick Scott (R)", "Rep. X (D-N.Y.)".
_PARTY_IN_BRACKETS = r"\([DRI](?:-[A-Z][A-Za-z.]{1,6})?\)"
# The next word after a subject: "Russia, however, has …", "Britain and France have …".
_NEXT_WORD = re.compile(
    rf"(?:\s*(?:{ACRONYM_IN_BRACKETS}|{_PARTY_IN_BRACKETS}))?"
    r"(?:\s*,\s*(?:[a-z]+\s){0,2}[a-z]+\s*,)?"
    r"(?:\s+and\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?)?"
    # an adverb or a day between: "X immediately posted", "X on Thursday ratcheted up"
    rf"(?:\s+{FILLER})*\s+([a-z]+n[’']t|[a-z]+)\b"
)


# Present forms of ``QUOTING`` that are plural nouns too: "Legal questions aside, the “…”"
# has no speaker "Legal" (see ``lone_adjective``).
NOUN_FORMS = frozenset({
    "calls", "labels", "brands", "terms", "questions", "hopes", "fears", "demands", "blasts",
    "slams", "praises", "rejects", "touts", "faults", "disputes", "mocks", "dubs", "regards",
})  # fmt: skip


def lone_adjective(text: str, start: int, end: int) -> bool:
    """Whether the one word at ``text[start:end]``, before a verb that may be a plural noun
    ("Legal questions aside", "Security fears grow"), is an adjective rather than a speaker:
    written nowhere else ("Trump calls …" after "Donald Trump" still speaks)."""
    word = text[start:end]
    m = _NEXT_WORD.match(text, end)
    if " " in word or m is None or m.group(1) not in NOUN_FORMS:
        return False
    return len(re.findall(rf"\b{re.escape(word)}\b", text)) == 1


# A body's people who speak for it, right after its name: "Goldman Sachs analysts said",
# "Microsoft researchers wrote", "NASA scientists told" (``staff_speaks``).
STAFF_PLURALS: Final = (
    r"analysts|economists|strategists|researchers|scientists|engineers|executives|officials"
    r"|employees|investigators"
)
_STAFF_SPEAKS = re.compile(rf"\s+(?:{STAFF_PLURALS})(?:\s+{FILLER})*\s+(?:{SPEECH})\b")


def staff_speaks(text: str, start: int, end: int, opening: bool) -> bool:
    """Whether the name at ``text[start:end]`` speaks through its people: "Goldman Sachs
    analysts said"; then it is a body, not a person. A lone word ``opening`` its sentence
    only if written again ("Barclays analysts said", not "Industry analysts said")."""
    if opening and len(re.findall(rf"\b{re.escape(text[start:end])}\b", text)) < 2:
        return False  # (a word, not part of one: "Apple" is not in "Pineapple")
    return _STAFF_SPEAKS.match(text, end) is not None


def speaks(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is the subject of a speech verb."""
    if SPEAKS_AFTER.match(text, end) or _QUOTED_AFTER.match(text, end):
        return True
    if _STRAY_SPEAKS.match(text, end) and not _ENCLOSED.search(text, max(0, start - 40), start):
        return True
    return _SAID_BEFORE.search(text, max(0, start - 60), start) is not None


def subject_of_verb(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by its verb ("Russia has agreed")."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and _finite_verb(m.group(1))


def holds_verb(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` holds a finite verb (as ``subject_of_verb`` knows them): a
    clause ("X spoke to the press, and Y said"), not a list of names ("X and Y said")."""
    return any(map(_finite_verb, _LOWER_WORD.findall(text[start:end])))


def _finite_verb(word: str) -> bool:
    return (
        word.endswith(("n’t", "n't"))  # "didn’t", "can't": a negated auxiliary
        or word in AUXILIARIES
        or word in ACTION_VERBS
        or word in SPEECH_VERBS
        or (word.endswith("ed") and len(word) > 4)
    )


def he_speaks(text: str, end: int) -> bool:
    """Whether "he said" / "she added" follows the name ending at ``end`` closely."""
    return _HE_SPEAKS.search(text, end, end + 250) is not None
