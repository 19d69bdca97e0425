"""What the service is allowed to do: tokens, where jobs live, and every limit, in one object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..paths import data_dir
from .auth import tokens_from_env


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$SUMMARIZER_DATA_DIR``, else ``$XDG_DATA_HOME/summarizer``, else
    ``~/.local/share/summarizer`` (``paths.data_dir``)."""
    return data_dir(env)


@dataclass(frozen=True)
class ServiceConfig:
    """Limits and state for one service process (resolved at start, never at import)."""

    tokens: tuple[str, ...] = field(default=(), repr=False)
    data_dir: Path = field(default_factory=default_data_dir)
    max_body_bytes: int = 10 * 1024 * 1024
    max_batch_articles: int = 1000
    max_jobs_per_token: int = 2
    # Requests in flight to the model per batch job.
    job_concurrency: int = 4
    # Summaries computed at once for POST /v1/summaries (more wait in line).
    max_live_summaries: int = 32
    # Clients that hold a connection without finishing (``server.py``): seconds to send a
    # request's head, from connecting or from the previous answer, and then its body; idle
    # seconds between requests on a kept-alive connection; the largest head; open connections
    # beyond which a request is answered 503.
    header_timeout: float = 10.0
    body_timeout: float = 60.0
    keep_alive_timeout: int = 5
    max_header_bytes: int = 16 * 1024
    max_connections: int = 256

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, **overrides: object) -> ServiceConfig:
        env = os.environ if env is None else env
        base = cls(tokens=tokens_from_env(env), data_dir=default_data_dir(env))
        given = {k: v for k, v in overrides.items() if v is not None}
        config = cls(**{**base.__dict__, **given})
        config.check()
        return config

    def check(self) -> None:
        """Refuse limits that cannot work, naming the flag (``--max-connections 0``, NaN)."""
        for name in ("header_timeout", "body_timeout"):
            if not 0 < getattr(self, name) <= 86_400:  # NaN fails this too
                raise ConfigError(f"--{name.replace('_', '-')} must be above 0 and at most 86400")
        least = {"max_connections": 2, "max_header_bytes": 1024}
        for name in (
            "max_body_bytes",
            "max_batch_articles",
            "max_jobs_per_token",
            "job_concurrency",
            "max_live_summaries",
            "keep_alive_timeout",
            "max_header_bytes",
            "max_connections",
        ):
            if getattr(self, name) < least.get(name, 1):
                flag = f"--{name.replace('_', '-')}"
                raise ConfigError(f"{flag} must be at least {least.get(name, 1)}")

    @property
    def db_path(self) -> Path:
        return self.data_dir / "service.sqlite"

    @property
    def jobs_dir(self) -> Path:
        return self.data_dir / "jobs"
