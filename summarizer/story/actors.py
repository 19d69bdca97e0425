"""One story actor for the article actors that name the same person, organisation or state.

Every article's index already decided what its actors are called and what kind they are; the
merge only reads those facts, and records for each article actor the rule that joined it:

* ``same_name``: equal once case, a leading "the", punctuation, a possessive and a company
  suffix are gone ("General Motors Corp." = "General Motors");
* ``alias``: one's name is a name an article gave the other ("USAF" for the Air Force);
* ``acronym``: one is the initials of the other ("GM" = "General Motors");
* ``short_name``: a one-word name equal to the surname of exactly one person ("Obama").

A person never merges with an organisation or a state: "Ford" the company and "Ford" the
person stay apart wherever the articles' indexes tell them apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from ..index.units import ActorKind
from ..schema import Actor
from .model import Member, MergeReason, StoryActor

_SUFFIX: Final = re.compile(
    r"(?:\s+(?:corp|corporation|inc|incorporated|co|company|ltd|limited|plc|llc|ag|sa|nv|n v|"
    r"group plc|holdings))+$"
)
_NOT_INITIAL: Final = frozenset({"of", "and", "the", "for", "de", "du", "la", "&"})
_ACRONYM: Final = re.compile(r"^[A-Z][A-Z&.]{1,7}$")


def norm(name: str) -> str:
    """The comparable form of a name: "The General Motors Corp.'s" -> "general motors"."""
    text = name.lower().replace("’", "'")
    text = re.sub(r"'s?$", "", text.strip())
    text = re.sub(r"[^\w&]+", " ", text).strip()
    text = re.sub(r"^the\s+", "", text)
    return _SUFFIX.sub("", text).strip() or text


def initials(name: str) -> str | None:
    """ "General Motors" -> "gm"; None for one-word names, which have no acronym of their own."""
    words = [w for w in norm(name).split() if w not in _NOT_INITIAL]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def _acronym_key(name: str) -> str | None:
    """The letters of a written acronym ("GM", "U.S.A.F."), lower case, or None."""
    if not _ACRONYM.match(name.strip()):
        return None
    return re.sub(r"[^a-z&]", "", name.lower()) or None


def _family(kind: ActorKind) -> str:
    # Organisations, states and groups may be one another across articles (an index can call
    # "the European Union" a group in one article and an organisation in another); people not.
    return "person" if kind == "person" else "body"


@dataclass
class _Group:
    members: list[Member] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    articles: list[str] = field(default_factory=list)


class ActorMerger:
    """Article actors in, story actors out; ``add`` one article at a time, ``story_actors`` at
    the end. Memory grows with the number of distinct actors, not of articles."""

    def __init__(self) -> None:
        self._groups: list[_Group] = []
        # (family, key) -> group index, for each kind of key
        self._by_name: dict[tuple[str, str], int] = {}
        self._by_alias: dict[tuple[str, str], int] = {}
        self._by_initials: dict[tuple[str, str], int] = {}
        self._by_surname: dict[str, set[int]] = {}
        self._of_actor: dict[tuple[str, str], int] = {}

    def add(self, article: str, actors: Iterable[Actor]) -> None:
        for actor in actors:
            group, reason, because = self._match(actor)
            if group is None:
                group = len(self._groups)
                self._groups.append(_Group())
            member = Member(
                article=article,
                actor=actor.id,
                name=actor.name,
                kind=actor.kind,
                reason=reason,
                because=because,
            )
            self._index(actor, group)
            g = self._groups[group]
            g.members.append(member)
            g.names[actor.name] += 1
            g.aliases.update(actor.aliases)
            if article not in g.articles:
                g.articles.append(article)
            self._of_actor[(article, actor.id)] = group

    def group_of(self, article: str, actor: str) -> int | None:
        """The story actor's group index of an article actor: fixed when it is added (a
        later article joins a group, never moves one)."""
        return self._of_actor.get((article, actor))

    def _match(self, actor: Actor) -> tuple[int | None, MergeReason, str | None]:
        family = _family(actor.kind)
        key = norm(actor.name)
        if (g := self._by_name.get((family, key))) is not None:
            return g, "same_name", None
        if (g := self._by_alias.get((family, key))) is not None:
            return g, "alias", actor.name
        for alias in actor.aliases:
            akey = norm(alias)
            for table in (self._by_name, self._by_alias):
                if (g := table.get((family, akey))) is not None:
                    return g, "alias", alias
        own = _acronym_key(actor.name)
        if own and (g := self._by_initials.get((family, own))) is not None:
            return g, "acronym", actor.name
        letters = initials(actor.name)
        if letters and (g := self._by_name.get((family, letters))) is not None:
            return g, "acronym", letters.upper()
        if family == "person" and " " not in key:
            found = set(self._by_surname.get(key, set()))
            if len(found) == 1:
                return found.pop(), "short_name", actor.name
        return None, "first", None

    def _index(self, actor: Actor, group: int) -> None:
        family = _family(actor.kind)
        self._claim(self._by_name, (family, norm(actor.name)), group)
        for alias in actor.aliases:
            self._claim(self._by_alias, (family, norm(alias)), group)
        if letters := initials(actor.name):
            self._claim(self._by_initials, (family, letters), group)
        if family == "person" and len(words := norm(actor.name).split()) >= 2:
            self._by_surname.setdefault(words[-1], set()).add(group)

    def _claim(self, table: dict[tuple[str, str], int], key: tuple[str, str], group: int) -> None:
        # The first group to hold a key keeps it: a later actor of that name joins it.
        table.setdefault(key, group)

    def story_actors(self) -> tuple[list[StoryActor], dict[int, str]]:
        """The story actors in order of first appearance, and each group's story actor id."""
        actors: list[StoryActor] = []
        ids: dict[int, str] = {}
        for index, group in enumerate(self._groups):
            if not group.members:
                continue
            ids[index] = f"S{len(actors) + 1}"
            actors.append(_story_actor(ids[index], group))
        return actors, ids


def _story_actor(actor_id: str, group: _Group) -> StoryActor:
    # The name most articles use; on a tie a full name over an acronym, more words over fewer
    # ("Barack Obama" over "Obama"), then no company suffix ("General Motors" over "... Corp.").
    name = max(
        group.names,
        key=lambda n: (group.names[n], not _acronym_key(n), len(norm(n).split()), -len(n)),
    )
    kinds = Counter(m.kind for m in group.members)
    seen = {name.casefold()}
    aliases = []
    for other in sorted({*group.names, *group.aliases}, key=str.casefold):
        if other.casefold() not in seen:
            seen.add(other.casefold())
            aliases.append(other)
    return StoryActor(
        id=actor_id,
        name=name,
        kind=kinds.most_common(1)[0][0],
        aliases=aliases,
        articles=group.articles,
        members=group.members,
    )


def names_of(actor: StoryActor) -> set[str]:
    """Every comparable form by which a user may ask for ``actor`` (``--actor GM``)."""
    keys = {norm(actor.name), *(norm(a) for a in actor.aliases)}
    for member in actor.members:
        keys.add(norm(member.name))
        if letters := initials(member.name):
            keys.add(letters)
    return keys
