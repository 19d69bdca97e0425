"""What capitalised words look like: a person's name, an organisation's, a title.

Pure functions of a run's words (no text around them), read by ``actor_rules.py`` to decide
where a title ends and a name begins, and by ``actors.py`` to link surnames and acronyms.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .given_names import is_given_name, title_surname
from .lexicon import (
    ACTION_VERBS,
    AUXILIARIES,
    CAPITALS,
    CAUSE_OPENINGS,
    CONTINENTS,
    COUNTRY_GROUPS,
    DEPARTMENTS,
    HONORIFICS,
    INSTITUTION_GROUPS,
    LOCATIVES,
    MONTHS,
    NAME_SUFFIXES,
    NATIONALITIES,
    ORG_WORDS,
    PARTICLES,
    PLACE_NOUNS,
    REGIONAL,
    SPEECH_VERBS,
    STOPWORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WEEKDAYS,
)
from .names import Token, capitalised_word, joined


def organisation_like(words: tuple[str, ...]) -> bool:
    if len(words) < 2:
        return False  # "Company executives said": a common noun opening the sentence
    linked = "of" in words or "for" in words  # (most runs have neither: skip the pairs)
    pairs = list(pairwise(words)) if linked or "on" in words else []
    if linked and any(w.lower() in TITLE_HEADS and nxt in ("of", "for") for w, nxt in pairs):
        return False  # "Chief Executive Officer of General Motors" is a title
    if words[-1] in ORG_WORDS and words[0] not in HONORIFICS:
        return True
    if any(
        len(words) > len(w) and [x.lower() for x in words[1 : len(w)]] == list(w[1:])
        for w in CAUSE_OPENINGS.get(words[0], ())
    ):
        return True  # "Reporters Without Borders", "Friends of the Earth"
    if words[-1] in CONTINENTS and len(words) <= 3 and words[0] not in HONORIFICS:
        # "Lycos Europe", not "East Asia" or "Across Asia"
        return not any(w in REGIONAL or w.lower() in LOCATIVES for w in words[:-1])
    return any(w in ORG_WORDS and nxt in ("of", "for", "on") for w, nxt in pairs)


def staff_body(words: tuple[str, ...]) -> bool:
    """Whether a run before "analysts said", "officials said" may be a body's name
    ("Goldman Sachs", "Microsoft"), not a word of what they are ("Senior", "Health",
    "Western", "Wall Street", "European")."""
    first, last = words[0], words[-1]
    return not (
        first.endswith(("ic", "ican", "ish"))  # "Democratic", "Republican", "Islamic"
        or first.lower() in TITLE_MODIFIERS
        or first.lower() in TITLE_HEADS
        or first in DEPARTMENTS
        or first in NATIONALITIES
        or first in REGIONAL
        or first in STOPWORDS
        or last.lower() in PLACE_NOUNS
        or last in CAPITALS
        or last in COUNTRY_GROUPS
    )


def titled_name(words: tuple[str, ...], head: int | None) -> bool:
    """ "Bank of England Governor Andrew Bailey": an organisation's name, a title word, then
    a person's name, which an organisation word never closes."""
    if head is None or head == 0 or head >= len(words) - 1:
        return False
    name = words[head + 1 :]
    return shaped(name) and not any(w in ORG_WORDS for w in name)


def glued_name(words: tuple[str, ...]) -> bool:
    """A personal name after its employer; opening with a given name, it may end in a title
    word, a surname here ("Governor of the Bank of England Mervyn *King*")."""
    if shaped(words):
        return True
    last = words[-1]
    return len(words) > 1 and shaped(words[:-1]) and last.lower() in TITLE_HEADS and last.istitle()


