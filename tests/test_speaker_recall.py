"""Speakers the actor list used to miss, in the classes news writes them: a role's employer
before an apposed name, parliamentary titles, portfolios, a name closing a title after an
organisation, a country's possessive, an organisation word alone, "the company". Each with the
pitfall its rule must not fall into: a junk actor is shown to the model too."""

from __future__ import annotations

import pytest

from tests.test_actors import actors_of, by_name
from tests.test_speakers import Expected, check, cues_of

SPOKEN: list[tuple[str, Expected]] = [
    # A role, its employer, then the name set off by commas.
    (
        "“We will appeal the ruling,” an attorney for Twitter, Alex Spiro, said on Monday.",
        {"Q1": ("name_said", "Alex Spiro", "Alex Spiro")},
    ),
    (
        "A spokeswoman at the Pentagon, Jane Roe, said the strike had been lawful.",
        {"S1": ("name_said", "Jane Roe", "Jane Roe")},
    ),
    (
        "The department declined to comment. A spokesman for the department, Marc Raimondi, "
        "said the agency “will review the complaint.”",
        {"Q1": ("name_said", "Marc Raimondi", "Marc Raimondi")},
    ),
    # Parliamentary titles, acronyms though they are.
    (
        "Conservative MP Jacob Rees-Mogg said: “Brexit means leaving the union.”",
        {"Q1": ("colon_intro", "Jacob Rees-Mogg", "Jacob Rees-Mogg")},
    ),
    (
        "MEP Anna Lind said, “We fought hard but achieved little.”",
        {"Q1": ("name_said", "Anna Lind", "Anna Lind")},
    ),
    # A portfolio after "for": the title's, not the name's.
    (
        "UN Commissioner for Human Rights Volker Türk said the verdict was “another blow to "
        "the rule of law.”",
        {"Q1": ("name_said", "Volker Türk", "Volker Türk")},
    ),
    # A name closing a title after an organisation word.
    (
        "Director of Climate Action Network Europe Wendel Trio said: “The target is not in "
        "line with the agreement.”",
        {"Q1": ("colon_intro", "Wendel Trio", "Wendel Trio")},
    ),
    (
        "Acting director of NASA's Planetary Science Division Lori Glaze said, “We have "
        "studied Mars from orbit.”",
        {"Q1": ("name_said", "Lori Glaze", "Lori Glaze")},
    ),
    # "who" after an apposition: the name before both speaks.
    (
        "The paper interviewed Ana Ruiz, the head of a local tenants group, who said the rent "
        "rise was “simply unfair”.",
        {"Q1": ("name_said", "Ana Ruiz", "Ana Ruiz")},
    ),
    # The agent of a passive speech verb speaks; one who asks does not.
    (
        "He was told by Emergencies Minister Yevgeny Zinichev of “presumably 40 people under "
        "the rubble”.",
        {"Q1": ("according_to", "Yevgeny Zinichev", "Yevgeny Zinichev")},
    ),
    ("Ana Ruiz was asked by Tom Berg whether it was “a disaster”.", {}),
    # A participle between the name and its verb says how, not who.
    (
        "Chief Prosecutor Eduardo Montealegre commenting on Monday said the country “must "
        "move toward a peace process”.",
        {"Q1": ("name_said", "Eduardo Montealegre", "Eduardo Montealegre")},
    ),
    (
        "Ana Ruiz speaking with Tom Berg said it was “a disaster”.",
        {"Q1": ("name_said", "Ana Ruiz", "Ana Ruiz")},
    ),
    # An apposition of two parts.
    (
        "Acme Security Inc, the company behind the scanners, a screening system at the gates, "
        "had stated that they “are deeply committed to safety”.",
        {"Q1": ("name_said", "Acme Security Inc", "Acme Security Inc")},
    ),
    # "…, with X stating": the participle's subject speaks, not the main clause's.
    (
        "The Taliban have claimed the attack, with Taliban spokesperson Zabiullah Mujahid "
        "stating: “We claim responsibility for the attack.”",
        {"Q1": ("name_saying", "Zabiullah Mujahid", "Zabiullah Mujahid")},
    ),
    (
        "Ana Ruiz said, with Tom Berg beside her, that it was “a disaster”.",
        {"Q1": ("name_said", "Ana Ruiz", "Ana Ruiz")},
    ),
    # "she said" opening nothing cued: the one person the paragraph before names.
    (
        "Gordon Brown said the deal was “a good start”.\nAna Ruiz, 72, lost her two sons in "
        "the fighting.\n“How will I forgive them? It is impossible,” she said.",
        {
            "Q1": ("name_said", "Gordon Brown", "Gordon Brown"),
            "Q2": ("pronoun_continues", "Ana Ruiz", "she"),
        },
    ),
    ("Ana Ruiz and Eva Lind lost their sons in the fighting.\n“It is impossible,” she said.", {}),
    # A web outlet: one word with its domain.
    (
        "One news site, Znak.com, claims the explosion was a gas leak. Znak.com further "
        "reported that the tenant had moved in the day before.",
        {"S1": ("name_said", "Znak.com", "Znak.com"), "S2": ("name_said", "Znak.com", "Znak.com")},
    ),
    # Rejecting something "as" quoted words attributes them, as "called" does.
    (
        "The Alliance of Motion Picture and Television Producers (AMPTP) met the union. The "
        "AMPTP has rejected the union's proposals as a “hiring quota”.",
        {
            "Q1": (
                "name_said",
                "Alliance of Motion Picture and Television Producers",
                "AMPTP",
            )
        },
    ),
    # A second verb of the same subject attributes its own quoted words.
    (
        "Albania cut ties. Iran called the accusations “baseless” and deemed the cutting of "
        "diplomatic ties to be “ill-considered and short-sighted”.",
        {"Q1": ("name_said", "Iran", "Iran"), "Q2": ("name_said", "Iran", "Iran")},
    ),
    # A forecast is said by its forecaster.
    (
        "The Met Office forecast rain from 15:00: “A fine start with some sunny spells.”",
        {"Q1": ("colon_intro", "Met Office", "Met Office")},
    ),
    # A country's possessive before a full name that acts.
    (
        "Chile's Gabriel Boric denounced a “cowardly and vile attack on democracy”.",
        {"Q1": ("name_said", "Gabriel Boric", "Gabriel Boric")},
    ),
    # An organisation word alone: the one organisation holding it.
    (
        "The US Department of the Interior approved the plan.\nAccording to the Department's "
        "record of decision, the plan “requires the fewest ice roads of all the options.”",
        {
            "Q1": (
                "according_to",
                "US Department of the Interior",
                "Department",
            )
        },
    ),
    # A campaign speaks for its candidate.
    (
        "Hillary Clinton spoke in Ohio. The Clinton campaign said in a statement: “We are "
        "confident of victory.”",
        {"Q1": ("on_behalf_of", "Hillary Clinton", "Clinton")},
    ),
    # A state's ministry or government speaks for it.
    (
        "Russia's foreign ministry said: “The claims are false.” Russia has denied it before.",
        {"Q1": ("on_behalf_of", "Russia", "Russia")},
    ),
    # "The report said": the one who published it.
    (
        "Human Rights Watch published a report on Monday. The report said: “Abuses were "
        "widespread in the camps.”",
        {"Q1": ("noun_continues", "Human Rights Watch", "The report")},
    ),
    # A full name reaching its verb across an affiliation or an apposition.
    (
        "James Nixey of Chatham House, an independent policy institute, wrote to NBC News: "
        "“Let us be clear on what this is not.”",
        {"Q1": ("colon_intro", "James Nixey", "James Nixey")},
    ),
    # An organisation's name no person's: it speaks.
    (
        "“We have reached an agreement,” Chelsea FC said on its website.",
        {"Q1": ("name_said", "Chelsea FC", "Chelsea FC")},
    ),
    (
        "“All flights resume today,” Air India said in a statement.",
        {"Q1": ("name_said", "Air India", "Air India")},
    ),
    # A state that speaks through "according to".
    (
        "According to Uruguay, the sanction was “an act of cultural poverty.”",
        {"Q1": ("according_to", "Uruguay", "Uruguay")},
    ),
    # A firm that acts, then "the company".
    (
        "Twitter suspended the account of a Twitter user on Friday. “We do not comment on "
        "individual accounts,” the company said in a statement.",
        {"Q1": ("noun_continues", "Twitter", "the company")},
    ),
    # A role word capitalised only because it opens the sentence is the title, not the name.
    (
        "Resident Chris Hopkins said his family returned home “in August” after the flood.",
        {"Q1": ("name_said", "Chris Hopkins", "Chris Hopkins")},
    ),
    (
        "Commuter Jane Doe told reporters: “The trains were late again.”",
        {"Q1": ("colon_intro", "Jane Doe", "Jane Doe")},
    ),
    # A speaker the article does not name ends the continuation of the last one's words.
    (
        "Resident Ann Lee said the water came “in August” and another said tenants “cannot "
        "live like this”.",
        {"Q1": ("name_said", "Ann Lee", "Ann Lee"), "Q2": None},
    ),
    (
        "Ann Lee said the water came “in August”. The road also flooded, with one observer "
        "stating: “I have never seen this.”",
        {"Q1": ("name_said", "Ann Lee", "Ann Lee"), "Q2": None},
    ),
    # ... but "a" before a noun that does not speak does not.
    (
        "Ann Lee said the water was “rising fast”.\n“We waited in a room for a week,” she "
        "said. “Nobody came.”",
        {
            "Q1": ("name_said", "Ann Lee", "Ann Lee"),
            "Q2": ("pronoun_continues", "Ann Lee", "she"),
            "Q3": ("paragraph_continues", "Ann Lee", "Ann Lee"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPOKEN)
def test_speakers_news_writes_are_listed_and_cued(text: str, expected: Expected) -> None:
    check(text, expected)


def test_a_clause_turning_to_a_new_subject_ends_the_cue_before_it() -> None:
    text = (
        "According to the BBC, his allegations were independently verified, but Russia "
        "deemed them “false information about the army”. Russia has denied it."
    )
    cue = cues_of(text)["Q1"]
    assert (cue.name, cue.rule) == ("Russia", "name_said")


def test_a_name_in_apposition_to_an_object_does_not_speak() -> None:
    text = (
        "Democratic nominee Hillary Clinton, campaigning with her husband, former President "
        "Bill Clinton, said: “Free speech matters.”"
    )
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.name == "Hillary Clinton"


def test_a_spokesman_for_a_described_body_is_a_person() -> None:
    text = "A spokesman for the department, Marc Raimondi, said the agency would review it."
    assert by_name(actors_of(text))["Marc Raimondi"].kind == "person"


def test_a_known_institution_spelled_out_with_its_acronym_is_one_actor() -> None:
    text = (
        "The Federal Bureau of Investigation (FBI) opened a probe. The FBI said it would "
        "investigate."
    )
    assert [a.name for a in actors_of(text)] == ["FBI"]


def test_a_report_is_not_the_last_speakers() -> None:
    text = (
        "Debra Roberts called the report a “clarion bell from the science community”. The "
        "report said: “Coral reefs would decline by 70 to 90 percent.”"
    )
    assert "Q2" not in cues_of(text)


def test_one_organisation_for_its_spellings() -> None:
    text = (
        "The Interior Department approved the plan. The Department of the Interior said the "
        "plan was final. The Department of Interior later revoked some leases."
    )
    organisations = [a for a in actors_of(text) if a.kind == "organisation"]
    assert [a.name for a in organisations] == ["Interior Department"]


NOT_ACTORS = [
    # An adjective opening a sentence is no organisation, though a verb of saying follows.
    ("The wave hit the coast. Early reports indicated the wave was 3 feet high.", "Early"),
    # Capitalised words that do not speak are no organisation.
    ("The match at Stamford Bridge ended in a draw.", "Stamford"),
    # A senator's state is no speaker: "Senator John McCain of Arizona said".
    ("Republican Senator John McCain of Arizona said he would not vote for him.", "Arizona"),
    # An object is not a speaker, however the verb follows: "met with X, who said" (a
    # name the given-name list lacks, which would make it a person without speaking).
    ("The minister met with Ysolde Berg in Oslo, and later said the talks went well.", "Berg"),
    # "of" a place is no employer: "the mayor of Esperanza, Sultan Kudarat, announced".
    ("A resident of Harris County, Texas, said the water was rising.", "Texas"),
    ("The mayor of San Jose, California, said the budget was cut.", "California"),
    # A country's possessive before a place or a system that does not act.
    ("A tsunami struck Indonesia's Sunda Strait coastline on Saturday.", "Sunda"),
    ("The cauldron stood on Japan's Mount Fuji, which then opened like a flower.", "Fuji"),
    # A role word opening the sentence: only a title before a full name that speaks.
    ("Resident Evil Village sold well in Japan.", "Evil"),
    ("Nurse Ratched was unhurt.", "Ratched"),
    # "the company" after a product or a chamber is not theirs.
    ("The current Falcon will need to serve the company until 2010. The Falcon sold.", "Falcon"),
]


@pytest.mark.parametrize(("article", "word"), NOT_ACTORS)
def test_places_and_products_are_not_actors(article: str, word: str) -> None:
    assert all(word not in a.name for a in actors_of(article))


def test_the_company_is_nobody_when_its_sentence_names_another_firm() -> None:
    text = (
        "Singapore Airlines grounded its jets on Monday.\nIn a statement on the Airbus "
        "website, the company said that “the root cause of the problem is the wiring.”"
    )
    assert "Q1" not in cues_of(text)


def test_the_group_said_names_the_one_organisation_before_it() -> None:
    text = "Human Rights Watch documented the arrests. “Detainees were beaten,” the group said."
    assert cues_of(text)["Q1"].name == "Human Rights Watch"


def test_a_named_agency_is_not_the_organisation_before_it() -> None:
    text = (
        "Procter & Gamble spokeswoman Jennifer Chelune spoke. The Reuters news agency reports "
        "that the losses were large."
    )
    assert all(c.name != "Gamble" for c in cues_of(text).values())


def test_the_company_with_two_firms_named_before_is_nobody() -> None:
    text = (
        "United Airlines and Delta Air Lines cancelled flights. “We regret the delays,” the "
        "company said."
    )
    assert "Q1" not in cues_of(text)


def test_an_organisation_word_shared_by_two_organisations_links_to_neither() -> None:
    text = (
        "The Defence Ministry and the Foreign Ministry met on Monday. The Ministry said the "
        "talks went well."
    )
    for actor in actors_of(text):
        assert "Ministry" not in [m.text for m in actor.mentions], actor


def test_a_titled_apposition_keeps_its_employer_in_the_title() -> None:
    text = "“We will appeal,” an attorney for Twitter, Alex Spiro, said on Monday."
    assert by_name(actors_of(text))["Alex Spiro"].title == "attorney for Twitter"


def test_a_surname_goes_past_a_relative_named_to_place_the_person() -> None:
    text = (
        "Representative Patrick Kennedy, son of Senator Edward Kennedy, crashed his car. "
        "“I need help,” Kennedy said."
    )
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("name_said", "Patrick Kennedy")
    text = (
        "Hillary Clinton campaigned in Ohio with her husband, former President Bill Clinton. "
        "Clinton said the race was close."
    )
    assert cues_of(text)["S2"].name == "Hillary Clinton"


def test_a_surname_shared_by_two_people_named_alike_stays_unresolved() -> None:
    text = "Bill Clinton spoke after Hillary Clinton. Clinton said the race was close."
    assert cues_of(text)["S2"].actor is None


def test_every_named_speaker_above_is_a_listed_actor() -> None:
    for text, expected in SPOKEN:
        for cue in cues_of(text).values():
            assert cue.actor is not None, (text, expected)


def test_every_subject_of_a_list_holds_the_view_with_the_and_acronyms() -> None:
    from summarizer.article import make_article
    from summarizer.index import index_article

    text = (
        "The Investigative Committee and the Federal Security Service (FSB) said they believe "
        "gas was the cause."
    )
    index = index_article(make_article(text))
    assert {c.name for c in index.holders} == {
        "Investigative Committee",
        "Federal Security Service",
    }


def test_the_agents_of_a_passive_stance_verb_hold_the_view() -> None:
    from summarizer.article import make_article
    from summarizer.index import index_article

    text = (
        "The proposal was rejected by two political parties, Samagi Jana Balavegaya (SJB) and "
        "Janatha Vinukthi Peramuna (JVP), who wanted the president to resign. Britain said it "
        "would help. The plan was rejected by voters in Britain."
    )
    index = index_article(make_article(text))
    assert "Britain" in {a.name for a in index.actors}  # an actor, yet no agent of S3
    by_sentence = {(c.target, c.name) for c in index.holders}
    assert by_sentence == {
        ("S1", "Samagi Jana Balavegaya"),
        ("S1", "Janatha Vinukthi Peramuna"),
    }


def test_a_later_clause_with_its_own_subject_holds_its_own_view() -> None:
    from summarizer.article import make_article
    from summarizer.index import index_article

    text = (
        "Ana Ruiz said the toll was fair, while Tom Berg rejected it.\n"
        "Ana Ruiz said the toll was fair and Tom Berg was wrong."
    )
    index = index_article(make_article(text))
    said = {(c.target, c.name, c.rule) for c in (*index.speakers, *index.holders)}
    assert said == {
        ("S1", "Ana Ruiz", "name_said"),
        ("S1", "Tom Berg", "holds_stance"),
        ("S2", "Ana Ruiz", "name_said"),
    }


def test_a_named_persons_surname_in_the_possessive_is_hers_not_an_employer() -> None:
    text = (
        "“We will rebuild,” Mayor Anne Lopez told reporters. Lopez's spokesperson, Jane Doe, "
        "said the mayor was grateful."
    )
    actors = by_name(actors_of(text))
    assert sorted(actors) == ["Anne Lopez", "Jane Doe"]
    assert "Lopez" in [m.text for m in actors["Anne Lopez"].mentions]
    # Named first as a firm's employee, the word stays the firm's.
    firm = by_name(actors_of("Boeing's spokesman, Tim Neale, said the order was firm."))
    assert "Boeing" in firm and firm["Boeing"].kind == "organisation"


@pytest.mark.parametrize(
    "opening",
    ["Responding to the criticism,", "Speaking to the press,", "In response to the ruling,"],
)
def test_a_name_after_a_sentences_opening_phrase_is_its_subject(opening: str) -> None:
    text = f"Senator Maria Ortiz spoke. {opening} Ortiz told reporters she “will not back down”."
    cue = cues_of(text)["Q1"]
    assert cue.name == "Maria Ortiz", cue
    # The opening phrase's own object, set off by commas, is not the subject.
    text = (
        "Senator Maria Ortiz spoke. Meeting the governor, Paul Reed, Ortiz said the ruling "
        "was “a farce”."
    )
    assert cues_of(text)["Q1"].name == "Maria Ortiz"


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        # a second verb of the clause's subject
        (
            "He pointed to Chrysler as an example, but stated that GM was a “more complex "
            "company” than Chrysler.",
            "more complex company",
        ),
        # a verb that attributes the words in its clause, after "he"
        ("He described the bankruptcy as being “quick, surgical, bankruptcies”.", "quick"),
        # a participle after a clause "he" opens
        (
            "He declined to speculate, saying that it was a question “better addressed to the "
            "Treasury”.",
            "better addressed",
        ),
    ],
)
def test_he_opening_the_clause_speaks_its_later_verbs(sentence: str, quoted: str) -> None:
    text = f"Fritz Henderson, the chief executive of General Motors, spoke on Monday. {sentence}"
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("pronoun_continues", "Fritz Henderson"), cue


def test_a_participle_after_a_clause_with_its_own_named_subject_is_that_subjects() -> None:
    text = (
        "Fritz Henderson spoke on Monday. He thought that Ed Whitacre had declined to "
        "comment, saying the matter was “for the board”."
    )
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.name == "Ed Whitacre", cue


def test_a_title_that_goes_on_with_its_employer_before_the_name_is_the_names() -> None:
    text = (
        "Nasdaq said trades would be cancelled. Chief investment officer at Fort Pitt Capital "
        "Group Charlie Smith said “the machines just took over”."
    )
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("name_said", "Charlie Smith"), cue


def test_a_transcripts_turns_name_their_speakers_but_an_introduction_does_not() -> None:
    text = (
        "The following is an email exchange between Bill Bodie and James Roche: “We must "
        "not wait.” : Secretary of the Air Force James Roche: “No, Sir, save it.” : Special "
        "Asst. to the Secretary Bill Bodie: “Understood.”"
    )
    cues = cues_of(text)
    assert "Q1" not in cues or cues["Q1"].rule != "colon_intro", cues
    assert (cues["Q2"].rule, cues["Q2"].name) == ("colon_intro", "James Roche")
    assert (cues["Q3"].rule, cues["Q3"].name) == ("colon_intro", "Bill Bodie")
    # The first turn, right after the colon that ends the introduction.
    text = (
        "The emails were recorded in the Congressional Record: Communications Director Bill "
        "Bodie: “We must not wait.”"
    )
    assert (cues_of(text)["Q1"].rule, cues_of(text)["Q1"].name) == ("colon_intro", "Bill Bodie")


def test_after_an_inverted_verb_the_person_set_off_after_an_organisation_speaks() -> None:
    text = (
        "The UK government welcomed the decision. “It is the best decision for our plants,” "
        "said the general secretary of the British union Unite, Tony Woodley. “I am "
        "delighted,” he told the BBC."
    )
    cues = cues_of(text)
    assert (cues["Q1"].rule, cues["Q1"].name) == ("said_name", "Tony Woodley")
    assert cues["Q2"].name == "Tony Woodley"


@pytest.mark.parametrize("verb", ["enthused", "claims", "quipped", "countered"])
def test_more_verbs_of_saying_invert(verb: str) -> None:
    text = f"Boeing rolled out the plane. “We are rolling out the first 787,” {verb} Scott Fancher."
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("said_name", "Scott Fancher"), cue


def test_he_after_a_sentence_that_opens_with_another_person_is_that_person() -> None:
    text = (
        "“I dread looking at Wall Street tomorrow,” Harry Reid said. Republican Senator Bob "
        "Corker was also unhappy about the rejection. “We were three words away from a "
        "deal,” he said."
    )
    assert cues_of(text)["Q2"].name == "Bob Corker"
    # Named inside another's sentence, as its object, the person does not take "he".
    text = (
        "“I dread looking at Wall Street tomorrow,” Harry Reid said. Reid blamed Senator "
        "Bob Corker for the rejection. “We were three words away from a deal,” he said."
    )
    assert cues_of(text)["Q2"].name == "Harry Reid"


def test_an_open_apposition_may_join_two_titles_with_and() -> None:
    text = (
        "Boeing lost the contract. Ralph Crosby, EADS's North America CEO and ex Northrop "
        "executive commented the business has “committed our full resources”."
    )
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("name_said", "Ralph Crosby"), cue
    # Names joined by "and" are a list, not a title: no one of them alone.
    text = "Boeing lost. Ralph Crosby, Tom Smith and Jane Doe said it was “a good day”."
    cue = cues_of(text).get("Q1")
    assert cue is None or cue.name != "Tom Smith", cue


def test_a_coordinated_verb_after_an_adverb_and_a_writer_after_an_inverted_verb() -> None:
    text = (
        "President Barack Obama spoke on Monday. He stated that GM would make “safe cars”, and "
        "several times described them as “better” cars."
    )
    assert cues_of(text)["Q2"].name == "Barack Obama"
    text = (
        "Boeing must build faster. “It's an extraordinary challenge,” claims writer John Ostrower."
    )
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("said_name", "John Ostrower"), cue


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Mayor Anne Lopez believes the plan is “fair and overdue”.", "Anne Lopez"),
        ("Governor Paul Reed thinks it is “a mistake”.", "Paul Reed"),
        ("Mayor Anne Lopez hopes for “a quick vote”.", "Anne Lopez"),
        ("Senator Maria Ortiz's office called the vote “a farce”.", "Maria Ortiz"),
    ],
)
def test_a_view_held_in_short_quoted_words_is_its_holders(sentence: str, speaker: str) -> None:
    cue = cues_of(f"The council met on Monday. {sentence}")["Q1"]
    assert cue.name == speaker, cue


