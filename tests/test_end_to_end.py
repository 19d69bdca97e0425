"""The CLI on the seed article, replaying real model output recorded from the local server.

Recording (only when prompts, schema or settings change; needs the `local` extra):

    summarizer local serve --port 8765 &
    python -m pytest tests/test_end_to_end.py --record-mode=rewrite

Replay is the default (`--record-mode=none`), so these tests never touch the network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from summarizer import cli, local
from summarizer.schema import ArticleSummary
from tests.conftest import ROOT, SEED

# The fixed address the cassettes were recorded against (`summarizer local serve --port 8765`).
RECORDED_URL = "http://127.0.0.1:8765/v1"


class RecordedLocalServer:
    """Stands in for ``local.LocalServer``: "serves" the bundled model at the recorded address,
    where the cassette answers, instead of loading it on a fresh port."""

    started: ClassVar[list[Path]] = []

    def __init__(self, model_path: Path | str, **options: object) -> None:
        self.model_path = Path(model_path)

    def __enter__(self) -> str:
        self.started.append(self.model_path)
        return RECORDED_URL

    def __exit__(self, *exc: object) -> None:
        pass


@pytest.fixture
def recorded_local_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The offline default path (no key, no base URL: ``summarize`` opens the bundled model
    through ``endpoint.open_endpoint``), its server replaced by the recorded one. Only the
    local model's seam is patched; the CLI and ``summarize`` run as they are."""
    model = tmp_path / "model.gguf"
    monkeypatch.setattr(local, "ensure_model", lambda: model)
    monkeypatch.setattr(local, "LocalServer", RecordedLocalServer)
    RecordedLocalServer.started.clear()
    yield
    assert RecordedLocalServer.started == [model], "the bundled model was opened once"


@pytest.mark.vcr
@pytest.mark.usefixtures("recorded_local_server")
def test_seed_from_cassette(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "summary.json"
    code = cli.main(["summarize", str(SEED), "--published", "2025-03-17", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    result = ArticleSummary.model_validate_json(out.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    assert result.article.text == text
    assert result.quotes, "the seed has 13 quotations"
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
    for p in result.positions:
        for e in p.evidence:
            assert text[e.start : e.end] == e.text
    for ev in result.timeline:
        assert ev.excerpt is not None and text[ev.excerpt.start : ev.excerpt.end] == ev.excerpt.text
        if ev.date:  # the date lies in the event's own sentence, by construction
            assert text[ev.date.start : ev.date.end] == ev.date.text
            assert ev.excerpt.start <= ev.date.start < ev.date.end <= ev.excerpt.end
    assert all(q.decided_by is not None for q in result.quotes if q.speaker)
    # Positions: each on a topic of the article, in the holder's own words, never cut.
    topics = {t.id for t in result.topics}
    assert result.positions and all(p.topic_id in topics for p in result.positions)
    # The sample's issues, read off the words its views share: several, each written in it,
    # and positions on at least five of them (the story alone would be one).
    assert all(t.label in text for t in result.topics)
    assert len({p.topic_id for p in result.positions}) >= 5
    # "the Kremlin revealed …" is Russia's: one holder, not two.
    holders = {a.id: a.name for a in result.actors}
    assert "Kremlin" not in {holders[p.holder] for p in result.positions}
    for p in result.positions:
        assert p.view_from == "holder" and not re.search(r"\[[SQD]\d", p.stance)
        bare = p.stance.rstrip("…”")
        at = text.find(bare)
        assert at >= 0 and not (text[at + len(bare)].isalnum() and bare[-1].isalnum())
    # Three to five key points, each finished (none lost at its bound), each on its sentences.
    assert 3 <= len(result.summary.key_points) <= 5
    assert not [w for w in result.warnings if w.path.startswith("$.summary.key_points")]
    for point in result.summary.key_points:
        assert point.evidence and all(text[e.start : e.end] == e.text for e in point.evidence)
    assert not {w.code for w in result.warnings} & {"ungrounded_excerpt", "date_outside_excerpt"}
    assert result.provenance.server == RECORDED_URL
    assert result.provenance.schema_kind == "llguidance"  # compact JSON from the bundled server
    assert result.provenance.attempts >= 1
    assert result.provenance.usage.total_tokens > 0


SECRET_PATTERNS = [
    re.compile(r"sk-[A-Za-z0-9_-]{16,}"),
    re.compile(r"Bearer\s+[A-Za-z0-9._~+/-]{8,}", re.I),
    re.compile(
        r"^\s*-?\s*['\"]?(authorization|api-key|x-api-key|openai-api-key)['\"]?\s*:", re.I | re.M
    ),
    re.compile(r"['\"]api_key['\"]\s*:\s*['\"][^'\"]{4,}", re.I),
]


def test_cassettes_hold_no_secrets() -> None:
    files = sorted((ROOT / "cassettes").rglob("*.yaml"))
    assert files, "expected recorded cassettes in cassettes/"
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern in SECRET_PATTERNS:
            match = pattern.search(text)
            assert match is None, f"{path.relative_to(ROOT)} holds a secret-like {match.group(0)!r}"


def test_secret_scan_catches_a_leak() -> None:
    leaked = "headers:\n  authorization:\n  - Bearer sk-abcdefghijklmnopqrstuvwx\n"
    assert any(p.search(leaked) for p in SECRET_PATTERNS)
    assert SECRET_PATTERNS[3].search(json.dumps({"api_key": "abcd1234"}))
