"""A story built by hand for the story page's tests: two actors sharing events, a conflict pair
(E2 and E4), an event placed by article order, and hostile text in an article's id, title and
sentences, so escaping is tested where the data is most varied.

The seed article's citations point at real events of its summary (``tests/review_data.py``),
so the browser test can follow them into a real review page.
"""

from __future__ import annotations

import datetime as dt

from summarizer.story.model import (
    Citation,
    Member,
    StoryActor,
    StoryEvent,
    StoryTimelines,
    Timeline,
)

SEED_ID = "c557f70cd2307511"  # the seed article's id (its content hash)
SEED_TITLE = "Trump Announces Planned Discussion with Putin Regarding Ukraine Tomorrow"
HOSTILE_ID = 'x"><script>alert(1)</script>'
HOSTILE_TITLE = '<script>alert(1)</script> Talks "onmouseover=alert(2) x="'
HOSTILE_TEXT = 'He said <script>alert(3)</script> it was "onmouseover=alert(4) fine.'


def seed_citation(event: int, text: str, date_text: str | None) -> Citation:
    return Citation(
        article=SEED_ID,
        event=event,
        text=text,
        start=100 * event,
        end=100 * event + len(text),
        date_text=date_text,
        published=dt.date(2025, 3, 17),
        title=SEED_TITLE,
    )


def hostile_citation(event: int | None, date_text: str | None) -> Citation:
    return Citation(
        article=HOSTILE_ID,
        event=event,
        text=HOSTILE_TEXT,
        start=10,
        end=10 + len(HOSTILE_TEXT),
        date_text=date_text,
        published=None,
        title=HOSTILE_TITLE,
    )


def story() -> StoryTimelines:
    e1 = StoryEvent(
        id="E1",
        event="Kremlin said Putin sent Trump a message",
        status="past",
        date="2025-03-14",
        granularity="day",
        placed_by="anchor",
        actors=["S1", "S2"],
        citations=[
            seed_citation(
                3, "On Friday, the Kremlin revealed that Mr. Putin had sent…", "On Friday"
            )
        ],
    )
    e2 = StoryEvent(
        id="E2",
        event='Talks <b>began</b> "onmouseover=alert(5)',
        status="past",
        date="2025-03-16",
        granularity="day",
        placed_by="anchor",
        actors=["S1"],
        citations=[hostile_citation(0, "on Sunday")],
        conflicts=["E4"],
    )
    e3 = StoryEvent(
        id="E3",
        event="Britain and France offer peacekeepers",
        status="ongoing",
        date=None,
        granularity=None,
        placed_by="article_order",
        after="E2",
        actors=["S1"],
        citations=[seed_citation(8, "Both Britain and France have expressed…", None)],
    )
    e4 = StoryEvent(
        id="E4",
        event="Trump to speak with Putin",
        status="scheduled",
        date="2025-03-18",
        granularity="day",
        placed_by="date",
        actors=["S1", "S2"],
        citations=[
            seed_citation(7, "US President Donald Trump has announced…", "on Tuesday"),
            hostile_citation(None, "March 18"),
        ],
        conflicts=["E2"],
    )
    e5 = StoryEvent(
        id="E5",
        event="Russia annexed Crimea",
        status="past",
        date="2014",
        granularity="year",
        placed_by="date",
        actors=["S2"],
        citations=[seed_citation(0, "Russia annexed the Crimean peninsula in 2014…", "in 2014")],
    )
    trump = StoryActor(
        id="S1",
        name="Donald Trump",
        kind="person",
        aliases=["Mr. Trump", '"onmouseover=alert(6)'],
        articles=[SEED_ID, HOSTILE_ID],
        members=[
            Member(article=SEED_ID, actor="A1", name="Donald Trump", kind="person", reason="first"),
            Member(
                article=HOSTILE_ID,
                actor="A2",
                name="Trump",
                kind="person",
                reason="short_name",
                because="<i>Trump</i>",
            ),
        ],
    )
    putin = StoryActor(
        id="S2",
        name="Vladimir Putin",
        kind="person",
        aliases=["Putin"],
        articles=[SEED_ID],
        members=[
            Member(
                article=SEED_ID, actor="A2", name="Vladimir Putin", kind="person", reason="first"
            )
        ],
    )
    return StoryTimelines(
        articles=2,
        skipped=1,
        timelines=[
            Timeline(actor=trump, events=[e1, e2, e3, e4]),
            Timeline(actor=putin, events=[e5, e1, e4]),
        ],
        warnings=["1 record skipped: <script>alert(7)</script>"],
    )
