"""SemEval-2015 Task 4 (TimeLine) scores: the temporal awareness of a timeline against gold.

Why: the task's figures (Minard et al. 2015) are the yardstick for story timelines, and its tool
(Python 2, a subprocess per file) is not one to ship: this is the metric rebuilt from its
description (UzZaman & Allen 2011), no code copied. P = |reduced(Sys) ∩ closure(Gold)| /
|reduced(Sys)|, R = |reduced(Gold) ∩ closure(Sys)| / |reduced(Gold)|, F1 their harmonic mean.

Checked, in stored copies of public material:
- The task site's Tools page (alt.qcri.org/semeval2015/task4/index.php?id=tools) and the tool's
  00-README.txt (evaluation_all.py, evaluation_timeline[_ord].py, TempEval-3's scorer): a TIMEX3
  per time anchor, each event SIMULTANEOUS with its TIMEX3, BEFORE or SIMULTANEOUS between events,
  a --ord mode without anchors (``dates=False``); a file is the entity's name, then lines
  ``position<TAB>anchor<TAB>event[<TAB>event...]`` (coreferring mentions on one line); events at
  position 0 (not ordered) "are not considered by the evaluation tool".
- evaluation_all.py: the micro average sums the timelines' matched and total counts, then
  divides; F1 is the harmonic mean of micro P and R (its README's sample: P 92.0732 = 151/164,
  R 57.8059 = 137/237). It skips a gold entity with no system file, totals and all; here that
  entity counts, with recall 0.
- Gold data (qiangning/StructTempRel-EMNLP17, data/SemEval2015-Task4-TimeLine): position 0 is
  always XXXX-XX-XX; undated events also sit at ordered positions (trial steve_jobs.txt); anchors
  read 2008-XX-XX (test) or 2008-01 and 1976 (trial); a date spans positions and a mention id
  can sit at two (corpus_3 dow_jones_industrial_average.txt: 2008-10-10 at 23-33, 114904-4-going
  at 27 and 28). Not found: evaluation_timeline.py, so how it names a TIMEX3 (here: by value).

Decided:
- An event IS_INCLUDED in its date, not SIMULTANEOUS with it: then two events of one date at
  different positions (as in the gold data) contradict, equal to one TIMEX3 yet ordered, and
  TempEval-3's timegraph reasons without whichever link comes later: the figures hang on order.
- A date's node is its known prefix (``time:2008-02`` for 2008-02-XX and 2008-02; none for
  XXXX-XX-XX: no date relation). Dates are opaque, with no relations between them (2008-02-29 is
  not BEFORE 2008-03-01 nor IS_INCLUDED in 2008-02), like the tool's TIMEX3s, linked only to
  events; a date at another granularity than gold's earns nothing.
- Position 0 is dropped from gold and system alike; a mention id keeps its lowest position.
- Closure: a SIMULTANEOUS class is an interval (start before end); BEFORE puts one's end before
  the other's start, INCLUDES the inner points strictly inside. What the point graph entails is
  the closure, complete for these relations: BEFORE is transitive, SIMULTANEOUS substitutes
  anywhere, a BEFORE d INCLUDES e gives a BEFORE e, an event between two of a date is in it.
- Reduced graph, one canonical minimal graph: each position's events sorted and chained by
  SIMULTANEOUS, the last BEFORE the next position's first (a wrong or missing event costs at
  most the two links beside it); a date INCLUDES its first event at its first and at its last
  position (those between are implied). TempEval-3 keeps the links its insertion order leaves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Literal, NamedTuple

RelType = Literal["BEFORE", "SIMULTANEOUS", "INCLUDES"]
TIME_PREFIX = "time:"  # date nodes apart from event ids, which could look like dates


@dataclass(frozen=True)
class Entry:
    """One line of a timeline: an event (its coreferring mentions) at a position and a date."""

    position: int
    date: str
    events: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.position < 0 or not self.events:
            raise ValueError(f"an entry needs a position >= 0 and events: {self!r}")
        for field in (self.date, *self.events):
            if not field or any(c.isspace() for c in field):
                raise ValueError(f"empty field, or one with a blank: {field!r}")


class Relation(NamedTuple):
    """``a rel b``, canonical: BEFORE for AFTER, INCLUDES for IS_INCLUDED, SIMULTANEOUS a < b."""

    a: str
    rel: RelType
    b: str


def canonical(a: str, rel: str, b: str) -> Relation:
    """The one form of a TimeML relation, so that equal relations compare equal."""
    match rel.upper():
        case "BEFORE" | "AFTER" as name:
            return Relation(a, "BEFORE", b) if name == "BEFORE" else Relation(b, "BEFORE", a)
        case "INCLUDES" | "IS_INCLUDED" as name:
            return Relation(a, "INCLUDES", b) if name == "INCLUDES" else Relation(b, "INCLUDES", a)
        case "SIMULTANEOUS":
            return Relation(min(a, b), "SIMULTANEOUS", max(a, b))
    raise ValueError(f"unknown relation {rel!r}")


def time_node(date: str) -> str | None:
    """The node of a date: its known prefix (2008-02-XX -> time:2008-02), None if none is known."""
    known: list[str] = []
    for part in date.strip().split("-"):
        if not (part.isascii() and part.isdigit()):
            break
        known.append(part)
    return TIME_PREFIX + "-".join(known) if known else None


def _placed(timeline: Sequence[Entry]) -> tuple[list[list[str]], dict[str, set[str]]]:
    """Positions in order, each its events sorted, and each event's date nodes."""
    position: dict[str, int] = {}
    dates: dict[str, set[str]] = defaultdict(set)
    for entry in sorted(timeline, key=lambda e: e.position):
        if entry.position == 0:
            continue  # not ordered: left out, as by the official tool
        node = time_node(entry.date)
        for event in entry.events:
            if position.setdefault(event, entry.position) == entry.position and node:
                dates[event].add(node)
    groups: dict[int, list[str]] = defaultdict(list)
    for event, at in position.items():
        groups[at].append(event)
    return [sorted(groups[at]) for at in sorted(groups)], dates


