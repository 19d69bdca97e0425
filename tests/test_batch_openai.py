"""The OpenAI Batch API engine against a fake of the files and batches endpoints (real HTTP).

The fake answers each request line with the same scripted replies as the live fake, so the
records can be compared with what a live run gives for the same answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import BatchOptions, run_batch
from summarizer.batch.openai_batch import BatchEngine
from summarizer.batch.progress import Quiet
from summarizer.errors import InputError
from summarizer.schema import ArticleSummary
from summarizer.settings import Settings
from tests.fakes import (
    FakeBatchAPI,
    FakeOpenAI,
    Reply,
    completion,
    edition_of,
    editions,
    error,
    write_jsonl,
)


@pytest.fixture
def api() -> Iterator[FakeBatchAPI]:
    with FakeBatchAPI() as server:
        yield server


def settings_for(base_url: str) -> Settings:
    return Settings.resolve(env={}, base_url=base_url, api_key="sk-test", max_attempts=3)


def options(source: Path, out: Path, **more: Any) -> BatchOptions:
    return BatchOptions(
        inputs=[str(source)],
        output=out,
        engine="openai-batch",
        poll_interval=0,
        quiet=True,
        **more,
    )


def records(path: Path) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows), "an id was recorded twice"
    return by_id


def test_batch_lines_are_the_live_requests(
    api: FakeBatchAPI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    api.default = completion(seed_draft)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 1))
    run_batch(options(source, tmp_path / "out.jsonl"), settings_for(api.base_url))
    [input_file] = [data for data in api.files.values() if b'"method": "POST"' in data]
    line = json.loads(input_file)
    assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
    with FakeOpenAI(default=completion(seed_draft)) as live:
        live_out = tmp_path / "live.jsonl"
        live_options = BatchOptions(inputs=[str(source)], output=live_out, quiet=True)
        run_batch(live_options, Settings.resolve(env={}, base_url=live.base_url, api_key="sk"))
        sent = {k: v for k, v in live.requests[0].items() if not k.startswith("_")}
    assert line["body"] == sent  # same prompts, same strict schema, same knobs
    assert line["body"]["response_format"]["json_schema"]["strict"] is True
    batch_record = records(tmp_path / "out.jsonl")["a0"]
    live_record = records(tmp_path / "live.jsonl")["a0"]
    for record in (batch_record, live_record):
        del record["summary"]["provenance"]["created_at"]
        del record["summary"]["provenance"]["server"]
    assert batch_record["summary"] == live_record["summary"]  # validated and grounded alike


def test_every_input_is_accounted_for_through_faults(
    api: FakeBatchAPI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    def answer(body: dict[str, Any]) -> Reply:
        edition = edition_of(body)
        if edition == 1:
            return completion("not json")
        if edition == 2:
            return error(500, "server exploded")
        if edition == 3:
            return completion(seed_draft[:300], finish_reason="length")
        if edition == 4:
            return Reply(drop=True)
        return completion(seed_draft)

    api.default = answer
    rows = editions(seed_text, 6)
    rows.append({"id": "blank", "text": ""})
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    report = run_batch(options(source, out), settings_for(api.base_url))
    got = records(out)
    assert sorted(got) == ["a0", "a1", "a2", "a3", "a4", "a5", "blank"]
    status = {k: (r["status"], r.get("error", {}).get("type")) for k, r in got.items()}
    assert status == {
        "a0": ("ok", None),
        "a1": ("error", "InvalidOutputError"),
        "a2": ("error", "TransportError"),
        "a3": ("error", "InvalidOutputError"),
        "a4": ("error", "TransportError"),
        "a5": ("ok", None),
        "blank": ("error", "InputError"),
    }
    assert "server exploded" in got["a2"]["error"]["message"]
    assert "cut off" in got["a3"]["error"]["errors"][0]
    # Invalid answers were re-asked, as live, until the re-asks (2) ran out.
    assert got["a1"]["error"]["attempts"] == got["a3"]["error"]["attempts"] == 3
    assert got["a1"]["usage"]["total_tokens"] == 3 * 1300
    ok = ArticleSummary.model_validate(got["a0"]["summary"])
    spans = [e for p in ok.positions for e in p.evidence] + [t.excerpt for t in ok.timeline]
    assert spans and all(s is None or ok.article.text[s.start : s.end] == s.text for s in spans)
    assert report.exit_code == 1
    # A finished run leaves no state behind; the batch ids stay in the run summary.
    assert not (tmp_path / "out.batch-state.json").exists()
    summary = json.loads((tmp_path / "out.summary.json").read_text())
    batches = summary["openai_batch"]["batches"]
    assert [(b["round"], b["status"], b["requests"]) for b in batches] == [
        (1, "completed", 6),
        (2, "completed", 2),
        (3, "completed", 2),
    ]
    assert summary["discount"] == 0.5


def _is_reask(body: dict[str, Any]) -> bool:
    return any(m["role"] == "assistant" for m in body["messages"])


def _invalid_at_first_for_edition_0(draft: str) -> Callable[[dict[str, Any]], Reply]:
    """Article a0's first answer is not JSON; every other answer, re-asks included, is good."""
    return lambda body: (
        completion("not json")
        if edition_of(body) == 0 and not _is_reask(body)
        else completion(draft)
    )


