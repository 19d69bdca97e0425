"""Actors by rule: names, titles kept apart, honorifics and surnames linked, institutions,
states only when they act, and the pitfalls (shared surnames, places, sentence openers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.index import index_article
from summarizer.index.actors import find_actors
from summarizer.index.sentences import split_sentences
from summarizer.index.units import IndexedActor, Sentence

SEED = Path(__file__).parent.parent / "seeds" / "trump-putin-call-ukraine.txt"
_SENTENCE = re.compile(
    r"[^\n]+?(?:(?<!\bM[rs])(?<!\bMrs)(?<!\b[A-Z])[.!?][”\"’]?(?=\s+[A-Z“\"‘])|$)", re.M
)


def sentences_of(text: str) -> list[Sentence]:
    """A stand-in for ``split_sentences``: lines, cut after ". " before a capital or quote."""
    out: list[Sentence] = []
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", text)):
        for m in _SENTENCE.finditer(text, line.start(), line.end()):
            start, end = m.start(), m.end()
            while start < end and text[start] == " ":
                start += 1
            if start < end:
                out.append(Sentence(len(out) + 1, start, end, text[start:end], paragraph))
    return out


def actors_of(text: str) -> list[IndexedActor]:
    actors = find_actors(text, sentences_of(text))
    assert [a.number for a in actors] == list(range(1, len(actors) + 1))
    for a in actors:
        assert a.mentions, a
        for m in a.mentions:
            assert text[m.start : m.end] == m.text, m
    return actors


def by_name(actors: list[IndexedActor]) -> dict[str, IndexedActor]:
    return {a.name: a for a in actors}


def texts(actor: IndexedActor, kind: str) -> list[str]:
    return [m.text for m in actor.mentions if m.kind == kind]


# (article, name, kind, title): the title is kept apart from the name.
TITLED = [
    (
        "US President Donald Trump said on Monday that talks went well.",
        "Donald Trump",
        "person",
        "US President",
    ),
    (
        "Kremlin spokesman Dmitry Peskov confirmed the call.",
        "Dmitry Peskov",
        "person",
        "Kremlin spokesman",
    ),
    (
        "Foreign Secretary David Lammy said Britain was ready.",
        "David Lammy",
        "person",
        "Foreign Secretary",
    ),
    (
        "It was backed by Secretary of State Marco Rubio.",
        "Marco Rubio",
        "person",
        "Secretary of State",
    ),
    (
        "Russian Deputy Foreign Minister Alexander Grushko told Izvestia so.",
        "Alexander Grushko",
        "person",
        "Russian Deputy Foreign Minister",
    ),
    (
        "Annalena Baerbock, the foreign minister, said the talks failed.",
        "Annalena Baerbock",
        "person",
        "foreign minister",
    ),
    (
        "The European Union’s foreign policy chief, Kaja Kallas, said so.",
        "Kaja Kallas",
        "person",
        "European Union’s foreign policy chief",
    ),
    (
        "The deal is off, said Michael R. Golden, the GAO's general counsel.",
        "Michael R. Golden",
        "person",
        "GAO's general counsel",
    ),
    (
        "The plan failed, according to Airbus spokesman Jaime Perez-Guerra.",
        "Jaime Perez-Guerra",
        "person",
        "Airbus spokesman",
    ),
    (
        "NATO Secretary General Mark Rutte said allies would meet.",
        "Mark Rutte",
        "person",
        "NATO Secretary General",
    ),
    (
        "Commission President Ursula von der Leyen said the EU was united.",
        "Ursula von der Leyen",
        "person",
        "Commission President",
    ),
    (
        "Irish Finance Minister Conor O'Brien said taxes would fall.",
        "Conor O'Brien",
        "person",
        "Irish Finance Minister",
    ),
    (
        "It was reported by the Russian media outlet Izvestia on Friday.",
        "Izvestia",
        "organisation",
        "Russian media outlet",
    ),
    ("Engine maker Europrop has denied the report.", "Europrop", "organisation", "Engine maker"),
]


def test_an_honorific_after_a_title_is_neither_title_nor_name() -> None:
    text = "APA CEO Dr. Arthur C. Evans, Jr. said the guidance was overdue."
    actors = find_actors(text, split_sentences(text))
    evans = by_name(actors)["Arthur C. Evans"]
    assert (evans.kind, evans.title) == ("person", "APA CEO")


@pytest.mark.parametrize(("article", "name", "kind", "title"), TITLED)
def test_title_is_kept_apart_from_the_name(article: str, name: str, kind: str, title: str) -> None:
    actor = by_name(actors_of(article))[name]
    assert (actor.kind, actor.title) == (kind, title)
    assert title in texts(actor, "title")
    assert name in texts(actor, "name") + texts(actor, "institution")


# (article, full name, the linked mentions and their kind)
LINKED = [
    (
        "Mike Waltz spoke on ABC. Mr. Waltz said more talks were needed.",
        "Mike Waltz",
        [("Mr. Waltz", "honorific")],
    ),
    (
        "Kaja Kallas arrived. Ms Kallas said Moscow did not want peace.",
        "Kaja Kallas",
        [("Ms Kallas", "honorific")],
    ),
    (
        "Russian President Vladimir Putin agreed. He will call President Putin again.",
        "Vladimir Putin",
        [("President Putin", "honorific")],
    ),
    (
        "Alexander Grushko spoke. The remarks were Russia’s Grushko at his bluntest.",
        "Alexander Grushko",
        [("Grushko", "surname")],
    ),
    (
        "Mr. Trump spoke later. US President Donald Trump said he would call.",
        "Donald Trump",
        [("Mr. Trump", "honorific")],
    ),
]


@pytest.mark.parametrize(("article", "name", "mentions"), LINKED)
def test_honorific_and_surname_link_to_the_full_name(
    article: str, name: str, mentions: list[tuple[str, str]]
) -> None:
    actors = actors_of(article)
    actor = by_name(actors)[name]
    assert actor.kind == "person"
    for text, kind in mentions:
        assert text in texts(actor, kind)
    assert sum(a.kind == "person" for a in actors) == 1


def test_a_surname_shared_by_two_people_is_not_merged_into_the_wrong_one() -> None:
    article = (
        "Bill Clinton spoke first. Mr. Clinton said the plan was sound. "
        "Then Hillary Clinton arrived. Mrs. Clinton said it was not."
    )
    people = by_name(actors_of(article))
    bill, hillary = people["Bill Clinton"], people["Hillary Clinton"]
    assert bill.number != hillary.number
    # Before Hillary Clinton is named, "Mr. Clinton" can only be Bill; after, it is ambiguous.
    assert texts(bill, "honorific") == ["Mr. Clinton"]
    assert texts(hillary, "honorific") == []
    assert all(
        m.start != article.index("Mrs. Clinton") for a in people.values() for m in a.mentions
    )


INSTITUTIONS = [
    ("The White House declined to comment.", "White House"),
    ("Downing Street said the call was useful.", "Downing Street"),
    ("The Pentagon will send more troops.", "Pentagon"),
    ("NATO members met in Brussels.", "NATO"),
    ("The UN has called for calm.", "United Nations"),
    ("The European Union’s position is unchanged.", "European Union"),
    ("Acme Corp said profits rose.", "Acme Corp"),
    ("The Labour Party has chosen a new leader.", "Labour Party"),
    ("The Russian Defence Ministry said drones were shot down.", "Russian Defence Ministry"),
    ("The Ministry of Defence said drones were shot down.", "Ministry of Defence"),
    ("Airbus has confirmed that there was a software glitch.", "Airbus"),
    (
        "The Independent Panel on Water Safety published its findings.",
        "Independent Panel on Water Safety",
    ),
    # Zoos and festivals speak through statements ("Chester Zoo" is no person).
    ("Chester Zoo said the fire had been put out.", "Chester Zoo"),
    ("The Moseley Folk Festival evacuated on Sunday.", "Moseley Folk Festival"),
]


@pytest.mark.parametrize(("article", "name"), INSTITUTIONS)
def test_institutions_are_organisations(article: str, name: str) -> None:
    assert by_name(actors_of(article))[name].kind == "organisation"


def test_an_acronym_defined_in_parentheses_is_the_same_organisation() -> None:
    article = (
        "The Government Accountability Office (GAO) reviewed the bid. "
        "The GAO said the Air Force made errors."
    )
    office = by_name(actors_of(article))["Government Accountability Office"]
    assert texts(office, "institution").count("GAO") == 2
    assert "GAO" not in by_name(actors_of(article))


def test_an_acronym_spelling_both_sides_of_and_keeps_the_name_whole() -> None:
    article = (
        "The National Disaster Risk Reduction and Management Council (NDRRMC) raised the toll. "
        "Kenya and Uganda Police met on Monday."
    )
    names = by_name(actors_of(article))
    assert "National Disaster Risk Reduction and Management Council" in names
    assert "Management Council" not in names


def test_a_short_name_defined_in_parentheses_is_the_same_organisation() -> None:
    article = (
        "The Philippine Institute of Volcanology and Seismology (Phivolcs) recorded the quake. "
        "Phivolcs said the fault is active. Later, Phivolcs reported 611 aftershocks."
    )
    names = by_name(actors_of(article))
    institute = names["Philippine Institute of Volcanology and Seismology"]
    assert texts(institute, "institution").count("Phivolcs") == 3
    assert "Phivolcs" not in names


STATES = [
    ("Russia said on Monday that it would respond.", ["Russia"]),
    ("The war started after Ukraine has agreed to the plan.", ["Ukraine"]),
    ("Britain and France have expressed their willingness.", ["Britain", "France"]),
    ("Russia, however, has dismissed the idea.", ["Russia"]),
    ("Moscow has insisted that Kyiv abandon its plans.", ["Moscow"]),
    ("The summit was held in France and leaders flew to Geneva.", []),
    ("Ukraine’s President Volodymyr Zelensky spoke.", []),
]


@pytest.mark.parametrize(("article", "states"), STATES)
def test_countries_are_states_only_as_subjects(article: str, states: list[str]) -> None:
    assert [a.name for a in actors_of(article) if a.kind == "state"] == states


def test_every_mention_of_an_acting_state_is_listed() -> None:
    article = "Troops crossed into Russia. Russia said the raid failed, and Russia’s army held."
    russia = by_name(actors_of(article))["Russia"]
    assert [m.start for m in russia.mentions] == [m.start() for m in re.finditer("Russia", article)]


def test_title_with_an_organisation_word_is_still_a_person_and_places_are_not_actors() -> None:
    article = (
        "Addressing a conference in Wyoming, the bank chief said growth was near. "
        "Jean-Claude Trichet, the European Central Bank president, warned that it was early."
    )
    actors = by_name(actors_of(article))
    assert actors["Jean-Claude Trichet"].kind == "person"
    assert actors["Jean-Claude Trichet"].title == "European Central Bank president"
    assert actors["European Central Bank"].kind == "organisation"
    assert "Wyoming" not in actors


def test_a_lone_word_speaking_before_any_full_name_is_an_organisation() -> None:
    article = "Ford has announced deep cuts. Shares of Michigan Ford fell."
    assert [(a.name, a.kind) for a in actors_of(article)] == [("Ford", "organisation")]


def test_a_lone_word_that_speaks_then_he_said_is_a_person() -> None:
    article = "Clements said the industry would shrink. He added that jobs would return."
    assert [(a.name, a.kind) for a in actors_of(article)] == [("Clements", "person")]


def test_without_sentences_or_text() -> None:
    assert find_actors("", []) == []
    article = "Kremlin spokesman Dmitry Peskov said so."
    assert [a.name for a in find_actors(article, [])] == ["Kremlin", "Dmitry Peskov"]


NOT_ACTORS = [
    "Nevertheless, talks resumed on Friday in March.",
    "Additionally, it seeks to ease Western sanctions.",
    "Flights from Los Angeles to New York were cancelled.",
    "He flew back to Washington aboard Air Force One.",
    "World War Three was not mentioned in Geneva.",
    "Delays have cost the company dearly.",
]


@pytest.mark.parametrize("article", NOT_ACTORS)
def test_openers_months_weekdays_and_places_are_not_actors(article: str) -> None:
    assert actors_of(article) == []


def test_numbered_in_order_of_first_mention_headline_only_linked() -> None:
    article = (
        "Trump Meets Putin In Alaska\n"
        "Russian President Vladimir Putin met US President Donald Trump on Friday."
    )
    actors = actors_of(article)
    assert [a.name for a in actors] == ["Donald Trump", "Vladimir Putin"]
    assert texts(actors[0], "surname") == ["Trump"]
    assert actors[0].mentions[0].start == 0


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    actors = find_actors(text, sentences_of(text))
    people = {a.name: a for a in actors if a.kind == "person"}
    expected = {
        "Donald Trump": "US President",
        "Vladimir Putin": "Russian President",
        "Dmitry Peskov": "Kremlin spokesman",
        "Steve Witkoff": "US envoy",
        "Marco Rubio": "Secretary of State",
        "Mike Waltz": "Mr. Trump’s National Security Adviser",
        "Volodymyr Zelensky": "Ukraine’s President",
        "Alexander Grushko": "Russian Deputy Foreign Minister",
        "Kaja Kallas": "European Union’s foreign policy chief",
        "Keir Starmer": "British Prime Minister",
    }
    assert {name: people[name].title for name in expected} == expected
    assert set(people) == set(expected)
    assert len(texts(people["Donald Trump"], "honorific")) == 8
    assert "Grushko" in texts(people["Alexander Grushko"], "surname")
    others = {a.name: a.kind for a in actors if a.kind != "person"}
    assert {"NATO", "European Union", "Izvestia"} <= {
        n for n, k in others.items() if k == "organisation"
    }
    assert {"Russia", "Ukraine"} <= {n for n, k in others.items() if k == "state"}
    # "Moscow has insisted", "Kyiv argues": the capitals speak for states the article names.
    assert not {"Moscow", "Kyiv"} & set(others)
    russia = next(a for a in actors if a.name == "Russia")
    assert "Moscow" in {m.text for m in russia.mentions}
    # "the Kremlin revealed": the seat of government is Russia's name too, not an actor.
    assert "Kremlin" in {m.text for m in russia.mentions} and "Kremlin" not in others
    assert not {"Air Force One", "Western", "Crimean", "Kursk", "Europe"} & set(others)
    assert actors[0].name == "Donald Trump"  # the headline's "Trump" is the first mention
    for a in actors:
        for m in a.mentions:
            assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "seat", "state"),
    [
        ("Russia sent troops. The Kremlin said talks were possible.", "Kremlin", "Russia"),
        ("The US imposed tariffs. The White House defended them.", "White House", "US"),
    ],
)
def test_a_seat_of_government_is_its_states_name_where_the_state_is_named(
    text: str, seat: str, state: str
) -> None:
    actors = {a.name: a for a in find_actors(text, split_sentences(text))}
    assert seat not in actors
    assert seat in {m.text for m in actors[state].mentions}


def test_a_seat_of_government_alone_stays_an_institution() -> None:
    text = "The Kremlin said talks were possible."
    actors = {a.name: a.kind for a in find_actors(text, split_sentences(text))}
    assert actors == {"Kremlin": "organisation"}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            'Atletico Madrid via a post on its website said Morata "will join the squad on'
            ' Monday for the next four seasons."',
            "Atletico Madrid",
            "organisation",
        ),
        (
            "One of the panel's co-chairs, Maria Lopez, called the findings"
            ' "a warning that nobody in government can ignore any longer".',
            "Maria Lopez",
            "person",
        ),
    ],
)
def test_a_name_the_speaker_rules_hear_is_an_actor(text: str, name: str, kind: str) -> None:
    """The actor rules see no evidence here (a gap before the verb, a plural title); the
    speaker rules read the name as the speaker, and that makes it an actor."""
    index = index_article(text)
    actor = by_name(list(index.actors))[name]
    assert actor.kind == kind
    assert [(c.target, c.actor) for c in index.speakers if c.target == "Q1"] == [("Q1", actor.id)]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "A spokesperson for Northwind Energy Grady Collins said the line was safe.",
            "Grady Collins",
            "Northwind Energy",
        ),
        (
            "An analyst at the Coastal Research Institute Barbara Klein said prices would rise.",
            "Barbara Klein",
            "Coastal Research Institute",
        ),
        (  # a title word may be the surname after a given name: "Mervyn King"
            "A spokesman for the Regional Water Board Laura Bishop said the dam would hold.",
            "Laura Bishop",
            "Regional Water Board",
        ),
    ],
)
def test_a_given_name_starts_the_name_after_its_employer(text: str, name: str, title: str) -> None:
    actor = by_name(actors_of(text))[name]
    assert (actor.kind, actor.title) == ("person", title)


def test_a_given_name_needs_an_employer_before_it_to_split_a_run() -> None:
    """ "Tarquil" is no listed given name, "Emmanuel" is: without an organisation word or a
    role's preposition before, the run stays one name."""
    names = by_name(actors_of("French co-pilot Tarquil Emmanuel Dubois said the engines failed."))
    assert "Emmanuel Dubois" not in names
    assert "Tarquil Emmanuel Dubois" in names


