"""Speaker cues for shapes read on the misses of the cited news reports (the BBC, Reuters,
trade press and local papers that 2004-2005 Wikinews stories cite; ``tests/data/
speaker_wns.json``, ``bench/speaker_rules.py --wns``; their texts stay outside this
repository): one constructed sentence per pattern, and the pitfalls each change must not fall
into (a wrong cue is worse than none)."""

from __future__ import annotations

import pytest

from tests.test_speaker_us_news import indexed_cues
from tests.test_speakers import Expected, check

CASES: list[tuple[str, Expected]] = [
    # A pull quote captioned with the speaker's name and role on the lines after it.
    (
        "China and Brazil signed trade deals.\n"
        '" They are trying to create a new axis of developing nations "\n'
        "Sue Branford\nLatin America analyst\nThe talks nearly collapsed, said Sue Branford.",
        {"Q1": ("signed", "Sue Branford", "Sue Branford")},
    ),
    # A speech running over paragraphs, with a picture's caption put between them.
    (
        "Coach Ann Reid named the squad on Monday.\n"
        'Reid said: "There were a couple of tough calls, mostly about balance.\n'
        "The captain trained in Wellington on Sunday\n"
        '"Ben Cole\'s selection gives us someone who is battle hardened."',
        {"Q1": ("paragraph_continues", "Ann Reid", "Reid")},
    ),
    # "the company" after the one firm named, past products and other objects named between.
    (
        "Acme Soft said sales rose. Acme Soft is shaking up its plans for the next version of "
        "Windows, to get it into PCs by 2006. As expected, the company on Friday announced a new "
        "road map.",
        {"S3": ("noun_continues", "Acme Soft", "the company")},
    ),
    # "the government" of the one state the article names; a body named so wins over it.
    (
        "Britain announced a smoking ban. The government said it wants to reduce inequality.\n"
        "Pakistan blocked the site. The Pakistani government acted. The government also "
        "asked for “objectionable” videos to go.",
        {
            "S2": ("noun_continues", "Britain", "The government"),
            "Q1": ("noun_continues", "Pakistani government", "The government"),
        },
    ),
    # A person after an organisation's possessive speaks ("according to the BBC's X"); an alias
    # in brackets after a name is no one's words and cuts no frame.
    (
        'Chinese President Hu Jintao visited Brazil. Mr Hu was "all smiles" as he emerged '
        'from talks with President Luiz Inacio Lula da Silva ("Lula"), according to the BBC\'s '
        "Tom Vale in Sao Paulo.",
        {"Q1": ("according_to", "Tom Vale", "Tom Vale"), "Q2": None},
    ),
    # A person's document speaks for them, also through "which": "X's decree, which said".
    (
        "Prime Minister Tom Vale formed a commission. Ann Hale tweeted Vale's decree, which "
        'said: "The prime minister is pleased to direct that the website may be restored."',
        {"Q1": ("on_behalf_of", "Tom Vale", "Vale")},
    ),
    # Begging, like urging, attributes the word it quotes to its subject.
    (
        "Mark Vale spoke for an hour.\nVale begged the jury to stop the “cycle” of killing.",
        {"Q1": ("name_said", "Mark Vale", "Vale")},
    ),
    # A wire service named after an inverted "reported" closing the sentence speaks, not the
    # object before the comma.
    (
        "Brazil also gained an order for 10 aeroplanes from the maker Embraer, reported AFP.\n"
        "The deal was worth $500m to Embraer, said Agence France-Presse.",
        {
            "S1": ("said_name", "Agence France-Presse", "AFP"),
            "S2": ("said_name", "Agence France-Presse", "Agence France-Presse"),
        },
    ),
    # A role noun before the name after an inverted verb.
    (
        "The jury met for three days.\n“He was her husband and should have protected her,” "
        "said juror Anne Clark, a teacher from Fresno.",
        {"Q1": ("said_name", "Anne Clark", "Anne Clark")},
    ),
    # The name's own title after the description's comma.
    (
        "The panel met on Monday.\n“We all knew that he was evading the sanctions,” said the "
        "panel’s top Democrat, Rep. Tom Hale of California.",
        {"Q1": ("said_name", "Tom Hale", "Tom Hale")},
    ),
    # An apposition of two titles joined by "and", each with its employer, over 80
    # characters: the name before it is the subject.
    (
        "The company defended its screensaver.\n“This strikes me as a flagrant violation of the "
        "law,” Ray Burton, chief privacy officer for PrivacyGroup.com and counsel for the "
        "Coalition Against Junk Mail, told the magazine.",
        {"Q1": ("name_told", "Ray Burton", "Ray Burton")},
    ),
    # A quotation trailing off, then its speaker: one sentence, the name's cue.
    (
        "The actor spoke at the gates.\n“You know what I do to make a living, but this is "
        "what I do to stay alive . . .” Sheen said during his press conference.",
        {"Q1": ("name_said", "Sheen", "Sheen")},
    ),
    # A straight mark closed by two apostrophes, as old wire copy types it.
    (
        'The prosecutor showed the jury a photograph.\n"This is one of the most telling '
        "pictures in all of the trial, making the best of it,'' said prosecutor Rick Dane.",
        {"Q1": ("said_name", "Rick Dane", "Rick Dane")},
    ),
    # A lawmaker's party and state after a sentence whose content ends on an object: the
    # aside is the lawmaker's, not an apposition to "the tanker program".
    (
        "The bill moved on.\nAnother provision would give a “fresh start” to the tanker "
        "program, Armed Services Chairman Duncan Hale, R-Calif., said.",
        {"Q1": ("name_said", "Duncan Hale", "Duncan Hale")},
    ),
    # "and" inside an organisation's name, a common word on one side written in the plural
    # elsewhere.
    (
        "Landlords of pubs were angry.\nThe British Beer and Pub Association said the ban was "
        "“a ban on eating, not on smoking.”",
        {
            "Q1": (
                "name_said",
                "British Beer and Pub Association",
                "British Beer and Pub Association",
            )
        },
    ),
    # "e-mailed" reports what was written, like "wrote".
    (
        "The inquiry went on.\nThe job, Heather Dunn e-mailed Sears on Sept. 5, “must be "
        "challenging, tough, lots of responsibility.”",
        {"Q1": ("name_said", "Heather Dunn", "Heather Dunn")},
    ),
    # An acronym with an apposition of its own is still the acronym of the name before.
    (
        "On the other side is the New Progressive Party and its candidate, Pedro Rossi.\n"
        "The NPP, the statehood party, says the split ballots should not be counted.",
        {"S2": ("name_said", "New Progressive Party", "NPP")},
    ),
    # "he said" after a paragraph whose subject is "he" again, naming only an object: the
    # person the paragraphs before go on with, not the object.
    (
        "Bernard Kane withdrew his name on Friday.\nKane is a senior vice president at Giuliani "
        "Partners, the consulting firm.\nHe's been a staunch supporter of President George "
        "Bush and the war.\n“It's better to fight terrorists in Iraq than in New York,” he "
        "said recently.",
        {"Q1": ("pronoun_continues", "Bernard Kane", "he")},
    ),
    # A prepositional apposition with an ordinal ("with the 16th MP Brigade") is no subject.
    (
        "Soldiers visited a school.\nMaj. Alan Kabb, with the 16th MP Brigade, explained that "
        "humanitarian missions like this play a vital role.",
        {"S2": ("name_said", "Alan Kabb", "Alan Kabb")},
    ),
    # A sentence whose only quotation names a thing is reported speech all the same.
    (
        "Mikko Hale, the firm's director of research, said the attention given to the Lycos "
        "“Make love not spam” campaign could be an incentive.",
        {"S1": ("name_said", "Mikko Hale", "Mikko Hale")},
    ),
    # Two capitalised words no given name opens, then called "the company": a company,
    # which "the company" and "it" go on with.
    (
        "Lycos Europe launched a screensaver on Wednesday.\nLycos Europe, in its defense, has "
        "denied doing anything illegal. The company says it does not intend to take sites "
        "down.\nIt said it had no intention of taking Web sites offline.",
        {
            "S3": ("noun_continues", "Lycos Europe", "The company"),
            "S4": ("pronoun_continues", "Lycos Europe", "It"),
        },
    ),
    # A whole sentence in parentheses is no aside.
    (
        "Steve Balm spoke on Monday.\n(Balm said he misspoke a few days back when he was "
        "quoted on e-mail.)",
        {"S2": ("name_said", "Steve Balm", "Balm")},
    ),
    # An apposition holding a decimal number and an aside in parentheses.
    (
        "Microsoft is big.\nSteve Balm, 11th-richest American on the Forbes list with a "
        "personal wealth of $12.6 billion (Gates is first with $48 billion), says Microsoft "
        "is listening.",
        {"S2": ("name_said", "Steve Balm", "Steve Balm")},
    ),
    # A quotation naming a thing is nobody's words, in a speaker's sentence or not.
    (
        "Mikko Hale said the attention given to the Lycos “Make love not spam” campaign could "
        "be an incentive to open the file.",
        {"Q1": None},
    ),
    (
        "The security firm Secura said a spammer site called “cheap loans now” had "
        "redirected its traffic.",
        {"Q1": None},
    ),
    # In a long paragraph (a page scraped without its breaks), a quotation right after "he
    # said" continues that speaker, however far back he was named.
    (
        "Microsoft chief executive Steve Ballmer unveiled the service on Tuesday. "
        + "The company has launched a music store and a search engine this year. " * 9
        + "“Blogging is huge,” he said. “It brings together the three biggest trends.”",
        {
            "Q1": ("pronoun_continues", "Steve Ballmer", "he"),
            "Q2": ("paragraph_continues", "Steve Ballmer", "Steve Ballmer"),
        },
    ),
]

