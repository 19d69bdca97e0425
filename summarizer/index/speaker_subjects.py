"""The subject of the clause a quotation stands in, when no speech verb names a speaker.

The weakest speaker rule (``sentence_subject``, tried last by ``speakers.py``): "The AMPTP has
rejected the proposals as a “hiring quota”" is the AMPTP's wording. It is also how "he
said" finds the named person opening the sentence before. Only the clause's first name, not
after a preposition or inside a subordinate clause, and only when no other speech verb with
another subject stands between it and the quotation.
"""

from __future__ import annotations

import re

from .lexicon import SPEECH_BY_QUOTATION
from .name_verbs import NOUN_FORMS, lone_adjective, subject_of_verb
from .rules import SPEAKER_RULES
from .speaker_names import Name
from .speaker_patterns import (
    MASK,
    OBJECT,
    OPENS_CLAUSE,
    SPOKESPERSON_FOR,
    SUBORDINATE,
    opens_clause,
)
from .speaker_phrases import PhraseRules
from .speech_verbs import VERB

# A capitalised word and its comma before a name: a place ("Niigata, Japan, …").
AFTER_PLACE = re.compile(r"[A-Z][\w’'-]*,\s*$")
# A verb sharing the subject of the clause before: "X has referred it … and has advised".
_SAME_SUBJECT = re.compile(r"\band\s+(?:(?:has|have|had|also|later|then)\s+)*$")
# After a subject: a comma (an apposition or a list) or a conjunction (a list).
_NOT_ALONE = re.compile(r",|\s+(?:and|or|&)\s")
# An apposition between a subject and its verb: lower case or a possessive name first ("X,
# Donald Trump's fired campaign manager, ripped"), or a party and state ("X, R-Ky.,", "X
# (I-Vt.)"), or an aside ("X, for his part, is labeling").
_APPOSED_SUBJECT = re.compile(
    r"\s*\([DRI]-[A-Z][A-Za-z.]{1,12}\)"
    r"|,\s+(?:[DRI]-[A-Z][A-Za-z.]{1,12}|(?:[a-z\d]|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?[’']s\s)"
    r"[^,;:\x00“”\"()]{0,90}),"
)


class SubjectRules(PhraseRules):
    """The clause-subject readings over one article's masked text."""

    def noun_subject(self, name: Name, sentence: int) -> bool:
        """``name`` is a lone word opening the sentence at ``sentence`` before a verb that
        may be a plural noun, written nowhere else (``name_verbs.lone_adjective``)."""
        return not self.masked[sentence : name.start].strip() and lone_adjective(
            self.masked, name.start, name.end
        )

    def _clause_subject(self, start: int, at: int) -> Name | None:
        """The first name of ``[start, at)`` followed by its verb and not after a preposition:
        "In a statement to Wikinews, spokesperson for TransCanada *Grady Semmens* called"."""
        for name in self._names_between(start, at):
            if name.end > at:
                break
            if self.masked[name.start] == MASK:
                continue  # named inside a quotation
            if SUBORDINATE.search(self.masked, start, name.start):
                continue  # "After the Conservative Party won …, Varadkar said …, calling"
            name = self.inside.get(name.start, name)
            before = self.masked[max(start, name.phrase - 40) : name.phrase]
            if OBJECT.search(before) or SPOKESPERSON_FOR.search(before):
                continue
            end = name.end
            if self.masked[end : end + 1] == "," and name.person and name.actor:
                end += not AFTER_PLACE.search(before)  # "X, justified" ("Niigata, Japan, …")
            if subject_of_verb(self.masked, end):
                verb = self.masked[end:].split(maxsplit=1)[:1]
                if verb and verb[0] in NOUN_FORMS and self.noun_subject(name, start):
                    continue
                return None if self._listed(name.phrase, start) else name
        return None

    @SPEAKER_RULES.finds("sentence_subject", OPENS_CLAUSE)
    def sentence_subject(self, start: int, at: int) -> Name | None:
        """The subject of the clause a quotation stands in, when no verb names a speaker:
        "The AMPTP has rejected the proposals as a “hiring quota”"."""
        start = max(start, self.masked.rfind(";", start, at) + 1)  # "…; X stated: “…”"
        name = self._clause_subject(start, at)
        if name is not None and _NOT_ALONE.match(self.masked, name.end):
            name = None  # (not "X, nicknamed the “…”, had", nor "X and Y said")
        name = name or self._apposed_subject(start, at)
        if name is None or name.actor is None:
            return None
        if not opens_clause(self.masked[start : name.phrase]):
            return None  # "Outlets reported Dylan remained …": a subordinate clause's
        for verb in VERB.finditer(self.masked, name.end, at):
            if verb.group() in SPEECH_BY_QUOTATION:
                continue  # "X repeated accusations that …, calling him a “…”": X's own verb
            if not _SAME_SUBJECT.search(self.masked, name.end, verb.start()):
                return None  # "X interviewed Y, who said …": a speaker the rules missed
        return name

    def _apposed_subject(self, start: int, at: int) -> Name | None:
        """The clause's first name, when an apposition closed by its comma (or a party and
        state in parentheses) stands between it and its verb: "Corey Lewandowski, Donald
        Trump's fired campaign manager, ripped Comey for acting as “…”", "Sen. X (I-Vt.)
        called him divisive …"."""
        names = [n for n in self._names_between(start, at) if n.end <= at]
        if not names or self.masked[names[0].start] == MASK:
            return None
        name = self.inside.get(names[0].start, names[0])
        before = self.masked[max(start, name.phrase - 40) : name.phrase]
        if SUBORDINATE.search(self.masked, start, name.start) or OBJECT.search(before):
            return None
        m = _APPOSED_SUBJECT.match(self.masked, name.end, at)
        return name if m is not None and subject_of_verb(self.masked, m.end()) else None
