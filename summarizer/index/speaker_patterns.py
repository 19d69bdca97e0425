"""The words between a speaker's name and its verb: what ``speaker_rules.Matcher`` accepts.

News attaches a name to its speech verb across a few kinds of gap, read here on text whose
quotations are masked out (``\\x00``):

* nothing but auxiliaries and adverbs: "X said", "X has repeatedly warned";
* an apposition: "X, 52, said", "X, the mayor, said", "X, who dyed his beard, told", and one
  holding a title: "X, Ukraine's foreign minister, said", "X, the second protester said";
* a stray comma or a relative pronoun: "X, said", "X, who said";
* a prepositional phrase: "X in an interview with the BBC said", "X in a statement said";
* a voice: "X's office said", "a X spokesman said", "X's statement said" (``on_behalf_of``).

A name right after a preposition ("an interview *with the BBC* said") is an object, never the
subject; "a spokesperson *for* X said" is X's voice. After an inverted verb ("…,” said …) a
description may stand before the name: "said nurse X", "said the IOM chief in Tripoli, X".
"""

from __future__ import annotations

import re

from .lexicon import (
    HONORIFICS,
    ORG_DESCRIPTORS,
    ROLE_NOUNS,
    TITLE_HEADS,
)
from .name_verbs import FILLER, STAFF_PLURALS, grouped
from .rules import SPEAKER_RULES
from .sentences import PLACE_ABBREVIATIONS, TITLE_ABBREVIATIONS