PITFALLS: list[tuple[str, Expected]] = [
    # "the jury" is not its foreman: a person's title words before the head ("jury foreman")
    # describe another body; "the prime minister" still is Prime Minister Tom Field.
    (
        "Jury foreman Stephen Cardo explained that the evidence was overwhelming.\nThe jury "
        "also said the photographs were telling.",
        {"S2": None},
    ),
    (
        "Prime Minister Tom Field spoke on Monday. The prime minister said the talks would go on.",
        {"S2": ("noun_continues", "Tom Field", "The prime minister")},
    ),
    # A name after "around" or "through" is an object: the apposition left open after it
    # ("X, an antivirus company has warned") is the subject of the verb.
    (
        "A Trojan horse that poses as a screensaver is being distributed around the Internet, "
        "an antivirus company has warned.",
        {"S1": None},
    ),
    (
        "The files were leaked through Ann Kerr, the mayor said.",
        {"S1": None},
    ),
    # ... and so is a name after an infinitive: "tapped to run X, a senior official said".
    (
        "Ben Kerr has been tapped to run the Department of Homeland Security, a senior "
        "administration official said Thursday.",
        {"S1": None},
    ),
    (
        "Ben Kerr has been tapped to run the agency, Ann Lowe said on Thursday.",
        {"S1": ("name_said", "Ann Lowe", "Ann Lowe")},
    ),
    (
        "The campaign was glad to hear Ann Lowe said she would stay.",
        {"S1": ("name_said", "Ann Lowe", "Ann Lowe")},
    ),
    # "the government" with two states named is nobody's; a state is no "company".
    (
        "Britain said it would ban smoking. France said no. The government said it wants to "
        "reduce inequality.\nRussia said it would act. The company said costs would rise.",
        {"S3": None, "S5": None},
    ),
    # ... and when the paragraph further back has two people as its subject, nobody.
    (
        "Bernard Kane and Tom Ruiz spoke on Friday.\nHe's been a staunch supporter of President "
        "George Bush.\n“It's better to fight terrorists in Iraq than in New York,” he said.",
        {"Q1": None},
    ),
    # "e-mailed" as an adjective changes nothing.
    (
        "John Smith, in an e-mailed statement, said “the outage is over and service is back.”",
        {"Q1": ("name_said", "John Smith", "John Smith")},
    ),
    # A term the speaker coins is the speaker's; so is a word they call something.
    (
        "Fritz Hale said what he called a “defining moment” had come for the company.",
        {"Q1": ("name_said", "Fritz Hale", "Fritz Hale")},
    ),
    (
        "Iran called the accusations “baseless” on Monday.",
        {"Q1": ("name_said", "Iran", "Iran")},
    ),
    # A trailing-off quotation and a new sentence that opens on a name: no cue.
    (
        "The actor spoke at the gates.\n“You know what I do to make a living . . .” The "
        "next day Sheen left for Georgia.",
        {"Q1": None},
    ),
    # A name in apposition to an object stays no subject, a party aside or not.
    (
        "The senator campaigned with her husband, Tom Reyes, and said she would “fight for "
        "every vote.”",
        {"Q1": None},
    ),
    # Two companies joined by "and" stay two.
    (
        "Google and Apple Inc said they would “appeal the ruling at once.”",
        {"Q1": None},
    ),
    # A list of names joined by "and" after the comma is no apposition of the first.
    (
        "“We will appeal the ruling,” Ann Lee, John Smith and Bob Ray told the court.",
        {"Q1": ("name_told", "Ann Lee", "Ann Lee")},
    ),
    # A nickname quoted inside a name is no quotation and cuts no name: the sentence is the
    # whole name's reported speech, and the surname later is the same person.
    (
        'Sgt. Frank "Greg" Ford told his officers that he had seen abuse.\n'
        '"They wanted me gone," Ford said.',
        {
            "Q1": None,
            "S1": ("name_told", "Frank Ford", 'Frank "Greg" Ford'),
            "Q2": ("name_said", "Frank Ford", "Ford"),
        },
    ),
    # A quoted word between a name and a capitalised word that is no name's end stays a
    # quotation of its own: "Yes" is said, and Monday opens no name.
    (
        'The vote was close.\nSenator Tom Reyes said "Yes" Monday.',
        {"Q1": ("name_said", "Tom Reyes", "Tom Reyes")},
    ),
    # A sentence of the writer's own between two paragraphs is no caption: the quotation
    # after it is nobody's yet.
    (
        "Coach Ann Reid named the squad on Monday.\n"
        'Reid said: "There were a couple of tough calls, mostly about balance."\n'
        "The captain trained in Wellington.\n"
        '"Ben Cole\'s selection gives us someone who is battle hardened."',
        {"Q2": None},
    ),
    # A capitalised word after the description's comma that is no title is no name's title.
    (
        "“We all knew that he was evading the sanctions,” said the panel’s top Democrat, "
        "Washington Post reporters wrote.",
        {"Q1": None},
    ),
    # A reporter's byline is no speech: no cue, so no position.
    ("Spam rose.\n\nDan Ilett of ZDNet UK reported from London.", {"S2": None}),
    ("Spam rose.\n\nCindy Swirko writes for The Gainesville Sun.", {"S2": None}),
    # ... but a report from a place with what was reported is one.
    (
        "Spam rose.\n\nJohn Reid reported from London that talks had failed.",
        {"S2": ("name_said", "John Reid", "John Reid")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES + PITFALLS)
def test_cited_report_speaker_shapes(text: str, expected: Expected) -> None:
    check(text, expected, indexed_cues)
