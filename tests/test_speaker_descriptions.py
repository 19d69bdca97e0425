"""Speakers and holders behind longer descriptions: two titles joined by "and" and the
employer after them, an apposition that names an organisation after a comma, a list whose
other members are unnamed or described. Each with the case its rule must leave alone."""

from __future__ import annotations

import pytest

from summarizer.article import make_article
from summarizer.index import index_article
from tests.test_speakers import cues_of


@pytest.mark.parametrize(
    "description",
    [
        "the vice president and chairman of Chrysler LLC",
        "the vice president and chairman of Chrysler,",
        "the chief executive of Chrysler LLC",
    ],
)
def test_after_an_inverted_verb_two_titles_and_their_employer_describe_the_name(
    description: str,
) -> None:
    text = f"Sales fell. “The market shows signs of life,” said {description} Jim Press."
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("said_name", "Jim Press"), cue


def test_a_name_after_a_description_that_names_someone_else_does_not_speak() -> None:
    # The mother of the victim, not the victim: the description is somebody else's.
    text = "The court sat. “He was a good boy,” said the mother of victim Tom Hale."
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.name != "Tom Hale", cue


def test_an_open_apposition_may_name_the_employer_after_a_comma() -> None:
    text = (
        "Ford cut a shift. Whitey MacDonald, chairperson of Local 1520, Canadian Auto Workers "
        "union said “There is a lot of anger here today.”"
    )
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("name_said", "Whitey MacDonald"), cue
    # A list of two people, each with a title, is no apposition: not the first alone.
    text = (
        "Ford cut a shift. Whitey MacDonald, chairperson of Local 1520, Tom Hale and Ann Ray "
        "said it was “a dark day”."
    )
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.name not in ("Whitey MacDonald", "Tom Hale"), cue


def _holders(text: str) -> set[str]:
    return {c.name for c in index_article(make_article(text)).holders}


def test_the_named_members_of_a_list_with_a_described_member_hold_the_view() -> None:
    text = (
        "The riot began on Sunday. The Ministry of Justice and state-run news outlet Agência "
        "Brasil said the riot started at around 5:00 p.m."
    )
    assert _holders(text) == {"Ministry of Justice", "Agência Brasil"}


def test_the_one_named_member_of_a_list_with_unnamed_others_holds_the_view() -> None:
    text = (
        "Audubon Alaska said in May it would sue. Audubon Alaska and several other conservation "
        "organizations stated in a joint release the same day that the plan was rushed."
    )
    # The speaker rules name it first (as a quotation's speaker); the holders add nobody.
    index = index_article(make_article(text))
    assert {(c.target, c.name) for c in index.speakers} >= {("S2", "Audubon Alaska")}
    assert _holders(text) == set()
    # An object after "and" is no member of the subject.
    text = (
        "Audubon Alaska said in May it would sue. Audubon Alaska met the mayor and the council "
        "said the plan was rushed."
    )
    assert _holders(text) == set()


def test_a_named_bodys_officials_speak_for_it_but_a_capitalised_word_is_no_body() -> None:
    text = 'The Air Force picked Airbus. USAF officials said "the contract was awarded on merit".'
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("on_behalf_of", "USAF"), cue
    text = 'The virus spread. Health officials said "stay home".'
    assert "Q1" not in cues_of(text)


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        (
            "Prime Minister John Howard and industry minister Ian MacDonald today announced a "
            "“financial assistance package”.",
            "John Howard",
        ),
        ("Ana Ruiz, Tom Berg and Li Wei said the plan was “a disgrace”.", "Ana Ruiz"),
    ],
)
def test_a_list_of_subjects_is_answered_by_its_first_name(sentence: str, first: str) -> None:
    cue = cues_of(f"The plan was published. {sentence}")["Q1"]
    assert (cue.rule, cue.name) == ("name_said", first), cue


def test_a_clause_with_its_own_verb_before_and_is_no_list() -> None:
    # Berg is the object of "met": Li Wei alone said it.
    text = "The plan was published. Ana Ruiz met Tom Berg and Li Wei said it was “a disgrace”."
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.name == "Li Wei", cue


def test_a_title_joined_by_and_before_the_name_is_one_title_not_a_list() -> None:
    text = (
        "Boeing received a letter from Airbus. The company president and CEO Louis Gallois "
        "said, “Today is a great day in aviation history.”"
    )
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("name_said", "Louis Gallois"), cue


def test_he_after_a_later_sentence_opening_with_another_person_is_that_person() -> None:
    text = (
        "GM named Mary Barra chief. She said in a statement: “This is an exciting time.” She "
        "replaces Daniel Akerson, who led GM since 2009. Akerson plans to stand down on "
        "January 15. In a message to employees, he said: “I will leave with great "
        "satisfaction.”"
    )
    cues = cues_of(text)
    assert cues["Q2"].name == "Daniel Akerson", cues["Q2"]


