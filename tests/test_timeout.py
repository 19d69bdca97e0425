"""An explicit timeout is kept; only an unchosen one becomes the server's default (900 s for the
bundled model), whether chosen by flag, environment or constructor."""

from __future__ import annotations

import pytest

from summarizer.cli import build_parser
from summarizer.cli_shared import settings_from
from summarizer.endpoint import local_settings
from summarizer.llm import make_client
from summarizer.profile import profile_for
from summarizer.settings import Settings

LOCAL_URL = "http://127.0.0.1:8765/v1"


def client_timeout(settings: Settings) -> float | None:
    """The read timeout the HTTP client is really built with."""
    client = make_client(settings)
    try:
        return client.timeout.read  # type: ignore[union-attr]
    finally:
        client.close()


def test_unchosen_timeout_is_the_servers_default() -> None:
    settings = Settings.resolve(env={})
    assert settings.timeout is None
    assert client_timeout(local_settings(settings, LOCAL_URL)) == 900.0
    remote = Settings.resolve(env={}, base_url="http://127.0.0.1:9/v1")
    assert client_timeout(remote) == 120.0


@pytest.mark.parametrize(
    "settings",
    [
        Settings.resolve(env={}, timeout=120.0),
        Settings.resolve(env={"SUMMARIZER_TIMEOUT": "120"}),
        Settings(timeout=120.0),
    ],
    ids=["flag", "environment", "constructor"],
)
def test_explicit_120_stays_120(settings: Settings) -> None:
    assert profile_for(local_settings(settings, LOCAL_URL)).timeout == 120.0
    assert client_timeout(local_settings(settings, LOCAL_URL)) == 120.0


@pytest.mark.parametrize("command", [["summarize", "x.txt"], ["batch", "x.txt"], ["serve"]])
def test_cli_timeout_120_stays_120(command: list[str]) -> None:
    args = build_parser().parse_args([*command, "--timeout", "120"])
    assert client_timeout(local_settings(settings_from(args), LOCAL_URL)) == 120.0
    args = build_parser().parse_args([*command, "--timeout", "30"])
    assert client_timeout(local_settings(settings_from(args), LOCAL_URL)) == 30.0
    args = build_parser().parse_args(command)
    assert client_timeout(local_settings(settings_from(args), LOCAL_URL)) == 900.0
