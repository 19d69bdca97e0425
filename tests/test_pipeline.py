"""The assembled summary: every span slices the article, references resolve, dates resolved."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from summarizer.article import make_article
from summarizer.pipeline import summarize_article
from summarizer.prompts import load_prompts
from summarizer.schema import ArticleSummary
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, completion


@pytest.fixture
def result(seed_text: str, seed_draft: str) -> Iterator[ArticleSummary]:
    with FakeOpenAI() as fake:
        fake.enqueue(completion(seed_draft))
        settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
        yield summarize_article(make_article(seed_text, published="2025-03-17"), settings)


def test_every_span_slices_the_article(result: ArticleSummary) -> None:
    text = result.article.text
    spans = [(q.start, q.end, q.text) for q in result.quotes]
    spans += [(e.start, e.end, e.text) for p in result.positions for e in p.evidence]
    spans += [
        (ev.excerpt.start, ev.excerpt.end, ev.excerpt.text) for ev in result.timeline if ev.excerpt
    ]
    spans += [(ev.date.start, ev.date.end, ev.date.text) for ev in result.timeline if ev.date]
    assert len(spans) > 20
    for start, end, quoted in spans:
        assert text[start:end] == quoted


def test_quotes_are_the_articles_own_and_attributed(result: ArticleSummary) -> None:
    assert [q.number for q in result.quotes] == list(range(1, 14))
    names = {a.id: a.name for a in result.actors}
    assert names[result.quotes[0].speaker or ""] == "Donald Trump"
    assert names[result.quotes[9].speaker or ""] == "Alexander Grushko"
    assert result.quotes[8].text == "ironclad"


def test_tolerant_matches_point_at_original_text(result: ArticleSummary) -> None:
    cited = result.positions[0].evidence[0]
    assert cited.match == "quotation"  # the draft cites "Q2"
    assert cited.text == result.quotes[1].text
    assert "can’t" in cited.text
    kallas = result.positions[4].evidence[0]
    assert kallas.match == "ellipsis"
    assert kallas.text.startswith("Kaja Kallas, stated that the conditions that Russia has set")
    assert kallas.text.endswith("Moscow does not genuinely desire peace")


def test_references_resolve(result: ArticleSummary) -> None:
    ids = {a.id for a in result.actors}
    assert all(p.holder in ids for p in result.positions)
    assert all(q.speaker in ids for q in result.quotes if q.speaker)
    assert all(a in ids for e in result.timeline for a in e.actors)


def test_hallucinated_event_loses_excerpt_and_date(result: ArticleSummary) -> None:
    april = [e for e in result.timeline if e.event.startswith("Ceasefire talks")]
    assert len(april) == 1 and april[0].excerpt is None and april[0].date is None
    codes = {(w.code, w.path) for w in result.warnings}
    assert ("ungrounded_excerpt", "$.timeline[7].excerpt") in codes
    assert ("date_not_found", "$.timeline[7].date") in codes


def test_timeline_dates_resolved_and_sorted(result: ArticleSummary) -> None:
    # Values worked out by hand for publication on Monday 2025-03-17.
    by_text = {e.date.text: e.date.value for e in result.timeline if e.date}
    assert by_text["in 2014"] == "2014"
    values = [e.date.value for e in result.timeline if e.date and e.date.value]
    assert values[0] == "2014"
    undated = [i for i, e in enumerate(result.timeline) if not (e.date and e.date.value)]
    assert undated == list(range(len(result.timeline) - len(undated), len(result.timeline)))


def test_output_round_trips_through_the_schema(result: ArticleSummary) -> None:
    again = ArticleSummary.model_validate_json(result.model_dump_json())
    assert again == result
    data = json.loads(result.model_dump_json())
    assert data["provenance"]["prompt"] == {"name": "summarize", "version": load_prompts().version}
    assert data["provenance"]["schema_version"] == "1.0"
    assert data["provenance"]["server"].startswith("http://127.0.0.1:")


def summarize_draft(
    text: str, draft: dict[str, Any], published: str | None = None
) -> ArticleSummary:
    """The whole pipeline over real HTTP, with the fake model answering ``draft``."""
    with FakeOpenAI() as fake:
        fake.enqueue(completion(json.dumps(draft)))
        settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
        return summarize_article(make_article(text, published=published), settings)


def test_model_text_in_a_foreign_script_is_flagged(seed_text: str, seed_draft: str) -> None:
    # A drift seen from the 1.5B local model: "Vladimir普京" in an English article.
    draft = json.loads(seed_draft)
    draft["positions"][0]["stance"] = "Wants to speak with Vladimir普京 about the war."
    result = summarize_draft(seed_text, draft)
    flagged = [w for w in result.warnings if w.code == "foreign_script"]
    assert [w.path for w in flagged] == ["$.positions[0].stance"]
    assert "CJK" in flagged[0].message


def test_quoted_evidence_must_be_the_holders_own_words(seed_text: str, seed_draft: str) -> None:
    # The local model's habit: Trump's quotation [Q2] cited as evidence for every actor.
    draft = json.loads(seed_draft)
    draft["positions"][1]["evidence"] = ["Q2"]  # holder a5 (Waltz); Q2 is attributed to a1
    result = summarize_draft(seed_text, draft)
    flagged = [w for w in result.warnings if w.code == "evidence_speaker_mismatch"]
    assert [w.path for w in flagged] == ["$.positions[1].evidence[0]"]
    assert "attributed to a1" in flagged[0].message


def test_date_found_outside_its_excerpt_is_flagged(seed_text: str, seed_draft: str) -> None:
    # The local model's habit: "on Tuesday" attached to every event, whatever its excerpt says.
    draft = json.loads(seed_draft)
    draft["timeline"][6]["date_expression"] = (
        "on Tuesday"  # excerpt: "...Crimean peninsula in 2014"
    )
    result = summarize_draft(seed_text, draft, published="2025-03-17")
    flagged = [w for w in result.warnings if w.code == "date_outside_excerpt"]
    assert [w.path for w in flagged] == ["$.timeline[6].date"]
    crimea = next(e for e in result.timeline if e.event == "Russia annexed Crimea")
    assert crimea.date is not None and crimea.date.value == "2025-03-18"


def test_a_position_copied_for_another_holder_is_dropped(seed_text: str, seed_draft: str) -> None:
    draft = json.loads(seed_draft)
    copy = dict(draft["positions"][0], holder="a2")  # Putin "holds" Trump's stance, same evidence
    draft["positions"][1] = copy  # in place of Waltz's position (the draft allows 6)
    result = summarize_draft(seed_text, draft)
    assert [p.holder for p in result.positions][:2] == ["a1", "a6"]
    flagged = [w for w in result.warnings if w.code == "duplicate_position"]
    assert [w.path for w in flagged] == ["$.positions[1]"]
