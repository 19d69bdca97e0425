"""A local SQLite cache of finished summaries, so a second run over the same inputs is free.

The key is everything that can change the answer: the article (its text hash and the
metadata the prompt shows), the prompt set and version, the output schema version, the model
and the generation settings. Change any of them and the cache misses; nothing else matters,
so a renamed file or a different batch still hits. Only successful summaries are stored:
failures are worth retrying.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

from ..article import Article
from ..paths import cache_dir
from ..profile import EndpointProfile, generation_settings, profile_for
from ..prompts import PromptSet
from ..schema import SCHEMA_VERSION, ArticleSummary
from ..settings import Settings


def default_cache_path() -> Path:
    """``batch-cache.sqlite`` in the package's cache folder (``paths.cache_dir``)."""
    return cache_dir() / "batch-cache.sqlite"


def cache_key(
    article: Article,
    settings: Settings,
    prompts: PromptSet,
    profile: EndpointProfile | None = None,
) -> str:
    """The key of one article's summary under these settings (``profile``: theirs, if known)."""
    profile = profile or profile_for(settings)
    parts = {
        "article": article.id,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "language": article.language,
        "prompt": [prompts.name, prompts.version],
        "schema": SCHEMA_VERSION,
        "model": profile.model,
        "generation": generation_settings(settings, profile),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class SummaryCache:
    """Thread-safe: one connection, one lock; WAL so a reader never blocks a writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS summaries ("
            " key TEXT PRIMARY KEY, summary TEXT NOT NULL, created REAL NOT NULL)"
        )
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> ArticleSummary | None:
        with self._lock:
            row = self._db.execute("SELECT summary FROM summaries WHERE key = ?", (key,)).fetchone()
            if row is None:
                self.misses += 1
                return None
            self.hits += 1
        return ArticleSummary.model_validate_json(row[0])

    def put(self, key: str, summary: ArticleSummary) -> None:
        data = summary.model_dump_json()
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO summaries (key, summary, created) VALUES (?, ?, ?)",
                (key, data, time.time()),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> SummaryCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
