"""Topics read off the words the view units share (``topic_terms.py``), for the bundled model,
and the kinds read off the clause that names each topic.

The article is written for these tests. The fake server answers as the bundled model would:
story-level topic names ("Riverside council") and no labels on units.
"""

from __future__ import annotations

import json

from summarizer.article import make_article
from summarizer.index import index_article
from summarizer.pipeline import summarize_article
from summarizer.schema import ArticleSummary
from summarizer.settings import Settings
from summarizer.topic_terms import TopicTerm, find_topics, head_clause, named_topics, topic_kind
from tests.fakes import FakeOpenAI, completion

ARTICLE = """Riverside council splits over bridge toll and tram line

Monday, May 5, 2025

The mayor of Riverside, Anna Keller, said on Monday that the city would not build the new bridge without a toll.
The bridge would replace a crossing built in 1962.
Engineers closed the old crossing to lorries last year.
The Riverside Transport Union has demanded that the council drop the toll, that it extend the tram line to the harbour, and that parking fees be frozen.
Union leader Tom Berg said the toll would cost a commuter 400 euros a year.
About 30,000 people cross the river every day.
Councillor Maria Lind said she would vote for the tram line if the regional government paid half of it.
Lind rejected any rise in parking fees.
The harbour district has grown by a third since 2015.
Keller will present the budget to the council on Thursday.
"""  # noqa: E501


def summarize_as_bundled(
    text: str, published: str, topics: list[str], point: str
) -> ArticleSummary:
    """``text`` summarised with the fake server answering as the bundled model: story-level
    topic names and no labels on units."""
    draft = {
        "summary": {"headline": point, "abstract": point, "key_points": [point]},
        "topics": topics,
        "quotes": {},
        "stances": {},
        "events": {},
        "undated": [],
    }
    with FakeOpenAI() as fake:
        fake.enqueue(completion(json.dumps(draft)))
        settings = Settings.resolve(
            env={}, base_url=fake.base_url, api_key="sk-test", server_kind="bundled"
        )
        return summarize_article(make_article(text, published=published), settings)


def summarize_small() -> ArticleSummary:
    topics = ["Riverside council", "the new bridge", "Riverside"]
    return summarize_as_bundled(
        ARTICLE, "2025-05-05", topics, "Maria Lind rejected any rise in parking fees."
    )


def test_the_topics_are_what_two_views_talk_about_not_the_models_story_names() -> None:
    result = summarize_small()
    assert [t.label for t in result.topics] == ["toll", "tram line", "parking fees"]
    for topic in result.topics:
        assert topic.label in ARTICLE


def test_one_sentence_demanding_three_things_gives_a_position_on_each() -> None:
    result = summarize_small()
    names = {a.id: a.name for a in result.actors}
    got = {(names[p.holder], p.topic): p for p in result.positions}
    union = {topic for holder, topic in got if holder == "Riverside Transport Union"}
    assert union == {"toll", "tram line", "parking fees"}
    # "demanded that the council drop the toll": against the toll; "that it extend the tram
    # line": the clause has no cue, the demand governs it.
    assert got["Riverside Transport Union", "toll"].stance_kind == "against"
    assert got["Riverside Transport Union", "tram line"].stance_kind == "for"
    sentence = "The Riverside Transport Union has demanded that the council drop the toll"
    for topic in union:
        [evidence] = got["Riverside Transport Union", topic].evidence
        assert evidence.text.startswith(sentence)
        assert ARTICLE[evidence.start : evidence.end] == evidence.text


def test_kinds_are_read_off_the_clause_that_names_the_topic() -> None:
    result = summarize_small()
    names = {a.id: a.name for a in result.actors}
    kinds = {(names[p.holder], p.topic): p.stance_kind for p in result.positions}
    assert kinds["Maria Lind", "tram line"] == "conditional"  # "… if the government paid"
    assert kinds["Maria Lind", "parking fees"] == "against"  # "rejected any rise"
    assert kinds["Tom Berg", "toll"] == "describes"  # what it would cost


