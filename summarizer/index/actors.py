"""Actors by rule: the people, organisations and states an article names, before the model.

A 1.5B model lists few of an article's actors, so its list starts from these. The rules:

1. institutions written by name ("the Kremlin", "NATO", "the European Union"; ``lexicon``)
   → organisation, or group for armed movements;
2. a capitalised run (``names.py``) with a title word in it ("US President Donald Trump"),
   right before it ("Kremlin spokesman Dmitry Peskov", "nurse Ivonne Lugo", "Democrat
   Hillary Clinton": a party label is a title) or in apposition ("…chief, Kaja Kallas," /
   "Michael Golden, the GAO's counsel,"; not after a phrase opening the sentence: "In an
   interview with Time magazine, Khan said") → person, title kept apart from the name; an
   honorific or a title before one name ("Mr. Waltz", "President Putin") → person; a
   nationality or a place before a name describes it ("Israeli Ohad Huri", "… Embassy in
   Australia Eman Amasha"), and so does a country's possessive before a full name that acts
   ("Chile's Gabriel Boric denounced"); a role with its employer before an apposed name ("an
   attorney for Twitter, Alex Spiro,"); a name closing a title after an organisation word
   ("Director of Climate Action Network Europe Wendel Trio") or a portfolio ("Commissioner
   for Human Rights Volker Türk");
3. a run ending in an organisation word ("Defence Ministry", "West Midlands Police"), with
   its complement ("Institute for the Study of War", "Department of Health and Senior
   Services"), closing a title ("Commissioner of the *Texas Department of State Health
   Services*"), after a descriptor ("engine maker Europrop") or defined as an acronym ("…
   Office (GAO)"), opened as an advocacy group's is ("Friends of the Earth", "Americans for
   Prosperity", ``cause_names.txt``), or closed by a continent ("Lycos Europe": not "Western
   Europe") → organisation, and then its first word alone ("Lycos said") is that branch, and
   a name that runs on from it ("the Lycos Europe Website") no person; a capitalised title
   after one opens a person's name ("Bank of England Governor Andrew Bailey");
4. a two-to-five word name without a title is a person only on evidence: it speaks ("X said",
   "said X", "according to X", or the speaker rules read it as a speaker: ``heard``), its
   surname is used again, or it opens with a given name (``given_names``: "Isabel Indigo
   Brooks", not "Karl Marx Avenue"); a given name after an employer starts the name there
   ("spokesperson for TransCanada Grady Semmens");
5. a surname, alone or after an honorific or title, links to the one full name with that
   surname mentioned before it (or anywhere, when none is before). When two different full
   names share the surname the mention stays unlinked: no guess between two people, unless
   all but one were introduced as a relative ("son of Senator Edward Kennedy"), or a bare
   surname already named one of them before the namesake came (then it still does); given
   names that differ by a doubled letter are one person's ("Gary", "Garry Knowles");
6. countries and capitals (short lists) → state, only if once at least they are the subject
   of a verb ("Russia said", "Ukraine has agreed", "Moscow has insisted"), and never when
   closing a longer name ("Real Madrid", "Western Australia"); a formal name ("the Islamic
   Republic of Iran") is the state's, never a person a part of it would make; a seat of
   government ("the Kremlin revealed", ``seats.txt``) is its state's name where the article
   names the state; a state whose body speaks in its possessive ("Ukraine's foreign ministry
   said") acts; a state's body named by what it is ("the Syrian foreign ministry
   disputed", ``bodies.py``) → organisation where it acts, the one already named otherwise if
   any ("Uruguayan Language Academy"), not the state;
7. a lone capitalised word or acronym that speaks ("Airbus has confirmed", "the GAO said"),
   or acts and is then called "the company" ("Twitter suspended …; the company said") →
   organisation: news introduces people by full name, so a lone unknown word is rarely one;
   unless "he said"/"she added" follows it, or a title, an honorific or an age ("Khan, 45,")
   goes with it → person; a possessive employer that a person named before bears is theirs
   ("Clinton's chief pollster" after "Hillary Clinton"), and so is a lone word that a full
   name opening with a given name ends with, anywhere ("the Obama administration" where
   "Barack Obama" is named); ``org_names.py`` decides;
8. an organisation word written alone ("the Department's record", "Police say") links to
   the one organisation whose name holds it; "Interior Department" and "Department of the
   Interior" are one organisation.

Title-case lines (headlines) only receive links to actors found elsewhere, never new ones.
Rules 5 and 8 (links to actors already found) live with the actors found, in
``actor_book.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from .actor_book import ActorBook, FoundActor
from .actor_rules import ACRONYM, Piece, find_pieces
from .actor_text import (
    CORPORATE_SUFFIX,
    bounded,
    family_first,
    most_written,
    opens_with_given_name,
    org_words,
    place_noun_after,
    title_case_sentences,
)
from .bodies import OWN_VOICE, find_bodies, same_body
from .lexicon import (
    CAPITAL_OF,
    CAPITALS,
    CONTINENTS,
    COUNTRY_GROUPS,
    GROUPS,
    INSTITUTION_GROUPS,
    NATIONALITIES,
    SEAT_OF,
    STOPWORDS,
)
from .name_shapes import initials, surname
from .name_verbs import subject_of_verb
from .names import NICKNAME_GAP, Runs, Token, find_phrases, phrase_index, tokenize
from .org_names import organisation_names
from .rules import ACTOR_RULES
from .units import ActorKind, IndexedActor, MentionKind, Sentence

_INSTITUTIONS = phrase_index(INSTITUTION_GROUPS)
# "according to Uruguay": a state that speaks.
_ACCORDING = re.compile(r"\b[Aa]ccording to (?:the )?$")
_OF_BODY = re.compile(r"\b(?:of|in|by|with|to|for|from|at|on|against)\s*$")  # an object's
_ACCORDING_BODY = re.compile(r"\b(?:[Aa]ccording to|statement (?:from|by|of))\s*$")
_DOUBLED = re.compile(r"(.)\1")
_STATES = phrase_index([*COUNTRY_GROUPS, *CAPITALS])


def _branch_of(name: str) -> str | None:
    """The company of a branch named by its continent: "Lycos" of "Lycos Europe"."""
    words = name.split()
    return words[0] if len(words) == 2 and words[1] in CONTINENTS else None


def _short_names(text: str, pieces: list[Piece]) -> dict[str, str]:
    """Lone words that are the short name of the one branch named in the article."""
    heads: dict[str, set[str]] = {}
    for p in pieces:
        name = text[p.start : p.end]
        if p.kind == "org" and (head := _branch_of(name)) is not None:
            heads.setdefault(head, set()).add(name)
    return {head: names.pop() for head, names in heads.items() if len(names) == 1}


def find_actors(
    text: str,
    sentences: Sequence[Sentence],
    heard: Sequence[tuple[int, int]] = (),
    tokens: list[Token] | None = None,
) -> list[IndexedActor]:
    """The actors ``text`` names, numbered A1… in order of first mention. ``heard``: where
    the speaker rules read a name they found no actor for ("Real Madrid via their official
    website said"): a name there speaks, which rule 4 and rule 7 take as evidence.
    ``tokens``: the text's words (``names.tokenize``), when a second reading has them."""
    if tokens is None:
        tokens = tokenize(text, sentences)
    return _Finder(text, sentences, heard, tokens).run()


class _Finder(ActorBook):
    """The rules that find actors (1–4, 6, 7), over the book they fill in."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        heard: Sequence[tuple[int, int]],
        tokens: list[Token],
    ) -> None:
        super().__init__(text, tokens)
        self.sentences = sentences
        self.heard = heard
        self.runs = Runs(text, self.tokens)
        self.state_phrases: list[tuple[int, int, str]] = []  # (start, end, phrase), in ``run``

    def run(self) -> list[IndexedActor]:
        self._institutions()
        headlines = title_case_sentences(self.tokens, self.sentences)
        pieces = find_pieces(self.text, self.tokens, self.runs, headlines, self.heard)
        # A state's formal name ("the Islamic Republic of Iran") is the state's (rule 6).
        self.state_phrases = list(find_phrases(self.text, self.tokens, _STATES))
        formal = [(a, b) for a, b, w in self.state_phrases if " of " in w]
        pieces = [p for p in pieces if not any(a <= p.start < b for a, b in formal)]
        org_names, borne = organisation_names(self.text, pieces)
        self._people(pieces, org_names)
        self._organisations(pieces, org_names, borne)
        self._repeated_names()
        self._bodies()
        self._states()
        self._link_surnames()
        self._link_org_words()
        return self._numbered()

    # -- collecting -------------------------------------------------------------------------

    @ACTOR_RULES.finds("title")
    def _titled(self, actor: FoundActor, piece: Piece) -> None:
        if piece.title is None:
            return
        start, end = piece.title
        if actor.title is None:
            actor.title = self.text[start:end]
        self._mention(actor, start, end, "title", "title")

    @ACTOR_RULES.finds("institution", "lexicon.INSTITUTION_GROUPS")
    def _institutions(self) -> None:
        for start, end, phrase in find_phrases(self.text, self.tokens, _INSTITUTIONS):
            group = INSTITUTION_GROUPS[phrase]
            kind: ActorKind = "group" if group in GROUPS else "organisation"
            actor = self._actor("i:" + group, group, kind, "institution")
            self._mention(actor, start, end, "institution", "institution")

    @ACTOR_RULES.finds("repeated_name")
    def _repeated_names(self) -> None:
        """Every other place a found name is written, headlines included."""
        text = self.text
        heads = Counter(
            _branch_of(a.name) for a in self.actors.values() if a.kind == "organisation"
        )
        for actor in list(self.actors.values()):
            if actor.kind == "person" and " " not in actor.name:
                continue
            kind: MentionKind = "name" if actor.kind == "person" else "institution"
            names = [actor.name]
            if actor.kind == "organisation" and " " in (
                bare := CORPORATE_SUFFIX.sub("", actor.name)
            ):
                names.append(bare)  # "Global Crossing" after "Global Crossing Ltd."
            head = _branch_of(actor.name) if actor.kind == "organisation" else None
            if head is not None and heads[head] == 1:
                names.append(head)  # "Lycos" after "Lycos Europe" (not with "Lycos Asia" too)
            for name in names:
                at = text.find(name)
                while at != -1:
                    end = at + len(name)
                    if not self.taken[at] and bounded(text, at, end):
                        self._mention(actor, at, end, kind, "repeated_name")
                    at = text.find(name, end)

    @ACTOR_RULES.finds("person_name")
    @ACTOR_RULES.finds("surname_only")
    def _people(self, pieces: list[Piece], org_names: set[str]) -> None:
        singles = Counter(p.words[-1] for p in pieces if p.kind == "single")
        orgs = {self.text[p.start : p.end] + " " for p in pieces if p.kind == "org"}
        for p in pieces:
            if p.kind != "person" or self.text[p.start : p.end] in org_names:
                continue
            if any(self.text.startswith(o, p.start) for o in orgs):
                continue  # "the Lycos Europe Website": the organisation's, not a person
            if (p.words[0] in org_names or p.words[-1] in org_names) and not p.strong:
                continue  # "Ford Taurus": a product; "…, Michigan Ford's stock": a list
            last = surname(p.words)
            given = opens_with_given_name(p.words) and not place_noun_after(self.text, p.end)
            if not (p.strong or p.speaks or singles[last] or given):
                continue
            first = family_first(p.words)
            # (a doubled letter is a spelling variant of one person: "Gary"/"Garry Knowles")
            given_key = _DOUBLED.sub(r"\1", p.words[0].lower())
            key = f"p:{given_key}|{last.lower()}"
            name = NICKNAME_GAP.sub(" ", self.text[p.start : p.end])  # Frank "Greg" Ford
            actor = self._actor(key, name, "person", "person_name")
            self._mention(actor, p.start, p.end, "name", "person_name")
            self._titled(actor, p)
            entries = self.surnames.setdefault(last.lower(), [])
            if all(k != key for _, k in entries):
                entries.append((p.start, key))
            if first is not None:
                self.family_first.setdefault(first.lower(), set()).add(key)
        for p in pieces:
            # "President Macron", or "Macron said … He added", with no full name anywhere:
            # a person known by surname only.
            if p.kind == "single" and (p.strong or p.personal) and p.words[-1] not in org_names:
                last = p.words[-1].lower()
                if last not in self.surnames and last not in self.family_first:
                    self.surnames[last] = [(p.start, "s:" + last)]
                    self._actor("s:" + last, p.words[-1], "person", "surname_only")
                if (found := self._resolve(last, p.start)) is not None:
                    self._titled(self.actors[found], p)

    @ACTOR_RULES.finds("organisation_name")
    @ACTOR_RULES.finds("defined_name", "actor_rules._SHORT_NAME_DEF", "actor_rules._ACRONYM_DEF")
    @ACTOR_RULES.finds("acronym", "actor_rules.ACRONYM")
    def _organisations(self, pieces: list[Piece], org_names: set[str], borne: set[str]) -> None:
        """``borne``: surnames of full names opening with a given name (``org_names.py``)."""
        defined: dict[str, str] = {}
        acronyms: list[Piece] = []
        short = _short_names(self.text, pieces)
        for p in pieces:
            word = self.text[p.start : p.end]
            if self.taken[p.start]:
                continue
            if word in short:  # "Lycos said" where "Lycos Europe" is named
                actor = self._actor(
                    self._org_key(short[word]), short[word], "organisation", "organisation_name"
                )
                self._mention(actor, p.start, p.end, "institution", "organisation_name")
                continue
            if p.kind == "acronym" or (
                p.kind == "org" and not p.acronym and ACRONYM.fullmatch(word)
            ):
                acronyms.append(p)  # "The NPP, the statehood party, says": still an acronym
                continue
            if word in defined:  # "Phivolcs said" after "… Seismology (Phivolcs)"
                actor = self.actors[defined[word]]
                self._mention(actor, p.start, p.end, "institution", "defined_name")
                continue
            if (p.kind == "org" or word in org_names) and (
                self._named_person_owns(p) or word in borne
            ):  # "Lopez's spokesperson" after "Mayor Anne Lopez": hers, not a firm; "the
                continue  # Obama administration" where "Barack Obama" is named: his
            if p.kind == "org" or word in org_names:
                key = self._org_key(word)
                if p.acronym and f"i:{INSTITUTION_GROUPS.get(p.acronym)}" in self.actors:
                    key = f"i:{INSTITUTION_GROUPS[p.acronym]}"  # "… Investigation (FBI)"
                actor = self._actor(key, word, "organisation", "organisation_name")
                self._mention(actor, p.start, p.end, "institution", "organisation_name")
                self._titled(actor, p)
                if p.acronym:
                    defined[p.acronym] = key
        # "the GAO" after "the Government Accountability Office": an acronym of a known name.
        by_initials: dict[str, set[str]] = {}
        for key, actor in self.actors.items():
            if actor.kind == "organisation" and " " in actor.name:
                by_initials.setdefault(initials(actor.name.split()), set()).add(key)
        for p in acronyms:
            word = self.text[p.start : p.end]
            known = by_initials.get(word, set())
            owner = defined.get(word) or (next(iter(known)) if len(known) == 1 else None)
            if owner is None and p.acts:
                owner = self._org_key(word)
            if owner is not None:
                actor = self._actor(owner, word, "organisation", "acronym")
                self._mention(actor, p.start, p.end, "institution", "acronym")

    def _org_key(self, name: str) -> str:
        """One key for "US Air Force", "U.S. Air Force" and a later "the Air Force"."""
        words = name.split()
        for n in (3, 2, 1):
            prefix, rest = " ".join(words[:n]), " ".join(words[n:])
            if rest and (prefix in COUNTRY_GROUPS or (n == 1 and prefix in NATIONALITIES)):
                return f"o:{COUNTRY_GROUPS.get(prefix, prefix)}|{org_words(rest)}"
        bare = org_words(name)
        same = {k for k in self.actors if k.startswith("o:") and k.split("|", 1)[1] == bare}
        return same.pop() if len(same) == 1 else "o:|" + bare

    @ACTOR_RULES.finds("state_body", "bodies.find_bodies")
    def _bodies(self) -> None:
        """ "the Syrian foreign ministry": an actor where it acts or speaks, the same as an
        organisation already named otherwise ("Uruguayan Language Academy")."""
        spans: dict[str, list[tuple[int, int]]] = {}
        acting: set[str] = set()
        for the, start, end in find_bodies(self.text):
            if self.taken[start]:
                continue
            key = " ".join(self.text[start:end].lower().split())
            spans.setdefault(key, []).append((start, end))
            before = self.text[max(0, the - 40) : the]
            subject = subject_of_verb(self.text, end) and not _OF_BODY.search(before)
            if subject or _ACCORDING_BODY.search(before):
                acting.add(key)
        orgs = [a for a in self.actors.values() if a.kind == "organisation"]
        for key in sorted(acting, key=lambda k: spans[k][0]):
            start, end = spans[key][0]
            written = self.text[start:end]
            same = [a for a in orgs if same_body(written, a.name)]
            if len(same) != 1:
                same = [self._actor("b:" + key, written, "organisation", "state_body")]
            for a, b in spans[key]:
                self._mention(same[0], a, b, "name", "state_body")

    @ACTOR_RULES.finds("state", "lexicon.COUNTRY_GROUPS", "lexicon.CAPITALS", "lexicon.SEAT_OF")
    def _states(self) -> None:
        found: dict[str, list[tuple[int, int]]] = {}
        acting: set[str] = set()
        for start, end, word in self.state_phrases:
            at = bisect_left(self.tokens, start, key=lambda t: t.start)
            if self.taken[start] or self._inside_name(at):
                continue
            group = COUNTRY_GROUPS.get(word, word)
            found.setdefault(group, []).append((start, end))
            voice = OWN_VOICE.match(self.text, end)  # "Ukraine's foreign ministry said"
            if (
                subject_of_verb(self.text, end)
                or _ACCORDING.search(self.text, max(0, start - 20), start)
                or (voice is not None and subject_of_verb(self.text, voice.end()))
            ):
                acting.add(group)
        # A capital that speaks for its state ("Moscow has insisted") is that state where the
        # article names the state too: one holder, its capital an alias.
        for capital in [g for g in acting if CAPITAL_OF.get(g) in found]:
            state = CAPITAL_OF[capital]
            found[state] = sorted(found[state] + found.pop(capital))
            acting.discard(capital)
            acting.add(state)
        # So is a seat of government ("the Kremlin revealed") where the state is named: its
        # mentions join the state's, and the institution is no actor of its own.
        for seat, state in SEAT_OF.items():
            if state in found and (actor := self.actors.get("i:" + seat)) is not None:
                del self.actors["i:" + seat]
                found[state] = sorted(found[state] + [(m.start, m.end) for m in actor.mentions])
                acting.add(state)
        for group in sorted(acting, key=lambda g: found[g][0][0]):
            spans = found[group]
            written = Counter(self.text[a:b] for a, b in spans)
            name = group if group in written else most_written(written, group)
            actor = self._actor("st:" + group, name, "state", "state")
            for a, b in spans:
                self._mention(actor, a, b, "name", "state")

    def _named_person_owns(self, p: Piece) -> bool:
        """A one-word employer in the possessive that is the surname of a person named
        before it: the surname link makes it that person's mention."""
        if len(p.words) != 1 or self.text[p.end : p.end + 2] not in ("'s", "’s"):
            return False
        surname = p.words[0].lower()
        named_before = any(pos < p.start for pos, _ in self.surnames.get(surname, []))
        return named_before and self._resolve(surname, p.start) is not None

    def _inside_name(self, i: int) -> bool:
        """A place word closing a longer name: "Real *Madrid*", "New *Mexico*"."""
        if i == 0:
            return False
        before = self.tokens[i - 1]
        opener = before.initial and before.text in STOPWORDS
        return before.cap and not opener and self.text[before.stop : self.tokens[i].start] == " "


__all__ = ["find_actors"]
