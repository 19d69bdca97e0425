"""Speaker rules that need no subject before a verb: "the statement said", "the institute
said", "said nurse X", "quoted X as saying", "a statement from X", an inverted verb's own
speaker ("X, said Y, …", "…, reported AFP."), a signature ("“…” ― X").
``speaker_rules.Matcher`` adds the verb rules on top of these."""

from __future__ import annotations

import re
from bisect import bisect_right

from .lexicon import DEMONYMS, FIRM_CALLINGS, HONORIFICS, NATIONALITIES, PERSON_ROLES, TITLE_HEADS
from .name_verbs import FILLER, QUOTED_PASSIVE, holds_verb, subject_of_verb
from .rules import SPEAKER_RULES
from .speaker_names import PLACES, RAW, STATE_WORDS, Found, Name, NameIndex
from .speaker_patterns import (
    DESCRIBED,
    DESCRIBED_AFTER,
    DOCUMENTS,
    NAME_END,
    OBJECT,
    closed_after,
    role_gap,
)

_AS_SAYING = re.compile(r"\bas saying\b")
_QUOTED_BY = re.compile(r"\b(?:quoted|cited|reported)\s+$")  # "the BBC reported X as saying"
# "X was quoted as saying", "X, was quoted in the release as saying".
_QUOTED_PASSIVE = re.compile(rf"{QUOTED_PASSIVE}(?:\s+(?:by|in|on)\s+[^,.;\x00]{{1,60}}?)?\s+")
_STATEMENT = re.compile(r"\bstatement\s+(?:from|by|issued by|released by)\s+(?:the\s+)?")
_RAW_QUOTED = re.compile(
    rf"(?:({RAW}){_QUOTED_PASSIVE.pattern}|\b(?:quoted|cited|reported)\s+({RAW})\s+)$"
)
# "The company said", "the Irish carrier said": an organisation named within this many
# characters before, if only one (``lexicon.FIRM_CALLINGS``); the words before the noun are
# lower-case or a nationality ("not The Reuters news agency reports": a name says which).
_FIRM_BEFORE = 400
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
# A transcript's turn: a name (its title before it) and a colon right before the quotation;
# what may stand before the name in it.
_TURN_OPENS = re.compile(r"[\s:;.\x00]*(?:[A-Z][^\x00;:!?]{0,100})?$")
_ABOUT = re.compile(r"\s+(?:[Oo]n|About)\s+")  # "Macron on Putin: “…”"
# A description of up to three words opening a clause: "The group", "the central bank leaders".
_OPENING_DESCRIPTION = re.compile(r"(?:[Tt]he|[Ii]ts)((?:\s+[a-z][\w-]*){1,3})")
_CLAUSE_BREAK = re.compile(r",\s+")
_LOWER_WORD = re.compile(r"[a-z][\w-]*")
# An inverted verb's aside: "X, said Y, …" / "…, reported AFP." (``said_aside``).
_COMMA_ONLY = re.compile(r",\s+")
_CLOSES_SENTENCE = re.compile(r"\s*(?:[.!?]|$)")
_OPENING_PHRASE_MAX = 80  # characters of an opening phrase before the subject ("On Sunday, …")
# A signature after a quotation that fills its line: a dash on the same line or the next
# ("”― Martha Aguilar", "-President Obama, tweeting after the speech."), or the name alone on
# the next line (a pull quote's caption: "Sue Branford", then "Latin America analyst").
_SIGNATURE = re.compile(r"\s*[”\"’']?[ \t\xa0]*(?:(\n\s*)?([-–—―]+)[ \t\xa0]*|(\n\s*))")
_SIGNED_WITH_DASH = re.compile(r"[ \t\xa0]*(?:[.,][^\n\x00]{0,80})?[ \t\xa0]*(?:\n|$)")
_SIGNED_ALONE = re.compile(r"[ \t\xa0]*\.?[ \t\xa0]*(?:\n|$)")
# A line opening with a name and a colon: its words are that name's (a headline "Graham:
# Trump's ‘Incredibly Hateful Rhetoric’", a transcript's "Lopez: Well, …").
_LINE_START = re.compile(rf"[ \t\xa0]*(?:(?:{'|'.join(sorted(HONORIFICS))})\.?[ \t\xa0]+)?")
# ... perhaps after a lawmaker's party: "Rep. Trey Gowdy (R-S.C.):“…”".
_NAME_COLON = re.compile(r"[ \t\xa0]*(?:\([DRI](?:-[A-Z][A-Za-z.]{0,6})?\)[ \t\xa0]*)?:[ \t\xa0]*")


