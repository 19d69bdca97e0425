"""Property tests of every JSONL reader with arbitrary bytes and deep structures (issue 15).

Whatever a file holds, ``validate``/``review`` (``iter_records``), batch inputs (``iter_items``)
and resume (``repair_and_scan``) raise nothing unexpected, and every non-blank input line is
accounted for: as exactly one record, item or finding.
"""

from __future__ import annotations

import contextlib
import functools
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.batch.inputs import iter_items
from summarizer.batch.records import RECORD_PREFIX, repair_and_scan
from summarizer.errors import InputError
from summarizer.review.records import Located, Problem, iter_records
from summarizer.review.validate import validate_files
from tests.review_data import error_record, ok_record, seed_summary

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def good_lines() -> tuple[bytes, ...]:
    ok = json.dumps(ok_record("ok-1", seed_summary())).encode()
    return (ok, json.dumps(error_record("err-1")).encode(), b'{"id": "x", "text": "An article."}')


line_strategy = st.one_of(
    st.binary(max_size=120),
    st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.integers(1, 3000).map(lambda d: b"[" * d + b"]" * d),
    st.integers(1, 3000).map(lambda d: b'{"a": ' * d + b"0" + b"}" * d),
    st.integers(4000, 6000).map(lambda n: b'{"id": "n", "status": "ok", "n": ' + b"9" * n + b"}"),
    st.sampled_from(
        [
            b'{"id": "s", "status": "ok", "summary": {"t": "\\ud800"}}',
            b'{"id": "\\u2028", "status": "error", "error": {}}',
            '{"id": "raw", "status": "ok", "summary": {"t": "a\u2028b\u2029c\x85"}}'.encode(),
            b"NaN",
            b"   ",
            b"\xff\xfe",
        ]
    ),
    st.integers(0, 2).map(lambda i: good_lines()[i]),
)
file_strategy = st.tuples(st.lists(line_strategy, max_size=12), st.booleans()).map(
    lambda parts: b"\n".join(parts[0]) + (b"\n" if parts[1] else b"")
)


def non_blank_lines(data: bytes) -> list[int]:
    """1-based numbers of the lines (split on \\n only) that hold more than whitespace."""
    return [n for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()]


@FUZZ
@given(data=file_strategy)
def test_validate_and_review_account_for_every_line(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "results.jsonl"
        path.write_bytes(data)
        found = list(iter_records(path))  # the reader of both review and validate
        report = validate_files([path])
    expected = non_blank_lines(data)
    per_line = [f for f in found if f.line is not None]
    assert [f.line for f in per_line] == expected  # one record or problem per line, in order
    if not expected:
        assert found == [Problem(str(path), None, "$", "empty file: no records")]
    assert report.records == sum(isinstance(f, Located) for f in found)
    assert {p.line for p in report.problems} >= {f.line for f in found if isinstance(f, Problem)}
    for problem in report.problems:
        str(problem).encode("utf-8")  # printable: no lone surrogate left in a message


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), line_strategy))
def test_a_single_json_document_gives_exactly_one_finding(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summary.json"
        path.write_bytes(data)
        found = list(iter_records(path))
        report = validate_files([path])
    assert len(found) == 1
    assert report.records == isinstance(found[0], Located)
    assert report.records or report.problems  # a record, or a finding about the document


@FUZZ
@given(data=file_strategy)
def test_batch_inputs_give_one_item_per_line_and_fail_only_as_bad_input(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(data)
        items = list(iter_items([str(path)], max_line_bytes=10_000))
    assert [int(i.origin.rsplit(":", 1)[1]) for i in items] == non_blank_lines(data)
    for item in items:
        with contextlib.suppress(InputError):  # bad input is expected; nothing else may escape
            item.load(100_000)


@FUZZ
@given(data=file_strategy, retry_errors=st.booleans())
def test_resume_repairs_our_files_and_refuses_the_rest_untouched(
    data: bytes, retry_errors: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.jsonl"
        path.write_bytes(data)
        try:
            scan = repair_and_scan(path, retry_errors=retry_errors)
        except InputError as exc:
            assert "does not look like summarizer batch results" in str(exc)
            assert path.read_bytes() == data
            assert list(Path(folder).glob("*.bak")) == []
            return
        after = path.read_bytes()
        backups = [b.read_bytes() for b in Path(folder).glob("*.bak")]
    lines = [line for line in after.split(b"\n") if line.strip()]
    assert after == b"" or after.endswith(b"\n")  # a torn tail never survives
    assert len(lines) == scan.records  # every record kept, nothing else
    for line in lines:
        record = json.loads(line)
        assert record["status"] in ("ok", "error") and isinstance(record["id"], str)
        assert not (retry_errors and record["status"] == "error")
    tail = data[data.rfind(b"\n") + 1 :]
    foreign_tail = bool(tail) and not RECORD_PREFIX.startswith(tail[: len(RECORD_PREFIX)])
    # Anything dropped beyond a torn record leaves a copy of the file as it was.
    assert backups == ([data] if scan.bad_lines or foreign_tail else [])


@pytest.mark.parametrize("depth", [64, 65, 999, 5000])
def test_depth_limit_is_exact(depth: int, tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b"[" * depth + b"]" * depth + b"\n")
    (found,) = list(iter_records(path))
    assert isinstance(found, Problem)
    expected = "expected a JSON object" if depth <= 64 else "nested deeper than 64 levels"
    assert expected in found.message