def relations(timeline: Sequence[Entry], *, dates: bool = True) -> set[Relation]:
    """The reduced graph of a timeline (see the module docstring for the links chosen)."""
    classes, dated = _placed(timeline)
    result: set[Relation] = set()
    previous: str | None = None
    for members in classes:
        if previous is not None:
            result.add(Relation(previous, "BEFORE", members[0]))
        result.update(Relation(x, "SIMULTANEOUS", y) for x, y in pairwise(members))
        previous = members[-1]
    if not dates:
        return result
    first: dict[str, str] = {}  # date node -> its first event
    last: dict[str, tuple[int, str]] = {}  # date node -> (position index, its first event there)
    for index, members in enumerate(classes):
        for event in members:
            for node in dated.get(event, ()):
                first.setdefault(node, event)
                if last.get(node, (-1, ""))[0] != index:
                    last[node] = (index, event)
    for node, event in first.items():
        result.add(Relation(node, "INCLUDES", event))
        result.add(Relation(node, "INCLUDES", last[node][1]))
    return result


Point = tuple[str, int]  # (a SIMULTANEOUS class, 0 for its start or 1 for its end)


class _Graph:
    """The points of a relation set's intervals, and which points each one strictly precedes."""

    def __init__(self, rels: Iterable[Relation]) -> None:
        rels = [canonical(*r) for r in rels]
        parent: dict[str, str] = {}

        def find(node: str) -> str:
            while parent.setdefault(node, node) != node:
                node = parent[node]
            return node

        for r in rels:
            a, b = find(r.a), find(r.b)
            if r.rel == "SIMULTANEOUS":
                parent[a] = b
        self.cls = {node: find(node) for node in parent}
        after: dict[Point, set[Point]] = {}
        for c in self.cls.values():
            after[(c, 0)], after[(c, 1)] = {(c, 1)}, set()
        for r in rels:
            a, b = self.cls[r.a], self.cls[r.b]
            if r.rel == "BEFORE":
                after[(a, 1)].add((b, 0))
            elif r.rel == "INCLUDES":
                after[(a, 0)].add((b, 0))
                after[(b, 1)].add((a, 1))
        self.reach = {point: _reachable(point, after) for point in after}
        if any(point in reached for point, reached in self.reach.items()):
            raise ValueError("inconsistent relations: something would precede itself")

    def between(self, a: str, rel: RelType, b: str) -> bool:
        """Whether ``a rel b`` is entailed for two classes ``a`` and ``b``."""
        if rel == "SIMULTANEOUS":
            return a == b
        if rel == "BEFORE":
            return (b, 0) in self.reach[(a, 1)]
        return (b, 0) in self.reach[(a, 0)] and (a, 1) in self.reach[(b, 1)]

    def holds(self, r: Relation) -> bool:
        """Whether the relation is in the closure (False for a node the graph does not have)."""
        if r.a == r.b or r.a not in self.cls or r.b not in self.cls:
            return False
        return self.between(self.cls[r.a], r.rel, self.cls[r.b])


