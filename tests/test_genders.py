"""What "he said" and "she said" may refer to: the sex an article gives a person, and the
speaker cues that follow from it. Constructed sentences; names chosen for the sign each
case tests."""

from __future__ import annotations

import pytest

from summarizer.index import index_article
from summarizer.index.genders import actor_genders
from tests.test_speaker_us_news import indexed_cues


def genders_of(text: str) -> dict[str, str | None]:
    index = index_article(text)
    sexes = actor_genders(text, index.actors)
    return {a.name: sexes.get(a.id) for a in index.actors if a.kind == "person"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A given name the lists give one sex.
        ("Jennifer Lopez met Vladimir Sokolov on Monday.", {"Jennifer Lopez": "f",
                                                             "Vladimir Sokolov": "m"}),
        # An honorific before a surname, and a title.
        ("Mrs. Clinton met spokesman Jim Hale.", {"Clinton": "f", "Jim Hale": "m"}),
        # The article's own pronoun after a verb of saying.
        ("Bernie Sanders said he would stay.", {"Bernie Sanders": "m"}),
        # A given name both sexes have says nothing; the article's "She" does not count here.
        ("Alex Travers spoke.", {"Alex Travers": None}),
        # A surname alone that is also a given name says nothing ("Clinton", "Thomas").
        ("Mr. Thomas spoke.", {"Thomas": "m"}),
        # Signs that disagree leave it unknown.
        ("Mr. Jennifer Hale spoke.", {"Jennifer Hale": None}),
    ],
)  # fmt: skip
def test_the_sex_an_article_gives_a_person(text: str, expected: dict[str, str | None]) -> None:
    got = genders_of(text)
    assert {name: got.get(name) for name in expected} == expected


def test_she_said_passes_over_a_man_cued_last() -> None:
    text = (
        "Mrs. Jane Doe met John Smith on Monday.\n"
        "“It went well,” Smith said.\n"
        "“We agreed on nothing,” she said.\n"
    )
    cues = indexed_cues(text)
    assert (cues["Q1"].name, cues["Q1"].rule) == ("John Smith", "name_said")
    # Smith, the last cued, is a man: "she" goes back to the woman named before.
    assert "Q2" not in cues or cues["Q2"].name == "Jane Doe"


def test_he_said_takes_the_one_man_of_a_paragraph_that_names_a_woman_too() -> None:
    text = (
        "Mrs. Clinton spoke first.\n"
        "Senator Bernie Sanders said he favours tax increases; Mrs. Clinton seeks less. "
        "“It is not enough,” he said.\n"
    )
    assert indexed_cues(text)["Q1"].name == "Bernie Sanders"


def test_he_said_goes_on_with_the_person_opening_the_sentence_before() -> None:
    # Two people in the sentence before, nobody cued: its subject, whom "he" goes on with.
    text = (
        "Paul Manafort spoke on Sunday.\n"
        "Jennifer Palmieri criticized Manafort for accusing the campaign. “Nice try, not "
        "true,” she said in a tweet.\n"
    )
    cue = indexed_cues(text)["Q1"]
    assert (cue.name, cue.rule) == ("Jennifer Palmieri", "pronoun_continues")


def test_a_subject_of_the_other_sex_is_not_taken() -> None:
    text = (
        "Paul Manafort spoke on Sunday.\n"
        "Mrs. Jennifer Palmieri criticized Manafort for accusing the campaign. “Nice try, "
        "not true,” he said in a tweet.\n"
    )
    cue = indexed_cues(text).get("Q1")
    assert cue is None or cue.name != "Jennifer Palmieri"