# A person described by nation: "the Dutchman said", "the 29-year-old Brazilian told".
_NATIONAL = re.compile(
    rf"\b[Tt]he\s+(?:\d{{1,3}}-year-old\s+)?({'|'.join(sorted(DEMONYMS))})(?:\s+{FILLER})*\s+$"
)
# A pronoun's voice: "His spokesman said", "her lawyer told", "its office said": resolved as
# "he said" is, the words spoken for the one it stands for.
_POSSESSIVE_VOICE = re.compile(
    r"\b([Hh]is|[Hh]er|[Ii]ts)\s+(?:[a-z]+\s+)?(?:spokes(?:man|woman|person)|office|lawyers?|"
    rf"attorneys?|representatives?|press\s+secretary|publicist|campaign)(?:\s+{FILLER})*\s+$"
)
# A person described by age: "the 39-year-old said".
_AGED = re.compile(rf"\b[Tt]he\s+(\d{{1,3}})-year-old(?:\s+{FILLER})*\s+$")
# A person described by calling: "the striker said", "the New Jersey governor said", "the
# mother of three said"; up to three words before the noun, none a possessive ("the ad's
# narrator") nor a word that joins ("the team and the coach").
_ROLE = re.compile(
    r"\b[Tt]he\s+((?:(?!(?:and|or|of|the|a|an|to|in|at|for|with|by|on|from)\s)[\w.-]+\s+){0,3}?)"
    rf"({'|'.join(sorted(PERSON_ROLES, key=len, reverse=True))})"
    rf"(?:\s+of\s+(?:two|three|four|five|six|seven|\d))?(?:\s+{FILLER})*\s+$"
)
_ROLE_SHE = frozenset({"actress", "mother", "grandmother", "widow"})
_PARTIES = frozenset({"Republican", "Democrat", "Conservative"})  # of any office
_ROLE_HE = frozenset({"father", "grandfather", "widower"})


# What somebody said, named by a noun, then a colon and their words: "X's response was
# blunt: “…”", "His verdict: “…”", "X had a stark warning for Y: “…”".
_SAID_NOUNS = (
    r"(?:response|reply|answer|message|verdict|reaction|retort|advice|warning|plea|"
    r"explanation|conclusion|prediction|assessment|argument|demand|promise|pledge|vow)"
)
_TO_WHOM = r"(?:\s+(?:to|for|on|about)\s+[^:\x00.!?]{1,60}?)?"
_POSSESSED_WORDS = re.compile(
    rf"\s*(?:([Hh]is|[Hh]er)|(?P<owner>[A-Z][^:\x00.!?]{{0,60}}?)['’]s)\s+(?:[a-z-]+\s+){{0,2}}"
    rf"{_SAID_NOUNS}{_TO_WHOM}(?:\s+(?:was|is|were|came|remained)\s+[a-z, -]{{1,40}}?)?\s*:\s*"
)
_HAD_WORDS = re.compile(
    rf"\s*(?P<owner>[A-Z][^:\x00.!?]{{0,60}}?)\s+(?:had|has|gave|offered|sent|delivered)\s+"
    rf"(?:a|an|this|his|her|its)\s+(?:[a-z-]+\s+){{0,2}}{_SAID_NOUNS}{_TO_WHOM}\s*:\s*"
)


def _pronoun_of(word: str) -> str:
    """The pronoun a person described by ``word`` takes: "the Dutchwoman", "the mother" are
    "she"; "the Dutchman", "the father" "he"; "the Brazilian", "the striker" either."""
    if word in _ROLE_SHE or word.endswith("woman"):
        return "she"
    return "he" if word in _ROLE_HE or word.endswith("man") else "someone"


