"""What ``summarizer timeline`` writes: one dated, ordered timeline per actor of a whole batch.

Every fact here is traced to the batch it was built from: an actor lists the article actors it
was merged from and why, an event cites every sentence that reports it (article id plus
offsets into that article's text), and says how its place in the story was decided.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from ..dates import Granularity
from ..draft import EventStatus
from ..index.units import ActorKind

StoryVersion = Literal["1.0"]
STORY_VERSION: Final[StoryVersion] = get_args(StoryVersion)[0]

# Why two article actors are one story actor.
MergeReason = Literal[
    "first",  # the first article actor of this story actor: nothing merged yet
    "same_name",  # the same name once case, "the", punctuation and a company suffix are gone
    "alias",  # one's name is an alias the article gave the other ("Moscow" for Russia)
    "acronym",  # one is the initials of the other ("GM", "General Motors")
    "short_name",  # one is the other's first or last word(s) ("Boeing", "Boeing Co." / "Obama")
]
# How an event's place in the story was decided.
Placement = Literal[
    "date",  # its own date, written out in full ("March 3, 2008")
    "anchor",  # its own date, written relative to an anchor ("on Tuesday" of the publication)
    "article_order",  # no date: after the dated event its article reports just before it
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Member(_Model):
    """One article's actor, merged into a story actor, and the reason it was."""

    article: str
    actor: str  # the actor's id in that article's summary ("A3")
    name: str
    kind: ActorKind
    reason: MergeReason
    because: str | None = Field(
        default=None, description='The name it was matched through ("GM" = "General Motors")'
    )


class StoryActor(_Model):
    id: str  # "S1"
    name: str  # the name most of its members use (a full name, without a company suffix, on a tie)
    kind: ActorKind
    aliases: list[str]  # every other name its members go by, sorted
    articles: list[str]  # ids of the articles that name it, in batch order
    members: list[Member]


class Citation(_Model):
    """One report of an event: the sentence of one article that states it."""

    article: str
    event: int | None = Field(
        description="Index of the event in that article's summary timeline, for the review link"
    )
    text: str  # the sentence, as the article writes it
    start: int = Field(ge=0)  # offsets into that article's text
    end: int = Field(ge=0)
    date_text: str | None  # the date expression as that article writes it
    published: dt.date | None
    title: str | None


class StoryEvent(_Model):
    id: str  # "E1", unique across the whole output
    event: str  # the first report's phrase
    status: EventStatus
    date: str | None = Field(description="TIMEX3 value the reports agree on, or None")
    granularity: Granularity | None
    placed_by: Placement
    after: str | None = Field(
        default=None, description="For article_order: the id of the event it follows"
    )
    actors: list[str]  # story actor ids
    citations: list[Citation] = Field(min_length=1)
    conflicts: list[str] = Field(
        default_factory=list,
        description="Ids of events that report the same happening at an incompatible date",
    )


class Timeline(_Model):
    actor: StoryActor
    events: list[StoryEvent]  # in story order


class StoryTimelines(_Model):
    story_version: StoryVersion = STORY_VERSION
    articles: int  # summaries read
    skipped: int  # error records and lines that are not summaries of this version
    timelines: list[Timeline]
    warnings: list[str] = Field(default_factory=list)
