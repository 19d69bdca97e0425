"""Story timelines: actors merged across articles, events merged, ordered and placed.

Every expected value is worked out by hand from the hand-made articles above each test.
"""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.schema import ArticleSummary
from summarizer.story.build import build_timelines
from summarizer.story.model import StoryTimelines, Timeline
from tests.review_data import as_data, error_record, ok_record, write_jsonl
from tests.story_data import story_summary

GM = ("General Motors", "organisation", [])


def gm(
    article: str, published: str, sentence: str, written: str, value: str, granularity: str
) -> ArticleSummary:
    """An article naming only General Motors, with one dated event."""
    return story_summary(
        article, published, [GM], [(sentence, written, value, granularity, ["General Motors"])]
    )


def timeline(story: StoryTimelines, name: str) -> Timeline:
    found = [t for t in story.timelines if t.actor.name == name]
    assert len(found) == 1, [t.actor.name for t in story.timelines]
    return found[0]


def test_gm_general_motors_and_corp_are_one_actor_with_each_merge_explained() -> None:
    a = gm("a", "2008-03-01", "General Motors cut jobs in 2007.", "in 2007", "2007", "year")
    b = story_summary(
        "b",
        "2008-03-02",
        [("GM", "organisation", [])],
        [("GM sold Hummer in 2008.", "in 2008", "2008", "year", ["GM"])],
    )
    c = story_summary(
        "c",
        "2008-03-03",
        [("General Motors Corp.", "organisation", [])],
        [
            (
                "General Motors Corp. closed a plant in 2006.",
                "in 2006",
                "2006",
                "year",
                ["General Motors Corp."],
            )
        ],
    )
    story = build_timelines([a, b, c])
    assert [t.actor.name for t in story.timelines] == ["General Motors"]
    actor = story.timelines[0].actor
    assert actor.articles == ["a", "b", "c"]
    assert [(m.article, m.reason, m.because) for m in actor.members] == [
        ("a", "first", None),
        ("b", "acronym", "GM"),
        ("c", "same_name", None),
    ]
    assert actor.aliases == ["General Motors Corp.", "GM"]
    # Three years, oldest first.
    assert [e.date for e in story.timelines[0].events] == ["2006", "2007", "2008"]


def test_ford_the_company_and_ford_the_person_stay_apart() -> None:
    a = story_summary(
        "a",
        "2008-03-01",
        [("Ford", "organisation", [])],
        [("Ford recalled trucks in 2007.", "in 2007", "2007", "year", ["Ford"])],
    )
    b = story_summary(
        "b",
        "2008-03-02",
        [("Ford", "person", [])],
        [("Ford resigned in 1999.", "in 1999", "1999", "year", ["Ford"])],
    )
    c = story_summary(
        "c",
        "2008-03-03",
        [("Ford", "organisation", []), ("Ford", "person", [])],
        [("Ford hired Ford in 2005.", "in 2005", "2005", "year", ["Ford"])],
    )
    story = build_timelines([a, b, c])
    kinds = sorted((t.actor.kind, t.actor.articles) for t in story.timelines)
    # The company in a and c, the person in b and c: two actors, neither merged into the other.
    assert kinds == [("organisation", ["a", "c"]), ("person", ["b", "c"])]


def test_alias_and_surname_merges() -> None:
    a = story_summary(
        "a",
        "2009-01-01",
        [("United States Air Force", "organisation", ["USAF"]), ("Barack Obama", "person", [])],
        [
            (
                "The United States Air Force and Barack Obama met in 2008.",
                "in 2008",
                "2008",
                "year",
                ["United States Air Force", "Barack Obama"],
            )
        ],
    )
    b = story_summary(
        "b",
        "2009-01-02",
        [("USAF", "organisation", []), ("Obama", "person", [])],
        [("USAF officials briefed Obama in 2009.", "in 2009", "2009", "year", ["USAF", "Obama"])],
    )
    story = build_timelines([a, b])
    usaf = timeline(story, "United States Air Force").actor
    obama = timeline(story, "Barack Obama").actor
    assert [(m.reason, m.because) for m in usaf.members] == [("first", None), ("alias", "USAF")]
    assert [(m.reason, m.because) for m in obama.members] == [
        ("first", None),
        ("short_name", "Obama"),
    ]


