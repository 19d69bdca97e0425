"""The results record: one format for the writer, resume, the service and review; one write loop."""

from __future__ import annotations

import json
from pathlib import Path

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
from summarizer.errors import InputError
from summarizer.record_format import check_record
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
