"""Speakers named by what they are or through whom they speak: a person referred back to by
calling ("the striker said", ``speaker_phrases.PhraseRules._role``), a body through its
people ("Goldman Sachs analysts said") or by its kind ("the Irish carrier said"), a pronoun's
spokesman, short titles ("Sens.", "Pres."), quotations a medium reports, and lists of
quotations before their speaker."""

from __future__ import annotations

import pytest

from summarizer.index import index_article
from summarizer.index.units import IndexedActor, SpeakerCue
from tests.test_speaker_us_news import indexed_cues
from tests.test_speakers import cues_of


def _index(text: str) -> tuple[dict[str, IndexedActor], dict[str, SpeakerCue]]:
    """Actors by name and cues by target, with the real sentence splitter: the tests' stand-in
    (``tests.test_actors.sentences_of``) cuts after every "Sen." and "Dep."."""
    return {a.name: a for a in index_article(text).actors}, indexed_cues(text)


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
        "The files were leaked through Ann Kerr, the striker said.",
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


# -- a body speaking through its people, and titles written short -------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ('Shares fell. Goldman Sachs analysts said sales were "strong".', "Goldman Sachs"),
        ('Later, Microsoft researchers said the flaw was "serious".', "Microsoft"),
        ('Barclays cut rates. Barclays economists wrote that growth was "slowing".', "Barclays"),
        ('NASA scientists said the probe was "healthy".', "NASA"),
    ],
)
def test_a_body_speaks_through_its_analysts_and_researchers(text: str, body: str) -> None:
    actors, cues = _index(text)
    assert actors[body].kind == "organisation"
    cue = cues["Q1"]
    assert (cue.name, cue.rule) == (body, "on_behalf_of"), cue


@pytest.mark.parametrize(
    "text",
    [
        # what the people are, not whose: a word opening the sentence, a department, a party,
        # a seniority, a place
        'Industry analysts said sales were "strong".',
        'The risk is low, Health officials said, calling it "remote".',
        'Democratic officials said the vote was "fair".',
        'Senior Pentagon officials said the risk was "low".',
        'Wall Street analysts said sales were "strong".',
    ],
)
def test_a_word_before_analysts_is_no_body_of_its_own(text: str) -> None:
    names = set(_index(text)[0])
    assert not names & {"Industry", "Health", "Democratic", "Senior Pentagon", "Wall Street"}


def test_strategists_after_a_phrase_speak_for_their_own_principal() -> None:
    text = 'Hillary Clinton spoke. Like most Democrats, Clinton\'s strategists say it is "sound".'
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == ("Hillary Clinton", "on_behalf_of"), cue


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ('In the April issue of The Atlantic, Pres. Obama admits it "failed".', "Obama", "Pres."),
        ('In the April issue of The Atlantic, Sen. Obama admits it "failed".', "Obama", "Sen."),
        ('Atty. Gen. Merrick Garland said the case was "strong".', "Merrick Garland", "Atty. Gen."),
        ('Dep. Sheriff John Smith said the road was "closed".', "John Smith", "Dep. Sheriff"),
    ],
)
def test_a_short_title_belongs_to_the_name_after_it(text: str, name: str, title: str) -> None:
    actors = _index(text)[0]
    assert (actors[name].title, actors[name].kind) == (title, "person")
    assert "Atlantic" not in actors  # not a person titled "Sen"


def test_an_apposition_stops_before_the_next_persons_short_title() -> None:
    text = "Tim Canova, the Florida law professor who is challenging Rep. Debbie Wasserman, spoke."
    title = _index(text)[0]["Tim Canova"].title
    assert title is not None and "professor" in title and "Rep" not in title, title


def test_a_clause_before_and_leaves_the_next_subject_speaking() -> None:
    # "The plant closed, and X said": a clause with its own verb, not a list of subjects
    for text in (
        'The plant closed, and John Smith said it was "serious".',
        'Shares slumped, and John Smith said it was "serious".',
    ):
        cue = cues_of(text)["Q1"]
        assert (cue.name, cue.rule) == ("John Smith", "name_said"), (text, cue)
    # but a list still gives its first
    cue = cues_of('Britain and France said the plan was "good".')["Q1"]
    assert cue.name == "Britain"


@pytest.mark.parametrize(
    "text",
    [
        'Kevin Marsh referred to the plan as "unworkable".',
        'Kevin Marsh defended the decision as "necessary".',
        'Kevin Marsh expressed hope that the talks would "succeed".',
        'Kevin Marsh was reported as saying the plan was "unworkable".',
    ],
)
def test_verbs_that_attribute_the_words_in_their_clause(text: str) -> None:
    cue = cues_of(text)["Q1"]
    assert cue.name == "Kevin Marsh", cue


def test_reported_missing_is_no_speech() -> None:
    text = 'John Smith was reported missing on Monday. "We are worried," the police said.'
    assert "Q1" not in cues_of(text)


@pytest.mark.parametrize(
    "text",
    [
        'Both Kevin Marsh and Jane Ford said the plan was "unworkable".',
        'Kevin Marsh and Jane Ford both said the plan was "unworkable".',
        'Kevin Marsh and Jane Ford each said the plan was "unworkable".',
    ],
)
def test_a_pair_that_both_spoke_is_answered_by_its_first(text: str) -> None:
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == ("Kevin Marsh", "name_said"), cue


def test_a_plural_short_title_opens_a_list_of_names() -> None:
    actors, cues = _index('Sens. Ted Cruz and Marco Rubio said the tapes were "damning".')
    assert set(actors) == {"Ted Cruz", "Marco Rubio"}  # not "Sens. Ted Cruz"
    assert actors["Ted Cruz"].title == "Sens."
    assert cues["Q1"].name == "Ted Cruz"


