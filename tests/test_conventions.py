"""Issue 25's conventions: what a user of a command-line tool, a library or a service expects
to find (``--version``, log levels, ISO timestamps, ``Retry-After``, XDG folders, quiet broken
pipes, fast failure when nothing listens, the served model, typed keywords, a status line)."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import httpx2
import openai
import pytest

import summarizer
from summarizer import cli, logs, retry, version
from summarizer.article import article_id
from summarizer.errors import TransportError
from summarizer.service.app import create_app
from summarizer.service.config import ServiceConfig
from summarizer.settings import SettingOverrides, Settings
from tests.conftest import ROOT, SEED
from tests.fakes import FakeOpenAI, Reply, completion, error
from tests.review_data import seed_summary
from tests.service_helpers import TOKEN_A, RunningService, free_port, wait_for

# 1. The version ------------------------------------------------------------------------------


def test_version_flag_and_attribute_are_the_installed_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    installed = metadata.version("summarizer")
    assert summarizer.__version__ == installed
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"summarizer {installed}"


def test_version_without_installed_metadata_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    version.package_version.cache_clear()
    try:
        assert version.package_version() == "0+unknown"
    finally:
        version.package_version.cache_clear()


def test_openapi_version_is_the_package_version(tmp_path: Path) -> None:
    app = create_app(ServiceConfig(data_dir=tmp_path), Settings(base_url="http://127.0.0.1:1/v1"))
    assert app.openapi()["info"]["version"] == metadata.version("summarizer")


# 2. Log levels, and one log format for the service ----------------------------------------


@pytest.mark.parametrize(
    ("argv", "level"),
    [
        (["schema"], logging.WARNING),
        (["-v", "schema"], logging.INFO),
        (["schema", "-vv"], logging.DEBUG),
        (["dates", "resolve", "today", "--published", "2025-03-17", "-v"], logging.INFO),
        (["-vv", "--log-level", "error", "schema"], logging.ERROR),
        (["schema", "--log-level", "DEBUG"], logging.DEBUG),
    ],
)
def test_verbose_and_log_level_set_the_level_on_stderr(argv: list[str], level: int) -> None:
    assert cli.main(argv) == 0
    assert logging.getLogger().level == level
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logs.StderrHandler)]
    assert len(ours) == 1


def test_verbose_shows_each_retry(
    tmp_path: Path, seed_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "art.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with FakeOpenAI() as fake:
        fake.enqueue(error(503, "busy"), completion(seed_draft))
        argv = ["summarize", str(article), "--base-url", fake.base_url, "--model", "m", "-v"]
        assert cli.main(argv) == 0
    err = capsys.readouterr().err
    assert "attempt 1 of 5 failed" in err and fake.base_url in err


def test_every_service_log_line_is_one_json_object(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """uvicorn's own lines, the access log, the HTTP client's and ours: all JSON on a pipe."""
    import uvicorn

    from summarizer.service.cli import serve

    real_run = uvicorn.Server.run
    port = free_port()

    def run_and_call(server: uvicorn.Server) -> None:
        def client() -> None:
            wait_for(lambda: server.started)
            with httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
                http.get("/healthz")
                http.post("/v1/summaries", json={"text": "Rain fell. It was wet.", "title": "t"})
            server.should_exit = True

        thread = threading.Thread(target=client)
        thread.start()
        real_run(server)
        thread.join()

    monkeypatch.setattr(uvicorn.Server, "run", run_and_call)
    with FakeOpenAI(default=error(400, "no")) as fake:
        settings = Settings.resolve(env={}, base_url=fake.base_url, model="m", max_attempts=1)
        serve(ServiceConfig(data_dir=tmp_path), settings, host="127.0.0.1", port=port)
    lines = capsys.readouterr().err.splitlines()
    records = [json.loads(line) for line in lines]  # every line, or this fails
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    loggers = {r["logger"] for r in records}
    assert {"uvicorn.error", "summarizer.service", "summarizer.service.access", "httpx2"} <= loggers
    access = [r for r in records if r["logger"] == "summarizer.service.access"]
    assert [(r["method"], r["path"], r["status"]) for r in access] == [
        ("GET", "/healthz", 200),
        ("POST", "/v1/summaries", 502),
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", records[0]["time"])


def test_service_log_lines_are_plain_on_a_terminal() -> None:
    record = logging.LogRecord("uvicorn.error", logging.INFO, "", 0, "Started %s", ("x",), None)
    line = logs.LineFormatter(json_lines=False).format(record)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO    uvicorn.error: Started x", line)


# 3-4. Job timestamps in ISO 8601; Retry-After on "too many jobs" -----------------------------

ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def test_job_times_are_iso_utc_and_a_refused_job_says_when_to_retry(
    tmp_path: Path, seed_text: str, seed_draft: str
) -> None:
    gate = threading.Event()

    def held(body: dict[str, object]) -> Reply:
        gate.wait(10)  # the first job stays unfinished
        return completion(seed_draft)

    config = ServiceConfig(tokens=(TOKEN_A,), data_dir=tmp_path / "data", max_jobs_per_token=1)
    with FakeOpenAI(default=held) as fake:
        settings = Settings.resolve(env={}, base_url=fake.base_url, model="m")
        with RunningService(config, settings) as svc, svc.client() as http:
            try:
                accepted = http.post("/v1/batches", json=[{"id": "a", "text": seed_text}])
                shown = http.get(f"/v1/batches/{accepted.json()['id']}").json()
                refused = http.post("/v1/batches", json=[{"id": "b", "text": seed_text}])
                doc = http.get("/openapi.json").json()
            finally:
                gate.set()
    for job in (accepted.json(), shown):
        assert ISO_UTC.fullmatch(job["created"]) and ISO_UTC.fullmatch(job["updated"]), job
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    view = doc["components"]["schemas"]["JobView"]["properties"]
    assert view["created"]["format"] == "date-time"
    too_many = doc["paths"]["/v1/batches"]["post"]["responses"]["429"]
    assert "Retry-After" in too_many["headers"]


# 5. The data folder follows XDG_DATA_HOME --------------------------------------------------


def test_service_data_folder_follows_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert ServiceConfig.resolve().data_dir == home / ".local" / "share" / "summarizer"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")  # the XDG spec: ignored
    assert ServiceConfig.resolve().data_dir == home / ".local" / "share" / "summarizer"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert ServiceConfig.resolve().data_dir == tmp_path / "xdg" / "summarizer"
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(tmp_path / "own"))
    assert ServiceConfig.resolve().data_dir == tmp_path / "own"
    flag = cli.build_parser().parse_args(["serve", "--data-dir", str(tmp_path / "flag")])
    assert ServiceConfig.resolve(data_dir=flag.data_dir).data_dir == tmp_path / "flag"


# 6. A reader that leaves early (``| head -1``) is no failure -----------------------------------


@pytest.mark.parametrize("command", [["review", "{out}"], ["schema"]])
def test_a_closed_stdout_pipe_exits_zero_quietly(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text(seed_summary().model_dump_json(), encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: every write is EPIPE
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "summarizer", *(a.format(out=out) for a in command)],
            cwd=ROOT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr.decode()) == (0, "")


def test_head_reads_one_line_and_the_command_still_exits_zero(tmp_path: Path) -> None:
    """The shell pipeline itself, ``summarizer dates resolve --jsonl FILE | head -1``, with an
    output far larger than the pipe's buffer: the writer is still writing when head leaves."""
    lines = tmp_path / "dates.jsonl"
    row = json.dumps({"text": "last Tuesday", "published": "2025-03-17"})
    lines.write_text((row + "\n") * 20_000, encoding="utf-8")
    script = (
        f'"{sys.executable}" -m summarizer dates resolve --jsonl "{lines}" | head -1; '
        'echo "${PIPESTATUS[0]}" >&2'
    )
    proc = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, capture_output=True, timeout=120, check=False
    )
    assert proc.stdout.decode().count("\n") == 1
    assert proc.stderr.decode().strip() == "0"


