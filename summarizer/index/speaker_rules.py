"""The patterns that name a speaker, read on text whose quotations are masked out.

``speakers.py`` decides where to look (after a quotation, before it, in a sentence) and
resolves pronouns and continuations; this module only answers "does a rule name a speaker
here, and who": a speech verb with its subject (the gaps it may cross are in
``speaker_patterns.py``), an inverted verb with its name, "according to X", "quoted X as
saying", "a statement from X", "X issued a statement saying", "the institute said". Masking
quotations keeps a name inside quoted words ("I will call President Putin," he said) from
ever being taken for a speaker.
"""

from __future__ import annotations

import dataclasses
import re

from .lexicon import INVERTING_VERBS, SPEECH_BY_QUOTATION, SPEECH_OPENERS, TELL_VERBS
from .name_verbs import FILLER, subject_of_verb
from .quoting_verbs import CLAUSE, PARTICIPLE, QUOTING
from .rules import SPEAKER_RULES
from .speaker_names import Found, Name
from .speaker_patterns import (
    JUST_QUOTED,
    MASK,
    OPENING_SUBORDINATE,
    STATEMENT_AFTER,
    in_aside,
    opens_clause,
)
from .speaker_subjects import SubjectRules
from .speech_verbs import DOCUMENT_BY, IN_ONES_VIEW, IN_THE_VIEW_OF, VERB
from .units import SpeakerRule

_PRONOUN = re.compile(rf"\b([Hh]e|[Ss]he|[Ii]t)(?:\s+{FILLER})*\s+$")
_INVERTED_PRONOUN = re.compile(r"\s+(he|she)\b")
_IN_VIEW = re.compile(f"{IN_THE_VIEW_OF}|{IN_ONES_VIEW}")
_CLAUSE_AFTER = re.compile(r"[^,.;:\x00]{0,80},\s*")  # "In his view, " up to the main clause
_OBJECT_PRONOUN = re.compile(r"\s+(him|her)\b(?!\s+(?:own\s+)?[a-z])")  # "according to him,"
# A clause opened by "he" or "she", after an opening phrase if any: "Expanding on that point
# he stated …", "In Detroit, she declined to comment, saying …".
_OPENING_PRONOUN = re.compile(r"\s*(?:[^,;\x00]{1,80},?\s+)??([Hh]e|[Ss]he)\s+(?=[a-z])")
# A clause inside another whose subject is not the speaker's: "when the government would".
_INNER_CLAUSE = re.compile(
    r"\b(?:when|whether|if|because|since|after|before|while|although|though|where|how|why|"
    r"what|which|who)\b[^,;\x00]*$"
)
# What may close a sentence after its last verb, and a comma right before a name.
_SENTENCE_TAIL = re.compile(r"[\s.!?\x00]*")
_COMMA_BEFORE_NAME = re.compile(r",\s+$")
_SENTENCE_END = re.compile(r"[.!?\n]\s+")
# A second verb of the clause's subject: "He pointed to Chrysler, but stated that …".
_COORDINATED = re.compile(
    r",?\s+(?:and|but)\s+"
    r"(?:(?:also|then|later|again|has|had|merely|now|still|instead|several times|\w+ly)\s+)*$"
)
_AFTER_COMMA = re.compile(r",\s*$")
_INTRODUCES = re.compile(r"[:,]?\s*\x00")
# Verbs that report speech only right after a quotation: “…,” he continued / Trump went on.
_AFTER_QUOTATIONS = frozenset({"continued", "continues", "went on"})
# ... and verbs of speech only in a quotation's own clause: “…,” she repeated / He pleaded:
# “…” (not "Clinton maintains a lead", nor a sentence after a quotation, "Chatwal pleaded").
_QUOTE_CLAUSE = re.compile(r"\x00[^\x00.;:!?\n]{0,60}$")
# ... or before a clause of what was said: "Lu Kang repeated that China opposed hacking" (not
# "repeated that mistake", "maintained that margin": "that" a determiner there).
_THAT_CLAUSE = re.compile(
    r"\s+(?:that|whether)\s+"
    r"(?:(?:he|she|it|they|we|i|you|there|the|a|an|his|her|its|their|our|no)\b|[A-Z])"
)  # (and "Trump wondered whether he could file charges")
# A speech participle closing a sentence's main clause: "…, saying they had agreed". Only
# verbs of saying: ``PARTICIPLE``'s attributing ones ("calling", "accusing") need a quotation.
_SAYING = re.compile(r",\s+(?:saying|stating|adding|noting|explaining|warning|arguing|claiming)\b")
# A participle with its own unnamed subject: "…, with one observer stating: “…”".
_OWN_SUBJECT = re.compile(r"\bwith\s+(?:[a-z][\w-]*\s+){1,4}$")
_BY_AGENT = re.compile(r"\s+by(?=\s)")
# What one said, named by a noun they own, and its words after: "Trump's claim that Obama
# “founded ISIS”", "his promise to “drain the swamp”", "X's call for a “total shutdown”".
_CLAIM = re.compile(
    r"\b(?:claims?|assertions?|insistence|contention|suggestion|promises?|pledges?|vows?|"
    r"warnings?|description|call|calls|argument|accusations?|predictions?|boasts?|threats?|"
    r"complaints?|declaration|characteri[sz]ation)(?=\s+(?:that|to|of|for)\s)"
)
_OWNED_BY_NAME = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}$")
_OWNED_BY_PRONOUN = re.compile(r"\b([Hh]is|[Hh]er)\s+(?:[a-z][\w-]*\s+){0,2}$")
# People of a body, unnamed, who speak for it: "according to researchers at X".
_STAFF_OF = re.compile(
    r"\s+(?:the\s+)?(?:researchers|analysts|experts|scientists|economists|engineers|"
    r"officials|staff|sources)\s+(?:at|from|with|of)(?=\s)"
)
# A passive before a verb that attributes words, and its agent after the quotation: "was
# (widely) described as “…” by X".
_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:[a-z]+ly\s+)?$")
_AGENT_AFTER = re.compile(r",?\s+by(?=\s)")


