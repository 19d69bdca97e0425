"""Speaker cues for more shapes read on the misses of PolNeAR's training split (see
``test_speaker_us_news.py``, whose table is full): one constructed sentence per pattern, and
the pitfalls each change must not fall into."""

from __future__ import annotations

import pytest

from summarizer.index import index_article
from tests.test_speaker_us_news import indexed_cues
from tests.test_speakers import Expected, check

CASES: list[tuple[str, Expected]] = [
    # A title word that is also a family name, after a given name: "Mark Singer".
    (
        "On his wall, the magazine writer Mark Singer keeps a note. “It is a treasure,” "
        "Mr. Singer said.",
        {"Q1": ("name_said", "Mark Singer", "Mr. Singer")},
    ),
    # A web address inside an apposition ends no sentence.
    (
        "Polls moved. “She needs a plan for those voters,” Nate Ross, the polling guru who "
        "founded pollwatch.com, tweeted on Wednesday.",
        {"Q1": ("name_said", "Nate Ross", "Nate Ross")},
    ),
    # A suffix's point before an apposition: "X Jr., the director of Y, said".
    (
        "Talks stalled. “The network sells fear,” James B. Hale Jr., the director of the "
        "agency, said.",
        {"Q1": ("name_said", "James B. Hale Jr", "James B. Hale Jr")},
    ),
    # A capitalised apposition between a new subject and its verb: "he" is that subject.
    (
        "Maj. Alan Ford explained the mission. “It works,” he said. Staff Sgt. Jason Moor, "
        "Co. C, 199th FSB, was involved in the screening and said nothing was wrong. “It "
        "was mainly just the common cold,” he said.",
        {"Q2": ("pronoun_continues", "Jason Moor", "he")},
    ),
    # "and then X says:": a clause after a clause, not a list of subjects.
    (
        "The crowd cheers, and then Lance Ward says: “God has chosen this man.”",
        {"Q1": ("colon_intro", "Lance Ward", "Lance Ward")},
    ),
    # "continues" beside a quotation, inverted.
    (
        "Lance Ward spoke at length. “God has chosen this man,” continues Ward.",
        {"Q1": ("said_name", "Lance Ward", "Ward")},
    ),
    # "remembered" and "pressed" beside a quotation.
    (
        "Carla Ruiz rose fast. “Analysts said she would fail,” remembered Roy Vale, the "
        "firm's former spokesman.",
        {"Q1": ("said_name", "Roy Vale", "Roy Vale")},
    ),
    (
        "Sean Hart met the candidate. “Would it be negotiable?” Hart pressed.",
        {"Q1": ("name_said", "Sean Hart", "Hart")},
    ),
    # "blogged" is a verb of speech; "he" is the one who blogged.
    (
        "Voters are split. Ed Kray may have said it best when he blogged: “She is as close "
        "to a candidate as this cycle will see.”",
        {"Q1": ("pronoun_continues", "Ed Kray", "he")},
    ),
    # A headline's "X on Y: “…”": X speaks about Y.
    (
        "Laval on Berrin: “He is not ready for peace”\n\nFrench President Paul Laval spoke "
        "about Boris Berrin on Monday.",
        {"Q1": ("colon_intro", "Paul Laval", "Laval")},
    ),
    # A second quotation of one reported clause carries on its speaker, though the clause
    # names somebody else between the two.
    (
        "Britain voted. Frank Lutz, a pollster, said Mr. Cole and the “Remain” camp had "
        "failed to “personalize or humanize their campaign.”",
        {"Q2": ("paragraph_continues", "Frank Lutz", "Frank Lutz")},
    ),
    # "had this to say:", "was quick to add", "went so far as to say:".
    (
        "Critics piled on. The columnist David Auer had this to say: “Twitter is over.”",
        {"Q1": ("colon_intro", "David Auer", "David Auer")},
    ),
    (
        "Critics piled on. The columnist David Auer went so far as to say: “Twitter is over.”",
        {"Q1": ("colon_intro", "David Auer", "David Auer")},
    ),
    # "reacted" and "questioned" beside a quotation.
    (
        "Ann Cole spoke. “Is she profiling?” reacted Donald Trump.",
        {"Q1": ("said_name", "Donald Trump", "Donald Trump")},
    ),
    (
        "Glenn Bell spoke. “What made him change so fundamentally?” Bell questioned.",
        {"Q1": ("name_said", "Glenn Bell", "Bell")},
    ),
    # A transcript's turn with a lawmaker's party before its colon, no space after it.
    (
        'The hearing began.\n\nRep. Trey Gold (R-S.C.):"I have not heard anyone say that."',
        {"Q1": ("colon_intro", "Trey Gold", "Trey Gold")},
    ),
    # An ordinal before a rank after an inverted verb.
    (
        "Troops voted. “I really don’t understand it,” said 1st Lt. Tyler Lane.",
        {"Q1": ("said_name", "Tyler Lane", "Tyler Lane")},
    ),
    # ... and of two people named before "she said", the one acting across such an apposition.
    (
        "The boy was examined by Dr. Kim Gallo. Sgt. Lee Crane, Co. C, 199th FSB, was a nurse "
        "at home. “This is the busy season,” she said.",
        {"Q1": ("pronoun_continues", "Lee Crane", "she")},
    ),
    # A speech's opening words: "X's introduction began:", "the Academy's report, Title,
    # begins:".
    (
        "Pop singer Ann Vale opened the concert. Vale’s introduction began: “Twenty years ago, "
        "I performed at Live Aid.”",
        {"Q1": ("on_behalf_of", "Ann Vale", "Vale")},
    ),
    (
        "Warming is real. The National Academy of Sciences report, Climate Change Science: An "
        "Analysis, begins: “Greenhouse gases are accumulating.”",
        {"Q1": ("colon_intro", "National Academy of Sciences", "National Academy of Sciences")},
    ),
    # A title's point between a quoting verb and its quotation ends no clause.
    (
        "Obama spoke. Ann Moore, a senior adviser to the campaign, called Mr. Obama's remarks "
        "“a true wake-up call” to his supporters.",
        {"Q1": ("name_said", "Ann Moore", "Ann Moore")},
    ),
    # "footage of X saying": X's words.
    (
        "The ad is new. It features a clip of Hillary Clinton saying, “Why aren’t I ahead?”",
        {"Q1": ("name_saying", "Hillary Clinton", "Hillary Clinton")},
    ),
    # A question whose nested quotation closes first, then the name that said it.
    (
        "Amanda Reyes spoke. “We asked, what can we do to help?’” Reyes said.",
        {"Q1": ("name_said", "Amanda Reyes", "Reyes")},
    ),
    # "with X (reportedly) yelling: “…”".
    (
        "At a rally, supporters punched a protester, with Donald Trump reportedly yelling: “Get "
        "him out of here!”",
        {"Q1": ("name_saying", "Donald Trump", "Donald Trump")},
    ),
    # A new subject after an undotted honorific opens its sentence: "he" is that one.
    (
        "Prof Alex Marsh said it was “bizarre” that the Government had accepted the ban. Mr "
        "John Reed accepted that people had a right to choose. “But people do not have the "
        "right to damage the health of others,” he said.",
        {"Q2": ("pronoun_continues", "John Reed", "he")},
    ),
]