def views(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return list(pairs)


SENTENCES = [
    "Ana Ruiz said a ceasefire must come first.",
    "Ruiz also said the blockade would end.",
    "Bo Li said any ceasefire needs monitors.",
    "Li said peacekeepers were not enough.",
    "The talks opened in Geneva.",
    "Li was flown in on Air Force One.",
    "Ruiz flew to Geneva on Air Force One.",
    "Delegates ate lunch.",
    "Delegates went home.",
    "Monitors arrived.",
]


def test_a_topic_needs_two_views_and_a_noun_use_and_is_nobodys_name() -> None:
    found = find_topics(
        views(
            (SENTENCES[0], "A1"),
            (SENTENCES[1], "A1"),
            (SENTENCES[2], "A2"),
            (SENTENCES[3], "A2"),
            (SENTENCES[5], "A2"),
            (SENTENCES[6], "A1"),
        ),
        SENTENCES,
        ["Ana Ruiz", "Bo Li"],
    )
    # "ceasefire": two holders, after "a"/"any"; "Force" is part of a name; "Geneva",
    # "blockade", "monitors", "peacekeepers" are in one view each.
    assert found == [TopicTerm(stem="ceasefi", label="ceasefire")]


def test_a_word_in_most_sentences_is_the_story_not_a_topic() -> None:
    sentences = [f"Ruiz said the strike at plant {i} went on." for i in range(5)]
    found = find_topics([(s, "A1") for s in sentences], sentences, ["Ruiz"])
    assert found == []


def test_a_word_after_to_is_a_verb_there() -> None:
    sentences = [
        "Ruiz said the council must act to force a vote.",
        "Li said they will force the issue.",
        "The force was deployed.",
        "Nothing else happened.",
        "Rain fell.",
    ]
    found = find_topics([(sentences[0], "A1"), (sentences[1], "A2")], sentences, ["Ruiz", "Li"])
    assert "force" not in {t.stem for t in found}


def test_each_clause_is_about_the_first_topic_it_names() -> None:
    terms = [TopicTerm("peaceke", "peacekeeping force"), TopicTerm("ceasefi", "ceasefire")]
    text = "France offered to send a peacekeeping force to oversee any ceasefire."
    assert [i for i, _ in named_topics(text, terms)] == [0]
    text = "Russia demanded that Kyiv accept a ceasefire, and that no peacekeepers come."
    assert [(i, c.strip(" ,")) for i, c in named_topics(text, terms)] == [
        (1, "Russia demanded that Kyiv accept a ceasefire"),
        (0, "and that no peacekeepers come."),
    ]


def test_the_head_clause_holds_the_governing_verb() -> None:
    text = "Moscow has insisted that Ukraine abandon its NATO aspirations, that Russia keep land."
    assert head_clause(text) == "Moscow has insisted"


FERRY = """Council splits over ferry fares

Tuesday, May 6, 2025

Mayor Anna Keller said the ferry fares must fall and a new tunnel must be built.
Union leader Tom Berg said ferry fares were too high.
Keller said the bridge would close in June.
Lind said the bridge was safe.
Councillor Maria Lind said she would not comment on the tunnel.
Engineer Paul Ost said the tunnel would take six years to build.
Ost argued that residents needed protection against higher parking fees.
When asked whether the tunnel would raise ferry fares, Berg replied: "Parking fees pay for everything here."
Rain fell on the harbour.
Boats left at noon.
"""  # noqa: E501


def summarize_ferry() -> tuple[ArticleSummary, dict[str, str]]:
    topics = ["the council", "the harbour", "Council"]
    point = "Tom Berg said ferry fares were too high."
    result = summarize_as_bundled(FERRY, "2025-05-06", topics, point)
    return result, {a.id: a.name for a in result.actors}


def test_declining_to_comment_is_no_stance_on_what_it_names() -> None:
    result, names = summarize_ferry()
    refusal = "Councillor Maria Lind said she would not comment on the tunnel."
    # The sentence is one of Lind's view units (a speaker cue) ...
    index = index_article(make_article(FERRY, published="2025-05-06"))
    sentence = next(s for s in index.sentences if s.text == refusal)
    assert any(c.target == sentence.id for c in index.speakers)
    # ... but no position rests on it: she took no stance on the tunnel.
    lind = [p for p in result.positions if names[p.holder].endswith("Lind")]
    assert [p.topic for p in lind] == ["bridge"]
    assert all(e.text != refusal for p in result.positions for e in p.evidence)


def test_a_quotation_is_about_what_its_own_words_name_not_the_question_put() -> None:
    result, names = summarize_ferry()
    quoted = [
        p
        for p in result.positions
        if any(e.text == "Parking fees pay for everything here." for e in p.evidence)
    ]
    # The question ("whether the tunnel would raise ferry fares") is the reporter's: the
    # quotation is about parking fees, and states a fact ("whether" is not Berg's doubt).
    assert [(names[p.holder], p.topic, p.stance_kind) for p in quoted] == [
        ("Tom Berg", "fees", "describes")
    ]


def test_a_topic_a_clause_sets_itself_against_is_opposed() -> None:
    result, names = summarize_ferry()
    kinds = {(names[p.holder], p.topic): p.stance_kind for p in result.positions}
    # "needed protection against higher parking fees": no refusal word, against the fees.
    assert kinds["Paul Ost", "fees"] == "against"
    assert topic_kind("the wall will protect the town against floods", "floods") == "against"
    assert topic_kind("the town against floods built a wall", "town") == "describes"


def test_vague_words_are_no_topic() -> None:
    sentences = [
        "Ana Ruiz said their actions were a good sign for a ceasefire.",
        "Bo Li said his actions were good for any ceasefire.",
        "The talks opened in Geneva.",
        "Delegates ate lunch.",
        "Delegates went home.",
        "Monitors arrived.",
    ]
    found = find_topics([(sentences[0], "A1"), (sentences[1], "A2")], sentences, ["Ruiz", "Li"])
    # "actions" and "good" are in both views, after a determiner, but name no issue.
    assert [t.stem for t in found] == ["ceasefi"]
