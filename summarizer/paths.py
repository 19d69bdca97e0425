"""Where summarizer keeps files between runs: one rule, for the model cache and the result cache.

``$SUMMARIZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/summarizer``, else ``~/.cache/summarizer``;
read at call time, so tests and callers can redirect it with the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_ENV = "SUMMARIZER_CACHE_DIR"


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    own = os.environ.get(CACHE_DIR_ENV, "").strip()
    if own:
        return Path(own).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    # The XDG spec: a relative path in XDG_CACHE_HOME is invalid and must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "summarizer"
