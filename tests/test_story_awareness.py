"""Tests of ``summarizer.story.awareness``, the SemEval-2015 Task 4 TimeLine scorer.

Every expected graph and count below was worked out by hand, in the comment beside it, from the
rules in the module docstring (a position's events sorted and chained by SIMULTANEOUS, the last
BEFORE the next position's first, a date INCLUDES its first event at its first and last
position; position 0 left out), not produced by running the scorer. Event ids are single
letters so that their sorted order is plain; undated entries use XXXX-XX-XX.
"""

from __future__ import annotations

import pytest

from summarizer.story.awareness import (
    Entry,
    Relation,
    Score,
    canonical,
    closure,
    format_timeline,
    parse_timeline,
    relations,
    score,
    score_all,
    time_node,
)

U = "XXXX-XX-XX"


def tl(*rows: tuple[int, str, str]) -> list[Entry]:
    """A timeline from (position, date, "space-separated mention ids") rows."""
    return [Entry(position, date, tuple(events.split())) for position, date, events in rows]


def before(a: str, b: str) -> Relation:
    return Relation(a, "BEFORE", b)


def same(a: str, b: str) -> Relation:
    return Relation(a, "SIMULTANEOUS", b)


def includes(date: str, event: str) -> Relation:
    return Relation(f"time:{date}", "INCLUDES", event)


# a at 1 (2008-01-01); c, b at 2 (2008-02-XX); d at 3 (undated)
T1 = tl((1, "2008-01-01", "a"), (2, "2008-02-XX", "c b"), (3, U, "d"))
ABC = tl((1, U, "a"), (2, U, "b"), (3, U, "c"))  # a < b < c, no dates


# The graph of a timeline --------------------------------------------------------------------


def test_relations_is_the_reduced_graph() -> None:
    assert relations(T1) == {
        same("b", "c"),  # position 2 sorted: b, c
        before("a", "b"),  # last of position 1, first of position 2
        before("c", "d"),  # last of position 2, first of position 3
        includes("2008-01-01", "a"),
        includes("2008-02", "b"),  # the first of its events; b = c implies c's
    }  # d: XXXX-XX-XX, no date relation


def test_ordering_only_leaves_the_dates_out() -> None:
    assert relations(T1, dates=False) == {same("b", "c"), before("a", "b"), before("c", "d")}
    wrong_dates = tl((1, "1999", "a"), (2, "2000", "b c"), (3, "2001", "d"))
    # Without dates both graphs are the three links above: 3 of 3 each way.
    assert score(wrong_dates, T1, dates=False) == Score(3, 3, 3, 3)


def test_a_date_over_several_positions_links_its_first_and_last() -> None:
    gold = tl((1, "2008", "a"), (2, "2008", "b"), (3, "2008", "c"))
    # a < b < c, 2008 ⊃ a and 2008 ⊃ c; 2008 ⊃ b follows (b lies between two events of 2008).
    assert relations(gold) == {
        before("a", "b"),
        before("b", "c"),
        includes("2008", "a"),
        includes("2008", "c"),
    }
    assert includes("2008", "b") in closure(relations(gold))
    # b left undated: the same four links, 4/4 both ways.
    assert score(tl((1, "2008", "a"), (2, U, "b"), (3, "2008", "c")), gold) == Score(4, 4, 4, 4)
    # b dated 2009: a fifth link, 2009 ⊃ b, that gold cannot verify (no 2009 node): 4/5; recall 4/4.
    dated_2009 = tl((1, "2008", "a"), (2, "2009", "b"), (3, "2008", "c"))
    assert score(dated_2009, gold) == Score(4, 5, 4, 4)


def test_position_zero_is_left_out() -> None:
    # Dated or not, an event at position 0 has no relation at all.
    assert relations(tl((0, "2008-01-01", "a"), (0, U, "b"))) == set()
    gold = tl((0, U, "z"), (1, U, "a"), (2, U, "b"))  # reduced: a < b
    system = tl((1, U, "z"), (2, U, "a"), (3, U, "b"))  # reduced: z < a, a < b
    # Precision: z < a unknown to gold, a < b verified: 1/2. Recall: a < b found: 1/1.
    assert score(system, gold) == Score(1, 2, 1, 1)
    # A system that orders nothing: no relation of its own, none of gold's found.
    assert score(tl((0, U, "a"), (0, U, "b")), tl((1, U, "a"), (2, U, "b"))) == Score(0, 0, 0, 1)