def test_a_given_name_makes_a_full_name_a_person_but_not_a_street() -> None:
    text = (
        "The march was joined by Isabel Indigo Brooks and two others. "
        "They walked down Karl Marx Avenue to Adam Air offices."
    )
    names = by_name(actors_of(text))
    assert names["Isabel Indigo Brooks"].kind == "person"
    assert not {"Karl Marx Avenue", "Karl Marx", "Adam Air"} & names.keys()


def test_given_names_of_international_news_are_known() -> None:
    """Not only American ones: a Ukrainian name transliterated, a Nigerian one."""
    names = by_name(actors_of("The march was joined by Oleksandr Hrytsenko and Nnamdi Okafor."))
    assert [names[n].kind for n in ("Oleksandr Hrytsenko", "Nnamdi Okafor")] == ["person"] * 2


def test_a_name_before_a_place_noun_is_a_place() -> None:
    text = (
        "The blast hit the guarded Karim Hassan Khan area of the city. "
        "Officials met at the Laura Marsh district office."
    )
    assert actors_of(text) == []


def test_a_state_body_named_by_what_it_is_is_an_actor_where_it_acts() -> None:
    text = (
        "On Sunday, the Russian defence ministry said the strikes had ended. "
        "Troops of the Russian army crossed the river. Aid reached the Syrian government. "
        "Units of the  Iranian army crossed it too."  # (two spaces)
    )
    assert [(a.name, a.kind) for a in actors_of(text)] == [
        ("Russian defence ministry", "organisation")
    ]


