"""Speaker cues for shapes of US political news, read on the misses of PolNeAR's training
split (Newell, Margolin and Ruths, LREC 2018; ``bench/polnear_speakers.py``; its texts stay
outside this repository): one constructed sentence per pattern, and the pitfalls each change
must not fall into (a wrong cue is worse than none)."""

from __future__ import annotations

import pytest

from summarizer.index import index_article
from summarizer.index.units import SpeakerCue
from tests.conftest import load_bench
from tests.test_speakers import SEED, Expected, check


def indexed_cues(text: str) -> dict[str, SpeakerCue]:
    """The whole index's cues (its own sentence splitter: the stand-in of the other tests
    cuts after "Rep.")."""
    index = index_article(text)
    names = {a.id: a.name for a in index.actors}
    cues = {c.target: c for c in index.speakers}
    assert all(c.actor is None or names[c.actor] == c.name for c in cues.values())
    return cues


CASES: list[tuple[str, Expected]] = [
    # A party-and-state aside after a lawmaker's name; the sentence goes on after "Md.)".
    (
        "Rep. Ellen Marsh (D-Md.), chair of the rules panel, said the process was “open to "
        "every view.”",
        {"Q1": ("name_said", "Ellen Marsh", "Ellen Marsh")},
    ),
    # ... and an apposition after the aside.
    (
        "Sen. Mark Rowe, R-Fla., appearing on television after the speech, said the president "
        "had failed.",
        {"S1": ("name_said", "Mark Rowe", "Mark Rowe")},
    ),
    # A party in brackets between a governor's name and the first of two verbs.
    (
        "In a statement, Gov. Rick Dale (R) blasted Congress and said the state had paid "
        "for the work.",
        {"S1": ("name_said", "Rick Dale", "Rick Dale")},
    ),
    # A party and a dotted state, then a verb with its medium.
    (
        "Rep. Chris Dale, R-N.Y., noted in a guest column in Saturday’s New York Times that "
        "anger is fueling the race.",
        {"S1": ("name_said", "Chris Dale", "Chris Dale")},
    ),
    # A campaign speaking for its candidate, the possessive an apostrophe alone.
    (
        "Bernie Sanders’ campaign says it raised more than $21 million in January.",
        {"S1": ("on_behalf_of", "Bernie Sanders", "Bernie Sanders")},
    ),
    # Advisers, aides and staff speak for the one they work for, as a campaign does.
    (
        "Ted Rowe finished second. Rowe’s advisers say the finish makes him a valuable asset."
        "\nStaff for the House Select Committee on Ports said the panel has the full email."
        "\nAides to Mr. Rowe said he would stay in the race.",
        {
            "S2": ("on_behalf_of", "Ted Rowe", "Rowe"),
            "S3": ("on_behalf_of", *["House Select Committee on Ports"] * 2),
            "S4": ("on_behalf_of", "Ted Rowe", "Mr. Rowe"),
        },
    ),
    # A network's news division is the network: its name is read whole before the verb.
    (
        "CBS News reported that the letter was sent to the apartment.",
        {"S1": ("name_said", "CBS", "CBS News")},
    ),
    # Quotations signed with a dash after them, on their line or the next.
    (
        "Voters reacted to the debate.\n“He showed who he really is.” ― Martha Ruiz\n"
        "“We can build a wall around him.” ―\xa0Jorge Falcon.\n\n"
        "“Americans are worried about the future of their kids.”\n\n- Bernie Sanders.\n\n"
        "“It needs to stop.”\n\n-Michelle Marks, Philadelphia.",
        {
            "Q1": ("signed", "Martha Ruiz", "Martha Ruiz"),
            "Q2": ("signed", "Jorge Falcon", "Jorge Falcon"),
            "Q3": ("signed", "Bernie Sanders", "Bernie Sanders"),
            "Q4": ("signed", "Michelle Marks", "Michelle Marks"),
        },
    ),
    # Verbs of speech only in a quotation's own clause: after it, or before its colon; and
    # one of them before a participle leaves the subject its own.
    (
        "Rachel Vale asked about the list.\n“Grizzly Adams?” Rachel Vale repeated.\n"
        "Mr. Khizr Ahn spoke last. He pleaded: “Please reject this kind of politics.”\n"
        "Chris Dale, the governor, repeated accusations that Rubio recites the same points, "
        "calling him a “talented guy” on stage.",
        {
            "Q1": ("name_said", "Rachel Vale", "Rachel Vale"),
            "Q2": ("pronoun_continues", "Khizr Ahn", "He"),
            "Q3": ("sentence_subject", "Chris Dale", "Chris Dale"),
        },
    ),
    # Broadcast roles before a name after an inverted verb.
    (
        "The debate ended late.\n“We are proud of it,” said CNN anchor Jake Dale.\n"
        "“Imagine him on the stage,” mused Blaze co-host Stu Vale.",
        {
            "Q1": ("said_name", "Jake Dale", "Jake Dale"),
            "Q2": ("said_name", "Stu Vale", "Stu Vale"),
        },
    ),
    # ", and" after a quotation opens a clause with its own subject: no list of subjects, and
    # no verb after the quotation that names its speaker.
    (
        "Ted Dale and Don Ruiz spoke.\nDale said he would make sand “glow in the dark,” for "
        "instance, and Ruiz vowed to “bomb the hell” out of them.",
        {
            "Q1": ("name_said", "Ted Dale", "Dale"),
            "Q2": ("name_said", "Don Ruiz", "Ruiz"),
        },
    ),
    # A day after "later" between the name and its verb; an affiliation after an inverted
    # verb's name that opens on a common noun.
    (
        "Reince Dale later Thursday told Fox News: “Both men are meeting next week.”\n“The "
        "odds are long,” said another leading advocate, Andrew J. Pincus of the law firm Mayer "
        "Brown.",
        {
            "Q1": ("colon_intro", "Reince Dale", "Reince Dale"),
            "Q2": ("said_name", "Andrew J. Pincus", "Andrew J. Pincus"),
        },
    ),
    # A participle after a main clause whose verb is "has" and an irregular participle; an
    # affiliation after an inverted verb's name with three common words before its name.
    (
        "Ann Hale has taken a swipe at Tom Pryor’s stance on trade, saying that “bombastic "
        "comments” do more harm than good.\n“He keeps getting stronger,” said Phil Musser of "
        "digital consulting firm IMGE.",
        {
            "Q1": ("name_saying", "Ann Hale", "Ann Hale"),
            "Q2": ("said_name", "Phil Musser", "Phil Musser"),
        },
    ),
    # A name and its verb closing the sentence after a comma: the whole sentence is theirs,
    # whatever verb-like noun comes before ("and promises").
    (
        "Ted Cruz electrified the crowds with speeches and promises to shake things up in "
        "Washington, Mary Stovall said.",
        {"S1": ("name_said", "Mary Stovall", "Mary Stovall")},
    ),
    # A role before the name after an inverted verb: an ally, a supporter.
    (
        "“David is a longtime friend of mine,” said Clinton ally James Carville.\n“It was "
        "fine,” said Trump supporter Ann Lee.",
        {
            "Q1": ("said_name", "James Carville", "James Carville"),
            "Q2": ("said_name", "Ann Lee", "Ann Lee"),
        },
    ),
    # An apposition of more than 150 characters, closed by its comma.
    (
        "James A. Lewis, a former government cybersecurity expert who now studies the cyber "
        "activities of nations at the Center for Strategic and International Studies, said, "
        "“If she used it in Russia, it was hacked.”",
        {"Q1": ("name_said", "James A. Lewis", "James A. Lewis")},
    ),
    # An apposition ending on a town and its dotted state.
    (
        "Tom Pryor, speaking at a rally in Wilmington, N.C., warned that the plan would fail.",
        {"S1": ("name_said", "Tom Pryor", "Tom Pryor")},
    ),
    # An inverted verb set off by commas after a name names its own speaker.
    (
        "And Tom Pryor, said Ann Sunshine, who remains friendly with her former boss, does not "
        "forgive or forget.",
        {"S1": ("said_name", "Ann Sunshine", "Ann Sunshine")},
    ),
    # A verb of blame or praise attributes the scare quote after its object.
    (
        "Ted Cruz, with unconcealed delight, chided Tom Pryor for raising the “natural born” "
        "question.",
        {"Q1": ("name_said", "Ted Cruz", "Ted Cruz")},
    ),
    # A show's title inside an apposition is a word of it, not a quotation closing it.
    (
        "Joe Hale, host of MSNBC’s “Morning Joe,” suggested the refusal could disqualify him.",
        {"Q1": None, "S1": ("name_said", "Joe Hale", "Joe Hale")},
    ),
    # ... nor a quotation between the verb and the words it frames.
    (
        "Tom Pryor spoke on Sunday.\nBut he told ABC’s “Good Morning America” that the senator "
        "is a “total opportunist” and should resign.",
        {"Q1": None, "Q2": ("pronoun_continues", "Tom Pryor", "he")},
    ),
    # Two words of a title's complement joined by "and".
    (
        "Ann Marsh, Lee's director of state campaigns and political engagement, said it was "
        "taking nothing for granted.",
        {"S1": ("name_said", "Ann Marsh", "Ann Marsh")},
    ),
    # ... and after an inverted verb.
    (
        "“That is a problem for the party,” said Rep. Tom Pryor (D-S.C.), a member of the "
        "leadership.",
        {"Q1": ("said_name", "Tom Pryor", "Tom Pryor")},
    ),
    # A title word that is the family name: after an honorific, after a given name.
    (
        "Walter King runs the county party.\n“There is a drop-off in turnout,” Mr. King said.",
        {"Q1": ("name_said", "Walter King", "Mr. King")},
    ),
    (
        "“It will not be easy,” said Representative Peter T. King of New York.",
        {"Q1": ("said_name", "Peter T. King", "Peter T. King")},
    ),
    # The present of headlines and ledes, for verbs that attribute a quotation in their clause.
    (
        "Former Mexican leader Calderon calls the wall plan “stupid.”",
        {"Q1": ("name_said", "Calderon", "Calderon")},
    ),
    # An abbreviation's full stop inside an apposition or a relative clause ends nothing.
    (
        "“It is long and tiring,” Ann Tully, Mrs. Obama's chief of staff, said in an interview.",
        {"Q1": ("name_said", "Ann Tully", "Ann Tully")},
    ),
    (
        "Senator Carl Mott of Ohio, who campaigned alongside Mrs. Clinton in his state, said "
        "voters were in a “revolutionary mood.”",
        {"Q1": ("name_said", "Carl Mott", "Carl Mott")},
    ),
    # An adverb or a day between the subject and the verb a participle hangs on.
    (
        "Donald Trump on Thursday stepped up his attacks on the senator, saying he is “weak on "
        "immigration.”",
        {"Q1": ("name_saying", "Donald Trump", "Donald Trump")},
    ),
    # "No." before a number ends no apposition.
    (
        "Senator Jo Penn of Texas, the No. 2 Republican in the Senate, said the chamber would "
        "vote on four measures.",
        {"S1": ("name_said", "Jo Penn", "Jo Penn")},
    ),
    # A wire dateline before the subject of a coordinated speech verb.
    (
        "ORLANDO, Fla. (Reuters) - President Barack Obama met survivors of the attack on "
        "Thursday and said the country must act.",
        {"S1": ("name_said", "Barack Obama", "Barack Obama")},
    ),
    # A lawmaker's party and state in apposition.
    (
        "“You need to act now,” Representative Jane Orr, Republican of Minnesota, told the "
        "president.",
        {"Q1": ("name_told", "Jane Orr", "Jane Orr")},
    ),
    # The same without brackets.
    (
        "Rep. Chris Cole, R-NY, says the meeting outlined a path to the nomination.",
        {"S1": ("name_said", "Chris Cole", "Chris Cole")},
    ),
    # An affiliation whose comma closes the apposition the name opened.
    (
        "Another pollster, David Wood of Clemson University, said his survey showed support "
        "holding steady.",
        {"S1": ("name_said", "David Wood", "David Wood")},
    ),
    # "assured … that" reports speech.
    (
        "Mr. Biden assured the residents that the candidate was “made of the same stuff.”",
        {"Q1": ("name_said", "Biden", "Mr. Biden")},
    ),
    # A name after a comma that closes a prepositional phrase, and no comma after it, is the
    # subject of the verb, not in apposition to the phrase's object.
    (
        "Patrick Kennedy spoke on Monday. The rest of the files were moved to a classified "
        "system, Kennedy said.",
        {"S2": ("name_said", "Patrick Kennedy", "Kennedy")},
    ),
    # A time phrase between a subject and its verb.
    (
        "Reince Priebus, the party chairman, this past week announced that a website would "
        "explain the process.\nSean Spicer on Thursday evening said the party was not in a crisis.",
        {
            "S1": ("name_said", "Reince Priebus", "Reince Priebus"),
            "S2": ("name_said", "Sean Spicer", "Sean Spicer"),
        },
    ),
    # A sentence opening with a subordinate clause: the main clause's named speaker.
    (
        "Tad Devine and Bernie Sanders spoke.\nWhile Sanders has pledged to support the nominee, "
        "Devine suggested that it would not be simple.",
        {"S2": ("name_said", "Tad Devine", "Devine")},
    ),
    # A negated auxiliary after the subject is its verb: the participle is the subject's.
    (
        "Jeff Weaver spoke.\nWeaver didn’t seem impressed with the comments, telling reporters, "
        "“The governor should step down.”",
        {"Q1": ("name_saying", "Jeff Weaver", "Weaver")},
    ),
    # A US state abbreviated after its town inside an apposition.
    (
        "Nicholas Daniloff was freed in 1986.\n“I would be in Siberia,” Mr. Daniloff, now 81 "
        "and retired in Cambridge, Mass., said by telephone.\nJane Doe, of Springfield, Ill., "
        "said the plant would close.",
        {
            "Q1": ("name_said", "Nicholas Daniloff", "Mr. Daniloff"),
            "S3": ("name_said", "Jane Doe", "Jane Doe"),
        },
    ),
    # Verbs of the way words were said.
    (
        "Jim Hale spoke.\n“Not a chance,” Hale quipped.\n“Go back,” Hale shouted.\nHale joked that "
        "the plan was dead.",
        {
            "Q1": ("name_said", "Jim Hale", "Hale"),
            "Q2": ("name_said", "Jim Hale", "Hale"),
            "S4": ("name_said", "Jim Hale", "Hale"),
        },
    ),
    # "Shot back", "fired back": verbs of reply.
    (
        "Jerry Brown and Hillary Clinton spoke.\nAfter Jerry Brown criticized Bill Clinton during "
        "a debate, Hillary Clinton shot back, “I could have stayed home.”\n“Go back to Univision,” "
        "Donald Trump fired back.",
        {
            "Q1": ("name_said", "Hillary Clinton", "Hillary Clinton"),
            "Q2": ("name_said", "Donald Trump", "Donald Trump"),
        },
    ),
    # A name inside a past participle's phrase set off after the subject is not the subject.
    (
        "Donald Trump spoke.\nMary Susan, clad in a red cape with lights that formed the name "
        "Trump, said the convention could be a “failure” this year.",
        {"Q1": ("name_said", "Mary Susan", "Mary Susan")},
    ),
    # A quoted exclamation, then its speaker with an apposition that holds points: one
    # sentence; and an inverted verb of manner.
    (
        "John Smith and Ann Hale spoke.\n“Perpetual motion!” Rep. John Smith, R-Pa., said of "
        "the activities.\n“Imagine that,” mused Ann Hale.",
        {
            "Q1": ("name_said", "John Smith", "John Smith"),
            "Q2": ("said_name", "Ann Hale", "Ann Hale"),
        },
    ),
    # A verb that reports speech only beside a quotation also does before a clause of what
    # was said.
    (
        "Speaking in Beijing, Foreign Ministry spokesman Lu Vale repeated that China opposed "
        "hacking.\nAnn Hale maintained that she had done nothing wrong. Then Ann Hale wondered "
        "whether she could file charges.",
        {
            "S1": ("name_said", "Lu Vale", "Lu Vale"),
            "S2": ("name_said", "Ann Hale", "Ann Hale"),
            "S3": ("name_said", "Ann Hale", "Ann Hale"),
        },
    ),
    # An apposition over a place with its state's abbreviation, then a relative clause.
    (
        "Paul Vale, a truck driver from Ava, Mo., who is a supporter of Mr. Hale, said he "
        "already received time and a half.",
        {"S1": ("name_said", "Paul Vale", "Paul Vale")},
    ),
    # A candidate's campaign roles stand before the name as titles.
    (
        "Republican hopeful Ben Vale said the vote was rigged. Presidential contender Ann Hale "
        "said it was not.",
        {
            "S1": ("name_said", "Ben Vale", "Ben Vale"),
            "S2": ("name_said", "Ann Hale", "Ann Hale"),
        },
    ),
    # A quotation closing on a quotation inside it, a space before its closing mark; and an
    # inverted verb in the present tense.
    (
        "Ann Hale spoke.\n\n\"If you lose, you shake the other team's hand and say, 'Well "
        'done,\' " said Rep. Ann Hale, a Maine legislator.\n\n"I\'m a voter," declares Tom '
        "Vale, 27, a Navy veteran.",
        {
            "Q1": ("said_name", "Ann Hale", "Ann Hale"),
            "Q2": ("said_name", "Tom Vale", "Tom Vale"),
        },
    ),
    # A line opening with a name and a colon: a headline, a transcript.
    (
        "Vale: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance.\n\nOn Thursday, "
        "Sen. Tom Vale said Trump was wrong.\n\nDr. Ann Hale: Clinton ‘Not Fit To Serve.’\n\n"
        "Ann Hale said it twice.",
        {
            "Q1": ("colon_intro", "Tom Vale", "Vale"),
            "Q2": ("colon_intro", "Ann Hale", "Ann Hale"),
        },
    ),
    # ... and a line of a transcript or a headline without quotation marks.
    (
        "Tom Vale hosted Ann Hale.\n\nVale: Well, speculation is bad for all of us.\n\n"
        "Hale: I Still Believe Trump Can’t Be Trusted with the Codes.",
        {
            "S2": ("colon_intro", "Tom Vale", "Vale"),
            "S3": ("colon_intro", "Ann Hale", "Hale"),
        },
    ),
    # A participle of asking, responding or recalling after the main clause.
    (
        "Sen. Tom Vale also sent out a fundraising call following the remarks, asking "
        "supporters to “donate $3 to our campaign now.”\nSen. Ann Hale refused to entertain it, "
        "responding that she is “not going to go into what my campaign is doing.”",
        {
            "Q1": ("name_saying", "Tom Vale", "Tom Vale"),
            "Q2": ("name_saying", "Ann Hale", "Ann Hale"),
        },
    ),
    # "She" opening the sentence of a quotation no verb attributes: the person she is (a
    # guess about the clause, as a named subject is).
    (
        "“I am still in shock,” said nurse Ann Hale.\nHale was rescued after ten minutes. She has "
        "burns but is “grateful to have another chance to keep working as a nurse.”",
        {"Q2": ("sentence_subject", "Ann Hale", "She")},
    ),
    # "went on" right after a quotation reports it, as "continued" does.
    (
        "Ann Hale met Tom Vale.\n\nHale responded with a smile: “Can happen at 45.”\n\n“You know, "
        "it happens, right?” Vale went on, as if he did not hear her.",
        {"Q2": ("name_said", "Tom Vale", "Vale")},
    ),
    # An affiliation after an inverted verb's name, its words hyphenated.
    (
        'The race went on.\n"Cruz\'s victory should give him momentum," says Tom Vale of the '
        "non-partisan Vale-Hale Political Report.",
        {"Q1": ("said_name", "Tom Vale", "Tom Vale")},
    ),
    # "As X put it": X's words.
    (
        "Ann Hale spoke.\nAs Professor Tom Vale put it: “The United States does a better job.” "
        "As The Post's Bob Ruiz puts it, “Senate Republicans are unmoved.”",
        {
            "Q1": ("colon_intro", "Tom Vale", "Tom Vale"),
            "Q2": ("name_said", "Bob Ruiz", "Bob Ruiz"),
        },
    ),
    # "the following statement:" introduces the quotation of the next paragraph.
    (
        "Tom Vale died in 1998. When he died, President Ann Hale released the following "
        "statement:\n\n“We offer our condolences to his family.”",
        {
            "S2": ("name_said", "Ann Hale", "Ann Hale"),
            "Q1": ("paragraph_continues", "Ann Hale", "Ann Hale"),
        },
    ),
    # An apposition between spaced hyphens, as scraped text writes dashes.
    (
        "In an interview at her hotel, Deborah Jordan Vale - Santilli's girlfriend and co-host "
        "on his channel - told The Washington Post that his skepticism was real.",
        {"S1": ("name_told", "Deborah Jordan Vale", "Deborah Jordan Vale")},
    ),
    # An inverted speaker's outlet after "for", and a longer aside in brackets after the name.
    (
        "Clinton leads Trump.\n\n“The debate's impact is still small,” wrote Cameron Easley "
        "for Morning Consult.",
        {"Q1": ("said_name", "Cameron Easley", "Cameron Easley")},
    ),
    (
        "The plan is new. Len Burman runs the center.\n\nUsing the tax “is a misguided "
        "approach,” said Mr. Burman (a view echoed by everyone I interviewed).",
        {"Q1": ("said_name", "Len Burman", "Mr. Burman")},
    ),
    # A reflexive between the subject and its verb: "Cruz himself said".
    (
        "Ted Cruz spoke in Iowa.\n\nCruz himself said Tuesday that “the only way to win the "
        "state is with the support of the grassroots.”",
        {"Q1": ("name_said", "Ted Cruz", "Cruz")},
    ),
    # A headline in title case: its speech verb is read in lower case, the first one only.
    (
        "Bernie Sanders Says He’s Already Started Writing His Inaugural Address.\n\n"
        "Bernie Sanders is confident.",
        {"S1": ("name_said", "Bernie Sanders", "Bernie Sanders")},
    ),
    (
        "Guns Are ‘The Ultimate Public Health Crisis,’ Howard Dean Tells Democratic Convention."
        "\n\nHoward Dean spoke on Monday.",
        {"Q1": ("name_told", "Howard Dean", "Howard Dean")},
    ),
    # A person named right before the colon that introduces the quotation, mid-sentence.
    (
        "Sanders surged in the polls.\n\nThe timing of the surge doesn’t surprise Republican "
        "pollster Daron Shaw: “Historically, lesser-known candidates rise late.”",
        {"Q1": ("colon_intro", "Daron Shaw", "Daron Shaw")},
    ),
    # An inverted speaker with a relative clause after the name.
    (
        "The casino closed.\n\n“It was a normal business,” said Sen. Jim Whelan who "
        "represents Atlantic City.",
        {"Q1": ("said_name", "Jim Whelan", "Jim Whelan")},
    ),
]