def test_a_participle_opening_a_sentence_is_no_name() -> None:
    text = '"Having both said we must unite, Speaker Paul Ryan invited Donald Trump," it said.'
    assert "Having" not in _index(text)[0]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            'Chief Constable Jane Ford said the attack was "cowardly".',
            "Jane Ford",
            "Chief Constable",
        ),
        ('Coroner Jane Ford said the death was "tragic".', "Jane Ford", "Coroner"),
        ('Pastor Kevin Swanson said the film was "evil".', "Kevin Swanson", "Pastor"),
    ],
)
def test_offices_of_police_courts_and_churches_are_titles(text: str, name: str, title: str) -> None:
    actors, cues = _index(text)
    assert actors[name].title == title
    assert cues["Q1"].name == name


def test_according_to_him_is_the_person_named_before() -> None:
    cue = cues_of('Jane Ford criticised the plan. According to her, it was "unworkable".')["Q1"]
    assert (cue.name, cue.rule) == ("Jane Ford", "pronoun_continues"), cue
    # "according to her spokesman": not her own words read through the pronoun
    assert "Q1" not in cues_of('Jane Ford spoke. According to her aide, it was "dead".')


# -- an organisation named before, called by what it is ------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Ryanair cut its forecast. The Irish carrier said demand was “weak”.", "Ryanair"),
        ("Tesco cut its forecast. The supermarket said demand was “weak”.", "Tesco"),
        ("Barclays cut its forecast. The lender said demand was “weak”.", "Barclays"),
        ("Toyota released its results. The carmaker said sales were “strong”.", "Toyota"),
        ("Apple released its results. The tech giant said sales were “strong”.", "Apple"),
        ("Ofcom fined a broadcaster. The regulator said the breach was “serious”.", "Ofcom"),
        (
            "The Federal Reserve raised rates. The central bank said inflation was “elevated”.",
            "Federal Reserve",
        ),
    ],
)
def test_a_business_is_called_by_what_it_is(text: str, body: str) -> None:
    # (the name written again, as an article does: a lone word written once may be a word)
    actors, cues = _index(f"{text} Shares in {body} fell on the news.")
    assert actors[body].kind == "organisation"
    assert cues["Q1"].name == body, cues["Q1"]


def test_a_party_near_a_persons_name_makes_no_organisation() -> None:
    text = "Keir Mather won the seat. The party said the result was “historic”. Mather smiled."
    assert _index(text)[0]["Keir Mather"].kind == "person"


def test_the_calling_of_something_introduced_unnamed_is_not_the_body_named_nearby() -> None:
    text = (
        "Lawmakers asked whether a French bank broke U.S. laws in the U.N. programme. "
        "“We did nothing wrong,” the bank said."
    )
    assert "Q1" not in _index(text)[1]
    text = "Barclays, a British bank, cut its forecast. “Demand is weak,” the bank said."
    assert _index(text + " Barclays shares fell.")[1]["Q1"].name == "Barclays"


@pytest.mark.parametrize(
    "text",
    [
        'According to Reuters, Jane Ford called the outbreak "contained".',
        'Jane Ford, according to Reuters, called the outbreak "contained".',
        'The BBC reported Jane Ford as saying the outbreak was "contained".',
    ],
)
def test_words_a_medium_reports_are_the_speakers_own(text: str) -> None:
    cue = cues_of(text)["Q1"]
    assert cue.name == "Jane Ford", cue


def test_according_to_a_medium_alone_is_the_medium() -> None:
    cue = cues_of('According to Reuters, the outbreak was "contained".')["Q1"]
    assert (cue.name, cue.rule) == ("Reuters", "according_to"), cue


def test_wikinews_is_a_medium_and_the_one_asked_replies() -> None:
    actors, cues = _index(
        'Wikinews asked Kevin Marsh about the plan. "It is unworkable," he replied.'
    )
    assert actors["Wikinews"].kind == "organisation"
    assert cues["Q1"].name == "Kevin Marsh"


def test_quoted_words_listed_before_the_speaker_are_all_the_speakers() -> None:
    cues = cues_of('The plan is "unworkable", "costly" and "dangerous", Kevin Marsh said.')
    assert [cues[q].name for q in ("Q1", "Q2", "Q3")] == ["Kevin Marsh"] * 3
    # but a speaker cued before the first keeps it
    text = (
        "After Tom Hale announced his bid with a speech that called them “criminals” and "
        "“thieves”, Jane Ford wrote a blog."
    )
    assert cues_of(text)["Q1"].name == "Tom Hale"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Kevin Marsh declined to comment. His spokesman said it was "unworkable".', "Kevin Marsh"),
        (
            'Jane Ford declined to comment. Her lawyer said the charges were "baseless".',
            "Jane Ford",
        ),
        ('Kevin Marsh stayed away, but his office said it was "unworkable".', "Kevin Marsh"),
    ],
)
def test_a_pronouns_spokesman_speaks_for_the_one_it_stands_for(text: str, speaker: str) -> None:
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == (speaker, "pronoun_continues"), cue


def test_a_pronouns_campaign_inside_a_phrase_is_no_speaker() -> None:
    text = 'Jane Ford won. Kevin Marsh has throughout his campaign boasted of "huge crowds".'
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.name == "Kevin Marsh", cue


def test_a_speaker_with_words_of_its_own_after_a_list_is_not_the_lists() -> None:
    text = (
        "As Tom Hale went on about “a rigged system” and “struggling families”, Jane Ford "
        "said yes, yes, yes, over and over."
    )
    assert "Q1" not in cues_of(text)
