"""Speaker cues by rule: one cue at most per quotation or reported-speech sentence, the rule
that produced it and the span of the words naming the speaker; none when nothing names one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer.index.actors import find_actors
from summarizer.index.quotations import find_quotations
from summarizer.index.speakers import find_speaker_cues
from summarizer.index.units import SpeakerCue
from tests.test_actors import sentences_of

SEED = Path(__file__).parent.parent / "seeds" / "trump-putin-call-ukraine.txt"

Expected = dict[str, tuple[str, str, str] | None]  # target → (rule, speaker name, span text)


def cues_of(text: str) -> dict[str, SpeakerCue]:
    sentences = sentences_of(text)
    actors = find_actors(text, sentences)
    cues = find_speaker_cues(text, sentences, find_quotations(text), actors)
    assert len({c.target for c in cues}) == len(cues), "one cue per target"
    ids = {a.id: a.name for a in actors}
    for c in cues:
        assert c.actor is None or ids[c.actor] == c.name
    return {c.target: c for c in cues}


def check(
    text: str, expected: Expected, cues_by: Callable[[str], dict[str, SpeakerCue]] = cues_of
) -> None:
    """The cues ``cues_by`` finds in ``text`` (the stand-in splitter's, by default) for the
    targets of ``expected``."""
    cues = cues_by(text)
    got: Expected = {
        target: (c.rule, c.name, text[c.start : c.end]) if (c := cues.get(target)) else None
        for target in expected
    }
    assert got == expected


CASES: list[tuple[str, Expected]] = [
    # "X said" after a quotation, an honorific resolved to the full name.
    (
        "John Smith is the mayor.\n“We will rebuild,” Mr. Smith said.",
        {"Q1": ("name_said", "John Smith", "Mr. Smith")},
    ),
    # "said X" inverted, with an apposition after the name.
    (
        "“The review found errors,” said Michael R. Golden, the GAO's general counsel.",
        {"Q1": ("said_name", "Michael R. Golden", "Michael R. Golden")},
    ),
    # "X, the ..., said" in a sentence without a quotation.
    (
        "Annalena Baerbock, the foreign minister, said the talks had failed.",
        {"S1": ("name_said", "Annalena Baerbock", "Annalena Baerbock")},
    ),
    # Other speech verbs, with auxiliaries and adverbs between.
    (
        "Volodymyr Zelensky has consistently emphasized that sovereignty is not negotiable.",
        {"S1": ("name_said", "Volodymyr Zelensky", "Volodymyr Zelensky")},
    ),
    # "according to" with the speaker's title before the name.
    (
        "The issue has been resolved, according to Airbus spokesman Jaime Perez-Guerra.",
        {"S1": ("according_to", "Jaime Perez-Guerra", "Jaime Perez-Guerra")},
    ),
    # "X told Y": the speaker is X, not the newspaper told.
    (
        "Alexander Grushko told the newspaper Izvestia that Russia wants guarantees.",
        {"S1": ("name_told", "Alexander Grushko", "Alexander Grushko")},
    ),
    # "X quoted Y as saying": the speaker is Y.
    (
        "Alexander Grushko is a deputy minister.\n"
        "“We will demand guarantees,” Izvestia quoted Mr. Grushko as saying.",
        {"Q1": ("as_saying", "Alexander Grushko", "Mr. Grushko")},
    ),
    (
        "Alexander Grushko was quoted as saying “nothing has been agreed yet”.",
        {"Q1": ("as_saying", "Alexander Grushko", "Alexander Grushko")},
    ),
    # A name and verb introducing the quotation with a colon.
    (
        "Donald Trump spoke. Asked about land, Mr. Trump remarked: “We will discuss land.”",
        {"Q1": ("colon_intro", "Donald Trump", "Mr. Trump")},
    ),
    # A statement from an institution.
    (
        "A statement from the Kremlin said the call was productive.",
        {"S1": ("in_a_statement", "Kremlin", "Kremlin")},
    ),
    # The main clause's speaker, not the one it reports.
    (
        "Dmitry Peskov said that Vladimir Putin had told Donald Trump nothing.",
        {"S1": ("name_said", "Dmitry Peskov", "Dmitry Peskov")},
    ),
    # A name inside the quotation is never its speaker.
    (
        "Donald Trump met Vladimir Putin.\n"
        "“President Putin said nothing,” Mr. Trump told reporters.",
        {"Q1": ("name_told", "Donald Trump", "Mr. Trump")},
    ),
    # A spokesperson named after their employer speaks; the one told before only listens.
    (
        "In an email to Reuters, spokesperson for Acme Corp Linda Harris called the delay"
        " “regrettable but necessary for the safety of everyone”.",
        {"Q1": ("name_said", "Linda Harris", "Linda Harris")},
    ),
    # No rule attributes the quotation: the named subject opening its clause.
    (
        "In January 2021, Governor Jane Smith signed an order that paused “new drilling"
        " permits on state lands” for a year.",
        {"Q1": ("sentence_subject", "Jane Smith", "Jane Smith")},
    ),
    (
        "Mayor Ana Ruiz addressed supporters at the city hall: “We will rebuild every home"
        " that the river took from us.”",
        {"Q1": ("sentence_subject", "Ana Ruiz", "Ana Ruiz")},
    ),
    # A clause joined after another with its own verb is no list of subjects.
    (
        "Mayor Ana Ruiz spoke to the press, and Senator Tom Bell wrote: “We will rebuild every"
        " home that the river took.”",
        {"Q1": ("colon_intro", "Tom Bell", "Tom Bell")},
    ),
    # A state's body speaks, not the state.
    (
        "Russia fired missiles overnight. On Sunday, the Russian defence ministry said: “All"
        " targets were hit with precision weapons.”",
        {"Q1": ("colon_intro", "Russian defence ministry", "Russian defence ministry")},
    ),
    # "it said": the last organisation cued.
    (
        "The Kremlin said the talks went well. It added that a summit was possible.",
        {"S1": ("name_said", "Kremlin", "Kremlin"), "S2": ("pronoun_continues", "Kremlin", "It")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rule_names_the_speaker(text: str, expected: Expected) -> None:
    check(text, expected)


def test_pronoun_continues_the_last_person_speaker_of_the_paragraph_before() -> None:
    text = (
        "Mike Waltz is the adviser.\n"
        "“We must consider the reality,” Mr. Waltz responded.\n"
        "“We can discuss what is right or wrong,” he added."
    )
    check(
        text,
        {
            "Q1": ("name_said", "Mike Waltz", "Mr. Waltz"),
            "Q2": ("pronoun_continues", "Mike Waltz", "he"),
        },
    )


def test_a_quotation_over_several_paragraphs_continues_its_speaker() -> None:
    text = (
        "Donald Trump spoke on Sunday.\n"
        "“We aim to end the war,” Mr. Trump told reporters. “Perhaps we can, perhaps not.”\n"
        "“I will be speaking with the other side on Tuesday. Much work has been done.”\n"
        "The talks will be held in Geneva."
    )
    check(
        text,
        {
            "Q1": ("name_told", "Donald Trump", "Mr. Trump"),
            "Q2": ("paragraph_continues", "Donald Trump", "Mr. Trump"),
            "Q3": ("paragraph_continues", "Donald Trump", "Mr. Trump"),
        },
    )


def test_an_earlier_quotation_takes_the_cue_later_in_its_paragraph() -> None:
    text = "John Smith is the mayor.\n“It is over.” “We will rebuild the town,” Mr. Smith said."
    check(
        text,
        {
            "Q1": ("paragraph_continues", "John Smith", "Mr. Smith"),
            "Q2": ("name_said", "John Smith", "Mr. Smith"),
        },
    )


NO_CUE = [
    # A quotation alone, not opening after a cued paragraph: nothing names a speaker.
    "Crowds gathered in the square.\nThe banner read “This is the end of an era for us all.”",
    # Reported speech with no named speaker.
    "Officials said the talks would resume on Monday.",
    # Several speakers: one cue cannot name them all.
    "Mr. Witkoff, Secretary of State Marco Rubio, and National Security Adviser Mike Waltz "
    "said the talks were hard.",
    "Britain and France said they would send troops.",
    # A scare quote and a title without a speech verb.
    "Russia is seeking “ironclad” assurances from the West.",
    "She watched “Gone With The Wind” again last night.",
    # A passive "told": the name is the listener.
    "John Smith was told to leave the building.",
    # A pronoun with nobody cued before it.
    "He said the plan would work.",
    "“Stop it now!” he said.",
    # A clause's subject is no speaker when an unnamed one speaks, when it is one of a list
    # or when it is the subject of a clause inside another.
    "Resident Maria Lopez left early, and another said tenants “cannot live like this any longer”.",
    "Mayor Ana Ruiz left the meeting early, with one resident adding that tenants “cannot live"
    " like this any longer”.",
    "Reuters interviewed Tom Bell, the head of a local group, whose members said"
    " the parade was “especially” welcome.",
    "Britain, France and Germany signed a pact: “We will rebuild every home that the river took.”",
    "Mayor Ana Ruiz and Senator Tom Bell signed a pact: “We will rebuild every home that the"
    " river took.”",
    "News outlets reported Bob Dylan remained silent at his concerts, playing songs such as"
    " “Why Try to Change Me Now.”",
    # The object of a verb's "-ing" form does not speak: the officer claims.
    "An officer who admitted to shooting Nahel Merzouk claimed he aimed for the leg.",
    # A role noun, not a name: the model may resolve it, the rule does not guess.
    "Addressing a conference in Wyoming, the bank chief said growth was near.",
]


@pytest.mark.parametrize("text", NO_CUE)
def test_no_cue_when_nothing_names_a_speaker(text: str) -> None:
    assert cues_of(text) == {}


def test_without_sentences_the_line_is_cut_at_full_stops() -> None:
    text = "John Smith said “we are done here.” He left. “Stop it now!” he said. It was late."
    quotations = find_quotations(text)
    cues = find_speaker_cues(text, [], quotations, find_actors(text, []))
    assert [(c.target, c.rule, c.name) for c in cues] == [
        ("Q1", "name_said", "John Smith"),
        ("Q2", "pronoun_continues", "John Smith"),
    ]


def test_an_ambiguous_surname_is_cued_unresolved() -> None:
    text = "Hillary Clinton and Bill Clinton arrived. Clinton said the race was close."
    cue = cues_of(text)["S2"]
    assert (cue.rule, cue.actor, cue.name) == ("name_said", None, "Clinton")
    assert text[cue.start : cue.end] == "Clinton"


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    cues = cues_of(text)
    quotes = {f"Q{q.number}": q.text for q in find_quotations(text)}

    def speaker(target: str) -> tuple[str, str]:
        return cues[target].rule, cues[target].name

    def quote(start: str) -> str:
        return next(t for t, q in quotes.items() if q.startswith(start))

    assert speaker(quote("We aim")) == ("name_told", "Donald Trump")
    assert speaker(quote("Perhaps we can")) == ("paragraph_continues", "Donald Trump")
    assert speaker(quote("I will be communicating")) == ("paragraph_continues", "Donald Trump")
    assert speaker(quote("We will discuss land")) == ("colon_intro", "Donald Trump")
    assert speaker(quote("We must consider")) == ("colon_intro", "Mike Waltz")
    assert speaker(quote("We can discuss what")) == ("pronoun_continues", "Mike Waltz")
    assert speaker(quote("We will demand")) == ("as_saying", "Alexander Grushko")
    assert speaker(quote("If they are deployed")) == ("name_said", "Alexander Grushko")
    assert speaker(quote("We can discuss unarmed")) == ("paragraph_continues", "Alexander Grushko")
    by_sentence = {c.name for t, c in cues.items() if t.startswith("S")}
    assert {"Dmitry Peskov", "Volodymyr Zelensky", "Kaja Kallas"} <= by_sentence
    # "Mr. Witkoff, Secretary of State Marco Rubio, and … Mike Waltz, underscored": a list.
    underscored = next(s for s in sentences_of(text) if "underscored" in s.text)
    assert underscored.id not in cues
    for c in cues.values():
        assert c.actor is not None
