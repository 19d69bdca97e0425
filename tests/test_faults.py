"""Failures over real HTTP: a fake OpenAI-compatible server on 127.0.0.1 plays each fault.

Every test asserts what was sent (attempts, re-ask content), what came out (warnings, errors)
and, through ``retry.slept``, the waits the retry layer asked for (none are slept for real).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from summarizer import retry
from summarizer.article import Article, make_article
from summarizer.errors import (
    BudgetExceededError,
    InvalidOutputError,
    TransportError,
    TransportTimeoutError,
)
from summarizer.pipeline import summarize_article
from summarizer.schema import ArticleSummary
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, Reply, completion, error


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def article(seed_text: str) -> Article:
    return make_article(seed_text, published="2025-03-17")


def run(fake: FakeOpenAI, article: Article, **overrides: Any) -> ArticleSummary:
    options: dict[str, Any] = {
        "base_url": fake.base_url,
        "api_key": "sk-test-not-real",
        "max_attempts": 4,
        "reasks": 2,
        "timeout": 5.0,
    }
    options.update(overrides)
    return summarize_article(article, Settings.resolve(env={}, **options))


def user_turns(request: dict[str, Any]) -> list[str]:
    return [m["content"] for m in request["messages"] if m["role"] == "user"]


def test_happy_path_sends_strict_schema(
    fake: FakeOpenAI, article: Article, seed_draft: str
) -> None:
    fake.enqueue(completion(seed_draft))
    result = run(fake, article)
    assert len(fake.requests) == 1
    sent = fake.requests[0]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["strict"] is True
    assert sent["temperature"] == 0 and sent["seed"] == 7
    assert sent["_headers"]["authorization"] == "Bearer sk-test-not-real"
    assert result.provenance.attempts == 1
    assert result.provenance.usage.total_tokens == 1300
    assert retry.slept == []


def test_429_honours_retry_after(fake: FakeOpenAI, article: Article, seed_draft: str) -> None:
    fake.enqueue(error(429, "slow down", {"retry-after": "7"}), completion(seed_draft))
    result = run(fake, article)
    assert len(fake.requests) == 2
    assert retry.slept == [7.0]
    assert result.provenance.attempts == 1  # one model answer; transport retries are not re-asks


def test_5xx_backs_off_exponentially(fake: FakeOpenAI, article: Article, seed_draft: str) -> None:
    fake.enqueue(error(500), error(503), error(502), completion(seed_draft))
    run(fake, article)
    assert len(fake.requests) == 4
    assert len(retry.slept) == 3
    assert all(w > 0 for w in retry.slept)
    # Exponential base (1, 2, 4) plus at most 1 s of jitter.
    assert retry.slept[2] >= 4 and retry.slept[0] <= 2


def test_persistent_5xx_gives_up_with_attempts(fake: FakeOpenAI, article: Article) -> None:
    fake.default = error(503, "overloaded")
    with pytest.raises(TransportError, match="HTTP 503 after 4 attempt") as info:
        run(fake, article)
    assert info.value.attempts == 4
    assert info.value.status_code == 503 and info.value.to_dict()["status_code"] == 503
    assert not isinstance(info.value, TransportTimeoutError)
    assert len(fake.requests) == 4


def test_client_errors_are_not_retried(fake: FakeOpenAI, article: Article) -> None:
    fake.enqueue(error(400, "bad request: unsupported parameter"))
    with pytest.raises(TransportError, match="HTTP 400 after 1 attempt"):
        run(fake, article)
    assert len(fake.requests) == 1
    assert retry.slept == []


def test_dropped_connection_is_retried(fake: FakeOpenAI, article: Article, seed_draft: str) -> None:
    fake.enqueue(Reply(drop=True), completion(seed_draft))
    run(fake, article)
    assert len(fake.requests) == 2
    assert len(retry.slept) == 1


def test_timeout_is_retried(fake: FakeOpenAI, article: Article, seed_draft: str) -> None:
    fake.enqueue(Reply(delay=1.5, body={}), completion(seed_draft))
    run(fake, article, timeout=0.4)
    assert len(fake.requests) == 2


def test_timeouts_exhausted(fake: FakeOpenAI, article: Article) -> None:
    fake.default = Reply(delay=1.0, body={})
    with pytest.raises(TransportTimeoutError, match="timed out after 2 attempt") as info:
        run(fake, article, timeout=0.3, max_attempts=2)
    assert isinstance(info.value, TransportError) and info.value.status_code is None


def test_malformed_json_is_reasked(fake: FakeOpenAI, article: Article, seed_draft: str) -> None:
    fake.enqueue(completion('{"summary": {"headline": "x", '), completion(seed_draft))
    result = run(fake, article)
    assert len(fake.requests) == 2
    second = fake.requests[1]
    assert second["messages"][-2] == {
        "role": "assistant",
        "content": '{"summary": {"headline": "x", ',
    }
    assert "not valid JSON" in user_turns(second)[-1]
    assert result.provenance.attempts == 2
    assert result.provenance.attempt_log[0].errors
    assert result.provenance.usage.total_tokens == 2600


def test_truncated_output_is_reasked(fake: FakeOpenAI, article: Article, seed_draft: str) -> None:
    fake.enqueue(completion(seed_draft[:500], finish_reason="length"), completion(seed_draft))
    result = run(fake, article)
    assert "cut off at the output token limit" in user_turns(fake.requests[1])[-1]
    assert result.provenance.attempt_log[0].finish_reason == "length"


def test_schema_violation_is_reasked_with_path(
    fake: FakeOpenAI, article: Article, seed_draft: str
) -> None:
    bad = json.loads(seed_draft)
    bad["stances"]["S2 Donald Trump"]["kind"] = "celebrates"
    del bad["undated"][0]["status"]
    fake.enqueue(completion(json.dumps(bad)), completion(seed_draft))
    run(fake, article)
    reask = user_turns(fake.requests[1])[-1]
    assert "stances.S2 Donald Trump.kind" in reask
    assert "undated.0.status" in reask


def test_dangling_references_are_reasked(
    fake: FakeOpenAI, article: Article, seed_draft: str
) -> None:
    bad = json.loads(seed_draft)
    bad["quotes"]["Q1"] = "A99"
    bad["quotes"]["Q40"] = "A1"
    bad["undated"][0]["unit"] = "S999"
    fake.enqueue(completion(json.dumps(bad)), completion(seed_draft))
    run(fake, article)
    reask = user_turns(fake.requests[1])[-1]
    assert "quotes.Q1: 'A99' is not an actor id" in reask
    assert "quotes: 'Q40' is not one of this article's ids" in reask
    assert "undated[0].unit: 'S999' is not a sentence id" in reask
    assert "quotations: Q1 to Q13" in reask  # the re-ask says which ids exist


def test_refusal_exhausts_reasks(fake: FakeOpenAI, article: Article) -> None:
    fake.default = completion(None, refusal="I can't help with that.")
    with pytest.raises(InvalidOutputError, match="after 3 attempt") as info:
        run(fake, article)
    assert len(fake.requests) == 3
    err = info.value
    assert err.attempts == 3
    assert err.usage["total_tokens"] == 3 * 1300
    assert "refused" in err.errors[0]


def test_last_raw_output_is_kept(fake: FakeOpenAI, article: Article) -> None:
    fake.default = completion("not json at all")
    with pytest.raises(InvalidOutputError) as info:
        run(fake, article, reasks=1)
    assert info.value.last_output == "not json at all"
    assert info.value.attempts == 2


def test_token_budget_caps_reasks(fake: FakeOpenAI, article: Article) -> None:
    fake.default = completion("{}", prompt_tokens=3000, completion_tokens=1000)
    with pytest.raises(BudgetExceededError, match="token budget of 5,000") as info:
        run(fake, article, token_budget=5000, reasks=5)
    assert len(fake.requests) == 2
    assert info.value.usage["total_tokens"] == 8000


def test_transport_failure_after_reask_keeps_earlier_usage(
    fake: FakeOpenAI, article: Article
) -> None:
    fake.enqueue(completion("oops"))
    fake.default = error(500)
    with pytest.raises(TransportError) as info:
        run(fake, article, max_attempts=2)
    assert info.value.usage["total_tokens"] == 1300
    assert info.value.last_output == "oops"
    # One answer, then two failed transport attempts; the HTTP status is kept on the rebuild.
    assert info.value.attempts == 3 and info.value.status_code == 500


def test_a_view_naming_what_the_article_lacks_is_dropped_not_reasked(
    fake: FakeOpenAI, article: Article, seed_draft: str
) -> None:
    draft = json.loads(seed_draft)
    draft["stances"]["S10 Dmitry Peskov"] = {
        "topic": "T2",
        "kind": "for",
        "view": "will discuss land with Angela Merkel",
    }
    fake.enqueue(completion(json.dumps(draft)))
    result = run(fake, article)
    peskov = [p for p in result.positions if "Peskov" in p.evidence[0].text]
    assert peskov and "Merkel" not in peskov[0].stance and peskov[0].view_from == "holder"
    codes = [(w.code, w.path) for w in result.warnings]
    assert ("unsupported_claim", "$.stances.S10.view") in codes
    # Checks after the draft validates are recorded, not re-asked.
    assert result.provenance.attempts == 1


def test_sparse_answer_from_a_compatible_server_is_read(
    fake: FakeOpenAI, article: Article, seed_draft: str
) -> None:
    # Some servers leave out usage, refusal, model and the envelope fields entirely.
    fake.enqueue(
        Reply(body={"choices": [{"finish_reason": "stop", "message": {"content": seed_draft}}]})
    )
    result = run(fake, article)
    assert result.provenance.attempts == 1
    assert result.provenance.usage.total_tokens == 0
    assert result.quotes


@pytest.mark.parametrize(
    "body",
    [
        {"choices": []},
        {"choices": [{"finish_reason": "stop", "message": None}]},
        {"choices": "nonsense", "usage": {"prompt_tokens": "many"}},
        ["not", "an", "object"],
        b"<html><body>502 Bad Gateway</body></html>",
    ],
)
def test_answer_without_content_is_reasked(
    fake: FakeOpenAI, article: Article, seed_draft: str, body: Any
) -> None:
    fake.enqueue(Reply(body=body), completion(seed_draft))
    result = run(fake, article)
    assert result.provenance.attempts == 2
    assert "empty" in result.provenance.attempt_log[0].errors[0]
