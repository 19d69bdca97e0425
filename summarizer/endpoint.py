"""Where the model runs: the configured server, or the bundled local model when none is.

This is the only core module that reaches the local server, and only lazily, so a run against
a remote server never imports or starts llama.cpp.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from .profile import profile_for
from .settings import Settings


def local_settings(settings: Settings, base_url: str) -> Settings:
    """Settings for a bundled-model server of ours at ``base_url``: its profile gives the rest
    (compact llguidance JSON, deterministic decoding, its timeout, one request at a time)."""
    return replace(settings, base_url=base_url, api_key=None, server_kind="bundled")


@contextmanager
def open_endpoint(settings: Settings) -> Iterator[Settings]:
    """Yield settings pointing at a live server; a local one is stopped on exit."""
    if settings.base_url is not None or profile_for(settings).kind != "bundled":
        yield settings
        return
    from .local import LocalServer, ensure_model

    model_path = ensure_model()
    with LocalServer(model_path) as base_url:
        yield local_settings(settings, base_url)
