"""Results as a newsroom opens them: CSV tables, one row per item, and a Markdown digest.

Everything here takes summaries one at a time from an iterable and writes as it goes, so a
batch of any length costs the memory of one summary. Reading files (and skipping error
records) is the caller's job; these functions only see validated ``ArticleSummary`` objects.

CSV is written by the standard ``csv`` module (Excel's dialect: every cell holding a comma, a
quote mark or a line break is quoted, rows end in CRLF). A file meant for a spreadsheet should
be opened with ``CSV_ENCODING``: without a byte order mark Excel reads UTF-8 as the local
code page, and "Zelensky’s" becomes "Zelenskyâ€™s". A text cell that a spreadsheet would
run as a formula is defused (``guard_cell``): news quotes do begin with "-" or "+".
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final, Literal, TextIO, get_args

from . import scrub
from .schema import Actor, ArticleSummary, Span, TimelineEvent

Table = Literal["quotes", "positions", "timeline", "actors"]
TABLES: Final[tuple[Table, ...]] = get_args(Table)

# utf-8 with a byte order mark: the one UTF-8 that Excel recognises on opening a .csv file.
CSV_ENCODING: Final = "utf-8-sig"

Cell = str | int
Row = list[Cell]

COLUMNS: Final[dict[Table, tuple[str, ...]]] = {
    "quotes": (
        "article_id",
        "quote_number",
        "speaker_id",
        "speaker",
        "text",
        "start",
        "end",
        "kind",
        "decided_by",
    ),
    "positions": (
        "article_id",
        "holder_id",
        "holder",
        "holder_role",
        "topic_id",
        "topic",
        "stance_kind",
        "view",
        "view_from",
        "attribution",
        "evidence_offsets",
        "evidence",
    ),
    "timeline": (
        "article_id",
        "event",
        "status",
        "actors",
        "date_text",
        "date_value",
        "granularity",
        "unresolved_reason",
        "date_start",
        "date_end",
        "excerpt_start",
        "excerpt_end",
        "excerpt",
    ),
    "actors": ("article_id", "actor_id", "name", "kind", "role", "aliases"),
}

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR: Final = "; "  # between names or offsets inside one cell


def guard_cell(value: str) -> str:
    """A text cell no spreadsheet runs: one opening like a formula gets a leading ``'``.

    A quote such as ``-1 is all they offered`` or ``=HYPERLINK(...)`` in a hostile article
    would otherwise be evaluated when the file is opened. The apostrophe is what a user types
    to enter such text by hand; spreadsheets show the cell without it.
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Names:
    """Actor ids of one summary resolved to names (an unknown id is shown as itself)."""

    def __init__(self, actors: list[Actor]) -> None:
        self._actors = {a.id: a for a in actors}

    def name(self, actor_id: str | None) -> str:
        if actor_id is None:
            return ""
        actor = self._actors.get(actor_id)
        return actor.name if actor is not None else actor_id

    def role(self, actor_id: str) -> str:
        actor = self._actors.get(actor_id)
        return (actor.role or "") if actor is not None else ""


def _offsets(spans: Iterable[Span]) -> str:
    return LIST_SEPARATOR.join(f"{s.start}:{s.end}" for s in spans)


def _quote_rows(summary: ArticleSummary, names: _Names) -> Iterator[Row]:
    for q in summary.quotes:
        speaker = names.name(q.speaker)
        yield [
            q.number,
            q.speaker or "",
            speaker,
            q.text,
            q.start,
            q.end,
            q.kind,
            q.decided_by or "",
        ]


def _position_rows(summary: ArticleSummary, names: _Names) -> Iterator[Row]:
    for p in summary.positions:
        evidence = "\n".join(s.text for s in p.evidence)  # one line per span, in one cell
        yield [
            *(p.holder, names.name(p.holder), names.role(p.holder), p.topic_id, p.topic),
            *(p.stance_kind, p.stance, p.view_from, p.attribution),
            *(_offsets(p.evidence), evidence),
        ]


def _timeline_rows(summary: ArticleSummary, names: _Names) -> Iterator[Row]:
    for e in summary.timeline:
        who = LIST_SEPARATOR.join(names.name(a) for a in e.actors)
        d, x = e.date, e.excerpt
        date: Row = ["", "", "", "", "", ""]
        if d is not None:
            date = [d.text, d.value or "", d.granularity or "", d.reason or "", d.start, d.end]
        excerpt: Row = [x.start, x.end, x.text] if x is not None else ["", "", ""]
        yield [e.event, e.status, who, *date, *excerpt]


def _actor_rows(summary: ArticleSummary, names: _Names) -> Iterator[Row]:
    for a in summary.actors:
        yield [a.id, a.name, a.kind, a.role or "", LIST_SEPARATOR.join(a.aliases)]


# Each table's rows, without the article id; one cell per column of ``COLUMNS`` after it.
_ROWS: Final[dict[Table, Callable[[ArticleSummary, _Names], Iterator[Row]]]] = {
    "quotes": _quote_rows,
    "positions": _position_rows,
    "timeline": _timeline_rows,
    "actors": _actor_rows,
}