MASK = "\x00"
# Over a quotation that titles a work: a lower-case word to the patterns, never a name.
WORK_MASK = "x"
_FILLERS = rf"(?:\s+{FILLER})*\s+"
# "X said", "X, 52, said", "X, the mayor, said", "X has repeatedly warned".
# "X speaking to reporters said", "X commenting on Monday said": how, not who, in between.
_SPEAKING = r"\s+(?:speaking|commenting|writing|talking|testifying)\b[^,.;:\n\x00“”\"]{0,60}?"
# An apposition between dashes: "X — the city's first female mayor — said".
# (a spaced hyphen stands for a dash in scraped text: "X - Santilli's girlfriend - told")
_DASHED = r"\s+(?:[—–]|--?)\s+[^—–\n\x00.;:]{1,100}?\s+(?:[—–]|--?)"
# An apposition may end on a place's region: "X, ending a summit in Niigata, Japan, issued".
_REGION = r"(?:,\s[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)?\s?)?"  # (undotted: "N C ,")
# A lawmaker's party and state: "Representative X, Democrat of Tennessee, told", "Rep. X,
# R-NY, says".
_PARTY = (
    r",\s(?:(?:an?\s)?(?:Democrat|Republican|Independent)\s(?:of|from)\s"
    # (a state's points may be undotted: "R-N Y ,")
    r"[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*)?|[DRI]-[A-Z][A-Za-z.]{0,6}(?:\s?[A-Z][A-Za-z.]{0,3})?\s?),"
)
PARTY_ASIDE = re.compile(_PARTY)
# ... and an apposition after it: "Sen. X, R-Fla., appearing on Fox News, said".
_PARTY_THEN = r"(?:\s(?=[a-z\d])(?!(?:and|or)\s)[^,.;:\n\x00]{1,150},)?"
_GAP = re.compile(
    # (",\s+": "Ava, Mo., who is …" reads "Ava, Mo,  who" once its points are blanked)
    rf"(?:(?:,\s+(?=[a-z\d])(?:[^,.;:\n\x00]|(?<=\d)[.,](?=\d)){{1,200}}{_REGION}){{1,2}},"
    rf"|{_SPEAKING}|{_DASHED}|{_PARTY}{_PARTY_THEN})?{_FILLERS}"
)
COMMA_GAP = re.compile(rf",{_FILLERS}")
TITLE_TAIL = re.compile(rf",?{_FILLERS}")
APPOSED = re.compile(r",\s+(?:(?:an?|the)\s+)?$")
# "X, said" (a stray comma: ``COMMA_GAP``), "Amnesty International, which declared"; "by X,
# who said" (the one a "who" follows is its subject, even after a preposition; "the war in
# Syria, which has claimed" is not Syria's).
# After an apposition too: "X, the head of a local group, who said".
_RELATIVE = re.compile(rf"(?:,\s(?=[a-z\d])[^,.;:\n\x00]{{1,100}})?,?\s+who{_FILLERS}")
_WHICH = re.compile(rf",\s+which{_FILLERS}")
# "X, Ukraine's foreign minister, said", "X, Capitol Police spokeswoman said".
# The title may name its employer after a comma: "X, chairperson of Local 1520, Canadian Auto
# Workers union said".
_TITLED = re.compile(
    rf",\s+([^,;:\n\x00“”\"]{{1,120}}?(?:,\s+[A-Z][^,;:\n\x00“”\"]{{1,60}}?)?)(,?){_FILLERS}"
)
# "James Nixey of Chatham House, an independent policy institute, wrote"; the comma may
# close an apposition the name opened ("Another pollster, X of Clemson University, said").
_AFFILIATION = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[a-z]+\s+)?(?=[A-Z])[^,.;:\n\x00“”\"]{1,90}?"
    rf"(?:,\s(?=[a-z\d])[^,.;:\n\x00]{{1,80}},|,)?{_FILLERS}"
)
# "Dr. Arthur C. Evans, Jr. said": a suffix after the name found.
_ASIDE = re.compile(r"\s*\([^()\x00]*\)")
# A comma right after a name, asides in parentheses aside: "X (ACF), told".
COMMA_AFTER = re.compile(r"(?:\s*\([^()\x00]*\))*\s*,")
_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\b\.?")
# "X in an interview with the BBC said", "X, in a statement, said".
_MEDIA = (
    r"statement|interview|speech|(?:press |news )?conference|(?:press )?release|letter|post|"
    r"tweet|message|e-?mail|video|memo|report|meeting|briefing|broadcast|address|blog|"
    r"website|podcast|column|op-ed|editorial|hearing|session|rally|ceremony|summit"
)
# Where the words were said: "in an interview with the BBC", "on Twitter", "via its website".
_IN_MEDIUM = (
    r"(?:in|on|during|at|via|through)\s+(?:an?|the|his|her|its|their)\s+(?:[\w-]+\s+)?"
    rf"(?:{_MEDIA})\b"
)
_PP = re.compile(
    rf",?\s+(?:{_IN_MEDIUM}(?:\s+(?:with|to|on|for|at|in)\s+[^,.;:\n\x00“”\"]{{1,40}}?)?"
    r"|\s+on\s+(?:Twitter|Facebook|Instagram|X|Telegram|TikTok|YouTube|LinkedIn|social media))"
    rf",?{_FILLERS}"
)
_VOICES = (
    r"spokes(?:man|woman|person|people)|representatives?|(?:press\s+)?office|press\s+"
    r"(?:service|secretary)|presidency|statement|communiqu[eé]|website|account|memo|letter|"
    r"speech|introduction|"
    r"report|release|tweet|post|campaign|team|lawyers?|attorneys?|ministry|government|embassy|"
    r"decree|"
    # "USAF officials said", "Cruz's advisers say": the body or person speaks through them
    rf"{STAFF_PLURALS}|advis[eo]rs|aides|staff(?:ers)?"
)
# "X's office said", "a Boeing spokesman said", "X's Swedish presidency stated", "Sanders’
# campaign says".
_VOICE = re.compile(
    rf"(?:['’]s?)?\s+(?:(?!(?:the|a|an|its|his|her|their)\b)[\w-]+\s+){{0,2}}?"
    rf"(?:{_VOICES})(?:,\s+which)?{_FILLERS}"  # (and "Sharif's decree, which said")
)
# Right before a name: a spokesperson speaks for it; after another preposition it is an object.
# So do the body's people: "Officials of the G7 said", "Finance ministers and central bankers
# of the G7 issued a communiqué"; and a person's aides: "Aides to Clinton say".
SPOKESPERSON_FOR = re.compile(
    r"\b(?:(?:spokes(?:man|woman|person|people)|representatives?|officials|ministers|executives|"
    r"staff|leaders|delegates|negotiators)(?:\s+and\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)?"
    r"\s+(?:for|of)|(?:aides|advis[eo]rs)\s+to)\s+(?:the\s+)?$",
    re.I,
)
# An unresolved name after these is an object; "of", "for" may close a title ("Governor of
# the Bank of England Mervyn King"), so only these are read before a raw name.
RAW_OBJECT = re.compile(
    r"\b(?:with|to|into|about|against|than|like|unlike|via|between|among)\s+(?:the\s+)?$", re.I
)
# Inside a prepositional phrase: "Sam Wilson of UH Mānoa's Center … (C-MORE) said".
OWNED_NAME = re.compile(r"\b(?:of|for|with|to|at|in|on|from)\s+(?:the\s+)?[A-Z][^,;\x00]*$")
# A subordinate clause opened before a name: its verb is not the sentence's.
SUBORDINATE = re.compile(
    r"\b(?:[Aa]fter|[Ww]hen|[Ww]hile|[Ww]hilst|[Aa]lthough|[Tt]hough|[Bb]ecause|[Ss]ince|[Ii]f|"
    r"[Bb]efore|[Uu]ntil|[Oo]nce|[Ww]hereas|that|which|who)\b[^,;\x00]*$"
)
# A name right after a verb's "-ing" form is its object: "an officer who admitted to shooting
# Merzouk claimed": the officer claims. Not "king" (too short), nor a preposition ("including
# Amnesty International, which declared"), nor before a title ("The prosecuting attorney, X").
OBJECT_OF_ING = re.compile(r"(?<![\w-])(?!(?:during|including|following)\b)[a-z]{3,}ing\s+$")
# A phrase that opens the sentence and ends at the comma before the name: "Responding to the
# criticism, X told", "Speaking to the press, X said" (its object is no apposition of the name).
OPENING_PHRASE = re.compile(
    r"\s*(?:[A-Z][a-z]+ing|In\s+(?:response|reply|reaction)|Asked|Pressed|Questioned)\b"
    r"[^,.;:!?\x00]{1,80},\s+$"
)
# The agent of a participle set off after the subject: "X, quoted by *the BBC*, said".
AGENT_APPOSED = re.compile(
    r",\s+(?:quoted|cited|interviewed|contacted|reached|asked|backed|joined)\s+by\s+(?:the\s+)?$"
)
# A name in apposition to an object: "X, campaigning with her husband, *Y*, said" is X's;
# only when a comma closes it: "The files were moved to a secure system, *Y* said" is Y's.
OBJECT_APPOSED = re.compile(
    r"\b(?:with|by|to|for|from|against|beside|alongside)\s+(?:his|her|their|its|the|an?)\s+"
    r"(?:[a-z-]+\s+){0,2}[a-z-]+,\s+(?!(?:and|or|but)\s)(?:[a-z-]+\s+){0,2}$"
)
# A subordinate clause opening a sentence, up to its comma: "While X has pledged …, ".
OPENING_SUBORDINATE = re.compile(
    r"\s*(?:While|Although|Though|Whereas|Even though|Even as|As|Because|Since|After|When|"
    r"Before|Once|If|Until|Unless)\s[^,;:\x00]{1,150},\s"
)
# Inside an apposition: "X, a spokesperson for maker *Y*, has said".
# ("X, speaking alongside *Y*, said" too; "…, including Amnesty International, which" is not).
# A relative clause too: "X, who on Tuesday endorsed *Y*, said" is X speaking.
# A past participle too: "X, clad in a cape that spelled *Y*, said", "X, flanked by *Y*, said"
# (not one that gives the name: "One, named *Lima*, told").
IN_APPOSITION = re.compile(
    r",\s+(?:an?|the|who|which|(?!including\b)[a-z]+ing|clad|led|known|born"
    r"|(?!(?:named|called|nicknamed|dubbed|identified)\b)[a-z]{3,}ed)\s[^,\x00]*$"
)
_HEADS = TITLE_HEADS | ROLE_NOUNS  # a title's head word or a role
# A title that goes on with its employer before the name: "Chief investment officer *at* Fort
# Pitt Capital Group Charlie Smith said" (the preposition opens the title, not an object).
ROLE_AT = re.compile(rf"\b(?:{grouped(sorted(_HEADS))})\s+(?:at|of|for|with)\s+(?:the\s+)?$", re.I)
# A name's apposition left open: "Erin Turner, head of policy at the group *Choice* said".
OPEN_APPOSITION = re.compile(rf"[A-Z][\w.'’-]*,\s+(?:{grouped(sorted(_HEADS))})\s[^,\x00]*$")
# "X, spokeswoman for *Y* said": X, the one named, speaks.
NAMED_SPOKESPERSON = re.compile(
    r",\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+)?spokes(?:man|woman|person)\s+(?:for|of)\s+(?:the\s+)?$"
)
OBJECT = re.compile(
    r"\b(?:with|to|at|in|on|for|of|into|about|against|than|like|unlike|among|between|"
    r"near|towards?|over|under|across|via|within|inside|outside|alongside|beside|besides|"
    r"behind|beyond|without|despite|regarding|concerning|amid|amongst|around|throughout|"
    r"through|onto|upon|past)\s+"
    r"(?:(?:the|an?)\s+(?:[a-z\d][\w-]*\s+)?|[a-z]+-[a-z]+\s+)?$",  # "with the 16th MP …"
    re.I,
)
# The object of an infinitive: "tapped to run the Department of Homeland Security, a senior
# official said" (not "to its", "to what", nor a clause's subject: "to hear X pledged").
INFINITIVE_OBJECT = re.compile(
    r"\bto\s+(?!wh|(?:its|his|her|their|our|my|your|this|that|these|those|be|hear|see|watch)\s)"
    r"[a-z]+\s+(?:the\s+)?$"
)
_SENTENCE = re.compile(r"\.\s")


