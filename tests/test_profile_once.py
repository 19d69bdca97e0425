"""The endpoint profile is decided once per article and travels with the request."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

import summarizer.profile
from summarizer.article import make_article
from summarizer.pipeline import summarize_article
from summarizer.profile import EndpointProfile
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, completion


def count_profile_calls(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """Every call of ``profile_for``, wherever a module imported it from."""
    original = summarizer.profile.profile_for
    calls: list[Settings] = []

    def counted(settings: Settings) -> EndpointProfile:
        calls.append(settings)
        return original(settings)

    for name, module in list(sys.modules.items()):
        if name == "summarizer" or name.startswith("summarizer."):
            found: Callable[..., Any] | None = getattr(module, "profile_for", None)
            if found is original:
                monkeypatch.setattr(module, "profile_for", counted)
    return calls


def test_profile_for_runs_once_per_article(
    monkeypatch: pytest.MonkeyPatch, seed_text: str, seed_draft: str
) -> None:
    with FakeOpenAI() as fake:
        fake.enqueue(completion(seed_draft))
        settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
        calls = count_profile_calls(monkeypatch)
        result = summarize_article(make_article(seed_text, published="2025-03-17"), settings)
    assert result.quotes, "the seed was summarised"
    assert len(calls) == 1
