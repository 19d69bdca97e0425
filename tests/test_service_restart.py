"""A service killed mid-batch resumes the job on restart: no record lost, none written twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.fakes import FakeOpenAI, completion, editions
from tests.service_helpers import TOKEN_A, free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake(seed_draft: str) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(seed_draft), latency=0.1) as server:
        yield server


class ServiceProcess:
    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "summarizer",
                "serve",
                "--port",
                str(self.port),
                "--job-concurrency",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.http = httpx2.Client(
            base_url=f"http://127.0.0.1:{self.port}",
            headers={"Authorization": f"Bearer {TOKEN_A}"},
            timeout=10,
        )
        wait_for(self._up, timeout=30)

    def _up(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(self.proc.stderr.read().decode() if self.proc.stderr else "")
        try:
            return self.http.get("/healthz").status_code == 200
        except httpx2.TransportError:
            return False

    def job(self, job_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.http.get(f"/v1/batches/{job_id}").json()
        return result

    def stop(self, sig: int) -> str:
        self.http.close()
        self.proc.send_signal(sig)
        _, err = self.proc.communicate(timeout=30)
        return err.decode()


def test_restart_mid_batch_loses_and_duplicates_nothing(
    fake: FakeOpenAI, seed_text: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "SUMMARIZER_API_TOKEN": TOKEN_A,
        "SUMMARIZER_DATA_DIR": str(tmp_path / "data"),
        "OPENAI_BASE_URL": fake.base_url,
        "OPENAI_API_KEY": "sk-upstream",
    }
    n = 60
    first = ServiceProcess(env)
    job_id = first.http.post("/v1/batches", json=editions(seed_text, n)).json()["id"]
    wait_for(lambda: first.job(job_id)["ok"] >= 5)
    first.stop(signal.SIGKILL)  # a crash: no shutdown code runs

    second = ServiceProcess(env)
    at_restart = second.job(job_id)
    assert at_restart["status"] == "running"
    wait_for(lambda: second.job(job_id)["ok"] > at_restart["ok"] + 3)
    log = second.stop(signal.SIGTERM)  # a graceful stop: the job stays unfinished
    assert TOKEN_A not in log and "sk-upstream" not in log
    assert '"event": "access"' in log

    third = ServiceProcess(env)
    done = wait_for(lambda: (j := third.job(job_id))["status"] == "succeeded" and j)
    with third.http.stream("GET", f"/v1/batches/{job_id}/results") as r:
        lines = [line for line in r.iter_lines() if line]
    third.stop(signal.SIGTERM)

    ids = [json.loads(line)["id"] for line in lines]
    assert sorted(ids) == sorted(f"a{i}" for i in range(n))  # every input once, no more
    assert (done["ok"], done["failed"], done["done"]) == (n, 0, n)
    # Work redone after the crash is at most what was in flight when it happened.
    assert len(fake.requests) <= n + 2 * 2 * 2
