"""The command line as a user runs it: a real process, real exit codes, stderr kept apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.fakes import FakeOpenAI, completion, error


def cli(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        cwd=ROOT,
        env={**base, **(env or {})},
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("summarizer: error: ")
    return lines[0]


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def test_summarize_seed_to_stdout(fake: FakeOpenAI, seed_draft: str) -> None:
    fake.enqueue(completion(seed_draft))
    proc = cli(
        "summarize",
        str(SEED),
        "--published",
        "2025-03-17",
        env={"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "sk-test"},
    )
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)  # stdout is pure JSON; diagnostics went to stderr
    assert data["article"]["published"] == "2025-03-17"
    for q in data["quotes"]:
        assert data["article"]["text"][q["start"] : q["end"]] == q["text"]
    assert "warning: duplicate_key_point" in proc.stderr.decode()


def test_summarize_to_file_from_stdin(fake: FakeOpenAI, seed_draft: str, tmp_path: Path) -> None:
    fake.enqueue(completion(seed_draft))
    out = tmp_path / "out.json"
    proc = cli(
        "summarize", "-", "-o", str(out), "--base-url", fake.base_url, stdin=SEED.read_bytes()
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    assert json.loads(out.read_text())["summary"]["headline"]


def test_model_failure_exits_1(fake: FakeOpenAI) -> None:
    fake.default = completion("not json")
    proc = cli("summarize", str(SEED), "--base-url", fake.base_url, "--reasks", "1")
    assert proc.returncode == 1
    assert "still invalid after 2 attempt" in one_line_error(proc)


def test_server_error_exits_1(fake: FakeOpenAI) -> None:
    fake.default = error(401, "invalid api key")
    proc = cli("summarize", str(SEED), "--base-url", fake.base_url)
    assert proc.returncode == 1
    assert "HTTP 401" in one_line_error(proc)


# Bad article files and the one-line error each gets (content, suffix, words of the message).
BAD_FILES = [
    pytest.param(b"", ".txt", "is empty", id="empty"),
    pytest.param(b"  \n \n", ".txt", "is empty", id="whitespace"),
    pytest.param(b"\x00\x01\x02binary\x00", ".txt", "binary", id="binary"),
    pytest.param(bytes(range(128, 256)) * 10, ".txt", "not valid UTF-8", id="not-utf8"),
    pytest.param(b"{broken", ".json", "malformed JSON", id="bad-json"),
]


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        *BAD_FILES,
        pytest.param(
            b'{"text": "ok", "published": "soon"}', ".json", "invalid 'published'",
            id="bad-published",
        ),
    ],
)  # fmt: skip
def test_bad_input_exits_2(tmp_path: Path, content: bytes, suffix: str, message: str) -> None:
    p = tmp_path / f"in{suffix}"
    p.write_bytes(content)
    proc = cli("summarize", str(p), "--base-url", "http://127.0.0.1:9/v1")
    assert proc.returncode == 2
    assert message in one_line_error(proc)


def test_huge_input_exits_2(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("word " * 5000)
    proc = cli("summarize", str(p), "--max-chars", "1000", "--base-url", "http://127.0.0.1:9/v1")
    assert proc.returncode == 2
    assert "over the limit of 1,000" in one_line_error(proc)


def test_bad_published_flag_exits_2() -> None:
    proc = cli(
        "summarize", str(SEED), "--published", "March 17", "--base-url", "http://127.0.0.1:9/v1"
    )
    assert proc.returncode == 2
    assert "expected YYYY-MM-DD" in one_line_error(proc)


def test_bad_setting_exits_2() -> None:
    proc = cli("summarize", str(SEED), env={"SUMMARIZER_TIMEOUT": "soon"})
    assert proc.returncode == 2
    assert "SUMMARIZER_TIMEOUT" in one_line_error(proc)


def test_usage_error_exits_2() -> None:
    assert cli("summarize").returncode == 2
    assert cli().returncode == 2


def test_schema_command_prints_final_and_draft_schema() -> None:
    final = json.loads(cli("schema").stdout)
    assert "provenance" in final["properties"]
    draft = json.loads(cli("schema", "--draft").stdout)
    assert draft["additionalProperties"] is False
    assert "maxLength" in cli("schema", "--draft", "--kind", "grammar").stdout.decode()


def test_dates_resolve_one_expression() -> None:
    proc = cli("dates", "resolve", "last Tuesday", "--published", "2013-03-22")
    assert proc.returncode == 0, proc.stderr.decode()
    # Friday 2013-03-22: the Tuesday before is 19 March.
    assert json.loads(proc.stdout) == {
        "text": "last Tuesday",
        "value": "2013-03-19",
        "granularity": "day",
        "reason": None,
    }


def test_dates_resolve_without_publication_date() -> None:
    proc = cli("dates", "resolve", "yesterday")
    assert json.loads(proc.stdout)["reason"] == "no_publication_date"
    assert json.loads(proc.stdout)["value"] is None


def test_dates_resolve_jsonl_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(
        '{"text": "on Friday", "dct": "2025-03-17", "context": "He said on Friday."}\n'
        "{broken\n"
        '{"text": "March 3, 2022", "published": "2025-03-17"}\n'
    )
    proc = cli("dates", "resolve", "--jsonl", str(p))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(rows) == 3
    assert rows[0]["value"] == "2025-03-14"
    assert "error" in rows[1] and rows[1]["line"] == 2
    assert rows[2]["value"] == "2022-03-03"


def test_dates_resolve_bad_flag_exits_2() -> None:
    proc = cli("dates", "resolve", "today", "--published", "tomorrow")
    assert proc.returncode == 2
    assert "--published" in one_line_error(proc)


def test_unexpected_errors_stay_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from summarizer import cli as cli_module

    def broken(args: object) -> int:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli_module, "cmd_schema", broken)
    assert cli_module.main(["schema"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: boom second line" in err