def _heads(words: list[str]) -> list[bool]:
    return [w.lower().removesuffix("’s").removesuffix("'s") in _HEADS for w in words]


# Others the subject speaks with, unnamed: "X and several other conservation organizations".
UNNAMED_OTHERS = (
    r"\s+and\s+(?:[a-z][\w-]*\s+){0,5}(?:others|(?:groups|organi[sz]ations|"
    r"officials|leaders|members|parties|countries|nations|states|companies|unions|allies))"
)
_UNNAMED_OTHERS = re.compile(UNNAMED_OTHERS)


# Where the words were said, closing an apposition: "X, UNICEF emergency officer, *in an
# interview with Radio Mogadishu,* said" reads as "X, UNICEF emergency officer, said".
_WHERE_TAIL = re.compile(rf",\s+{_IN_MEDIUM}[^,.;:\n\x00“”\"]{{0,80}}(?=,\s+$)")


# The full stop of an abbreviation ends no phrase: "X, Mrs. Obama's chief of staff, said"
# reads as "X, Mrs Obama's chief of staff, said" (the gaps stop at a full stop, which ends a
# sentence): an honorific or a title before a name, an initial, "U.S.", "No. 2".
_TITLE_WORDS = HONORIFICS | set(TITLE_ABBREVIATIONS)
_ABBREVIATED = grouped(sorted(HONORIFICS | {*TITLE_ABBREVIATIONS, *PLACE_ABBREVIATIONS}))
# A US state as news agencies abbreviate it, after its town: "X, of Cambridge, Mass., said".
_STATES = (
    "Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|"
    "Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo"
)
_ABBREVIATION_STOP = re.compile(
    rf"\b(?:{_ABBREVIATED}|[A-Z])\.(?=\s[A-Z])|(?<![\w.])(?:[A-Z]\.){{2,}}(?=[\s,])"
    r"|\bNo\.(?=\s\d)"  # "the No. 2 Republican"
    r"|(?<=[A-Za-z])\.(?=[a-z]{2,}\b)"  # a web address's point: "fivethirtyeight.com"
    rf"|(?<=,\s)(?:{_STATES})\.,"  # "Ill.," reads "Ill, ": the comma one place earlier
)


