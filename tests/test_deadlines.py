"""Every wait has a deadline and every read a cap (issue 23, items 7, 8 and 9, and the fuzz of
server answers).

A server that sends its headers and then one byte at a time is cut off at ``--timeout``; a 200
answer far larger than the output token cap allows fails its record without being read whole;
stdin is read with the same cap as a file. Any answer a server can give (status, headers, size,
speed, truncated or foreign JSON) ends in a summary or a ``SummarizerError``.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import math
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import cli, retry
from summarizer.article import make_article
from summarizer.errors import AnswerTooLargeError, SummarizerError, TransportTimeoutError
from summarizer.llm import answer_cap
from summarizer.pipeline import summarize_article
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, Reply, completion, edition_of, editions, write_jsonl

ARTICLE = "The mayor said on Monday that the bridge would reopen next week.\n"


@pytest.fixture
def fake(seed_draft: str) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(seed_draft)) as server:
        yield server


def use(monkeypatch: pytest.MonkeyPatch, fake: FakeOpenAI, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err
    return code, err


# Item 7: a total deadline per request, body included

DRIP = Reply(body=b"not json, one byte at a time", drip=0.2)  # 28 bytes: 5.4 s in all


def test_an_answer_dripping_one_byte_at_a_time_is_cut_off_at_the_timeout(
    fake: FakeOpenAI,
) -> None:
    fake.default = DRIP
    settings = Settings.resolve(
        env={}, base_url=fake.base_url, api_key="sk-test", timeout=1.0, max_attempts=2, reasks=0
    )
    start = time.monotonic()
    with pytest.raises(TransportTimeoutError) as caught:
        summarize_article(make_article(ARTICLE), settings)
    elapsed = time.monotonic() - start
    assert caught.value.attempts == 2 and "timed out" in caught.value.one_line()
    assert elapsed < 2 * 1.0 + 1.0  # two attempts of one second, not 2 x 5.4 s


def test_the_deadline_ends_a_read_that_is_still_waiting(fake: FakeOpenAI) -> None:
    # Headers and a byte at 0.9 s, the next byte at 2.4 s: the read timeout (1 s) would end the
    # wait at 1.9 s; the watchdog ends it at the deadline, 1 s after the request began.
    fake.default = Reply(body=b"not json at all", delay=0.9, drip=1.5)
    settings = Settings.resolve(
        env={}, base_url=fake.base_url, api_key="sk-test", timeout=1.0, max_attempts=1, reasks=0
    )
    start = time.monotonic()
    with pytest.raises(TransportTimeoutError):
        summarize_article(make_article(ARTICLE), settings)
    assert time.monotonic() - start < 1.6


def test_summarize_and_batch_give_up_on_a_dripping_server_within_the_timeout(
    fake: FakeOpenAI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use(monkeypatch, fake, tmp_path)
    monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "1")
    fake.default = DRIP
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    start = time.monotonic()
    code, err = run(capsys, "summarize", str(article), "--timeout", "1")
    assert code == 1 and "timed out" in err
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE}])
    out = tmp_path / "out.jsonl"
    code, err = run(capsys, "batch", str(source), "-o", str(out), "--timeout", "1", "--quiet")
    assert code == 1
    assert json.loads(out.read_text())["error"]["type"] == "TransportTimeoutError"
    assert time.monotonic() - start < 4.0


# Item 8: the size of an answer is capped by the output token cap


def test_a_huge_answer_fails_its_record_without_being_read_whole(
    fake: FakeOpenAI,
    seed_text: str,
    seed_draft: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use(monkeypatch, fake, tmp_path)
    size = 50_000_000  # valid JSON after 50 MB of spaces
    good = completion(seed_draft)
    huge = Reply(body=good.body, padding=size)
    fake.default = lambda body: huge if edition_of(body) == 0 else good
    source = write_jsonl(tmp_path / "in.jsonl", editions(seed_text, 2))
    out = tmp_path / "out.jsonl"
    code, err = run(capsys, "batch", str(source), "-o", str(out), "--quiet")
    assert code == 1
    found = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert found["a1"]["status"] == "ok"
    error = found["a0"]["error"]
    assert error["type"] == "AnswerTooLargeError" and error["attempts"] == 1
    cap = answer_cap(Settings.resolve(env={}))
    assert f"over {cap:,} bytes" in error["message"] and "--max-output-tokens" in error["message"]
    assert fake.body_bytes_sent and max(fake.body_bytes_sent) < size // 2  # abandoned early

    article = tmp_path / "a.txt"
    article.write_text(seed_text)
    fake.default = huge
    code, err = run(capsys, "summarize", str(article))
    assert code == 1 and "over" in err and "bytes" in err


def test_an_error_answer_is_capped_as_well(fake: FakeOpenAI) -> None:
    fake.default = Reply(status=500, body={"error": {"message": "x"}}, padding=20_000_000)
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
    with pytest.raises(AnswerTooLargeError) as caught:
        summarize_article(make_article(ARTICLE), settings)
    assert caught.value.status_code == 500 and caught.value.attempts == 1


@pytest.mark.parametrize("coding", ["gzip", "deflate"])
def test_a_compressed_answer_is_capped_by_its_inflated_size(
    coding: str, fake: FakeOpenAI, seed_draft: str
) -> None:
    answer = b" " * 30_000_000 + json.dumps(completion(seed_draft).body).encode()
    packed = gzip.compress(answer) if coding == "gzip" else zlib.compress(answer)
    assert len(packed) < 100_000  # small on the wire, 30 MB once inflated
    fake.default = Reply(body=packed, headers={"content-encoding": coding})
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
    with pytest.raises(AnswerTooLargeError):
        summarize_article(make_article(ARTICLE), settings)
    assert fake.requests[0]["_headers"]["accept-encoding"] == "identity"


# Item 9: stdin is read with the file's cap


class EndlessStdin(io.RawIOBase):
    """``/dev/zero`` of letters, counting what was read from it."""

    def __init__(self, limit: int) -> None:
        self.served = 0
        self.limit = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.limit - self.served)
        buffer[:n] = b"a" * n
        self.served += n
        return n


@pytest.mark.parametrize(
    "command", [["summarize", "-"], ["index", "-"], ["dates", "tag", "-"]], ids=" ".join
)
def test_stdin_is_read_with_the_same_cap_as_a_file(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # never reached
    raw = EndlessStdin(limit=64 * 1024 * 1024)
    stdin = io.TextIOWrapper(io.BufferedReader(raw))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, err = (
        run(capsys, *command, "--max-chars", "1000")
        if command[0] == "summarize"
        else (run(capsys, *command))
    )
    cap = (1000 if command[0] == "summarize" else 100_000) * 8
    assert code == 2 and "stdin" in err and f"over {cap:,} bytes" in err
    assert raw.served <= cap + 1 + 64 * 1024  # the cap and at most one buffer beyond it


def test_stdin_within_the_cap_is_read_whole(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(ARTICLE.encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    code = cli.main(["index", "-"])
    assert code == 0 and json.loads(capsys.readouterr().out)["sentences"]


# The fuzz: whatever a server answers, the result is a summary or a SummarizerError.

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ascii_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30)
header_names = st.one_of(
    st.sampled_from(
        [
            "retry-after",
            "retry-after-ms",
            "content-type",
            "content-encoding",
            "transfer-encoding",
            "content-length",
            "connection",
            "x-request-id",
        ]
    ),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz-"), min_size=1, max_size=12),
)
header_values = st.one_of(
    ascii_text,
    st.sampled_from(
        ["nan", "inf", "-1", "1e309", "0", "gzip", "deflate", "br", "chunked", "close", "99999999"]
    ),
    st.sampled_from(["Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"]),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def answers(draw: st.DrawFn, draft: str) -> Reply:
    status = draw(
        st.one_of(
            st.just(200),
            st.sampled_from([400, 401, 404, 408, 409, 413, 429, 500, 502, 503]),
            st.integers(200, 599),
        )
    )
    headers = draw(st.dictionaries(header_names, header_values, max_size=3))
    valid = json.dumps(completion(draft).body).encode()
    kind = draw(st.sampled_from(["valid", "truncated", "bytes", "json", "huge", "foreign"]))
    padding, truncate = 0, None
    if kind == "valid":
        body: Any = valid
    elif kind == "truncated":
        body, truncate = valid, draw(st.integers(0, len(valid) - 1))
    elif kind == "bytes":
        body = draw(st.binary(max_size=200))
    elif kind == "json":
        body = json.dumps(draw(json_values)).encode()
    elif kind == "huge":
        body, padding = valid, draw(st.integers(2_000_000, 4_000_000))
    else:  # the shape of an answer with odd types in it
        body = json.dumps(
            {
                "choices": [
                    {"message": {"content": draw(json_values)}, "finish_reason": draw(json_values)}
                ],
                "usage": draw(json_values),
            }
        ).encode()
    return Reply(status=status, body=body, headers=headers, padding=padding, truncate=truncate)


def check_any_answer(fake: FakeOpenAI, replies: list[Reply], timeout: float = 1.0) -> None:
    fake.queue.clear()
    fake.enqueue(*replies)
    fake.default = replies[-1]
    retry.slept.clear()
    settings = Settings.resolve(
        env={},
        base_url=fake.base_url,
        api_key="sk-test",
        timeout=timeout,
        max_attempts=2,
        reasks=1,
    )
    start = time.monotonic()
    try:
        summarize_article(make_article(ARTICLE), settings)
    except SummarizerError as exc:
        exc.one_line().encode("utf-8")  # printable
        json.dumps(exc.to_dict() if hasattr(exc, "to_dict") else {})
    # at most (1 + reasks) x attempts requests, each within its deadline
    assert time.monotonic() - start < 4 * (timeout + 0.5)
    assert all(math.isfinite(s) and 0 <= s <= retry.MAX_RETRY_AFTER for s in retry.slept)


@FUZZ
@given(data=st.data())
def test_any_server_answer_gives_a_summary_or_a_summarizer_error(
    data: st.DataObject, fake: FakeOpenAI, seed_draft: str
) -> None:
    replies = data.draw(st.lists(answers(seed_draft), min_size=1, max_size=4))
    check_any_answer(fake, replies)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    drip=st.floats(0.05, 0.4),
    size=st.integers(1, 64),
    status=st.sampled_from([200, 429, 500]),
)
def test_any_drip_speed_ends_within_the_deadline(
    drip: float, size: int, status: int, fake: FakeOpenAI, seed_draft: str
) -> None:
    body = json.dumps(completion(seed_draft).body).encode()[:400]  # truncated: keeps dripping
    check_any_answer(fake, [Reply(status=status, body=body, drip=drip, drip_size=size)], 0.5)


@pytest.mark.parametrize("header", ["retry-after", "retry-after-ms"])
@pytest.mark.parametrize("value", ["nan", "-nan", "NaN"])
def test_a_retry_after_that_is_not_a_number_is_not_a_wait(
    header: str, value: str, fake: FakeOpenAI, seed_draft: str
) -> None:
    fake.enqueue(
        Reply(status=429, body={"error": {"message": "slow down"}}, headers={header: value})
    )
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test", reasks=0)
    with contextlib.suppress(SummarizerError):
        summarize_article(make_article(ARTICLE), settings)
    assert len(fake.requests) == 2  # asked again, after a wait that is a number
    assert retry.slept and all(math.isfinite(s) for s in retry.slept)


def test_dates_resolve_reads_a_jsonl_stdin_one_bounded_line_at_a_time(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # 20 MB without a newline (over the 16 MiB line bound), then a line to resolve.
    tail = b'\n{"text": "on Tuesday", "dct": "2025-03-17"}\n'
    endless = EndlessStdin(limit=20 * 1024 * 1024)
    stream = io.BufferedReader(_Joined(endless, tail))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    code = cli.main(["dates", "resolve", "--jsonl", "-"])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert out[0]["line"] == 1 and "longer than" in out[0]["error"]
    assert out[1]["value"] == "2025-03-18"


class _Joined(io.RawIOBase):
    """A raw stream, then some bytes after it."""

    def __init__(self, first: io.RawIOBase, then: bytes) -> None:
        self.first, self.then = first, then

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.first.readinto(buffer)
        if n:
            return n or 0
        n = min(len(buffer), len(self.then))
        buffer[:n], self.then = self.then[:n], self.then[n:]
        return n
