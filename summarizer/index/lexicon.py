"""Closed word lists read by the actor and speaker rules (``actors.py``, ``speakers.py``).

The lists themselves are data, one file each in ``word_lists/`` (one entry a line, a header
saying what the list is for and which modules read it), so a reviewer can check what counts
as a title, an organisation word or a speech verb without reading code. Every list is general
news vocabulary, never words of one article; a name missing there only costs recall of that
one rule. This module reads them once, at import, and builds what is more than a list: the
alias groups, each capital's state, the inflected verb forms, the month and weekday names.
"""

from __future__ import annotations

from importlib import resources

from ..dates.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

_LISTS = resources.files(__package__).joinpath("word_lists")


def _entries(name: str) -> tuple[str, ...]:
    """The entries of ``word_lists/<name>.txt`` in file order: one a line, stripped, blank
    lines and ``#`` comments left out."""
    text = _LISTS.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def _words(name: str) -> frozenset[str]:
    return frozenset(_entries(name))


def _groups(name: str) -> dict[str, str]:
    """Alias lines ("European Union, EU, E.U."): every alias, mapped to the line's first."""
    return {
        alias.strip(): line.split(",")[0].strip()
        for line in _entries(name)
        for alias in line.split(",")
    }


HONORIFICS = _words("honorifics")
ABBREVIATIONS = _words("abbreviations")
TITLE_HEADS = _words("title_heads")
ROLE_NOUNS = _words("role_nouns")
TITLE_MODIFIERS = _words("title_modifiers")
DEPARTMENTS = _words("departments")
ORG_WORDS = _words("org_words")
NOT_GIVEN = _words("not_given")
VAGUE_WORDS = _words("vague_words")
NAMED_AFTER = _words("named_after")
PLACE_NOUNS = _words("place_nouns")
EMPLOYER_HEADS = _words("employer_heads")
ORG_DESCRIPTORS = _words("org_descriptors")
# What an organisation named before is called when it speaks again ("the airline said", "the
# Irish carrier said"): its descriptors and a few more, less the bodies an article names apart
# from the one it is about ("the ministry", "the department", "the exchange"), and papers,
# often named only as a title in italics, which the rules do not make actors.
FIRM_CALLINGS = (ORG_DESCRIPTORS | {"club", "drugmaker", "supermarket", "chain", "corporation"}) - {
    "ministry",
    "department",
    "exchange",
    "institute",
    "daily",
    "newspaper",
    "magazine",
    "tabloid",
}
# Of them, what names a business once named, which makes a lone name that acts a firm ("Ryanair
# cut its forecast. … the Irish carrier said"): never a party, a union or a group, which a
# person's name may stand near.
BUSINESS_CALLINGS = frozenset(
    {"company", "firm", "corporation", "carrier", "airline", "retailer", "bank", "lender"}
    | {"insurer", "carmaker", "automaker", "planemaker", "drugmaker", "maker", "manufacturer"}
    | {"conglomerate", "supermarket", "giant", "broadcaster", "publisher", "regulator"}
)
# An advocacy group's name opens with one of these ("Friends of the", "Americans for").
CAUSE_OPENINGS: dict[str, list[tuple[str, ...]]] = {}
for _words_of in (tuple(entry.split()) for entry in _entries("cause_names")):
    CAUSE_OPENINGS.setdefault(_words_of[0], []).append(_words_of)

# Known institutions; the aliases of a line are names of one actor.
INSTITUTION_GROUPS: dict[str, str] = _groups("institutions")
GROUPS = _words("groups")

# Countries, with the aliases that name the same state (first alias = how it is grouped).
COUNTRY_GROUPS: dict[str, str] = _groups("countries")
# Capitals written for their governments ("Moscow has insisted", "Kyiv argues"), and, where
# the file names one after a colon, each capital's state as ``COUNTRY_GROUPS`` names it.
_CAPITAL_LINES = [line.partition(":") for line in _entries("capitals")]
CAPITALS = frozenset(capital.strip() for capital, _, _ in _CAPITAL_LINES)
CAPITAL_OF: dict[str, str] = {
    capital.strip(): state.strip() for capital, colon, state in _CAPITAL_LINES if colon
}
# Seats of government written for their states ("the Kremlin said"), each with its state.
SEAT_OF: dict[str, str] = {
    seat.strip(): state.strip()
    for seat, _, state in (line.partition(":") for line in _entries("seats"))
}
NATIONALITIES = _words("nationalities")
# A person of a nation, as a description ("the Dutchman", "the Brazilian"): the nouns, and
# the nationalities that are nouns too.
DEMONYMS = _words("demonyms") | {
    w
    for w in NATIONALITIES
    if w.endswith(("an", "i")) and w not in ("African", "Asian", "European")
}
REGIONAL = _words("regional")
PERSON_ROLES = _words("person_roles")
CONTINENTS = _words("continents")

# "May" is left out: a name as often as a month ("Theresa May").
MONTHS = frozenset(MONTH_NAMES + MONTH_ABBREVIATIONS) - {"May"}
WEEKDAYS = frozenset(WEEKDAY_NAMES)
STOPWORDS = _words("stopwords")
PARTICLES = _words("particles")
NAME_SUFFIXES = _words("name_suffixes")
LEGAL_FORMS = _words("legal_forms")
ACRONYM_STOP = _words("acronym_stop")
POSTNOMINALS = _words("postnominals")
LOCATIVES = _words("locatives")
AUXILIARIES = _words("auxiliaries")
SPEECH_FILLERS = _words("speech_fillers")


def _inflect(stem: str) -> set[str]:
    """A stem's -s and -ed forms; an entry "snap: snaps snapped" spells them out."""
    if ":" in stem:
        return set(stem.partition(":")[2].split())
    if stem.endswith("e"):
        return {stem + "s", stem + "d"}
    if stem.endswith("y") and stem[-2] not in "aeiou":
        return {stem[:-1] + "ies", stem[:-1] + "ied"}
    if stem.endswith(("s", "sh", "ch", "x")):
        return {stem + "es", stem + "ed"}
    return {stem + "s", stem + "ed"}


# Verbs of speech only beside a quotation ("“…,” he repeated"; "Clinton maintains a lead").
SPEECH_BY_QUOTATION = frozenset(
    {form for stem in _entries("speech_by_quotation") for form in _inflect(stem)}
)
# Speech verbs: the finite forms that report what somebody said.
SPEECH_VERBS = (
    frozenset(
        {form for stem in _entries("speech_stems") for form in _inflect(stem)}
        | set(_entries("speech_irregular"))
    )
    | SPEECH_BY_QUOTATION
)
TELL_VERBS = _words("tell_verbs")
SPEECH_OPENERS = _words("speech_openers")
INVERTING_VERBS = _words("inverting_verbs")
# Verbs a state or organisation does as the subject of a clause ("Russia annexed").
ACTION_VERBS = frozenset(
    {form for stem in _entries("action_stems") for form in _inflect(stem)}
    | set(_entries("irregular_past"))
)
