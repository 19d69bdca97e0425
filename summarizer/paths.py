"""Where summarizer keeps files between runs: one rule for the caches, one for the service's data.

Cache (the model, the result cache): ``$SUMMARIZER_CACHE_DIR``, else
``$XDG_CACHE_HOME/summarizer``, else ``~/.cache/summarizer``. Data (the service's jobs):
``$SUMMARIZER_DATA_DIR``, else ``$XDG_DATA_HOME/summarizer``, else
``~/.local/share/summarizer``. Read at call time, so tests and callers can redirect them with the
environment; a flag (``serve --data-dir``) wins over both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

CACHE_DIR_ENV = "SUMMARIZER_CACHE_DIR"
DATA_DIR_ENV = "SUMMARIZER_DATA_DIR"


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """The cache folder (not created here)."""
    return _folder(env, CACHE_DIR_ENV, "XDG_CACHE_HOME", Path(".cache"))


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The data folder (not created here)."""
    return _folder(env, DATA_DIR_ENV, "XDG_DATA_HOME", Path(".local", "share"))


def _folder(env: Mapping[str, str] | None, own_var: str, xdg_var: str, home_default: Path) -> Path:
    env = os.environ if env is None else env
    own = env.get(own_var, "").strip()
    if own:
        return Path(own).expanduser()
    xdg = env.get(xdg_var, "").strip()
    # The XDG spec: a relative path in an XDG_*_HOME variable is invalid and must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / home_default
    return base / "summarizer"
