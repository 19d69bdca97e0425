"""A person named before and referred back to by calling: "the striker said", "the New Jersey
governor said", "the Texas Republican said" (``speaker_phrases.PhraseRules._role``)."""

from __future__ import annotations

import pytest

from tests.test_speakers import cues_of


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Mohamed Salah scored twice. "It was massive," the striker said.', "Mohamed Salah"),
        (
            'Ruben Amorim watched his side lose. "We were poor," the Portuguese coach said.',
            "Ruben Amorim",
        ),
        (
            'Ruben Amorim watched his side lose. "We were poor," the United boss said.',
            "Ruben Amorim",
        ),
        (
            'Rep. Mark Green voted no. "This bill is a disaster," the Tennessee Republican said.',
            "Mark Green",
        ),
        (
            'Chris Christie spoke in Trenton. "It was a popular thing to do," the New Jersey'
            " governor said.",
            "Chris Christie",
        ),
        ('Tom Hanks visited the school. "The kids were great," the actor said.', "Tom Hanks"),
        (
            'Jane Doe lost her home in the fire. "It is gone," the mother of three said.',
            "Jane Doe",
        ),
        (
            'Elon Musk bought the shares. "We like it," the billionaire investor told CNBC.',
            "Elon Musk",
        ),
        # The calling that a title gives says which of two: not the last one named.
        (
            'Senator John Smith met Mary Jones. "It is a disaster," the senator said.',
            "John Smith",
        ),
    ],
)
def test_a_calling_refers_back_to_the_person_named(text: str, speaker: str) -> None:
    cue = cues_of(text)["Q1"]
    assert cue.name == speaker, cue


@pytest.mark.parametrize(
    "text",
    [
        # another office than the one the person named holds
        'Finance Minister Ann Lee spoke on Monday. "We will act," the chancellor said.',
        # a tie to someone else: the lawyer, the spokesman, the ad's narrator are other people
        'John Smith pleaded not guilty. "The charges are baseless," the lawyer said.',
        'John Smith ran the ad. "We need leaders," the ad\'s narrator said.',
        # a person named in the same sentence is someone else
        'The files were leaked through Ann Kerr, the striker said.',
        'Tom Hanks met Jane Doe after the actor had said it was "over".',
        # two people hold the word: which one is not said
        'Senator Ann Lee and Senator Bob Ray met. "It is a disaster," the senator said.',
    ],
)
def test_a_calling_that_may_be_another_person_names_nobody(text: str) -> None:
    assert "Q1" not in cues_of(text), cues_of(text).get("Q1")


def test_a_womans_calling_is_never_a_man_named_last() -> None:
    text = 'Jane Doe met John Smith on Monday. "It is gone," the mother said.'
    assert cues_of(text)["Q1"].name == "Jane Doe"