PITFALLS: list[tuple[str, Expected]] = [
    # ... but a quotation ending the sentence before leaves a list of subjects a list.
    (
        "Chuck Vale said: “The people are tired of wars.”\nRep. Barbara Ruiz, a California "
        "Democrat, and Bridget Dale, a lobbyist, wrote in March: “Congress abdicates.”",
        {"Q2": None},
    ),
    # A quotation opening its paragraph with a full name after its verb that no rule reads
    # does not continue the paragraph before's speaker.
    (
        "“We are ready,” said Tom Vale.\n\n"
        "“They are not,” said longtime Republican fundraiser Bob Ruiz.",
        {"Q2": None},
    ),
    # ... and away from a quotation they report no speech.
    (
        "Hillary Vale maintains a wide lead over Sanders among black voters.\n“It is over,” "
        "said Tom Ruiz. Tom Ruiz also pleaded guilty to witness tampering.",
        {"S1": None, "S3": None},
    ),
    # A name opening the next paragraph's sentence signs nothing; nor does a dash inside it.
    (
        "Police met the families.\n“We are ready for the vote tomorrow.”\n"
        "John Vale, 45, was arrested on Monday.\n"
        "“The count is over.” The result - Ann Hale won - was announced later.",
        {"Q1": None, "Q2": None},
    ),
    # "that" a determiner: no clause of what was said.
    (
        "Hillary Vale maintained that margin for weeks. Tom Ruiz repeated that mistake.",
        {"S1": None, "S2": None},
    ),
    # A programme's name inside the phrase opening the sentence is no one the title after
    # its comma describes; the front-runner is the person named before, as "he" would be.
    (
        "Ann Hale commanded most of the attention. Appearing on CBS' Face the Nation, the GOP "
        "front-runner said the rival “caused tremendous death” abroad.",
        {"Q1": ("pronoun_continues", "Ann Hale", "the GOP front-runner")},
    ),
    # "put it" of a thing, and plural nouns after a quotation, are no speech.
    (
        "Ann Hale put it on hold, and the “big deal” collapsed.\n“I have to say it,” Tom Vale "
        "said. But he stood by comments he had made about the police. The states he won "
        "backed him.",
        {"Q1": None, "S3": None, "S4": None},
    ),
    # ... and away from one it is no speech.
    ("Tom Vale spoke. The rally went on for hours. Vale went on to win the state.", {"S3": None}),
    # An adviser described, not named, after the verb: no one named before continues.
    (
        "Sen. Tom Vale said he expects Cruz to play a major role.\n\n“I think politicians are "
        "practical people,” said the senior Cruz adviser. “They’re going to be interested.”",
        {"Q1": None, "Q2": None},
    ),
    # ... not a colon after words that are no actor's name.
    ("Note: the “big deal” was off. Tom Vale said it was over.", {"Q1": None}),
    # A label, a question or a list of names after "Name:" is no statement.
    (
        "Tom Vale spoke with Ann Hale.\n\nVale: 547.\n\nHale: Finish second.\n\nVale: "
        "Constitutional conservative or another typical career politician?\n\nHale: Tom Ruiz "
        "(capt), Bob Lee, Jim Orr, Ed Fox.",
        {"S2": None, "S3": None, "S4": None, "S5": None},
    ),
    # ... but not asking as what others are accused of.
    (
        "Sen. Tom Vale fielded attacks, so much so that he accused the moderators of asking too "
        "many “please attack Ted” questions.",
        {"Q1": ("pronoun_continues", "Tom Vale", "he")},
    ),
    # ... not when a name stands between: the words may be that one's.
    (
        "“I am still in shock,” said nurse Ann Hale.\nShe watched as Tom Vale stood there, “a "
        "broken and tired man with nothing left.”",
        {"Q2": None},
    ),
    # A hyphen inside a sentence is no dash around an apposition.
    (
        "Ann Hale met Tom Ruiz. The vote - a close one - said little about the race.",
        {"S2": None},
    ),
    # A president's administration is the government, not the president's own voice.
    (
        "Barack Vale met the board. The Vale administration said it would give no more aid.",
        {"S2": None},
    ),
    # The agent of a passive in an aside before the verb is no subject of it.
    (
        "Colin Dale’s office, when contacted by Reuters, said the former diplomat could not "
        "recall the dinner.",
        {"S1": None},
    ),
    # A day in a name, then a verb's look-alike: no speaker.
    (
        "He has built organizations in South Carolina and Super Tuesday states, especially "
        "across the South.",
        {"S1": None},
    ),
    # ... but "said to be" after a name's comma names nobody else (the first verb read
    # names him too).
    (
        "Tom Pryor, said to be a friend of Ann Lee, told reporters the plan would fail.",
        {"S1": ("name_said", "Tom Pryor", "Tom Pryor")},
    ),
    # A paragraph opening on a quotation that an unnamed speaker says, inverted, continues
    # nobody named before.
    (
        "Tom Pryor said the governor had no good choice.\n“It is like choosing between two "
        "poisons,” said one person with knowledge of the talks.",
        {"Q1": None},
    ),
    (
        "Tom Pryor said the panel had failed.\n“Republicans are in a frenzy,” said one "
        "Democratic source on the panel.",
        {"Q1": None},
    ),
    # Two lawmakers, each with an aside, are no lawmaker with an apposition.
    (
        "Sen. Mark Rowe, R-Fla., and several aides of Rep. Tom Lee, D-Ore., said the plan failed.",
        {"S1": None},
    ),
    # "and" after a title's complement opening a name joins two people.
    (
        "Ann Marsh, director of the union and Tom Lee said the plan failed.",
        {"S1": None},
    ),
    # ... but a participle that gives the name is no apposition of another: "One, named Lima".
    (
        "Protesters gathered.\nOne, named Jorge Lima, told reporters: “We need order.”",
        {"Q1": ("colon_intro", "Jorge Lima", "Jorge Lima")},
    ),
    # ... but a pronoun in the main clause leaves the subordinate clause's named speaker.
    (
        "Tad Devine and Bernie Sanders spoke.\nWhile Sanders has pledged to support the nominee, "
        "he suggested that it would not be simple.",
        {"S2": ("name_said", "Bernie Sanders", "Sanders")},
    ),
    # A name inside a relative clause between the subject and its verb is none.
    (
        "Hillary Clinton spoke first.\nBernie Sanders, who on Tuesday endorsed Clinton, said he "
        "agrees with the remarks.",
        {"S2": ("name_said", "Bernie Sanders", "Bernie Sanders")},
    ),
    # A name inside the apposition is not the speaker: its possessive is somebody's title.
    (
        "“We had to balance it,” Ann Tully, Mr. Hale's chief of staff, said.",
        {"Q1": ("name_said", "Ann Tully", "Ann Tully")},
    ),
    # A title word after a nationality or a determiner is a title, not the King named before.
    (
        "Steve King spoke first.\nThe Saudi King said “no.”",
        {"Q1": None},
    ),
    # ... and before a name, the name's title.
    (
        "Steve King spoke first.\nKing Abdullah said “no.”",
        {"Q1": ("name_said", "Abdullah", "King Abdullah")},
    ),
    # A title after a country is still a title: "Crown Prince", "Jordan King".
    (
        "Crown Prince Mohammed said “yes.”",
        {"Q1": ("name_said", "Mohammed", "Prince Mohammed")},
    ),
    # A name after a sentence's opening phrase opens the main clause, not an apposition to
    # the phrase's last noun: Khan is no magazine (an organisation "he added" cannot follow).
    (
        "London Mayor Sadiq Khan won.\nIn an interview with Time magazine, Khan said “no.” "
        "He added: “Never.”",
        {
            "Q1": ("name_said", "Sadiq Khan", "Khan"),
            "Q2": ("pronoun_continues", "Sadiq Khan", "He"),
        },
    ),
    # "… when he said" opens a clause of its own: the quotation before it is the main
    # clause's speaker's, not the pronoun's (Trump's words follow in the next quotation).
    (
        "Retired Lt. Gen. Michael Flynn said Donald Trump was “absolutely right” when he said "
        "Wednesday night that under President Barack Obama, “the generals have been reduced.”",
        {"Q1": ("name_said", "Michael Flynn", "Michael Flynn")},
    ),
    # "He said" after a paragraph naming two people: the one who acts, not the one whose
    # response is asked about.
    (
        "Scott Szlachta asked Senator Marco Rubio about visas.\nWas Szlachta satisfied with "
        "Rubio's response?\n“To a point,” he said.",
        {"Q1": ("pronoun_continues", "Scott Szlachta", "he")},
    ),
    # No speech verb: the clause's subject, across an apposition closed by its comma, a
    # party and state, or an aside.
    (
        "Corey Lewandowski, Donald Trump’s fired campaign manager, ripped FBI Director James "
        "Comey for acting as “the judge and the jury” in the probe.",
        {"Q1": ("sentence_subject", "Corey Lewandowski", "Corey Lewandowski")},
    ),
    (
        "Senate Majority Leader Mitch McConnell, R-Ky., delivered a blunt message to Trump: "
        "“It's time to quit attacking people.”",
        {"Q1": ("sentence_subject", "Mitch McConnell", "Mitch McConnell")},
    ),
    (
        "In a statement, Sen. Bernie Sanders (I-Vt.) reminded Americans of the need to “stand "
        "together.”",
        {"Q1": ("sentence_subject", "Bernie Sanders", "Bernie Sanders")},
    ),
    (
        "Former Arkansas Gov. Mike Huckabee, for his part, is labeling Obama’s actions “a "
        "blatant abuse of power.”",
        {"Q1": ("sentence_subject", "Mike Huckabee", "Mike Huckabee")},
    ),
    # ... but not a name after a preposition, with its own apposition.
    (
        "After a rally with Ted Cruz, the Texas senator, supporters chanted “build the wall.”",
        {"Q1": None},
    ),
    # A time phrase between the name and its verb: "less than two weeks ago".
    (
        "The State Department less than two weeks ago said for the first time that “top "
        "secret” intelligence had passed through the server.",
        {"Q1": ("name_said", "State Department", "State Department")},
    ),
    # A long apposition (up to 150 characters) with a relative clause in it.
    (
        "Senator Bob Corker, a Tennessee Republican who has met privately with Mr. Trump and "
        "been mentioned as a vice-presidential choice, said “there could be” a line.",
        {"Q1": ("name_said", "Bob Corker", "Bob Corker")},
    ),
    # A second verb of the subject after "but now".
    (
        "House Republican Thomas Massie used to support Rand Paul, but now said Trump had “the "
        "obligation to bring us together.”",
        {"Q1": ("name_said", "Thomas Massie", "Thomas Massie")},
    ),
    # A name whose title-like word is not last keeps all of it.
    (
        "Martin Luther King Jr. said “we shall overcome.”",
        {"Q1": ("name_said", "Martin Luther King Jr", "Martin Luther King Jr")},
    ),
    # In a title-case headline only the first speech verb is lowered ("Calls Trump’s Putin
    # Remarks" would make "Putin" a speaker), and a capitalised phrase that is no actor of the
    # article is nobody ("Newly Released Document Reveals …").
    (
        "Clinton Says Russians Hacked DNC, Calls Trump’s Putin Remarks ‘Troubling.’\n\n"
        "Hillary Clinton spoke on Monday.",
        {"Q1": ("name_said", "Hillary Clinton", "Clinton")},
    ),
    (
        "Newly Released Document Reveals State Department Knew Security Was Inadequate.\n\n"
        "The State Department knew.",
        {"S1": None},
    ),
    # ... but not the object of a preposition: the message is for her, not hers.
    (
        "Ann Cole lost the vote.\n\nHe had a message for Ann Cole: “You lost.”",
        {"Q1": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES + PITFALLS)
def test_us_news_speaker_shapes(text: str, expected: Expected) -> None:
    check(text, expected, indexed_cues)


# A constructed article in PolNeAR's form: the NYT texts' ''…'' quotation marks, and BRAT
# standoff attributions whose offsets count those two apostrophes.
_TEXT = "Mr. Hale spoke.\n\n''We will win,'' Mr. Hale said. He added: ''It is over.''\n"
_ANN = (
    "T1\tContent 19 30\tWe will win\n"
    "T2\tSource 34 42\tMr. Hale\n"
    "T3\tCue 43 47\tsaid\n"
    "E1\tAttribution:T3 Source:T2 Content:T1 Cue:T3\n"
    "T4\tSource 49 51\tHe\n"
    "T5\tContent 61 71\tIt is over\n"
    "E2\tAttribution:T5 Source:T4 Content:T5\n"
)


def test_the_polnear_bench_reads_the_nyt_quotation_marks_and_moves_the_gold_offsets() -> None:
    bench = load_bench("polnear_speakers")
    text, moved = bench.straighten(_TEXT)
    assert "''" not in text and text.count("“") == 2 and text.count("”") == 2
    gold = bench.read_gold(_ANN, moved)
    assert [text[a:b] for a, b in gold[0].content] == ["We will win"]
    assert [text[a:b] for a, b in gold[0].source] == ["Mr. Hale"]
    assert [text[a:b] for a, b in gold[1].content] == ["It is over"]
    tally = bench.Tally()
    bench.score("constructed", text, gold, tally)
    # Both quotations are inside an attribution; the first's source is named and the cue
    # names it; the second's is "He", checked by place: the cue read the pronoun there.
    assert (tally.attributed, tally.named, tally.named_right) == (2, 1, 1)
    assert (tally.unnamed, tally.unnamed_right, tally.misses) == (1, 1, [])


def test_blank_lines_between_paragraphs_change_no_cue() -> None:
    """Most articles users give separate paragraphs by a blank line; the sample (like the
    Wikinews sets) by a line break. "He said" opening a paragraph refers to the one person
    the paragraph before names either way."""
    text = (
        "Rahm Emanuel spoke at length about crime.\n"
        "Emanuel also made clear that he has not considered resigning.\n"
        "“We have a process,” he said.\n"
    )
    blank = indexed_cues(text.replace("\n", "\n\n"))["Q1"]
    assert (blank.rule, blank.name) == ("pronoun_continues", "Rahm Emanuel")
    for article in (text, SEED.read_text(encoding="utf-8")):
        single = {t: (c.rule, c.name) for t, c in indexed_cues(article).items()}
        spaced = indexed_cues(article.replace("\n", "\n\n"))
        assert {t: (c.rule, c.name) for t, c in spaced.items()} == single