# 7. Nothing listening on this machine: fail at once, naming the URL ----------------------


def test_a_refused_loopback_server_fails_at_once_naming_the_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "art.txt"
    article.write_text("Rain fell on Tuesday. The mayor said it was wet.", encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    code = cli.main(["summarize", str(article), "--base-url", url, "--model", "m"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1, err
    assert url in err[0] and "connection refused" in err[0]
    assert retry.slept == []  # no backoff: one attempt


def _refused(url: str) -> Callable[[], None]:
    def call() -> None:
        request = httpx2.Request("POST", url + "/chat/completions")
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except ConnectionRefusedError as exc:
            raise openai.APIConnectionError(request=request) from exc

    return call


def test_a_refused_remote_server_is_retried_and_the_error_names_it() -> None:
    url = "http://models.example.org:8001/v1"
    settings = Settings(base_url=url, model="m", max_attempts=3)
    with pytest.raises(TransportError) as caught:
        retry.call_with_retries(_refused(url), settings)
    assert caught.value.attempts == 3 and len(retry.slept) == 2
    assert f"cannot reach the model server at {url} after 3 attempt(s)" in str(caught.value)
    local = Settings(base_url="http://localhost:8001/v1", model="m", max_attempts=3)
    with pytest.raises(TransportError) as caught:
        retry.call_with_retries(_refused("http://localhost:8001/v1"), local)
    assert caught.value.attempts == 1 and "localhost:8001/v1: connection refused" in str(
        caught.value
    )


# 8. A server of unknown make is asked which model it serves, once per run -----------------


def test_the_one_served_model_is_used_and_asked_for_once_per_run(
    tmp_path: Path, seed_draft: str
) -> None:
    inputs = [tmp_path / f"a{i}.txt" for i in range(2)]
    for n, path in enumerate(inputs):
        path.write_text(f"{SEED.read_text(encoding='utf-8')}\n\nEdition {n}.", encoding="utf-8")
    with FakeOpenAI(default=completion(seed_draft), models=["served-7b"]) as fake:
        out = tmp_path / "out.jsonl"
        argv = ["batch", *map(str, inputs), "-o", str(out), "--no-cache", "--quiet"]
        assert cli.main([*argv, "--base-url", fake.base_url]) == 0
    assert fake.listed == 1 and len(fake.requests) == 2
    assert {r["model"] for r in fake.requests} == {"served-7b"}


@pytest.mark.parametrize(
    ("models", "expected"),
    [
        (["a", "b", "c", "d", "e", "f", "g"], r"serves 7 models \(a, b, c, d, e, and 2 more\)"),
        ([], "lists no model"),
        (None, r"does not list its models \(GET /models: HTTP 404\)"),
    ],
)
def test_no_single_served_model_is_a_config_error_naming_the_flag(
    models: list[str] | None, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "art.txt"
    article.write_text("Rain fell on Tuesday. The mayor said it was wet.", encoding="utf-8")
    with FakeOpenAI(models=models) as fake:
        code = cli.main(["summarize", str(article), "--base-url", fake.base_url])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and fake.requests == []
    assert re.search(expected, err[0]) and "--model" in err[0] and "SUMMARIZER_MODEL" in err[0]


def test_a_chosen_model_or_a_known_server_is_never_asked(seed_text: str, seed_draft: str) -> None:
    with FakeOpenAI(default=completion(seed_draft), models=["x", "y"]) as fake:
        summarizer.summarize(seed_text, base_url=fake.base_url, model="chosen")
        summarizer.summarize(seed_text, base_url=fake.base_url, server_kind="openai")
    assert fake.listed == 0
    assert [r["model"] for r in fake.requests] == ["chosen", "gpt-4o-mini"]


def test_the_service_starts_with_the_server_down_and_asks_at_the_first_request(
    tmp_path: Path, seed_text: str, seed_draft: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeOpenAI(default=completion(seed_draft), models=["late-model"]) as fake:
        monkeypatch.setattr(fake, "_models", lambda: error(503, "starting"))
        settings = Settings.resolve(env={}, base_url=fake.base_url, max_attempts=1)
        config = ServiceConfig(tokens=(TOKEN_A,), data_dir=tmp_path / "data")
        with RunningService(config, settings) as svc, svc.client() as http:
            monkeypatch.undo()
            first = http.post("/v1/summaries", json={"text": seed_text})
            second = http.post("/v1/summaries", json={"text": seed_text})
    assert (first.status_code, second.status_code) == (200, 200)
    assert [r["model"] for r in fake.requests] == ["late-model", "late-model"]
    assert fake.listed == 1


# 9. batch --published: the date of articles without their own --------------------------------


def test_batch_published_dates_the_articles_without_a_date_of_their_own(
    tmp_path: Path, seed_text: str, seed_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(seed_text, encoding="utf-8")
    lines = tmp_path / "more.jsonl"
    rows = [
        {"id": "own", "text": seed_text + "\n\nEdition 1.", "published": "2024-01-02"},
        {"id": "none", "text": seed_text + "\n\nEdition 2."},
    ]
    lines.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(plain), str(lines), "-o", str(out), "--no-cache", "--quiet"]
    with FakeOpenAI(default=completion(seed_draft)) as fake:
        assert cli.main([*argv, "--base-url", fake.base_url, "--published", "2025-03-17"]) == 0
        assert cli.main([*argv, "--published", "soon"]) == 2
    assert "invalid --published date 'soon'" in capsys.readouterr().err
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    published = {k: r["summary"]["article"]["published"] for k, r in records.items()}
    assert published == {str(plain): "2025-03-17", "own": "2024-01-02", "none": "2025-03-17"}


# 10. A path given to summarize() ------------------------------------------------------------


def test_summarize_reads_a_path_and_refuses_a_file_name_given_as_text(
    tmp_path: Path, seed_text: str, seed_draft: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = tmp_path / "art.txt"
    art.write_text(seed_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with FakeOpenAI(default=completion(seed_draft)) as fake:
        settings = Settings.resolve(env={}, base_url=fake.base_url, model="m")
        result = summarizer.summarize(Path("art.txt"), published="2025-03-17", settings=settings)
        for name in ("art.txt", str(art), " art.txt\n"):
            with pytest.raises(summarizer.InputError, match=r"load_article\(") as refused:
                summarizer.summarize(name, settings=settings)
            assert "name of a file" in refused.value.one_line()
        assert len(fake.requests) == 1  # the refused names never reached the model
    assert result.article.text == seed_text and result.article.source == "art.txt"
    assert str(result.article.published) == "2025-03-17"
    assert result.article.id == article_id(seed_text)


# 11. Typed keywords; one rule for ids ------------------------------------------------------------


def test_the_setting_keywords_are_the_settings_fields() -> None:
    assert set(SettingOverrides.__annotations__) == set(Settings.__dataclass_fields__)


def test_a_misspelt_keyword_fails_the_type_check(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    snippet = tmp_path / "typo.py"
    snippet.write_text(
        "import asyncio\n"
        "from pathlib import Path\n"
        "import summarizer\n"
        "summarizer.summarize(Path('a.txt'), published='2025-01-01', model='m', timeout=3.0)\n"
        "summarizer.summarize('text', publishd='2025-01-01')\n"
        "asyncio.run(summarizer.asummarize('text', modle='m'))\n"
        "summarizer.summarize_many(['text'], published='2025-01-01', base_urll='x')\n",
        encoding="utf-8",
    )
    out, _, status = api.run(["--strict", "--no-error-summary", str(snippet)])
    assert status == 1
    errors = sorted(line.split(": error: ")[1] for line in out.splitlines() if ": error: " in line)
    assert len(errors) == 3, out
    for typo in ("publishd", "modle", "base_urll"):
        assert any(f'Unexpected keyword argument "{typo}"' in e for e in errors), out


def test_summarize_many_ids_name_the_input_else_its_content_hash(
    tmp_path: Path, seed_text: str, seed_draft: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = tmp_path / "art.txt"
    art.write_text(seed_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = seed_text + "\n\nEdition 1."
    article = summarizer.make_article(seed_text + "\n\nEdition 2.", published="2024-01-02")
    with FakeOpenAI(default=completion(seed_draft)) as fake:
        results = summarizer.summarize_many(
            [art, text, article, "art.txt"],
            published="2025-03-17",
            base_url=fake.base_url,
            model="m",
            concurrency=1,
        )
        by_id = {r.id: r for r in results}
    assert set(by_id) == {str(art), article_id(text), article.id, article_id("art.txt")}
    summaries = {k: r.summary for k, r in by_id.items() if r.summary is not None}
    assert summaries[str(art)].article.id == article_id(seed_text)  # the hash, always
    assert str(summaries[str(art)].article.published) == "2025-03-17"  # the run's date
    assert str(summaries[article.id].article.published) == "2024-01-02"  # its own
    refused = by_id[article_id("art.txt")]  # a text naming a file: its own error result
    assert refused.error is not None and refused.error["type"] == "InputError"
    assert "load_article('art.txt')" in refused.error["message"]
    assert len(fake.requests) == 3


# 12. A status line on a terminal, and a word about the file written -------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_summarize_shows_what_it_does_on_a_terminal_and_what_it_wrote(
    tmp_path: Path, seed_text: str, seed_draft: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = tmp_path / "art.txt"
    art.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out.json"
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with FakeOpenAI(default=completion(seed_draft)) as fake:
        argv = ["summarize", str(art), "-o", str(out), "--base-url", fake.base_url]
        assert cli.main([*argv, "--published", "2025-03-17"]) == 0
    shown = terminal.getvalue()
    for step in (f"opening {fake.base_url}…", "asking the model (fake-model)…", "writing"):
        assert step in shown, shown
    summary = summarizer.ArticleSummary.model_validate_json(out.read_text(encoding="utf-8"))
    counts = f"({len(summary.quotes)} quotes, {len(summary.positions)} positions)"
    assert f"summarizer: wrote {out} {counts}" in shown
    assert summary.quotes and summary.positions


def test_no_status_line_off_a_terminal(
    tmp_path: Path, seed_text: str, seed_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    art = tmp_path / "art.txt"
    art.write_text(seed_text, encoding="utf-8")
    with FakeOpenAI(default=completion(seed_draft)) as fake:
        argv = ["summarize", str(art), "-o", str(tmp_path / "out.json"), "--base-url"]
        assert cli.main([*argv, fake.base_url, "--published", "2025-03-17"]) == 0
        assert cli.main([*argv[:2], "--base-url", fake.base_url]) == 0  # to stdout
    err = capsys.readouterr().err
    assert "asking the model" not in err and "\x1b" not in err
    wrote = [line for line in err.splitlines() if "wrote" in line]
    assert len(wrote) == 1 and re.search(r"\(\d+ quotes, \d+ positions\)$", wrote[0])
