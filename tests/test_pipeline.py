"""The assembled summary: units cited by id become the article's own spans and values.

The draft in ``tests/data/seed_draft.json`` is hand-written (prompt version 6's shape): what a
model might answer for the seed, including the habits the checks exist for.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from summarizer.article import make_article
from summarizer.pipeline import summarize_article
from summarizer.prompts import load_prompts
from summarizer.schema import SCHEMA_VERSION, ArticleSummary
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, completion


def summarize_draft(
    text: str, draft: dict[str, Any] | str, published: str | None = "2025-03-17"
) -> ArticleSummary:
    """The whole pipeline over real HTTP, with the fake model answering ``draft``."""
    answer = draft if isinstance(draft, str) else json.dumps(draft)
    with FakeOpenAI() as fake:
        fake.enqueue(completion(answer))
        settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
        return summarize_article(make_article(text, published=published), settings)


@pytest.fixture
def result(seed_text: str, seed_draft: str) -> Iterator[ArticleSummary]:
    yield summarize_draft(seed_text, seed_draft)


def ids(result: ArticleSummary) -> dict[str, str]:
    return {a.name: a.id for a in result.actors}


def test_every_span_slices_the_article(result: ArticleSummary) -> None:
    text = result.article.text
    spans = [(q.start, q.end, q.text) for q in result.quotes]
    spans += [(e.start, e.end, e.text) for p in result.positions for e in p.evidence]
    spans += [
        (e.excerpt.start, e.excerpt.end, e.excerpt.text) for e in result.timeline if e.excerpt
    ]
    spans += [(e.date.start, e.date.end, e.date.text) for e in result.timeline if e.date]
    assert len(spans) > 30
    for start, end, quoted in spans:
        assert text[start:end] == quoted


def test_actors_come_from_the_index_with_titles_apart(result: ArticleSummary) -> None:
    people = {a.name: a.role for a in result.actors if a.kind == "person"}
    assert people["Donald Trump"] == "US President"
    assert people["Dmitry Peskov"] == "Kremlin spokesman"
    assert {"Kaja Kallas", "Keir Starmer", "Marco Rubio", "Volodymyr Zelensky"} <= set(people)


def test_a_strong_rule_outweighs_the_model_and_the_disagreement_is_kept(
    result: ArticleSummary,
) -> None:
    who = ids(result)
    # “cautious optimism”: "the Kremlin revealed ... expressing": the Kremlin is Russia's name
    q5 = result.quotes[4]
    assert (q5.speaker, q5.decided_by) == (who["Russia"], "rule")
    assert (q5.rule_speaker, q5.model_speaker) == (who["Russia"], who["Vladimir Putin"])
    q10 = result.quotes[9]  # "Izvestia quoted Mr. Grushko as saying": the model said Izvestia
    assert (q10.speaker, q10.decided_by) == (who["Alexander Grushko"], "rule")
    assert q10.model_speaker == who["Izvestia"]
    q1 = result.quotes[0]
    assert (q1.speaker, q1.decided_by) == (who["Donald Trump"], "both")


def test_a_pronoun_in_the_quotations_sentence_outweighs_the_model(
    result: ArticleSummary,
) -> None:
    # “endless warfare”, cued by "he added" (Waltz, as annotated): the model says scare quote
    q8 = result.quotes[7]
    assert (q8.kind, q8.speaker, q8.decided_by) == ("speech", ids(result)["Mike Waltz"], "rule")
    assert q8.model_speaker is None


def test_the_rules_continuation_stands_where_the_model_names_nobody(
    result: ArticleSummary,
) -> None:
    q13 = result.quotes[12]  # the model left it open: the rule's continuation stands
    assert (q13.speaker, q13.decided_by) == (ids(result)["Alexander Grushko"], "rule")


def test_positions_group_a_holders_units_by_topic(result: ArticleSummary) -> None:
    who = ids(result)
    trump = [p for p in result.positions if p.holder == who["Donald Trump"]]
    # S2, Q1, Q2 and S6 are labelled T1 (Q3 null), Q4 T2: two positions, one per topic.
    assert [(p.topic_id, len(p.evidence)) for p in trump] == [("T1", 4), ("T2", 1)]
    assert [e.match for e in trump[0].evidence] == [
        "sentence",
        "quotation",
        "quotation",
        "sentence",
    ]
    assert trump[0].topic == "a 30-day ceasefire" and trump[0].stance_kind == "for"
    assert trump[0].attribution == "direct_quote"
    assert trump[1].stance_kind == "undecided"
    zelensky = [p for p in result.positions if p.holder == who["Volodymyr Zelensky"]]
    assert [(p.topic_id, p.stance_kind) for p in zelensky] == [("T1", "for"), ("T2", "against")]
    assert zelensky[0].evidence[0].match == "sentence" and zelensky[0].attribution == "reported"


def test_a_quotations_position_is_held_by_its_decided_speaker(result: ArticleSummary) -> None:
    who = ids(result)
    # Q10: the model named Izvestia, the rule Grushko, and the rule decides: Grushko holds it.
    grushko = [p for p in result.positions if p.holder == who["Alexander Grushko"]]
    assert {p.topic_id for p in grushko} == {"T3", "T4"}
    assert any(e.text.startswith("We will demand") for p in grushko for e in p.evidence)
    assert who["Izvestia"] not in {p.holder for p in result.positions}


def test_views_are_the_holders_own_words_never_cut(result: ArticleSummary) -> None:
    text = result.article.text
    for p in result.positions:
        assert p.view_from == "holder"
        bare = p.stance.rstrip("…")
        at = text.find(bare)
        assert at >= 0, p.stance  # a stretch of the article
        after = text[at + len(bare) : at + len(bare) + 1]
        assert not (after.isalnum() and bare[-1].isalnum()), p.stance
    russia = [p for p in result.positions if p.holder == ids(result)["Russia"]]
    peacekeepers = next(p for p in russia if p.topic_id == "T4")
    assert (
        peacekeepers.stance
        == "has dismissed the idea of peacekeepers until the conclusion of the war"
    )


def test_one_sentence_may_give_two_holders_the_same_view(result: ArticleSummary) -> None:
    who = ids(result)
    both = [p for p in result.positions if p.holder in (who["Britain"], who["France"])]
    assert len(both) == 2 and both[0].stance == both[1].stance
    assert both[0].evidence == both[1].evidence
    assert not [w for w in result.warnings if w.code == "duplicate_position"]


def test_topics_are_the_drafts_with_ids(result: ArticleSummary) -> None:
    assert [t.id for t in result.topics] == ["T1", "T2", "T3", "T4", "T5", "T6"]
    assert len({p.topic_id for p in result.positions}) == 6


def test_timeline_dates_are_the_tagged_mentions(result: ArticleSummary) -> None:
    # Values worked out by hand for publication on Monday 2025-03-17.
    by_text = {e.date.text: e.date.value for e in result.timeline if e.date}
    assert by_text["in 2014"] == "2014"
    assert by_text["the previous week"] == "2025-W11"
    assert by_text["On Friday"] == "2025-03-14"
    assert by_text["on Tuesday"] == "2025-03-18"
    values = [e.date.value for e in result.timeline if e.date]
    assert values[:2] == ["2014", "2022"]
    for e in result.timeline:  # the date lies in the event's own excerpt, by construction
        assert e.excerpt is not None
        if e.date:
            assert e.excerpt.start <= e.date.start < e.date.end <= e.excerpt.end
    undated = [e for e in result.timeline if e.date is None]
    assert [e.event for e in undated] == ["Britain and France offer peacekeepers"]


def test_event_actors_are_those_its_sentence_names(result: ArticleSummary) -> None:
    who = ids(result)
    tuesday = next(e for e in result.timeline if e.date and e.date.text == "on Tuesday")
    assert tuesday.actors[:2] == [who["Donald Trump"], who["Vladimir Putin"]]


def test_repeated_event_words_and_key_points_are_dropped(result: ArticleSummary) -> None:
    codes = [(w.code, w.path) for w in result.warnings]
    assert ("duplicate_event", "$.events.D17") in codes
    assert ("duplicate_key_point", "$.summary.key_points[0]") in codes
    assert result.summary.key_points[0].text.startswith("Ukraine accepted")


def test_references_resolve(result: ArticleSummary) -> None:
    known = {a.id for a in result.actors}
    assert all(p.holder in known for p in result.positions)
    assert all(q.speaker in known for q in result.quotes if q.speaker)
    assert all(a in known for e in result.timeline for a in e.actors)


def test_output_round_trips_through_the_schema(result: ArticleSummary) -> None:
    again = ArticleSummary.model_validate_json(result.model_dump_json())
    assert again == result
    data = json.loads(result.model_dump_json())
    assert data["provenance"]["prompt"] == {"name": "summarize", "version": load_prompts().version}
    assert data["provenance"]["schema_version"] == SCHEMA_VERSION == "1.3"
    assert data["provenance"]["server"].startswith("http://127.0.0.1:")


def test_model_text_in_a_foreign_script_is_flagged(seed_text: str, seed_draft: str) -> None:
    # A drift seen from the 1.5B local model: "Vladimir普京" in an English article.
    draft = json.loads(seed_draft)
    draft["summary"]["abstract"] = "Trump will discuss land with Vladimir普京."
    result = summarize_draft(seed_text, draft)
    flagged = [w for w in result.warnings if w.code == "foreign_script"]
    assert [w.path for w in flagged] == ["$.summary.abstract"]
    assert "CJK" in flagged[0].message


def test_a_quotation_left_without_speaker_holds_no_position(
    seed_text: str, seed_draft: str
) -> None:
    # Q13 only continues Grushko's paragraph: the model's "scare_quote" decides.
    draft = json.loads(seed_draft)
    draft["quotes"]["Q13"] = "scare_quote"
    draft["stances"]["Q13 Alexander Grushko"] = {"topic": "T2", "kind": "against"}
    result = summarize_draft(seed_text, draft)
    assert ("unheld_view", "$.stances.Q13") in {(w.code, w.path) for w in result.warnings}
    q13 = result.quotes[12]
    assert not any(e.start == q13.start for p in result.positions for e in p.evidence)


def reasked(text: str, bad: dict[str, Any], good: str) -> tuple[ArticleSummary, str]:
    """The summary after the fake answered ``bad`` and then ``good``, and the re-ask sent."""
    with FakeOpenAI() as fake:
        fake.enqueue(completion(json.dumps(bad)), completion(good))
        settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
        result = summarize_article(make_article(text, published="2025-03-17"), settings)
        return result, fake.requests[1]["messages"][-1]["content"]


def test_a_topic_id_beyond_the_answers_topics_is_reasked(seed_text: str, seed_draft: str) -> None:
    bad = json.loads(seed_draft)
    bad["stances"]["S2 Donald Trump"] = {"topic": "T7", "kind": "for"}  # six topics named
    result, reask = reasked(seed_text, bad, seed_draft)
    assert result.provenance.attempts == 2
    assert "'T7' is not one of this answer's 6 topics" in reask


def test_a_stance_kind_outside_the_enum_is_refused(seed_text: str, seed_draft: str) -> None:
    bad = json.loads(seed_draft)
    bad["stances"]["S2 Donald Trump"] = {"topic": "T1", "kind": "supports"}  # the old kinds
    result, reask = reasked(seed_text, bad, seed_draft)
    assert result.provenance.attempts == 2
    assert "stances.S2 Donald Trump.kind: Input should be 'for'" in reask


def test_a_draft_citing_an_unknown_id_is_reasked(seed_text: str, seed_draft: str) -> None:
    bad = json.loads(seed_draft)
    bad["quotes"]["Q1"] = "A99"  # an actor this article does not have
    bad["events"]["D99"] = {"event": "made up", "status": "past"}
    result, reask = reasked(seed_text, bad, seed_draft)
    assert result.provenance.attempts == 2
    assert "'A99' is not an actor id" in reask
    assert "'D99' is not one of this article's ids" in reask
    assert result.provenance.attempt_log[0].errors