class Matcher(SubjectRules):
    """The speaker patterns over one article's masked text."""

    def scan(self, start: int, end: int, *, backwards: bool = False) -> Found | None:
        """The first hit in ``[start, end)``, reading from the end when ``backwards``."""
        for found in (self._as_saying(start, end), self._statement(start, end)):
            if found is not None:
                return found
        verbs = list(VERB.finditer(self.masked, start, end))
        if not backwards and len(verbs) > 1 and (tail := self._tail(verbs[-1], start, end)):
            return tail
        for v in reversed(verbs) if backwards else verbs:
            if (found := self._verb(v, start, end)) is not None:
                return found if backwards else self._main_clause(found, verbs, start, end)
        return None

    def _tail(self, verb: re.Match[str], start: int, end: int) -> Found | None:
        """ "…, Stovall said.": a name and its verb closing the sentence after a comma say
        whose the whole sentence is, whatever verb-like word comes before ("and promises")."""
        if not _SENTENCE_TAIL.fullmatch(self.masked, verb.end(), end):
            return None
        found = self._verb(verb, start, end)
        if found is None or found.name is None or found.rule not in ("name_said", "name_told"):
            return None
        return found if _COMMA_BEFORE_NAME.search(self.masked, start, found.start) else None

    def _main_clause(self, found: Found, verbs: list[re.Match[str]], start: int, end: int) -> Found:
        """``found`` in an opening subordinate clause gives way to a named speaker of the main
        clause: "While X has pledged to support her, *Y* suggested that …" is Y's."""
        opening = OPENING_SUBORDINATE.match(self.masked, start, end)
        if opening is None or found.verb_end > opening.end():
            return found
        for v in verbs:
            if v.start() < opening.end():
                continue
            later = self._verb(v, opening.end(), end)
            if later is not None:
                return later if later.name is not None else found
        return found

    @SPEAKER_RULES.finds("name_saying", _SAYING)
    def participle(self, start: int, end: int) -> Found | None:
        """A sentence whose speech is a participle after its main clause: "Mr. Annan
        commended the parties, saying they …" (what "he said" may later refer to)."""
        m = _SAYING.search(self.masked, start, end)
        if m is None:
            return None
        name = self._clause_subject(start, m.start())
        if name is None:
            return self._opening_pronoun(start, m.start(), m.end()) or self._opening_description(
                start, m.start(), m.end()
            )
        return Found("name_saying", name, name.start, name.end, m.end())

    @SPEAKER_RULES.finds("name_saying", PARTICIPLE)
    @SPEAKER_RULES.finds("name_said", QUOTING)
    def introducing(self, sentence: int, start: int, quote: int) -> Found | None:
        """Before a quotation at ``quote``, with no speech verb naming its speaker: the subject
        of a participle ("X issued a statement saying “…”", "with X describing “…”") or of a
        verb that attributes the words in its clause ("X called the report “…”"). The words
        read start at ``start``; the subject may stand earlier in the sentence."""
        m = _last(PARTICIPLE, self.masked, start, quote)
        if (
            m
            and CLAUSE.fullmatch(self.masked, m.end(), quote)
            and not _OWN_SUBJECT.search(self.masked, max(start, m.start() - 40), m.start())
        ):
            name = self._name_ending(m.start(), sentence) or self._clause_subject(
                sentence, m.start()
            )
            if name is not None:
                statement = "statement" in self.masked[name.end : m.end()]
                return Found("name_saying", name, name.start, name.end, m.end(), "", statement)
            if (found := self._opening_pronoun(sentence, m.start(), m.end())) is not None:
                return found  # "He declined to speculate, saying that it was “…”"
            if (found := self._opening_description(sentence, m.start(), m.end())) is not None:
                return found  # "The park released a statement, saying that they “…”"
        participle = m
        m = _last(QUOTING, self.masked, start, quote)
        claimed = self._claimed(start, quote)
        if claimed is not None and (m is None or claimed.verb_end > m.end()):
            return claimed
        if m is None or not CLAUSE.fullmatch(self.masked, m.end(), quote):
            return self._name_colon(start, quote)
        if participle is not None and participle.start() > m.end():
            return None  # "He thought that X had declined, saying “…”": the participle's
        hit = self._subject(m.start(), start)
        if hit is not None and self.noun_subject(hit[0], sentence):
            return None
        if hit is None and (agent := self._passive_agent(m.start(), quote)) is not None:
            return Found("according_to", agent, agent.start, agent.end, m.end())
        if hit is None:
            # "He described the bankruptcy as “…”"; "He pointed to X, but called it “…”";
            # "The company called it “…”".
            return self._unnamed_subject(start, m.start(), m.end(), sentence) or self._described(
                m.start(), start, m.end()
            )
        rule: SpeakerRule = "on_behalf_of" if hit[1] else "name_said"  # "X's office called"
        return Found(rule, hit[0], hit[0].start, hit[0].end, m.end())

    @SPEAKER_RULES.finds("name_said", _CLAIM, _OWNED_BY_NAME)
    @SPEAKER_RULES.finds("pronoun_continues", _OWNED_BY_PRONOUN)
    def _claimed(self, start: int, quote: int) -> Found | None:
        """The owner of a noun for what was said, when its clause runs on to the quotation:
        "Trump's claim that Obama “founded ISIS”", "his promise to “drain the swamp”"."""
        m = _last(_CLAIM, self.masked, start, quote)
        if m is None or not CLAUSE.fullmatch(self.masked, m.end(), quote):
            return None
        if VERB.search(self.masked, m.end(), quote):
            return None  # "X's claim that Y said “…”": Y's words
        if his := _OWNED_BY_PRONOUN.search(self.masked, max(start, m.start() - 40), m.start()):
            return Found.pronoun_at(his, m.end())
        name = self._named_before(_OWNED_BY_NAME, m.start(), start)
        if name is None or name.actor is None:
            return None
        return Found("name_said", name, name.start, name.end, m.end())

    def _passive_agent(self, at: int, quote: int) -> Name | None:
        """The agent after the quotation of a passive verb at ``at``: "The ruling was
        described as “absurd” by Elon Musk", "… has been branded “reckless” by X"."""
        if not _PASSIVE.search(self.masked, max(0, at - 30), at):
            return None
        after = quote
        while after < len(self.masked) and self.masked[after] == MASK:
            after += 1
        by = _AGENT_AFTER.match(self.masked, after)
        if by is None:
            return None
        end = len(self.masked)
        return self._name_at(by.end(), end, closed=False) or self._described_name(by.end(), end)

    def _unnamed_subject(self, start: int, at: int, stop: int, sentence: int) -> Found | None:
        """A verb at ``at`` with no name as its subject: "he" right before it ("he said"), or
        the subject of the clause it is coordinated in ("…, but stated that")."""
        if m := _PRONOUN.search(self.masked, max(start, at - 40), at):
            return Found("pronoun_continues", None, m.start(1), m.end(1), stop, m.group(1).lower())
        if _COORDINATED.search(self.masked, max(start, at - 20), at):
            return self._clause_opener(sentence, at, stop)
        return None

    def _opening_pronoun(self, start: int, at: int, stop: int) -> Found | None:
        """ "He" or "she" opening the clause of ``[start, at)``, no name between: the subject
        of a verb or participle later in it."""
        m = _OPENING_PRONOUN.match(self.masked, start, at)
        if m is None:
            return None
        for name in self._names_between(m.end(), at):
            if _INNER_CLAUSE.search(self.masked, m.end(), name.start):
                continue  # "He declined to say when the government would sell, saying"
            if name.person and name.end <= at and subject_of_verb(self.masked, name.end):
                return None  # (not "He said that Smith had declined, saying": Smith's)
        return Found("pronoun_continues", None, m.start(1), m.end(1), stop, m.group(1).lower())

    def _clause_opener(self, start: int, at: int, stop: int) -> Found | None:
        """The subject a coordinated verb at ``at`` shares: the clause's opening pronoun or
        its named subject."""
        # The clause may open before the quotation the words read begin after: "He stated
        # that GM would make “safe cars”, and several times described them as “better”".
        ends = [m.end() for m in _SENTENCE_END.finditer(self.masked, max(0, at - 400), at)]
        opening = ends[-1] if ends else max(0, at - 400)
        for begin in dict.fromkeys((start, min(start, opening))):
            if (found := self._opening_pronoun(begin, at, stop)) is not None:
                return found
        name = self._clause_subject(start, at)
        if name is None:
            return self._opening_description(start, at, stop)  # "The group met and said"
        if not opens_clause(self.masked[start : name.phrase]):
            return None
        return Found("name_said", name, name.start, name.end, stop)

    @SPEAKER_RULES.finds("according_to", "[Aa]ccording to", IN_THE_VIEW_OF, IN_ONES_VIEW)
    @SPEAKER_RULES.finds("name_said", VERB)
    @SPEAKER_RULES.finds("name_told", *sorted(TELL_VERBS))
    @SPEAKER_RULES.finds("pronoun_continues", _PRONOUN, _INVERTED_PRONOUN, _OBJECT_PRONOUN)
    @SPEAKER_RULES.finds("said_name", *sorted(INVERTING_VERBS))
    def _verb(self, v: re.Match[str], start: int, end: int) -> Found | None:
        word, at, stop = v.group(), v.start(), v.end()
        if in_aside(self.masked, at, start, end):
            return None
        quoted = JUST_QUOTED.search(self.masked, max(start - 1, at - 6), at) is not None
        if word in _AFTER_QUOTATIONS and not self._by_quotation(at, stop):
            return None  # "Unrest … continued": not speech unless “…,” he continued
        if word in SPEECH_BY_QUOTATION and not (
            _QUOTE_CLAUSE.search(self.masked, max(0, start - 1, at - 80), at)
            or _INTRODUCES.match(self.masked, stop)
            or _THAT_CLAUSE.match(self.masked, stop)
        ):
            return None
        if word in SPEECH_OPENERS:
            return self._opening_verb(at, stop, end)
        if (view := _IN_VIEW.match(self.masked, at)) and view.end() == stop:
            return self._in_view(view, stop, end)  # "in the words of X", "in his view"
        if word.lower() == "according to" and (him := _OBJECT_PRONOUN.match(self.masked, stop)):
            return Found.pronoun_at(him, stop)
        if word.lower() == "according to" or DOCUMENT_BY.fullmatch(word):
            if word.lower() == "according to" and (staff := _STAFF_OF.match(self.masked, stop)):
                # "according to researchers at Kaspersky Lab": they speak for it
                name = self._name_at(staff.end(), end, closed=False)
                if name is not None:
                    return Found("on_behalf_of", name, name.start, name.end, stop)
            name = self._name_at(stop, end, closed=False)
            if name is None and word.lower() == "according to":
                # "according to company spokesman X", "according to the bank"
                name = self._described_name(stop, end)
                if name is None:
                    return self._description_after(stop, end, stop)
            return None if name is None else Found("according_to", name, name.start, name.end, stop)
        if (by := _BY_AGENT.match(self.masked, stop, end)) and not word.lower().startswith("ask"):
            # The passive's agent speaks: "he was told by Minister X of “…”".
            name = self._name_at(by.end(), end, closed=False)
            if name is not None:
                return Found("according_to", name, name.start, name.end, stop)
        statement = (
            "statement" in word
            or word.lower().endswith(" report")  # "published a report", not "reported"
            or STATEMENT_AFTER.match(self.masked, stop, end) is not None
        )
        hit = self._subject(at, start)
        if (
            hit is not None
            and word in INVERTING_VERBS
            and (aside := self.said_aside(hit[0], at, stop))
        ):
            return Found("said_name", aside, aside.start, aside.end, stop)
        if hit is not None:
            name, behalf = hit
            rule: SpeakerRule = (
                "on_behalf_of" if behalf else "name_told" if word in TELL_VERBS else "name_said"
            )
            return Found(rule, name, name.start, name.end, stop, "", statement)
        if (found := self._unnamed_subject(start, at, stop, start)) is not None:
            return dataclasses.replace(found, statement=statement)
        if (found := self._described(at, start, stop)) is not None:
            return found
        if word in INVERTING_VERBS:
            if m := _INVERTED_PRONOUN.match(self.masked, stop, end):
                return Found("pronoun_continues", None, m.start(1), m.end(1), stop, m.group(1))
            # The inverted order follows what was said: “…,” said X / …, said X. Elsewhere
            # "said X" opens a report about X ("The indictment said staffer X, …, found").
            if not quoted and not _AFTER_COMMA.search(self.masked, max(start, at - 3), at):
                return None
            name = self._name_at(stop, end, closed=True)
            if name is None and quoted:
                name = self._described_name(stop, end)
            if name is not None and not name.person:
                name = self.apposed_person(name, end) or name
            if name is not None:
                return Found("said_name", name, name.start, name.end, stop)
        return None

    def _in_view(self, view: re.Match[str], stop: int, end: int) -> Found | None:
        """ "In the words of X", "in X's view" (the match is "In", the name after it), "in
        his opinion": whose words or view the sentence gives."""
        if view.group(1):
            clause = _CLAUSE_AFTER.match(self.masked, stop, end)
            if clause is not None and clause.end() in self.by_phrase:
                return None  # "In his assessment, Calderon intimated …": the name that follows
            return Found.pronoun_at(view, stop)
        name = self._name_at(stop, end, closed=False)
        return None if name is None else Found("according_to", name, name.start, name.end, stop)

    @SPEAKER_RULES.finds("said_name", *sorted(SPEECH_OPENERS))
    def _opening_verb(self, at: int, stop: int, end: int) -> Found | None:
        """ "Said Haines: “…”": a speech verb opening its sentence, then the speaker and a
        colon or comma (not "Said Abdullah arrived", a name)."""
        before = self.masked[max(0, at - 3) : at].rstrip()
        if before and before[-1] not in ".!?\n\x00":
            return None
        name = self._name_at(stop, end, closed=False)
        if name is None or self.masked[name.end : name.end + 1] not in (":", ","):
            return None
        return Found("said_name", name, name.start, name.end, stop)

    def _by_quotation(self, at: int, stop: int) -> bool:
        """A quotation close before the verb, or right after it: “…,” X continued / He
        continued: “…”."""
        return (
            MASK in self.masked[max(0, at - 40) : at]
            or _INTRODUCES.match(self.masked, stop) is not None
        )


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text, start, end):  # noqa: B007
        pass
    return last