def test_a_state_body_written_otherwise_is_the_organisation_already_named() -> None:
    """ "the Uruguay language academy" is the "Uruguayan Language Academy", not Uruguay."""
    text = (
        "The Uruguayan Language Academy issued a statement on Monday. According to the "
        "Uruguay language academy, the word was used in an endearing way."
    )
    actors = actors_of(text)
    assert [a.name for a in actors] == ["Uruguayan Language Academy"]
    assert [m.text for m in actors[0].mentions] == [
        "Uruguayan Language Academy",
        "Uruguay language academy",
    ]


def test_a_family_name_written_first_links_to_the_full_name() -> None:
    """ "Jiang said" after "Jiang Yu": no surname matches, so the first word of the one full
    name may be its family name; a lone given name ("Mary said") links to nobody."""
    text = (
        "Foreign Ministry spokeswoman Jiang Yu spoke on Tuesday. Jiang said the region"
        " would grow. Senator Mary Collins agreed. Mary said nothing."
    )
    names = by_name(actors_of(text))
    assert texts(names["Jiang Yu"], "surname") == ["Jiang"]
    assert "Jiang" not in names
    assert texts(names["Mary Collins"], "surname") == []


def test_a_name_after_an_opening_phrase_is_not_in_apposition_to_its_last_noun() -> None:
    """ "In an interview with Time magazine, Khan said": Khan opens the main clause; he is
    neither the magazine (an organisation) nor titled "president" in "After meeting the
    president, Pence told reporters"."""
    text = (
        "London Mayor Sadiq Khan spoke on Tuesday. In an interview with Time magazine, Khan "
        "said he would visit. After meeting the president, Pence told reporters it went well."
    )
    names = by_name(actors_of(text))
    assert names["Sadiq Khan"].kind == "person"
    assert texts(names["Sadiq Khan"], "surname") == ["Khan"]
    assert "Khan" not in names
    assert names["Pence"].title is None


