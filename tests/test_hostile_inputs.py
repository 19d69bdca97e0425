"""Hostile files against batch, resume, validate and review: one bad line never costs the others.

Items of the adversarial pass (issue 15): hostile JSONL lines (2), ``--resume`` on a file that
is not ours (3), records with line separators (4), FIFOs and devices (6), ``.json`` articles
that are not valid Unicode or nest too deeply (7), and symlinks out of a directory input.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import cli
from summarizer.batch.inputs import iter_items
from summarizer.batch.records import repair_and_scan
from tests.fakes import FakeOpenAI, completion, draft_answer, edition_of, editions, write_jsonl
from tests.test_cli import cli as cli_process

DEEP = "[" * 5000 + "]" * 5000
HUGE = '{"id": "huge", "text": "x", "n": ' + "7" * 5000 + "}"


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


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line]


def test_hostile_jsonl_lines_each_become_their_own_error_record(
    env: dict[str, str], seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [json.dumps(row) for row in editions(seed_text, 2)]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([good[0], DEEP, HUGE, good[1]]) + "\n")
    out = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "batch", str(source), "-o", str(out), "--quiet")
    assert code == 1  # failures among the records, not an internal error
    found = {r["id"]: r for r in records(out)}
    assert set(found) == {"a0", "a1", f"{source}:2", f"{source}:3"}
    assert found["a0"]["status"] == found["a1"]["status"] == "ok"
    assert "nested deeper than" in str(found[f"{source}:2"]["error"])
    assert "digits" in str(found[f"{source}:3"]["error"])

    # The same hostile lines inside the results file: validate and review report each one at
    # its own line and go on; resume keeps a copy, drops them, and redoes nothing else.
    lines = out.read_bytes().split(b"\n")[:-1]
    damaged = b"\n".join([lines[0], DEEP.encode(), *lines[1:], HUGE.encode()]) + b"\n"
    out.write_bytes(damaged)
    code, printed, _ = run(capsys, "validate", str(out))
    assert code == 1
    assert f"{out}:2: $: malformed JSON: nested deeper than 64 levels" in printed
    assert f"{out}:{len(lines) + 2}: $: malformed JSON" in printed
    code, _, err = run(capsys, "review", str(out))
    assert code == 0
    assert err.count("warning: skipped") == 2
    code, _, err = run(capsys, "batch", str(source), "-o", str(out), "--resume", "--quiet")
    assert code == 0  # every input already has its record: nothing to redo
    assert f"removed 2 unreadable line(s) (line 2, {len(lines) + 2})" in err
    backups = list(tmp_path.glob("out.jsonl.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == damaged
    assert len(records(out)) == 4


def test_resume_refuses_files_that_are_not_results_and_leaves_them_untouched(
    env: dict[str, str], seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 2))
    foreign = tmp_path / "foreign.jsonl"
    foreign.write_text("".join(json.dumps({"name": f"n{i}", "value": i}) + "\n" for i in range(50)))
    noise = tmp_path / "noise.jsonl"
    noise.write_bytes(random.Random(15).randbytes(100_000))
    for target in (foreign, noise):
        before = target.read_bytes()
        code, _, err = run(capsys, "batch", str(source), "-o", str(target), "--resume")
        assert code == 2
        assert "does not look like summarizer batch results" in err
        assert "it was not changed" in err
        assert target.read_bytes() == before
    assert list(tmp_path.glob("*.bak")) == []


def test_resume_judges_a_file_by_all_its_records_error_records_included(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    errors = [{"id": f"e{i}", "status": "error", "error": {"type": "X"}} for i in range(2)]
    write_jsonl(path, [*errors, {"not": "a record"}])
    scan = repair_and_scan(path, retry_errors=True)  # 2 of ours against 1 foreign line
    assert (scan.errors_to_retry, scan.bad_lines, path.read_text()) == (2, 1, "")
    assert scan.backup is not None and scan.backup.exists()


def test_a_torn_record_is_cut_without_a_copy_but_foreign_bytes_are_kept(
    env: dict[str, str], seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 3))
    out = tmp_path / "out.jsonl"
    assert run(capsys, "batch", str(source), "-o", str(out), "--quiet")[0] == 0
    whole = out.read_bytes()
    out.write_bytes(whole + b'{"id": "a9", "sta')  # a crash mid-write
    code, _, err = run(capsys, "batch", str(source), "-o", str(out), "--resume")
    assert code == 0 and "removed a torn last line (17 bytes)" in err
    assert out.read_bytes() == whole and list(tmp_path.glob("*.bak")) == []
    out.write_bytes(whole + b"somebody else's notes")
    code, _, err = run(capsys, "batch", str(source), "-o", str(out), "--resume")
    assert code == 0 and "the file as it was is kept as" in err
    assert [b.read_bytes() for b in tmp_path.glob("*.bak")] == [whole + b"somebody else's notes"]


def test_line_separators_never_split_a_record(
    env: dict[str, str],
    fake: FakeOpenAI,
    seed_text: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The separators move sentence boundaries: answer each article from its own schema.
    fake.default = draft_answer
    rows = editions(seed_text, 2)
    rows[0]["text"] = rows[0]["text"].replace(" the ", " the\u2028", 3) + "\u2029end\x85."
    rows[0]["id"] = "id\u2028with separator"
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    assert run(capsys, "batch", str(source), "-o", str(out), "--quiet")[0] == 0
    raw = out.read_bytes()
    for char in ("\u2028", "\u2029", "\x85"):
        assert char.encode() not in raw  # written as \\u escapes
    assert raw.count(b"\n") == 2 and len(raw.decode().splitlines()) == 2
    assert {r["id"] for r in records(out)} == {"id\u2028with separator", "a1"}
    code, _, err = run(capsys, "validate", str(out))
    assert code == 0 and "ok, 2 record(s)" in err

    # Another tool's file with a raw U+2028 inside a string is still one line per record.
    first, second = sorted(records(out), key=lambda r: r["id"] != "a1")
    other = tmp_path / "other.jsonl"
    raw_first = json.dumps(second, ensure_ascii=False)
    assert "\u2028" in raw_first
    other.write_text(raw_first + "\n{broken\n" + json.dumps(first) + "\n", encoding="utf-8")
    code, printed, _ = run(capsys, "validate", str(other))
    assert code == 1
    assert printed.strip() == f"{other}:2: $: malformed JSON at column 2: " + (
        "Expecting property name enclosed in double quotes"
    )
    code, shown, err = run(capsys, "review", str(other))
    assert code == 0 and f"{other}:2" in err and "2 ok, 0 errors" in shown


def test_fifos_and_devices_are_skipped_with_a_record_and_never_hang(
    env: dict[str, str], seed_text: str, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(seed_text)
    os.mkfifo(docs / "pipe.jsonl")
    os.mkfifo(docs / "pipe.txt")
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    out = tmp_path / "out.jsonl"
    proc = cli_process("batch", str(docs), str(zero), "-o", str(out), "--quiet", env=env)
    assert proc.returncode == 1, proc.stderr.decode()
    found = {Path(str(r["id"])).name: r for r in records(out)}
    assert found["good.txt"]["status"] == "ok"
    for name in ("pipe.jsonl", "pipe.txt", "zero.txt"):
        assert "not a regular file" in str(found[name]["error"]), name
    for command in ("validate", "review"):
        proc = cli_process(command, str(docs / "pipe.jsonl"), env=env)
        assert "not a regular file" in proc.stderr.decode() + proc.stdout.decode()
        assert proc.returncode in (1, 2)


def test_jsonl_lines_are_read_up_to_a_cap(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    long_line = json.dumps({"id": "long", "text": "word " * 100})
    source.write_text(json.dumps({"id": "short", "text": "A short one."}) + "\n" + long_line)
    items = list(iter_items([str(source)], max_line_bytes=200))
    assert [i.id for i in items] == ["short", f"{source}:2"]
    with pytest.raises(Exception, match="longer than 200 bytes"):
        items[1].load(100_000)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "A lone \\ud800 surrogate in an otherwise fine article."}', "lone surrogate"),
        ('{"text": "Fine text.", "title": "\\udfff"}', "lone surrogate"),
        ('{"text": ' + DEEP + "}", "nested deeper than"),
        ('{"text": "x", "n": ' + "9" * 5000 + "}", "digits"),
    ],
)
def test_json_articles_that_cannot_be_text_are_bad_input(
    content: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.json"
    article.write_text(content)
    code, out, err = run(capsys, "summarize", str(article))
    assert code == 2
    assert out == "" and reason in err
    code, printed, _ = run(capsys, "validate", str(article))
    assert code == 1 and printed.startswith(str(article))


def test_symlinks_out_of_a_directory_input_are_not_read(
    env: dict[str, str], fake: FakeOpenAI, seed_text: str, tmp_path: Path
) -> None:
    secret = tmp_path / "outside" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:the secret of someone else, never to reach a model\n" * 3)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "real.txt").write_text(seed_text + "\n\nEdition 1.")
    (docs / "passwd.txt").symlink_to(secret)
    (docs / "alias.txt").symlink_to(docs / "real.txt")  # inside: followed
    out = tmp_path / "out.jsonl"
    code = cli.main(["batch", str(docs), "-o", str(out), "--quiet", "--no-cache"])
    assert code == 1
    found = {Path(str(r["id"])).name: r for r in records(out)}
    assert "outside the input directory" in str(found["passwd.txt"]["error"])
    assert found["alias.txt"]["status"] == found["real.txt"]["status"] == "ok"
    assert [edition_of(r) for r in fake.requests] == [1, 1]
    assert all("someone else" not in json.dumps(r) for r in fake.requests)
    # Named on the command line, the same link is the user's choice and is read.
    cli.main(["batch", str(docs / "passwd.txt"), "-o", str(tmp_path / "x.jsonl"), "--quiet"])
    assert "someone else" in json.dumps(fake.requests[-1])
