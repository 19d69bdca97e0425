"""The Batch API engine and an article too long for one request: found up front from the
profile's context size, or from the server's refusal of its line, it goes through windows
(live calls, as in a live run) and gets a real summary record, not a transport error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.batch import BatchOptions, run_batch
from summarizer.context import estimate_messages
from summarizer.long import SAFETY_TOKENS
from summarizer.prompts import load_prompts
from summarizer.request import prepare
from summarizer.settings import Settings
from tests.fakes import FakeBatchAPI, draft_answer, editions, prompt_tokens, write_jsonl
from tests.test_long import OUTPUT, long_text, the_article

LIVE = ("POST", "/v1/chat/completions")


def run(api: FakeBatchAPI, tmp_path: Path, **more: Any) -> dict[str, dict[str, Any]]:
    rows = [{"id": "long", "text": long_text(), "published": "2025-03-17", "title": "Talks go on"}]
    rows += [{**editions("Waltz said the talks would go on.", 1)[0], "id": "short"}]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    options = BatchOptions(
        inputs=[str(source)], output=out, engine="openai-batch", poll_interval=0, quiet=True
    )
    settings = Settings.resolve(
        env={}, base_url=api.base_url, api_key="sk-test", max_output_tokens=OUTPUT, **more
    )
    run_batch(options, settings)
    found = [json.loads(line) for line in out.read_text().splitlines()]
    return {r["id"]: r for r in found}


def whole_prompt(settings: Settings, *, estimate: bool = False) -> int:
    """The long article's whole request: the fake's count of it, or our estimate."""
    messages = prepare(the_article(), load_prompts(), settings).messages
    return estimate_messages(messages) if estimate else prompt_tokens({"messages": messages})


def test_too_long_by_the_context_size_goes_through_windows(tmp_path: Path) -> None:
    with FakeBatchAPI(default=draft_answer) as api:
        probe = Settings.resolve(env={}, base_url=api.base_url, max_output_tokens=OUTPUT)
        window = int(whole_prompt(probe, estimate=True) * 0.6) + OUTPUT + SAFETY_TOKENS
        records = run(api, tmp_path, context_tokens=window)
        lines = [r for data in api.files.values() for r in data.decode().splitlines()]
    assert records["long"]["status"] == "ok", records["long"]
    assert records["short"]["status"] == "ok", records["short"]
    assert api.calls.count(LIVE) >= 2, "the long article's windows went out as live calls"
    sent = [json.loads(r) for r in lines if '"custom_id"' in r and '"method"' in r]
    assert len(sent) == 1, "only the short article went into the batch"
    summary = records["long"]["summary"]
    assert summary["provenance"]["attempts"] >= 2
    assert summary["article"]["text"] == long_text()


def test_refused_line_goes_through_windows(tmp_path: Path) -> None:
    with FakeBatchAPI(default=draft_answer) as api:
        probe = Settings.resolve(env={}, base_url=api.base_url, max_output_tokens=OUTPUT)
        api.context_limit = int(whole_prompt(probe) * 0.6) + OUTPUT
        records = run(api, tmp_path)
    assert records["short"]["status"] == "ok", records["short"]
    long = records["long"]
    assert long["status"] == "ok", long
    assert api.calls.count(LIVE) >= 2, "after the refusal, windows went out as live calls"
    attempts = long["summary"]["provenance"]["attempt_log"]
    assert "context window" in " ".join(attempts[0]["errors"]), "the refusal is counted first"
