"""SUMMARIZER_CACHE_DIR and XDG_CACHE_HOME mean the same to the model cache and the result cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.batch.cache import default_cache_path
from summarizer.local import default_cache_dir


@pytest.mark.parametrize(
    ("own", "xdg", "expected"),
    [
        ("{tmp}/own", "{tmp}/xdg", "{tmp}/own"),  # ours wins
        (None, "{tmp}/xdg", "{tmp}/xdg/summarizer"),
        (None, None, "{home}/.cache/summarizer"),
        ("", "", "{home}/.cache/summarizer"),  # empty means unset
        (None, "relative/xdg", "{home}/.cache/summarizer"),  # the XDG spec: ignore relative
        ("~/elsewhere", None, "{home}/elsewhere"),
    ],
)
def test_both_caches_follow_one_rule(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    own: str | None,
    xdg: str | None,
    expected: str,
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for name, value in (("SUMMARIZER_CACHE_DIR", own), ("XDG_CACHE_HOME", xdg)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value.format(tmp=tmp_path))
    folder = Path(expected.format(tmp=tmp_path, home=home))
    assert default_cache_dir() == folder
    assert default_cache_path() == folder / "batch-cache.sqlite"
