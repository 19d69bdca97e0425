"""The live batch engine over real HTTP: faults, resume, cache, duplicates, shared backoff.

A fake OpenAI-compatible server on 127.0.0.1 answers each article according to its edition
number, so every fault is played against a known input. Retry and gate waits are recorded by
``retry``'s test mode, never slept.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import retry
from summarizer.batch import (
    BatchOptions,
    DuplicateIdError,
    Result,
    asummarize_many,
    run_batch,
    summarize_many,
)
from summarizer.batch.engine import ArticleWorker, Call, live_worker, run_items
from summarizer.batch.inputs import Item, Selection, jsonl_item
from summarizer.batch.records import DuplicateResult
from summarizer.errors import InputError
from summarizer.schema import ArticleSummary
from summarizer.settings import Settings
from tests.fakes import (
    FakeOpenAI,
    Reply,
    completion,
    edition_of,
    editions,
    error,
    write_jsonl,
)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def settings_for(fake: FakeOpenAI, **overrides: Any) -> Settings:
    options: dict[str, Any] = {
        "base_url": fake.base_url,
        "api_key": "sk-test",
        "max_attempts": 3,
        "reasks": 2,
        "timeout": 5.0,
    }
    return Settings.resolve(env={}, **{**options, **overrides})


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


class FaultMix:
    """Edition i % 9 picks the fault; the per-article call count decides when it clears."""

    KINDS = (
        "clean",
        "429",
        "503",
        "drop",
        "malformed",
        "truncated",
        "hallucinated",
        "always_500",
        "never_json",
    )
    INVENTED = "Putin promised to hand back Odesa and Kharkiv by 2031."

    def __init__(self, draft: str) -> None:
        self.draft = draft
        invented = json.loads(draft)
        # Trump's view told in words the article never says (a city handed back by Friday).
        invented["stances"]["S2 Donald Trump"] = {
            "topic": "T1",
            "kind": "for",
            "view": self.INVENTED,
        }
        self.hallucinated = json.dumps(invented)
        self.calls: Counter[int] = Counter()
        self.lock = threading.Lock()

    def kind(self, edition: int) -> str:
        return self.KINDS[edition % len(self.KINDS)]

    def __call__(self, body: dict[str, Any]) -> Reply:
        edition = edition_of(body)
        with self.lock:
            self.calls[edition] += 1
            call = self.calls[edition]
        kind = self.kind(edition)
        first = call == 1
        if kind == "429" and first:
            return error(429, "rate limited", {"retry-after": "3"})
        if kind == "503" and first:
            return error(503, "overloaded")
        if kind == "drop" and first:
            return Reply(drop=True)
        if kind == "malformed" and first:
            return completion('{"summary": {"headline": ')
        if kind == "truncated" and first:
            return completion(self.draft[:400], finish_reason="length")
        if kind == "hallucinated":
            return completion(self.hallucinated)
        if kind == "always_500":
            return error(500, "broken")
        if kind == "never_json":
            return completion("I cannot produce JSON today.")
        return completion(self.draft)


def test_fault_mix_accounts_for_every_input(
    fake: FakeOpenAI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    mix = FaultMix(seed_draft)
    fake.default = mix
    rows = editions(seed_text, 24)
    rows.insert(5, {"id": "empty-one", "text": "   "})
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    (tmp_path / "in.jsonl").open("a").write("{not json\n")
    out = tmp_path / "out.jsonl"
    options = BatchOptions(inputs=[str(source)], output=out, concurrency=4, quiet=True)
    report = run_batch(options, settings_for(fake))

    records = read_records(out)
    ids = [r["id"] for r in records]
    expected_ids = {f"a{i}" for i in range(24)} | {"empty-one", f"{source}:26"}
    assert sorted(ids) == sorted(expected_ids)  # every input once, none twice
    by_id = {r["id"]: r for r in records}
    for i in range(24):
        record = by_id[f"a{i}"]
        kind = mix.kind(i)
        if kind == "always_500":
            assert record["status"] == "error"
            assert record["error"]["type"] == "TransportError"
            assert record["error"]["attempts"] == 3
        elif kind == "never_json":
            assert record["status"] == "error"
            assert record["error"]["type"] == "InvalidOutputError"
            assert record["error"]["attempts"] == 3
            assert record["usage"]["total_tokens"] == 3 * 1300
        else:
            assert record["status"] == "ok", (kind, record)
            summary = ArticleSummary.model_validate(record["summary"])
            text = summary.article.text
            assert text.endswith(f"Edition {i}.")
            for q in summary.quotes:
                assert text[q.start : q.end] == q.text
            for p in summary.positions:
                for e in p.evidence:
                    assert text[e.start : e.end] == e.text
            dropped = [w.path for w in summary.warnings if w.code == "unsupported_claim"]
            if kind == "hallucinated":
                # A view naming what the article does not hold is replaced by his own words.
                assert "$.stances.S2.view" in dropped
                assert FaultMix.INVENTED not in json.dumps(record["summary"]["positions"])
            else:
                assert "$.stances.S2.view" not in dropped
            reasked = kind in ("malformed", "truncated")
            assert summary.provenance.attempts == (2 if reasked else 1)
    assert by_id["empty-one"]["error"] == {
        "type": "InputError",
        "message": "article is empty",
        "attempts": 0,
    }
    assert by_id[f"{source}:26"]["error"]["type"] == "InputError"
    failing = sum(mix.kind(i) in ("always_500", "never_json") for i in range(24))
    assert failing == 4  # editions 7 and 16 always get a 500, 8 and 17 never get JSON
    assert report.ok == 24 - failing and report.failed == failing + 2
    assert report.exit_code == 1
    assert 3.0 in retry.slept  # Retry-After honoured
    summary_json = json.loads((tmp_path / "out.summary.json").read_text())
    assert summary_json["errors_by_type"] == {
        "InputError": 2,
        "InvalidOutputError": 2,
        "TransportError": 2,
    }
    assert summary_json["processed"] == 26


def test_a_429_closes_the_gate_for_every_worker(
    fake: FakeOpenAI, seed_text: str, seed_draft: str
) -> None:
    fake.enqueue(error(429, "slow down", {"retry-after": "5"}))
    fake.default = Reply(body=completion(seed_draft).body, delay=0.05)
    rows = [jsonl_item(json.dumps(r), f"row {n}") for n, r in enumerate(editions(seed_text, 6))]
    results = list(summarize_many(rows, settings_for(fake), concurrency=2))
    assert all(r.ok for r in results)
    # The 429'd worker waits 5 s, and every request sent after the 429 waited at the shared
    # gate too: what is left of the 5 s on the real clock, which test mode does not sleep
    # through (nearly all of it on an idle machine; less when the machine is loaded).
    gate_waits = [w for w in retry.slept if 0.0 < w < 5.0]
    assert retry.slept.count(5.0) == 1
    assert len(gate_waits) >= 5  # the retry and the four articles not yet started


def test_summarize_many_yields_one_result_per_input(
    fake: FakeOpenAI, seed_text: str, seed_draft: str
) -> None:
    fake.default = completion(seed_draft)
    texts = [r["text"] for r in editions(seed_text, 5)]
    results = list(summarize_many([*texts, texts[2]], settings_for(fake), concurrency=3))
    assert len(results) == 6
    dup = [r for r in results if not r.ok]
    assert len(dup) == 1 and dup[0].error is not None
    assert dup[0].error["type"] == DuplicateIdError.__name__
    assert isinstance(dup[0], DuplicateResult)  # its own type: never written as a record
    assert len(fake.requests) == 5  # the repeat was reported, not summarised again


def test_only_the_model_call_runs_in_the_pool(
    fake: FakeOpenAI, seed_text: str, seed_draft: str
) -> None:
    """The pool's threads must stay free to send the next request (the throughput design)."""
    fake.default = completion(seed_draft)
    seen: dict[str, set[str]] = {"start": set(), "call": set(), "finish": set()}

    class Watched(ArticleWorker):
        def start(self, item: Item) -> Result | Call:
            seen["start"].add(threading.current_thread().name)
            return super().start(item)

        def call(self, call: Call) -> Call:
            seen["call"].add(threading.current_thread().name)
            return super().call(call)

        def finish(self, call: Call) -> Result:
            seen["finish"].add(threading.current_thread().name)
            return super().finish(call)

    with live_worker(settings_for(fake), concurrency=4) as worker:
        watched = Watched(worker.settings, worker.client, worker.prompts, worker.cache)
        lines = [json.dumps(r) for r in editions(seed_text, 12)]
        items = [jsonl_item(line, f"line {n}") for n, line in enumerate(lines)]
        results = list(run_items(Selection(iter(items)), watched, 4))
    assert len(results) == 12 and all(r.ok for r in results)
    here = threading.current_thread().name
    assert seen["start"] == seen["finish"] == {here}
    assert seen["call"] and all(n.startswith("summarizer-batch") for n in seen["call"])