def test_a_mention_on_two_positions_keeps_the_first() -> None:
    # a at 1 and again at 3: only a at 1 counts, so the graph is a < b and nothing about 3.
    assert relations(tl((1, U, "a"), (2, U, "b"), (3, U, "a"))) == {before("a", "b")}


def test_dates_count_as_their_known_prefix() -> None:
    assert time_node("2008-02-XX") == time_node("2008-02") == "time:2008-02"
    assert time_node("2008-XX-XX") == "time:2008"
    assert time_node("1976") == "time:1976"
    assert time_node("2008-02-29") == "time:2008-02-29"
    assert time_node(U) is None
    assert time_node("XXXX-02-XX") is None  # a month of no known year is no date
    assert time_node("ZZZZ") is None  # the bogus anchor of ordering-only runs
    gold = tl((1, "2008-02-XX", "a"), (2, "2008-03-XX", "b"))
    # Written 2008-02 / 2008-03: the same nodes, the same three links: 3/3 both ways.
    assert score(tl((1, "2008-02", "a"), (2, "2008-03", "b")), gold) == Score(3, 3, 3, 3)
    # Days instead of months: other nodes. Only a < b matches, each way: 1/3 and 1/3.
    days = tl((1, "2008-02-29", "a"), (2, "2008-03-01", "b"))
    assert score(days, gold) == Score(1, 3, 1, 3)


# Closure --------------------------------------------------------------------------------------


def test_closure_rules() -> None:
    # BEFORE is transitive.
    chain = {before("a", "b"), before("b", "c")}
    assert closure(chain) == chain | {before("a", "c")}
    # SIMULTANEOUS substitutes on either side of BEFORE: b = c gives a < c.
    assert closure({before("a", "b"), same("b", "c")}) == {
        before("a", "b"),
        same("b", "c"),
        before("a", "c"),
    }
    # ... and of INCLUDES: e in d and e = f put f in d.
    d = "time:2008"
    assert closure({Relation(d, "INCLUDES", "e"), same("e", "f")}) == {
        Relation(d, "INCLUDES", "e"),
        same("e", "f"),
        Relation(d, "INCLUDES", "f"),
    }
    # Order reaches into containment: a ends before d starts, e lies inside d, so a < e.
    assert closure({before("a", "d"), Relation("d", "INCLUDES", "e")}) == {
        before("a", "d"),
        Relation("d", "INCLUDES", "e"),
        before("a", "e"),
    }
    # b between two events of d is in d; all six pairs of a, b, c, d are then related.
    between = {Relation(d, "INCLUDES", "a"), before("a", "b"), before("b", "c")}
    between.add(Relation(d, "INCLUDES", "c"))
    assert closure(between) == between | {before("a", "c"), Relation(d, "INCLUDES", "b")}


def test_no_relation_between_dates() -> None:
    days = tl((1, "2008-02-29", "a"), (2, "2008-03-01", "b"))
    # a < b, 29 Feb ⊃ a, 1 Mar ⊃ b. Nothing else: the two days are not ordered (a date is an
    # opaque node), and 29 Feb vs b or 1 Mar vs a are open (the days' other ends are unknown).
    assert closure(relations(days)) == {
        before("a", "b"),
        includes("2008-02-29", "a"),
        includes("2008-03-01", "b"),
    }


def test_contradictions_are_refused() -> None:
    with pytest.raises(ValueError, match="inconsistent"):
        closure({before("a", "b"), before("b", "a")})
    with pytest.raises(ValueError, match="inconsistent"):
        closure({same("a", "b"), before("a", "b")})


def test_canonical_forms() -> None:
    assert canonical("a", "AFTER", "b") == before("b", "a")
    assert canonical("e", "IS_INCLUDED", "d") == Relation("d", "INCLUDES", "e")
    assert canonical("b", "simultaneous", "a") == same("a", "b")
    assert canonical("a", "BEFORE", "b") == before("a", "b")
    with pytest.raises(ValueError, match="unknown relation"):
        canonical("a", "DURING", "b")


