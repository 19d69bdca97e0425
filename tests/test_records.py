"""The results record: one format for the writer, resume, the service and review; one write loop;
every reader bounded (``jsonl.py``), everything written one line and redacted (``scrub.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.article import Article
from summarizer.batch.inputs import Duplicate, Item
from summarizer.batch.records import (
    DuplicateResult,
    Result,
    ResultsFile,
    Tally,
    duplicate_result,
    error_result,
    ok_result,
    repair_and_scan,
    write_results,
)
from summarizer.cli_shared import write_output
from summarizer.errors import InputError
from summarizer.record_format import Record, check_record, read_record
from summarizer.review.records import read_records
from summarizer.service.jobs import tally
from tests.review_data import seed_summary


def _never_loaded(max_chars: int) -> Article:
    raise AssertionError("a duplicate is never loaded")


def _item(item_id: str, origin: str) -> Item:
    return Item(id=item_id, origin=origin, load=_never_loaded)


def _results() -> list[Result]:
    return [
        ok_result("a", seed_summary(), origin="a.txt"),
        duplicate_result(Duplicate(_item("a", "again.txt"), "a.txt")),
        error_result("b", InputError("empty article"), origin="b.txt"),
    ]


def test_written_records_are_read_back_by_every_reader(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with ResultsFile(path) as sink:
        sink.open(resume=False)
        counts = write_results(_results(), sink, Tally())
    lines = path.read_bytes().splitlines()
    assert [check_record(json.loads(line)) for line in lines] == [("a", "ok"), ("b", "error")]
    assert repair_and_scan(path).done == {"a", "b"}  # resume
    assert (tally(path).ok, tally(path).failed) == (1, 1)  # the service's job counts
    records, problems = read_records(path)  # review and validate
    assert problems == [] and [(r.id, r.status) for r in records] == [("a", "ok"), ("b", "error")]
    assert (counts.ok, counts.failed, counts.duplicates) == (1, 1, 1)


def test_duplicates_have_their_own_type_and_are_counted_not_written(tmp_path: Path) -> None:
    dup = _results()[1]
    assert isinstance(dup, DuplicateResult) and not dup.ok
    assert dup.error is not None and dup.error["type"] == "DuplicateIdError"
    assert "repeats the id of a.txt" in dup.error["message"]
    seen: list[str] = []
    written: list[str] = []
    with ResultsFile(tmp_path / "out.jsonl") as sink:
        sink.open(resume=False)
        write_results(
            _results(),
            sink,
            Tally(),
            on_record=lambda r: written.append(r.id),
            on_duplicate=lambda r: seen.append(r.origin),
        )
    assert written == ["a", "b"] and seen == ["again.txt"]


def test_stop_ends_between_records(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with ResultsFile(path) as sink:
        sink.open(resume=False)
        counts = write_results(_results(), sink, Tally(ok=5), stop=lambda: True)
    assert len(path.read_bytes().splitlines()) == 1
    assert (counts.ok, counts.failed, counts.duplicates) == (6, 0, 0)


def test_check_record_names_what_is_wrong() -> None:
    assert check_record([]) == (None, "$", "a record must be a JSON object")
    assert check_record({"id": "x", "status": "done"})[1] == "$.status"
    assert check_record({"id": "", "status": "ok", "summary": {}})[1] == "$.id"
    assert check_record({"id": "x", "status": "ok"}) == (
        None,
        "$.summary",
        "an 'ok' record needs a summary object",
    )
    assert check_record({"id": "x", "status": "error", "error": {}}) == ("x", "error")


def test_one_record_model_writes_the_line_format_byte_for_byte() -> None:
    """``Record.to_line`` writes what the hand-built writer wrote: ASCII JSON with ", " and
    ": " around the summary, which pydantic serialises compactly, in the order id, status,
    body, usage, cached, input."""
    summary = seed_summary()
    ok = ok_result("a\u2028", summary, origin="a.txt").to_line()
    head = b'{"id": "a\\u2028", "status": "ok", "summary": '
    usage = json.dumps(summary.provenance.usage.model_dump()).encode()
    tail = b', "usage": ' + usage + b', "cached": false, "input": "a.txt"}\n'
    assert ok == head + summary.model_dump_json().encode() + tail
    error = error_result("b", InputError("empty article")).to_line()
    assert error == (
        b'{"id": "b", "status": "error", "error": {"type": "InputError", "message": "empty '
        b'article", "attempts": 0}, "usage": {"prompt_tokens": 0, "completion_tokens": 0, '
        b'"total_tokens": 0}, "cached": false}\n'
    )


def test_a_record_is_read_as_leniently_as_the_first_readers_read_it() -> None:
    """Only id, status and that status's body are required; informational fields of another
    type read as absent, other keys are ignored, and such a record is still written whole."""
    found = read_record({"id": "u", "status": "ok", "summary": {"t": 1}, "usage": "lots", "x": 1})
    assert isinstance(found, Record) and found.summary == {"t": 1} and found.usage is None
    assert found.to_line() == b'{"id": "u", "status": "ok", "summary": {"t": 1}}\n'
    bare = read_record({"id": "e", "status": "error", "error": {"type": "X"}, "summary": "no"})
    assert isinstance(bare, Record) and bare.summary is None and bare.error == {"type": "X"}
    assert read_record({"id": "x", "status": "ok"}) == (
        "$.summary",
        "an 'ok' record needs a summary object",
    )


def test_every_reader_of_the_format_takes_hostile_lines_in_its_stride(tmp_path: Path) -> None:
    """The record format's readers (resume, service counts, review) share the bounded reader:
    a deep, a huge-number and a line-separator line cost one line each, never the file."""
    path = tmp_path / "out.jsonl"
    with ResultsFile(path) as sink:
        sink.open(resume=False)
        write_results(_results(), sink, Tally())
        sink.write(error_result("c\u2028d", InputError("bad\u2029input"), origin="c.txt"))
    with path.open("ab") as f:
        f.write(b"[" * 5000 + b"]" * 5000 + b"\n")
        f.write(b'{"id": "n", "status": "ok", "summary": {"n": ' + b"9" * 5000 + b"}}\n")
    assert path.read_bytes().count(b"\n") == 5  # U+2028/U+2029 escaped: the record is one line
    assert (tally(path).ok, tally(path).failed) == (1, 2)
    records, problems = read_records(path)
    assert [r.id for r in records] == ["a", "b", "c\u2028d"]
    assert [p.line for p in problems] == [4, 5]
    scan = repair_and_scan(path)
    assert scan.done == {"a", "b", "c\u2028d"} and scan.bad_line_numbers == [4, 5]
    assert scan.backup is not None and path.read_bytes().count(b"\n") == 3


def test_a_duplicate_is_reported_like_any_error_redacted_and_without_controls() -> None:
    dup = duplicate_result(Duplicate(_item("sk-abcdefgh12345\x1b]0;x\x07", "b.txt"), "a.txt"))
    assert dup.error is not None
    message = dup.error["message"]
    assert "sk-abcdefgh12345" not in message and "\x1b" not in message and "\x07" not in message
    assert "[REDACTED]" in message and "repeats the id of a.txt" in message


def test_json_on_stdout_is_one_line_per_record_for_any_line_splitter(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_output(json.dumps({"text": "a\u2028b\u2029c\x85"}, ensure_ascii=False) + "\n", None)
    out = capsys.readouterr().out
    assert out == '{"text": "a\\u2028b\\u2029c\\u0085"}\n'
    assert json.loads(out) == {"text": "a\u2028b\u2029c\x85"}