def test_an_apposition_opening_with_a_verb_is_a_clause_not_a_title() -> None:
    """ "Khan, a Muslim, was elected mayor": "was elected mayor of London" titles nobody."""
    text = "Sadiq Khan won. Khan, a Muslim, was elected as mayor of London last week."
    assert [(a.name, a.title) for a in actors_of(text)] == [("Sadiq Khan", None)]


@pytest.mark.parametrize(
    ("text", "formal"),
    [
        ("The Islamic Republic of Iran said it would respond. Iran denied it.", "Iran"),
        ("The Republic of Turkey denies that the crime was a genocide.", "Turkey"),
        ("The Democratic Republic of the Congo said it would respond.", "Congo"),
    ],
)
def test_a_states_formal_name_is_the_state(text: str, formal: str) -> None:
    """ "The Islamic Republic of Iran said": one state, no person "Islamic Republic"."""
    actors = actors_of(text)
    assert [a.kind for a in actors] == ["state"]
    assert formal in actors[0].name


def test_a_doubled_letter_in_a_given_name_is_one_person() -> None:
    """ "Gary Knowles" and, later, "Garry Knowles" in one article: a spelling variant, so
    "Superintendent Knowles" is theirs; "Ann Lee" and "Anna Lee" stay two people."""
    text = (
        "Gary Knowles told media. The search co-ordinator Garry Knowles explained the delay. "
        "Superintendent Knowles said more. Ann Lee met Anna Lee."
    )
    names = sorted(a.name for a in find_actors(text, split_sentences(text)))
    assert names == ["Ann Lee", "Anna Lee", "Gary Knowles"]


