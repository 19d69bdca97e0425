"""``summarizer batch`` as a user runs it: a real process against the fake server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.fakes import FakeOpenAI, completion, editions, write_jsonl
from tests.test_cli import cli


@pytest.fixture
def fake(seed_draft: str) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(seed_draft)) as server:
        yield server


@pytest.fixture
def env(fake: FakeOpenAI, tmp_path: Path) -> dict[str, str]:
    return {
        "OPENAI_BASE_URL": fake.base_url,
        "OPENAI_API_KEY": "sk-test",
        "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"),
    }


def ids(path: Path) -> list[str]:
    return sorted(json.loads(line)["id"] for line in path.read_text().splitlines())


def test_directory_glob_and_jsonl_inputs(
    fake: FakeOpenAI, env: dict[str, str], seed_text: str, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    (docs / "deeper").mkdir(parents=True)
    (docs / "one.txt").write_text(seed_text + "\n\nEdition 1.")
    (docs / "deeper" / "two.md").write_text(seed_text + "\n\nEdition 2.")
    (docs / "notes.csv").write_text("not an article")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "three.txt").write_text(seed_text + "\n\nEdition 3.")
    rows = write_jsonl(tmp_path / "more.jsonl", editions(seed_text, 2))
    out = tmp_path / "out.jsonl"
    proc = cli("batch", str(docs), str(extra / "*.txt"), str(rows), "-o", str(out), env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""  # records went to -o, progress to stderr
    assert ids(out) == sorted(
        [
            "a0",
            "a1",
            str(docs / "one.txt"),
            str(docs / "deeper" / "two.md"),
            str(extra / "three.txt"),
        ]
    )
    err = proc.stderr.decode()
    # Not a terminal: plain progress lines, then the closing summary.
    assert "summarizer: batch: 5/5 done, 0 failed" in err
    assert "summarizer: batch: 5 processed: 5 ok, 0 failed" in err
    assert len(fake.requests) == 5


def test_stdin_jsonl_to_stdout(fake: FakeOpenAI, env: dict[str, str], seed_text: str) -> None:
    lines = "".join(json.dumps(r) + "\n" for r in editions(seed_text, 3))
    proc = cli("batch", "-", "--quiet", env=env, stdin=lines.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert sorted(r["id"] for r in records) == ["a0", "a1", "a2"]
    assert all(r["status"] == "ok" for r in records)
    assert proc.stderr == b""  # --quiet


def test_second_run_hits_the_cache_and_no_cache_bypasses_it(
    fake: FakeOpenAI, env: dict[str, str], seed_text: str, tmp_path: Path
) -> None:
    rows = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 3))
    assert cli("batch", str(rows), "-o", str(tmp_path / "1.jsonl"), env=env).returncode == 0
    assert len(fake.requests) == 3
    proc = cli("batch", str(rows), "-o", str(tmp_path / "2.jsonl"), env=env)
    assert proc.returncode == 0
    assert len(fake.requests) == 3  # nothing new reached the model
    assert "3 from cache" in proc.stderr.decode()
    proc = cli("batch", str(rows), "-o", str(tmp_path / "3.jsonl"), "--no-cache", env=env)
    assert proc.returncode == 0
    assert len(fake.requests) == 6


def test_max_articles_and_resume_continue_the_same_file(
    fake: FakeOpenAI, env: dict[str, str], seed_text: str, tmp_path: Path
) -> None:
    rows = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 5))
    out = tmp_path / "out.jsonl"
    proc = cli("batch", str(rows), "-o", str(out), "--max-articles", "2", "--no-cache", env=env)
    assert proc.returncode == 0
    assert ids(out) == ["a0", "a1"]
    proc = cli("batch", str(rows), "-o", str(out), "--no-cache", env=env)
    assert proc.returncode == 2
    assert "pass --resume" in proc.stderr.decode()
    proc = cli("batch", str(rows), "-o", str(out), "--no-cache", "--resume", env=env)
    assert proc.returncode == 0
    assert ids(out) == ["a0", "a1", "a2", "a3", "a4"]
    assert len(fake.requests) == 5
    summary = json.loads((tmp_path / "out.summary.json").read_text())
    assert summary["skipped_already_done"] == 2 and summary["processed"] == 3


def test_bad_articles_fail_alone_and_set_the_exit_code(env: dict[str, str], tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(SEED.read_text())
    (docs / "empty.txt").write_text("")
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    out = tmp_path / "out.jsonl"
    proc = cli("batch", str(docs), "-o", str(out), env=env)
    assert proc.returncode == 1
    records = {Path(r["id"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert records["good.txt"]["status"] == "ok"
    assert records["empty.txt"]["error"]["type"] == "InputError"
    assert "binary" in records["binary.txt"]["error"]["message"]


def test_a_missing_input_is_a_usage_error_before_any_work(
    fake: FakeOpenAI, env: dict[str, str], tmp_path: Path
) -> None:
    proc = cli(
        "batch", str(SEED), str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.jsonl"), env=env
    )
    assert proc.returncode == 2
    assert "nope.txt: no such file" in proc.stderr.decode()
    assert fake.requests == []