def undotted(gap: str) -> str:
    """``gap`` with its abbreviations' full stops blanked, every offset kept."""
    return _ABBREVIATION_STOP.sub(lambda m: m.group().replace(".,", ", ").replace(".", " "), gap)


@SPEAKER_RULES.finds("on_behalf_of", _VOICE)
def subject_gap(gap: str, comma_title: bool) -> str | None:
    """How a name reaches the verb across ``gap``: "subject", "open" (an apposition without
    its closing comma), "stray" (a bare comma), "relative" ("X, who said"), "affiliation"
    ("X of Chatham House said"),
    "behalf" (its voice speaks), or None when the name is no subject."""
    gap = undotted(gap)
    if gap.lstrip(" ").startswith(","):
        gap = gap.lstrip(" ")  # "X Jr., the director, said": the suffix's point blanked
    if m := _SUFFIX.match(gap):
        gap = gap[m.end() :]
    if (m := _WHERE_TAIL.search(gap)) and m.start() > 0:
        gap = gap[: m.start()] + gap[m.end() :]
    if m := _UNNAMED_OTHERS.match(gap):
        gap = gap[m.end() :]  # "X and several other conservation groups stated": X first
    # "X (CMV), said", "X, the director of Action Against Hunger (ACF), told": asides out.
    gap = _ASIDE.sub("", gap.removeprefix(")"))
    if _GAP.fullmatch(gap) or (comma_title and COMMA_GAP.fullmatch(gap)):
        return "subject"
    if COMMA_GAP.fullmatch(gap) or _WHICH.fullmatch(gap):
        return "stray"
    if _RELATIVE.fullmatch(gap):
        return "relative"
    if (m := _TITLED.fullmatch(gap)) and not _SENTENCE.search(m.group(1)):
        words = m.group(1).split()
        heads = _heads(words)
        # "and" joins two titles ("X, the firm's CEO and ex Northrop executive said", "X, chief
        # officer for A and counsel for B, told"), not two names ("X, Y and Z said").
        at = words.index("and") if "and" in words else -1
        second = words[at + 1] if 0 <= at < len(words) - 1 else ""
        joined = at == -1 or (heads[-1] and heads[at - 1]) or (second.islower() and heads[at + 1])
        # ... or two words of the head's complement: "director of state campaigns and
        # political engagement".
        joined = joined or (second.islower() and "of" in words[:at] and any(heads[: at - 1]))
        # Closed by a comma, a title anywhere; open, the apposition must end on its head, and
        # the caller checks the name is no object ("In Wyoming, the bank chief said").
        if words and joined and (m.group(2) and any(heads)):
            return "subject"
        if words and joined and (heads[-1] or heads[0]):
            return "open"  # "X, the mayor said", "X, head of policy at Choice said"
    if _PP.fullmatch(gap):
        return "subject"
    if _AFFILIATION.fullmatch(gap):
        return "affiliation"
    if _VOICE.fullmatch(gap):
        return "behalf"
    return None


