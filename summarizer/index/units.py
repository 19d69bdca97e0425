"""The numbered, located units of one article: what the model may cite, and what rules found.

Every unit carries character offsets into the article text exactly as read, so
``text[unit.start:unit.end] == unit.text`` always holds. Ids are short and stable within an
article (``S3``, ``Q2``, ``D4``, ``A1``): a small model picks an id instead of copying text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..dates import Granularity, UnresolvedReason

DateType = Literal["date", "time", "duration", "set"]
ActorKind = Literal["person", "organisation", "state", "group", "other"]
MentionKind = Literal["name", "surname", "honorific", "institution", "pronoun", "title"]
# The names of the rules that make speaker cues, actors and mentions (``rules.py``).
SpeakerRule = Literal[
    "as_saying",
    "in_a_statement",
    "according_to",
    "name_said",
    "name_told",
    "on_behalf_of",
    "colon_intro",
    "pronoun_continues",
    "noun_continues",
    "said_name",
    "name_saying",
    "signed",
    "paragraph_continues",
    "sentence_subject",
    "holds_stance",
]
ActorRule = Literal[
    "institution",
    "person_name",
    "title",
    "surname_only",
    "organisation_name",
    "defined_name",
    "acronym",
    "repeated_name",
    "state_body",
    "state",
    "surname_link",
    "org_word_link",
]


@dataclass(frozen=True)
class Sentence:
    """S<number>: a sentence, a headline or a dateline, never crossing a paragraph break."""

    number: int
    start: int
    end: int
    text: str
    paragraph: int

    @property
    def id(self) -> str:
        return f"S{self.number}"


@dataclass(frozen=True)
class DateMention:
    """D<number>: a date/time expression found in running text (TimeML-style extent).

    ``anchor`` says what a relative value was counted from: ``"published"`` (the publication
    date), another mention's id (``"D2"``) when the text points at a date of the story, or
    ``None`` for absolute values and for mentions left unresolved.
    """

    number: int
    text: str
    start: int
    end: int
    type: DateType
    value: str | None
    granularity: Granularity | None
    reason: UnresolvedReason | None
    anchor: str | None
    sentence: int

    @property
    def id(self) -> str:
        return f"D{self.number}"


@dataclass(frozen=True)
class Mention:
    """One place where an actor is named or referred to, and the rule that found it (not part
    of its identity: two rules finding one span make one mention, the first rule's)."""

    text: str
    start: int
    end: int
    kind: MentionKind
    rule: ActorRule = field(compare=False)


@dataclass(frozen=True)
class IndexedActor:
    """A<number>: a person or organisation the article names, found by rule."""

    number: int
    name: str
    kind: ActorKind
    title: str | None
    mentions: tuple[Mention, ...]
    rule: ActorRule  # the rule that made it an actor

    @property
    def id(self) -> str:
        return f"A{self.number}"


@dataclass(frozen=True)
class SpeakerCue:
    """The speaker the text names for a quotation (``Q3``) or a reported-speech sentence
    (``S7``), by one rule: the rule's name and the span of the words that named the speaker.

    ``actor`` is the indexed actor's id when the name resolves to one; ``name`` is the name as
    the rule read it (a full name when an honorific plus surname was linked to it).
    """

    target: str
    actor: str | None
    name: str
    rule: SpeakerRule
    start: int
    end: int