PITFALLS: list[tuple[str, Expected]] = [
    # ... but "a letter to X saying" is not X's.
    (
        "He sent a letter to Donald Trump saying “You are fired.”",
        {"Q1": None},
    ),
    # "The report began in 2010": no colon, no speech.
    (
        "The report began in 2010. “It was long,” John Vale said.",
        {"Q1": ("name_said", "John Vale", "John Vale")},
    ),
    # ... not away from one.
    (
        "Glenn Bell questioned the decision. “It was bad,” Tom Hale said.",
        {"Q1": ("name_said", "Tom Hale", "Tom Hale")},
    ),
    # ... and with nobody named before "on", nobody is read.
    (
        "News Chief On Berrin: “We Do Not Pay Candidates”\n\nNews chief Jeff Zane isn’t "
        "kowtowing to Boris Berrin.",
        {"Q1": None},
    ),
    # "Unrest continues": not speech away from a quotation.
    (
        "Unrest continues in the city, officials said. “It is bad,” John Vale said.",
        {"Q1": ("name_said", "John Vale", "John Vale")},
    ),
    # "remembered X" away from a quotation is no speech of X's.
    (
        "He remembered Roy Vale as a friend. “It was good,” Tom Hale said.",
        {"Q1": ("name_said", "Tom Hale", "Tom Hale")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES + PITFALLS)
def test_more_us_news_speaker_shapes(text: str, expected: Expected) -> None:
    check(text, expected, indexed_cues)


@pytest.mark.parametrize(
    "opening", ["Regardless", "Separately", "Ultimately", "Initially", "Clearly", "Otherwise"]
)
def test_a_sentence_adverb_is_no_actor(opening: str) -> None:
    """ "Regardless, the State Department said …" made "Regardless" an actor and the
    department's next quotation its words."""
    text = (
        f"The fax was lost. {opening}, the State Department said it found no evidence. "
        "“We looked everywhere,” the department said."
    )
    index = index_article(text)
    assert opening not in [a.name for a in index.actors]
    assert "State Department" in [a.name for a in index.actors]


def test_a_singer_by_trade_keeps_a_title() -> None:
    """ "Singer" after a given name is a family name, but a singer's title is a title."""
    index = index_article("The country singer Dolly Parton spoke. “It is fine,” Parton said.")
    assert [a.name for a in index.actors] == ["Dolly Parton"]
