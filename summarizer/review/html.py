"""Self-contained HTML review pages: one per summary, and an index for a batch.

Each page is one file that opens from disk with nothing fetched: styles and script are inlined
from ``templates/``, fonts are the system's. How a page is kept safe (escaping, no embedded
data, a Content-Security-Policy by hash) is ``html_page``'s, shared with the story page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..html_page import asset, e, render, review_page_name, write_page
from ..schema import Position, TimelineEvent
from .highlight import event_keys, evidence_key, highlight, marks_of, quote_key
from .records import Located
from .view import HolderGroup, Review, Row, date_label


def article_page(review: Review, *, back: str | None = None) -> str:
    s = review.summary
    a = s.article
    return _page(
        "article.html",
        "review.js",
        title=e(s.summary.headline or a.title or a.id),
        back=f'<a class="back" href="{e(back)}">← all articles</a>' if back else "",
        meta=e(" · ".join(review.facts())),
        headline=e(s.summary.headline or ""),
        abstract=e(s.summary.abstract),
        key_points="".join(f"<li>{e(k.text)}</li>" for k in s.summary.key_points),
        warnings=_warnings(review),
        n_positions=str(len(s.positions)),
        positions="".join(_holder(review, g) for g in review.holders())
        or '<p class="meta">No positions.</p>',
        n_events=str(len(s.timeline)),
        timeline=_timeline(review),
        n_quotes=str(len(s.quotes)),
        quotes=_quotes(review),
        provenance=e(review.provenance()),
        article_title=e(a.title or "Article"),
        legend="Highlighted: "
        '<mark class="k-evidence">evidence</mark> <mark class="k-quote">quotation</mark> '
        '<mark class="k-excerpt">event</mark> <mark class="k-date">date</mark>',
        text=highlight(a.text, marks_of(review)),
    )


def write_article_page(review: Review, out: Path, *, back: str | None = None) -> None:
    write_page(out, article_page(review, back=back))


def index_page(where: str, rows: list[Row], links: dict[str, str], notes: dict[str, str]) -> str:
    """The batch at a glance. ``links``: record id -> page; ``notes``: id -> why it has none."""
    errors = sum(r.record.status == "error" for r in rows)
    warned = sum(bool(r.warnings) for r in rows)
    return _page(
        "index.html",
        "index.js",
        title=e(f"Review of {Path(where).name}"),
        meta=e(
            f"{where} · {len(rows)} records: {len(rows) - errors} ok, {errors} errors, "
            f"{warned} with warnings"
        ),
        rows="\n".join(_index_row(n, r, links, notes) for n, r in enumerate(rows, start=1)),
    )


def write_batch_pages(
    where: str, rows: list[Row], reviews: dict[str, Review | str], out: Path
) -> Path:
    """``out/index.html`` plus ``out/articles/NNNN-ID.html`` for each valid summary."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: a batch review is a directory (index.html and one page each)")
    links: dict[str, str] = {}
    notes: dict[str, str] = {}
    for n, row in enumerate(rows, start=1):
        review = reviews.get(row.record.id)
        if isinstance(review, Review):
            name = review_page_name(n, row.record.id)
            write_article_page(review, out / name, back="../index.html")
            links[row.record.id] = name
        elif isinstance(review, str):
            notes[row.record.id] = review
    index = out / "index.html"
    write_page(index, index_page(where, rows, links, notes))
    return index


def article_pages(records: Iterable[Located]) -> dict[str, str]:
    """Article id -> its page in ``write_batch_pages`` of the same records, for the story page's
    citation links. ``records`` in file order, as read; the first record of an article wins.
    An ok record whose summary turns out invalid gets no page there: its link finds nothing.

    Each page is listed under the record's id, which ``build_timelines`` cites articles by
    when it reads a results file, and under the summary's own article id.
    """
    pages: dict[str, str] = {}
    for n, record in enumerate(records, start=1):
        article = (record.summary or {}).get("article")
        if isinstance(article, dict) and isinstance(article.get("id"), str):
            page = review_page_name(n, record.id)
            pages.setdefault(record.id, page)
            pages.setdefault(article["id"], page)
    return pages


def _page(template: str, script: str, **parts: str) -> str:
    return render(
        _asset(template),
        script=_asset(script),
        style=_asset("review.css"),
        generator="summarizer review",
        **parts,
    )


def _warnings(review: Review) -> str:
    items = [
        f'<li><code>{e(w.code)}</code> <span class="path">{e(w.path)}</span><br>{e(w.message)}</li>'
        for w in review.summary.warnings
    ]
    shown, more = review.shown_problems()
    items += [f'<li class="bad"><code>invalid</code> {e(p)}</li>' for p in shown]
    if more:
        items.append(f'<li class="bad">… and {more} more invalid: run summarizer validate</li>')
    if not items:
        return ""
    n = review.warning_count
    bad = " has-bad" if review.problems else ""
    return (
        f'<section class="warnings{bad}" id="warnings" role="alert">'
        f"<h2>⚠ {n} warning{'s' * (n != 1)}</h2><ul>{''.join(items)}</ul></section>"
    )


