"""summarizer: structured, verified summaries of news articles.

``summarize(text, published=...)`` returns an ``ArticleSummary``: summary, actors, positions
with grounded evidence, a timeline with resolved dates, attributed quotes, provenance and
warnings. Everything the model wrote has been validated and located in the article.
``asummarize`` is the same for asyncio; many articles at once: ``summarizer.batch``
(``summarize_many``, ``asummarize_many``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from .article import Article, load_article, make_article
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
from .schema import SCHEMA_VERSION, ArticleSummary
from .settings import Settings
from .version import package_version

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
    "SummarizerError",
    "TransportError",
    "TransportTimeoutError",
    "asummarize",
    "index_article",
    "load_article",
    "make_article",
    "summarize",
]


def summarize(
    article: str | Article,
    *,
    published: object = None,
    title: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
    **overrides: Any,
) -> ArticleSummary:
    """Summarise one article (text or ``Article``) and return the validated result.

    ``overrides`` are settings such as ``model=``, ``base_url=``, ``api_key=``; anything not
    given comes from the environment (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``,
    ``SUMMARIZER_*``). With neither a key nor a base URL the bundled local model is used.
    """
    settings = settings or Settings.resolve(**overrides)
    if isinstance(article, str):
        article = make_article(
            article, title=title, published=published, source=source, max_chars=settings.max_chars
        )
    with open_endpoint(settings) as live:
        return summarize_article(article, live)


async def asummarize(
    article: str | Article,
    *,
    published: object = None,
    title: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
    **overrides: Any,
) -> ArticleSummary:
    """``summarize`` for asyncio: ``summary = await asummarize(text, published=...)``.

    The whole run (model call, retries, re-asks, grounding) happens in a worker thread, so the
    event loop stays free; the arguments and errors are those of ``summarize``. A cancelled
    await stops waiting, but a request already sent finishes in its thread.
    """
    return await asyncio.to_thread(
        summarize,
        article,
        published=published,
        title=title,
        source=source,
        settings=settings,
        **overrides,
    )
