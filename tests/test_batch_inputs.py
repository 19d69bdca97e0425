"""Batch inputs and the pieces a run is built from: inputs, selection, records, pacing, cost."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from summarizer.batch.cost import CostTally, PriceTable
from summarizer.batch.inputs import Duplicate, Selection, count_items, iter_items
from summarizer.batch.limits import BackoffGate, Counters, RateLimiter
from summarizer.batch.progress import (
    BarProgress,
    PlainProgress,
    Progress,
    Quiet,
    make_progress,
)
from summarizer.batch.records import Result, ResultsFile, error_result, repair_and_scan
from summarizer.errors import InputError
from summarizer.schema import Usage


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "one.txt").write_text("First article.\n\nIt has a body.")
    (tmp_path / "a" / "two.md").write_text("Second article, in markdown.")
    (tmp_path / "a" / "b" / "three.json").write_text(
        json.dumps({"text": "Third article.", "published": "2025-01-02"})
    )
    (tmp_path / "a" / "b" / "picture.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden" / "secret.txt").write_text("not an input")
    (tmp_path / "a" / "more.jsonl").write_text(
        '{"id": "x1", "text": "Line one."}\n\n{"id": 7, "text": "Line two."}\n'
    )
    return tmp_path


def test_directory_is_walked_recursively_by_extension(tree: Path) -> None:
    items = list(iter_items([str(tree)]))
    # A folder's own files (sorted) come before its subfolders; hidden and other files are not
    # inputs; a JSONL file found in the walk contributes its lines.
    assert [i.id for i in items] == [
        str(tree / "one.txt"),
        "x1",
        "7",
        str(tree / "a" / "two.md"),
        str(tree / "a" / "b" / "three.json"),
    ]
    three = items[4].load(100_000)
    assert three.published is not None and three.published.isoformat() == "2025-01-02"
    assert items[1].origin == f"{tree / 'a' / 'more.jsonl'}:1"
    assert items[2].origin == f"{tree / 'a' / 'more.jsonl'}:3"  # blank line skipped, not renumbered
    assert count_items([str(tree)]) == 5


def test_glob_matches_recursively(tree: Path) -> None:
    items = list(iter_items([str(tree / "**" / "*.md"), str(tree / "*.txt")]))
    assert [Path(i.id).name for i in items] == ["two.md", "one.txt"]


def test_specs_that_name_nothing_are_bad_input(tree: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_items([str(tree / "missing.txt")]))
    with pytest.raises(InputError, match="matches no file"):
        list(iter_items([str(tree / "*.doc")]))


def test_stdin_jsonl_and_broken_lines() -> None:
    stdin = io.BytesIO(
        b'{"id": "s1", "text": "Hello there.", "title": "T", "source": "wire"}\n'
        b"[1, 2]\n"
        b"{broken\n"
        b'{"text": "No id given here."}\n'
    )
    items = list(iter_items(["-"], stdin=stdin))
    assert [i.id for i in items[:3]] == ["s1", "stdin:2", "stdin:3"]
    first = items[0].load(1000)
    assert (first.title, first.source) == ("T", "wire")
    with pytest.raises(InputError, match="must be an object"):
        items[1].load(1000)
    with pytest.raises(InputError, match="malformed JSON"):
        items[2].load(1000)
    assert items[3].id == items[3].load(1000).id  # no id: the text's own hash


def test_selection_skips_done_flags_duplicates_and_caps() -> None:
    stdin = io.BytesIO(
        b"".join(
            json.dumps({"id": i, "text": f"Article {i}."}).encode() + b"\n"
            for i in ["a", "b", "a", "c", "d", "e"]
        )
    )
    selection = Selection(iter_items(["-"], stdin=stdin), done={"b"}, limit=5)
    units = list(selection)
    kinds = [(type(u).__name__, u.item.id if isinstance(u, Duplicate) else u.id) for u in units]
    assert kinds == [("Item", "a"), ("Duplicate", "a"), ("Item", "c"), ("Item", "d")]
    assert selection.inputs == 5 and selection.skipped == 1
    assert selection.duplicates == [{"id": "a", "input": "stdin:3", "first_input": "stdin:1"}]


def test_torn_tail_and_bad_lines_are_repaired(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    good = [json.dumps({"id": f"r{i}", "status": "ok", "summary": {}}) for i in range(3)]
    torn = '{"id": "r3", "sta'
    path.write_text(f"{good[0]}\ngarbage\n{good[1]}\n{good[2]}\n{torn}")
    scan = repair_and_scan(path)
    assert scan.done == {"r0", "r1", "r2"}
    assert scan.torn_bytes == len(torn)
    assert scan.bad_lines == 1
    assert path.read_text() == "\n".join(good) + "\n"


def test_results_file_refuses_to_overwrite_without_resume(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps({"id": "x", "status": "ok", "summary": {}}) + "\n")
    with pytest.raises(InputError, match="--resume"):
        ResultsFile(path).open(resume=False)
    with ResultsFile(path) as results:
        assert results.open(resume=True).done == {"x"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_rate_limiter_requests_per_minute() -> None:
    clock = Clock()
    limiter = RateLimiter(rpm=2, clock=clock, sleep=clock.sleep)
    waits = [limiter.acquire() for _ in range(5)]
    assert waits == [0.0, 0.0, 60.0, 0.0, 60.0]


def test_rate_limiter_tokens_per_minute() -> None:
    clock = Clock()
    limiter = RateLimiter(tpm=1000, clock=clock, sleep=clock.sleep)
    assert limiter.acquire(600) == 0.0
    clock.now += 10
    assert limiter.acquire(300) == 0.0
    # 600 + 300 + 400 > 1000: wait until the first 600 leave the window (t0 + 60).
    assert limiter.acquire(400) == pytest.approx(50.0)
    # An oversized request still goes, alone in its window.
    assert limiter.acquire(5000) == pytest.approx(60.0)


def test_gate_honours_retry_after_then_backs_off() -> None:
    clock = Clock()
    gate = BackoffGate(clock=clock, sleep=clock.sleep)
    assert gate.wait() == 0.0
    gate.too_many_requests(7.0)
    assert gate.wait() == 7.0
    assert gate.wait() == 0.0  # open again once the pause has passed
    gate.succeeded()
    gate.too_many_requests(None)
    gate.too_many_requests(None)
    assert gate.wait() == 2.0  # the second 429 in a row without Retry-After: 2 s
    gate.succeeded()
    gate.too_many_requests(None)
    assert gate.wait() == 1.0


def test_cost_uses_prefix_prices_and_reports_unknown_models(tmp_path: Path) -> None:
    tally = CostTally(PriceTable(), discount=0.5)
    tally.add("gpt-4o-mini-2024-07-18", Usage(prompt_tokens=1_000_000, completion_tokens=100_000))
    # gpt-4o-mini: $0.15 in + $0.60 out per million, Batch API half price.
    assert tally.cost() == pytest.approx((0.15 + 0.06) / 2)
    tally.add("mystery", Usage(prompt_tokens=1, completion_tokens=1, total_tokens=2))
    assert tally.cost() is None and tally.unpriced() == ["mystery"]
    bad = tmp_path / "prices.json"
    bad.write_text(json.dumps({"m": {"input": "cheap"}}))
    with pytest.raises(InputError, match="numeric"):
        PriceTable.load(bad)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def feed(progress: Progress) -> None:
    """Two results, one failed, as the runner would report them."""
    progress.start(2)
    progress.advance(Result(id="a", status="ok", usage=Usage(total_tokens=1300)))
    progress.advance(error_result("b", InputError("article is empty")))
    progress.stop()


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise() -> None:
    counters = Counters()
    terminal = Terminal()
    bar = make_progress(counters, quiet=False, stream=terminal)
    assert isinstance(bar, BarProgress)
    feed(bar)
    shown = terminal.getvalue()
    assert "2/2" in shown and "1 failed" in shown and "1,300 tok" in shown

    log = io.StringIO()
    plain = make_progress(counters, quiet=False, stream=log)
    assert isinstance(plain, PlainProgress)
    feed(plain)
    assert (
        log.getvalue()
        .splitlines()[-1]
        .startswith("summarizer: batch: 2/2 done, 1 failed, 0 cached, 0 retried, 1,300 tokens")
    )
    assert isinstance(make_progress(counters, quiet=True, stream=terminal), Quiet)
