"""The story timelines as one self-contained HTML file: an actor list, one page per actor.

A reader checks a story timeline the way a reviewer checks a summary: every event shows how its
place was decided and the sentences that report it, each linked to its article's review page
with that event selected. The file opens from disk with nothing fetched and is kept safe the way
the review pages are (``html_page``: everything escaped, no embedded data, a policy by hash).

Each actor's timeline is a ``<section id="actor-S1">``: the page's script shows the one the URL
fragment names (an event's id, ``S1-E3``, names its actor's section too), so every actor and
every event has its own address. Without script every section shows, one after the other. The
filters (a date range, one article) read ``data-date`` on events and ``data-article`` on
citations; nothing else is handed to the script.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..html_page import asset, e, render, write_page
from .model import Citation, StoryActor, StoryEvent, StoryTimelines, Timeline

# What the date filter compares: the calendar part of a TIMEX3 value ("2008-03" of
# "2008-03-03T10:00", "2008" of "2008-W10"). A value without one ("PRESENT_REF") is undated.
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

_PLACED = {
    "date": ("own date", "placed by its own date, written out in full"),
    "anchor": ("anchor", "placed by its own date, written relative to an anchor (the publication)"),
    "article_order": (
        "article order",
        "undated: placed after the event its article reports before it",
    ),
}


def timeline_page(
    story: StoryTimelines,
    *,
    review_base: str | None = None,
    review_pages: Mapping[str, str] | None = None,
) -> str:
    """The page. Citations link to ``{review_base}/{page}#event-{index}`` when ``review_base``
    (a URL, relative to where this file will be, of a ``summarizer review RESULTS --html DIR``
    directory) is given: ``review_pages`` maps article ids to their ``page`` there, which only
    the results file can tell (``review.html.article_pages``: pages are numbered by record).
    """
    if review_base is not None and review_pages is None:
        raise ValueError("review_base needs review_pages: the page of each article in it")
    pages = review_pages if review_base is not None and review_pages is not None else {}
    where = _where(story)
    links = _Links(review_base or "", pages)
    # Only actors with a timeline here: another actor of an event is named by id, not linked.
    names = {t.actor.id: t.actor.name for t in story.timelines}
    events = sum(len(t.events) for t in story.timelines)
    n = len(story.timelines)
    return render(
        asset("summarizer.story", "timeline.html"),
        script=asset("summarizer.story", "timeline.js"),
        style=asset("summarizer.story", "timeline.css"),
        generator="summarizer timeline",
        title=e(f"Story timelines: {n} actor{'s' * (n != 1)}"),
        meta=e(
            f"{story.articles} article(s) read, {story.skipped} skipped · {n} actor(s), "
            f"{events} event(s) in their timelines · story format {story.story_version}"
        ),
        warnings=_warnings(story.warnings),
        actors="".join(_actor_item(t) for t in story.timelines)
        or '<li class="meta">No actor.</li>',
        articles=_article_options(story),
        pages="".join(_section(t, where, names, links) for t in story.timelines),
    )


def write_timeline_page(
    story: StoryTimelines,
    out: Path,
    *,
    review_base: str | None = None,
    review_pages: Mapping[str, str] | None = None,
) -> None:
    """Write the page to ``out`` (its folder made); ``review_base`` is relative to that folder."""
    write_page(out, timeline_page(story, review_base=review_base, review_pages=review_pages))


class _Links:
    """Where a citation's review page is, if it has one."""

    def __init__(self, base: str, pages: Mapping[str, str]) -> None:
        self.base = base if not base or base.endswith("/") else base + "/"
        self.pages = pages

    def of(self, citation: Citation) -> str | None:
        page = self.pages.get(citation.article)
        if page is None:
            return None
        fragment = "" if citation.event is None else f"#event-{citation.event}"
        return f"{self.base}{page}{fragment}"


def _where(story: StoryTimelines) -> dict[str, list[str]]:
    """Event id -> the actors whose timelines hold it, so a link can name a section."""
    where: dict[str, list[str]] = {}
    for t in story.timelines:
        for ev in t.events:
            where.setdefault(ev.id, []).append(t.actor.id)
    return where


def _event_ref(event_id: str, actor: str, where: dict[str, list[str]]) -> str:
    """A link to an event: in this actor's timeline if it is there, else in the first that has
    it; plain text if no timeline on the page has it."""
    holders = where.get(event_id, [])
    if not holders:
        return f'<span class="eid">{e(event_id)}</span>'
    home = actor if actor in holders else holders[0]
    return f'<a class="eid" href="#{e(_event_anchor(home, event_id))}">{e(event_id)}</a>'


def _event_anchor(actor: str, event_id: str) -> str:
    # An event can be in several actors' timelines; the element id must be unique on the page.
    return f"{actor}-{event_id}"


