"""Free text the model writes is checked against the article: names, numbers, dates, markers.

The hostile server below answers a schema-valid draft that invents a claim in every free-text
field; none of the invented words may reach the summary, and each is warned with the words
that failed.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.article import make_article
from summarizer.claims import ArticleFacts
from summarizer.draft import KEY_POINT_LENGTH, hit_bound
from summarizer.index import index_article
from tests.test_pipeline import summarize_draft

INVENTED = ("Merkel", "2031", "47,000", "Brazil", "Lisbon", "[Q7]", "Zurich")


def facts(seed_text: str) -> ArticleFacts:
    return ArticleFacts(index_article(make_article(seed_text, published="2025-03-17")))


def test_names_numbers_and_dates_must_occur_in_the_article(seed_text: str) -> None:
    f = facts(seed_text)
    assert f.unsupported("Trump will speak with Putin about a 30-day ceasefire") == []
    assert f.unsupported("Ukrainian forces left Kursk") == []  # "Ukrainian" is written
    assert f.unsupported("Russia annexed Crimea in 2014") == []
    assert f.unsupported("Angela Merkel met Putin") == ["Angela", "Merkel"]
    assert f.unsupported("Russia lost 47,000 soldiers") == ["47,000"]
    assert f.unsupported("Trump spoke on 18 March 2025") == []  # "on Tuesday", resolved
    assert f.unsupported("Trump spoke on 19 March 2025") == ["on 19 March 2025"]
    assert f.unsupported("Putin resigned today") == ["today"]  # no mention dates the 17th
    assert f.unsupported("It will require a mixture of public and private[") == ["["]
    assert f.unsupported("One key challenge will be to [Q7]") == ["[Q7]"]


def test_a_hostile_server_inventing_in_every_field_is_caught(
    seed_text: str, seed_draft: str
) -> None:
    draft = json.loads(seed_draft)
    draft["summary"] = {
        "headline": "Angela Merkel resigned on 12 May 2031",
        "abstract": "Trump will speak with Putin on Tuesday. Brazil sent 47,000 troops to Lisbon.",
        "key_points": [
            "Ukraine accepted a US proposal for a 30-day ceasefire the previous week.",
            "Merkel backs the ceasefire",
            "A summit in Zurich is planned for 2031",
            "Russia lost 47,000 soldiers [Q7]",
        ],
    }
    draft["topics"][1] = "Zurich talks on land"
    draft["stances"]["S2 Donald Trump"] = {
        "topic": "T1",
        "kind": "for",
        "view": "wants Merkel to mediate in Lisbon",
    }
    draft["events"]["D2"] = {"event": "Brazil joins talks", "status": "scheduled"}
    result = summarize_draft(seed_text, draft)
    out = result.model_dump_json(exclude={"article", "warnings"})
    for word in INVENTED:
        assert word not in out, word
    warned = [w for w in result.warnings if w.code == "unsupported_claim"]
    paths = {w.path for w in warned}
    assert {
        "$.summary.headline",
        "$.summary.abstract",
        "$.summary.key_points[1]",
        "$.summary.key_points[2]",
        "$.summary.key_points[3]",
        "$.topics[1]",
        "$.stances.S2.view",
        "$.events.D2.event",
    } <= paths
    assert any("Merkel" in w.message and "2031" in w.message for w in warned)
    # What holds stays: the true sentence of the abstract, the true key point.
    assert result.summary.headline is None
    assert result.summary.abstract == "Trump will speak with Putin on Tuesday."
    assert [k.text for k in result.summary.key_points][:1] == [
        "Ukraine accepted a US proposal for a 30-day ceasefire the previous week."
    ]
    # Positions on the dropped topic went with it; Trump's view is his own words.
    assert "T2" not in {p.topic_id for p in result.positions}
    trump = next(p for p in result.positions if p.topic_id == "T1" and p.evidence[0].start < 320)
    assert trump.view_from == "holder"


def test_a_headline_that_restates_the_title_is_left_out(seed_text: str, seed_draft: str) -> None:
    draft = json.loads(seed_draft)
    draft["summary"]["headline"] = "Trump announces planned discussion with Putin on Ukraine"
    result = summarize_draft(seed_text, draft)
    assert result.summary.headline is None
    assert "headline_copies_title" in {w.code for w in result.warnings}
    draft["summary"]["headline"] = "Ukraine accepted a 30-day ceasefire; Russia wants guarantees"
    assert summarize_draft(seed_text, draft).summary.headline is not None


def test_key_points_cite_the_sentences_they_rest_on(seed_text: str, seed_draft: str) -> None:
    result = summarize_draft(seed_text, seed_draft)
    text = result.article.text
    for point in result.summary.key_points:
        assert point.evidence
        for span in point.evidence:
            assert text[span.start : span.end] == span.text
    peace = next(k for k in result.summary.key_points if "peacekeepers" in k.text)
    assert any("Britain and France" in e.text for e in peace.evidence)


def test_a_key_point_the_article_does_not_support_is_dropped(
    seed_text: str, seed_draft: str
) -> None:
    draft = json.loads(seed_draft)
    draft["summary"]["key_points"].append("the weather stayed mild throughout")
    result = summarize_draft(seed_text, draft)
    assert "unsupported_key_point" in {w.code for w in result.warnings}
    assert not any("weather" in k.text for k in result.summary.key_points)


# 145 characters, each word from the seed, ending on a word no phrase ends on: a grammar bound
# of 150 closed it a word short.
_NEAR_BOUND = (
    "Britain and France have expressed their willingness to send a peacekeeping force to "
    "oversee any ceasefire in Ukraine, with defence chiefs and the"
)


def test_a_key_point_stopped_within_a_token_of_its_bound_is_not_shown(
    seed_text: str, seed_draft: str
) -> None:
    assert len(_NEAR_BOUND) > KEY_POINT_LENGTH - 16
    draft = json.loads(seed_draft)
    draft["summary"]["key_points"][-1] = _NEAR_BOUND
    result = summarize_draft(seed_text, draft)
    assert ("text_cut", "$.summary.key_points[4]") in {(w.code, w.path) for w in result.warnings}
    assert not any("defence chiefs" in k.text for k in result.summary.key_points)
    # The same length ending on a noun may be whole: it is shown.
    draft["summary"]["key_points"][-1] = _NEAR_BOUND.removesuffix(" and the") + " next week"
    kept = summarize_draft(seed_text, draft).summary.key_points
    assert any(k.text.endswith("defence chiefs next week") for k in kept)


def test_an_event_phrase_that_hits_its_bound_is_not_shown(seed_text: str, seed_draft: str) -> None:
    draft = json.loads(seed_draft)
    dated = next(k for k, e in draft["events"].items() if e)
    draft["events"][dated]["event"] = "Trump and Putin talk about the ceasefire in Ukraine " * 4
    result = summarize_draft(seed_text, draft)
    assert ("text_cut", f"$.events.{dated}.event") in {(w.code, w.path) for w in result.warnings}
    assert not any(e.event.count("Trump and Putin") > 1 for e in result.timeline)
    assert result.timeline  # the other events stay


def test_a_string_is_cut_when_it_fills_its_bound_or_stops_short_of_it_mid_phrase() -> None:
    assert hit_bound("x" * 149, 150)  # filled (a bound counts the closing mark's room too)
    assert hit_bound("a sentence that stops" + " mid" * 29 + " on the", 150)
    assert not hit_bound("a sentence that ends" + " here" * 24 + ".", 150)
    assert not hit_bound("a point near its bound that ends on a noun" + " word" * 20, 150)
    assert not hit_bound("a short point that ends on the", 150)
    assert hit_bound(("a finished one. " * 10).strip(), 150)  # at the bound, finished or not


def test_a_model_view_repeated_under_another_holder_is_flagged(
    seed_text: str, seed_draft: str
) -> None:
    draft = json.loads(seed_draft)
    # T3: a topic on which Russia has no earlier unit than S24 ("the Kremlin" of Q5 is Russia)
    for key in ("S26 Kaja Kallas", "S24 Russia"):
        draft["stances"][key] = {"topic": "T3", "kind": "describes", "view": "no real peace"}
    result = summarize_draft(seed_text, draft)
    flagged = [w for w in result.warnings if w.code == "duplicate_position"]
    assert [w.path for w in flagged] == ["$.stances.S26"]
    assert sum(p.stance == "no real peace" for p in result.positions) == 1


def test_a_model_view_that_hits_its_bound_is_not_shown(seed_text: str, seed_draft: str) -> None:
    draft = json.loads(seed_draft)
    draft["stances"]["S29 Russia"]["view"] = "rejects peacekeepers " * 10  # 210 characters
    result = summarize_draft(seed_text, draft)
    assert ("text_cut", "$.stances.S29.view") in {(w.code, w.path) for w in result.warnings}
    who = {a.name: a.id for a in result.actors}
    russia = next(p for p in result.positions if (p.holder, p.topic_id) == (who["Russia"], "T4"))
    assert russia.view_from == "holder"
    assert "dismissed the idea of peacekeepers" in russia.stance


_VIEW = st.text(
    alphabet=st.sampled_from(list("abc Trump Putin [Q7] [S3 D2] 30 land ,.")), max_size=260
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(views=st.lists(_VIEW, min_size=3, max_size=3))
def test_no_view_ever_carries_a_marker_or_ends_inside_a_word(
    seed_text: str, seed_draft: str, views: list[str]
) -> None:
    draft = json.loads(seed_draft)
    for key, view in zip(
        ("S2 Donald Trump", "S29 Russia", "Q12 Alexander Grushko"), views, strict=True
    ):
        draft["stances"][key]["view"] = view
    result = summarize_draft(seed_text, draft)
    text = result.article.text
    for p in result.positions:
        assert not re.search(r"\[\s*[SQDAT]\d+|\[$", p.stance), p.stance
        if p.view_from == "holder":
            bare = p.stance.rstrip("…")
            at = text.find(bare)
            assert at >= 0
            nxt = text[at + len(bare) : at + len(bare) + 1]
            assert not (nxt.isalnum() and bare[-1].isalnum())
        else:
            assert len(p.stance) < 200