def _holder(review: Review, group: HolderGroup) -> str:
    role = f' <span class="role">{e(group.role)}</span>' if group.role else ""
    items = "".join(_position(i, p) for i, p in group.positions)
    return f'<div class="holder"><h3>{e(group.name)}{role}</h3>{items}</div>'


def _position(i: int, p: Position) -> str:
    head = (
        f'<span class="stance {e(p.stance_kind)}">{e(p.stance_kind)}</span> '
        f'<span class="topic">{e(p.topic)}</span> '
        f'<span class="attr">{e(p.attribution.replace("_", " "))}</span>'
        f"<p>{e(p.stance)}</p>"
    )
    if not p.evidence:
        flag = '<p class="flag">⚠ no evidence found in the article</p>'
        return f'<div class="item position nolink" id="position-{i}">{head}{flag}</div>'
    keys = [evidence_key(i, j) for j in range(len(p.evidence))]
    quotes = "".join(
        f'<blockquote>“{e(span.text)}” <span class="offsets">{span.start}:{span.end}'
        f"{'' if span.match == 'exact' else ', ' + e(span.match)}</span></blockquote>"
        for span in p.evidence
    )
    return (
        f'<a class="item position" id="position-{i}" href="#s-{keys[0]}" '
        f'data-spans="{" ".join(keys)}">{head}{quotes}</a>'
    )


def _timeline(review: Review) -> str:
    events = review.timeline()
    if not events:
        return '<p class="meta">No events.</p>'
    rows = "".join(_event(review, i, ev) for i, ev in events)
    return (
        '<table class="events"><thead><tr><th>when</th><th>as written</th><th>event</th>'
        f"<th>status</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _event(review: Review, i: int, ev: TimelineEvent) -> str:
    excerpt, date = event_keys(i)
    keys = [k for k, span in ((excerpt, ev.excerpt), (date, ev.date)) if span is not None]
    when_class = "when" + (" unresolved" if ev.date is not None and ev.date.value is None else "")
    written = f"“{e(ev.date.text)}”" if ev.date else "—"
    actors = ", ".join(review.actor_name(a) or a for a in ev.actors)
    event = e(ev.event) + (f' <span class="attr">· {e(actors)}</span>' if actors else "")
    if keys:
        event = f'<a href="#s-{keys[0]}">{event}</a>'
    if ev.excerpt is None:
        event += '<br><span class="flag">⚠ excerpt not found in the article</span>'
    attrs = f' data-spans="{" ".join(keys)}" tabindex="0"' if keys else ""
    return (
        f'<tr class="event" id="event-{i}"{attrs}><td class="{when_class}">'
        f'{e(date_label(ev.date))}</td><td class="written">{written}</td><td>{event}</td>'
        f"<td>{e(ev.status)}</td></tr>"
    )


def _quotes(review: Review) -> str:
    items = []
    for q in review.summary.quotes:
        speaker = review.actor_name(q.speaker)
        who = (
            f'<span class="speaker">{e(speaker)}</span>: '
            if speaker
            else '<span class="flag">no speaker</span> '
            if q.kind == "speech"
            else ""
        )
        kind = ' <span class="attr">(scare quote)</span>' if q.kind == "scare_quote" else ""
        items.append(
            f'<li><a class="item quote" id="quote-{q.number}" href="#s-{quote_key(q.number)}" '
            f'data-spans="{quote_key(q.number)}"><span class="num">Q{q.number}</span>'
            f"{who}“{e(q.text)}”{kind}</a></li>"
        )
    return f'<ol class="quotes">{"".join(items)}</ol>' if items else '<p class="meta">None.</p>'


def _index_row(n: int, row: Row, links: dict[str, str], notes: dict[str, str]) -> str:
    rid = row.record.id
    ok = row.record.status == "ok"
    status = "error" if not ok else "invalid" if row.problems or rid in notes else "ok"
    shown = f'<span class="status-{e(row.record.status)}">{e(row.record.status)}</span>'
    if ok and status == "invalid":
        shown += f' <span class="invalid">({row.problems} problem(s))</span>'
    link = links.get(rid)
    ident = f'<a href="{e(link)}">{e(rid)}</a>' if link else e(rid)
    detail = e(row.error or row.title)
    if rid in notes:
        detail += f'<br><span class="invalid">{e(notes[rid])}</span>'
    counts = "".join(
        f'<td class="num">{row.counts[k] if ok else ""}</td>'
        for k in ("positions", "timeline", "quotes")
    )
    codes = ", ".join(f"{c}×{k}" if k > 1 else c for c, k in row.warnings.items())
    total = sum(row.warnings.values())
    return (
        f'<tr class="{e(status)}" data-status="{e(status)}" data-warnings="{total}">'
        f"<td>{n}</td><td>{ident}</td><td>{shown}</td><td>{detail}</td>{counts}"
        f'<td class="warn">{e(codes)}</td></tr>'
    )


def _asset(name: str) -> str:
    return asset("summarizer.review", name)
