"""The index's rules by name: what made each speaker cue, actor and mention.

Shaped like ``dates/``'s registry: each rule is declared once here (name, precedence rank,
what it reads, one line saying what it finds), and the function that applies it registers
itself with its patterns: ``@SPEAKER_RULES.finds("as_saying", _AS_SAYING)``. A rule that has a
name can be tested case by case (``tests/test_index_rules.py`` wants a positive and a negative
case for each), ranked explicitly, and shown to a user (``summarizer index --explain``).

Ranks order the rules as they compete, lower first. Speaker rules: in the words examined,
``as_saying`` and ``in_a_statement`` win; then each speech verb is tried for a phrase naming
its speaker ("according to"), its subject name, a subject pronoun, a description, an inverted
name; a participle only when no speech verb named anyone; ``paragraph_continues`` only when
nothing else applied, and ``sentence_subject`` after it (``speakers.py``). Actor rules: the
order in which ``actors.py`` reads an article, each later one only where no earlier one did.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar, get_args

from .units import ActorRule, SpeakerRule

N = TypeVar("N", bound=str)
F = TypeVar("F", bound=Callable[..., object])
# How a speaker rule reads its name: from a phrase ("according to X"), as the subject of the
# verb ("X said"), as its voice ("X's office said"), after an inverted verb ("…,” said X), as
# the subject of a participle ("X issued a statement saying"), through a pronoun or a
# description that refers back ("he said", "the ministry said"), or from the context only.
Reads = Literal[
    "phrase",
    "subject",
    "colon",
    "voice",
    "inverted",
    "participle",
    "referring",
    "context",
    "stance",
]
# What an actor rule makes: an actor with its first mention, or only mentions of one.
Makes = Literal["actor", "mention"]


@dataclass(frozen=True)
class IndexRule(Generic[N]):
    """One named rule: its rank, what it finds, and (once registered) its finder and patterns."""

    name: N
    rank: int
    description: str
    reads: Reads | Makes
    patterns: tuple[str, ...] = ()
    finder: str = ""  # module:qualname of the function that applies it

    def explain(self) -> str:
        """One line for a person: the name and what it finds."""
        return f"{self.name} (rank {self.rank}): {self.description}"


class RuleRegistry(Generic[N]):
    """The rules of one kind, by name; every name of ``names`` (a ``Literal``) declared once."""

    def __init__(self, names: object, rules: list[IndexRule[N]]) -> None:
        declared = [r.name for r in rules]
        if sorted(declared) != sorted(get_args(names)):
            raise ValueError(f"rules {declared} do not match the names {get_args(names)}")
        self._rules = {r.name: r for r in sorted(rules, key=lambda r: r.rank)}

    def finds(self, name: N, *patterns: re.Pattern[str] | str) -> Callable[[F], F]:
        """Decorator: ``finder`` applies rule ``name``, reading ``patterns`` (unchanged)."""

        def deco(finder: F) -> F:
            rule = self._rules[name]
            where = f"{finder.__module__}:{finder.__qualname__}"
            found = tuple(p if isinstance(p, str) else p.pattern for p in patterns)
            self._rules[name] = dataclasses.replace(
                rule,
                finder=f"{rule.finder}, {where}" if rule.finder else where,
                patterns=rule.patterns + found,
            )
            return finder

        return deco

    def __getitem__(self, name: N) -> IndexRule[N]:
        return self._rules[name]

    def __iter__(self) -> Iterator[IndexRule[N]]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)


def _s(name: SpeakerRule, rank: int, reads: Reads, description: str) -> IndexRule[SpeakerRule]:
    return IndexRule(name, rank, description, reads)


def _a(name: ActorRule, rank: int, makes: Makes, description: str) -> IndexRule[ActorRule]:
    return IndexRule(name, rank, description, makes)


SPEAKER_RULES: RuleRegistry[SpeakerRule] = RuleRegistry(
    SpeakerRule,
    [
        _s("as_saying", 10, "phrase", '"Izvestia quoted X as saying", "X was quoted as saying"'),
        _s("in_a_statement", 20, "phrase", '"a statement from X said"'),
        _s("according_to", 30, "phrase", '"according to (Airbus spokesman) X", the agent of a'
           ' passive: "he was told by X", "it was described as “…” by X", a document\'s'
           ' author: "according to a report by X"'),
        _s("name_said", 40, "subject", '"X said", "X, the foreign minister, said", "X called'
           ' it “…”"'),
        _s("name_told", 41, "subject", '"X told reporters" (the name after "told" listens)'),
        _s("on_behalf_of", 42, "voice", '"a spokesperson for X said", "X\'s office said",'
           ' "Ukraine\'s foreign ministry said", "according to researchers at X"'),
        _s("colon_intro", 43, "colon", '"Mr. Waltz responded: “…”": a name and verb'
           ' introducing the quotation; a transcript\'s "Secretary X: “…”" too, or a person'
           ' named right before the colon: "… surprise pollster X: “…”"'),
        _s("pronoun_continues", 50, "referring", '"he said", "it said", "according to him",'
           ' "his spokesman said": the last speaker cued, else the one person or organisation'
           " named; a person described by nation, age or calling: \"the Dutchman said\", \"the"
           ' 39-year-old said" (the one of that age), "the striker said"'),
        _s("noun_continues", 60, "referring", '"the statement said", "the institute said":'
           " its author, the one organisation named with that word"),
        _s("said_name", 70, "inverted", '"…,” said X", "…,” said nurse X", "Said Haines:'
           ' “…”"'),
        _s("name_saying", 80, "participle", '"X issued a statement saying “…”", "X'
           ' commended the parties, saying …"'),
        _s("signed", 85, "phrase", 'a quotation alone on its line, signed by the name on the'
           ' line after it: "“…”" then "― Martha Aguilar" or "Sue Branford"'),
        _s("paragraph_continues", 90, "context", "a quotation with no cue of its own: the"
           " speaker cued before it in its paragraph (or right after it)"),
        _s("sentence_subject", 100, "context", "a quotation no rule attributes: the named"
           " subject opening its clause"),
        _s("holds_stance", 110, "stance", 'a sentence whose named subject holds a view without'
           ' a speech verb: "Russia has dismissed the idea" (a holder, not a speaker)'),
    ],
)  # fmt: skip

ACTOR_RULES: RuleRegistry[ActorRule] = RuleRegistry(
    ActorRule,
    [
        _a("institution", 10, "actor", 'an institution written by name: "the Kremlin",'
           ' "NATO" (lexicon)'),
        _a("person_name", 20, "actor", "a full name with evidence: a title, an honorific, a"
           " speech verb, its surname used again, or a known given name"),
        _a("title", 21, "mention", 'the title written with a name: "US President", "a'
           ' spokesman for Twitter"'),
        _a("surname_only", 22, "actor", 'a person known by surname only: "President Macron",'
           ' "Macron said … He added"'),
        _a("organisation_name", 30, "actor", 'an organisation\'s name: "Defence Ministry",'
           ' "engine maker Europrop", or a lone word that speaks ("Airbus said")'),
        _a("defined_name", 31, "mention", 'a short name defined in parentheses: "Phivolcs'
           ' said" after "… Seismology (Phivolcs)"'),
        _a("acronym", 32, "actor", 'an acronym of a known name ("the GAO"), or one that acts'),
        _a("repeated_name", 40, "mention", "another place a found name is written, headlines"
           " included"),
        _a("state_body", 50, "actor", 'a state\'s body named by what it is: "the Syrian'
           ' foreign ministry disputed"'),
        _a("state", 60, "actor", 'a country or capital that is the subject of a verb:'
           ' "Russia said", "Moscow has insisted"; "the Kremlin" where Russia is named'),
        _a("surname_link", 70, "mention", 'a surname, alone or after an honorific or title,'
           ' linked to the one full name with it: "Mr. Waltz", "Putin"'),
        _a("org_word_link", 80, "mention", 'an organisation word written alone: "the'
           ' Department", "Police say"'),
    ],
)  # fmt: skip

# Speaker rules whose span is a pronoun or a description ("he said"), not a name.
REFERRING: frozenset[str] = frozenset(r.name for r in SPEAKER_RULES if r.reads == "referring")

__all__ = ["ACTOR_RULES", "REFERRING", "SPEAKER_RULES", "IndexRule", "RuleRegistry"]
