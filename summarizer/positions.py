"""Positions: the model's labels on view units, grouped into who holds what on which topic.

A view unit is a quotation, reported-speech sentence or stance sentence in which a named
actor speaks (``view_units``, from the index's speaker cues and stance holders). The model
names the article's topics once and labels each unit with one of them and a stance kind (for
the bundled model, code does both: ``topic_terms.py``, ``stance_rules.py``); here the units
are grouped by holder and topic, so a holder has one position per topic and as many
positions as its own words support. The holder of a quotation is its decided speaker (rule or
model), so a position never rests on another speaker's words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from .claims import ArticleFacts
from .draft import MIN_TOPICS, Attribution, Draft, DraftStance, StanceKind, hit_bound
from .index import ArticleIndex, Sentence
from .index.quotations import Quotation
from .schema import Position, Quote, Span, Topic, ViewSource
from .stance_rules import TopicPlacer, declines_comment, stance_kind
from .topic_terms import TopicTerm, find_topics, head_clause, named_topics, topic_kind
from .views import quotation_view, sentence_view

Warn = Callable[[str, str, str], None]

# A small model writes a topic's id into its label ("T1: Peace", "[T2] Civil disobedience", or
# the id alone); the id is not part of the topic.
_ID_PREFIX = re.compile(r"(?:[\[(]T\d{1,2}[\])]|T\d{1,2}(?=\s*[:.–-]|$))\s*[:.–-]?\s*")


def view_units(
    index: ArticleIndex, quotations: Sequence[Quotation], span: tuple[int, int] | None = None
) -> list[tuple[str, str, str]]:
    """(unit id, actor id, actor name) for every unit a named actor speaks or holds a view in,
    in reading order: the speaker cues' and the stance holders' (``index/holders.py``).
    ``span``: the sentences of one window of a long article (``quotations`` its own)."""
    lo, hi = span if span is not None else (0, len(index.text))
    starts = {f"Q{q.number}": q.start for q in quotations}
    starts.update((s.id, s.start) for s in index.sentences if lo <= s.start < hi)
    names = {a.id: a.name for a in index.actors}
    units = {
        (c.target, c.actor): starts[c.target]
        for c in (*index.speakers, *index.holders)
        if c.actor is not None and c.target in starts
    }
    ordered = sorted(units, key=lambda u: (units[u], u[0]))
    return [(uid, aid, names[aid]) for uid, aid in ordered]


def view_key(uid: str, name: str) -> str:
    """The draft's key for a view unit: the holder's name beside the id keeps a small model
    on that actor ("Q3 Donald Trump")."""
    return f"{uid} {name}"


class PositionBuilder:
    """One article's topics and positions from a checked draft."""

    def __init__(
        self,
        index: ArticleIndex,
        quotations: Sequence[Quotation],
        facts: ArticleFacts,
        warn: Warn,
        *,
        view_limit: int | None = None,
        model_stances: bool = True,
        title: str | None = None,
    ) -> None:
        self.index = index
        self.title = " ".join((title or "").split())
        self.quotations = {f"Q{q.number}": q for q in quotations}
        self.sentences = {s.id: s for s in index.sentences}
        # The headline is the outlet's summary of the story, not anyone's words: no view.
        first = index.sentences[0] if index.sentences else None
        headline = first if first and " ".join(first.text.split()) == self.title else None

        def in_headline(uid: str) -> bool:
            q = self.quotations.get(uid)
            start = q.start if q is not None else self.sentences[uid].start
            return headline is not None and headline.start <= start < headline.end

        self.units = {
            view_key(uid, name): (uid, aid)
            for uid, aid, name in view_units(index, quotations)
            if not in_headline(uid)
        }
        self.facts = facts
        self.warn = warn
        self.view_limit = view_limit  # the bound a model-written view was given, if any
        self.model_stances = model_stances
        # Without model stances, the topics are read off the view units' words where they
        # share any (``topic_terms.py``); the model's names only when they share none.
        self.terms: list[TopicTerm] = [] if model_stances else self._terms()

    def _terms(self) -> list[TopicTerm]:
        holders = {aid for _, aid in self.units.values()}
        names = [
            text
            for a in self.index.actors
            if a.id in holders
            for text in (a.name, *(m.text for m in a.mentions))
        ]
        views = [(self._unit_text(uid), aid) for uid, aid in self.units.values()]
        found = find_topics(views, [s.text for s in self.index.sentences], names)
        return found if len(found) >= MIN_TOPICS else []

    def topics(self, draft: Draft) -> list[Topic]:
        """The draft's topics that name nothing the article does not hold and share a word
        with it; the title (else the first of them) as the one topic when none is left and an
        actor states a view. Without model stances, the view units' shared words where there
        are any."""
        if self.terms:
            return [Topic(id=f"T{i}", label=t.label) for i, t in enumerate(self.terms, 1)]
        out = []
        for i, label in enumerate(draft.topics, 1):
            label = " ".join(label.split())
            if prefix := _ID_PREFIX.match(label):
                label = label[prefix.end() :]
            bad = self.facts.unsupported(label)
            if label and not bad and not self.facts.shares_words(label):
                bad = ["no word of the article"]
            if not label or bad:
                if bad:
                    self.warn(
                        "unsupported_claim",
                        f"topic T{i} names what the article does not: {', '.join(bad)}; "
                        f"dropped with its positions: {label!r}",
                        f"$.topics[{i - 1}]",
                    )
                continue
            out.append(Topic(id=f"T{i}", label=label))
        checked = out
        if out and not self.model_stances and not self._placeable(out):
            out = []  # "high-frequency trading" for views that all speak of "the market"
            why = "no topic of the answer shares a word with the views"
        else:
            why = "no topic of the answer is the article's"
        # An article without a title (a page's text, a menu for its first line) keeps its
        # views under the answer's first topic that passed the checks, rather than none.
        label = self.title or (checked[0].label if checked else "")
        if not out and self.units and label:
            tid = f"T{len(draft.topics) + 1}"
            where = "its title" if self.title else f"the answer's first topic, {label!r}"
            self.warn("topic_from_title", f"{why}; the views are under {where} ({tid})", "$.topics")
            out.append(Topic(id=tid, label=label))
        return out

    def _placeable(self, topics: list[Topic]) -> bool:
        """Whether a view unit shares a word with one of ``topics`` (``placed`` can place
        it); when none does, every unit would be left without a position."""
        placer = TopicPlacer([t.label for t in topics], [s.text for s in self.index.sentences])
        return any(
            placer.best(self._placing_text(uid)) is not None for uid, _ in self.units.values()
        )

    def positions(self, draft: Draft, quotes: list[Quote], topics: list[Topic]) -> list[Position]:
        """One position per (holder, topic), in the order the article first gives each."""
        said_by = {f"Q{q.number}": q.speaker for q in quotes}
        labels = {t.id: t.label for t in topics}
        # The title topic (``topics``) is numbered past the answer's own: the views the
        # answer put under a dropped topic go under it.
        fallback = next((t.id for t in topics if int(t.id[1:]) > len(draft.topics)), None)
        if self.model_stances:
            stances = {k: [v] if v else [] for k, v in draft.stances.items()}
        elif self.terms:
            stances = self.placed_by_terms(topics)
        else:
            stances = {k: [v] if v else [] for k, v in self.placed(topics, fallback).items()}
        groups: dict[tuple[str, str], list[tuple[str, DraftStance]]] = {}
        for key, unit_stances in stances.items():
            unit = self.units.get(key)
            if not unit_stances or unit is None:
                continue
            uid, actor = unit
            path = f"$.stances.{uid}"
            holder = said_by.get(uid) if uid.startswith("Q") else actor
            if holder is None:
                self.warn("unheld_view", f"{uid} has no speaker; no position rests on it", path)
                continue
            for stance in unit_stances:
                if stance.topic not in labels and fallback is not None:
                    stance = stance.model_copy(update={"topic": fallback})
                if stance.topic not in labels:
                    continue  # a topic dropped above (warned there)
                groups.setdefault((holder, stance.topic), []).append((uid, stance))
        out: list[Position] = []
        worded: dict[str, tuple[str, list[Span]]] = {}  # view -> its first holder, evidence
        for (holder, tid), items in groups.items():
            evidence = [s for uid in dict.fromkeys(u for u, _ in items) if (s := self.span(uid))]
            view, source = self._view(holder, items)
            # Greedy models repeat one view for every holder; the holder's own words repeat
            # only where two holders share a unit ("Both Britain and France have …").
            first = worded.setdefault(view.casefold(), (holder, evidence))
            if source == "model" and first[0] != holder and first[1] != evidence:
                self.warn(
                    "duplicate_position",
                    f"the view of {holder} on {tid} repeats {first[0]}'s on other evidence; "
                    "dropped",
                    f"$.stances.{items[0][0]}",
                )
                continue
            out.append(
                Position(
                    holder=holder,
                    topic_id=tid,
                    topic=labels[tid],
                    stance=view,
                    stance_kind=_kind([s.kind for _, s in items]),
                    view_from=source,
                    attribution=attribution([u for u, _ in items], self.sentences),
                    evidence=evidence,
                )
            )
        return out

    def placed(
        self, topics: list[Topic], fallback: str | None = None
    ) -> dict[str, DraftStance | None]:
        """Each view unit under a topic by the words it shares, its kind by cue words
        (``stance_rules.py``): for a model that does not read the units it labels."""
        out: dict[str, DraftStance | None] = {}
        if not topics:
            return out
        placer = TopicPlacer([t.label for t in topics], [s.text for s in self.index.sentences])
        placed = placer.place_all([self._placing_text(uid) for uid, _ in self.units.values()])
        if fallback is not None:
            placed = [0] * len(placed)  # the title topic: every view of the article is under it
        for (key, (uid, _)), found in zip(self.units.items(), placed, strict=True):
            q = self.quotations.get(uid)
            words = self.own_words(uid)
            kind = stance_kind(q.text + " " + words if q else words)
            out[key] = None if found is None else DraftStance(topic=topics[found].id, kind=kind)
        return out

    def _placing_text(self, uid: str) -> str:
        q = self.quotations.get(uid)
        return self._sentence_of(uid) + " " + (q.text if q else "")

    def placed_by_terms(self, topics: list[Topic]) -> dict[str, list[DraftStance]]:
        """Each view unit under the first topic each of its clauses names, the kind read off
        that clause; a unit naming none under the topic of the unit before it (or, ahead of
        the first, after it), its kind off its own words."""
        texts = [self._read(uid) for uid, _ in self.units.values()]
        # A clause declining to comment names what its speaker took no stance on.
        found = [
            [
                (i, clause)
                for i, clause in named_topics(text, self.terms)
                if not declines_comment(clause)
            ]
            for text in texts
        ]
        near: list[int | None] = []
        for named in found:
            near.append(named[0][0] if named else near[-1] if near else None)
        first = next((i for i in near if i is not None), 0)
        out: dict[str, list[DraftStance]] = {}
        for (key, (uid, _)), text, named, before in zip(
            self.units.items(), texts, found, near, strict=True
        ):
            q = self.quotations.get(uid)
            words = self.own_words(uid)
            own_kind = stance_kind(q.text + " " + words if q else words)
            if not named and declines_comment(text):
                out[key] = []  # nothing but a refusal to comment: no stance
                continue
            if not named:
                topic = topics[first if before is None else before].id
                out[key] = [DraftStance(topic=topic, kind=own_kind)]
                continue
            # A clause with no cue of its own takes the verb that governs it ("demanded
            # that …, that Russia maintain control"), then the unit's own words.
            head = stance_kind(head_clause(text))
            fallback = head if head != "describes" else own_kind
            kinds = [(i, topic_kind(clause, self.terms[i].stem)) for i, clause in named]
            out[key] = [
                DraftStance(topic=topics[i].id, kind=fallback if kind == "describes" else kind)
                for i, kind in kinds
            ]
        return out

    def _read(self, uid: str) -> str:
        """What a unit's topics and kinds are read off: a quotation's own words where they
        name a topic, else the sentence around it too ("When asked whether the toll would
        rise, she said: …" is the reporter's question, not her view)."""
        q = self.quotations.get(uid)
        if q is not None and named_topics(q.text, self.terms):
            return q.text
        return self._unit_text(uid)

    def _unit_text(self, uid: str) -> str:
        """A unit's sentence, with the quotation's own words where the unit is a quotation."""
        q = self.quotations.get(uid)
        sentence = self._sentence_of(uid)
        return sentence if q is None or q.text in sentence else f"{sentence} {q.text}"

    def _sentence_of(self, uid: str) -> str:
        if (q := self.quotations.get(uid)) is not None:
            return next((s.text for s in self.index.sentences if s.start <= q.start < s.end), "")
        return self.sentences[uid].text

    def span(self, uid: str) -> Span | None:
        """A quotation's or a sentence's own span."""
        if (q := self.quotations.get(uid)) is not None:
            return Span(text=q.text, start=q.start, end=q.end, match="quotation")
        if (s := self.sentences.get(uid)) is not None:
            return Span(text=s.text, start=s.start, end=s.end, match="sentence")
        return None

    def _view(self, holder: str, items: list[tuple[str, DraftStance]]) -> tuple[str, ViewSource]:
        """The model's view where it wrote one that passes; else the holder's own words."""
        uid, stance = items[0]
        written = " ".join((stance.view or "").split())
        path = f"$.stances.{uid}.view"
        if written:
            bad = self.facts.unsupported(written)
            if self.view_limit is not None and hit_bound(written, self.view_limit):
                self.warn("text_cut", f"view of {holder} hit its length bound; not shown", path)
            elif bad:
                self.warn(
                    "unsupported_claim",
                    f"view of {holder} names what the article does not: {', '.join(bad)}",
                    path,
                )
            else:
                return written, "model"
        return self.own_words(uid), "holder"

    def own_words(self, uid: str) -> str:
        return unit_words(self.index, self.quotations, uid)


