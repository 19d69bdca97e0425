"""Stances for a model too small to label them: topic by shared words, kind by cue words.

Asked to label each view unit with a topic id and a stance kind, the bundled 1.5B model
answered "for" on all thirty units of the sample and numbered the topics in blocks down the
list (T1 for the first five units, T2 for the next ...): it does not read the units it labels.
It names the story rather than its issues ("Russia-Ukraine conflict"), so for that model
(``DraftBounds.model_stances`` false) the topics are read off the words the view units share
(``topic_terms.py``), each unit under every topic a clause of it names, its kind read off
that clause by the cues below. Only when the units share fewer than three such words are the
model's topic names used, and this module places each unit under one of them:

* **topic**: the one whose words the unit's sentence shares most, each shared word weighted by
  how few topics hold it and how rare it is in the article ("peacekeepers" decides, "Ukraine"
  hardly counts); a unit sharing none takes the topic of the unit placed before it (news
  keeps to one issue for a few sentences: "We must consider …" after "Waltz responded"), or,
  ahead of the first placed unit, the first placed topic;
* **kind**: cue words of the unit's own words, strongest first: a refusal or a harsh judgement
  ("dismissed", "rejects", "non-negotiable", "disputed", "concerned about") is ``against``; a
  condition on the holder's own acceptance ("only if", "unless", "would back it if") is
  ``conditional`` (a bare "If they are deployed, it means …" warns; "see if" asks); an open
  question ("discuss", "perhaps", "is it realistic?") ``undecided``; a wish, acceptance or own
  course of action ("seeking", "willingness", "accepted", "insisted", "promised", "our goal
  is") ``for``; anything else (a fact, an assessment) ``describes``. A clause declining to
  comment ("refrained from commenting on …") holds no stance at all (``declines_comment``).

Crude and stated as such: a rule reads polarity from words, not from what the words are for
or against, so "insisted that Ukraine abandon its NATO aspirations" is ``against`` NATO
membership only because "abandon" is a refusal word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from .draft import StanceKind
from .support import content_stems

# Six letters tell "peacekeepers" from "peace talks" and still join "election(s)".
_STEM = 6

_PATTERNS: tuple[tuple[StanceKind, str], ...] = (
    (
        "against",
        r"\b(?:dismiss\w*|reject\w*|oppos\w*|refus\w*|den(?:y|ies|ied)|condemn\w*|"
        r"non-negotiable|relinquish\w*|abandon\w*|exclude[sd]?|premature|"
        # "against" as a stance, not as a preposition ("protect … against what he describes")
        r"(?:is|are|was|were|be|been|vot\w*|spoke|speaks|c[oa]me out|campaign\w*|"
        r"protest\w*|fight\w*|warn\w*|argu\w*|advis\w*|rul\w*)\s+against|"
        r"idle talk|criticis\w*|criticiz\w*|accus\w*|not acceptable|unacceptable|"
        r"will not|won[’']t|cannot accept|no longer|withdraw\w*|halt\w*|stop\w*|ban\w*|"
        # undoing it: "scrap the toll", "urged the council to drop it" (not "prices dropped")
        r"scrap\w*|abolish\w*|repeal\w*|cancel\w*|drop|"
        # judging it harmful or wrong: "disputed the assessment", "very concerned about"
        r"disput\w*|concerned|concerns? (?:about|over)|worried|meaningless|biased|deplor\w*|"
        r"not in line with|done nothing|step backwards?)\b",
    ),
    # A condition on the holder's own acceptance: "only if", "provided", or "if" beside a
    # commitment ("would back it if"); a bare "If they are deployed, it means …" warns.
    (
        "conditional",
        r"\b(?:only if|unless|provided that|on condition|as long as|only when)\b|,\s+provided\b|"
        r"\b(?:would|will|could|ready|willing|prepared)\b[^.;?!]*\bif\b|"
        r"\bif\b[^.;?!]*\b(?:would|will|could|ready|willing|prepared)\b",
    ),
    (
        "undecided",
        r"\b(?:discuss(?:es|ed|ing)?|consider\w*|perhaps|maybe|might|whether|uncertain|unclear|"
        r"open to|realistic)\b|\?",
    ),
    (
        "for",
        r"\b(?:seek\w*|sought|insist\w*|support\w*|want\w*|demand\w*|willing\w*|accept\w*|"
        r"agreed to|agrees to|aim\w*|hope\w*|propos\w*|urg\w*|call(?:s|ed)? for|"
        r"welcom\w*|opportunity|favou?r\w*|intend\w*|vow\w*|pledg\w*|promis\w*|"
        r"call(?:s|ed)? on|look(?:s|ed|ing)? forward|committed to|endors\w*|prais\w*|"
        r"step in the right direction|"
        # its own course of action: "our goal is to", "decided to", "will continue to work"
        r"goals?|decid(?:ed|es) to|decision to|will continue|plan(?:s|ned)? to|determined to|"
        r"work(?:s|ing)? (?:closely )?(?:with|to))\b",
    ),
)
_CUES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS]


# Declining to comment on a thing is no stance on it ("refrained from commenting on land").
_NO_COMMENT = re.compile(
    r"\b(?:declin\w*|refus\w*|refrain\w*|(?:would|will|did|does|do|could) not|won[’']t|"
    r"didn[’']t|wouldn[’']t)\s+(?:to\s+|from\s+)?(?:immediately\s+)?comment\w*|"
    r"\bno comment\b|\bnot (?:immediately )?available for comment\b",
    re.IGNORECASE,
)


def declines_comment(text: str) -> bool:
    """Whether ``text`` declines to comment: what it names is what its speaker took no
    stance on."""
    return _NO_COMMENT.search(text) is not None


def is_cue_word(word: str) -> bool:
    """Whether ``word`` alone cues a kind: such a word is how a view is held, not what about."""
    return any(pattern.fullmatch(word) for _, pattern in _CUES)


# "if" after these verbs asks a question ("we aim to see if we can end it"), it sets no
# condition.
_ASKING_IF = re.compile(
    r"\b(?:see|seeing|ask\w*|know|knowing|wonder\w*|check\w*|find out|learn|decide|tell|"
    r"determine|judge)\s+if\b",
    re.IGNORECASE,
)


def stance_kind(words: str) -> StanceKind:
    """The kind the unit's own words cue, strongest cue first; ``describes`` without one."""
    words = _ASKING_IF.sub(lambda m: m[0][:-3], words)
    for kind, pattern in _CUES:
        if pattern.search(words):
            return kind
    return "describes"


