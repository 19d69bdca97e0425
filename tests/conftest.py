"""Shared fixtures: no real sleeps, a clean environment, and replay-only cassettes in CI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import retry

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "trump-putin-call-ukraine.txt"
DATA = Path(__file__).resolve().parent / "data"

# Headers and body fields that could carry a credential: never written to a cassette.
SECRET_HEADERS = ["authorization", "api-key", "openai-api-key", "x-api-key", "openai-organization",
                  "openai-project", "cookie", "set-cookie"]


@pytest.fixture(autouse=True)
def _no_real_sleep() -> Iterator[None]:
    retry.set_testing(True)
    yield
    retry.set_testing(False)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's key, server or tuning."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": [(h, None) for h in SECRET_HEADERS],
        "match_on": ["method", "uri", "body"],
        "record_mode": "none" if os.environ.get("CI") else "once",
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(ROOT / "cassettes")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_draft() -> str:
    return (DATA / "seed_draft.json").read_text(encoding="utf-8")
