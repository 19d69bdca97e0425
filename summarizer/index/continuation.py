"""Paragraph continuation: whose words a quotation without a cue of its own goes on with.

A reader carries a speaker over from the quotation before ("X said “A.” “B.”"), from the one
right after (“A.” “B,” X said), from the paragraph before when a quotation opens its paragraph
(one quotation running over several paragraphs), and across "and" and a second verb ("X called
it “A” and deemed it “B”"). Never past somebody else: "and another said", "said one source",
an inverted verb's own name, or a name between (``referents.named_between``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import INVERTING_VERBS
from .referents import Said, last_said, named_between
from .rules import SPEAKER_RULES
from .speaker_names import Found, Name
from .units import SpeakerCue

# A speaker the article does not name, between a cued quotation and the next: "and *another
# said* tenants …", "with *one observer stating*", "*a resident told* the BBC".
UNNAMED_SPEAKER = re.compile(
    r"\b(?:[Aa]nother|[Oo]thers|[Oo]ne|[Ss]ome|[Aa]n?)"
    r"(?:\s+(?!(?:he|she|they|we|it|i|who|that|which|and|but|of)\b)[a-z][\w-]*){0,2}"
    r"\s+(?:said|says|told|tells|stated|states|stating|saying|added|adding|wrote|writing|"
    r"explained|commented|tweeted|tweeting)\b"
)

# ... right after the quotation, inverted: "“…,” said one Democratic source".
_UNNAMED_AFTER = re.compile(
    r"\s*,?\s*(?:said|says|added|wrote|told\s+\w+)\s+(?:(?:one|another|an?|some|two|three|several)"
    r"\s+(?!of\b)[A-Za-z]"
    # ... or "said the senior Cruz adviser": one of many such, not a person named before
    r"|the\s+(?:[\w-]+\s+){0,3}?(?:adviser|advisor|aide|official|source|strategist|staffer)s?\b)"
)

# ... or a speech verb after it, then a full name no rule read: "“…,” said CNN anchor Jake
# X" (not "said GM's marketing vice president", who speaks for GM as the one before may).
_INVERTED_AFTER = re.compile(
    rf"[”\"’']?\s*,?\s*(?:{'|'.join(sorted(INVERTING_VERBS))})"
    r"(?:\s+[\w.&-]+){0,4}?\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b(?![’'])"
)
_QUOTES_BETWEEN = re.compile(r"[\s“”\"‘’']*")
_CAPTION_WORDS = 16
_QUOTE_MARK = re.compile(r"[“”\"]")
_NEAR = 600  # characters: how far in its paragraph a quotation's continued speaker may be


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    start: int
    end: int
    paragraph: int
    continues: bool  # a quotation long enough to continue its paragraph's speaker
    found: Found | None
    opens_paragraph: bool = False
    sentence: int = 0  # where its sentence starts
    subject: Name | None = None  # its sentence's subject, when no rule names a speaker
    joined: bool = False  # "X called it “A” and deemed it “B”": the quotation before's speaker
    # For "he said": the person opening the sentence before, whom a reader takes "he" to go on
    # with when nothing else says who ("X met Y. “…,” he said").
    before_subject: Name | None = None


def carries_on(text: str, targets: list[Target], i: int, cues: list[SpeakerCue]) -> bool:
    """A quotation without a cue carries on the words of a cued one just before it in its
    sentence: after "and" and a second verb ("X called it “A” and deemed it “B”"), or a short
    one ("X said there was “A”, but the commission had operated “efficiently and openly”");
    not after "and another said". (A longer one goes to ``continued`` first, and comes here
    when that finds nobody: "X said Mr. Y and the “A” camp had failed to “B”".)"""
    if i == 0 or not cues or cues[-1].target != targets[i - 1].id:
        return False
    t, before = targets[i], targets[i - 1]
    return t.joined or (
        t.id.startswith("Q")
        and before.id.startswith("Q")
        and before.sentence == t.sentence
        and UNNAMED_SPEAKER.search(text, before.end, t.start) is None
    )


@SPEAKER_RULES.finds("paragraph_continues", UNNAMED_SPEAKER)
def continued(
    text: str, said: list[Said], named: list[Name], targets: list[Target], i: int
) -> Said | None:
    """Whose words a quotation without a cue of its own continues, if anyone's."""
    t = targets[i]
    if _UNNAMED_AFTER.match(text, t.end) or _INVERTED_AFTER.match(text, t.end):
        return None  # "“…,” said one Democratic source": somebody unnamed or unresolved
    source = last_said(said, t.paragraph, None) or _next_cued(text, targets, i)
    if source is not None and abs(t.start - source.referred) > _NEAR:
        source = None  # a paragraph this long is probably a whole unbroken article
    since = max(t.sentence, source.referred) if source is not None else t.start
    if source is not None and named_between(named, source, since, t.start, True):
        source = None  # "… he was told by Minister Y of “…”": Y's, not the last one's
    if source is not None and UNNAMED_SPEAKER.search(text, since, t.start):
        source = None  # "X said “…” and another said “…”": somebody else's
    if source is None and t.opens_paragraph:
        source = last_said(said, t.paragraph - 1, None)
        if source is None and after_caption(text, t.start):
            source = last_said(said, t.paragraph - 2, None)
    return source


def after_caption(text: str, start: int) -> bool:
    """Whether the line before the one at ``start`` is a picture's caption put between two
    paragraphs of one speech ("Lehmann has recently given evidence in the David Hookes
    trial"): short, with no quotation marks and no closing punctuation."""
    line = text.rfind("\n", 0, start)
    if line < 0:
        return False
    lines = text[:line].rstrip().rsplit("\n", 1)
    caption = lines[-1].strip()
    return (
        len(lines) == 2
        and 0 < len(caption.split()) <= _CAPTION_WORDS
        and caption[-1].isalnum()
        and not _QUOTE_MARK.search(caption)
    )


def _next_cued(text: str, targets: list[Target], i: int) -> Said | None:
    """The cue of the quotations that follow right after: “First.” “Second,” X said.
    (A later sentence naming someone, “…” X announced that …, is another person's news.)"""
    here = targets[i]
    for t in targets[i + 1 :]:
        between = _QUOTES_BETWEEN.fullmatch(text, here.end, t.start)
        if not t.id.startswith("Q") or between is None or "\n" in between.group():
            return None
        if t.found is not None and t.found.name is not None:
            n = t.found.name
            return Said(here.paragraph, n.actor, n.name, n.person, t.found.start, t.found.end)
        here = t
    return None


__all__ = ["UNNAMED_SPEAKER", "Target", "carries_on", "continued"]
