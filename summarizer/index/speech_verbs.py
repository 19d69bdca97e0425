"""The verbs of speech a speaker cue hangs on: single verbs ("said", "told", "tweeted") and
phrases that report speech but are no single verb ("went on to say", "X's statement read:",
"according to a report by X"). ``VERB`` finds them all; ``speaker_patterns.py`` reads what
stands between a name and one of them.
"""

from __future__ import annotations

import re

from .lexicon import INVERTING_VERBS, SPEECH_OPENERS, SPEECH_VERBS
from .name_verbs import grouped

# Verb phrases that report speech but are no single verb: "It went on to say: …", "X issued
# a statement" (which "the statement said" later refers to).
_DOCUMENT_WORDS = ("statement", "letter", "message", "release", "post", "note", "tweet")
_SPOKEN_DOCUMENTS = (*_DOCUMENT_WORDS, "speech", "introduction", "remarks", "address", "report")
_OPENING_VERBS = ("began", "begins", "opened", "opens", "concluded", "concludes")
_OPENS = f"(?:{'|'.join(_OPENING_VERBS)})(?=:)"
_SPEECH_PHRASES = (
    "went on to say",
    "shot back",
    "fired back",
    "went on to add",
    "did say",
    # "X had this to say: …", "X was quick to add", "X went so far as to say"
    r"(?:had|has|have) (?:this|that|the following|much|little|plenty|more) to say",
    r"(?:was|were|is|are) (?:quick|keen|eager|careful|happy) to (?:say|add|note|point out)",
    r"(?:went|goes|go) so far as to say",
    # "As X put it, “…”", "X put it bluntly: …" (not "X put it on hold")
    r"puts? it(?=\s*[,:]|\s+(?:this way|bluntly|simply|succinctly|best|mildly|another way)"
    r"|\s+(?:in|during|at)\s[^,.;:!?\x00]{1,60},)",  # "As X put it in a statement, …"
    r"(?:issued|released|published|put out) (?:a|an|the following) (?:\w+ )?"
    r"(?:statement|communiqu[eé])",
    # (a report "saying" is read by its participle, ``name_saying``)
    r"(?:released|published) (?:a|an|its|their) (?:[\w-]+ ){0,2}?[Rr]eport"
    r"(?![^.;:\x00]{0,40}\bsaying\b)",
    # "X spoke out against it", "X spoke about the incident: “…”" (not "X spoke to Reuters")
    r"spoke out",
    r"spoke (?:about|of|on) [^.;:!?\x00]{1,60}?(?=:)",
    # "X's statement read: “…”" (a document's words; "X read the book" is no speech)
    "(?:" + "|".join(f"(?<={w} )" for w in _DOCUMENT_WORDS) + ")read",
    # "X's introduction began: …", "the Academy's report, Climate Change Science, begins: …"
    # (the verb first, its document word looked behind it only then: the cheaper order)
    _OPENS
    + "(?:"
    + "|".join(f"(?<={w} {v})" for w in _SPOKEN_DOCUMENTS for v in _OPENING_VERBS)
    + ")",
    rf"(?:{'|'.join(_SPOKEN_DOCUMENTS)}),[^,.;\x00\n]{{1,80}}, {_OPENS}",
)
# A document's author, read like "according to X": "according to a March 2007 report by X",
# "In a situational report of X, …".
_DOCUMENTS = r"(?:report|statement|study|survey|analysis|letter|release|audit|poll|figures|data)"
# "according to a January Supplemental Environmental Impact Statement (SEIS) published by X".
DOCUMENT_BY = re.compile(
    rf"(?:[Aa]ccording to|[Ii]n) (?:a|an|the|its) (?:[\w-]+ ){{0,4}}?(?i:{_DOCUMENTS})"
    r"(?: \([A-Z]{2,}\))?(?:,? (?:published|issued|released|prepared|commissioned|compiled))?"
    r" (?:by|from|of)"
)
# Whose words or view a sentence gives, read as "according to X" is: "in the words of X",
# "in X's view", "in his opinion" (the "In" with its look-ahead stands for the verb).
_VIEW_NOUNS = r"(?:words|view|opinion|estimation|judge?ment|assessment|telling)\b"
IN_THE_VIEW_OF = rf"[Ii]n the {_VIEW_NOUNS} of"
IN_ONES_VIEW = (
    rf"[Ii]n (his|her) (?:own )?{_VIEW_NOUNS}(?! of\b)"  # (not "in his assessment of X")
    rf"|[Ii]n(?= (?:[A-Z][\w.’'-]*\s){{0,3}}[A-Z][\w’'-]*['’]s (?:own )?{_VIEW_NOUNS}(?! of\b))"
)
VERB = re.compile(
    r"\b(?:"
    + grouped(
        [
            DOCUMENT_BY.pattern,
            "[Aa]ccording to",
            IN_THE_VIEW_OF,
            IN_ONES_VIEW,
            *sorted(
                {*SPEECH_VERBS, *INVERTING_VERBS, *SPEECH_OPENERS, *_SPEECH_PHRASES},
                key=len,
                reverse=True,
            ),
        ]
    )
    + r")\b"
)


__all__ = ["DOCUMENT_BY", "IN_ONES_VIEW", "IN_THE_VIEW_OF", "VERB"]
