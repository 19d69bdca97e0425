"""Speakers behind verbs that say how something was said ("“…,” Kelly charged", "he
surmised") and behind titles with a department opening a sentence ("Secretary of State X"
where "secretary" is also written lower-case)."""

from __future__ import annotations

import pytest

from tests.test_speaker_callings import _index

_SETUP = "Senator Maria Lopez spoke at the rally on Monday. "


@pytest.mark.parametrize(
    "verb",
    [
        "charged",
        "snapped",
        "thundered",
        "sighed",
        "marveled",
        "protested",
        "surmised",
        "swore",
        "bragged",
        "gloated",
        "confided",
        "hinted",
        "reasoned",
        "growled",
        "cried",
        "griped",
    ],
)
def test_a_manner_verb_beside_a_quotation_names_its_speaker(verb: str) -> None:
    for said in (f"Lopez {verb}", f"{verb} Lopez", f"she {verb}"):
        _, cues = _index(f"{_SETUP}“This is a disgrace,” {said}.")
        assert "Q1" in cues and cues["Q1"].name == "Maria Lopez", said


@pytest.mark.parametrize(
    "verb", ["chided", "scolded", "mocked", "blasted", "slammed", "begged", "interrupted"]
)
def test_a_verb_that_takes_a_person_object_speaks_only_before_the_object(verb: str) -> None:
    _, cues = _index(f"{_SETUP}“This is a disgrace,” Lopez {verb}.")
    assert cues["Q1"].name == "Maria Lopez"


def test_a_manner_verb_before_a_that_clause_is_a_sentence_cue() -> None:
    text = "Senator Maria Lopez spoke on Monday. She also charged that the party ignored voters."
    _, cues = _index(text)
    assert "S2" in cues and cues["S2"].name == "Maria Lopez"


@pytest.mark.parametrize(
    "text",
    [
        # Away from a quotation and from a that-clause they are no speech.
        "Police charged Maria Lopez with fraud on Monday. The “Rocky” star laughed it off.",
        "Maria Lopez faces criminal charges. Her lawyer's protests were “noted” by the court.",
    ],
)
def test_a_manner_verb_or_its_noun_elsewhere_is_no_cue(text: str) -> None:
    _, cues = _index(text)
    assert "Q1" not in cues


def test_a_noun_spelled_like_a_verb_does_not_break_a_saying_clause() -> None:
    # "charges" is a noun here; the participle "saying" still belongs to Trump.
    text = (
        "Earlier in the week, Donald Trump called for a special prosecutor, saying the Justice"
        " Department had proven through its decision not to pursue criminal charges that it"
        " could not be trusted."
    )
    _, cues = _index(text)
    assert "S1" in cues and cues["S1"].name == "Donald Trump"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Press secretary Josh Earnest said it was good. Secretary of State John Kerry said"
            " it was “far from perfect.”",
            "John Kerry",
            "Secretary of State",
        ),
        (
            "The secretary left early. Secretary of the Treasury Janet Yellen said the economy"
            " was “resilient.”",
            "Janet Yellen",
            "Secretary of the Treasury",
        ),
        (
            "It rained. Director of Public Prosecutions Max Hill said it was “regrettable”.",
            "Max Hill",
            "Director of Public Prosecutions",
        ),
        (
            "Minister for Europe Nick Thomas-Symonds said the deal was “a reset”.",
            "Nick Thomas-Symonds",
            "Minister for Europe",
        ),
    ],
)
def test_a_title_and_its_department_open_a_sentence(text: str, name: str, title: str) -> None:
    actors, cues = _index(text)
    assert name in actors and actors[name].title == title
    assert cues["Q1"].name == name


def test_a_nationality_after_a_given_name_is_a_family_name() -> None:
    text = (
        "Mark Cuban, the owner of the Dallas Mavericks, says he is open to running."
        ' "It is a consideration," Cuban said. The Cuban government was silent.'
        " Cuban exiles protested. Cuban demurred."
    )
    actors, cues = _index(text)
    assert cues["Q1"].name == "Mark Cuban"
    linked = [m.text for m in actors["Mark Cuban"].mentions if m.kind == "surname"]
    assert linked == ["Cuban", "Cuban"]  # "said" and "demurred"; not "government", "exiles"


