"""Batch jobs over HTTP: submit, progress, streamed results, cancel, ownership and limits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from summarizer.service.config import ServiceConfig
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, completion, editions
from tests.service_helpers import TOKEN_A, TOKEN_B, RunningService, wait_for


@pytest.fixture
def fake(seed_draft: str) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(seed_draft)) as server:
        yield server


def start(fake: FakeOpenAI, tmp_path: Path, **limits: Any) -> RunningService:
    config = ServiceConfig(tokens=(TOKEN_A, TOKEN_B), data_dir=tmp_path / "data", **limits)
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-x", max_attempts=2)
    return RunningService(config, settings)


def finished(http: httpx2.Client, job_id: str) -> dict[str, Any]:
    def check() -> dict[str, Any] | None:
        job: dict[str, Any] = http.get(f"/v1/batches/{job_id}").json()
        return job if job["status"] not in ("queued", "running") else None

    result: dict[str, Any] = wait_for(check)
    return result


def records(http: httpx2.Client, job_id: str) -> list[dict[str, Any]]:
    with http.stream("GET", f"/v1/batches/{job_id}/results") as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/x-ndjson")
        return [json.loads(line) for line in r.iter_lines() if line]


def test_json_batch_runs_to_completion(fake: FakeOpenAI, seed_text: str, tmp_path: Path) -> None:
    rows: list[Any] = [*editions(seed_text, 3), {"id": "bad", "text": ""}, "not an object"]
    with start(fake, tmp_path) as svc, svc.client() as http:
        r = http.post("/v1/batches", json=rows)
        assert r.status_code == 202, r.text
        job = r.json()
        assert job["status"] in ("queued", "running") and job["total"] == 5
        assert len(job["id"]) >= 32
        done = finished(http, job["id"])
        got = records(http, job["id"])
    assert done["status"] == "succeeded"
    assert (done["ok"], done["failed"], done["done"]) == (3, 2, 5)
    assert sorted(r["id"] for r in got) == ["a0", "a1", "a2", "article 5", "bad"]
    by_id = {r["id"]: r for r in got}
    assert by_id["bad"]["status"] == "error" and by_id["bad"]["error"]["type"] == "InputError"
    assert by_id["a0"]["summary"]["provenance"]["model"]
    assert len(fake.requests) == 3


def test_jsonl_upload_and_duplicate_ids(fake: FakeOpenAI, seed_text: str, tmp_path: Path) -> None:
    rows = [*editions(seed_text, 2), editions(seed_text, 1)[0]]  # a0 twice
    body = "\n".join(json.dumps(r) for r in rows) + "\n\n"
    with start(fake, tmp_path) as svc, svc.client() as http:
        r = http.post("/v1/batches", content=body, headers={"content-type": "application/x-ndjson"})
        assert r.status_code == 202, r.text
        done = finished(http, r.json()["id"])
        got = records(http, r.json()["id"])
    assert (done["ok"], done["duplicates"], done["total"]) == (2, 1, 3)
    assert sorted(r["id"] for r in got) == ["a0", "a1"]


def test_other_tokens_jobs_are_invisible(fake: FakeOpenAI, seed_text: str, tmp_path: Path) -> None:
    with start(fake, tmp_path) as svc, svc.client(TOKEN_A) as a, svc.client(TOKEN_B) as b:
        job_id = a.post("/v1/batches", json=editions(seed_text, 1)).json()["id"]
        finished(a, job_id)
        for method, path in (
            ("GET", f"/v1/batches/{job_id}"),
            ("GET", f"/v1/batches/{job_id}/results"),
            ("DELETE", f"/v1/batches/{job_id}"),
        ):
            r = b.request(method, path)
            assert r.status_code == 404, (method, path)
            assert r.json() == a.get("/v1/batches/no-such-job").json() | {"instance": path}
        assert a.get(f"/v1/batches/{job_id}").json()["status"] == "succeeded"


def test_batch_limits(fake: FakeOpenAI, seed_text: str, tmp_path: Path) -> None:
    fake.latency = 0.3
    svc = start(fake, tmp_path, max_batch_articles=3, max_jobs_per_token=1)
    with svc, svc.client(TOKEN_A) as a, svc.client(TOKEN_B) as b:
        too_many = a.post("/v1/batches", json=editions(seed_text, 4))
        assert too_many.status_code == 422
        assert too_many.json()["title"] == "Batch too large"
        assert a.post("/v1/batches", json=[]).status_code == 422
        assert a.post("/v1/batches", json={"text": "x"}).status_code == 422
        wrong_type = a.post("/v1/batches", content=b"x", headers={"content-type": "text/csv"})
        assert wrong_type.status_code == 415
        first = a.post("/v1/batches", json=editions(seed_text, 3))
        assert first.status_code == 202
        second = a.post("/v1/batches", json=editions(seed_text, 1))
        assert second.status_code == 429
        # The limit is per token: another token still gets its job.
        assert b.post("/v1/batches", json=editions(seed_text, 1)).status_code == 202
        a.delete(f"/v1/batches/{first.json()['id']}")


def test_cancel_stops_a_job(fake: FakeOpenAI, seed_text: str, tmp_path: Path) -> None:
    fake.latency = 0.2
    with start(fake, tmp_path, job_concurrency=1) as svc, svc.client() as http:
        job_id = http.post("/v1/batches", json=editions(seed_text, 30)).json()["id"]
        wait_for(lambda: http.get(f"/v1/batches/{job_id}").json()["ok"] >= 1)
        r = http.delete(f"/v1/batches/{job_id}")
        assert r.status_code == 200
        assert r.json()["status"] == "cancelled"
        svc.app.state.runner.wait(job_id, 10)
        job = http.get(f"/v1/batches/{job_id}").json()
        got = records(http, job_id)
    assert job["status"] == "cancelled"
    assert 1 <= len(got) < 30
    assert job["ok"] == len(got)
    assert len({r["id"] for r in got}) == len(got)
