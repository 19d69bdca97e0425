"""``summarizer index --explain``: the rule behind each actor, mention and speaker cue."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import cli
from summarizer.index import index_article
from summarizer.index.rules import ACTOR_RULES, SPEAKER_RULES

SEED = Path(__file__).resolve().parents[1] / "seeds" / "trump-putin-call-ukraine.txt"


def test_cli_index_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["index", str(SEED), "--published", "2025-03-17", "--explain"])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    index = index_article(SEED.read_text(encoding="utf-8"), published="2025-03-17")
    assert lines[0] == f"actors ({len(index.actors)})"
    first = index.actors[0]
    assert f"  {first.id} {first.name} ({first.kind}, {first.title}): {first.rule}" in lines
    mention = first.mentions[0]
    assert (
        f"    {mention.text!r} [{mention.start}:{mention.end}] {mention.kind}: {mention.rule}"
        in (lines)
    )
    cue = index.speakers[0]
    assert any(
        line.startswith(f"  {cue.target} → ") and line.endswith(f": {cue.rule}") for line in lines
    )
    # the legend explains each rule used
    assert f"  {ACTOR_RULES[first.rule].explain()}" in lines
    assert f"  {SPEAKER_RULES[cue.rule].explain()}" in lines