def test_a_nationality_before_a_noun_stays_a_nationality() -> None:
    actors, cues = _index('Jack French said it was "good". French troops left the city.')
    assert cues["Q1"].name == "Jack French"
    assert [m.text for m in actors["Jack French"].mentions] == ["Jack French"]


_BOLTON = "John Bolton spoke on Monday. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Obama's record is “an across-the-board failure,” in Bolton’s view.",
        "In Bolton's view, Obama's record is “an across-the-board failure.”",
        "In his view, Obama's record is “an across-the-board failure.”",
        "In his own words, Obama's record is “an across-the-board failure.”",
        "Obama's record is, in Bolton's words, “an across-the-board failure.”",
        "Obama's record is, in the words of John Bolton, “an across-the-board failure.”",
        "In the opinion of John Bolton, Obama's record is “an across-the-board failure.”",
    ],
)
def test_whose_words_or_view_a_sentence_gives(sentence: str) -> None:
    _, cues = _index(_BOLTON + sentence)
    assert cues["Q1"].name == "John Bolton"


def test_his_view_before_a_named_subject_is_that_subjects() -> None:
    text = (
        "Donald Trump spoke in Ohio. Felipe Calderon was in Mexico City. In his assessment,"
        " Calderon said, the candidate was “not well-informed”."
    )
    _, cues = _index(text)
    assert cues["Q1"].name == "Felipe Calderon"


def test_an_assessment_of_something_is_no_view_of_a_quotation() -> None:
    text = (
        "The inquiry was labelled a “witch hunt” by Democrats. Trey Gowdy is correct in his"
        " assessment of the lack of cooperation."
    )
    _, cues = _index(text)
    assert "Q1" not in cues or cues["Q1"].name != "Trey Gowdy"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "The head of the IMF, Kristalina Georgieva, warned of “a lost decade”.",
            "Kristalina Georgieva",
            "head of the IMF",
        ),
        (
            "The director of the FBI, Kash Patel, said on Monday that it was “a lost decade”.",
            "Kash Patel",
            "director of the FBI",
        ),
        (
            "A spokesman for the Kremlin, Dmitry Peskov, said it was “a provocation”.",
            "Dmitry Peskov",
            "spokesman for the Kremlin",
        ),
    ],
)
def test_a_name_in_apposition_to_an_office_of_a_known_body(
    text: str, name: str, title: str
) -> None:
    actors, cues = _index(text)
    assert actors[name].title == title and actors[name].kind == "person"
    assert cues["Q1"].name == name


def test_a_pledge_after_its_quotation_is_inverted_speech() -> None:
    _, cues = _index("“We will rebuild,” vowed Governor Gavin Newsom.")
    assert cues["Q1"].name == "Gavin Newsom"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lopez's response was blunt: “It is unworkable.”",
        "Lopez's message to the governor was clear: “Withdraw the plan.”",
        "Her verdict: “It is unworkable.”",
        "Lopez had a blunt message for the governor: “Withdraw it.”",
    ],
)
def test_a_noun_for_what_was_said_and_a_colon_introduce_the_words(sentence: str) -> None:
    _, cues = _index(_SETUP + sentence)
    assert cues["Q1"].name == "Maria Lopez"


def test_a_possessed_thing_that_is_no_saying_introduces_nothing() -> None:
    _, cues = _index(_SETUP + "Lopez's car had a sticker on it: “Honk if you vote”.")
    assert "Q1" not in cues or cues["Q1"].rule != "colon_intro"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lopez compared the ban to “censorship”.",
        "Lopez likened the rules to “burning the Constitution”.",
        "Lopez equated the ban with “censorship”.",
        "Lopez portrayed the ruling as “a victory”.",
        "Lopez celebrated the ruling as “a victory”.",
        "Lopez attacked the ruling as “a farce”.",
        "Lopez blamed “Western pressure”.",
        "Lopez threatened “retaliation”.",
        "Lopez admires the governor as “a strong leader”.",
    ],
)
def test_a_verb_of_judging_attributes_a_short_quotation(sentence: str) -> None:
    _, cues = _index(_SETUP + sentence)
    assert cues["Q1"].name == "Maria Lopez"