def test_a_caption_glued_to_the_next_sentence_ends_the_name() -> None:
    """ "—Anthony AlbaneseAlbanese said …" (a scraped pull quote's caption): the name ends
    where the next sentence begins, and "McDonald" inside a name is no caption."""
    text = (
        "Mark McDonald resigned.\n—Anthony AlbaneseAlbanese said McDonald informed him on "
        "Monday.\n—Tom HaleThe search began on Friday."
    )
    names = sorted(a.name for a in find_actors(text, split_sentences(text)))
    assert names == ["Anthony Albanese", "Mark McDonald", "Tom Hale"]


def test_a_lone_word_after_the_is_no_person_a_title_describes() -> None:
    """ "Face the Nation, the GOP front-runner said": a programme's last word, not a person
    whose title follows."""
    text = "Ann Hale spoke. On Face the Nation, the GOP front-runner said it was a disaster."
    assert "Nation" not in [a.name for a in actors_of(text)]


def test_an_age_apposition_makes_a_lone_surname_a_person() -> None:
    """ "Khan, 45," is a person's age: Khan is a person even with no full name and no title,
    so a later "Khan said" is not taken for an organisation."""
    text = "Trump spoke about Khan, 45, on Monday. Khan said in a statement that he disagreed."
    names = by_name(actors_of(text))
    assert names["Khan"].kind == "person"


