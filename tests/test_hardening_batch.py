"""Batch data loss and whole-run failures (issue 23, items 1 to 5): one bad line or one bad disk
costs its own record or ends the run with one line, never the records already written.

Each test here failed on the code before its fix.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import cli
from summarizer.batch import summarize_many
from summarizer.batch.inputs import iter_items
from summarizer.service.config import ServiceConfig
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, completion, editions, write_jsonl
from tests.service_helpers import TOKEN_A, RunningService
from tests.test_service_batches import finished
from tests.test_service_batches import records as job_records

SURROGATE_LINE = '{"text": "A lone surrogate \\ud800 sits in this article text."}'


@pytest.fixture
def fake(seed_draft: str) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(seed_draft)) as server:
        yield server


@pytest.fixture
def env(fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "OPENAI_BASE_URL": fake.base_url,
        "OPENAI_API_KEY": "sk-test",
        "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"),
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err, err
    return code, out, err


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line]


# -- 1. a lone surrogate in a line without an id ----------------------------------------------


def test_a_lone_surrogate_without_an_id_costs_only_its_own_line(
    env: dict[str, str], seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [json.dumps(row) for row in editions(seed_text, 2)]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([good[0], SURROGATE_LINE, good[1]]) + "\n", encoding="ascii")
    out = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "batch", str(source), "-o", str(out), "--quiet")
    assert code == 1  # one failed record, not a failed run
    found = records(out)
    assert len(found) == 3
    by_status = {r["id"]: r["status"] for r in found}
    assert by_status.pop("a0") == by_status.pop("a1") == "ok"
    [(bad_id, status)] = by_status.items()
    bad = next(r for r in found if r["id"] == bad_id)
    assert status == "error" and bad["input"] == f"{source}:2"
    assert "lone surrogate" in bad["error"]["message"]
    # Resume reads the same line to the same id: already recorded, nothing left to do.
    code, _, _ = run(capsys, "batch", str(source), "-o", str(out), "--quiet", "--resume")
    assert code == 0
    assert len(records(out)) == 3


def test_summarize_many_takes_a_text_with_a_lone_surrogate(fake: FakeOpenAI) -> None:
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-x")
    [result] = list(summarize_many(["Some text \ud800 here."], settings, concurrency=1))
    assert result.status == "error" and "lone surrogate" in str(result.error)
    assert fake.requests == []


def test_a_lone_surrogate_line_fails_alone_in_a_service_job(
    fake: FakeOpenAI, seed_text: str, tmp_path: Path
) -> None:
    body = "\n".join([json.dumps(editions(seed_text, 1)[0]), SURROGATE_LINE]) + "\n"
    config = ServiceConfig(tokens=(TOKEN_A,), data_dir=tmp_path / "data")
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-x", max_attempts=2)
    with RunningService(config, settings) as svc, svc.client() as http:
        headers = {"content-type": "application/x-ndjson"}
        r = http.post("/v1/batches", content=body.encode(), headers=headers)
        assert r.status_code == 202, r.text
        done = finished(http, r.json()["id"])
        got = job_records(http, r.json()["id"])
    assert done["status"] == "succeeded", done
    assert (done["ok"], done["failed"]) == (1, 1)
    bad = next(r for r in got if r["status"] == "error")
    assert bad["input"] == "article 2" and "lone surrogate" in bad["error"]["message"]


# -- 2. a byte order mark ---------------------------------------------------------------------


def test_a_jsonl_file_or_stdin_with_a_byte_order_mark_is_read_whole(
    env: dict[str, str], seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = "".join(json.dumps(row) + "\n" for row in editions(seed_text, 2))
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + lines.encode())
    out = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "batch", str(source), "-o", str(out), "--quiet")
    assert code == 0
    assert sorted((r["id"], r["status"]) for r in records(out)) == [("a0", "ok"), ("a1", "ok")]

    items = list(iter_items(["-"], stdin=io.BytesIO(b"\xef\xbb\xbf" + lines.encode())))
    assert [item.id for item in items] == ["a0", "a1"]
    assert items[0].load(100_000).text.startswith(seed_text[:20])


# -- 3. two runs on one output; validate and repeated ids --------------------------------------


def test_validate_flags_ids_repeated_in_a_results_file(
    env: dict[str, str], seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 2))
    out = tmp_path / "out.jsonl"
    assert run(capsys, "batch", str(source), "-o", str(out), "--quiet")[0] == 0
    code, printed, _ = run(capsys, "validate", str(out))
    assert code == 0
    lines = out.read_bytes().split(b"\n")[:-1]
    first = next(n for n, line in enumerate(lines, 1) if json.loads(line)["id"] == "a0")
    out.write_bytes(b"\n".join([*lines, lines[first - 1]]) + b"\n")
    code, printed, _ = run(capsys, "validate", str(out))
    assert code == 1
    assert printed.splitlines() == [
        f"{out}:3: $.id: id 'a0' is already the id of line {first}: "
        "a results file holds one record per input"
    ]


# -- 4. a run never reads its own outputs -------------------------------------------------------


# -- 5. a read-only or full filesystem ------------------------------------------------------------
