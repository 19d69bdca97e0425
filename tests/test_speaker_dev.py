"""Actors and speaker cues for the patterns read on the development articles (TimeSET lines
outside the annotated test set, SemEval-2015 timelines): one constructed sentence per
pattern, and the pitfalls each rule must not fall into (a wrong cue is worse than none)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_bench
from tests.test_actors import actors_of, by_name
from tests.test_speakers import Expected, check, cues_of

ROOT = Path(__file__).resolve().parents[1]
# TimeSET (Hasegawa et al.), Wikinews, CC BY 4.0: a copy in tests/data (see its README).
TIMESET = ROOT / "tests" / "data" / "timeset.jsonl"

PATTERNS: list[tuple[str, Expected]] = [
    # A passive "was quoted … as saying", a stray comma and a phrase between.
    (
        "The director, Dr. John Hellerstedt, was quoted in the release as saying, "
        "“The disease is serious for people with weak immune systems.”",
        {"Q1": ("as_saying", "John Hellerstedt", "John Hellerstedt")},
    ),
    # A relative clause between the name and its verb, then a colon.
    (
        "Israeli Ohad Huri, who dyed his beard, told the AP: “I want to save my rights.”",
        {"Q1": ("colon_intro", "Ohad Huri", "Ohad Huri")},
    ),
    # A stray comma before the verb, a phrase after it.
    (
        "The Minister of Culture, Mohamed al-Ahmad, said in a speech, “The museum is open again "
        "today.”",
        {"Q1": ("name_said", "Mohamed al-Ahmad", "Mohamed al-Ahmad")},
    ),
    # Where the words were said, between the subject and its verb; the BBC is no subject.
    (
        "Prime Minister Abdiweli Ali in an interview with the BBC said the camp had opened.",
        {"S1": ("name_said", "Abdiweli Ali", "Abdiweli Ali")},
    ),
    # An apposition holding a title, capitalised.
    (
        "“It is absurd that they preside over the council,” Dmytro Kuleba, Ukraine's foreign "
        "minister, said.",
        {"Q1": ("name_said", "Dmytro Kuleba", "Dmytro Kuleba")},
    ),
    # The apposition's closing comma missing.
    (
        "Glen Collins, the second protester said, “We are barricading this pipe today.”",
        {"Q1": ("name_said", "Glen Collins", "Glen Collins")},
    ),
    # "X of Y said": the affiliation is not the speaker.
    (
        "James Nixey of Chatham House, an independent institute, wrote to NBC News: “Let us be "
        "clear on what this is not.”",
        {"Q1": ("colon_intro", "James Nixey", "James Nixey")},
    ),
    # "X, who said:" — the name a relative pronoun follows.
    (
        "The resolution was sponsored by Representative Matt Gaetz, who said: “Congress has "
        "never authorized this.”",
        {"Q1": ("colon_intro", "Matt Gaetz", "Matt Gaetz")},
    ),
    # Lower-case role words between an inverted verb and the name.
    (
        "“I am still a little bit in shock. It was a nightmare,” said nurse Ivonne Lugo Durantes.",
        {"Q1": ("said_name", "Ivonne Lugo Durantes", "Ivonne Lugo Durantes")},
    ),
    # A long description, the name set off by a comma; an age before the name.
    (
        "“A boat with 257 migrants on board sank on Sunday,” said the IOM chief of mission in "
        "Libya's capital of Tripoli, Laurence Hart.",
        {"Q1": ("said_name", "Laurence Hart", "Laurence Hart")},
    ),
    (
        "“It is very frustrating,” commented a commuter, 41-year-old Joseph Lim.",
        {"Q1": ("said_name", "Joseph Lim", "Joseph Lim")},
    ),
    # An inverted name followed by where it was said.
    (
        "“Central banks have acted together,” said US Treasury Secretary Henry Paulson in a "
        "statement after the meeting.",
        {"Q1": ("said_name", "Henry Paulson", "Henry Paulson")},
    ),
    # An organisation subject: "the West Midlands Police said".
    (
        "“Police can confirm three of the boys were 17,” the West Midlands Police said in a "
        "statement.",
        {"Q1": ("name_said", "West Midlands Police", "West Midlands Police")},
    ),
    # A voice: the words are the organisation's.
    (
        "“Crews arrived to find a car in a collision,” a spokesperson for the West Midlands "
        "Ambulance Service said.",
        {
            "Q1": (
                "on_behalf_of",
                "West Midlands Ambulance Service",
                "West Midlands Ambulance Service",
            )
        },
    ),
    (
        "The Council of the European Union's Swedish presidency stated: “The Chips Act will "
        "boost the ecosystem.”",
        {
            "Q1": (
                "on_behalf_of",
                "Council of the European Union",
                "Council of the European Union",
            )
        },
    ),
    # …but a spokesperson named beside it speaks.
    (
        "Sgt. Kimberly Schneider, Capitol Police spokeswoman did say, “The United States Capitol "
        "Police are continuing to investigate.”",
        {"Q1": ("name_said", "Kimberly Schneider", "Kimberly Schneider")},
    ),
    (
        "Chris Perille, a spokesperson for formula maker Mead Johnson Nutrition, has said: “The "
        "batch tested negative when it was produced.”",
        {"Q1": ("colon_intro", "Chris Perille", "Chris Perille")},
    ),
    # A participle: the subject of the clause it hangs on.
    (
        "Spokesperson of the Israeli Embassy in Australia Eman Amasha released a report on "
        "Sunday saying “Israel views the decision as a step in the right direction.”",
        {"Q1": ("name_saying", "Eman Amasha", "Eman Amasha")},
    ),
    (
        "Search and rescue was suspended, with Yevgeny Zinichev describing the “real threat of "
        "another part of the building collapsing”.",
        {"Q1": ("name_saying", "Yevgeny Zinichev", "Yevgeny Zinichev")},
    ),
    (
        "The Pakistan Telecommunication Authority (PTA) had imposed the ban Friday, alleging the "
        "websites hosted “sacrilegious content”.",
        {
            "Q1": (
                "name_saying",
                "Pakistan Telecommunication Authority",
                "Pakistan Telecommunication Authority",
            )
        },
    ),
    (
        "SMRT informed commuters of the disruption on Twitter at 5:48 pm, attributing it to a "
        "“train fault” at Tiong Bahru station.",
        {"Q1": ("name_saying", "SMRT", "SMRT")},
    ),
    # A verb that attributes the words in its own clause.
    (
        "One of the co-chairs, Debra Roberts, called the report the “largest clarion bell from "
        "the science community”.",
        {"Q1": ("name_said", "Debra Roberts", "Debra Roberts")},
    ),
    # "It went on to say:"
    (
        "The Foreign Ministry of Malaysia said the decision was premature. It went on to say: "
        "“Malaysia firmly believes that this is a humiliation.”",
        {
            "S1": ("name_said", "Foreign Ministry of Malaysia", "Foreign Ministry of Malaysia"),
            "Q1": ("pronoun_continues", "Foreign Ministry of Malaysia", "It"),
        },
    ),
    # "the statement said": the author of the statement reported before.
    (
        "British Prime Minister Gordon Brown issued a statement on Friday.\n"
        "“Kenya's leaders have reached a power-sharing agreement,” the statement said.",
        {
            "S1": ("name_said", "Gordon Brown", "Gordon Brown"),
            "Q1": ("noun_continues", "Gordon Brown", "the statement"),
        },
    ),
    # "the institute said": the one organisation named with that word.
    (
        "The Institute for the Study of War released a report on Monday.\n"
        "The institute further said: “Russia is employing an array of measures at home.”",
        {"Q1": ("noun_continues", "Institute for the Study of War", "The institute")},
    ),
    # "it said": the one organisation this paragraph names as a subject, not the speaker of
    # the paragraph before.
    (
        "West Midlands Railway said trains ran slowly.\n"
        "By then the Met Office had issued a warning. It said “sudden flooding could lead to "
        "closures”.",
        {"Q1": ("pronoun_continues", "Met Office", "It")},
    ),
    # "he said" with nobody cued yet: the one person the paragraph names.
    (
        "The president of Turkey, Recep Tayyip Erdoğan, visited the provinces on Wednesday. "
        "Erdoğan has faced criticism. “Of course, there are shortcomings,” he said.",
        {"Q1": ("pronoun_continues", "Recep Tayyip Erdoğan", "he")},
    ),
]


# Third round (twenty-nine more development articles).
PATTERNS += [
    # A verb that attributes a short quotation in a sentence with no speech verb.
    (
        "Iran called the accusations “baseless” on Friday.",
        {"Q1": ("name_said", "Iran", "Iran")},
    ),
    # A participle after the main clause, its subject titled after a weekday.
    (
        "On Wednesday the Albanian Prime Minister Edi Rama accused Iran of the attack, stating "
        "it was a bid to “paralyse public services”.",
        {"Q1": ("name_saying", "Edi Rama", "Edi Rama")},
    ),
    # A short quotation later in the cued one's sentence, another body named between.
    (
        "The OSCE said there was a “lack of genuine competition”, but the CEC had operated "
        "“efficiently and openly”.",
        {
            "Q1": ("name_said", "OSCE", "OSCE"),
            "Q2": ("paragraph_continues", "OSCE", "OSCE"),
        },
    ),
    # … and after a second verb of the same subject.
    (
        "On February 1, the PTA stated “the services have been degraded for 48 hours” and gave "
        "the Foundation until Friday to remove “unlawful” content.",
        {"Q2": ("paragraph_continues", "PTA", "PTA")},
    ),
    # An inverted verb opening the sentence, and the quotation running on.
    (
        "Mike Haines led the bid.\n\nSaid Haines: “We had to make a case.\n\n"
        "“We spoke to players.”",
        {
            "Q1": ("said_name", "Mike Haines", "Haines"),
            "Q2": ("paragraph_continues", "Mike Haines", "Haines"),
        },
    ),
    # "and" inside an organisation's name is no list of subjects.
    (
        "The search went on. National Search and Rescue Agency head Bambang Soelistyo says a "
        "“shadow” on the seabed is the wreck.",
        {"Q1": ("name_said", "Bambang Soelistyo", "Bambang Soelistyo")},
    ),
    # "who said" without its comma.
    (
        "The line was criticised by passenger group TravelWatch SouthWest who said the company "
        "had been “in complete denial” about the wall.",
        {"Q1": ("name_said", "TravelWatch SouthWest", "TravelWatch SouthWest")},
    ),
    # A sentence whose speech is a participle: what "he said" in the next paragraph means.
    (
        "Mr. Kibaki and Mr. Odinga signed the accord. Mr. Annan commended the two parties, "
        "saying they had reached a common position.\n\n“Compromise was necessary,” he said.",
        {
            "S2": ("name_saying", "Annan", "Mr. Annan"),
            "Q1": ("pronoun_continues", "Annan", "he"),
        },
    ),
    # "advised" reports speech.
    (
        "The Health Department has advised parents that “powdered formulas are not sterile”.",
        {"Q1": ("name_said", "Health Department", "Health Department")},
    ),
    # An apposition left open: its last name is not the subject.
    (
        "Erin Turner, head of policy at the consumer group Choice said the results are "
        "“astounding”.",
        {"Q1": ("name_said", "Erin Turner", "Erin Turner")},
    ),
    # A place in a list before a stray comma ("Esperanza, Sultan Kudarat, announced") does
    # not speak: the apposition, place and province, is the mayor's.
    (
        "Charles Plotena, the mayor of Esperanza, Sultan Kudarat, announced classes would be "
        "cancelled.",
        {"S1": ("name_said", "Charles Plotena", "Charles Plotena")},
    ),
    # Two titles of one person joined by "and" are no list of subjects (session 17, from the
    # blind positions set dev7).
    (
        "Study co-author and geochemist Seth John remarked in a press release, “There was no "
        "reason to expect this.”",
        {"Q1": ("name_said", "Seth John", "Seth John")},
    ),
    # A body's people speak for it, its name in initials with a number; an apposition ending
    # on a region; a communiqué it issued says what it says.
    (
        "Finance ministers and central bankers of the Group of Seven (G7), ending a summit in "
        "Niigata, Japan, issued a communiqué on Saturday. The plan would use aid. The "
        "communiqué said: “Diversification can help us.”",
        {
            "S1": ("on_behalf_of", "G7", "G7"),
            "Q1": ("noun_continues", "G7", "The communiqué"),
        },
    ),
    (
        "Officials of the Group of 20 (G20) said on Sunday that growth was “fragile”.",
        {"Q1": ("on_behalf_of", "G20", "G20")},
    ),
    # "say", the plural's present, is a speech verb.
    (
        "Capitol Hill Police reported that Kennedy was alone. Police also say his eyes were “red”.",
        {"Q1": ("name_said", "Capitol Hill Police", "Police")},
    ),
    ("The Greens say the plan is “a disgrace”.", {"Q1": ("name_said", "Greens", "Greens")}),
    # A document's publisher speaks for it; so does a body that released its report.
    (
        "According to a January Supplemental Environmental Impact Statement (SEIS) published by "
        "the Bureau of Land Management (BLM), the project would produce “600 million barrels”.",
        {"Q1": ("according_to", "Bureau of Land Management", "Bureau of Land Management")},
    ),
    # "according to" a described person: the name after the description.
    (
        "According to police spokesman John Smith, the man was “armed”.",
        {"Q1": ("according_to", "John Smith", "John Smith")},
    ),
    # An outlet whose name opens with "The".
    (
        "According to The Guardian, the bloc is “expected” to cut emissions by 46%.",
        {"Q1": ("according_to", "Guardian", "Guardian")},
    ),
    # A capitalised title set off by commas, then where the words were said.
    (
        "Maulid Warfa, UNICEF emergency officer, in an interview with state-run Radio "
        "Mogadishu, said a crisis “exists”.",
        {"Q1": ("name_said", "Maulid Warfa", "Maulid Warfa")},
    ),
    (
        "The Intergovernmental Panel on Climate Change (IPCC) released its Special Report on "
        "Global Warming on Monday. According to the report, the projects would need an "
        "“unprecedented” scale.",
        {
            "S1": ("name_said", "Intergovernmental Panel on Climate Change", "IPCC"),
            "Q1": ("noun_continues", "Intergovernmental Panel on Climate Change", "the report"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), PATTERNS)
def test_development_patterns_name_the_speaker(text: str, expected: Expected) -> None:
    check(text, expected)


PATTERN_NO_CUE: list[tuple[str, str]] = [
    # "said X" opening a report about X, far from any quotation.
    (
        "The indictment said staffer Walt Nauta, the co-defendant, found documents, one marked "
        "“SECRET REL TO USA, FVEY” on the floor.",
        "Q1",
    ),
    # "continued" far from a quotation is not speech.
    ("Unrest over the shooting in Nanterre, a suburb of Paris, continued last night.", "S1"),
    # A common word capitalised, then "of": "Associates of X alleged".
    ("Alexei Navalny fell ill. Associates of Navalny alleged he drank poisoned tea.", "S2"),
    # A name in a place phrase before an unrelated subject: "in Wyoming, the bank chief said".
    ("In Wyoming, the bank chief said growth was near.", "S1"),
    # "the war in Syria, which has claimed": Syria is an object.
    ("The war in Syria, which has claimed many lives, began in 2011.", "S1"),
    # An unnamed speaker: "quoted a Kremlin employee as saying", "with one observer stating".
    (
        "Verstka quoted a Kremlin employee as saying security was normal: “Nothing strange has "
        "happened here.”",
        "Q1",
    ),
    (
        "The Penn Road also flooded, with one observer stating to the paper: “I have never seen "
        "it like this.”",
        "Q1",
    ),
    # "it" with the paragraph before naming another speaker, and this one two organisations.
    (
        "West Midlands Railway said trains ran slowly.\n"
        "By then the Met Office and the Environment Agency had issued warnings. It said "
        "“sudden flooding could lead to closures”.",
        "Q1",
    ),
]


PATTERN_NO_CUE += [
    # Two subjects, one named by its translated initials.
    (
        "The Investigative Committee and the Federal Security Service (FSB) said gas was the "
        "trigger.",
        "S1",
    ),
    # After a quotation, a new clause is its own subject's report, not the quotation's cue.
    (
        "He was told by an aide of “presumably forty people under the rubble”, while Governor "
        "Oleg Klimov indicated 68 people were missing.",
        "Q1",
    ),
    # A paragraph's speaker does not continue into a sentence about somebody else.
    (
        "Premier Annastacia Palaszczuk said that it was an “unthinkable tragedy”. Friends of "
        "Ash Jenkinson, the pilot, remembered him as a “big guy with a big heart”.",
        "Q2",
    ),
]


PATTERN_NO_CUE += [
    # "so-called" attributes nothing; a name opening a sentence after "Said" is no verb.
    ("Russia began its so-called “special operation” in 2022.", "Q1"),
    ("Said Abdullah arrived on Monday with a “gift”.", "Q1"),
    # A short quotation after a cued one, an unnamed speaker between.
    (
        "Resident Chris Hopkins said his family returned home “in August” after the flooding "
        "and another said tenants “cannot live there”.",
        "Q2",
    ),
]


PATTERN_NO_CUE += [
    # Joined titles stop where a list restarts: a determiner, or a name, after "and".
    ("His lawyer and his brother Ted Smith said the verdict was “unjust”.", "Q1"),
    ("The company chairman and Bob Jones said the deal was “done”.", "Q1"),
    # A verb in parentheses speaks only for a quotation inside them.
    (
        "One day the maxim (a mis-quotation of what Charles Erwin Wilson once testified before "
        "the Senate) would be true that “what is good for General Motors is good for America.”",
        "Q1",
    ),
]


def test_a_verb_in_parentheses_names_the_speaker_of_a_quotation_inside_them() -> None:
    text = (
        "Boeing (whose spokesman William Barksdale said it was “disappointed”) will review the "
        "award."
    )
    assert cues_of(text)["Q1"].name == "William Barksdale"


def test_the_object_of_a_preposition_does_not_do_the_participle() -> None:
    # "a letter to X accusing": the letter's writer accuses; "with X saying" is X's.
    text = "Ana Ruiz wrote a letter to chief executive Mark Lee accusing his firm of a “copycat”."
    assert cues_of(text)["Q1"].name == "Ana Ruiz"
    text = "The rally ended, with Mayor John Smith saying “we will rebuild”."
    assert cues_of(text)["Q1"].name == "John Smith"


@pytest.mark.parametrize(("text", "target"), PATTERN_NO_CUE)
def test_development_pitfalls_get_no_cue(text: str, target: str) -> None:
    assert target not in cues_of(text)


def test_a_new_clause_introducing_the_next_quotation_is_not_the_first_ones_cue() -> None:
    text = (
        "Prosecutor Eduardo Montealegre said the country “must move toward a peace process” "
        "whilst Daniel García-Peña, a peace commissioner, said: “I am upbeat about the talks.”"
    )
    cues = cues_of(text)
    assert cues["Q2"].name == "Daniel García-Peña"
    assert "Q1" not in cues or cues["Q1"].name != "Daniel García-Peña"


# (article, name, kind): the actors the development articles showed missing.
FOUND = [
    # An organisation word ends a run, even one that opens sentences ("Police").
    ("“Three boys died,” the West Midlands Police said.", "West Midlands Police", "organisation"),
    # An organisation's complement, "and" inside it.
    ("The Institute for the Study of War said the strike was staged.", None, None),
    (
        "The Missouri Department of Health and Senior Services said tests continue.",
        "Missouri Department of Health and Senior Services",
        "organisation",
    ),
    # The organisation closing a title.
    (
        "The Commissioner of the Texas Department of State Health Services, Dr. John "
        "Hellerstedt, said the case was confirmed.",
        "Texas Department of State Health Services",
        "organisation",
    ),
    # A nationality or a place before the name describes it.
    ("Israeli Ohad Huri told the AP he wants equality.", "Ohad Huri", "person"),
    (
        "Spokesperson of the Israeli Embassy in Australia Eman Amasha said it was a step.",
        "Eman Amasha",
        "person",
    ),
    # A lower-case role before the name is its title; an initial "A." inside a name.
    ("“It was a nightmare,” said nurse Ivonne Lugo Durantes.", "Ivonne Lugo Durantes", "person"),
    (
        "US District Judge Terry A. Doughty said the pause was unlawful.",
        "Terry A. Doughty",
        "person",
    ),
    # An Arabic article inside a name; a stray comma before the verb is speech.
    ("Minister Mohamed al-Ahmad, said the museum had reopened.", "Mohamed al-Ahmad", "person"),
    # Countries beyond the first list.
    ("Senegal said it would send troops.", "Senegal", "state"),
]


FOUND += [
    # "and" inside an organisation's name, when the article writes one of its words in lower
    # case; two firms stay two.
    (
        "The search went on. The National Search and Rescue Agency said it would go on.",
        "National Search and Rescue Agency",
        "organisation",
    ),
    ("Google and Apple Inc said they would appeal.", "Apple Inc", "organisation"),
    # An age in apposition says a full name is a person's.
    ("Diana Murugi, 72, lost her two sons in the fighting.", "Diana Murugi", "person"),
]


@pytest.mark.parametrize(("article", "name", "kind"), FOUND[:1] + FOUND[2:])
def test_development_actors_are_found(article: str, name: str, kind: str) -> None:
    actor = by_name(actors_of(article)).get(name)
    assert actor is not None, [a.name for a in actors_of(article)]
    assert actor.kind == kind


def test_an_organisation_name_runs_over_its_complement() -> None:
    names = [a.name for a in actors_of(FOUND[1][0])]
    assert names == ["Institute for the Study of War"]


def test_an_organisation_opening_a_sentence_keeps_its_first_word() -> None:
    # "bank" also stands in lower case in the article: still "Bank of America", not "America".
    text = "Bank of America Corporation lost money. According to the bank, the loss is large."
    assert [a.name for a in actors_of(text)] == ["Bank of America Corporation"]


def test_titles_from_roles_and_from_titles_closed_by_an_organisation() -> None:
    nurse = by_name(actors_of("“It was a nightmare,” said nurse Ivonne Lugo Durantes."))
    assert nurse["Ivonne Lugo Durantes"].title == "nurse"
    text = (
        "The Commissioner of the Texas Department of State Health Services, John Hellerstedt, "
        "said the case was confirmed."
    )
    person = by_name(actors_of(text))["John Hellerstedt"]
    assert person.title == "Commissioner of the Texas Department of State Health Services"


NOT_FOUND = [
    # Two organisations joined by "and" stay two.
    ("United Airlines and Continental Airlines said they would merge.", "and"),
    # "One" opening a sentence is no name.
    ("One, named Lima, told Agence France-Presse the election was fraudulent.", "One"),
    # A portfolio after "for" is no organisation.
    ("Janez Lenarčič, the European Commissioner for Crisis Management, called for aid.", "Crisis"),
    # An apposition closed by a stray comma does not speak: "an Alaska Republican, tweeted".
    ("US Senator Lisa Murkowski, an Alaska Republican, tweeted the same day.", "Republican"),
    (
        "Classes were cancelled by the mayor of Esperanza, Sultan Kudarat, announced officials.",
        "Sultan",
    ),
]


def test_a_capital_closing_a_longer_name_is_no_state() -> None:
    actors = actors_of("Real Madrid said on its website the player had signed.")
    assert [(a.name, a.kind) for a in actors] == [("Real Madrid", "organisation")]


@pytest.mark.parametrize(("article", "word"), NOT_FOUND)
def test_development_pitfalls_are_not_actors(article: str, word: str) -> None:
    assert all(word not in a.name for a in actors_of(article))


def _bench() -> ModuleType:
    return load_bench("speaker_rules")


def test_development_articles_keep_their_rule_figures() -> None:
    """The hand-annotated development articles (``tests/data/speaker_dev.json``): the rules
    list the speaker and name it in their cue at least as often as when the set was made."""
    bench = _bench()
    tally = bench.Tally()
    for label, text, _, quotes in bench.dev_articles():
        bench.score(label, text, quotes, tally)
    assert tally.found == tally.quotes
    # 91 articles since the fourth round (0.937, 0.782 and 0.910 when it was added; 0.961,
    # 0.807 and 0.927 after its rule changes; 0.964, 0.826 and 0.932 with the sentence's
    # subject as the last resort; scored since against every actor the annotation accepts,
    # 0.967, 0.857 and 0.954 once a state's bodies are actors).
    assert tally.listed / tally.found >= 0.96, tally.misses
    assert tally.cue_right / tally.found >= 0.85, tally.misses
    assert tally.cued_right / tally.cued >= 0.95, tally.misses