def _run_until_interrupted(engine: BatchEngine, source: Path, out: Path) -> None:
    """Run ``engine`` as ``run_batch`` would, writing records, until it is interrupted."""
    from summarizer.batch.inputs import Selection, iter_items
    from summarizer.batch.records import ResultsFile

    results = ResultsFile(out)
    results.open(resume=False)
    with pytest.raises(KeyboardInterrupt):
        for result in engine.run(Selection(iter_items([str(source)]))):
            results.write(result)
    results.close()


def test_invalid_answers_are_reasked_in_a_next_round(
    api: FakeBatchAPI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    def answer(body: dict[str, Any]) -> Reply:
        first = not _is_reask(body)
        if edition_of(body) == 1 and first:
            return completion("not json")
        if edition_of(body) == 2 and first:
            return completion(seed_draft[:300], finish_reason="length")
        return completion(seed_draft)

    api.default = answer
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 4))
    out = tmp_path / "out.jsonl"
    report = run_batch(options(source, out), settings_for(api.base_url))
    got = records(out)
    assert report.exit_code == 0 and all(r["status"] == "ok" for r in got.values())
    attempts = {k: r["summary"]["provenance"]["attempts"] for k, r in got.items()}
    assert attempts == {"a0": 1, "a1": 2, "a2": 2, "a3": 1}
    log = got["a1"]["summary"]["provenance"]["attempt_log"]
    assert "not valid JSON" in log[0]["errors"][0] and log[1]["errors"] == []
    assert got["a1"]["usage"]["total_tokens"] == 2 * 1300  # both rounds are paid for
    # The second batch holds only the two re-asks, each the whole conversation so far.
    inputs = [data for data in api.files.values() if b'"method": "POST"' in data]
    assert len(inputs) == 2
    lines = [json.loads(line) for line in inputs[1].splitlines()]
    assert sorted(line["custom_id"] for line in lines) == ["req-2.2", "req-3.2"]
    for line in lines:
        roles = [m["role"] for m in line["body"]["messages"]]
        assert roles == ["system", "user", "assistant", "user"]
    by_id = {line["custom_id"]: line["body"]["messages"] for line in lines}
    assert by_id["req-2.2"][2]["content"] == "not json"
    assert "cut off" in by_id["req-3.2"][3]["content"]


