"""Stances placed by rules for the bundled model (``stance_rules.py``), and topics that are not
the article's: an example copied from the instructions, or words the article never uses.

The article below is written for these tests; the fake server answers as the bundled model
would (topics only, no labels on units), reached as a server of kind ``bundled``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer.article import make_article
from summarizer.pipeline import summarize_article
from summarizer.schema import ArticleSummary
from summarizer.settings import Settings
from summarizer.stance_rules import TopicPlacer, declines_comment, stance_kind
from tests.fakes import FakeOpenAI, completion

TITLE = "Riverside council votes on bridge toll"
ARTICLE = f"""{TITLE}

Monday, May 5, 2025

The mayor, Anna Keller, said on Monday that the city would not build the new bridge without a toll.
Keller urged the council to approve the toll before the summer.
The transport union rejected the bridge toll and called for free crossings for commuters.
The union said the toll would cost a commuter 400 euros a year.
"""


def draft(topics: list[str]) -> dict[str, Any]:
    return {
        "summary": {
            "headline": "The mayor wants a toll on the new bridge",
            "abstract": "Anna Keller wants a toll on the new bridge. The union rejects it.",
            "key_points": ["The union rejected the bridge toll."],
        },
        "topics": topics,
        "quotes": {},
        "stances": {},
        "events": {},
        "undated": [],
    }


def summarize_small(topics: list[str], text: str = ARTICLE) -> ArticleSummary:
    """``text`` summarised as the bundled model would, naming ``topics``."""
    with FakeOpenAI() as fake:
        fake.enqueue(completion(json.dumps(draft(topics))))
        settings = Settings.resolve(
            env={}, base_url=fake.base_url, api_key="sk-test", server_kind="bundled"
        )
        return summarize_article(make_article(text, published="2025-05-05"), settings)


def holders(result: ArticleSummary) -> dict[str, list[tuple[str, str]]]:
    names = {a.id: a.name for a in result.actors}
    out: dict[str, list[tuple[str, str]]] = {}
    for p in result.positions:
        out.setdefault(names[p.holder], []).append((p.topic, p.stance_kind))
    return out


def test_every_holder_with_a_view_gets_a_position_under_the_articles_topics() -> None:
    result = summarize_small(["a toll on the new bridge", "free crossings for commuters"])
    got = holders(result)
    assert set(got) == {"Anna Keller", "transport union"} or {"Anna Keller"} <= set(got)
    assert ("a toll on the new bridge", "for") in got["Anna Keller"]
    assert not [w for w in result.warnings if w.code == "topic_from_title"]


def test_a_topic_id_written_into_its_label_is_not_the_topic() -> None:
    """The bundled model wrote "T1: Peace" (and sometimes the id alone); "T1" is no name of
    the article, so every topic had been dropped with its positions."""
    result = summarize_small(["T1: a toll on the new bridge", "[T2] free crossings for commuters"])
    assert [t.label for t in result.topics] == [
        "a toll on the new bridge",
        "free crossings for commuters",
    ]
    assert ("a toll on the new bridge", "for") in holders(result)["Anna Keller"]
    assert not [w for w in result.warnings if w.code in ("unsupported_claim", "topic_from_title")]


def test_copied_example_topics_are_dropped_and_the_views_go_under_the_title() -> None:
    result = summarize_small(["NATO membership for Ukraine", "a 30-day ceasefire"])
    codes = [w.code for w in result.warnings]
    assert codes.count("unsupported_claim") >= 2  # "Ukraine", "NATO": not in the article
    assert "topic_from_title" in codes
    assert [(t.id, t.label) for t in result.topics] == [("T3", TITLE)]
    assert result.positions and {p.topic_id for p in result.positions} == {"T3"}
    assert "Anna Keller" in holders(result)


def test_without_a_title_the_views_go_under_the_answers_first_topic() -> None:
    """A page whose first line is no headline has no title to fall back on: the views go
    under the answer's first checked topic, not nowhere."""
    untitled = ARTICLE.split("2025\n\n", 1)[1] + "Traffic on the old ferry doubled.\n"
    result = summarize_small(["the old ferry", "ferry traffic"], untitled)
    assert [(t.id, t.label) for t in result.topics] == [("T3", "the old ferry")]
    assert result.positions and {p.topic_id for p in result.positions} == {"T3"}
    assert "Anna Keller" in holders(result)
    warned = [w.message for w in result.warnings if w.code == "topic_from_title"]
    assert warned and "first topic" in warned[0]


def test_a_topic_sharing_no_word_with_the_article_is_dropped() -> None:
    result = summarize_small(["a toll on the new bridge", "wages of hospital nurses"])
    assert [t.label for t in result.topics] == ["a toll on the new bridge"]
    dropped = [w for w in result.warnings if w.code == "unsupported_claim"]
    assert any("wages of hospital nurses" in w.message for w in dropped)


