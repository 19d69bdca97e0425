"""The terminal view, drawn with rich: a summary a reviewer can check against its evidence.

Every piece of article or model text goes in as a ``rich.text.Text`` with control characters
replaced, never as a markup string: an article may contain ``[bold]`` or an escape sequence, and
neither may restyle or take over the reviewer's terminal. Colour is decoration only; rich drops
it when the output is not a terminal (or ``NO_COLOR`` is set), and every fact is in the words.
Below ``NARROW`` columns tables give way to stacked lines, which wrap instead of squeezing.
"""

from __future__ import annotations

import re
from typing import IO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..schema import Position, Span, TimelineEvent
from .view import Review, Row, date_label

NARROW = 70
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_STANCE_STYLE = {
    "for": "green",
    "against": "red",
    "conditional": "yellow",
    "undecided": "yellow",
}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich exits with 1 here; the reader leaving (``| head``) is no failure, and the CLI
        # (``cli.main``) ends quietly with 0 on a BrokenPipeError.
        self.quiet = True
        raise BrokenPipeError


def make_console(file: IO[str] | None = None, *, width: int | None = None) -> Console:
    """A console that never guesses markup, emoji or highlights in text it did not write."""
    return _Console(file=file, width=width, highlight=False, emoji=False, markup=False)


def clean(text: str) -> str:
    """Article text minus terminal controls, bidi overrides and lone surrogates (newlines and
    tabs kept)."""
    return _CONTROL.sub("\ufffd", text)


def t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def indent(renderable: RenderableType, columns: int) -> Padding:
    """Indent every wrapped line, not only the first, so excerpts stay visibly nested."""
    return Padding(renderable, (0, 0, 0, columns), expand=False)


def render_review(review: Review, console: Console) -> None:
    narrow = console.width < NARROW
    for part in (
        _header(review),
        _warnings(review),
        _positions(review),
        _timeline(review, narrow),
        _quotes(review),
        _provenance(review),
    ):
        if part is not None:
            console.print(part)


def render_overview(where: str, rows: list[Row], console: Console) -> None:
    """A batch at a glance; ``--id`` opens one record."""
    errors = sum(r.record.status == "error" for r in rows)
    warned = sum(bool(r.warnings) for r in rows)
    console.print(Rule(t(f"{where}: {len(rows)} records"), align="left"))
    console.print(t(f"{len(rows) - errors} ok, {errors} errors, {warned} with warnings"))
    narrow = console.width < NARROW
    table = Table(box=None, show_edge=False, pad_edge=False, expand=False)
    if not narrow:
        for name in ("id", "status", "title", "pos", "events", "quotes", "warnings"):
            table.add_column(name, overflow="fold")
    for row in rows:
        status = t(row.record.status, "green" if row.record.status == "ok" else "bold red")
        if row.problems:
            status.append(f" ({row.problems} invalid)", style="bold red")
        warnings = ", ".join(f"{code}×{n}" if n > 1 else code for code, n in row.warnings.items())
        detail = row.error or row.title
        if narrow:
            line = t(row.record.id, "bold") + t("  ") + status
            console.print(line)
            console.print(t(f"  {detail}"))
            if row.record.status == "ok":
                c = row.counts
                console.print(
                    t(f"  {c['positions']} positions, {c['timeline']} events, {c['quotes']} quotes")
                )
            if warnings:
                console.print(t(f"  ⚠ {warnings}", "yellow"))
            continue
        c = row.counts
        counts = [str(c[k]) if row.record.status == "ok" else "" for k in c]
        table.add_row(t(row.record.id), status, t(detail), *counts, t(warnings, "yellow"))
    if not narrow:
        console.print(table)
    console.print(t("Review one record with --id ID.", "dim"))


def _header(review: Review) -> RenderableType:
    s = review.summary
    a = s.article
    body: list[RenderableType] = [
        Rule(style="dim"),
        t(a.title or "(untitled article)", "bold"),  # a Rule title would be cut on narrow ones
        t(" · ".join(review.facts()), "dim"),
        Text(),
        t(s.summary.headline or "(no headline that adds to the title)", "bold"),
        t(s.summary.abstract),
    ]
    body += [indent(t("• ") + t(point.text), 2) for point in s.summary.key_points]
    return Group(*body)


