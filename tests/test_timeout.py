"""An explicit timeout is kept; only an unchosen one becomes the local model's longer one."""

from __future__ import annotations

import pytest

from summarizer.cli import build_parser
from summarizer.cli_shared import settings_from
from summarizer.endpoint import LOCAL_TIMEOUT, local_settings
from summarizer.settings import Settings

LOCAL_URL = "http://127.0.0.1:8765/v1"


def test_unchosen_timeout_becomes_the_local_one() -> None:
    settings = Settings.resolve(env={})
    assert settings.timeout == 120.0
    assert local_settings(settings, LOCAL_URL).timeout == LOCAL_TIMEOUT == 900.0


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
    assert local_settings(settings, LOCAL_URL).timeout == 120.0


def test_cli_timeout_120_stays_120() -> None:
    args = build_parser().parse_args(["summarize", "x.txt", "--timeout", "120"])
    assert local_settings(settings_from(args), LOCAL_URL).timeout == 120.0
    args = build_parser().parse_args(["summarize", "x.txt", "--timeout", "30"])
    assert local_settings(settings_from(args), LOCAL_URL).timeout == 30.0
