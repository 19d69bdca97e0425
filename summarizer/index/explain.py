"""Why the index holds what it holds: each actor, mention, speaker cue and stance holder with
the rule that made it (``summarizer index --explain``), then what those rules find."""

from __future__ import annotations

from collections.abc import Iterator

from . import ArticleIndex
from .rules import ACTOR_RULES, SPEAKER_RULES
from .units import ActorRule, SpeakerCue, SpeakerRule


def explain_index(index: ArticleIndex) -> list[str]:
    """Human-readable lines, one per actor, mention and cue, then a legend of the rules used."""
    lines: list[str] = [f"actors ({len(index.actors)})"]
    actor_rules: set[ActorRule] = set()
    for a in index.actors:
        title = f", {a.title}" if a.title else ""
        lines.append(f"  {a.id} {a.name} ({a.kind}{title}): {a.rule}")
        actor_rules.add(a.rule)
        for m in a.mentions:
            lines.append(f"    {_span(m.text, m.start, m.end)} {m.kind}: {m.rule}")
            actor_rules.add(m.rule)
    speaker_rules: set[SpeakerRule] = set()
    for label, cues in (("speaker cues", index.speakers), ("stance holders", index.holders)):
        lines.append(f"{label} ({len(cues)})")
        for c in cues:
            lines.append(f"  {_cue(index.text, c)}")
            speaker_rules.add(c.rule)
    lines.append("rules")
    lines.extend(_legend(actor_rules, speaker_rules))
    return lines


def _span(text: str, start: int, end: int) -> str:
    return f"{text!r} [{start}:{end}]"


def _cue(text: str, c: SpeakerCue) -> str:
    who = f"{c.actor} {c.name}" if c.actor else f"{c.name} (no actor)"
    words = text[c.start : c.end]
    return f"{c.target} → {who}, from {_span(words, c.start, c.end)}: {c.rule}"


def _legend(actor_rules: set[ActorRule], speaker_rules: set[SpeakerRule]) -> Iterator[str]:
    for a in ACTOR_RULES:
        if a.name in actor_rules:
            yield f"  {a.explain()}"
    for s in SPEAKER_RULES:
        if s.name in speaker_rules:
            yield f"  {s.explain()}"


__all__ = ["explain_index"]