def test_a_term_in_quotation_marks_with_no_holder_stays_nobodys() -> None:
    text = "The council met on Monday. The so-called “copycat” app was launched in July."
    assert "Q1" not in cues_of(text)


def test_a_documents_words_read_and_an_agent_set_off_after_the_subject() -> None:
    text = (
        "Mayor Anne Lopez spoke. Lopez's statement read: “Thank you to all volunteers.” "
        "She read the book “Dune” aloud."
    )
    cues = cues_of(text)
    assert cues["Q1"].name == "Anne Lopez"
    assert "Q2" not in cues  # reading a book is no speech
    text = "Senator Maria Ortiz spoke. Ortiz, quoted by the BBC, said it was “a disaster”."
    assert cues_of(text)["Q1"].name == "Maria Ortiz"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lopez is calling for federal aid.",
        "Lopez expressed her condolences to the families.",
        "Lopez defended the response of the emergency services.",
        "Lopez believes the damage will exceed $1 billion.",
        "Lopez voted against the plan.",
        "Lopez objected to the curfew.",
    ],
)
def test_more_stance_verbs_make_their_subject_a_holder(sentence: str) -> None:
    text = f"Mayor Anne Lopez spoke on Monday. {sentence}"
    assert [name for sid, name in holders_of(text) if sid == "S2"] == ["Anne Lopez"]


