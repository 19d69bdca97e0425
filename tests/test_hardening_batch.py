"""Batch data loss and whole-run failures (issue 23, items 1 to 5): one bad line or one bad disk
costs its own record or ends the run with one line, never the records already written.

Each test here failed on the code before its fix.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import cli
from summarizer.batch import summarize_many
from summarizer.batch.inputs import iter_items
from summarizer.batch.records import StdoutResults, Tally, error_result, write_results
from summarizer.errors import InputError
from summarizer.service.config import ServiceConfig
from summarizer.settings import Settings
from tests.conftest import ROOT
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
    """``summarizer ARGS`` in this process; stderr is its own lines (the fake server, in this
    process too, may log a connection a failed run left behind)."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    err = "".join(line for line in err.splitlines(True) if line.startswith("summarizer:"))
    assert "internal error" not in err, err
    return code, out, err


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line]


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("summarizer: error: "), err
    return lines[0]


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


def _slow_run(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "summarizer", "batch", *args],
        cwd=ROOT,
        env={**base, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_until(check: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_second_run_on_the_same_output_is_refused(
    seed_draft: str, seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 4))
    out = tmp_path / "out.jsonl"
    with FakeOpenAI(default=completion(seed_draft), latency=0.4) as slow:
        env = {
            "OPENAI_BASE_URL": slow.base_url,
            "OPENAI_API_KEY": "sk-test",
            "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"),
        }
        first = _slow_run(env, str(source), "-o", str(out), "--concurrency", "1", "--quiet")
        try:
            _wait_until(lambda: len(slow.requests) >= 1)
            for resume in ((), ("--resume",)):
                with pytest.MonkeyPatch.context() as mp:
                    for name, value in env.items():
                        mp.setenv(name, value)
                    code, _, err = run(capsys, "batch", str(source), "-o", str(out), *resume)
                assert code == 2
                line = one_error_line(err)
                assert "another summarizer batch run is writing" in line, line
        finally:
            assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
    ids = [r["id"] for r in records(out)]
    assert sorted(ids) == ["a0", "a1", "a2", "a3"]  # each once
    assert len(slow.requests) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".lock")] == []


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


def test_a_directory_run_never_reads_its_own_outputs(
    env: dict[str, str], seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(2):
        (docs / f"{n}.txt").write_text(f"{seed_text}\n\nEdition {n}.", encoding="utf-8")
    # What a Batch API run on the same output keeps beside it: never an input either.
    (docs / "out.batch").mkdir()
    write_jsonl(docs / "out.batch" / "part-0001.articles.jsonl", editions(seed_text, 1))
    out = docs / "out.jsonl"
    code, _, _ = run(capsys, "batch", str(docs), "-o", str(out), "--quiet")
    assert code == 0
    expected = sorted(str(docs / f"{n}.txt") for n in range(2))
    assert sorted(r["id"] for r in records(out)) == expected
    assert (docs / "out.summary.json").exists()
    code, _, err = run(capsys, "batch", str(docs), "-o", str(out), "--resume")
    assert code == 0, err  # nothing left to do
    assert "0 processed" in err and "duplicate" not in err
    assert sorted(r["id"] for r in records(out)) == expected
    summary = json.loads((docs / "out.summary.json").read_text())
    assert (summary["inputs"], summary["skipped_already_done"]) == (2, 2)
    # The glob form and a file named outright: the output is not an input.
    code, _, err = run(capsys, "batch", str(docs / "*"), "-o", str(out), "--resume", "--quiet")
    assert code == 0, err
    code, _, err = run(capsys, "batch", str(out), "-o", str(out), "--resume")
    assert code == 2
    assert "is this run's own output" in one_error_line(err)


# -- 5. a read-only or full filesystem ------------------------------------------------------------


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only: by its mode, or (for root, whom modes do not stop) a remount."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    remount = ["mount", "-o", "remount,bind,ro", str(folder)]
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip("root, and no bind mount to make a folder read-only")
    try:
        if subprocess.run(remount, capture_output=True).returncode != 0:
            pytest.skip("root, and no read-only remount")
        yield
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, check=True)