class PhraseRules(NameIndex):
    """The phrase rules over one article's masked text."""

    @SPEAKER_RULES.finds("signed", _SIGNATURE)
    def signed(self, after: int) -> Found | None:
        """The actor signing a quotation that fills its line, read from ``after`` (its end or
        closing mark): a dash and the name, or the name alone on the next line."""
        m = _SIGNATURE.match(self.masked, after)
        if m is None:
            return None
        name = self.by_phrase.get(m.end())
        if name is None or name.actor is None:
            return None
        tail = _SIGNED_WITH_DASH if m.group(2) else _SIGNED_ALONE
        if not tail.match(self.masked, name.end):
            return None
        return Found("signed", name, name.start, name.end, name.end)

    @SPEAKER_RULES.finds("colon_intro", _NAME_COLON)
    def line_speaker(self, line_start: int) -> Found | None:
        """The actor whose name and a colon open the line ``line_start`` begins."""
        opening = _LINE_START.match(self.masked, line_start)
        name = self.by_phrase.get(opening.end()) if opening else None
        if name is None or name.actor is None or not _NAME_COLON.match(self.masked, name.end):
            return None
        return Found("colon_intro", name, name.start, name.end, name.end)

    @SPEAKER_RULES.finds("colon_intro", _POSSESSED_WORDS, _HAD_WORDS)
    def said_noun_colon(self, start: int, quote: int) -> Found | None:
        """The one whose words a noun and a colon introduce, all of the clause from ``start``
        to the quotation: "X's response was blunt: “…”", "His verdict: “…”"."""
        colon = quote - 1
        m = _POSSESSED_WORDS.fullmatch(self.masked, start, colon) or _HAD_WORDS.fullmatch(
            self.masked, start, colon
        )
        if m is None:
            return None
        if m.re is _POSSESSED_WORDS and m.group(1):
            return Found.pronoun_at(m, colon)
        name = self.by_phrase.get(m.start("owner"))
        if name is None or name.actor is None or name.end != m.end("owner"):
            return None
        return Found("colon_intro", name, name.start, name.end, colon)

    @SPEAKER_RULES.finds("pronoun_continues", _AGED, _NATIONAL, _POSSESSIVE_VOICE)
    @SPEAKER_RULES.finds("noun_continues", DESCRIBED)
    def _described(self, at: int, start: int, stop: int) -> Found | None:
        """ "The statement said": its author, resolved by the caller. "The institute said": the
        one organisation named before whose name or description holds that word."""
        voice = _POSSESSIVE_VOICE.search(self.masked, max(start, at - 50), at)
        if voice and not OBJECT.search(self.masked, max(0, voice.start() - 20), voice.start()):
            # (not "X has throughout his campaign boasted": the phrase is no subject)
            pronoun = {"his": "he", "her": "she", "its": "it"}[voice.group(1).lower()]
            return Found("pronoun_continues", None, voice.start(1), voice.end(1), stop, pronoun)
        if national := _NATIONAL.search(self.masked, max(start, at - 50), at):
            # "the Dutchman said", "the Brazilian said": a person, resolved as "he said" is
            pronoun = _pronoun_of(national.group(1))
            return Found(
                "pronoun_continues", None, national.start(), national.end(1), stop, pronoun
            )
        if aged := _AGED.search(self.masked, max(start, at - 40), at):
            # "the 39-year-old said": a person, resolved as "he said" is (``speakers.py``)
            age = f"aged {aged.group(1)}"
            return Found("pronoun_continues", None, aged.start(), aged.end(1) + 9, stop, age)
        m = DESCRIBED.search(self.masked, max(start, at - 60), at)
        found = None if m is None else self._description(m.start(), m.end(1), stop)
        return found or self._role(at, start, stop)

    def _role(self, at: int, start: int, stop: int) -> Found | None:
        """ "The striker said": the person named before, resolved as "he said" is, unless an
        actor named before holds the word (then ``_description`` has said whom it means)."""
        m = _ROLE.search(self.masked, max(start, at - 70), at)
        if m is None:
            return None
        word = m.group(2)
        i = bisect_right(self.ends, m.start())
        if any(n.actor and word.lower() in self.words.get(n.actor, ()) for n in self.names[:i]):
            return None
        if any(n.person and n.actor and n.start >= start for n in self.names[:i]):
            # "The files were leaked through X, the mayor said"; "X took on Y after the
            # front-runner had said": a person named in the same sentence is someone else
            return None
        last = next((n.actor for n in reversed(self.names[:i]) if n.person and n.actor), None)
        office = word.lower() in TITLE_HEADS and word not in _PARTIES
        if last is not None and office and self.heads.get(last):
            return None  # "Finance Minister X spoke. … the chancellor said": another office
        return Found("pronoun_continues", None, m.start(), m.end(2), stop, _pronoun_of(word))

    def _description_after(self, at: int, end: int, stop: int) -> Found | None:
        """ "according to the company, …": the description right after ``at``."""
        m = DESCRIBED_AFTER.match(self.masked, at, end)
        if m is None:
            return None
        opening = m.start() + len(m.group()) - len(m.group().lstrip())  # the cue holds no space
        return self._description(opening, m.end(1), stop)

    def _opening_description(self, start: int, at: int, stop: int) -> Found | None:
        """The description that opens the clause of ``[start, at)`` as the subject of its verb,
        where no name does: "The group expressed intentions … and called “…”", "On Sunday,
        the park released a statement, saying …". Resolved as "the group said" is."""
        heads = [start, *(m.end() for m in _CLAUSE_BREAK.finditer(self.masked, start, at))]
        for head in heads:
            if head - start > _OPENING_PHRASE_MAX:
                break
            m = _OPENING_DESCRIPTION.match(self.masked, head, at)
            if m is None:
                continue
            # Its noun is the word before the verb: "the central bank leaders committed".
            for w in _LOWER_WORD.finditer(self.masked, m.start(1), m.end(1)):
                if subject_of_verb(self.masked, w.end()):
                    return self._description(m.start(), w.end(), stop)
            return None
        return None

    def _description(self, start: int, end: int, stop: int) -> Found | None:
        """Whom the description ``[start, end)`` ("the institute", its noun last) stands for;
        nobody when it is a name ("the Swiss National Bank", one of a list the caller left)."""
        if self._overlaps_actor(start) or self._overlaps_actor(end - 1):
            return None
        words = self.masked[start:end].lower().split()
        noun = words[-1]
        if noun in DOCUMENTS:
            # A report is only its publisher's: never the last speaker's by default.
            kind = "report" if noun == "report" else "statement"
            return Found("noun_continues", None, start, end, stop, kind)
        i = bisect_right(self.ends, start)
        known = {
            n.actor: n
            for n in self.names[:i]
            if n.actor
            and noun in self.words.get(n.actor, ())
            and (not n.person or noun in self.heads.get(n.actor, ()))
        }
        if len(known) > 1:  # "the government": a body named so ("the Pakistani government")
            bodies = {a: n for a, n in known.items() if self.words[a] is not STATE_WORDS}
            known = bodies or known
        if len(known) > 1:  # "the prime minister said" of a foreign and a prime minister
            described = set(words[1:])
            known = {a: n for a, n in known.items() if described <= self.words[a]}
        plain = all(w.islower() or w in NATIONALITIES for w in self.masked[start:end].split()[1:])
        if not known and noun in FIRM_CALLINGS and plain:
            # "Twitter suspended the account. … the company said": the one organisation
            # named shortly before, whatever its name.
            near = start - _FIRM_BEFORE
            known = {
                n.actor: n
                for n in self.names[:i]
                if n.actor in self.words
                and self.words[n.actor] is not STATE_WORDS
                and not n.person
                and n.end > near
            }
            first = min((n.end for n in known.values()), default=start)
            if self._unlisted_name(first, start):
                return None  # "In a statement on the Airbus website, the company said"
            indefinite = rf"(?<!,\s)\b[Aa]n?\s+(?:[\w-]+\s+){{0,2}}{noun}\b"  # (not "X, a bank,")
            if re.search(indefinite, self.masked[max(0, near) : start]):
                return None  # "whether a French bank failed … The bank denies": that one
        if len(known) != 1:
            return None
        name = next(iter(known.values()))
        return Found("noun_continues", name, start, end, stop)

    def _unlisted_name(self, start: int, at: int) -> bool:
        """Whether a capitalised word that opens no sentence stands in ``[start, at)``
        outside every actor's name: a firm the rules did not list ("Delta Air Lines")."""
        sentence = max(self.masked.rfind(". ", start, at), start)
        for w in _CAPITALISED.finditer(self.masked, start, at):
            before = self.masked[max(0, w.start() - 3) : w.start()].rstrip()
            opens = not before or before[-1] in '.!?\n\x00“"(:'
            # A sentence before: only a name that acts ("Delta Air Lines said"), not an object
            # ("plans for the next version of Windows").
            here = w.start() >= sentence or subject_of_verb(self.masked, w.end())
            if (
                here
                and not opens
                and self._raw_ok(w.group(), w.start())
                and w.group() not in PLACES
            ):
                return True  # (not a weekday, a month, an actor's name, nor "met in Japan")
        return False

    def _described_name(self, at: int, end: int) -> Name | None:
        """After “…,” said: the name a description leads to ("said nurse X", "said the IOM
        chief in Tripoli, X", "commented a commuter, 41-year-old X"); the one set off by a
        comma wins over one right after a role word."""
        limit = min(end, at + 130)
        best: Name | None = None
        for name in self._names_between(at, limit):
            gap_kind = role_gap(self.masked[at : name.start])
            person = name.person and (name.actor is not None or " " in name.name)
            if gap_kind is None or not closed_after(self.masked, name.end, gap_kind, person):
                continue
            if gap_kind == "comma":
                return name
            best = best or name
        return best

    @SPEAKER_RULES.finds("as_saying", _AS_SAYING, _QUOTED_PASSIVE, _RAW_QUOTED)
    def _as_saying(self, start: int, end: int) -> Found | None:
        """ "Izvestia quoted Mr. Grushko as saying" / "Grushko was quoted as saying"."""
        for m in _AS_SAYING.finditer(self.masked, start, end):
            i = bisect_right(self.ends, m.start()) - 1
            for name in self.names[max(0, i - 3) : i + 1][::-1]:
                if name.start < start:
                    continue
                gap = self.masked[name.end : m.start()]
                by = gap == " " and _QUOTED_BY.search(self.masked, start, name.phrase)
                if by or _QUOTED_PASSIVE.fullmatch(gap):
                    return Found("as_saying", name, name.start, name.end, m.end())
            raw = _RAW_QUOTED.search(self.masked, max(start, m.start() - 120), m.start())
            if raw is not None:
                at = raw.start(1) if raw.group(1) else raw.start(2)
                words = raw.group(1) or raw.group(2)
                if self._raw_ok(words, at):
                    name = Name(at, at + len(words), at, None, words, True)
                    return Found("as_saying", name, name.start, name.end, m.end())
        return None

    @SPEAKER_RULES.finds("in_a_statement", _STATEMENT)
    def _statement(self, start: int, end: int) -> Found | None:
        for m in _STATEMENT.finditer(self.masked, start, end):
            if (name := self._name_at(m.end() - 1, end, closed=False)) is not None:
                return Found("in_a_statement", name, name.start, name.end, m.end(), "", True)
        return None

    @SPEAKER_RULES.finds("colon_intro", _NAME_COLON, _TURN_OPENS)
    def _name_colon(self, start: int, quote: int) -> Found | None:
        """ "Secretary of the Air Force James Roche: “…”": a name, no verb, a colon (not
        "an exchange between X and Y: “…”", whose verb says it is no turn)."""
        names = [n for n in self._names_between(start, quote) if n.end <= quote]
        if not names or not _NAME_COLON.fullmatch(self.masked, names[-1].end, quote):
            return None
        name = names[-1]
        # The turn opens after the colon of the introduction before it, if any: "… as
        # recorded in the Congressional Record: Special Assistant X: “…”".
        turn = max(start, self.masked.rfind(":", start, name.start) + 1)
        before = self.masked[turn : name.start]
        if not _TURN_OPENS.match(before) or holds_verb(self.masked, turn, name.start):
            return None
        if _ABOUT.search(self.masked, turn, name.phrase):
            # "Macron on Putin: “…”": the one who speaks opens the turn, then what about.
            first = names[0]
            opens = not self.masked[turn : first.phrase].strip(" \t\n:;.\x00")
            about = _ABOUT.match(self.masked, first.end) is not None
            if first is name or not opens or not about or first.actor is None:
                return None
            return Found("colon_intro", first, first.start, first.end, quote)
        return Found("colon_intro", name, name.start, name.end, quote)

    def said_aside(self, subject: Name, at: int, stop: int) -> Name | None:
        """ "And Trump, said Sunshine, who …, doesn't forgive": an inverted speech verb set off
        by commas after a name is an aside naming its own speaker, not that name's verb; so is
        one closing the sentence: "… from the maker Embraer, reported AFP."."""
        if not _COMMA_ONLY.fullmatch(self.masked, subject.end, at):
            return None
        after = self._name_at(stop, len(self.masked), closed=True)
        if after is None:
            return None
        if after.person and self.masked[after.end : after.end + 1] == ",":
            return after
        return after if _CLOSES_SENTENCE.match(self.masked, after.end) else None

    def apposed_person(self, name: Name, end: int) -> Name | None:
        """ "said the general secretary of the union Unite, *Tony Woodley*.": the person set
        off after the organisation that ends the description."""
        i = bisect_right(self.starts, name.end)
        after = self.in_order[i] if i < len(self.in_order) else None
        if (
            after is None
            or not after.person
            or after.end > end
            or not _COMMA_ONLY.fullmatch(self.masked, name.end, after.phrase)
            or not NAME_END.match(self.masked, after.end)
        ):
            return None
        return after
