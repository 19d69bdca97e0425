"""A position's view, read off the holder's own words instead of written by the model.

Under a length bound a 1.5B model can finish, its views stopped wherever the bound caught
them ("Trump is seeking Putin's backing for a 30-day Ce") and sometimes carried a unit marker.
The holder's own words say the view better: the quotation itself, or the content that the
speech or stance verb governs ("stated *that his nation's sovereignty is non-negotiable*"),
trimmed at a clause boundary. A view is therefore always a stretch of the article (or of a
quotation), never cut inside a word; when even its first clause is too long it ends at a
word boundary with an ellipsis.
"""

from __future__ import annotations

import re

# Longest view, in characters: about two lines of the review page.
VIEW_LENGTH = 180
# A quotation shorter than this many words ("copycat", "robust plans") says little alone:
# the view is the reported content of its sentence.
_SHORT_QUOTE = 5

# What a speech or stance verb governs: "stated that X", "insisted that X", "claims that X".
_GOVERNED = re.compile(
    r"\b(?:said|says|stated|states|insisted|insists|claimed|claims|"
    r"argued|argues|argue|emphasi[sz]ed|stressed|warned|warns|added|noted|confirmed|"
    r"announced|underscored|underlined|mentioned|believes?|believed|thinks?|thought|"
    r"maintained|maintains|acknowledged|admitted|denied|reiterated|suggested|"
    r"indicated|revealed|explained|remarked|responded|replied)"
    r"(?:\s+(?:on|last|this)\s+\w+)?(?:\s+that)?\s+"
)
# A stance verb whose object is the view: "has dismissed the idea of peacekeepers".
_STANCE = re.compile(
    r"\b(?:is seeking|seeks|sought|has dismissed|dismissed|rejected|rejects|opposes|opposed|"
    r"supports|supported|welcomed|welcomes|condemned|condemns|proposed|proposes|"
    r"(?:have|has) expressed|expressed|called for|calls for|urged|urges|accused|accuses|"
    r"demanded|demands|wants|wanted|vowed|pledged|agreed|refused|threatened|"
    r"is seeking|are seeking)\b\s*"
)
# A reporting clause after the content: "…, Russian Deputy Foreign Minister X told Izvestia".
_TRAILING_SOURCE = re.compile(
    r",\s+(?:[\w’'.-]+\s+){0,10}?(?:told|said|says|stated|added|according to)\b"
)
# Where the clause holding a quoted fragment opens: after a speech verb's "that", a comma or
# a colon before it.
_CLAUSE_OPEN = re.compile(r"\bthat\s+|[,;:]\s+")
_CLAUSE_END = re.compile(r"[,;:—–]\s|\s(?:and|but|while|as|which|who|although)\s")
# A dash before a digit is a minus sign ("-1 % for pensioners"), not framing.
_LEADING = re.compile(r"^(?:[\s,;:“”\"‘’'…—–]|-(?!\d))+")
_TRAILING = re.compile(r"[\s,;:“”\"‘’'…—–(-]+$")


def quotation_view(quote: str, sentence: str) -> str:
    """The view a quotation gives: its words, or for a fragment the clause around it ("noting
    that the alternative … could lead to “endless warfare”")."""
    if len(quote.split()) >= _SHORT_QUOTE:
        return trimmed(quote)
    at = sentence.find(quote)
    if at < 0:
        return sentence_view(sentence)
    opens = [m.end() for m in _CLAUSE_OPEN.finditer(sentence, 0, at)]
    start = opens[-1] if opens else 0
    close = _CLAUSE_END.search(sentence, at + len(quote))
    end = close.start() if close is not None else len(sentence)
    return trimmed(sentence[start:end])


def sentence_view(sentence: str) -> str:
    """What a reported-speech or stance sentence says the holder thinks or wants."""
    governed = _GOVERNED.search(sentence)
    if governed is not None and governed[0].rstrip().endswith("that"):
        return trimmed(sentence[governed.end() :])
    source = _TRAILING_SOURCE.search(sentence)
    if source is not None and source.start() > 30:
        return trimmed(sentence[: source.start()])
    if governed is not None and governed.end() < len(sentence) - 10:
        return trimmed(sentence[governed.end() :])
    stance = _STANCE.search(sentence)
    if stance is not None and stance.end() < len(sentence) - 10:
        return trimmed(sentence[stance.start() :])
    return trimmed(sentence)


def trimmed(text: str, limit: int = VIEW_LENGTH) -> str:
    """``text`` without framing punctuation, cut at the last clause boundary within ``limit``
    (at a word boundary with "…" when its first clause is longer still)."""
    text = " ".join(text.split())
    text = _balanced(_TRAILING.sub("", _LEADING.sub("", text)))
    if text.endswith("."):
        text = text[:-1]
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    ends = [m.start() for m in _CLAUSE_END.finditer(head) if m.start() >= limit // 2]
    if ends:
        return _TRAILING.sub("", text[: ends[-1]])
    cut = head.rfind(" ")
    return _TRAILING.sub("", text[: cut if cut > 0 else limit]) + "…"


def _balanced(text: str) -> str:
    """A quotation mark opened in the view is closed (the trailing strip took it)."""
    return text + "”" if text.count("“") > text.count("”") else text


def is_cut(view: str, source: str) -> bool:
    """Whether ``view`` stops inside a word of ``source`` (the text it was taken from)."""
    bare = view.rstrip("…")
    at = source.find(bare)
    if at < 0:
        return False
    end = at + len(bare)
    return end < len(source) and source[end].isalnum() and bare[-1:].isalnum()