def last_title_head(words: tuple[str, ...]) -> int | None:
    """Index of the last title word that leaves a name after it ("Secretary of State X"); a
    title word that is the name's own surname is none ("Rep. Peter *King*")."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if title_surname(words[: i + 1]):
            continue
        if word.lower() not in TITLE_HEADS or (word.isupper() and len(word) > 3):
            continue
        if word == "General" and i == 0 and len(words) < 3:
            continue  # "General Motors", "General Assembly"
        return i
    return None


def named_like_a_title(words: tuple[str, ...]) -> bool:
    before = words[:-1]
    return (
        len(before) >= 2
        and shaped(before)
        and not any(w.lower() in TITLE_MODIFIERS or w.lower() in TITLE_HEADS for w in before)
    )


def after_title(words: tuple[str, ...], head: int) -> int:
    """Index of the first name word after a title's head and its department ("of State")."""
    k = head + 1
    if k >= len(words) or words[k] not in ("of", "for"):
        return k
    k += 1 + (k + 1 < len(words) and words[k + 1] == "the")
    for n in (3, 2, 1):  # "President of the United States Barack Obama"
        if " ".join(words[k : k + n]) in COUNTRY_GROUPS:
            return k + n
    department = k
    while k < len(words) and words[k] in DEPARTMENTS:
        k += 1
    if k > department and (k == len(words) or shaped(words[k:])):
        return k
    k = department
    # "Director of Climate Action *Network* Europe Wendel Trio": after an organisation word,
    # the last two words are a name (longer only right after it: "… Commission Ursula von
    # der Leyen"); "Vice Chairman of Chrysler": the rest is the title's, not a name.
    for n in (2, 3, 4):
        at = len(words) - n
        named = at > k and shaped(words[at:]) and (n == 2 or words[at - 1] in ORG_WORDS)
        if named and any(w in ORG_WORDS for w in words[k:at]):
            return at
        if n == 2 and named and is_given_name(words[at]):
            return at  # "Director of Public Prosecutions *Max Hill*
    while k < len(words) and words[k] in DEPARTMENTS:
        k += 1
    return k if k > department else len(words)


def nameable(words: tuple[str, ...]) -> bool:
    """Capitalised words that may name an organisation: no month, weekday, title word,
    nationality or stopword among them, and not a place alone ("New York")."""
    if words[0] in STOPWORDS or all(w in COUNTRY_GROUPS or w in CAPITALS for w in words):
        return False
    return not any(
        w in MONTHS or w in WEEKDAYS or w.lower() in TITLE_HEADS or w in NATIONALITIES
        for w in words
    )


def shaped(words: tuple[str, ...]) -> bool:
    """Whether words look like a personal name: capitalised, no place, month or title word."""
    if not 1 <= len(words) <= 5 or words[0] in PARTICLES or words[-1] in PARTICLES:
        return False
    for i, word in enumerate(words):
        if word in PARTICLES or word in NAME_SUFFIXES:
            continue
        if title_surname(words[: i + 1]):
            continue
        if not capitalised_word(word) or word in NATIONALITIES or word in ORG_WORDS:
            return False
        if word in COUNTRY_GROUPS or word in CAPITALS or word in MONTHS or word in WEEKDAYS:
            return False
        if word.lower() in TITLE_HEADS or (word.isupper() and len(word) > 1 and "." not in word):
            return False
        if word.lower() in ("of", "for", "the"):
            return False
    return True


def initials(words: Sequence[str]) -> str:
    """ "Government Accountability Office" → "GAO": what an acronym of the name would be."""
    return "".join(w[0] for w in words if w[0].isupper())


def surname(words: tuple[str, ...]) -> str:
    """The family name of a full name: its last word before "Jr.", "III"."""
    names = [w for w in words if w not in NAME_SUFFIXES]
    return names[-1] if names else words[-1]


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my"})


def used_as_title(text: str, tokens: list[Token], i: int) -> bool:
    """Whether the title word at ``i``, also a family name, is a title here: after a
    determiner or a nationality, or before a name ("the Saudi King", "King Abdullah")."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if before is not None and (before.text in NATIONALITIES or before.text.lower() in _DETERMINERS):
        return True
    return after is not None and after.cap and joined(text, tokens[i], after)


# What may follow a person's bare surname that is also a nationality ("Cuban said", "Cuban
# also gave"), where the nationality would take a noun ("Cuban exiles", "French troops").
_AFTER_A_PERSON = frozenset({"also", "who", "himself", "herself", "then", "later", "now"})


def used_as_nationality(text: str, tokens: list[Token], i: int) -> bool:
    """Whether the nationality at ``i``, also a family name ("Mark *Cuban*"), is the
    nationality here: after a determiner, or before a name or a noun ("the Cuban government",
    "Cuban exiles"); a verb or punctuation after it leaves the person ("Cuban demurred")."""
    if used_as_title(text, tokens, i):
        return True
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is None or not joined(text, tokens[i], after) or after.cap:
        return False
    word = after.text
    verb = word in SPEECH_VERBS or word in ACTION_VERBS or word in AUXILIARIES
    return not (verb or word in _AFTER_A_PERSON or word.endswith("ed"))


def known_body(words: str) -> bool:
    """A known institution or an acronym: "head of *the IMF*", "director of *the FBI*"."""
    return words in INSTITUTION_GROUPS or (words.isupper() and len(words) > 1 and words.isalpha())
