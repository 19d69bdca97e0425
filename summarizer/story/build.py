"""``build_timelines``: a batch's results in, one dated, ordered timeline per actor out.

The results are read one summary at a time; what is kept of each is its actors' names and its
timeline events as compact reports, so memory grows with the events of the story, not with the
size of the articles. Actors are merged first (``actors.py``), then each article's events are
turned into reports of story actors, merged across articles (``events.py``) and ordered
(``order.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..review.records import Located, Problem, iter_record_summaries, iter_records
from ..schema import ArticleSummary
from .actors import ActorMerger, names_of, norm
from .events import Event, Report, merge, reports_of
from .model import StoryActor, StoryEvent, StoryTimelines, Timeline
from .order import story_order


class _Skipped:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, _item: Located | Problem) -> None:
        self.count += 1


def _summaries(
    results: Path | Iterable[Path] | Iterable[ArticleSummary], skip: _Skipped
) -> Iterator[tuple[str, ArticleSummary]]:
    """(article id, summary) pairs; the id is the batch record's (the one the user gave), else
    the summary's own."""
    sources: Iterable[Path | ArticleSummary] = [results] if isinstance(results, Path) else results
    for source in sources:
        if isinstance(source, ArticleSummary):
            yield source.article.id, source
            continue
        yield from iter_record_summaries(iter_records(Path(source)), skip)


def build_timelines(
    results: Path | Iterable[Path] | Iterable[ArticleSummary],
    actors: Sequence[str] | None = None,
    *,
    min_articles: int = 2,
) -> StoryTimelines:
    """The timelines of ``actors`` (names, matched to the merged story actors by any of their
    names or initials), or of every actor named in at least ``min_articles`` articles.

    ``results`` is a results JSONL file (a batch's output), a summary JSON file, several such
    files read as one batch, or summaries. Error records and lines that are not summaries of
    this schema version are counted in ``skipped``, never fatal. An article id seen twice is
    read once (the first).
    """
    skip = _Skipped()
    merger = ActorMerger()
    batch: dict[str, int] = {}
    warnings: list[str] = []
    # One pass: an article actor joins its story actor as it is read (a later article never
    # moves it), so each summary becomes its compact reports at once and is let go.
    reports: list[Report] = []
    for article, summary in _summaries(results, skip):
        if article in batch:
            warnings.append(f"article {article!r} appears twice: the first result is used")
            continue
        batch[article] = len(batch)
        merger.add(article, summary.actors)
        group_of = {}
        for actor in summary.actors:
            group = merger.group_of(article, actor.id)
            if group is not None:
                group_of[actor.id] = group
        reports.extend(reports_of(summary, group_of, article))
    events = merge(reports)
    story_actors, ids = merger.story_actors()
    chosen = _choose(story_actors, actors, min_articles, warnings)
    group_by_id = {sid: group for group, sid in ids.items()}
    event_ids = _event_ids(events, chosen, group_by_id, batch)
    timelines = []
    for story_actor in chosen:
        group = group_by_id[story_actor.id]
        mine = [i for i, e in enumerate(events) if group in e.actors]
        if not mine and actors is None:
            continue
        ordered = story_order(mine, events, batch)
        timelines.append(
            Timeline(
                actor=story_actor,
                events=[_story_event(events, i, after, event_ids, ids) for i, after in ordered],
            )
        )
    return StoryTimelines(
        articles=len(batch), skipped=skip.count, timelines=timelines, warnings=warnings
    )


def _choose(
    story_actors: list[StoryActor],
    wanted: Sequence[str] | None,
    min_articles: int,
    warnings: list[str],
) -> list[StoryActor]:
    if wanted is None:
        return [a for a in story_actors if len(a.articles) >= min_articles]
    chosen: list[StoryActor] = []
    for name in wanted:
        key = norm(name)
        found = [a for a in story_actors if key in names_of(a)]
        if not found:
            warnings.append(f"no actor named {name!r} in these results")
        for actor in found:
            if actor not in chosen:
                chosen.append(actor)
    return chosen


def _event_ids(
    events: list[Event],
    chosen: list[StoryActor],
    group_by_id: dict[str, int],
    batch: dict[str, int],
) -> dict[int, str]:
    """Ids E1, E2 ... for the events the output shows, in batch and article order."""
    groups = {group_by_id[a.id] for a in chosen}
    shown = [i for i, e in enumerate(events) if e.actors & groups]
    shown.sort(key=lambda i: (batch[events[i].first.article], events[i].first.position))
    return {i: f"E{n}" for n, i in enumerate(shown, 1)}


def _story_event(
    events: list[Event],
    index: int,
    after: int | None,
    event_ids: dict[int, str],
    ids: dict[int, str],
) -> StoryEvent:
    event = events[index]
    first = event.first
    return StoryEvent(
        id=event_ids[index],
        event=first.event,
        status=first.status,
        date=event.value,
        granularity=event.granularity,
        placed_by=first.placed_by if event.value else "article_order",
        after=event_ids.get(after) if after is not None else None,
        actors=sorted((ids[g] for g in event.actors if g in ids), key=lambda s: int(s[1:])),
        citations=[r.citation for r in event.reports],
        conflicts=sorted(
            (event_ids[c] for c in event.conflicts if c in event_ids), key=lambda s: int(s[1:])
        ),
    )
