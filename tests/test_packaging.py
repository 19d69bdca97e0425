"""The built package: the sdist and the wheel made from it carry everything a user's install needs.

Builds from a copy of the sources (so the checkout gains no build/ or egg-info) without build
isolation, with the setuptools the dev extra installs: about 5 s. ``.ci/run`` then installs a
wheel into a fresh virtualenv and runs the CLI there (``.ci/smoke.py``).
"""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "summarizer"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(PACKAGE, src / "summarizer", ignore=ignore)
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def _source_files() -> set[str]:
    files = set()
    for path in PACKAGE.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            files.add(path.relative_to(ROOT).as_posix())
    return files


def test_wheel_holds_every_module_and_data_file(dist: Path) -> None:
    (wheel,) = dist.glob("summarizer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "summarizer/py.typed",
        "summarizer/prompt_files/system.md",
        "summarizer/prompt_files/user.md",
        "summarizer/prompt_files/reask.md",
        "summarizer/prompt_files/combine.md",
        "summarizer/review/templates/review.css",
        "summarizer/review/templates/article.html",
        "summarizer/index/given_names.txt",
        "summarizer/index/word_lists/title_heads.txt",
        "summarizer/index/word_lists/countries.txt",
    ):
        assert required in names, required
    # Every file of the package directory is shipped: modules, namespace packages, data.
    assert _source_files() - names == set()


def test_sdist_builds_the_same_wheel(dist: Path) -> None:
    (sdist,) = dist.glob("summarizer-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert _source_files() - names == set()


def test_wheel_metadata_declares_the_extras(dist: Path) -> None:
    (wheel,) = dist.glob("summarizer-*.whl")
    with zipfile.ZipFile(wheel) as z:
        meta_name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(z.read(meta_name))
        entry_points = z.read(meta_name.replace("METADATA", "entry_points.txt")).decode()
    assert {"local", "serve", "all", "dev"} <= set(meta.get_all("Provides-Extra") or [])
    requires = meta.get_all("Requires-Dist") or []
    core = [r for r in requires if "extra ==" not in r]
    assert not [r for r in core if r.startswith(("xllamacpp", "fastapi", "uvicorn"))]
    (runtime,) = [r for r in requires if r.startswith("xllamacpp")]  # pinned in one place
    assert "==" in runtime and runtime.endswith('extra == "llama"')
    assert "summarizer = summarizer.cli:main" in entry_points
