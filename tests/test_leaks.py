"""Nothing secret and nothing that drives a terminal leaves the process (issue 15, items 1, 8).

An upstream server that echoes the key in its 401, a base URL with ``?api-key=``, and article
or model text full of terminal escapes, against the CLI, the batch records, the HTTP client's
log and the redaction helpers themselves.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import cli, scrub
from summarizer.article import make_article
from summarizer.errors import TransportError
from summarizer.pipeline import summarize_article
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, Reply, completion, error, write_jsonl

KEY = "sk-live-abcdef1234567890XYZ"
PROXY_KEY = "proxy-key-plain-4711"  # not shaped like a key: only remembering it catches it
ECHO = f"Incorrect API key provided: Bearer {KEY}. You can find your API key at https://x.test."
EMPTY_DRAFT = json.dumps(
    {
        "summary": {"headline": "A headline.", "abstract": "An abstract.", "key_points": []},
        "topics": [],
        "quotes": {},
        "stances": {},
        "events": {},
        "undated": [],
    }
)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def use(monkeypatch: pytest.MonkeyPatch, fake: FakeOpenAI, tmp_path: Path, key: str) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", key)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


def test_an_upstream_401_echoing_the_key_never_reaches_stderr_or_records(
    fake: FakeOpenAI,
    seed_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use(monkeypatch, fake, tmp_path, KEY)
    fake.enqueue(error(401, ECHO), error(401, ECHO))
    article = tmp_path / "article.txt"
    article.write_text(seed_text)
    assert cli.main(["summarize", str(article)]) == 1
    err = capsys.readouterr().err
    assert "HTTP 401" in err and "Bearer [REDACTED]" in err
    assert KEY not in err and "abcdef1234567890" not in err

    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": seed_text}])
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(source), "-o", str(out)]) == 1
    record = json.loads(out.read_text())
    assert record["error"]["type"] == "TransportError"
    assert "[REDACTED]" in record["error"]["message"]
    assert KEY not in out.read_text() + capsys.readouterr().err

    # A proxy that echoes a key of its own format: caught because the settings remembered it.
    monkeypatch.setenv("OPENAI_API_KEY", PROXY_KEY)
    fake.enqueue(error(403, f"key {PROXY_KEY} is not allowed on this route"))
    assert cli.main(["summarize", str(article)]) == 1
    err = capsys.readouterr().err
    assert "key [REDACTED] is not allowed" in err and PROXY_KEY not in err


def test_base_url_credentials_never_reach_the_http_clients_log(
    fake: FakeOpenAI, seed_text: str
) -> None:
    # (user:password@ in the base URL is refused outright: test_hostile_env.py)
    settings = Settings.resolve(
        env={}, base_url=f"{fake.base_url}?api-key=qs-secret-88", api_key=KEY
    )
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root, client_log = logging.getLogger(), logging.getLogger("httpx2")
    root.addHandler(handler)
    level = client_log.level
    client_log.setLevel(logging.INFO)
    try:
        scrub.install_log_redaction()
        fake.enqueue(error(401, ECHO))
        with pytest.raises(TransportError) as caught:
            summarize_article(make_article(seed_text), settings)
    finally:
        root.removeHandler(handler)
        client_log.setLevel(level)
    logged = stream.getvalue()
    assert "HTTP Request: POST http://127.0.0.1:" in logged
    assert "api-key=[REDACTED]" in logged
    message = str(caught.value)  # redacted where it is built, not only where it is shown
    for secret in ("qs-secret-88", KEY):
        assert secret not in logged and secret not in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Incorrect key: Bearer sk-proj-Zz98765abc. Go", "Incorrect key: Bearer [REDACTED] Go"),
        ("said sk-other-98765abcdef here", "said [REDACTED] here"),
        (
            "GET https://u:p4ss@h.test/v1?x=1&token=abc",
            "GET https://[REDACTED]@h.test/v1?x=1&token=[REDACTED]",
        ),
        ('{"api_key": "abcd1234"}', '{"api_key": "[REDACTED]"}'),
        ("Authorization: Basic dXNlcjpwYXNzMQ==", "Authorization: Basic [REDACTED]"),
        ("x-api-key: k3y-value-9", "x-api-key: [REDACTED]"),
        # Prose and numbers stay as they are.
        ("the bearer bonds and a basic understanding", None),
        ("token budget of 60,000 used up; prompt_tokens: 12", None),
        ("mail a@b.test about https://api.openai.com/v1", None),
    ],
)
def test_redaction_patterns(text: str, expected: str | None) -> None:
    assert scrub.redact(text) == (expected if expected is not None else text)


def test_log_records_and_tracebacks_are_redacted() -> None:
    Settings(api_key="remembered-secret-31337")  # every Settings registers its secrets
    try:
        raise RuntimeError("upstream said: remembered-secret-31337")
    except RuntimeError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "key %s", ("sk-abcdefgh123",), sys.exc_info()
        )
    scrub.RedactingFilter().filter(record)
    shown = logging.Formatter().format(record)
    assert "key [REDACTED]" in shown and "upstream said: [REDACTED]" in shown
    assert "remembered-secret-31337" not in shown and "sk-abcdefgh123" not in shown


ESCAPES = "\x1b]0;owned\x07 and \x1b]8;;http://evil.test/\x07click\x1b]8;;\x07 and \x9b31m red"


def test_terminal_escapes_from_articles_never_reach_the_terminal(
    fake: FakeOpenAI,
    seed_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use(monkeypatch, fake, tmp_path, "sk-test")
    fake.default = completion(EMPTY_DRAFT)
    text = f'{seed_text}\n\nThe sign on the door read: "{ESCAPES} in here".'
    article = tmp_path / "article.txt"
    article.write_text(text)
    assert cli.main(["summarize", str(article)]) == 0
    out, err = capsys.readouterr()
    assert "warning: unattributed_quote" in err and "owned" in err
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in err and control not in out
    assert json.loads(out)["article"]["text"] == text  # stdout JSON: same value, escaped

    # A batch warning quotes an input id; validate prints problems with article text.
    rows = [{"id": f"id {ESCAPES}", "text": seed_text}, {"id": f"id {ESCAPES}", "text": "Other."}]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out_file = tmp_path / "out.jsonl"
    cli.main(["batch", str(source), "-o", str(out_file)])
    err = capsys.readouterr().err
    assert "repeats the id" in err and "\x1b" not in err and "\x9b" not in err
    record = json.loads(out_file.read_text())
    record["summary"]["quotes"][0]["text"] = ESCAPES  # no longer what the offsets slice
    out_file.write_text(json.dumps(record) + "\n")
    assert cli.main(["validate", str(out_file)]) == 1
    out, err = capsys.readouterr()
    assert "slice the article" in out
    assert not any(c in out + err for c in ("\x1b", "\x07", "\x9b"))


def test_a_server_answer_is_redacted_even_when_it_is_not_json(fake: FakeOpenAI) -> None:
    fake.enqueue(Reply(status=401, body=f"<html>denied for {KEY}</html>".encode()))
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key=KEY, max_attempts=1)
    with pytest.raises(TransportError) as caught:
        summarize_article(make_article("Some article text here."), settings)
    assert KEY not in caught.value.one_line() and KEY not in json.dumps(caught.value.to_dict())
