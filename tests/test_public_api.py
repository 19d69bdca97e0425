"""The curated public API: exactly these names, typed (py.typed), and an async entry point."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from importlib import resources

import pytest

import summarizer
from summarizer import ArticleSummary, asummarize
from summarizer.errors import InputError, TransportError
from tests.fakes import FakeOpenAI, completion, error

PUBLIC_API = {
    # summarise
    "summarize",
    "asummarize",
    "summarize_many",
    "asummarize_many",
    "Settings",
    # articles
    "Article",
    "load_article",
    "load_url",
    "make_article",
    # the article index (before any model)
    "index_article",
    "ArticleIndex",
    # the result
    "ArticleSummary",
    "SCHEMA_VERSION",
    # a batch's results as one timeline per actor
    "build_timelines",
    "StoryTimelines",
    # errors
    "SummarizerError",
    "InputError",
    "ConfigError",
    "MissingExtraError",
    "PromptError",
    "LocalServerError",
    "ModelError",
    "TransportError",
    "TransportTimeoutError",
    "ContextLengthError",
    "InvalidOutputError",
    "BudgetExceededError",
}


def test_all_is_exactly_the_public_api() -> None:
    assert set(summarizer.__all__) == PUBLIC_API
    assert len(summarizer.__all__) == len(PUBLIC_API)  # no name listed twice
    for name in PUBLIC_API:
        assert getattr(summarizer, name) is not None, name


def test_every_error_is_a_summarizer_error() -> None:
    for name in PUBLIC_API:
        value = getattr(summarizer, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, summarizer.SummarizerError), name


def test_the_package_is_marked_typed() -> None:
    assert resources.files("summarizer").joinpath("py.typed").is_file()


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def test_asummarize_one_article(fake: FakeOpenAI, seed_text: str, seed_draft: str) -> None:
    fake.enqueue(completion(seed_draft))

    async def main() -> tuple[ArticleSummary, int]:
        ticks = 0

        async def ticker() -> None:  # the loop keeps running while the article is summarised
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.001)

        task = asyncio.create_task(ticker())
        result = await asummarize(
            seed_text, published="2025-03-17", base_url=fake.base_url, api_key="sk-test"
        )
        task.cancel()
        return result, ticks

    result, ticks = asyncio.run(main())
    assert isinstance(result, ArticleSummary)
    assert result.article.published is not None
    assert result.article.published.isoformat() == "2025-03-17"
    assert result.quotes and all(
        result.article.text[q.start : q.end] == q.text for q in result.quotes
    )
    assert len(fake.requests) == 1 and ticks > 0


def test_asummarize_raises_the_library_errors(fake: FakeOpenAI) -> None:
    fake.enqueue(error(400, "bad request"))
    with pytest.raises(TransportError, match="HTTP 400"):
        asyncio.run(asummarize("Some article text.", base_url=fake.base_url, api_key="k"))
    with pytest.raises(InputError):
        asyncio.run(asummarize("   ", base_url=fake.base_url, api_key="k"))
