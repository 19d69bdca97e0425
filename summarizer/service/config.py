"""What the service is allowed to do: tokens, where jobs live, and every limit, in one object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .auth import tokens_from_env

DATA_DIR_ENV = "SUMMARIZER_DATA_DIR"


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV])
    return Path.home() / ".local" / "share" / "summarizer"


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

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, **overrides: object) -> ServiceConfig:
        env = os.environ if env is None else env
        base = cls(tokens=tokens_from_env(env), data_dir=default_data_dir(env))
        given = {k: v for k, v in overrides.items() if v is not None}
        return cls(**{**base.__dict__, **given})

    @property
    def db_path(self) -> Path:
        return self.data_dir / "service.sqlite"

    @property
    def jobs_dir(self) -> Path:
        return self.data_dir / "jobs"
