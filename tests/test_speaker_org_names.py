"""Organisations whose names hold lower-case words ("Bank of America", "Friends of the Earth"),
as speakers and as the employers in a person's title."""

from __future__ import annotations

import pytest

from summarizer.index import index_article
from tests.test_actors import actors_of, by_name
from tests.test_speakers import cues_of


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Bank of America president David McIntosh said", "Bank of America president"),
        ("Club for Growth president David McIntosh said", "Club for Growth president"),
        (
            "The Institute for the Study of War analyst David McIntosh said",
            "Institute for the Study of War analyst",
        ),
    ],
)
def test_a_title_opened_by_an_organisations_whole_name_keeps_the_name(
    sentence: str, title: str
) -> None:
    text = f"{sentence} the plan was “a disaster”."
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("name_said", "David McIntosh"), cue
    assert by_name(actors_of(text))["David McIntosh"].title == title


@pytest.mark.parametrize(
    "group",
    [
        "Friends of the Earth",
        "Americans for Prosperity",
        "Reporters Without Borders",
        "Doctors Without Borders",
        "Mothers Against Drunk Driving",
        "Action on Smoking and Health",
    ],
)
def test_an_advocacy_groups_name_is_one_organisation_that_speaks(group: str) -> None:
    for text in (
        f"{group} said the plan was “a disaster”.",
        f"The group {group} said the plan was “a disaster”.",
        f"“It is a disaster,” said {group}.",
    ):
        cue = cues_of(text)["Q1"]
        assert cue.name == group, (text, cue)
        assert by_name(actors_of(text))[group].kind == "organisation"


def test_a_spokesman_for_an_advocacy_group_speaks_with_its_name_in_his_title() -> None:
    text = "Friends of the Earth spokesman Tom Jones said the plan was “a disaster”."
    cue = cues_of(text)["Q1"]
    assert cue.name == "Tom Jones", cue
    assert by_name(actors_of(text))["Tom Jones"].title == "Friends of the Earth spokesman"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # Friends of a person are no group, and a headline's capitalised "On" joins nothing.
        ("Friends of Jenkinson remembered him as “a big guy”.", "Friends of Jenkinson"),
        ("Bernie Sanders Promises Action On Immigration\nHe spoke.", "Action On Immigration"),
    ],
)
def test_the_opening_words_alone_make_no_group(text: str, absent: str) -> None:
    assert absent not in by_name(actors_of(text))


@pytest.mark.parametrize(
    "sentence",
    [
        "Bank of England Governor Andrew Bailey said",
        "Council on American-Islamic Relations National Executive Director Andrew Bailey said",
    ],
)
def test_a_capitalised_title_after_an_organisations_name_opens_a_persons(sentence: str) -> None:
    text = f"{sentence} the economy was “resilient”."
    cue = cues_of(text)["Q1"]
    assert cue.name == "Andrew Bailey", cue
    actor = by_name(actors_of(text))["Andrew Bailey"]
    assert actor.kind == "person" and actor.title == sentence.removesuffix(" Andrew Bailey said")


@pytest.mark.parametrize(
    "text",
    [
        "Russia struck Kyiv. Ukraine's foreign ministry called the attack “a war crime”.",
        "“It is a war crime,” Ukraine's foreign ministry said.",
        "Ukraine's government spokesman said the attack was “a war crime”.",
    ],
)
def test_a_state_speaking_through_its_body_in_the_possessive_is_an_actor(text: str) -> None:
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == ("Ukraine", "on_behalf_of"), cue
    assert by_name(actors_of(text))["Ukraine"].kind == "state"


def test_an_organisations_own_name_after_a_comma_describes_no_name_before_it() -> None:
    text = "In a post on Facebook, the Los Angeles Fire Department said crews were “stretched”."
    actors = by_name(actors_of(text))
    assert "Facebook" not in actors
    assert cues_of(text)["Q1"].name == "Los Angeles Fire Department"


@pytest.mark.parametrize(
    "text",
    [
        "Lycos offered a screensaver. Legal questions aside, the “spam the spammers” approach "
        "is popular.",
        "Security fears grow as the “crisis” deepens.",
    ],
)
def test_a_lone_word_before_a_plural_noun_is_no_speaker(text: str) -> None:
    assert cues_of(text) == {}
    assert not actors_of(text)


def test_a_name_written_before_speaks_with_a_verb_that_may_be_a_noun() -> None:
    text = "Donald Trump spoke on Monday. Trump calls the plan “stupid”."
    assert cues_of(text)["Q1"].name == "Donald Trump"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The ruling was described as “absurd” by Elon Musk.", "Elon Musk"),
        ("The ruling was called “a disgrace” by Senator John Smith.", "John Smith"),
        ("The plan has been branded “reckless” by opposition leader Jane Doe.", "Jane Doe"),
        ("The decision was welcomed as “a victory” by Greenpeace.", "Greenpeace"),
    ],
)
def test_the_agent_of_a_passive_verb_after_the_quotation_speaks(text: str, speaker: str) -> None:
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == (speaker, "according_to"), cue