# -- after an inverted verb ---------------------------------------------------------------

# A quotation closes right before the verb: “…,” said …
# (a closing mark after a space may be left over: "… say, 'Well done,' " said X", the
# quotation found closing at the inner one)
JUST_QUOTED = re.compile(r"\x00[,.!?]?\s*(?:[”\"]\s*)?$")
_ROLE_GAP = re.compile(r"[^.;:!?\n\x00“”\"]{0,130}")
_AGE = re.compile(r"\d+-year-old\s+$")
_COMMA_BEFORE = re.compile(r",\s+(?:\d+-year-old\s+)?$")
# ... or a title of its own before the name: "said the panel's top Democrat, *Rep.* X".
_COMMA_TITLES = re.compile(r",\s+((?:[A-Z][\w-]*\.?\s+){1,3})$")
_BAD_GAP = re.compile(r"\b(?:and|or|but|who|which|that|whose|when|while)\b")
# A preposition opening a lowercase phrase: "the mother *of victim* X" is not X.
_OWNED = re.compile(r"\b(?:of|for|to|with|by|from)\s+(?:(?:the|a|an)\s+)?[a-z]")
_PP_AFTER = r"in|on|at|during|after|before|from|via|to|with|while|when"
# ... or its affiliation: "said Keith Springer of Capital Financial Partners", "wrote Cameron
# Easley for Morning Consult"; a relative clause ("said Sen. Jim Whelan who represents …"); or
# an aside in brackets: "said Rep. Jim Clyburn (D-S.C.), a member of …", "said Mr. Burman (a
# view echoed by everyone I interviewed)".
NAME_END = re.compile(
    rf"\s*(?:[,.;:!?)\n\x00]|$)|\s+(?:{_PP_AFTER})\b|\s+of\s+(?:the\s+)?(?:[a-z][\w-]*\s+){{0,3}}[A-Z]"
    r"|\s+for\s+(?:the\s+)?[A-Z]|\s+who\b"
    r"|\s+\([^()\n\x00]{1,60}\)"
)
_ROLE_AFTER = re.compile(r"\s+([a-z][\w-]*)")
_PARTICIPLE_AFTER = re.compile(r"\s+[a-z]+ing\b")
_HEAD_WORDS = grouped(sorted(_HEADS))
# Two titles of one person: "the vice president and chairman" (one description, no list).
_TITLES_JOINED = re.compile(rf"\b((?:{_HEAD_WORDS}))\s+and\s+(?=[a-z])", re.I)
# The same before a name, as its title: "Study co-author and geochemist *X* remarked" is one
# person; a list restarts with a determiner ("his lawyer and his brother X") or a name.
TITLES_JOINED_BEFORE = re.compile(
    rf"\b(?:{_HEAD_WORDS})\s+and\s+(?!(?:the|his|her|their|its|an?)\s)(?:[a-z][\w-]*\s+){{1,3}}$"
)
# A title, then its employer's capitalised name, then the person: "the chairman of Chrysler
# LLC X" (the employer's name is no description of X's own).
_TITLE_OF_EMPLOYER = re.compile(
    rf"\s*(?:the\s+)?(?:[a-z][\w-]*\s+){{0,3}}(?i:{_HEAD_WORDS})\s+(?:of|at|for)\s+(?:the\s+)?"
    r"(?:[A-Z][\w&.'’-]*\s+){1,5}"
)