def test_an_unwritable_output_is_one_line_and_exit_2_and_keeps_its_records(
    env: dict[str, str], seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 3))
    folder = tmp_path / "results"
    folder.mkdir()
    out = folder / "out.jsonl"
    with read_only(folder):
        code, _, err = run(capsys, "batch", str(source), "-o", str(out), "--quiet")
    assert code == 2
    assert one_error_line(err).startswith(f"summarizer: error: cannot write {out}")
    assert not out.exists()

    limit = ("--max-articles", "1", "--quiet")
    assert run(capsys, "batch", str(source), "-o", str(out), *limit)[0] == 0
    before = out.read_bytes()
    with read_only(folder):
        code, _, err = run(capsys, "batch", str(source), "-o", str(out), "--resume", "--quiet")
    assert code == 2
    assert one_error_line(err).startswith("summarizer: error: cannot write ")
    assert out.read_bytes() == before
    code, _, _ = run(capsys, "batch", str(source), "-o", str(out), "--resume", "--quiet")
    assert code == 0
    assert sorted(r["id"] for r in records(out)) == ["a0", "a1", "a2"]


def test_a_full_disk_mid_run_is_one_line_and_the_records_written_stay_resumable(
    env: dict[str, str],
    seed_text: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 4))
    out = tmp_path / "out.jsonl"
    real_write = os.write
    calls: list[int] = []

    def full_disk(fd: int, data: Any) -> int:
        """The third record gets half its bytes on disk, then the disk is full."""
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if target != str(out):
            return real_write(fd, data)
        calls.append(len(data))
        if len(calls) <= 2:
            return real_write(fd, data)
        if len(calls) == 3:
            return real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full_disk)
    code, _, err = run(
        capsys, "batch", str(source), "-o", str(out), "--concurrency", "1", "--quiet"
    )
    monkeypatch.setattr(os, "write", real_write)
    assert code == 2
    assert one_error_line(err) == f"summarizer: error: cannot write {out}: No space left on device"
    kept = records(out)  # whole records only: the half line was taken back
    assert len(kept) == 2 and out.read_bytes().endswith(b"\n")
    code, _, _ = run(capsys, "batch", str(source), "-o", str(out), "--resume", "--quiet")
    assert code == 0
    ids = [r["id"] for r in records(out)]
    assert sorted(ids) == ["a0", "a1", "a2", "a3"]


def test_a_full_disk_on_stdout_is_a_one_line_error_too() -> None:
    class Full(io.BytesIO):
        def write(self, data: Any) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(InputError) as caught:
        write_results([error_result("x", ValueError("v"))], StdoutResults(Full()), Tally())
    assert caught.value.one_line() == "cannot write stdout: No space left on device"


def test_a_full_disk_in_a_service_job_fails_it_without_the_servers_paths(
    fake: FakeOpenAI, seed_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    real_write = os.write

    def full_disk(fd: int, payload: Any) -> int:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if target.endswith("results.jsonl"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, payload)

    body = "\n".join(json.dumps(row) for row in editions(seed_text, 2)) + "\n"
    config = ServiceConfig(tokens=(TOKEN_A,), data_dir=data)
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-x", max_attempts=2)
    with RunningService(config, settings) as svc, svc.client() as http:
        monkeypatch.setattr(os, "write", full_disk)
        headers = {"content-type": "application/x-ndjson"}
        r = http.post("/v1/batches", content=body.encode(), headers=headers)
        assert r.status_code == 202, r.text
        done = finished(http, r.json()["id"])
        monkeypatch.setattr(os, "write", real_write)
    assert done["status"] == "failed", done
    assert "No space left on device" in done["error"]
    assert str(data) not in json.dumps(done) and str(tmp_path) not in json.dumps(done)
