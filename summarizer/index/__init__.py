"""The article index: every citable unit of an article, numbered and located, before any model.

``index_article(text_or_article, published=...)`` returns an :class:`ArticleIndex`:

* sentences ``S1…`` (``sentences.py``: nupunkt, repaired for news),
* direct quotations ``Q1…`` (``quotations.py``),
* date/time mentions ``D1…`` with values resolved in the whole article (``tagger.py``),
* actors ``A1…`` named by rule, with their mentions (``actors.py``),
* speaker cues: the speaker the text names for each quotation and reported-speech
  sentence, by which rule (``speakers.py``),
* stance holders: the actors a sentence without a speech verb gives a view ("Russia has
  dismissed the idea", ``holders.py``).

Everything is deterministic and offsets slice the text exactly as read. A model that cites
``D4`` instead of copying "on Tuesday" cannot misdate an event it read in another sentence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..article import Article, parse_published
from .actors import find_actors
from .holders import find_stance_holders
from .names import tokenize
from .quotations import Quotation, find_quotations
from .rules import REFERRING
from .sentences import split_sentences
from .speakers import find_speaker_cues
from .tagger import tag_dates
from .units import DateMention, IndexedActor, Mention, Sentence, SpeakerCue

__all__ = [
    "ArticleIndex",
    "DateMention",
    "IndexedActor",
    "Mention",
    "Sentence",
    "SpeakerCue",
    "event_dates",
    "index_article",
]


@dataclass(frozen=True)
class ArticleIndex:
    """The numbered units of one article (see the module docstring)."""

    text: str
    published: dt.date | None
    sentences: tuple[Sentence, ...]
    quotations: tuple[Quotation, ...]
    dates: tuple[DateMention, ...]
    actors: tuple[IndexedActor, ...]
    speakers: tuple[SpeakerCue, ...]
    holders: tuple[SpeakerCue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every unit with its id (the article text itself is left out)."""
        return {
            "published": self.published.isoformat() if self.published else None,
            "length": len(self.text),
            "sentences": [_unit(s, s.id) for s in self.sentences],
            "quotations": [_unit(q, f"Q{q.number}") for q in self.quotations],
            "dates": [_unit(d, d.id) for d in self.dates],
            "actors": [_unit(a, a.id) for a in self.actors],
            "speakers": [dataclasses.asdict(c) for c in self.speakers],
            "holders": [dataclasses.asdict(c) for c in self.holders],
        }


def event_dates(index: ArticleIndex) -> list[DateMention]:
    """The date mentions that can place an event: dates and times, not "now"/"recently"
    (references); a relative one left unresolved for want of a publication date still does."""
    return [
        d
        for d in index.dates
        if d.type in ("date", "time") and not (d.value or "").endswith("_REF")
    ]


def _unit(obj: Any, uid: str) -> dict[str, Any]:
    return {"id": uid, **dataclasses.asdict(obj)}


def index_article(article: str | Article, *, published: object = None) -> ArticleIndex:
    """Index an article (an ``Article``, or its text with an optional publication date)."""
    if isinstance(article, Article):
        text = article.text
        date = article.published if published is None else parse_published(published)
    else:
        text, date = article, parse_published(published)
    sentences = split_sentences(text)
    quotations = find_quotations(text)
    tokens = tokenize(text, sentences)
    actors = find_actors(text, sentences, tokens=tokens)
    cues = find_speaker_cues(text, sentences, quotations, actors)
    # A name the speaker rules hear speaking is an actor, even where the actor rules saw no
    # evidence: read the actors again with those names, then the cues against the new list.
    heard = [(c.start, c.end) for c in cues if c.actor is None and c.rule not in REFERRING]
    if heard:
        actors = find_actors(text, sentences, heard, tokens)
        cues = find_speaker_cues(text, sentences, quotations, actors)
    return ArticleIndex(
        text=text,
        published=date,
        sentences=tuple(sentences),
        quotations=tuple(quotations),
        dates=tuple(tag_dates(text, date, sentences)),
        actors=tuple(actors),
        speakers=tuple(cues),
        holders=tuple(find_stance_holders(text, sentences, quotations, actors, cues)),
    )