def rows(summary: ArticleSummary, table: Table) -> Iterator[Row]:
    """One row per item of ``table``, under ``COLUMNS[table]``, cells cleaned and guarded.

    Offsets are the summary's own (``article.text[start:end]`` is the text); an empty cell
    means "none" (an undated event, an unattributed quote).
    """
    article_id = summary.article.id
    for row in _ROWS[table](summary, _Names(summary.actors)):
        yield [_cell(article_id), *(_cell(c) for c in row)]


def _cell(value: Cell) -> Cell:
    return guard_cell(scrub.for_document(value)) if isinstance(value, str) else value


def write_csv(summaries: Iterable[ArticleSummary], table: Table, out: TextIO) -> int:
    """The header, then the rows of every summary, written as each summary arrives.

    ``out`` must be opened with ``newline=""`` (the ``csv`` module writes its own line
    ends). Returns the number of rows written, the header not counted.
    """
    writer = csv.writer(out)
    writer.writerow(COLUMNS[table])
    written = 0
    for summary in summaries:
        for row in rows(summary, table):
            writer.writerow(row)
            written += 1
    return written


# Markdown -----------------------------------------------------------------------------------

# Characters that would turn article text into markup: emphasis, links, raw HTML (a
# ``<script>`` quoted in an article stays text in any renderer), code, tables, headings.
_MARKUP = re.compile(r"([\\`*_\[\]<>#+|~&])")
# At the start of a line, "1." or "1)" opens a numbered list, "-" a list, "=" an underline.
_LINE_START = re.compile(r"^(\d+(?=[.)])|(?=[-=]))")


def md_text(text: str) -> str:
    """Article or model text as one line of inert Markdown: whitespace folded, markup
    escaped, so nothing it holds becomes a link, a heading, a list or HTML."""
    flat = " ".join(scrub.for_document(text).split())
    return _LINE_START.sub(r"\1\\", _MARKUP.sub(r"\\\1", flat))


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"## {title}", "", *lines, ""] if lines else []


def digest(summary: ArticleSummary) -> str:
    """One result as a Markdown digest: what it says, who holds which view, when, and who
    said what. Sections without items are left out."""
    names = _Names(summary.actors)
    art, body = summary.article, summary.summary
    title = art.title or body.headline or f"Article {art.id}"
    about = [f"article {md_text(art.id)}"]
    about += [str(art.published)] if art.published else []
    about += [md_text(art.source)] if art.source else []
    out = [f"# {md_text(title)}", "", "*" + " · ".join(about) + "*", ""]
    if body.headline and body.headline != art.title:
        out += [f"**{md_text(body.headline)}**", ""]
    out += [md_text(body.abstract), ""] if body.abstract.strip() else []
    out += _section("Key points", [f"- {md_text(k.text)}" for k in body.key_points])
    out += _section("Positions", _positions(summary, names))
    out += _section("Timeline", [_event(e, names) for e in summary.timeline])
    out += _section("Quotes", _quotes(summary, names))
    out += _section("Warnings", [f"- {w.code}: {md_text(w.message)}" for w in summary.warnings])
    return "\n".join(out)


def _positions(summary: ArticleSummary, names: _Names) -> list[str]:
    """Positions grouped by holder, holders in the order of their first position."""
    groups: dict[str, list[str]] = {}
    for p in summary.positions:
        line = f"- **{md_text(p.topic)}** ({p.stance_kind}): “{md_text(p.stance)}”"
        groups.setdefault(p.holder, []).append(line)
    lines: list[str] = []
    for holder, items in groups.items():
        role = names.role(holder)
        heading = md_text(names.name(holder)) + (f", {md_text(role)}" if role else "")
        lines += [f"### {heading}", "", *items, ""]
    return lines[:-1]


def _event(event: TimelineEvent, names: _Names) -> str:
    date = event.date
    if date is None:
        when = "undated"
    elif date.value is None:
        when = f"“{md_text(date.text)}” (unresolved)"
    else:
        when = f"{md_text(date.value)} (“{md_text(date.text)}”)"
    who = ", ".join(md_text(names.name(a)) for a in event.actors)
    return f"- **{when}**: {md_text(event.event)}" + (f" ({who})" if who else "")


def _quotes(summary: ArticleSummary, names: _Names) -> list[str]:
    lines: list[str] = []
    for q in summary.quotes:
        speaker = md_text(names.name(q.speaker)) if q.speaker else "*unattributed*"
        lines += [f"> “{md_text(q.text)}”", ">", f"> — {speaker}", ""]
    return lines[:-1]


def write_markdown(summaries: Iterable[ArticleSummary], out: TextIO) -> int:
    """Digests one after another, each under its own heading, separated by a rule; written as
    each summary arrives. Returns the number of digests."""
    count = 0
    for summary in summaries:
        out.write(("\n---\n\n" if count else "") + digest(summary) + "\n")
        count += 1
    return count
