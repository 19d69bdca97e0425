"""What goes to the model for one article: its draft spec, its prompt and its schema fields.

Shared by the three ways an article is run (one call in ``pipeline.py``, windows of a long
article in ``long.py``, the batch engines): each builds a ``Prepared`` here and hands the
answer to ``pipeline.finish``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .article import Article
from .draft import MAX_QUOTES, DraftBounds, DraftSpec
from .index import ArticleIndex, IndexedActor, SpeakerCue, event_dates, index_article
from .index.markup import marked_text
from .index.quotations import Quotation
from .index.sentences import sentence_at
from .llm import Message
from .positions import unit_words, view_key, view_units
from .profile import EndpointProfile, profile_for
from .prompts import PromptSet
from .settings import Settings
from .views import trimmed

# Characters of a view unit's words shown beside its key in the prompt.
PROMPT_VIEW = 90


def draft_spec(
    index: ArticleIndex,
    quotations: list[Quotation],
    bounds: DraftBounds,
    span: tuple[int, int] | None = None,
) -> DraftSpec:
    """The units the model answers for: every quotation; every unit in which a named actor
    speaks or states a view (its quotations, reported-speech sentences and stance sentences,
    keyed "Q3 Donald Trump"); every date mention with a calendar value (or one that a
    publication date would give). ``span``: only the sentences and date mentions of that
    window of a long article (``quotations`` are then the window's own)."""
    lo, hi = span if span is not None else (0, len(index.text))
    sentences = [s for s in index.sentences if lo <= s.start < hi]
    dates = [d.id for d in event_dates(index) if lo <= d.start < hi]
    return DraftSpec(
        actors=tuple(a.id for a in index.actors),
        quotations=tuple(f"Q{q.number}" for q in quotations),
        views=tuple(view_key(uid, name) for uid, _, name in view_units(index, quotations, span)),
        sentences=tuple(s.id for s in sentences),
        dates=tuple(dates) if bounds.model_events else (),
        bounds=bounds,
        speaker_choices=tuple(speaker_choices(index, quotations)),
    )


def speaker_choices(index: ArticleIndex, quotations: Sequence[Quotation]) -> list[tuple[str, ...]]:
    """For each quotation, the actors that may have spoken it: those named in its paragraph
    or the one before it, and the rules' speaker. Empty when none is (then any actor may be
    named). A quotation no rule attributes does not offer the actors it names itself and no
    text around it does ("“McMillan's selection gives us …”"): a speaker seldom names
    themself, and the bundled model takes the name it reads in the words.

    On the 91 annotated development articles the speaker is among them for 346 of 352
    quotations whose speaker is listed, 3.7 actors on average against 10.0 in the whole list
    (``python bench/speaker_rules.py``)."""
    starts = [s.start for s in index.sentences]

    def paragraph(offset: int) -> int | None:
        s = sentence_at(index.sentences, starts, offset)
        return s.paragraph if s is not None else None

    named: dict[int, list[tuple[int, str]]] = {}  # paragraph -> (offset, actor) named there
    for a in index.actors:
        for m in a.mentions:
            if (p := paragraph(m.start)) is not None:
                named.setdefault(p, []).append((m.start, a.id))
    cues = {c.target: c.actor for c in index.speakers if c.actor is not None}
    order = {a.id: i for i, a in enumerate(index.actors)}
    out: list[tuple[str, ...]] = []
    for q in quotations:
        p = paragraph(q.start)
        around = [] if p is None else named.get(p - 1, []) + named.get(p, [])
        near = {actor for _, actor in around}
        if p is not None and f"Q{q.number}" in cues:
            near.add(cues[f"Q{q.number}"])
        else:
            outside = {actor for at, actor in around if not q.start <= at < q.end}
            near = outside or near
        out.append(tuple(sorted(near, key=order.__getitem__)))
    return out


def build_messages(
    prompts: PromptSet,
    article: Article,
    index: ArticleIndex,
    quotations: list[Quotation],
    spec: DraftSpec,
    span: tuple[int, int] | None = None,
) -> list[Message]:
    """The article once, with its unit ids inline; then its actors and the rules' speakers.
    ``span``: only that window of a long article (``spec`` and ``quotations`` its own).

    Everything taken from the article (its title, its text, the actor names and titles the
    rules read in it) sits inside ``<<<ARTICLE … ARTICLE>>>`` fences, which the system prompt
    declares to be data, with look-alike markers neutralised.
    """
    names = {a.id: a.name for a in index.actors}
    cues = {c.target: c for c in index.speakers}
    listed = index.actors if span is None else _actors_of(index, span, quotations, cues)
    actors = [f"{a.id} {a.name}" + (f" — {a.title}" if a.title else f" ({a.kind})") for a in listed]
    lines = []
    for q in quotations:
        cue = cues.get(f"Q{q.number}")
        said = f"{cue.actor} {names[cue.actor]}" if cue and cue.actor in names else "?"
        lines.append(f"Q{q.number}: {said}")
    by_id = {f"Q{q.number}": q for q in quotations}
    # Only a model that labels the view units is shown them: one that does not gains nothing
    # from them (about 700 prompt tokens on the sample).
    views = [
        f"{view_key(uid, name)}: {trimmed(unit_words(index, by_id, uid), PROMPT_VIEW)}"
        for uid, _, name in view_units(index, quotations, span)
        if spec.bounds.model_stances
    ]
    text = marked_text(
        index,
        quotations=[q.number for q in quotations],
        dates=[int(d[1:]) for d in spec.dates],
        span=span,
    )
    title = " ".join(article.title.split()) if article.title else ""
    user = prompts.user.render(
        title=f"{FENCE_OPEN} {neutralise_markers(title)} {FENCE_CLOSE}" if title else "(none)",
        published=article.published.isoformat() if article.published else "(unknown)",
        article=neutralise_markers(text),
        actors=fence("\n".join(actors)) if actors else "(none)",
        actor_count=len(actors),
        quotations=fence("\n".join(lines)) if lines else "(none)",
        quotation_count=len(quotations),
        views=prompts.views.render(views=fence("\n".join(views)), view_count=len(views))
        if views
        else "",
    )
    return [
        {"role": "system", "content": prompts.system.render()},
        {"role": "user", "content": user},
    ]


def _actors_of(
    index: ArticleIndex,
    span: tuple[int, int],
    quotations: list[Quotation],
    cues: dict[str, SpeakerCue],
) -> list[IndexedActor]:
    """The actors a window shows: those it names, and the rules' speakers of its quotations
    (a long article names hundreds; its schema still accepts every actor id)."""
    lo, hi = span
    speakers = {c.actor for q in quotations if (c := cues.get(f"Q{q.number}")) is not None}
    return [
        a for a in index.actors if a.id in speakers or any(lo <= m.start < hi for m in a.mentions)
    ]


# The fence the user prompt puts around the article (prompt_files/user.md, system.md rule 1).
FENCE_OPEN, FENCE_CLOSE = "<<<ARTICLE", "ARTICLE>>>"

# Characters a model may read as the fence's angle brackets: ASCII, full-width, small forms,
# guillemets, angle brackets and much-less-than signs.
_ANGLES = "<>＜＞﹤﹥‹›«»〈〉〈〉⟨⟩《》≪≫⋘⋙❮❯"
_ANGLE = f"[{_ANGLES}]"
# Spaces, and invisible characters that could be slipped between the letters.
_GAP = "[\\s\u200b-\u200d\u2060\ufeff]*"
# "ARTICLE" in any case, in ASCII or full-width letters, possibly spaced out.
_WORD = _GAP.join(
    f"[{c}{c.lower()}{chr(ord(c) + 0xFEE0)}{chr(ord(c.lower()) + 0xFEE0)}]" for c in "ARTICLE"
)
_RUN = f"{_ANGLE}(?:{_GAP}{_ANGLE})*"
_MARKER = re.compile(f"{_ANGLE}(?:{_GAP}{_ANGLE}){{2,}}|{_RUN}{_GAP}{_WORD}|{_WORD}{_GAP}{_RUN}")
_ANGLE_CHAR = re.compile(_ANGLE)


def neutralise_markers(text: str) -> str:
    """``text`` with nothing that reads as a fence marker: in every run of three angle
    brackets, and wherever brackets touch the word "article" (any case, spacing or width),
    the brackets become ``_``. Only the prompt changes; offsets still point into the article.
    """
    if not _ANGLE_CHAR.search(text):  # most articles: one fast scan, no marker possible
        return text
    return _MARKER.sub(lambda m: _ANGLE_CHAR.sub("_", m[0]), text)


def fence(text: str) -> str:
    """Article-derived text as a fenced block of its own."""
    return f"{FENCE_OPEN}\n{neutralise_markers(text)}\n{FENCE_CLOSE}"


@dataclass(frozen=True)
class Prepared:
    """What goes to the model for one article, and the units its answer refers to; with the
    endpoint profile it was built for, which travels with it (nothing downstream asks
    ``profile_for`` again)."""

    index: ArticleIndex
    quotations: list[Quotation]
    total_quotations: int
    spec: DraftSpec
    schema_fields: dict[str, Any]
    messages: list[Message]
    profile: EndpointProfile
    # What ``pipeline.call`` and ``pipeline.finish`` need besides: the request is all they take.
    article: Article
    prompts: PromptSet
    settings: Settings


def prepare(
    article: Article,
    prompts: PromptSet,
    settings: Settings,
    profile: EndpointProfile | None = None,
) -> Prepared:
    """Index the article, build its draft schema and render the prompt (shared by live calls
    and Batch API lines). ``profile``: the settings' endpoint profile when the caller has it
    already (a batch decides it once per run); else it is decided here, once per article."""
    index = index_article(article)
    quotations = list(index.quotations[:MAX_QUOTES])
    profile = profile or profile_for(settings)
    spec = draft_spec(index, quotations, profile.draft_bounds)
    return Prepared(
        index=index,
        quotations=quotations,
        total_quotations=len(index.quotations),
        spec=spec,
        schema_fields=spec.request_fields(profile.dialect),
        messages=build_messages(prompts, article, index, quotations, spec),
        profile=profile,
        article=article,
        prompts=prompts,
        settings=settings,
    )