def _reachable(start: Point, after: Mapping[Point, set[Point]]) -> set[Point]:
    seen: set[Point] = set()
    todo = list(after.get(start, ()))
    while todo:
        if (point := todo.pop()) not in seen:
            seen.add(point)
            todo.extend(after.get(point, ()))
    return seen


def closure(rels: set[Relation]) -> set[Relation]:
    """Every relation the set entails between its nodes; ValueError if it contradicts itself."""
    graph = _Graph(rels)
    members: dict[str, list[str]] = defaultdict(list)
    for node, cls in graph.cls.items():
        members[cls].append(node)
    result = {
        Relation(x, "SIMULTANEOUS", y)
        for group in members.values()
        for x, y in combinations(sorted(group), 2)
    }
    ordered: tuple[RelType, ...] = ("BEFORE", "INCLUDES")
    for a in members:
        for b in members:
            for rel in ordered:
                if a != b and graph.between(a, rel, b):
                    result.update(Relation(x, rel, y) for x in members[a] for y in members[b])
    return result


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall, kept so that timelines micro-average by adding."""

    sys_correct: int  # |reduced(Sys) ∩ closure(Gold)|
    sys_total: int  # |reduced(Sys)|
    gold_found: int  # |reduced(Gold) ∩ closure(Sys)|
    gold_total: int  # |reduced(Gold)|

    @property
    def precision(self) -> float:
        return self.sys_correct / self.sys_total if self.sys_total else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.sys_correct + other.sys_correct,
            self.sys_total + other.sys_total,
            self.gold_found + other.gold_found,
            self.gold_total + other.gold_total,
        )


def score(system: Sequence[Entry], gold: Sequence[Entry], *, dates: bool = True) -> Score:
    """One entity's timeline against gold; ``dates=False`` is the official ordering-only mode."""
    sys_rels, gold_rels = relations(system, dates=dates), relations(gold, dates=dates)
    sys_graph, gold_graph = _Graph(sys_rels), _Graph(gold_rels)
    return Score(
        sys_correct=sum(gold_graph.holds(r) for r in sys_rels),
        sys_total=len(sys_rels),
        gold_found=sum(sys_graph.holds(r) for r in gold_rels),
        gold_total=len(gold_rels),
    )


def score_all(
    system: Mapping[str, Sequence[Entry]],
    gold: Mapping[str, Sequence[Entry]],
    *,
    dates: bool = True,
) -> Score:
    """The micro average over gold's entities; one the system lacks adds only gold relations."""
    total = Score(0, 0, 0, 0)
    for entity, timeline in gold.items():
        if entity in system:
            total += score(system[entity], timeline, dates=dates)
        else:
            total += Score(0, 0, 0, len(relations(timeline, dates=dates)))
    return total


def parse_timeline(text: str) -> list[Entry]:
    """A timeline file's entries; a first line that is no entry is the target entity's name."""
    entries: list[Entry] = []
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    for index, (number, line) in enumerate(lines):
        fields = [field.strip() for field in line.split("\t") if field.strip()]
        if len(fields) >= 3 and fields[0].isascii() and fields[0].isdigit():
            entries.append(Entry(int(fields[0]), fields[1], tuple(fields[2:])))
        elif index:
            raise ValueError(f"line {number}: not 'position<TAB>date<TAB>event...': {line!r}")
    return entries


def format_timeline(entries: Iterable[Entry], *, entity: str | None = None) -> str:
    """The task's file format, entries in the order given, the entity's name first if given."""
    if entity is not None and (not entity.strip() or any(c in entity for c in "\t\r\n")):
        raise ValueError(f"entity name {entity!r} cannot head a timeline file")
    lines = [] if entity is None else [entity]
    lines += ["\t".join([str(e.position), e.date, *e.events]) for e in entries]
    return "".join(line + "\n" for line in lines)