def test_a_contraction_of_i_is_no_name() -> None:
    text = 'He said: "If he becomes the president I\'ll be stopped." Khan, 45, said so.'
    assert "I'll" not in by_name(actors_of(text))


def test_a_possessive_employer_that_is_a_person_named_before_is_not_a_firm() -> None:
    """ "Clinton's chief pollster Joel Benenson" after "Hillary Clinton": her pollster. The
    employer rule must not turn Clinton into an organisation, which would also drop the
    person "Hillary Clinton" (a full name ending with an organisation's name)."""
    text = (
        "Hillary Clinton on Monday hit Bernie Sanders on immigration. Clinton's chief "
        "pollster and strategist Joel Benenson on Monday lashed out at Sanders."
    )
    names = by_name(actors_of(text))
    assert names["Hillary Clinton"].kind == "person"
    assert "Clinton" not in names
    assert names["Joel Benenson"].kind == "person"


def test_a_party_label_is_a_title_not_a_name() -> None:
    """ "Senator Mitt Romney, a Utah Republican," is no person called "Utah Republican", and
    "Democrat Hillary Clinton" is Hillary Clinton."""
    text = (
        "Senator Mitt Romney, a Utah Republican, told Insider he agreed. Democrat Hillary "
        "Clinton said she did not."
    )
    names = by_name(actors_of(text))
    assert sorted(names) == ["Hillary Clinton", "Mitt Romney"]
    assert names["Hillary Clinton"].title == "Democrat"


