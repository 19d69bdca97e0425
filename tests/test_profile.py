"""The endpoint profile: which server the settings point at, and what follows from it.

Expected values are written out here (the context sizes as OpenAI publishes them), not read
from the module under test.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from summarizer.batch.openai_batch import BatchEngine
from summarizer.cli import build_parser
from summarizer.cli_shared import settings_from
from summarizer.draft import LARGE, SMALL
from summarizer.endpoint import local_settings
from summarizer.errors import ConfigError, InputError
from summarizer.llm import request_body
from summarizer.local.serve import serve_forever
from summarizer.local.server import LocalServer
from summarizer.profile import known_context, profile_for
from summarizer.prompts import load_prompts
from summarizer.settings import Settings

QWEN = "qwen2.5-coder-1.5b-instruct-q4_k_m"
KEY = {"api_key": "sk-test"}
# What OpenAI and Azure OpenAI have in common (both gpt-4o models here: 128,000 tokens).
HOSTED = {
    "dialect": "openai",
    "token_cap_field": "max_completion_tokens",
    "max_concurrency": None,
    "batch_api": True,
    "timeout": 120.0,
    "context_tokens": 128_000,
    "draft_bounds": LARGE,
}

# name: (settings, then what the profile must say)
PROFILES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "OpenAI, by its key alone": (KEY, {**HOSTED, "kind": "openai", "model": "gpt-4o-mini"}),
    "OpenAI host, gpt-4.1-mini": (
        {**KEY, "base_url": "https://api.openai.com/v1", "model": "gpt-4.1-mini"},
        {"kind": "openai", "dialect": "openai", "context_tokens": 1_047_576},
    ),
    "Azure OpenAI": (
        {**KEY, "base_url": "https://my-res.openai.azure.com/openai/v1", "model": "gpt-4o"},
        {**HOSTED, "kind": "azure", "model": "gpt-4o"},
    ),
    "llama.cpp on its default port": (
        {"base_url": "http://127.0.0.1:8080/v1"},
        {
            "kind": "llamacpp",
            "model": QWEN,
            "dialect": "grammar",
            "token_cap_field": "max_tokens",
            "max_concurrency": None,
            "batch_api": False,
            "timeout": 120.0,
            "context_tokens": None,
            "draft_bounds": LARGE,
        },
    ),
    "vLLM on its default port": (
        {"base_url": "http://gpu-box:8000/v1", "model": "Qwen/Qwen2.5-7B-Instruct"},
        {
            "kind": "vllm",
            "model": "Qwen/Qwen2.5-7B-Instruct",
            "dialect": "grammar",
            "token_cap_field": "max_tokens",
            "batch_api": False,
            "context_tokens": None,
            "draft_bounds": LARGE,
        },
    ),
    "vLLM, declared": (
        {"base_url": "http://gpu-box:9000/v1", "server_kind": "vllm", "context_tokens": 32_768},
        {"kind": "vllm", "batch_api": False, "context_tokens": 32_768},
    ),
    "any other compatible server": (
        {"base_url": "http://127.0.0.1:43210/v1"},
        {"kind": "compatible", "dialect": "grammar", "batch_api": True, "model": QWEN},
    ),
    "the bundled model, before it starts": (
        {},
        {
            "kind": "bundled",
            "model": QWEN,
            "dialect": "llguidance",
            "token_cap_field": "max_tokens",
            "max_concurrency": 1,
            "batch_api": False,
            "timeout": 900.0,
            "default_timeout": 900.0,
            "context_tokens": 8192,
            "draft_bounds": SMALL,
        },
    ),
    "the bundled model, served elsewhere": (
        {"base_url": "http://127.0.0.1:41111/v1", "server_kind": "bundled"},
        {"kind": "bundled", "dialect": "llguidance", "max_concurrency": 1, "timeout": 900.0},
    ),
    "the bundled model, timeout and context chosen": (
        {"timeout": 120.0, "context_tokens": 4096},
        {"kind": "bundled", "timeout": 120.0, "default_timeout": 900.0, "context_tokens": 4096},
    ),
    "a dialect chosen does not change the server": (
        {"base_url": "http://127.0.0.1:43210/v1", "schema_kind": "openai"},
        {"kind": "compatible", "dialect": "openai", "token_cap_field": "max_tokens"},
    ),
    "an OpenAI model with no known context": (
        {**KEY, "model": "o3-mini"},
        {"kind": "openai", "context_tokens": None},
    ),
}


@pytest.mark.parametrize("given, expected", PROFILES.values(), ids=PROFILES.keys())
def test_the_profile_decides(given: dict[str, Any], expected: dict[str, Any]) -> None:
    profile = profile_for(Settings.resolve(env={}, **given))
    assert {name: getattr(profile, name) for name in expected} == expected


def test_the_bundled_server_keeps_its_profile_once_started() -> None:
    started = local_settings(Settings.resolve(env={}), "http://127.0.0.1:45678/v1")
    profile = profile_for(started)
    assert (profile.kind, profile.dialect, profile.model) == ("bundled", "llguidance", QWEN)
    assert (profile.max_concurrency, profile.timeout, profile.draft_bounds) == (1, 900.0, SMALL)
    assert profile.extra_body["cache_prompt"] is False


@pytest.mark.parametrize(
    "model, tokens",
    [
        ("gpt-4o", 128_000),
        ("gpt-4o-mini-2024-07-18", 128_000),
        ("openai/gpt-4.1-nano", 1_047_576),
        ("gpt-3.5-turbo-0125", 16_385),
        ("gpt-3.5-turbo-instruct", 4_096),
        ("GPT-4o", 128_000),
        ("gpt-4omega", None),  # a prefix counts only up to a "-"
        ("gpt-4", None),
        (QWEN, None),
    ],
)
def test_known_context_sizes(model: str, tokens: int | None) -> None:
    assert known_context(model) == tokens


def test_the_bundled_servers_context_is_the_profiles() -> None:
    bundled = profile_for(Settings.resolve(env={})).context_tokens
    assert inspect.signature(LocalServer).parameters["n_ctx"].default == bundled == 8192
    assert inspect.signature(serve_forever).parameters["n_ctx"].default == bundled


@pytest.mark.parametrize(
    "argv, env, expected",
    [
        (["--context-tokens", "32000"], {}, 32_000),
        ([], {"SUMMARIZER_CONTEXT_TOKENS": "16000"}, 16_000),
        (["--context-tokens", "32000"], {"SUMMARIZER_CONTEXT_TOKENS": "16000"}, 32_000),
        ([], {}, 8192),
    ],
)
def test_context_tokens_resolve_like_the_other_settings(
    argv: list[str], env: dict[str, str], expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    args = build_parser().parse_args(["summarize", "x.txt", *argv])
    assert profile_for(settings_from(args)).context_tokens == expected


def test_server_kind_resolves_and_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "http://10.0.0.5:8000/v1"
    args = build_parser().parse_args(["batch", "x", "--base-url", url, "--server-kind", "llamacpp"])
    assert profile_for(settings_from(args)).kind == "llamacpp"
    monkeypatch.setenv("SUMMARIZER_SERVER_KIND", "compatible")
    assert profile_for(Settings.resolve(base_url=url)).kind == "compatible"
    with pytest.raises(ConfigError, match="server kind"):
        Settings.resolve(env={"SUMMARIZER_SERVER_KIND": "ollama"})
    with pytest.raises(ConfigError, match="context_tokens"):
        Settings.resolve(env={}, context_tokens=0)


@pytest.mark.parametrize(
    "given, field, absent",
    [
        (KEY, "max_completion_tokens", "max_tokens"),
        ({"base_url": "http://127.0.0.1:8080/v1"}, "max_tokens", "max_completion_tokens"),
    ],
)
def test_the_request_carries_the_profiles_token_cap(
    given: dict[str, Any], field: str, absent: str
) -> None:
    settings = Settings.resolve(env={}, max_output_tokens=777, **given)
    body = request_body(settings, [{"role": "user", "content": "hi"}], {})
    assert body[field] == 777 and absent not in body


@pytest.mark.parametrize(
    "given, named",
    [
        ({}, "bundled local model"),
        ({"base_url": "http://127.0.0.1:8080/v1"}, "llama.cpp server"),
        ({"base_url": "http://127.0.0.1:8000/v1"}, "vLLM server"),
    ],
)
def test_the_batch_api_engine_refuses_servers_without_it(
    given: dict[str, Any], named: str, tmp_path: Any
) -> None:
    with pytest.raises(InputError, match=named):
        BatchEngine(
            Settings.resolve(env={}, **given), prompts=load_prompts(), output=tmp_path / "o.jsonl"
        )