class StopOnNote(Quiet):
    """Interrupts the run (like Ctrl-C) the first time a progress note mentions ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def note(self, status: str) -> None:
        if self.text in status:
            raise KeyboardInterrupt


def test_run_interrupted_in_a_reask_round_resumes_it(
    api: FakeBatchAPI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    api.default = _invalid_at_first_for_edition_0(seed_draft)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 3))
    out = tmp_path / "out.jsonl"
    settings = settings_for(api.base_url)
    engine = BatchEngine(
        settings,
        prompts=_prompts(),
        output=out,
        poll_interval=0,
        progress=StopOnNote("re-asks, round 2"),
    )
    _run_until_interrupted(engine, source, out)
    assert sorted(records(out)) == ["a1", "a2"]  # the first round's good answers are kept
    state = json.loads((tmp_path / "out.batch-state.json").read_text())
    assert [(p["round"], p["collected"]) for p in state["parts"]] == [(1, True), (2, False)]

    run_batch(options(source, out, resume=True), settings)
    got = records(out)
    assert sorted(got) == ["a0", "a1", "a2"]
    assert got["a0"]["summary"]["provenance"]["attempts"] == 2
    assert len(api.batches) == 2  # the re-ask batch was polled again, not created again


def test_parts_split_at_the_request_limit(
    api: FakeBatchAPI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    api.default = completion(seed_draft)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 5))
    out = tmp_path / "out.jsonl"
    engine = BatchEngine(
        settings_for(api.base_url),
        prompts=_prompts(),
        output=out,
        poll_interval=0,
        max_requests=2,
    )
    from summarizer.batch.inputs import Selection, iter_items

    results = list(engine.run(Selection(iter_items([str(source)]))))
    assert sorted(r.id for r in results) == [f"a{i}" for i in range(5)]
    assert [p.requests for p in engine.parts] == [2, 2, 1]
    assert [c for c in api.calls if c == ("POST", "/v1/batches")] == [("POST", "/v1/batches")] * 3


def test_an_expired_batch_records_what_never_ran(
    seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    with FakeBatchAPI(default=completion(seed_draft), final_status="expired", answered=2) as api:
        source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 4))
        out = tmp_path / "out.jsonl"
        run_batch(options(source, out), settings_for(api.base_url))
    got = records(out)
    assert [got[f"a{i}"]["status"] for i in range(4)] == ["ok", "ok", "error", "error"]
    assert "expired" in got["a3"]["error"]["message"]


def test_interrupted_run_resumes_polling_without_paying_twice(
    api: FakeBatchAPI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    api.default = completion(seed_draft)
    api.polls = 3
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 3))
    out = tmp_path / "out.jsonl"
    settings = settings_for(api.base_url)
    stop = StopOnNote("in_progress")
    engine = BatchEngine(settings, prompts=_prompts(), output=out, poll_interval=0, progress=stop)
    from summarizer.batch.inputs import Selection, iter_items

    with pytest.raises(KeyboardInterrupt):
        list(engine.run(Selection(iter_items([str(source)]))))
    state = json.loads((tmp_path / "out.batch-state.json").read_text())
    [part] = state["parts"]
    assert part["batch_id"] in api.batches

    with pytest.raises(InputError, match="--resume"):
        run_batch(options(source, out), settings)
    run_batch(options(source, out, resume=True), settings)
    assert sorted(records(out)) == ["a0", "a1", "a2"]
    assert len(api.batches) == 1  # polled the same batch; never created another
    assert len([c for c in api.calls if c == ("POST", "/v1/files")]) == 1


def test_a_batch_created_before_its_id_was_saved_is_found_again(
    api: FakeBatchAPI, seed_text: str, seed_draft: str, tmp_path: Path
) -> None:
    api.default = completion(seed_draft)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 2))
    out = tmp_path / "out.jsonl"
    settings = settings_for(api.base_url)
    engine = BatchEngine(settings, prompts=_prompts(), output=out, poll_interval=0)
    from summarizer.batch.inputs import Selection, iter_items

    build = engine._build(Selection(iter_items([str(source)])))
    assert list(build) == []
    engine._save_state()
    engine._submit()  # creates the batch ...
    [part] = engine.parts
    created = part.batch_id
    part.batch_id = part.file_id = None  # ... and the crash loses both ids
    engine._save_state()
    run_batch(options(source, out, resume=True), settings)
    assert len(api.batches) == 1 and created in api.batches
    assert sorted(records(out)) == ["a0", "a1"]


def _prompts() -> Any:
    from summarizer.prompts import load_prompts

    return load_prompts()


@pytest.mark.parametrize("written", [False, True], ids=["before-the-write", "after-the-write"])
def test_crash_when_a_part_is_marked_collected_loses_no_reask(
    api: FakeBatchAPI, seed_text: str, seed_draft: str, tmp_path: Path, written: bool
) -> None:
    api.default = _invalid_at_first_for_edition_0(seed_draft)
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 3))
    out = tmp_path / "out.jsonl"
    settings = settings_for(api.base_url)

    class CrashOnCollected(BatchEngine):
        def _save_state(self) -> None:
            if not any(p.collected for p in self.parts):
                return super()._save_state()
            if written:
                super()._save_state()
            raise KeyboardInterrupt  # dies just before or just after that state write

    engine = CrashOnCollected(settings, prompts=_prompts(), output=out, poll_interval=0)
    _run_until_interrupted(engine, source, out)
    state = json.loads((tmp_path / "out.batch-state.json").read_text())
    parts = [(p["round"], p["collected"]) for p in state["parts"]]
    assert parts == ([(1, True), (2, False)] if written else [(1, False)])

    run_batch(options(source, out, resume=True), settings)
    got = records(out)  # also checks that no id was recorded twice
    assert sorted(got) == ["a0", "a1", "a2"]
    assert got["a0"]["summary"]["provenance"]["attempts"] == 2
    assert len(api.batches) == 2  # round 2 was created once, either way


def test_a_failed_reask_counts_as_a_live_one(
    api: FakeBatchAPI, seed_text: str, tmp_path: Path
) -> None:
    """An invalid answer, then a re-ask refused with HTTP 400 (never retried): both engines
    report it through the same step, so with the same attempts and tokens."""

    def answer(body: dict[str, Any]) -> Reply:
        return error(400, "too long") if _is_reask(body) else completion("not json")

    api.default = answer
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 1))
    run_batch(options(source, tmp_path / "batch.jsonl"), settings_for(api.base_url))
    with FakeOpenAI() as live:
        live.default = answer
        live_options = BatchOptions(
            inputs=[str(source)], output=tmp_path / "live.jsonl", quiet=True
        )
        run_batch(live_options, settings_for(live.base_url))
    for path in ("batch.jsonl", "live.jsonl"):
        failed = records(tmp_path / path)["a0"]["error"]
        assert failed["type"] == "TransportError"
        assert failed["attempts"] == 2  # the invalid answer and the refused re-ask
        assert failed["usage"]["total_tokens"] == 1300  # only the answer that came
