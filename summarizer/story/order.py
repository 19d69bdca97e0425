"""Story order: dated events by the period they name, undated ones where their article puts them.

A dated event is placed by the first day its value covers, then by how wide the value is, so
"2008-02" comes before "2008-03-04", and a day inside a known week sorts inside it (after the
week's Monday, which stands for the week). An event with no usable date is never given one: it
goes right after the dated event its own article reports just before it, or, when its article
reports none before it, at the end in batch and article order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..timeline import value_start
from .events import Event

_NEVER = dt.date.max


def story_order(
    events: Sequence[int], all_events: Sequence[Event], batch: dict[str, int]
) -> list[tuple[int, int | None]]:
    """``events`` (indexes into ``all_events``) in story order, each with the index of the
    dated event it was placed after, for those placed by article order."""

    def when(e: int) -> tuple[dt.date, int, int, int]:
        event = all_events[e]
        start = value_start(event.value)
        first = event.first
        day, rank = start if start else (_NEVER, 9)
        return day, rank, batch.get(first.article, 0), first.position

    dated = sorted((e for e in events if all_events[e].value is not None), key=when)
    undated = sorted(
        (e for e in events if all_events[e].value is None),
        key=lambda e: (batch.get(all_events[e].first.article, 0), all_events[e].first.position),
    )
    followers: dict[int, list[int]] = {}
    tail: list[int] = []
    for e in undated:
        report = all_events[e].first
        anchor, at = None, -1
        for d in dated:
            for r in all_events[d].reports:
                if r.article == report.article and at < r.position <= report.position:
                    anchor, at = d, r.position
        if anchor is None:
            tail.append(e)
        else:
            followers.setdefault(anchor, []).append(e)
    ordered: list[tuple[int, int | None]] = []
    for d in dated:
        ordered.append((d, None))
        ordered.extend((u, d) for u in followers.get(d, ()))
    ordered.extend((u, None) for u in tail)
    return ordered
