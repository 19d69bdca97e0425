"""Story timelines as files: JSON (the model itself), a CSV table and a Markdown digest.

JSON is for programs and is exactly ``StoryTimelines``. CSV is for a spreadsheet: one row per
actor × event × citation, so filtering a column never needs a second sheet; cells are guarded
against formulas by ``export.guard_cell``, the same defence as ``summarizer export``. Markdown
is for reading: one section per actor, each event with the sentences that report it quoted,
every piece of article or model text made inert by ``export.md_text``. HTML is the review page
of ``story/html.py`` and is not written here.

Writers take a text stream (the CLI streams straight into its output file); ``render`` is the
same as a string, for the library and tests.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Final, Literal, TextIO, get_args

from .. import scrub
from ..export import LIST_SEPARATOR, guard_cell, md_text
from .model import Citation, Placement, StoryActor, StoryEvent, StoryTimelines, Timeline

TextFormat = Literal["json", "csv", "md"]
TEXT_FORMATS: Final[tuple[TextFormat, ...]] = get_args(TextFormat)

CSV_COLUMNS: Final[tuple[str, ...]] = (
    "actor_id",
    "actor",
    "event_id",
    "date",
    "granularity",
    "placed_by",
    "after",
    "event",
    "status",
    "conflicts",
    "article",
    "published",
    "title",
    "start",
    "end",
    "sentence",
)

Cell = str | int
Row = list[Cell]


def render(story: StoryTimelines, fmt: TextFormat) -> str:
    """``story`` as one string in ``fmt``."""
    out = io.StringIO(newline="")
    write(story, fmt, out)
    return out.getvalue()


def write(story: StoryTimelines, fmt: TextFormat, out: TextIO) -> None:
    """``story`` written to ``out`` in ``fmt``. For ``csv``, ``out`` must be opened with
    ``newline=""`` (the ``csv`` module writes its own CRLF line ends)."""
    if fmt == "json":
        write_json(story, out)
    elif fmt == "csv":
        write_csv(story, out)
    elif fmt == "md":
        write_markdown(story, out)
    else:  # a caller that bypassed the type checker
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(TEXT_FORMATS)}")


def write_json(story: StoryTimelines, out: TextIO) -> None:
    """The model's JSON, indented; ``safe_json`` so that it prints harmlessly on a terminal
    and splits into lines only where the indentation does (the same JSON value)."""
    out.write(scrub.safe_json(story.model_dump_json(indent=2)) + "\n")


# CSV ----------------------------------------------------------------------------------------


def csv_rows(story: StoryTimelines) -> Iterator[Row]:
    """The rows under ``CSV_COLUMNS``, cells cleaned and guarded. An event is repeated under
    each of its actors, and once per citation; an actor without events still gets one row
    (its event cells empty), so no requested actor silently vanishes from the sheet."""
    for timeline in story.timelines:
        actor: Row = [timeline.actor.id, timeline.actor.name]
        if not timeline.events:
            yield _cells([*actor, *[""] * (len(CSV_COLUMNS) - len(actor))])
        for event in timeline.events:
            for citation in event.citations:
                yield _cells([*actor, *_event_cells(event), *_citation_cells(citation)])


def _event_cells(event: StoryEvent) -> Row:
    return [
        event.id,
        event.date or "",
        event.granularity or "",
        event.placed_by,
        event.after or "",
        event.event,
        event.status,
        LIST_SEPARATOR.join(event.conflicts),
    ]


def _citation_cells(citation: Citation) -> Row:
    published = citation.published.isoformat() if citation.published else ""
    return [
        citation.article,
        published,
        citation.title or "",
        citation.start,
        citation.end,
        citation.text,
    ]


def _cells(row: Row) -> Row:
    return [guard_cell(scrub.for_document(c)) if isinstance(c, str) else c for c in row]


def write_csv(story: StoryTimelines, out: TextIO) -> int:
    """The header and every row; returns the rows written, the header not counted."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    written = 0
    for row in csv_rows(story):
        writer.writerow(row)
        written += 1
    return written


# Markdown -----------------------------------------------------------------------------------

_PLACED: Final[dict[Placement, str]] = {
    "date": "placed by its date",
    "anchor": "placed by a date relative to its article's",
    "article_order": "undated: placed by article order",
}


def write_markdown(story: StoryTimelines, out: TextIO) -> None:
    """A title with the counts, then a section per actor (``_timeline``), then the warnings."""
    noun = "timeline" if len(story.timelines) == 1 else "timelines"
    out.write(
        "# Story timelines\n\n"
        f"*{story.articles} article(s) read, {story.skipped} skipped · "
        f"{len(story.timelines)} {noun}*\n"
    )
    if not story.timelines:
        out.write("\nNo actor met the conditions for a timeline.\n")
    for timeline in story.timelines:
        out.write("\n" + "\n".join(_timeline(timeline)) + "\n")
    if story.warnings:
        out.write("\n## Warnings\n\n")
        out.writelines(f"- {md_text(w)}\n" for w in story.warnings)


def _timeline(timeline: Timeline) -> list[str]:
    actor = timeline.actor
    lines = [f"## {md_text(actor.name)} ({actor.kind})", "", _about(actor), ""]
    if not timeline.events:
        return [*lines, "No events."]
    for event in timeline.events:
        lines += _event(event)
    return lines[:-1]  # no blank line after the last quote


def _about(actor: StoryActor) -> str:
    facts = [md_text(actor.id)]
    if actor.aliases:
        facts.append("also " + ", ".join(md_text(a) for a in actor.aliases))
    articles = ", ".join(md_text(a) for a in actor.articles)
    facts.append(f"named in {len(actor.articles)} article(s): {articles}")
    return "*" + " · ".join(facts) + "*"


def _event(event: StoryEvent) -> list[str]:
    """``- **date** — event (placed by …)``, then each citing sentence as a quote under it."""
    when = md_text(event.date) if event.date else "undated"
    how = _PLACED[event.placed_by]
    if event.after:
        how += f", after {md_text(event.after)}"
    notes = [md_text(event.id), how]
    if event.status != "past":
        notes.append(event.status)
    if event.conflicts:
        notes.append("conflicts with " + ", ".join(md_text(c) for c in event.conflicts))
    lines = [f"- **{when}** — {md_text(event.event)} ({'; '.join(notes)})", ""]
    for citation in event.citations:
        lines += [f"  > “{md_text(citation.text)}”", "  >", f"  > — {_source(citation)}", ""]
    return lines


def _source(citation: Citation) -> str:
    parts = [f"article {md_text(citation.article)}"]
    if citation.title:
        parts.append(f"*{md_text(citation.title)}*")
    if citation.published:
        parts.append(citation.published.isoformat())
    return ", ".join(parts)