def test_a_verb_that_needs_its_complement_holds_nothing_without_it() -> None:
    text = "Mayor Anne Lopez spoke on Monday. The storm pushed the river over its banks."
    assert not [name for sid, name in holders_of(text) if sid == "S2"]


def holders_of(text: str) -> list[tuple[str, str]]:
    """(sentence id, the holder's actor name) of each stance holder."""
    from summarizer.article import make_article
    from summarizer.index import index_article

    index = index_article(make_article(text))
    names = {a.id: a.name for a in index.actors}
    return [(h.target, names[h.actor]) for h in index.holders if h.actor is not None]


def test_a_firm_named_with_an_ampersand_is_one_actor_but_two_full_names_are_two() -> None:
    text = (
        "Shares fell. Procter & Gamble spokeswoman Jennifer Chelune said: “We do not know.” "
        "Earlier, Tom Smith & Jane Doe had sold their shares."
    )
    names = sorted(by_name(actors_of(text)))
    assert names == ["Jane Doe", "Jennifer Chelune", "Procter & Gamble", "Tom Smith"]
    assert cues_of(text)["Q1"].name == "Jennifer Chelune"


def test_the_title_of_one_named_person_points_back_at_them() -> None:
    text = (
        "Foreign Minister Anna Berg met Prime Minister Tom Field on Monday. “It was a long "
        "night,” the prime minister said. “We agreed,” the minister said."
    )
    cues = cues_of(text)
    assert (cues["Q1"].rule, cues["Q1"].name) == ("noun_continues", "Tom Field")
    assert "Q2" not in cues or cues["Q2"].rule != "noun_continues"  # two ministers: either


def test_an_apposition_between_dashes_stands_between_the_name_and_its_verb() -> None:
    text = "Mayor Anne Lopez spoke. Lopez — the city's first female mayor — said it was “historic”."
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("name_said", "Anne Lopez"), cue