def test_no_title_fallback_when_the_article_has_no_view() -> None:
    text = "Riverside bridge\n\nThe bridge opened in 1990. It is 300 metres long.\n"
    result = summarize_small(["peacekeepers in Ukraine"], text)
    assert result.topics == [] and result.positions == []


def test_units_before_the_first_placed_one_take_its_topic() -> None:
    placer = TopicPlacer(
        ["a toll on the bridge", "free crossings"],
        ["The mayor spoke on Monday.", "A toll on the bridge.", "Free crossings for all."],
    )
    placed = placer.place_all(
        ["She spoke on Monday.", "She wants a toll on the bridge.", "He agreed.", "Free crossings"]
    )
    assert placed == [0, 0, 0, 1]
    assert placer.place_all(["Nothing in common here."]) == [None]


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("the union rejected the toll", "against"),
        ("we will accept it only if the price falls", "conditional"),
        ("we will discuss the price", "undecided"),
        ("the mayor urged the council to approve it", "for"),
        ("the bridge is 300 metres long", "describes"),
        # "against" as a stance, not as a preposition
        ("the union voted against the toll", "against"),
        ("the wall will protect the town against floods", "describes"),
        # "excluding" means "except"; "exclude" refuses
        ("allies, excluding the US, are preparing plans", "describes"),
        ("the treaty would exclude Ukraine", "against"),
        # a demand with undoing words
        ("the union urged the council to drop the toll", "against"),
        ("the union insisted that the council build the bridge", "for"),
        # talks held are an event, "will discuss" leaves it open
        ("the envoy held discussions in Moscow", "describes"),
        # "if" after a verb of asking or finding out asks a question, it sets no condition
        ("we aim to see if we can bring that war to a conclusion", "for"),
        ("reporters asked if the toll would rise", "describes"),
        ("the union will back it if the price falls", "conditional"),
        # a condition is on the holder's own acceptance; a bare "if" clause warns or explains
        (
            "if they are deployed there, it indicates that they are involved in the conflict",
            "describes",
        ),
        (
            "the group said it would welcome aid groups, provided they had no hidden agenda",
            "conditional",
        ),
        ("the government provided aid to the region", "describes"),
        # judging it harmful or wrong, or backing it
        ("the ministry disputed the US assessment of the targets", "against"),
        ("the agency is very concerned about the spread of the violence", "against"),
        ("Indonesia calls on Australia to recognise the State of Palestine", "for"),
        ("the minister promised to fund more prison guards", "for"),
        ("we look forward to moving our embassy", "for"),
        # its own course of action
        ("WHO officials say their goal is to expand immunization coverage", "for"),
        ("Malaysia will continue to work closely with all partners", "for"),
    ],
)
def test_cue_words_give_the_kind(words: str, kind: str) -> None:
    assert stance_kind(words) == kind


def test_a_model_topic_that_is_the_title_is_the_models_own() -> None:
    result = summarize_small([TITLE, "NATO membership for Ukraine"])
    assert [(t.id, t.label) for t in result.topics] == [("T1", TITLE)]
    assert "topic_from_title" not in [w.code for w in result.warnings]
    assert {p.topic_id for p in result.positions} == {"T1"}


@pytest.mark.parametrize(
    ("words", "declines"),
    [
        ("Peskov refrained from commenting on the statements regarding land", True),
        ("a spokesperson declined to comment on the case", True),
        ("the minister would not immediately comment", True),
        ("the mayor did not hesitate to comment on the toll", False),
        ("he commented that the toll was too high", False),
        ("she refused to accept the toll", False),
    ],
)
def test_declining_to_comment(words: str, declines: bool) -> None:
    assert declines_comment(words) is declines


def test_the_headline_is_nobodys_view() -> None:
    article = (
        "Mayor Anna Keller rejects bridge toll\n\nMonday, May 5, 2025\n\n"
        "The mayor, Anna Keller, said on Monday that the toll was unfair.\n"
        "Keller urged the council to drop the toll before the summer.\n"
    )
    result = summarize_small(["the bridge toll"], article)
    evidence = [e.text for p in result.positions for e in p.evidence]
    assert evidence  # Keller's two sentences
    assert "Mayor Anna Keller rejects bridge toll" not in evidence
    assert all(
        e.start > len("Mayor Anna Keller rejects bridge toll")
        for p in result.positions
        for e in p.evidence
    )


def test_topics_sharing_no_word_with_any_view_leave_the_views_under_the_title() -> None:
    title = "Shares fall sharply in Tokyo"
    text = (
        f"{title}\n\nShares fell sharply in Tokyo on Monday.\n"
        "The analyst Jane Roe said that traders had panicked.\n"
        "Roe added that computers had taken over the trading floors.\n"
    )
    result = summarize_small(["falling shares in Tokyo"], text)
    warned = [w.message for w in result.warnings if w.code == "topic_from_title"]
    assert warned and "shares a word with the views" in warned[0]
    assert [t.label for t in result.topics] == [title]
    assert "Jane Roe" in holders(result)
