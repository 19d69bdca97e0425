"""The article as HTML with every span the summary points at highlighted.

Spans overlap (a quotation is often also a position's evidence, and an event's date sits inside
its excerpt), and HTML elements cannot. So the text is cut at every span boundary and each
piece becomes one flat ``<mark>`` listing all the spans that cover it in ``data-s``; the page's
script selects a span by its key. An empty anchor ``<span id="s-KEY">`` before each span's first
piece lets the panel's links work without script. All text is escaped here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Literal

from .view import Review, date_label

Kind = Literal["evidence", "quote", "excerpt", "date"]


@dataclass(frozen=True)
class Mark:
    """One highlighted span: its key (shared with the panel item that cites it) and a label."""

    key: str
    kind: Kind
    start: int
    end: int
    label: str


def evidence_key(position: int, evidence: int) -> str:
    return f"p{position}e{evidence}"


def quote_key(number: int) -> str:
    return f"q{number}"


def event_keys(event: int) -> tuple[str, str]:
    """Keys of an event's excerpt and of its date expression."""
    return f"t{event}x", f"t{event}d"


def marks_of(review: Review) -> list[Mark]:
    s = review.summary
    marks: list[Mark] = []
    for q in s.quotes:
        who = review.actor_name(q.speaker) or "no speaker"
        marks.append(Mark(quote_key(q.number), "quote", q.start, q.end, f"Q{q.number} · {who}"))
    for i, p in enumerate(s.positions):
        label = f"evidence · {review.actor_name(p.holder)} on {p.topic}"
        for j, e in enumerate(p.evidence):
            marks.append(Mark(evidence_key(i, j), "evidence", e.start, e.end, label))
    for i, ev in enumerate(s.timeline):
        excerpt, date = event_keys(i)
        if ev.excerpt is not None:
            x = ev.excerpt
            marks.append(Mark(excerpt, "excerpt", x.start, x.end, f"event · {ev.event}"))
        if ev.date is not None:
            d = ev.date
            marks.append(Mark(date, "date", d.start, d.end, f"date · {date_label(d)}"))
    return marks


def highlight(text: str, marks: list[Mark]) -> str:
    """``text`` as escaped HTML with ``marks`` applied; spans outside the text are left out."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for m in marks:
        starting.setdefault(m.start, []).append(m)
    out: list[str] = []
    for a, b in pairwise(cuts):
        out += [f'<span class="anchor" id="s-{m.key}"></span>' for m in starting.get(a, [])]
        piece = escape(text[a:b])
        covering = [m for m in marks if m.start <= a and b <= m.end]
        if not covering:
            out.append(piece)
            continue
        kinds = " ".join(sorted({f"k-{m.kind}" for m in covering}))
        keys = " ".join(m.key for m in covering)
        title = escape("\n".join(dict.fromkeys(m.label for m in covering)))
        out.append(f'<mark class="{kinds}" data-s="{keys}" title="{title}">{piece}</mark>')
    return "".join(out)
