"""The drafts of a long article's windows, merged into the one draft assembly expects.

The ids are the article index's, global across windows, so the merge is by id: quotes by
quotation number (each window answers for its own quotations only), events by date mention.
Actors need no merging: they come from the index of the whole article, where "Mr. Waltz" is
already linked to "Mike Waltz" and "the Kremlin" is an actor apart from "Putin".

What windows can repeat is merged by content:

* topics, by their words: each window names its own (``T1``…), so they are numbered again
  over the whole article, one number for the same words, and every stance's topic id with
  them (a window's stances are keyed by unit, which no other window has);
* events, by event text and date value: the same event, on the same day, reported again in a
  later window (news restates its lead) is kept once, at its first mention;
* undated events, by event text.

The summary is the first window's; ``long.py`` replaces it with the final call's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .assemble import loose_key
from .draft import MAX_TOPICS, Draft, DraftEvent, DraftStance, DraftUndated
from .index import DateMention


def merge_drafts(drafts: Sequence[Draft], dates: Mapping[str, DateMention]) -> Draft:
    """One draft from the windows' drafts, in article order; ``dates`` by id (``D4``)."""
    if not drafts:
        raise ValueError("no drafts to merge")
    quotes: dict[str, str | None] = {}
    for d in drafts:
        for qid, speaker in d.quotes.items():
            if quotes.get(qid) is None:
                quotes[qid] = speaker
    topics, stances = _topics_and_stances(drafts)
    return Draft(
        summary=drafts[0].summary,
        topics=topics,
        quotes=quotes,
        stances=stances,
        events=_events(drafts, dates),
        undated=_undated(drafts),
    )


def _topics_and_stances(
    drafts: Sequence[Draft],
) -> tuple[list[str], dict[str, DraftStance | None]]:
    topics: list[str] = []
    number: dict[str, int] = {}  # the topic's words -> its number over the article
    stances: dict[str, DraftStance | None] = {}
    for d in drafts:
        renumbered: dict[str, str] = {}
        for i, label in enumerate(d.topics, 1):
            key = loose_key(label)
            if key not in number and len(topics) < MAX_TOPICS:
                topics.append(label)
                number[key] = len(topics)
            if key in number:
                renumbered[f"T{i}"] = f"T{number[key]}"
        for unit, stance in d.stances.items():
            if stance is not None and stance.topic in renumbered:
                stances[unit] = stance.model_copy(update={"topic": renumbered[stance.topic]})
            else:
                stances.setdefault(unit, None)
    return topics, stances


def _events(
    drafts: Sequence[Draft], dates: Mapping[str, DateMention]
) -> dict[str, DraftEvent | None]:
    out: dict[str, DraftEvent | None] = {}
    seen: set[tuple[str, str | None]] = set()
    for d in drafts:
        for did, event in d.events.items():
            if event is None:
                out.setdefault(did, None)
                continue
            mention = dates.get(did)
            same = (loose_key(event.event), mention.value if mention is not None else did)
            if same in seen:
                continue
            seen.add(same)
            out[did] = event
    return out


def _undated(drafts: Sequence[Draft]) -> list[DraftUndated]:
    out: list[DraftUndated] = []
    seen: set[str] = set()
    for d in drafts:
        for u in d.undated:
            if (key := loose_key(u.event)) not in seen:
                seen.add(key)
                out.append(u)
    return out