@pytest.mark.parametrize(
    "timeline",
    [
        T1,
        tl((1, "2008", "a"), (2, U, "b"), (3, "2008", "c d"), (4, "2009", "e")),
        tl((1, "2008-05", "b a"), (1, "2008", "c"), (2, "2008-05-02", "d")),
    ],
)
def test_the_reduced_graph_is_minimal_and_loses_nothing(timeline: list[Entry]) -> None:
    """Every relation the timeline states is in the closure, and no link can be dropped."""
    placed = [e for e in timeline if e.position]
    pairs = [(e, f) for e in placed for f in placed]
    stated = {
        same(x, y)
        for e, f in pairs
        if e.position == f.position
        for x in e.events
        for y in f.events
        if x < y
    }
    stated |= {
        before(x, y)
        for e, f in pairs
        if e.position < f.position
        for x in e.events
        for y in f.events
    }
    stated |= {
        Relation(node, "INCLUDES", x)
        for e in placed
        if (node := time_node(e.date))
        for x in e.events
    }
    reduced = relations(timeline)
    assert stated <= closure(reduced)
    for link in reduced:
        assert closure(reduced - {link}) != closure(reduced), link


# Scores -------------------------------------------------------------------------------------


def test_identical_timelines_score_one() -> None:
    # T1's reduced graph has 5 links (test above), each in T1's own closure: 5/5 both ways.
    result = score(T1, T1)
    assert result == Score(5, 5, 5, 5)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)


def test_an_empty_system_scores_zero_without_dividing_by_zero() -> None:
    result = score([], T1)  # no system link; gold's 5 all missed
    assert result == Score(0, 0, 0, 5)
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)
    assert score([], []) == Score(0, 0, 0, 0)


def test_a_swapped_pair() -> None:
    system = tl((1, U, "a"), (2, U, "c"), (3, U, "b"))  # reduced: a < c, c < b
    # Gold closure {a<b, b<c, a<c}: a < c yes, c < b no: 1/2.
    # System closure {a<c, c<b, a<b}: gold's a < b yes, b < c no: 1/2.
    result = score(system, ABC)
    assert result == Score(1, 2, 1, 2)
    assert result.f1 == pytest.approx(0.5)


def test_a_split_position() -> None:
    gold = tl((1, U, "a"), (1, U, "b"), (2, U, "c"))  # reduced: a = b, b < c
    system = tl((1, U, "a"), (2, U, "b"), (3, U, "c"))  # reduced: a < b, b < c
    # a < b is not in gold's closure (a = b there), b < c is: 1/2.
    # Gold's a = b is not in the system's closure, b < c is: 1/2.
    assert score(system, gold) == Score(1, 2, 1, 2)


def test_an_extra_system_event_costs_precision() -> None:
    gold = tl((1, U, "a"), (2, U, "b"))  # reduced: a < b
    # x after b: links a < b (verified) and b < x (x unknown to gold): 1/2; recall 1/1.
    result = score(tl((1, U, "a"), (2, U, "b"), (3, U, "x")), gold)
    assert result == Score(1, 2, 1, 1)
    assert result.f1 == pytest.approx(2 / 3)  # 2 · 0.5 · 1 / 1.5
    # x as a mention beside a: sorted a, x, so links a = x and x < b, neither verified: 0/2;
    # but a = x, x < b still give gold's a < b: recall 1/1.
    assert score(tl((1, U, "a x"), (2, U, "b")), gold) == Score(0, 2, 1, 1)


def test_a_skipped_middle_position_is_still_ordered_by_closure() -> None:
    # The system gives positions 1 and 3 only: its a < c is in gold's closure: 1/1.
    # Gold's a < b and b < c name b, which the system lacks: 0/2.
    assert score(tl((1, U, "a"), (3, U, "c")), ABC) == Score(1, 1, 0, 2)
    # The other way: gold has a and c only; gold's a < c is implied by the system's chain,
    # so recall is 1/1, while the system's a < b and b < c are not in gold's closure: 0/2.
    assert score(ABC, tl((1, U, "a"), (3, U, "c"))) == Score(0, 2, 1, 1)


