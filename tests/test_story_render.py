"""``story/render.py`` on a story built by hand: every placement, a conflict, an actor without
events, and text that is a formula, Markdown and HTML. No builder needed."""

from __future__ import annotations

import csv
import datetime as dt
import io

from summarizer.story.model import (
    Citation,
    Member,
    StoryActor,
    StoryEvent,
    StoryTimelines,
    Timeline,
)
from summarizer.story.render import CSV_COLUMNS, render

# The story ----------------------------------------------------------------------------------


def _citation(article: str, text: str, start: int, day: int | None = 4) -> Citation:
    published = dt.date(2008, 3, day) if day else None
    return Citation(
        article=article,
        event=0,
        text=text,
        start=start,
        end=start + len(text),
        date_text="on Monday",
        published=published,
        title=f"Title of {article}" if day else None,
    )


def hand_story() -> StoryTimelines:
    """Two actors, three events (a date, an anchor, an undated one after it), a conflict, an
    actor without events, and text that is a formula, Markdown and HTML."""
    gm = StoryActor(
        id="S1",
        name="General Motors",
        kind="organisation",
        aliases=["GM"],
        articles=["a1", "a2"],
        members=[
            Member(
                article="a1", actor="A1", name="General Motors", kind="organisation", reason="first"
            ),
            Member(
                article="a2",
                actor="A3",
                name="GM",
                kind="organisation",
                reason="acronym",
                because="GM",
            ),
        ],
    )
    union = StoryActor(
        id="S2",
        name="The United Auto Workers",
        kind="group",
        aliases=[],
        articles=["a1"],
        members=[],
    )
    cut = StoryEvent(
        id="E1",
        event="GM cut 5,000 jobs",
        status="past",
        date="2008-03-03",
        granularity="day",
        placed_by="date",
        actors=["S1"],
        citations=[
            _citation("a1", "GM cut 5,000 jobs on Monday.", 10),
            _citation("a2", '=HYPERLINK("http://x") GM cut jobs', 0, day=None),
        ],
        conflicts=["E2"],
    )
    talks = StoryEvent(
        id="E2",
        event="talks <script>alert(1)</script> [resume](http://evil)",
        status="scheduled",
        date="2008-03-10",
        granularity="day",
        placed_by="anchor",
        actors=["S1", "S2"],
        citations=[_citation("a1", "- Talks resume *next* Monday.", 50)],
        conflicts=["E1"],
    )
    after = StoryEvent(
        id="E3",
        event="plant closed",
        status="past",
        date=None,
        granularity=None,
        placed_by="article_order",
        after="E2",
        actors=["S1"],
        citations=[_citation("a2", "+1 plant closed.", 80)],
    )
    return StoryTimelines(
        articles=2,
        skipped=1,
        timelines=[
            Timeline(actor=gm, events=[cut, talks, after]),
            Timeline(actor=union, events=[]),
        ],
        warnings=["one # warning"],
    )


def test_json_is_the_model() -> None:
    story = hand_story()
    text = render(story, "json")
    assert text.endswith("}\n") and text.startswith("{\n  ")
    assert StoryTimelines.model_validate_json(text) == story


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_is_one_row_per_actor_event_citation_and_spreadsheet_safe() -> None:
    text = render(hand_story(), "csv")
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert "\r\n" in text  # Excel's dialect
    rows = read_rows(text)
    keys = [(r["actor_id"], r["event_id"], r["article"]) for r in rows]
    assert keys == [
        ("S1", "E1", "a1"),
        ("S1", "E1", "a2"),
        ("S1", "E2", "a1"),
        ("S1", "E3", "a2"),
        ("S2", "", ""),  # an actor without events keeps its row
    ]
    first, formula, talks, after, union = rows
    assert first["date"] == "2008-03-03" and first["granularity"] == "day"
    assert first["placed_by"] == "date" and first["conflicts"] == "E2"
    assert first["published"] == "2008-03-04" and first["title"] == "Title of a1"
    assert (first["start"], first["end"]) == ("10", str(10 + len("GM cut 5,000 jobs on Monday.")))
    assert first["sentence"] == "GM cut 5,000 jobs on Monday."
    assert formula["sentence"].startswith("'=HYPERLINK")  # defused, as export does
    assert formula["published"] == "" and formula["title"] == ""
    assert talks["status"] == "scheduled" and talks["placed_by"] == "anchor"
    assert talks["sentence"] == "'- Talks resume *next* Monday."
    assert (
        after["after"] == "E2" and after["date"] == "" and after["sentence"] == "'+1 plant closed."
    )
    assert union["actor"] == "The United Auto Workers"


def test_markdown_has_a_section_per_actor_and_quotes_every_citation() -> None:
    md = render(hand_story(), "md")
    assert md.startswith("# Story timelines\n")
    assert "*2 article(s) read, 1 skipped · 2 timelines*" in md
    assert "## General Motors (organisation)" in md
    assert "*S1 · also GM · named in 2 article(s): a1, a2*" in md
    assert "- **2008-03-03** — GM cut 5,000 jobs (E1; placed by its date; conflicts with E2)" in md
    assert "  > “GM cut 5,000 jobs on Monday.”" in md
    assert "  > — article a1, *Title of a1*, 2008-03-04" in md
    assert "- **undated** — plant closed (E3; undated: placed by article order, after E2)" in md
    assert "scheduled" in md and "## The United Auto Workers (group)" in md
    assert "No events." in md
    assert md.rstrip().endswith("- one \\# warning")
    # Nothing from the articles or the model becomes markup.
    assert "<script>" not in md and "[resume](http" not in md
    assert "\\<script\\>" in md and "\\[resume\\](http" in md and "\\*next\\*" in md
    assert "(E2; placed by a date relative to its article's; scheduled; conflicts with E1)" in md