def test_a_book_called_something_by_its_author_is_a_title_not_speech() -> None:
    assert cues_of("She wrote a book called “Small Things” by the sea.") == {}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Rachel Reeves, the chancellor, spoke on Monday. “We will act,” the chancellor said.",
            "Rachel Reeves",
        ),
        (
            "The company's chief executive, Jane Doe, spoke. “Sales are up,” the executive said.",
            "Jane Doe",
        ),
        (
            "Mayor Jane Doe visited. Governor Bob Roe did too. “It is gone,” the governor said.",
            "Bob Roe",
        ),
    ],
)
def test_the_title_set_off_by_commas_describes_its_holder(text: str, speaker: str) -> None:
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == (speaker, "noun_continues"), cue


def test_a_title_a_comma_before_a_name_in_another_clause_describes_nobody() -> None:
    # "the president" is someone else: the comma ends the clause the title stands in.
    text = "Voters support the president, Mrs. Clinton argues. “It is over,” the president said."
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.name != "Hillary Clinton", cue


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Ruben Amorim watched his side lose. “We were poor,” the 39-year-old said.",
            "Ruben Amorim",
        ),
        (
            "John Smith, 60, called it “awful”. Jane Doe, 24, agreed. “It was worse,” the "
            "24-year-old said.",
            "Jane Doe",
        ),
    ],
)
def test_a_person_described_by_age_is_the_one_of_that_age(text: str, speaker: str) -> None:
    cue = cues_of(text)["Q1" if text.count("“") == 1 else "Q2"]
    assert (cue.name, cue.rule) == (speaker, "pronoun_continues"), cue


def test_a_person_described_by_age_is_never_one_given_another_age() -> None:
    text = "John Smith, 60, called it “awful”. “It was worse,” the 24-year-old said."
    assert "Q2" not in cues_of(text)


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "WHO Director-General Tedros Adhanom Ghebreyesus told reporters",
            "Tedros Adhanom Ghebreyesus",
            "WHO Director-General",
        ),
        ("Det Ch Insp Tom Green said", "Tom Green", "Det Ch Insp"),
        ("Supt Tom Green said", "Tom Green", "Supt"),
    ],
)
def test_hyphenated_and_abbreviated_titles_stay_out_of_the_name(
    sentence: str, name: str, title: str
) -> None:
    text = f"{sentence} the attack was “callous”."
    assert cues_of(text)["Q1"].name == name
    assert by_name(actors_of(text))[name].title == title


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Arne Slot was pleased. “We were excellent,” the Dutchman said.", "Arne Slot"),
        ("Emma Raducanu won. “I played well,” the Briton told reporters.", "Emma Raducanu"),
        ("Serena Williams lost. “I am sad,” the 39-year-old American said.", "Serena Williams"),
    ],
)
def test_a_person_described_by_nation_is_referred_to_like_he(text: str, speaker: str) -> None:
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == (speaker, "pronoun_continues"), cue
    assert set(by_name(actors_of(text))) == {speaker}  # no actor "Dutchman"


def test_unnamed_researchers_at_a_body_speak_for_it() -> None:
    text = "The malware is “highly sophisticated”, according to researchers at Kaspersky Lab."
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == ("Kaspersky Lab", "on_behalf_of"), cue


def test_said_before_an_honorific_and_a_listed_name_names_that_actor() -> None:
    text = "The variant is “concerning”, said Dr Jane Brown, an epidemiologist."
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.actor) == ("Jane Brown", "A1"), cue


@pytest.mark.parametrize(
    "text",
    [
        "Mary Jones QC, prosecuting, said Smith was “a dangerous man”.",
        "“He is a dangerous man,” said Mary Jones KC.",
        "Mary Jones MP said Smith was “a dangerous man”.",
    ],
)
def test_letters_after_a_name_are_no_part_of_it(text: str) -> None:
    assert cues_of(text)["Q1"].name == "Mary Jones"
    assert "Mary Jones" in by_name(actors_of(text))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Labour MP Mary Jones said it was “awful”.", "Labour MP"),
        ("The MP for Cannock Chase, Mary Jones, called it “awful”.", "MP for Cannock Chase"),
    ],
)
def test_the_same_letters_before_a_name_stay_its_title(text: str, title: str) -> None:
    assert by_name(actors_of(text))["Mary Jones"].title == title


def test_an_army_specialists_abbreviated_rank_ends_no_sentence() -> None:
    index = index_article("U.S. Army photo by Spc. Erin Robicheaux. She said it was “fine”.")
    assert len(index.sentences) == 2
    assert by_name(list(index.actors))["Erin Robicheaux"].title == "Spc."
    assert index.speakers[0].name == "Erin Robicheaux"