def test_score_is_the_formula_over_closure() -> None:
    gold, system = T1, tl((1, "2008-01-01", "a"), (2, U, "b"), (3, "2008-02", "c d"))
    expected = score(system, gold)
    assert expected.sys_correct == len(relations(system) & closure(relations(gold)))
    assert expected.gold_found == len(relations(gold) & closure(relations(system)))


def test_micro_average_differs_from_macro() -> None:
    gold = {"one": ABC, "two": tl((1, U, "d"), (2, U, "e"))}
    system = {"one": ABC, "two": tl((1, U, "e"), (2, U, "d"))}
    # one: identical, 2 links: (2, 2, 2, 2). two: e < d against d < e: (0, 1, 0, 1).
    total = score_all(system, gold)
    assert total == Score(2, 3, 2, 3)
    assert total.f1 == pytest.approx(2 / 3)  # P = R = 2/3
    macro = (score(system["one"], gold["one"]).f1 + score(system["two"], gold["two"]).f1) / 2
    assert macro == pytest.approx(0.5)  # (1 + 0) / 2


def test_score_all_counts_a_missing_entity_and_ignores_an_extra_one() -> None:
    gold = {"one": ABC, "two": tl((1, U, "d"), (2, U, "e"))}
    system = {"one": ABC, "three": tl((1, U, "f"), (2, U, "g"))}
    # one: (2, 2, 2, 2); two missing: its 1 gold link, unfound: (0, 0, 0, 1); three: not gold.
    total = score_all(system, gold)
    assert total == Score(2, 2, 2, 3)
    assert total.recall == pytest.approx(2 / 3)
    assert total.f1 == pytest.approx(0.8)  # 2 · 1 · (2/3) / (5/3)


def test_score_arithmetic() -> None:
    assert Score(1, 2, 3, 4) + Score(1, 0, 0, 4) == Score(2, 2, 3, 8)
    result = Score(1, 4, 1, 2)
    assert (result.precision, result.recall) == (0.25, 0.5)
    assert result.f1 == pytest.approx(1 / 3)  # 2 · 0.125 / 0.75


# The file format ------------------------------------------------------------------------------

TEXT = (
    "Acme Corp\n"
    "0\tXXXX-XX-XX\t10-3-said\n"
    "1\t2008-02-XX\t10-1-founded\t11-2-founding\n"
    "1\t2008-02-XX\t12-4-hired\n"
    "2\t2009-XX-XX\t10-5-sold\n"
)
ENTRIES = [
    Entry(0, U, ("10-3-said",)),
    Entry(1, "2008-02-XX", ("10-1-founded", "11-2-founding")),
    Entry(1, "2008-02-XX", ("12-4-hired",)),
    Entry(2, "2009-XX-XX", ("10-5-sold",)),
]


def test_parse_and_format_round_trip() -> None:
    assert parse_timeline(TEXT) == ENTRIES
    assert format_timeline(ENTRIES, entity="Acme Corp") == TEXT
    headless = TEXT.split("\n", 1)[1]
    assert format_timeline(ENTRIES) == headless
    assert parse_timeline(headless) == ENTRIES
    assert parse_timeline(format_timeline(ENTRIES)) == ENTRIES
    # Windows line ends, blank lines and a trailing tab are tolerated.
    assert parse_timeline("\r\n" + TEXT.replace("\n", "\t\r\n") + "\r\n") == ENTRIES


def test_parse_and_format_refuse_what_would_not_round_trip() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_timeline("Acme Corp\n1\t2008\n")  # no event
    with pytest.raises(ValueError, match="line 3"):
        parse_timeline("Acme Corp\n1\t2008\ta\nBeta Corp\n")  # a name after the first line
    with pytest.raises(ValueError, match="position"):
        Entry(-1, U, ("a",))
    with pytest.raises(ValueError, match="position"):
        Entry(1, U, ())
    with pytest.raises(ValueError, match="blank"):
        Entry(1, U, ("a b",))
    with pytest.raises(ValueError, match="cannot head"):
        format_timeline(ENTRIES, entity="Acme\nCorp")