def _warnings(review: Review) -> RenderableType | None:
    warnings = review.summary.warnings
    if not warnings and not review.problems:
        return None
    lines: list[RenderableType] = []
    for w in warnings:
        lines.append(t(w.code, "bold yellow") + t(f"  {w.path}", "dim"))
        lines.append(indent(t(w.message), 2))
    shown, more = review.shown_problems()
    for problem in shown:
        lines.append(t("invalid", "bold red"))
        lines.append(indent(t(problem), 2))
    if more:
        lines.append(t(f"… and {more} more invalid; `summarizer validate` lists them", "bold red"))
    title = f"⚠ {review.warning_count} warning{'s' * (review.warning_count != 1)}"
    return Panel(Group(*lines), title=t(title, "bold"), title_align="left", border_style="red")


def _positions(review: Review) -> RenderableType:
    parts: list[RenderableType] = [Rule(t(f"Positions ({len(review.summary.positions)})"))]
    for group in review.holders():
        parts.append(t(group.name, "bold") + t(f" · {group.role}" if group.role else "", "dim"))
        for _, position in group.positions:
            parts += _position(position)
    if not review.summary.positions:
        parts.append(t("No positions.", "dim"))
    return Group(*parts)


def _position(p: Position) -> list[RenderableType]:
    head = t("▸ ") + t(p.stance_kind, "bold " + _STANCE_STYLE.get(p.stance_kind, ""))
    head += t(f"  {p.topic}") + t(f"  ({p.attribution.replace('_', ' ')})", "dim")
    lines: list[RenderableType] = [indent(head, 2), indent(t(p.stance), 4)]
    lines += [indent(_excerpt(span), 4) for span in p.evidence]
    if not p.evidence:
        lines.append(indent(t("⚠ no evidence found in the article", "bold yellow"), 4))
    return lines


def _excerpt(span: Span) -> Text:
    where = f"  [{span.start}:{span.end}" + (f", {span.match}]" if span.match != "exact" else "]")
    return t("“", "italic") + t(span.text, "italic") + t("”", "italic") + t(where, "dim")


def _timeline(review: Review, narrow: bool) -> RenderableType:
    events = review.timeline()
    title = Rule(t(f"Timeline ({len(events)}, by date)"))
    if not events:
        return Group(title, t("No events.", "dim"))
    if narrow:
        lines: list[RenderableType] = [title]
        for _, e in events:
            lines.append(_when(e) + t("  ") + _as_written(e))
            event = t(e.event) + t(f" ({e.status}){_actors(review, e)}", "dim")
            if e.excerpt is None:
                event += t("  ⚠ excerpt not found in the article", "bold yellow")
            lines.append(indent(event, 2))
        return Group(*lines)
    table = Table(box=None, show_edge=False, pad_edge=False, expand=False)
    table.add_column("when", no_wrap=True)
    table.add_column("as written", overflow="fold")
    table.add_column("event", overflow="fold", ratio=1)
    table.add_column("status", no_wrap=True)
    for _, e in events:
        event = t(e.event) + t(_actors(review, e), "dim")
        if e.excerpt is None:
            event += t("  ⚠ excerpt not found in the article", "bold yellow")
        table.add_row(_when(e), _as_written(e), event, t(e.status))
    return Group(title, table)


def _when(e: TimelineEvent) -> Text:
    label = date_label(e.date)
    unresolved = e.date is None or e.date.value is None
    return t(label, "bold yellow" if unresolved and e.date is not None else "bold")


def _as_written(e: TimelineEvent) -> Text:
    return t(f"“{e.date.text}”", "italic") if e.date else t("—", "dim")


def _actors(review: Review, e: TimelineEvent) -> str:
    names = [review.actor_name(a) or a for a in e.actors]
    return f" · {', '.join(names)}" if names else ""


def _quotes(review: Review) -> RenderableType:
    title = Rule(t(f"Quotes ({len(review.summary.quotes)})"))
    grid = Table.grid(padding=(0, 1))  # number, then the quote with a hanging indent
    grid.add_column(no_wrap=True)
    grid.add_column()
    for q in review.summary.quotes:
        speaker = review.actor_name(q.speaker)
        line = Text()
        if speaker:
            line += t(speaker, "bold") + t(": ")
        elif q.kind == "speech":
            line += t("(no speaker) ", "bold yellow")
        line += t(f"“{q.text}”", "italic")
        if q.kind == "scare_quote":
            line += t("  (scare quote)", "dim")
        grid.add_row(t(f"Q{q.number}", "bold"), line)
    return Group(title, grid)


def _provenance(review: Review) -> RenderableType:
    return t(review.provenance(), "dim")