def test_a_surname_shared_by_two_people_merges_with_neither() -> None:
    a = story_summary(
        "a",
        "2009-01-01",
        [("Barack Obama", "person", []), ("Michelle Obama", "person", [])],
        [
            (
                "Barack Obama and Michelle Obama flew in 2008.",
                "in 2008",
                "2008",
                "year",
                ["Barack Obama", "Michelle Obama"],
            )
        ],
    )
    b = story_summary(
        "b",
        "2009-01-02",
        [("Obama", "person", [])],
        [("Obama spoke in 2009.", "in 2009", "2009", "year", ["Obama"])],
    )
    story = build_timelines([a, b], min_articles=1)
    names = sorted(t.actor.name for t in story.timelines)
    assert names == ["Barack Obama", "Michelle Obama", "Obama"]


def test_two_reports_of_one_event_become_one_event_citing_both_at_the_finer_date() -> None:
    a = gm(
        "a",
        "2008-03-05",
        "General Motors announced a recall of 900 trucks on March 4.",
        "on March 4",
        "2008-03-04",
        "day",
    )
    b = gm(
        "b",
        "2008-03-20",
        "In March, General Motors announced the recall of trucks.",
        "In March",
        "2008-03",
        "month",
    )
    story = build_timelines([a, b])
    events = timeline(story, "General Motors").events
    assert len(events) == 1
    assert events[0].date == "2008-03-04" and events[0].granularity == "day"
    assert [(c.article, c.text[:13]) for c in events[0].citations] == [
        ("a", "General Motor"),
        ("b", "In March, Gen"),
    ]
    assert events[0].conflicts == []


def test_reports_that_disagree_on_the_date_stay_apart_and_are_flagged() -> None:
    a = gm(
        "a",
        "2008-03-05",
        "General Motors announced a recall of 900 trucks on March 4.",
        "on March 4",
        "2008-03-04",
        "day",
    )
    b = gm(
        "b",
        "2008-03-20",
        "General Motors announced a recall of 900 trucks on March 6.",
        "on March 6",
        "2008-03-06",
        "day",
    )
    story = build_timelines([a, b])
    events = timeline(story, "General Motors").events
    assert [(e.id, e.date, e.conflicts) for e in events] == [
        ("E1", "2008-03-04", ["E2"]),
        ("E2", "2008-03-06", ["E1"]),
    ]


def test_unlike_events_on_one_day_stay_two_events() -> None:
    a = gm(
        "a",
        "2008-03-05",
        "General Motors announced a recall of 900 trucks on March 4.",
        "on March 4",
        "2008-03-04",
        "day",
    )
    b = gm(
        "b",
        "2008-03-20",
        "General Motors opened a factory in Brazil on March 4.",
        "on March 4",
        "2008-03-04",
        "day",
    )
    events = timeline(build_timelines([a, b]), "General Motors").events
    assert len(events) == 2 and all(e.conflicts == [] for e in events)


def test_undated_events_follow_the_dated_event_their_article_reports_before_them() -> None:
    a = story_summary(
        "a",
        "2008-03-05",
        [GM],
        [
            ("General Motors sold Saab in 2010.", "in 2010", "2010", "year", ["General Motors"]),
            (
                "General Motors then closed a plant some time.",
                "some time",
                None,
                None,
                ["General Motors"],
            ),
        ],
    )
    b = story_summary(
        "b",
        "2008-03-06",
        [GM],
        [
            ("General Motors was rescued long ago.", "long ago", None, None, ["General Motors"]),
            (
                "General Motors bought Hummer in 1998.",
                "in 1998",
                "1998",
                "year",
                ["General Motors"],
            ),
        ],
    )
    events = timeline(build_timelines([a, b]), "General Motors").events
    got = [(e.date, e.placed_by, e.after, e.event[:22]) for e in events]
    # 1998 (b) < 2010 (a); a's undated event follows 2010; b's has no dated event before it in
    # b, so it goes last. Ids are batch then article order: a's two, then b's two.
    assert got == [
        ("1998", "date", None, "General Motors bought "),
        ("2010", "date", None, "General Motors sold Sa"),
        (None, "article_order", "E1", "General Motors then cl"),
        (None, "article_order", None, "General Motors was res"),
    ]


def test_order_by_granularity_month_before_day_and_a_day_inside_its_week() -> None:
    events = [
        (
            "General Motors hired staff on March 4.",
            "on March 4",
            "2008-03-04",
            "day",
            ["General Motors"],
        ),
        (
            "General Motors cut prices in February.",
            "in February",
            "2008-02",
            "month",
            ["General Motors"],
        ),
        (
            "General Motors paused output last week.",
            "last week",
            "2008-W10",
            "week",
            ["General Motors"],
        ),
        (
            "General Motors raised wages on March 6.",
            "on March 6",
            "2008-03-06",
            "day",
            ["General Motors"],
        ),
    ]
    a = story_summary("a", "2008-03-10", [GM], events, anchor="published")
    got = [(e.date, e.placed_by) for e in build_timelines([a], min_articles=1).timelines[0].events]
    # 2008-W10 runs Monday 3 March to Sunday 9 March: it sorts at its Monday, before the 4th
    # and 6th, which are inside it; February comes first.
    assert got == [
        ("2008-02", "anchor"),
        ("2008-W10", "anchor"),
        ("2008-03-04", "anchor"),
        ("2008-03-06", "anchor"),
    ]


