"""The subject of the clause a quotation stands in, when no speech verb names a speaker.

The weakest speaker rule (``sentence_subject``, tried last by ``speakers.py``): "The AMPTP has
rejected the proposals as a “hiring quota”" is the AMPTP's wording. It is also how "he
said" finds the named person opening the sentence before. Only the clause's first name, not
after a preposition or inside a subordinate clause, and only when no other speech verb with
another subject stands between it and the quotation.

Here too: which name is the subject of a speech verb ("X, the mayor, said", not "in an
interview with the BBC said"), what a list of subjects gives, and a spokesperson's body, which
``speaker_rules.py`` asks of every verb it reads.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Literal

from .lexicon import SPEECH_BY_QUOTATION
from .name_verbs import STAFF_PLURALS, lone_adjective, subject_of_verb
from .rules import SPEAKER_RULES
from .speaker_names import RAW, RAW_NAME, Name, not_a_name, raw_name
from .speaker_patterns import (
    AGENT_APPOSED,
    APPOSED,
    IN_APPOSITION,
    INFINITIVE_OBJECT,
    MASK,
    NAMED_SPOKESPERSON,
    OBJECT,
    OBJECT_APPOSED,
    OBJECT_OF_ING,
    OPENING_PHRASE,
    OPENS_CLAUSE,
    OWNED_NAME,
    PARTY_ASIDE,
    RAW_OBJECT,
    ROLE_AT,
    SPOKESPERSON_FOR,
    SUBORDINATE,
    TITLE_TAIL,
    apposed,
    opens_clause,
    subject_gap,
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

# Voices that are people of a body: its officials speak for it only when it is named.
_BODY_VOICE = re.compile(rf"\b(?:{STAFF_PLURALS})\b")
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
# Between two names of a list of subjects: "A, B and C", "A and the B", "A (AFP) and B".
_LIST_JOIN = re.compile(
    r"(?:\s*\([^()\x00]*\))?(?:,\s+(?:and\s+)?|\s+(?:and|&)\s+)(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}"
)
_NAMED_BEFORE = 200  # characters: how far before its verb a subject name may end
_PARTICIPLE_SUBJECT = re.compile(r",?\s+(?:[a-z]+ly\s+)?")  # "with X (reportedly) yelling"
_RAW_BEFORE = re.compile(rf"{RAW}(?=,?\s+$)")
# A recording of a person: "footage of X saying “…”" is X's words, though X is an object.
_RECORDING_OF = re.compile(r"\b(?:footage|video|clip|recording|audio|tape)\s+of\s+$", re.I)

# A document's author between it and its verb: "The statement, signed by X, said", "The
# report, published by X, described …".
_AUTHORED_BY = re.compile(
    r"\b(?:statement|report|letter|study|survey|memo|communiqu[eé]|declaration|petition),\s+"
    r"(?:signed|issued|published|released|written|drafted|prepared|compiled|sent)\s+by\s+"
    r"(?:the\s+)?$"
)


class SubjectRules(PhraseRules):
    """The clause-subject readings over one article's masked text, and who is the subject of
    a verb.

    ``list_heads``: whether a list of subjects gives its first name (for a quotation, which
    has one speaker) or nobody (for a sentence, where ``holders.py`` makes each a holder)."""

    list_heads = True

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
                if self.noun_subject(name, start):
                    continue  # "Legal questions aside": ``lone_adjective`` reads the verb
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

    def _subject(self, at: int, start: int) -> tuple[Name, bool] | None:
        """The subject right before a verb at ``at``, and whether it speaks through its voice
        ("X's office said"); None for one of a list, or when no name is the subject."""
        i = bisect_right(self.ends, at) - 1
        for name in self.names[max(0, i - 5) : i + 1][::-1]:
            if name.start < start or name.end < at - _NAMED_BEFORE:
                break
            gap = self.masked[name.end : at]
            if name.title_after and TITLE_TAIL.fullmatch(self.masked, name.title_after, at):
                kind: str | None = "subject"  # "X, Capitol Police spokeswoman, said"
            else:
                kind = subject_gap(gap, name.comma_title)
            if kind is None:
                continue
            name = self.inside.get(name.start, name)
            hit = self._subject_of(name, kind, gap, start)
            if hit is not False:
                return hit
        return self._raw_subject(at, start)

    def _subject_of(
        self, name: Name, kind: str, gap: str, start: int, objects: re.Pattern[str] = OBJECT
    ) -> tuple[Name, bool] | Literal[False] | None:
        """Whether ``name``, reaching the verb across ``gap``, is its subject: the hit, None
        when the verb has several subjects, False to look further back. ``objects``: the
        prepositions that make a name before them an object."""
        before = self.masked[max(start, name.phrase - 60) : name.phrase]
        if SPOKESPERSON_FOR.search(before):
            return self._spokesperson(name, start)
        if kind in ("subject", "stray") and _AUTHORED_BY.search(before):
            return name, True  # "The statement, signed by X, said": X's words, in writing
        if kind == "relative":
            return None if self._listed(name.phrase, start) else (name, False)
        untitled = name.phrase == name.start
        if OPENING_PHRASE.fullmatch(self.masked, start, name.phrase):
            pass  # "Responding to the criticism, X told": X opens the main clause
        elif name.person and name.phrase < name.start and ROLE_AT.search(before):
            pass  # "Chief investment officer at Fort Pitt Capital Group X said": X's title
        elif (
            objects.search(before)
            # a name right after it, not a title ("to run the agency, X said")
            or (untitled and kind in ("open", "stray") and INFINITIVE_OBJECT.search(before))
            or (
                OBJECT_APPOSED.search(before)
                and gap.lstrip().startswith(",")
                and not PARTY_ASIDE.match(gap)  # "…, Rep. X, R-Calif., said": X's own aside
            )
            or AGENT_APPOSED.search(before)
            or (untitled and OBJECT_OF_ING.search(before))
            # "Appearing on CBS' Face the Nation, the GOP front-runner said": a name inside a
            # phrase is no subject that an apposition left open could describe.
            or (kind == "open" and OWNED_NAME.search(before))
        ):
            return False  # "in an interview with the BBC said": the BBC is no subject
        if apposed(gap, before, kind):
            return False  # inside another name's apposition
        if gap.startswith(")"):
            # An alias in parentheses stands for the name before it: "X (CMV), said", but
            # "X, the director of Action Against Hunger (ACF), told" is X speaking.
            opening = self._expanded(name, start)
            before = self.masked[max(start, opening - 80) : opening]
            if opening != -1 and SPOKESPERSON_FOR.search(before):
                return self._spokesperson(name, start)  # "Officials of the Group of Seven (G7)"
            if opening == -1 or IN_APPOSITION.search(before) or OWNED_NAME.search(before):
                return False
            if self._listed(opening, start):
                return None
        if kind == "stray" and _BY_BEFORE.search(before):
            return False  # "X's office, when contacted by Reuters, said": the aside's agent
        person = name.person and name.actor is not None
        if kind == "stray" and not name.comma_title and not person and AFTER_PLACE.search(before):
            # "the mayor of Esperanza, *Sultan Kudarat*, announced": a place; but "The head of
            # the union Unite, *Tony Woodley*, said": the person the title describes
            return False
        if kind == "affiliation" and name.actor is None and " " not in name.name:
            return False  # "Associates of Navalny alleged": a common word, capitalised
        if self._listed(name.phrase, start):
            head = self._list_head(name, start) if self.list_heads else None
            return None if head is None else (head, False)
        named_body = name.actor is not None or name.name.isupper()
        if kind == "behalf" and not named_body and _BODY_VOICE.search(gap):
            return False  # "Health officials said": a capitalised word, no body's name
        if (
            kind == "behalf"
            and not _BODY_VOICE.search(gap)  # (not "Like most X, Y's strategists say")
            and (named := self._named_before(APPOSED, name.phrase, start))
        ):
            return named, False  # "X, Capitol Police spokeswoman, said": X speaks
        return name, kind == "behalf"

    def _list_head(self, name: Name, start: int) -> Name | None:
        """The first of a list of subjects that opens its clause ("A, B and C said" → A): one
        name answers for words the list speaks together, as a reader gives the first. None
        when a name in the chain is no subject's or the list opens no clause."""
        head = name
        while (i := bisect_right(self.ends, head.phrase) - 1) >= 0:
            prev = self.inside.get(self.names[i].start, self.names[i])
            if prev.start < start or not _LIST_JOIN.fullmatch(self.masked, prev.end, head.phrase):
                break
            head = prev
        if head is name or not opens_clause(self.masked[start : head.phrase]):
            return None
        return head

    def _spokesperson(self, name: Name, start: int) -> tuple[Name, bool]:
        """After "spokeswoman for": "X, spokeswoman for Y, said" is X speaking; else Y through
        its voice. A person named after their employer is the spokesperson, and an
        organisation before them only the listener: "In a statement to Wikinews,
        spokesperson for TransCanada Grady Semmens called"."""
        named = self._named_before(NAMED_SPOKESPERSON, name.phrase, start)
        if named is None or (name.person and name.phrase < name.start and not named.person):
            return name, named is None
        return named, False

    def _raw_subject(self, at: int, start: int) -> tuple[Name, bool] | None:
        """An unresolved capitalised name as the subject: "Debra Roberts, called"."""
        for m in reversed(list(RAW_NAME.finditer(self.masked, max(start, at - 100), at))):
            kind = subject_gap(self.masked[m.end() : at], False)
            if kind is None:
                continue
            name = raw_name(m)
            if self._overlaps_actor(name.start) or not_a_name(name.name):
                continue
            if not self._raw_ok(name.name, name.start):
                return None
            objects = OBJECT if kind in ("open", "stray") else RAW_OBJECT
            hit = self._subject_of(name, kind, self.masked[m.end() : at], start, objects)
            if hit is not False:
                return hit
        return None

    def _name_ending(self, at: int, start: int) -> Name | None:
        """The name right before ``at`` ("Zinichev describing", "X, adding")."""
        i = bisect_right(self.ends, at) - 1
        if i >= 0 and self.names[i].start >= start:
            name = self.inside.get(self.names[i].start, self.names[i])
            gap = _PARTICIPLE_SUBJECT.fullmatch(self.masked, self.names[i].end, at)
        else:
            raw = _RAW_BEFORE.search(self.masked, max(start, at - 80), at)
            if raw is None:
                return None
            name = raw_name(raw)
            if not self._raw_ok(name.name, name.start) or not_a_name(name.name):
                return None
            gap = _PARTICIPLE_SUBJECT.fullmatch(self.masked, name.end, at)
        if gap is None or self._listed(name.phrase, start):
            return None
        # "with X saying" is X's; "consideration of X, saying", "a letter to X accusing" not.
        before = self.masked[max(start, name.phrase - 40) : name.phrase]
        obj = OBJECT.search(before)
        comma = "," in gap.group()
        if obj is not None and (comma or not obj.group().lower().startswith("with")):
            return name if not comma and _RECORDING_OF.search(before) else None
        return name
