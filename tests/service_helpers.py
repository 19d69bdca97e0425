"""The service under test: the real app on a free 127.0.0.1 port, served by uvicorn in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx2
import uvicorn

from summarizer.service.app import create_app
from summarizer.service.config import ServiceConfig
from summarizer.service.server import uvicorn_config
from summarizer.settings import Settings

TOKEN_A = "token-a-" + "x" * 24
TOKEN_B = "token-b-" + "y" * 24
UPSTREAM_KEY = "sk-upstream-secret-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RunningService:
    """``with RunningService(config, settings) as svc:``; ``svc.client(token)`` talks to it."""

    def __init__(self, config: ServiceConfig, settings: Settings) -> None:
        self.app = create_app(config, settings)
        self.port = free_port()
        self.server = uvicorn.Server(  # with the limits of the real server
            uvicorn_config(self.app, config, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, token: str | None = TOKEN_A) -> httpx2.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx2.Client(base_url=self.base_url, headers=headers, timeout=30)

    def __enter__(self) -> RunningService:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(20)


def wait_for(check: Callable[[], Any], timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)