def test_as_one_put_it_somewhere_gives_the_words() -> None:
    text = (
        "Margarita Simonyan runs RT. As Simonyan put it in an interview with the paper, RT is"
        " “providing a perspective”."
    )
    _, cues = _index(text)
    assert cues["Q1"].name == "Margarita Simonyan"


_TRUMP = "Donald Trump spoke on Monday. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Pence blamed the media for an issue out of Trump’s claim that Obama “founded ISIS,”"
        " saying they were nitpicking.",
        'Trump’s recent assertion that "thousands" of people celebrated was false.',
        'The courts rejected Trump\'s claim that the election was "rigged".',
        'His claim that the election was "rigged" was rejected by the courts.',
        'Trump\'s promise to "drain the swamp" resonated with voters.',
        'Trump\'s call for a "total and complete shutdown" drew criticism.',
    ],
)
def test_the_owner_of_a_claim_speaks_its_quoted_words(sentence: str) -> None:
    _, cues = _index(_TRUMP + sentence)
    assert cues["Q1"].name == "Donald Trump"


def test_a_claim_that_reports_another_speaker_is_that_speakers() -> None:
    text = _TRUMP + 'Maria Lopez rejected Trump\'s claim that Obama said it was "fine".'
    _, cues = _index(text)
    assert cues["Q1"].name != "Donald Trump"


@pytest.mark.parametrize(
    "text",
    [
        "The strikes were “precise”, the defence minister, Andrei Belousov, said.",
        "It was “precise”, the spokesman, Andrei Belousov, said.",
    ],
)
def test_a_titled_apposition_after_a_quotation_opens_the_speakers_clause(text: str) -> None:
    _, cues = _index(text)
    assert cues["Q1"].name == "Andrei Belousov"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The statement, signed by Foreign Minister Sergei Lavrov, said the move was “hostile”.",
            "Sergei Lavrov",
        ),
        (
            "The report, published by Human Rights Watch, described the conditions as “inhumane”.",
            "Human Rights Watch",
        ),
    ],
)
def test_a_documents_author_speaks_its_words(text: str, name: str) -> None:
    _, cues = _index(text)
    assert cues["Q1"].name == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Group of Seven met on Friday. The group called for “an immediate end of the war”.",
            "G7",
        ),
        (
            "Greenpeace criticised the plan on Monday. “This is a step backwards,” the group"
            " said in a statement.",
            "Greenpeace",
        ),
    ],
)
def test_a_known_body_named_once_speaks_again_by_its_kind(text: str, name: str) -> None:
    _, cues = _index(text)
    assert cues["Q1"].name == name


def test_she_is_the_one_woman_named_when_the_other_person_is_unknown() -> None:
    text = (
        "Prime Minister Keir Starmer met Ursula von der Leyen in Brussels."
        " “We agreed to deepen ties,” she said."
    )
    _, cues = _index(text)
    assert cues["Q1"].name == "Ursula von der Leyen"


def test_he_still_goes_to_the_one_who_acts() -> None:
    # "Keir" is no listed given name: his sex is unknown, Mr. Trump's is known; Starmer acts.
    text = (
        "Prime Minister Keir Starmer criticised Mr. Donald Trump's plan. “It is unwise,” he said."
    )
    _, cues = _index(text)
    assert cues["Q1"].name == "Keir Starmer"


def test_an_emperor_is_a_title() -> None:
    text = (
        "Emperor Akihito paused during his birthday celebrations to offer condolences."
        ' "I hope their health will not suffer," he said.'
    )
    actors, cues = _index(text)
    assert actors["Akihito"].title == "Emperor"
    assert cues["Q1"].name == "Akihito"
