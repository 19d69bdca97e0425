"""The HTTP service: ``summarizer serve`` (an edge of the package; the core never imports it).

``app.py`` builds the FastAPI app (routes, problem documents, limits, access log), ``auth.py``
checks bearer tokens, ``jobs.py`` keeps batch jobs in SQLite and runs them with the batch
engine, ``cli.py`` wires the command. Everything a caller tunes is in ``ServiceConfig``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServiceConfig", "create_app"]


def __getattr__(name: str) -> Any:
    # Lazy: the CLI registers ``serve`` on every run and must not pay for importing FastAPI.
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "ServiceConfig":
        from .config import ServiceConfig

        return ServiceConfig
    raise AttributeError(name)