def role_gap(gap: str) -> str | None:
    """The words between an inverted verb and a name, when they describe that name: "said
    nurse X" → "role", "said the IOM chief in Tripoli, X" / "a commuter, 41-year-old X" →
    "comma", "said X" / "said the X" → "bare"; None when the name is somebody else's."""
    gap = _TITLES_JOINED.sub(r"\1 ", undotted(gap))  # "the vice president and chairman of …"
    if (titles := _COMMA_TITLES.search(gap)) and all(
        word.rstrip(".") in _TITLE_WORDS or word.lower() in _HEADS
        for word in titles.group(1).split()
    ):
        gap = gap[: titles.start(1)]  # the name's own title after the description's comma
    if not _ROLE_GAP.fullmatch(gap) or _BAD_GAP.search(gap):
        return None
    if _TITLE_OF_EMPLOYER.fullmatch(gap):
        return "role"  # "said the chairman of Chrysler LLC X"
    words = gap.split()
    if not words or words == ["the"]:
        return "bare"
    if _COMMA_BEFORE.search(gap):
        return "comma"
    if _OWNED.search(gap) or "," in gap:
        return None
    last = words[-1].lower()
    if _AGE.search(gap) or last in _HEADS or last in ORG_DESCRIPTORS:
        return "role"
    return None


def closed_after(masked: str, end: int, gap_kind: str, person: bool) -> bool:
    """Whether the name ending at ``end`` ends its phrase: punctuation, a preposition ("in a
    statement"), a participle ("X commenting on …"), or for a bare name a title after a
    person ("X chairman of …") or a descriptor ("said the X company"); a title after an
    organisation is its employee's ("said Uralsib analyst Chris Weafer")."""
    if NAME_END.match(masked, end) or _PARTICIPLE_AFTER.match(masked, end):
        return True
    m = _ROLE_AFTER.match(masked, end)
    if gap_kind != "bare" or m is None:
        return False
    return m.group(1) in ORG_DESCRIPTORS or (person and m.group(1) in _HEADS)


