"""Hand-made summaries for the story timeline tests: a few actors and dated events per article.

The builder only reads a summary's article id, title, publication date, actors and timeline, so
each summary here is the seed's summary with those replaced; offsets are found in the text, so
every citation slices its article exactly as a real one does.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from summarizer.schema import Actor, ArticleSummary, DateValue, Span, TimelineEvent
from tests.review_data import seed_summary

# (name, kind, aliases)
ActorSpec = tuple[str, str, list[str]]
# (sentence, date as written or None, TIMEX value or None, granularity, actor names)
EventSpec = tuple[str, str | None, str | None, str | None, list[str]]


@functools.cache
def _base() -> ArticleSummary:
    return seed_summary()


def story_summary(
    article_id: str,
    published: str | None,
    actors: list[ActorSpec],
    events: list[EventSpec],
    *,
    title: str | None = None,
    anchor: str | None = None,
) -> ArticleSummary:
    text = " ".join(e[0] for e in events) or "Nothing happened."
    made = [
        Actor(id=f"A{i}", name=name, kind=kind, role=None, aliases=aliases)  # type: ignore[arg-type]
        for i, (name, kind, aliases) in enumerate(actors, 1)
    ]
    ids = {a.name: a.id for a in made}
    timeline = []
    for sentence, written, value, granularity, names in events:
        start = text.index(sentence)
        date = None
        if written is not None:
            at = text.index(written, start)
            date = DateValue(
                text=written,
                start=at,
                end=at + len(written),
                value=value,
                granularity=granularity,  # type: ignore[arg-type]
                reason=None if value else "unrecognised",
                anchor=anchor,
            )
        timeline.append(
            TimelineEvent(
                event=sentence.rstrip("."),
                actors=[ids[n] for n in names],
                status="past",
                date=date,
                excerpt=Span(
                    text=sentence, start=start, end=start + len(sentence), match="sentence"
                ),
            )
        )
    base = _base()
    update: dict[str, Any] = {
        "article": base.article.model_copy(
            update={
                "id": article_id,
                "title": title or article_id,
                "text": text,
                "published": dt.date.fromisoformat(published) if published else None,
            }
        ),
        "actors": made,
        "timeline": timeline,
    }
    return base.model_copy(update=update, deep=True)