def test_async_variant_yields_as_completed(
    fake: FakeOpenAI, seed_text: str, seed_draft: str
) -> None:
    slow = Reply(body=completion(seed_draft).body, delay=0.5)
    quick = completion(seed_draft)
    fake.default = lambda body: slow if edition_of(body) == 0 else quick
    texts = [r["text"] for r in editions(seed_text, 4)]

    async def collect() -> list[Result]:
        return [r async for r in asummarize_many(texts, settings_for(fake), concurrency=4)]

    results = asyncio.run(collect())
    assert len(results) == 4 and all(r.ok for r in results)
    # The slow first article finishes last: results come as they complete, not in order.
    last = results[-1].summary
    assert last is not None and last.article.text.endswith("Edition 0.")


def test_resume_after_crash_with_torn_last_line(
    fake: FakeOpenAI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    fake.default = completion(seed_draft)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 10))
    out = tmp_path / "out.jsonl"
    run_batch(BatchOptions(inputs=[str(source)], output=out, quiet=True), settings_for(fake))
    lines = out.read_bytes().splitlines(keepends=True)
    # A crash mid-write: four whole records and half of a fifth survive.
    out.write_bytes(b"".join(lines[:4]) + lines[4][: len(lines[4]) // 2])
    kept = {json.loads(line)["id"] for line in lines[:4]}
    fake.requests.clear()

    with pytest.raises(InputError, match="--resume"):
        run_batch(BatchOptions(inputs=[str(source)], output=out, quiet=True), settings_for(fake))
    report = run_batch(
        BatchOptions(inputs=[str(source)], output=out, resume=True, quiet=True),
        settings_for(fake),
    )
    records = read_records(out)  # every line parses: the torn one is gone
    assert sorted(r["id"] for r in records) == sorted(f"a{i}" for i in range(10))
    assert len(fake.requests) == 6  # only what was not done, the torn record included
    redone = {edition_of(r) for r in fake.requests}
    assert {f"a{i}" for i in redone}.isdisjoint(kept)
    assert report.scan.torn_bytes == len(lines[4]) // 2
    assert report.selection.skipped == 4


def test_second_run_is_served_from_the_cache(
    fake: FakeOpenAI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    fake.default = completion(seed_draft)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 4))
    cache = tmp_path / "cache.sqlite"

    def run(out: str, **overrides: Any) -> list[dict[str, Any]]:
        options = BatchOptions(
            inputs=[str(source)], output=tmp_path / out, cache_path=cache, quiet=True
        )
        run_batch(options, settings_for(fake, **overrides))
        return sorted(read_records(tmp_path / out), key=lambda r: r["id"])

    first = run("one.jsonl")
    assert len(fake.requests) == 4
    second = run("two.jsonl")
    assert len(fake.requests) == 4  # zero model calls
    assert all(r["cached"] for r in second)
    assert [r["summary"] for r in second] == [r["summary"] for r in first]
    assert all(r["usage"]["total_tokens"] == 0 for r in second)
    # Anything in the key that changes the answer misses: here the model.
    run("three.jsonl", model="another-model")
    assert len(fake.requests) == 8


def test_duplicate_ids_are_reported_not_merged(
    fake: FakeOpenAI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    fake.default = completion(seed_draft)
    rows = editions(seed_text, 3)
    rows.append({"id": "a1", "text": "A different article that reuses an id.\n\nSecond line."})
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    options = BatchOptions(inputs=[str(source)], output=out, quiet=True)
    report = run_batch(options, settings_for(fake))
    records = read_records(out)
    assert sorted(r["id"] for r in records) == ["a0", "a1", "a2"]
    a1 = next(r for r in records if r["id"] == "a1")
    assert a1["summary"]["article"]["text"].endswith("Edition 1.")  # the first one won
    assert report.selection.duplicates == [
        {"id": "a1", "input": f"{source}:4", "first_input": f"{source}:2"}
    ]
    assert report.exit_code == 1
    summary = json.loads((tmp_path / "out.summary.json").read_text())
    assert summary["duplicates"][0]["id"] == "a1"


def test_usage_and_cost_from_a_price_table(
    fake: FakeOpenAI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    fake.default = completion(seed_draft, prompt_tokens=2000, completion_tokens=500)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 3))
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"fake-model": {"input": 1.0, "output": 4.0}}))
    out = tmp_path / "out.jsonl"
    run_batch(
        BatchOptions(inputs=[str(source)], output=out, prices=prices, quiet=True),
        settings_for(fake),
    )
    summary = json.loads((tmp_path / "out.summary.json").read_text())
    assert summary["tokens"] == {
        "prompt_tokens": 6000,
        "completion_tokens": 1500,
        "total_tokens": 7500,
    }
    # 6,000 x $1/M + 1,500 x $4/M
    assert summary["estimated_cost_usd"] == pytest.approx(0.012)
    assert all(r["usage"]["total_tokens"] == 2500 for r in read_records(out))


def test_retry_errors_redoes_only_the_failures(
    fake: FakeOpenAI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    fake.default = lambda body: error(503) if edition_of(body) == 1 else completion(seed_draft)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 3))
    out = tmp_path / "out.jsonl"
    options = BatchOptions(inputs=[str(source)], output=out, quiet=True)
    assert run_batch(options, settings_for(fake)).failed == 1
    fake.default = completion(seed_draft)
    fake.requests.clear()
    options = BatchOptions(
        inputs=[str(source)], output=out, resume=True, retry_errors=True, quiet=True
    )
    again = run_batch(options, settings_for(fake))
    assert [edition_of(r) for r in fake.requests] == [1]  # only the failed one was redone
    assert again.scan.errors_to_retry == 1
    records = read_records(out)
    assert sorted((r["id"], r["status"]) for r in records) == [
        ("a0", "ok"),
        ("a1", "ok"),
        ("a2", "ok"),
    ]
