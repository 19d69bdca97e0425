"""Issue 25's conventions: what a user of a command-line tool, a library or a service expects
to find (``--version``, log levels, ISO timestamps, ``Retry-After``, XDG folders, quiet broken
pipes, fast failure when nothing listens, the served model, typed keywords, a status line)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

import summarizer
from summarizer import cli, version
from summarizer.service.app import create_app
from summarizer.service.config import ServiceConfig
from summarizer.settings import Settings

# 1. The version ------------------------------------------------------------------------------


def test_version_flag_and_attribute_are_the_installed_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    installed = metadata.version("summarizer")
    assert summarizer.__version__ == installed
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"summarizer {installed}"


def test_version_without_installed_metadata_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    version.package_version.cache_clear()
    try:
        assert version.package_version() == "0+unknown"
    finally:
        version.package_version.cache_clear()


def test_openapi_version_is_the_package_version(tmp_path: Path) -> None:
    app = create_app(ServiceConfig(data_dir=tmp_path), Settings(base_url="http://127.0.0.1:1/v1"))
    assert app.openapi()["info"]["version"] == metadata.version("summarizer")
