"""The drafts of a long article's windows, merged into the one draft assembly expects.

The ids are the article index's, global across windows, so the merge is by id: quotes by
quotation number (each window answers for its own quotations only), events by date mention.
Actors need no merging: they come from the index of the whole article, where "Mr. Waltz" is
already linked to "Mike Waltz" and "the Kremlin" is an actor apart from "Putin".

What windows can repeat is merged by content:

* stances, by holder and topic: a holder's stance on the same topic in two windows becomes
  one, citing the evidence of both; one on another topic is kept as a second stance, under a
  key that still starts with the holder's id (``"A1 Donald Trump (2)"``: assembly reads the
  holder from the key's first word);
* events, by event text and date value: the same event, on the same day, reported again in a
  later window (news restates its lead) is kept once, at its first mention;
* undated events, by event text.

The summary is the first window's; ``long.py`` replaces it with the final call's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .assemble import loose_key
from .draft import Draft, DraftEvent, DraftStance, DraftUndated
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
    return Draft(
        summary=drafts[0].summary,
        quotes=quotes,
        stances=_stances(drafts),
        events=_events(drafts, dates),
        undated=_undated(drafts),
    )


def _stances(drafts: Sequence[Draft]) -> dict[str, DraftStance | None]:
    out: dict[str, DraftStance | None] = {}
    by_topic: dict[tuple[str, str], str] = {}  # (holder, topic) -> its key in ``out``
    keys: dict[str, str] = {}  # holder -> its first key ("A1 Donald Trump")
    count: dict[str, int] = {}
    for d in drafts:
        for key, stance in d.stances.items():
            holder = key.split(" ", 1)[0]
            first = keys.setdefault(holder, key)
            if stance is None:
                out.setdefault(first, None)
                continue
            topic = (holder, loose_key(stance.topic))
            if topic in by_topic:
                kept = out[by_topic[topic]]
                if kept is not None:
                    evidence = list(dict.fromkeys([*kept.evidence, *stance.evidence]))
                    out[by_topic[topic]] = kept.model_copy(update={"evidence": evidence})
                continue
            if out.get(first) is None:
                name = first
            else:
                count[holder] = count.get(holder, 1) + 1
                name = f"{first} ({count[holder]})"
            out[name] = stance
            by_topic[topic] = name
    return out


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
