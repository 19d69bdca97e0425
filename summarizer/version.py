"""The package's version, as installed: one source for ``__version__``, ``--version`` and the
service's OpenAPI document (``pyproject.toml`` holds the number; nothing here repeats it)."""

from __future__ import annotations

import functools
from importlib import metadata

UNKNOWN = "0+unknown"


@functools.cache
def package_version() -> str:
    """The installed distribution's version; ``0+unknown`` when run from a bare source tree."""
    try:
        return metadata.version("summarizer")
    except metadata.PackageNotFoundError:
        return UNKNOWN