# -- descriptions and documents that speak --------------------------------------------------

# "the statement said" (its author), "the institute said" (the one institute named before).
DESCRIBED = re.compile(rf"\b(?:[Tt]he|[Ii]ts)\s+(?:[\w-]+\s+){{0,2}}?([A-Za-zé]+){_FILLERS}$")
# The same after "according to": "according to the company, …".
DESCRIBED_AFTER = re.compile(r"\s+(?:the|its)\s+(?:[\w-]+\s+){0,2}?([A-Za-zé]+)(?=\s*[,.;])")
DOCUMENTS = frozenset(
    ["statement", "communiqué", "communique", "release", "memo", "letter", "report"]
)
STATEMENT_AFTER = re.compile(
    r"(?:\s+\w+){0,2}?\s+in\s+an?\s+(?:\w+\s+)?(?:statement|release|communiqu[eé])"
)


# -- a subject opening its clause, a name inside another's apposition ---------------------

# Before a clause's subject: nothing, "the", "both", or an opening phrase ("In January 2021, ").
OPENS_CLAUSE = re.compile(r"\s*(?:([^,;\x00]{1,60}),\s+)?(?:[Bb]oth\s+)?(?:[Tt]he\s+)?")
_OPENING_WORDS = frozenset(
    {"In", "On", "At", "After", "Before", "During", "Since", "Following", "Earlier", "Later"}
    | {"Last", "This", "Meanwhile", "However", "Separately", "Previously", "Then", "By"}
    | {"Until", "Yesterday", "Today", "Asked", "Speaking"}
)


# A wire story's dateline: "ORLANDO, Fla. (Reuters) - ", "MEXICO CITY, Feb. 8 (UPI) — ".
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’ -]{2,40}(?:,\s+[A-Z][\w.]*(?:\s+[\w.]+){0,2})?\s*"
    r"(?:\([^()\x00]{1,30}\))?\s*(?:--|[-—–])\s+"
)


def opens_clause(before: str) -> bool:
    """Whether a subject after ``before`` opens its clause: "In January 2021, President X",
    "The X", "WASHINGTON (AP) — X"; not "Britain, X" (a list) nor "Outlets reported X" (a
    clause inside)."""
    dateline = _DATELINE.match(before)
    m = OPENS_CLAUSE.fullmatch(before, dateline.end() if dateline else 0)
    if m is None:
        return False
    opening = m.group(1)
    if opening is None:
        return True
    words = opening.split()
    return words[0] in _OPENING_WORDS or any(not w[0].isupper() for w in words)


def apposed(gap: str, before: str, kind: str) -> bool:
    """Inside another name's apposition: "X, a spokesperson for maker *Y*, has said", "X,
    head of policy at the group *Y* said" (left open)."""
    if COMMA_AFTER.match(gap) and in_apposition(before):
        return True
    return kind == "subject" and OPEN_APPOSITION.search(before) is not None


def in_apposition(before: str) -> bool:
    """Inside another name's apposition; not a description opening right after a quotation
    (“…,” an attorney for Twitter, *Alex Spiro*, said)."""
    m = IN_APPOSITION.search(before)
    # (``before`` opening with the comma: the words read start right after a quotation)
    return m is not None and m.start() > 0 and not JUST_QUOTED.search(before, 0, m.start() + 1)


def in_aside(masked: str, at: int, start: int, end: int) -> bool:
    """Whether the verb at ``at`` stands in parentheses within ``[start, end)`` that hold no
    quotation: it speaks for nothing outside them ("the maxim (a mis-quotation of what X once
    testified) would be true that “…”")."""
    opening = masked.rfind("(", start, at)
    if opening == -1 or ")" in masked[opening:at] or not masked[start:opening].strip():
        return False  # (a sentence in parentheses is a sentence: "(Ballmer said he misspoke.)")
    closing = masked.find(")", at, end)
    return closing != -1 and MASK not in masked[opening:closing]
