"""Shared fixtures: no real sleeps, a clean environment, and replay-only cassettes in CI."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from summarizer import logs, retry

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "trump-putin-call-ukraine.txt"


def load_bench(name: str) -> ModuleType:
    """A script of ``bench/`` as a module, for the tests of its scoring."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look themselves up there)
    spec.loader.exec_module(module)
    return module


DATA = Path(__file__).resolve().parent / "data"

# Headers and body fields that could carry a credential: never written to a cassette.
SECRET_HEADERS = [
    "authorization",
    "api-key",
    "openai-api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
]
SECRET_FIELDS = {"api_key", "apiKey", "key", "token", "access_token"}


@pytest.fixture(autouse=True)
def _no_real_sleep() -> Iterator[None]:
    retry.set_testing(True)
    yield
    retry.set_testing(False)


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """``cli.main`` and ``serve`` configure logging for the process: undone after each test."""
    names = ["", "uvicorn", "uvicorn.error", "uvicorn.access", "httpx2"]
    saved = [
        (lg, lg.level, list(lg.handlers), lg.propagate)
        for lg in (logging.getLogger(n) for n in names)
    ]
    yield
    for lg, level, handlers, propagate in saved:
        lg.setLevel(level)
        lg.propagate = propagate
        if lg is logging.getLogger():  # pytest's own capture handlers come and go on the root
            for ours in [h for h in lg.handlers if isinstance(h, logs.StderrHandler)]:
                lg.removeHandler(ours)
        else:
            lg.handlers[:] = handlers


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's key, server or tuning."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")):
            monkeypatch.delenv(name, raising=False)


def _scrub_body(request: Any) -> Any:
    """Drop key-bearing JSON body fields before a request is written to a cassette."""
    body = request.body
    if body:
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return request
        if isinstance(data, dict) and SECRET_FIELDS & set(data):
            for key in SECRET_FIELDS & set(data):
                data[key] = "REDACTED"
            request.body = json.dumps(data).encode()
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS:
            del headers[name]
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """Replay-only unless `--record-mode` says otherwise (pytest-recording's default: none)."""
    return {
        "filter_headers": [(h, None) for h in SECRET_HEADERS],
        "before_record_request": _scrub_body,
        "before_record_response": _scrub_response,
        "match_on": ["method", "uri", "body"],
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