def test_actor_filter_by_any_name_and_a_miss_is_a_warning() -> None:
    a = story_summary(
        "a",
        "2008-03-01",
        [GM, ("Toyota", "organisation", [])],
        [
            (
                "General Motors and Toyota talked in 2007.",
                "in 2007",
                "2007",
                "year",
                ["General Motors", "Toyota"],
            )
        ],
    )
    story = build_timelines([a], actors=["GM", "Tesla"])
    assert [t.actor.name for t in story.timelines] == ["General Motors"]
    assert story.warnings == ["no actor named 'Tesla' in these results"]


def test_every_event_cites_a_sentence_that_slices_its_article() -> None:
    a = gm("a", "2008-03-01", "General Motors cut jobs in 2007.", "in 2007", "2007", "year")
    b = gm(
        "b", "2008-03-02", "Later, General Motors sold Hummer in 2009.", "in 2009", "2009", "year"
    )
    texts = {s.article.id: s.article.text for s in (a, b)}
    for event in build_timelines([a, b]).timelines[0].events:
        assert event.citations
        for c in event.citations:
            assert texts[c.article][c.start : c.end] == c.text


def test_results_file_error_records_and_foreign_lines_are_skipped_and_counted(
    tmp_path: Path,
) -> None:
    a = gm("x", "2008-03-01", "General Motors cut jobs in 2007.", "in 2007", "2007", "year")
    b = gm("y", "2008-03-02", "General Motors sold Hummer in 2009.", "in 2009", "2009", "year")
    path = write_jsonl(
        tmp_path / "results.jsonl",
        [
            ok_record("a1", a),
            error_record("a2"),
            "not json",
            ok_record("a3", b),
            ok_record("a1", b),
        ],
    )
    story = build_timelines(path)
    # Two summaries read (a1, a3); a2 is an error record, "not json" a foreign line; the second
    # a1 is a duplicate id, read once with a warning.
    assert (story.articles, story.skipped) == (2, 2)
    assert story.timelines[0].actor.articles == ["a1", "a3"]
    assert any("'a1' appears twice" in w for w in story.warnings)
    json.loads(story.model_dump_json())  # the whole output is JSON


def test_a_summary_json_file_reads_like_a_one_record_batch(tmp_path: Path) -> None:
    a = gm("x", "2008-03-01", "General Motors cut jobs in 2007.", "in 2007", "2007", "year")
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(as_data(a)), encoding="utf-8")
    story = build_timelines(path, min_articles=1)
    assert story.articles == 1 and story.timelines[0].events[0].date == "2007"


def test_an_article_telling_one_event_twice_is_one_event_cited_twice() -> None:
    a = story_summary(
        "a",
        "2006-01-27",
        [GM],
        [
            (
                "General Motors posts first annual loss in 2005.",
                "in 2005",
                "2005",
                "year",
                ["General Motors"],
            ),
            (
                "General Motors has posted its first annual loss in 2005, of $8.6 billion.",
                "in 2005",
                "2005",
                "year",
                ["General Motors"],
            ),
        ],
    )
    events = build_timelines([a], min_articles=1).timelines[0].events
    # Shared content words {first, annual, loss} of the smaller set {posts, first, annual,
    # loss}: 3/4 >= 0.5, same year: one event with both sentences cited.
    assert [len(e.citations) for e in events] == [1 + 1]


def test_two_dates_of_one_sentence_stay_two_events() -> None:
    sentence = "General Motors cut output in 2008 and cut output again in 2009."
    a = story_summary(
        "a", "2010-01-01", [GM], [(sentence, "in 2008", "2008", "year", ["General Motors"])]
    )
    second = story_summary(
        "b", "2010-01-01", [GM], [(sentence, "in 2009", "2009", "year", ["General Motors"])]
    )
    # Same sentence, same words, two dates: within one article they are two date mentions.
    merged = a.model_copy(update={"timeline": [*a.timeline, *second.timeline]})
    events = build_timelines([merged], min_articles=1).timelines[0].events
    assert [(e.date, e.conflicts) for e in events] == [("2008", []), ("2009", [])]