def test_the_person_set_off_after_a_title_and_its_employer_speaks() -> None:
    text = (
        "Ford bid for the plant. The head of the union Unite, Tony Woodley, said “we are "
        "delighted”. “It is a good day,” said Keith Springer of Capital Financial Partners."
    )
    cues = cues_of(text)
    assert (cues["Q1"].rule, cues["Q1"].name) == ("name_said", "Tony Woodley"), cues["Q1"]
    assert (cues["Q2"].rule, cues["Q2"].name) == ("said_name", "Keith Springer"), cues["Q2"]


@pytest.mark.parametrize(
    ("sentence", "author"),
    [
        (
            "According to a March 2007 report by Amnesty International, people hid in the hills.",
            "Amnesty International",
        ),
        ("In a situational report of NDRRMC, the tremor damaged 143 buildings.", "NDRRMC"),
    ],
)
def test_a_documents_author_is_the_source_of_what_it_reports(sentence: str, author: str) -> None:
    text = (
        "The National Disaster Risk Reduction and Management Council (NDRRMC) met. Amnesty "
        f"International said it would report. {sentence}"
    )
    cue = cues_of(text)["S3"]
    assert cue.rule == "according_to" and author in text[cue.start : cue.end], cue
    # A report with no author named gives no source.
    unnamed = sentence.replace(" by Amnesty International", "").replace(" of NDRRMC", "")
    assert "S3" not in cues_of(f"The council met. Nobody spoke. {unnamed}")


def test_according_to_the_company_is_the_one_organisation_named_before() -> None:
    text = (
        "Boeing said it built the 787. According to the company, the 787 will use less fuel. "
        "According to the plan, it will fly in May."
    )
    cues = cues_of(text)
    assert (cues["S2"].rule, cues["S2"].name) == ("noun_continues", "Boeing"), cues["S2"]
    assert "S3" not in cues  # a plan is nobody's word


@pytest.mark.parametrize(
    "sentence",
    [
        "The company called the plan “a good end”.",  # an attributing verb after it
        "On Sunday, the company released a statement, saying that staff “regularly patrol”.",
        "The company later met its unions and said it wanted “no more cuts”.",
    ],
)
def test_a_description_opening_the_clause_speaks_for_the_one_firm_before(sentence: str) -> None:
    text = f"Acme Corp closed its plant in Japan on Friday. {sentence}"
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("noun_continues", "Acme Corp"), cue


def test_a_description_opening_the_clause_is_nobody_when_two_firms_came_before() -> None:
    text = (
        "Acme Corp sold its plant to Bolt Industries on Friday. On Sunday, the company "
        "released a statement, saying that staff “regularly patrol”."
    )
    assert "Q1" not in cues_of(text) or cues_of(text)["Q1"].name is None


@pytest.mark.parametrize("verb", ["wept", "fled", "swore", "underwent"])
def test_an_irregular_past_is_the_subjects_verb_before_a_second_one_that_speaks(verb: str) -> None:
    text = f"Waseem was convicted. Ann Hale {verb} after the verdict and said he was innocent."
    cue = cues_of(text)["S2"]
    assert (cue.rule, cue.name) == ("name_said", "Ann Hale"), cue


@pytest.mark.parametrize("name", ["Ford Motor Co.", "Bolt Ltd.", "Martin Luther King Jr."])
def test_the_point_of_a_name_suffix_does_not_hide_the_verb_after_it(name: str) -> None:
    cue = cues_of(f"Sales fell on Monday. {name} later said “profits would drop.”")["Q1"]
    assert (cue.rule, cue.name) == ("name_said", name.rstrip(".")), cue


def test_a_name_speaking_with_unnamed_others_speaks_first() -> None:
    text = (
        "The plan was approved. Tom Hale and several other local and national "
        "organizations stated in a joint release: “We will fight it.”"
    )
    cue = cues_of(text)["Q1"]
    assert cue.name == "Tom Hale", cue
    # Named others make a list, which names nobody first by this rule.
    text = "The plan was approved. Tom Hale and Ann Ray stated in a joint release: “We will fight.”"
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.rule != "name_said", cue


@pytest.mark.parametrize("verb", ["asked", "said", "later asked"])
def test_a_quoted_question_is_spoken_by_the_name_after_it(verb: str) -> None:
    # The real sentence splitter keeps the question with its asker (``cues_of`` uses a
    # stand-in that cuts after "?”").
    text = f"The Taurus was dropped. “How can it go away?” Alan Mulally {verb}."
    cues = {c.target: c for c in index_article(make_article(text)).speakers}
    assert (cues["Q1"].rule, cues["Q1"].name) == ("name_said", "Alan Mulally"), cues