class TopicPlacer:
    """Places units under the article's topics by the words they share."""

    def __init__(self, topics: Sequence[str], sentences: Sequence[str]) -> None:
        self.topics = [content_stems(t, _STEM) for t in topics]
        held: dict[str, int] = {}
        for stems in self.topics:
            for stem in stems:
                held[stem] = held.get(stem, 0) + 1
        used: dict[str, int] = {}
        for sentence in sentences:
            for stem in content_stems(sentence, _STEM):
                used[stem] = used.get(stem, 0) + 1
        total = max(1, len(sentences))
        # A stem in every topic or every sentence tells topics apart least.
        self.weight = {
            stem: math.log(1 + total / (1 + used.get(stem, 0))) / held[stem] for stem in held
        }

    def best(self, text: str) -> int | None:
        """The index of the topic ``text`` shares most weight with; None when it shares none."""
        stems = content_stems(text, _STEM)
        scores = [sum(self.weight[s] for s in stems & topic) for topic in self.topics]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i), default=None)
        return best if best is not None and scores[best] > 0 else None

    def place_all(self, texts: Sequence[str]) -> list[int | None]:
        """Each text's topic in reading order. One that shares no words takes the topic of the
        text placed before it, or, before the first placed one, of the first placed after it
        ("X said on Monday." ahead of the sentence that names the issue); None only when no
        text shares a word with any topic."""
        found = [self.best(text) for text in texts]
        last: int | None = None
        for i, topic in enumerate(found):
            last = topic if topic is not None else last
            found[i] = last
        first = next((t for t in found if t is not None), None)
        return [first if t is None else t for t in found]