def _warnings(warnings: list[str]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{e(w)}</li>" for w in warnings)
    n = len(warnings)
    return (
        f'<section class="warnings" id="warnings" role="alert">'
        f"<h2>⚠ {n} warning{'s' * (n != 1)}</h2><ul>{items}</ul></section>"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _actor_item(t: Timeline) -> str:
    a = t.actor
    aliases = f'<span class="aliases">also {e(", ".join(a.aliases))}</span>' if a.aliases else ""
    return (
        f'<li><a href="#actor-{e(a.id)}" data-actor="{e(a.id)}">'
        f'<span class="name">{e(a.name)}</span> <span class="kind">{e(a.kind)} ·</span> '
        f'<span class="count">{_count(len(t.events), "event")}</span>{aliases}</a></li>'
    )


def _article_options(story: StoryTimelines) -> str:
    """One option per article cited anywhere, in the order first met; labelled by its title."""
    seen: dict[str, Citation] = {}
    for t in story.timelines:
        for ev in t.events:
            for c in ev.citations:
                seen.setdefault(c.article, c)
    return "".join(
        f'<option value="{e(article)}">'
        f"{e(f'{c.title} ({article})' if c.title else article)}</option>"
        for article, c in seen.items()
    )


def _section(t: Timeline, where: dict[str, list[str]], names: dict[str, str], links: _Links) -> str:
    a = t.actor
    events = "".join(_event(a.id, ev, where, names, links) for ev in t.events)
    return (
        f'<section class="actor-page" id="actor-{e(a.id)}" data-actor="{e(a.id)}" '
        f'aria-labelledby="h-{e(a.id)}">'
        f'<h2 id="h-{e(a.id)}">{e(a.name)} <span class="kind">{e(a.kind)}</span></h2>'
        f"{_actor_facts(a)}"
        + (
            f'<ol class="story-events">{events}</ol>'
            if events
            else '<p class="meta">No events.</p>'
        )
        + "</section>"
    )


def _actor_facts(a: StoryActor) -> str:
    """Who this actor is made of: its other names, its articles, and each merge with its reason."""
    facts = [_count(len(a.articles), "article")]
    if a.aliases:
        facts.append("also " + ", ".join(a.aliases))
    members = "".join(
        f'<li>{e(m.name)} <span class="meta">({e(m.actor)} of {e(m.article)}, {e(m.kind)}) · '
        f"{e(m.reason.replace('_', ' '))}{e(': ' + m.because) if m.because else ''}</span></li>"
        for m in a.members
    )
    merged = _count(len(a.members), "article actor")
    return (
        f'<p class="meta">{e(" · ".join(facts))}</p>'
        f'<details class="members"><summary>merged from {merged}</summary>'
        f"<ul>{members}</ul></details>"
    )


def _event(
    actor: str, ev: StoryEvent, where: dict[str, list[str]], names: dict[str, str], links: _Links
) -> str:
    calendar = _CALENDAR.match(ev.date or "")
    written = list(dict.fromkeys(c.date_text for c in ev.citations if c.date_text))
    when = e(
        f"{ev.date} ({ev.granularity})" if ev.date and ev.granularity else ev.date or "no date"
    )
    as_written = "".join(f'<span class="written">“{e(w)}”</span>' for w in written)
    label, why = _PLACED[ev.placed_by]
    placed = f'<span class="placed placed-{e(ev.placed_by)}" title="{e(why)}">{e(label)}</span>'
    if ev.after is not None:
        placed += f" · after {_event_ref(ev.after, actor, where)}"
    others = [a for a in ev.actors if a != actor]
    with_ = ", ".join(
        f'<a href="#actor-{e(a)}">{e(names[a])}</a>' if a in names else e(a) for a in others
    )
    conflicts = "".join(
        f'<p class="conflict" role="note"><span class="flag" title="conflict">⚠</span> '
        f"conflicts with {_event_ref(other, actor, where)}: the same happening reported at an "
        "incompatible date</p>"
        for other in ev.conflicts
    )
    cls = (
        "story-event"
        + (" conflicted" if ev.conflicts else "")
        + (" undated" if not calendar else "")
    )
    return (
        f'<li class="{cls}" id="{e(_event_anchor(actor, ev.id))}" '
        f'data-date="{e(calendar.group() if calendar else "")}">'
        f'<div class="when"><span class="date">{when}</span>{as_written}</div>'
        f'<div class="what"><p class="phrase"><span class="eid">{e(ev.id)}</span> '
        f'{e(ev.event)} <span class="status">{e(ev.status)}</span></p>'
        f'<p class="how">{placed}'
        + (f' · with <span class="with">{with_}</span>' if with_ else "")
        + f"</p>{conflicts}"
        f'<ul class="citations">{"".join(_citation(c, links) for c in ev.citations)}</ul>'
        "</div></li>"
    )


def _citation(c: Citation, links: _Links) -> str:
    source = e(c.title or c.article)
    href = links.of(c)
    if href is not None:
        source = f'<a href="{e(href)}" title="the sentence in its review page">{source}</a>'
    published = f"published {c.published}" if c.published else "publication date unknown"
    return (
        f'<li class="citation" data-article="{e(c.article)}"><span class="source">{source}</span> '
        f'<span class="meta">{e(published)} · {e(c.article)} {c.start}:{c.end}</span>'
        f"<blockquote>{e(c.text)}</blockquote></li>"
    )
