"""Views in the holder's own words, and the stance sentences a view may rest on.

Sentences are constructed for each rule, not taken from the evaluation sets.
"""

from __future__ import annotations

import pytest

from summarizer.index import index_article
from summarizer.views import is_cut, quotation_view, sentence_view, trimmed


@pytest.mark.parametrize(
    ("sentence", "view"),
    [
        (
            "The minister stated that the new tax would be scrapped within a year.",
            "the new tax would be scrapped within a year",
        ),
        (
            "Spain is seeking firm guarantees on water rights, Deputy Minister Ana Ruiz told "
            "El País, making no mention of the dam.",
            "Spain is seeking firm guarantees on water rights",
        ),
        (
            "The union, however, has dismissed the idea of a pay freeze until next year.",
            "has dismissed the idea of a pay freeze until next year",
        ),
        (
            "The mayor’s spokesperson, Tom Reed, stated that the bridge will stay shut.",
            "the bridge will stay shut",
        ),
    ],
)
def test_a_sentence_gives_the_content_its_verb_governs(sentence: str, view: str) -> None:
    assert sentence_view(sentence) == view


def test_a_quoted_fragment_gives_the_clause_around_it() -> None:
    sentence = (
        "“We must talk,” he added, noting that failure could lead to “endless strikes” and worse."
    )
    assert quotation_view("endless strikes", sentence) == "failure could lead to “endless strikes”"
    assert (
        quotation_view("We must talk to everyone now", sentence) == "We must talk to everyone now"
    )


def test_trimming_stops_at_a_clause_never_inside_a_word() -> None:
    text = "We will cut rates in March, keep them low through the summer, and review them " * 3
    out = trimmed(text, 60)
    assert len(out) <= 61 and text.startswith(out.rstrip("…")) and not is_cut(out, text)
    long_word_run = "a" * 10 + " " + "b" * 100
    out = trimmed(long_word_run, 40)
    assert out.endswith("…") and not is_cut(out, long_word_run)


def test_a_leading_minus_sign_is_kept_and_framing_dashes_are_not() -> None:
    # A quotation opening with a negative number keeps its sign: the view must not flip.
    assert trimmed("-1 % pour les retraités") == "-1 % pour les retraités"
    assert trimmed("— “We will go,”") == "We will go"
    assert trimmed("- we go") == "we go"


def test_is_cut_sees_a_view_stopping_mid_word() -> None:
    source = "Trump is seeking Putin's backing for a 30-day Ceasefire"
    assert is_cut("Trump is seeking Putin's backing for a 30-day Ce", source)
    assert not is_cut("Trump is seeking Putin's backing", source)


def _holders(text: str) -> list[tuple[str, str]]:
    index = index_article(text)
    names = {a.id: a.name for a in index.actors}
    return [(c.target, names[c.actor or ""]) for c in index.holders]


def test_a_list_of_states_holds_the_view_of_their_stance_verb() -> None:
    text = (
        "Germany said the talks would resume. Both Italy and Greece have expressed their "
        "willingness to host the talks. Italy, however, has rejected the idea of new fees."
    )
    assert _holders(text) == [("S2", "Italy"), ("S2", "Greece"), ("S3", "Italy")]


def test_an_appeal_holds_a_view_only_with_its_complement() -> None:
    text = (
        "Emmanuel Macron appealed to parents to keep their children at home. "
        "Macron appealed for calm. Macron appealed the ruling of the court."
    )
    assert _holders(text) == [("S1", "Emmanuel Macron"), ("S2", "Emmanuel Macron")]


def test_an_introductory_phrase_is_not_a_holder() -> None:
    text = (
        "Mike Jones said the plan was late. In interviews on Sunday in France, Mr. Jones and "
        "Secretary of Labor Sara Hill underscored that costs were rising."
    )
    assert _holders(text) == [("S2", "Mike Jones"), ("S2", "Sara Hill")]


def test_an_object_or_a_fact_is_not_a_stance() -> None:
    text = (
        "Germany said the talks would resume. Police arrested a man who wanted to see Germany. "
        "The plan that Germany supported was dropped."
    )
    assert _holders(text) == []


def test_a_capital_speaking_for_its_state_is_that_state() -> None:
    text = (
        "Russia said talks were possible. Moscow has insisted that sanctions end. "
        "Officials met in Moscow on Monday."
    )
    index = index_article(text)
    states = [(a.name, sorted({m.text for m in a.mentions})) for a in index.actors]
    assert states == [("Russia", ["Moscow", "Russia"])]
