"""The actors an article names as ``actors.py`` finds them, and rules 5 and 8 of that module:
a later surname ("Putin", "Mr. Waltz") or organisation word ("the Department") written alone
links to the one actor it names, or to none when two could be meant.

``ActorBook`` holds what the finding rules have collected (actors by key, their mentions, the
characters already inside a name, the surnames seen); ``actors._Finder`` adds the rules that
find new actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .given_names import NATIONAL_SURNAMES, TITLE_SURNAMES
from .lexicon import HONORIFICS, ORG_WORDS, TITLE_HEADS
from .name_shapes import used_as_nationality, used_as_title
from .names import Token, joined
from .rules import ACTOR_RULES
from .units import ActorKind, ActorRule, IndexedActor, Mention, MentionKind

# A kinship word before a full name, its title between: "son of Massachusetts Senator X",
# "her husband, former President X".
_KIN = re.compile(
    r"\b(?:son|daughter|wife|husband|father|mother|brother|sister|widow|widower|nephew|niece|"
    r"cousin|grandson|granddaughter|uncle|aunt)(?:\s+of)?,?\s+(?:(?:the\s+)?[A-Za-z.’'-]+\s+){0,4}$"
)


@dataclass
class FoundActor:
    name: str
    kind: ActorKind
    rule: ActorRule
    title: str | None = None
    mentions: list[Mention] = field(default_factory=list)


class ActorBook:
    """One article's actors, collected by key ("p:first|last", "o:…", "st:…") as rules fire."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.actors: dict[str, FoundActor] = {}
        self.taken = bytearray(len(text) + 1)  # characters already inside a name mention
        self.surnames: dict[str, list[tuple[int, str]]] = {}
        # First words that may be the family name ("Jiang" of "Jiang Yu") → their people.
        self.family_first: dict[str, set[str]] = {}

    def _actor(self, key: str, name: str, kind: ActorKind, rule: ActorRule) -> FoundActor:
        if key not in self.actors:
            self.actors[key] = FoundActor(name, kind, rule)
        return self.actors[key]

    def _mention(
        self, actor: FoundActor, start: int, end: int, kind: MentionKind, rule: ActorRule
    ) -> None:
        actor.mentions.append(Mention(self.text[start:end], start, end, kind, rule))
        if kind != "title":
            self.taken[start:end] = b"\x01" * (end - start)

    def _resolve(self, surname: str, at: int) -> str | None:
        """The one full name this surname refers to at ``at``, or None (unknown, ambiguous)."""
        entries = self.surnames.get(surname, [])
        if not entries:  # "Jiang said" after "Jiang Yu": a family name written first
            keys = self.family_first.get(surname, set())
            return next(iter(keys)) if len(keys) == 1 else None
        before = {k for pos, k in entries if pos <= at}
        keys = before or {k for _, k in entries}
        if len(keys) > 1:
            # "Patrick Kennedy, son of Senator Edward Kennedy": a relative named to place
            # the person the story is about does not take the bare surname.
            keys = {k for pos, k in entries if k in keys and not self._relative(pos)}
        return next(iter(keys)) if len(keys) == 1 else None

    def _relative(self, at: int) -> bool:
        """Whether the full name at ``at`` is introduced as somebody's relative."""
        return _KIN.search(self.text, max(0, at - 60), at) is not None

    @ACTOR_RULES.finds("surname_link")
    def _link_surnames(self) -> None:
        tokens, known, first = self.tokens, self.surnames, self.family_first
        linkable = [
            i
            for i, t in enumerate(tokens)
            if t.cap and ((w := t.text.lower()) in known or w in first)
        ]
        # A bare surname that has named one person keeps naming them once a namesake is
        # introduced by full name: "Clinton said …" after "Hillary Clinton", then "Bill
        # Clinton got in on the game", then "Clinton herself" (not "Mr. Clinton": ambiguous).
        bare: dict[str, str] = {}
        for i in linkable:
            tok = tokens[i]
            if self.taken[tok.start]:
                continue
            titled = i > 0 and _introduces(self.text, tokens[i - 1], tok)
            word = tok.text.lower()
            key = self._resolve(word, tok.start) or (None if titled else bare.get(word))
            if key is None:
                continue
            if not titled:
                bare.setdefault(word, key)
            actor = self.actors[key]
            if tok.text in TITLE_SURNAMES and used_as_title(self.text, tokens, i):
                continue  # "the Saudi King", "King Abdullah": a title, not Steve King
            if tok.text in NATIONAL_SURNAMES and used_as_nationality(self.text, tokens, i):
                continue  # "French troops": a nationality, not Jack French
            if titled:
                self._mention(actor, tokens[i - 1].start, tok.end, "honorific", "surname_link")
            else:
                self._mention(actor, tok.start, tok.end, "surname", "surname_link")

    @ACTOR_RULES.finds("org_word_link", "lexicon.ORG_WORDS")
    def _link_org_words(self) -> None:
        """ "The Department's record", "Police say": an organisation word written alone
        refers to the one organisation whose name holds it ("US Department of the
        Interior", "Capitol Hill Police"); with two such organisations, to neither."""
        owners: dict[str, set[str]] = {}
        for key, actor in self.actors.items():
            if actor.kind == "organisation":
                for word in actor.name.split():
                    if word in ORG_WORDS:
                        owners.setdefault(word, set()).add(key)
        tokens, text = self.tokens, self.text
        for i in [i for i, tok in enumerate(tokens) if tok.text in owners]:
            tok, keys = tokens[i], owners[tokens[i].text]
            if len(keys) != 1 or self.taken[tok.start]:
                continue
            if (i > 0 and tokens[i - 1].cap and joined(text, tokens[i - 1], tok)) or (
                i + 1 < len(tokens) and tokens[i + 1].cap and joined(text, tok, tokens[i + 1])
            ):
                continue  # inside another name: "Police Department", "Interior Ministry"
            actor = self.actors[next(iter(keys))]
            if any(m.start < tok.start for m in actor.mentions if m.kind != "title"):
                self._mention(actor, tok.start, tok.end, "institution", "org_word_link")

    def _numbered(self) -> list[IndexedActor]:
        ordered: list[tuple[int, FoundActor]] = []
        for actor in self.actors.values():
            names = [m.start for m in actor.mentions if m.kind != "title"]
            if names:
                ordered.append((min(names), actor))
        ordered.sort(key=lambda pair: pair[0])
        out: list[IndexedActor] = []
        for number, (_, a) in enumerate(ordered, 1):
            mentions = sorted(set(a.mentions), key=lambda m: (m.start, m.end, m.kind))
            out.append(IndexedActor(number, a.name, a.kind, a.title, tuple(mentions), a.rule))
        return out


def _introduces(text: str, before: Token, tok: Token) -> bool:
    """ "Mr." or a capitalised title right before a surname: "Mr. Waltz", "President Putin"."""
    if not joined(text, before, tok):
        return False
    return before.text in HONORIFICS or (before.cap and before.text.lower() in TITLE_HEADS)