def test_a_surname_that_a_full_name_bears_is_a_person_wherever_it_first_speaks() -> None:
    """ "Trump tells 3,000 …" opens the article, long before "Donald Trump"; and "the Obama
    administration" is no firm called Obama where "Barack Obama" is named. Both surnames are
    the people's mentions, not organisations. (A lone word that speaks and that no full name
    with a given name ends with is still a firm: "Ford has announced …".)"""
    text = (
        "Trump tells 3,000 in Reno the NFL has gone soft.\n"
        "Donald Trump spoke on Saturday. The Obama administration said Barack Obama would "
        "reply.\nFord has announced a recall. Michigan Ford's shares fell."
    )
    names = by_name(actors_of(text))
    assert names["Donald Trump"].kind == "person"
    assert texts(names["Donald Trump"], "surname") == ["Trump"]
    assert names["Barack Obama"].kind == "person"
    assert texts(names["Barack Obama"], "surname") == ["Obama"]
    assert "Trump" not in names and "Obama" not in names
    assert names["Ford"].kind == "organisation"


def test_a_bare_surname_keeps_naming_the_person_it_named_once_a_namesake_appears() -> None:
    """ "Clinton said" names Hillary Clinton; after "Bill Clinton" is introduced by full name,
    a bare "Clinton" is still hers (news names the namesake in full). An honorific's
    "Mr. Clinton" is not bare: it stays unlinked between the two."""
    text = (
        "Hillary Clinton spoke in Brooklyn. Clinton said the plan was sound. Bill Clinton "
        "got in on the game. Clinton herself was girding for a fight. Mr. Clinton agreed."
    )
    names = by_name(actors_of(text))
    assert texts(names["Hillary Clinton"], "surname") == ["Clinton", "Clinton"]
    assert texts(names["Bill Clinton"], "surname") == []
    assert all(m.start != text.index("Mr. Clinton") for a in names.values() for m in a.mentions)


