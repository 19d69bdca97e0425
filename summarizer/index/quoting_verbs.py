"""Verbs that introduce a quotation without a verb of saying: a participle after the clause
("X issued a statement saying “…”", "…, asking supporters to “…”") and a verb that attributes
the quoted words in its own clause ("X called the report “…”", "X believes the plan is
“fair”"). ``speaker_rules.Matcher.introducing`` reads them; ``CLAUSE`` is how far the words
after the verb may run before the quotation.
"""

from __future__ import annotations

import re

from .sentences import TITLE_ABBREVIATIONS

# "X issued a statement saying “…”", "…, telling a conference: “…”".
PARTICIPLE = re.compile(
    r"\b(?:(?<!\bas )saying|stating|adding|writing|telling|noting|declaring|explaining|concluding|"
    r"arguing|warning|urging|insisting|claiming|announcing|confirming|tweeting|posting|"
    r"calling|describing|alleging|citing|attributing|blaming|accusing|asserting|stressing|"
    r"emphasi[sz]ing|vowing|pledging|promising|demanding|denying|suggesting|acknowledging|"
    r"admitting|reiterating|"
    r"complaining|predicting|cautioning|deeming|labell?ing|branding|dubbing|terming|"
    # ("asking" never after "of", "kept" or "and": "accused them of asking", "kept asking her")
    r"(?<!\bof )(?<!\bkept )(?<!\band )asking|"
    r"responding|replying|recalling|quipping|joking|conceding|boasting|lamenting|"
    r"pleading|imploring|begging|yelling|shouting|screaming|exclaiming|remarking|observing|"
    r"retorting|proclaiming|"
    r"statement,?\s+(?:which|that)\s+(?:read|said))\b"
)
# Verbs that attribute the quoted words in their own clause: "X called it “…”".
QUOTING = re.compile(
    r"\b(?<!so-)(?:called|described|denounced|dubbed|labell?ed|branded|termed|praised|condemned|"
    r"critici[sz]ed|congratulated|thanked|hailed|posted|lauded|slammed|offered|expressed|"
    r"voiced|deemed|alleged|accused|cited|urged|promised|pledged|vowed|demanded|dismissed|"
    r"characteri[sz]ed|rejected|decried|derided|ridiculed|welcomed|"
    r"chided|scolded|mocked|blasted|lambasted|faulted|touted|berated|castigated|assailed|"
    r"trashed|bashed|excoriated|applauded|commended|disputed|questioned|begged|implored|"
    r"referred|defended|compared|likened|equated|portrayed|painted|celebrated|attacked|blamed|"
    r"threatened|admired|"
    # the same in the present of news headlines and ledes: "X calls the wall “stupid”"
    r"calls|describes|denounces|dubs|labels|brands|terms|praises|condemns|critici[sz]es|"
    r"hails|slams|dismisses|rejects|decries|welcomes|accuses|urges|demands|"
    r"chides|scolds|mocks|blasts|lambastes|faults|touts|assails|applauds|disputes|questions|"
    r"refers|defends|compares|likens|equates|portrays|paints|celebrates|attacks|blames|"
    r"threatens|admires|"
    # a view held: "X believes the plan is “fair”", "X wants to make the city “safer”"; not
    # the noun of "expressed hope that", "their fears"
    r"(?<!expressed )(?<!voiced )(?<!the )(?<!his )(?<!her )(?<!its )(?<!their )(?<!our )"
    r"(?:believes?|believed|thinks?|thought|hopes?|hoped|fears?|feared|wants?|wanted|"
    r"considers?|considered|regards?|regarded|feels?|felt|expects?|expected))\b"
)
# A title's or an initial's point ends no clause: "X called Mr. Obama's remarks “…”".
_TITLE_POINT = "|".join(rf"(?<=\b{a})" for a in (*TITLE_ABBREVIATIONS, "[A-Z]"))
CLAUSE = re.compile(rf"(?:[^.;!?\n\x00]|(?:{_TITLE_POINT})\.){{0,100}}")

__all__ = ["CLAUSE", "PARTICIPLE", "QUOTING"]