def unit_words(index: ArticleIndex, quotations: Mapping[str, Quotation], uid: str) -> str:
    """The view a unit gives in the holder's own words (``views.py``); shown in the prompt
    beside the unit's key, and the position's view unless a model writes one."""
    if (q := quotations.get(uid)) is not None:
        around = next((s.text for s in index.sentences if s.start <= q.start < s.end), q.text)
        return quotation_view(q.text, around)
    sentence = next(s for s in index.sentences if s.id == uid)
    return sentence_view(sentence.text)


def _kind(kinds: list[StanceKind]) -> StanceKind:
    """The side most of a position's units take, the first unit's on a tie; ``describes``
    only when none takes a side (a holder who states a fact and then urges a measure is for
    it)."""
    sided = [k for k in kinds if k != "describes"] or kinds
    counts = Counter(sided)
    best = max(counts.values())
    return next(k for k in sided if counts[k] == best)


_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|added|stated|announced|warned|argued|argues?|wrote|claim(?:s|ed)"
    r"|insist(?:s|ed)|according to|responded|remarked|mentioned|noted|confirmed|revealed"
    r"|emphasi[sz]ed|underscored|stressed)\b",
    re.IGNORECASE,
)


def attribution(evidence: list[str], sentences: dict[str, Sentence]) -> Attribution:
    """Quoted words are a direct quote; a sentence with a reporting verb reports; else the
    article paraphrases."""
    if any(e.startswith("Q") for e in evidence):
        return "direct_quote"
    if any(_REPORTING.search(sentences[e].text) for e in evidence if e in sentences):
        return "reported"
    return "paraphrase"
