"""summarizer: structured, verified summaries of news articles.

``summarize(text, published=...)`` returns an ``ArticleSummary``: summary, actors, positions
with grounded evidence, a timeline with resolved dates, attributed quotes, provenance and
warnings. Everything the model wrote has been validated and located in the article.
``asummarize`` is the same for asyncio; many articles at once: ``summarize_many`` and
``asummarize_many`` (from ``summarizer.batch``, loaded when first used). A batch's results
file (or its summaries) becomes one dated timeline per actor with ``build_timelines``, which
returns ``StoryTimelines`` (from ``summarizer.story``, loaded when first used).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from .article import Article, load_article, make_article, refuse_file_name
from .endpoint import open_endpoint
from .errors import (
    BudgetExceededError,
    ConfigError,
    ContextLengthError,
    InputError,
    InvalidOutputError,
    LocalServerError,
    MissingExtraError,
    ModelError,
    PromptError,
    SummarizerError,
    TransportError,
    TransportTimeoutError,
)
from .index import ArticleIndex, index_article
from .pipeline import summarize_article
from .profile import profile_for
from .schema import SCHEMA_VERSION, ArticleSummary
from .settings import SettingOverrides, Settings
from .version import package_version
from .web import load_url

if TYPE_CHECKING:
    from .batch import asummarize_many, summarize_many
    from .story.build import build_timelines
    from .story.model import StoryTimelines

__version__ = package_version()

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "ArticleIndex",
    "ArticleSummary",
    "BudgetExceededError",
    "ConfigError",
    "ContextLengthError",
    "InputError",
    "InvalidOutputError",
    "LocalServerError",
    "MissingExtraError",
    "ModelError",
    "PromptError",
    "Settings",
    "StoryTimelines",
    "SummarizerError",
    "TransportError",
    "TransportTimeoutError",
    "asummarize",
    "asummarize_many",
    "build_timelines",
    "index_article",
    "load_article",
    "load_url",
    "make_article",
    "summarize",
    "summarize_many",
]


def summarize(
    article: str | Path | Article,
    *,
    published: dt.date | str | None = None,
    title: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
    **overrides: Unpack[SettingOverrides],
) -> ArticleSummary:
    """Summarise one article and return the validated result.

    ``article`` is the text, an ``Article``, or a ``Path`` to a file (``.txt .md .html .json``,
    read by ``load_article``; ``title``, ``published`` and ``source`` win over what the file
    says). A one-line string naming an existing file is refused with ``InputError``: pass a
    ``Path`` (or ``load_article(name)``) to summarise the file, not its name.

    The setting keywords (``model=``, ``base_url=``, ``api_key=``, ``timeout=``, ...: every
    field of ``Settings``, typed by ``SettingOverrides``) override the environment
    (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``SUMMARIZER_*``); ``settings=`` replaces both.
    With neither a key nor a base URL the bundled local model is used.

    ``progress``, when given, is called with one short line before each slow step, for a
    person watching: ``"loading the bundled model…"`` or ``"opening <server>…"``, then
    ``"asking the model (<model>)…"`` (the command line's status line).

    The summary's ``article.id`` is the article's content hash (``article_id``): the same text
    gets the same id however it was given.
    """
    settings = settings or Settings.resolve(**overrides)
    article = _as_article(
        article, title=title, published=published, source=source, settings=settings
    )
    if progress is not None:
        profile = profile_for(settings)
        local = settings.base_url is None and profile.kind == "bundled"
        progress("loading the bundled model…" if local else f"opening {profile.label}…")
    with open_endpoint(settings) as live:
        if progress is not None:
            progress(f"asking the model ({profile_for(live).model})…")
        return summarize_article(article, live)


async def asummarize(
    article: str | Path | Article,
    *,
    published: dt.date | str | None = None,
    title: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
    **overrides: Unpack[SettingOverrides],
) -> ArticleSummary:
    """``summarize`` for asyncio: ``summary = await asummarize(text, published=...)``.

    The whole run (model call, retries, re-asks, grounding) happens in a worker thread, so the
    event loop stays free; the arguments and errors are those of ``summarize``. A cancelled
    await stops waiting, but a request already sent finishes in its thread. ``progress`` is
    called from that thread.
    """
    return await asyncio.to_thread(
        functools.partial(
            summarize,
            article,
            published=published,
            title=title,
            source=source,
            settings=settings,
            progress=progress,
            **overrides,
        )
    )


def _as_article(
    article: str | Path | Article,
    *,
    title: str | None,
    published: dt.date | str | None,
    source: str | None,
    settings: Settings,
) -> Article:
    if isinstance(article, Article):
        return article
    if isinstance(article, Path):
        return load_article(
            article, title=title, published=published, source=source, max_chars=settings.max_chars
        )
    if not isinstance(article, str):
        raise InputError(f"an article is a str, a Path or an Article, not {type(article).__name__}")
    refuse_file_name(article)
    return make_article(
        article, title=title, published=published, source=source, max_chars=settings.max_chars
    )


def __getattr__(name: str) -> Any:
    # Lazy: many articles at once live in ``summarizer.batch``, and timelines across them in
    # ``summarizer.story``, edges the core never loads.
    if name in ("summarize_many", "asummarize_many"):
        from . import batch

        return getattr(batch, name)
    if name == "build_timelines":
        from .story.build import build_timelines

        return build_timelines
    if name == "StoryTimelines":
        from .story.model import StoryTimelines

        return StoryTimelines
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
