"""The service against clients that hold on (issue 23, items 10 and 11), over real sockets.

A client that sends half a request head, or half a body, is dropped within a bounded time, and
the server answers 503 beyond its connection limit instead of queueing without end; the job
limit per token holds when twenty jobs are posted at once.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from summarizer.cli import build_parser
from summarizer.service import cli as service_cli
from summarizer.service.config import ServiceConfig
from summarizer.service.jobs import JobStore
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, Reply, completion
from tests.service_helpers import TOKEN_A, UPSTREAM_KEY, RunningService

HALF_HEAD = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
WHOLE = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    return sock


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes ``sock`` within ``seconds`` (anything it sends is read)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            if sock.recv(65536) == b"":
                return True
        except TimeoutError:
            return False
        except ConnectionResetError:
            return True
    return False


def status_of(port: int, request: bytes = WHOLE) -> int:
    with connect(port) as sock:
        sock.sendall(request)
        head = sock.recv(65536).split(b"\r\n", 1)[0]
    return int(head.split()[1])


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion("{}")) as server:
        yield server


def settings_for(fake: FakeOpenAI) -> Settings:
    return Settings.resolve(env={}, base_url=fake.base_url, api_key=UPSTREAM_KEY, max_attempts=1)


def test_clients_that_never_finish_their_request_are_dropped_and_connections_limited(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    config = ServiceConfig(
        data_dir=tmp_path / "data", header_timeout=1.0, body_timeout=1.0, max_connections=12
    )
    with RunningService(config, settings_for(fake)) as svc:
        start = time.monotonic()
        # A keep-alive connection that then sends half a head, one that sends half a body, and
        # twenty that send half a head.
        again = connect(svc.port)
        again.sendall(WHOLE)
        assert b" 200 " in again.recv(65536).split(b"\r\n", 1)[0]
        again.sendall(HALF_HEAD)
        body = connect(svc.port)
        body.sendall(
            b"POST /v1/summaries HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
            b'content-length: 1000\r\n\r\n{"article": '
        )
        halves = [connect(svc.port) for _ in range(20)]
        for sock in halves:
            sock.sendall(HALF_HEAD)
        assert status_of(svc.port) == 503  # over the connection limit: refused, not queued
        try:
            assert all(closed_within(sock, 3.0) for sock in [*halves, again, body])
            assert time.monotonic() - start < 4.0
        finally:
            for sock in [*halves, again, body]:
                sock.close()
        assert status_of(svc.port) == 200  # room again once they are gone


def test_a_client_that_finishes_in_time_is_served(fake: FakeOpenAI, tmp_path: Path) -> None:
    config = ServiceConfig(data_dir=tmp_path / "data", header_timeout=1.0)
    with RunningService(config, settings_for(fake)) as svc, connect(svc.port) as sock:
        for piece in (WHOLE[:10], WHOLE[10:30], WHOLE[30:]):
            sock.sendall(piece)
            time.sleep(0.2)
        assert b" 200 " in sock.recv(65536)
        time.sleep(0.5)  # the head timer was disarmed: not dropped after a second in all
        sock.sendall(WHOLE)
        assert b" 200 " in sock.recv(65536)


def test_serve_flags_reach_the_server_config(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ServiceConfig] = []
    monkeypatch.setattr(service_cli, "serve", lambda config, *a, **k: seen.append(config))
    args = build_parser().parse_args(
        [
            "serve",
            "--header-timeout",
            "3",
            "--max-connections",
            "50",
            "--base-url",
            "http://127.0.0.1:9/v1",
        ]
    )
    assert args.handler(args) == 0
    assert (seen[0].header_timeout, seen[0].max_connections) == (3.0, 50)
    defaults = ServiceConfig()
    assert defaults.header_timeout == 10.0 and defaults.keep_alive_timeout == 5
    assert defaults.max_connections == 256 and defaults.max_header_bytes == 16 * 1024


def test_the_job_limit_per_token_holds_for_twenty_simultaneous_posts(
    fake: FakeOpenAI, tmp_path: Path, seed_text: str
) -> None:
    gate = threading.Event()

    def held(body: dict[str, object]) -> Reply:
        gate.wait(10)  # jobs stay unfinished while the posts race
        return completion("{}")

    fake.default = held
    config = ServiceConfig(tokens=(TOKEN_A,), data_dir=tmp_path / "data", max_jobs_per_token=2)
    with RunningService(config, settings_for(fake)) as svc:
        barrier = threading.Barrier(20)

        def post(i: int) -> int:
            with svc.client() as http:
                barrier.wait(10)
                article = {"id": f"a{i}", "text": seed_text}
                return http.post("/v1/batches", json=[article]).status_code

        try:
            with ThreadPoolExecutor(20) as pool:
                codes = list(pool.map(post, range(20)))
        finally:
            gate.set()
        assert sorted(codes) == [202] * 2 + [429] * 18
    store = JobStore(config.db_path)
    try:
        assert len(store.active_ids()) + _finished(store) == 2  # only the accepted jobs exist
    finally:
        store.close()
    assert len(list(config.jobs_dir.iterdir())) == 2  # a refused job leaves no folder


def _finished(store: JobStore) -> int:
    return int(
        store._db.execute(
            "SELECT COUNT(*) FROM jobs WHERE status NOT IN ('queued', 'running')"
        ).fetchone()[0]
    )