def test_a_capitalised_speech_verb_is_no_part_of_a_name() -> None:
    """A title-case headline that ends with a stop is read as running text: "Francois
    Hollande Says Donald Trump" is no person's name (its surname would make every later
    "Trump" ambiguous between two people), while "United States" keeps its words."""
    text = (
        "Francois Hollande Says Donald Trump ‘Makes You Want To Retch.’\n\n"
        "French President François Hollande spoke in Paris. Trump said the United States "
        "would not listen."
    )
    names = {a.name: a for a in index_article(text).actors}
    assert not [n for n in names if "Says" in n]
    assert [m.text for m in names["Donald Trump"].mentions] == ["Donald Trump", "Trump"]
    assert "United States" in names


def test_a_company_without_its_legal_form_is_the_same_company() -> None:
    # "Netcraft Ltd." and "Netcraft", "Global Crossing Ltd." and "Global Crossing": one actor
    # each, so "According to Global Crossing:" names a speaker the article has already met.
    text = (
        "Netcraft Ltd., a security company in Bath, said the site was down.\n"
        "Global Crossing Ltd., a telecommunications provider, blocked the site.\n"
        'According to Global Crossing: "We have black holed the site for our customers."\n'
        "Netcraft said the site was back on Friday."
    )
    index = index_article(text)
    names = sorted(a.name for a in index.actors)
    assert names == ["Global Crossing Ltd", "Netcraft Ltd"]
    crossing = next(a for a in index.actors if a.name == "Global Crossing Ltd")
    assert [m.text for m in crossing.mentions].count("Global Crossing") == 1
    cue = next(c for c in index.speakers if c.target == "Q1")
    assert (cue.name, cue.rule) == ("Global Crossing Ltd", "according_to")


def test_a_legal_form_does_not_join_two_different_names() -> None:
    # The words before the legal form must be the other name's, all of them.
    text = (
        "Cox Communications Inc. said it blocked the site.\n"
        "Cox Enterprises said it owns the cable company."
    )
    names = sorted(a.name for a in index_article(text).actors)
    assert names == ["Cox Communications Inc", "Cox Enterprises"]


def test_a_name_closed_by_a_continent_is_an_organisation_not_a_person() -> None:
    # A company's branch speaking, as a Wikinews-cited report wrote it (ZDNet UK, 2004).
    found = by_name(
        actors_of(
            "On Friday, Lycos Europe terminated its screensaver campaign. Lycos Europe denied "
            "that it had brought down two Web sites. Across Asia, the campaign drew criticism, "
            "and analysts in Western Europe and East Asia said spam kept rising."
        )
    )
    assert found["Lycos Europe"].kind == "organisation"
    assert not {"Across Asia", "Western Europe", "East Asia"} & set(found)


def test_a_branch_short_name_and_its_website_are_the_branch() -> None:
    text = (
        "Lycos Europe said its screensaver was legal. As a result, we have black holed the "
        "Lycos Europe Website, an ISP said. The screensaver requests pages from spam sites, "
        "Lycos has said."
    )
    found = by_name(actors_of(text))
    assert "Lycos Europe Website" not in found and "Lycos" not in found
    branch = found["Lycos Europe"]
    assert branch.kind == "organisation"
    assert text.rindex("Lycos") in {m.start for m in branch.mentions}


def test_a_short_name_two_branches_share_links_to_neither() -> None:
    text = "Lycos Europe said its screensaver was legal. Lycos Asia disagreed. Lycos is a portal."
    found = by_name(actors_of(text))
    last = text.rindex("Lycos")
    assert not any(last in {m.start for m in a.mentions} for a in found.values())
