"""``POST /v1/timelines`` over real HTTP: auth, ownership, a job still running, bad bodies, and
the timelines of a finished batch job (run by the service against the fake model server).

One service for the module: starting one per test costs more than the tests. The 200 tests
need the real ``build_timelines``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from summarizer import cli
from summarizer.service.config import ServiceConfig
from summarizer.settings import Settings
from summarizer.story.model import StoryTimelines
from tests.conftest import DATA, SEED
from tests.fakes import FakeOpenAI, Reply, completion, editions
from tests.service_helpers import TOKEN_A, TOKEN_B, RunningService, wait_for

DRAFT = completion((DATA / "seed_draft.json").read_text(encoding="utf-8"))


class Gate:
    """The fake model's answer, held back while the gate is shut: a job that stays running."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()

    def __call__(self, body: dict[str, Any]) -> Reply:
        self.open.wait(30)
        return DRAFT


@pytest.fixture(scope="module")
def gate() -> Gate:
    return Gate()


@pytest.fixture(scope="module")
def service(gate: Gate, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    with FakeOpenAI(default=gate) as fake:
        config = ServiceConfig(
            tokens=(TOKEN_A, TOKEN_B), data_dir=tmp_path_factory.mktemp("data"), job_concurrency=1
        )
        settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-x", max_attempts=2)
        with RunningService(config, settings) as svc:
            yield svc


def finished(http: httpx2.Client, job_id: str) -> dict[str, Any]:
    def check() -> dict[str, Any] | None:
        job: dict[str, Any] = http.get(f"/v1/batches/{job_id}").json()
        return job if job["status"] not in ("queued", "running") else None

    result: dict[str, Any] = wait_for(check, timeout=120)
    return result


@pytest.fixture(scope="module")
def done_job(service: RunningService) -> str:
    """A succeeded job of token A: two editions of the seed article and one bad article."""
    text = SEED.read_text(encoding="utf-8")
    with service.client(TOKEN_A) as http:
        r = http.post("/v1/batches", json=[*editions(text, 2), {"id": "bad", "text": ""}])
        assert r.status_code == 202, r.text
        job = finished(http, r.json()["id"])
    assert (job["status"], job["ok"], job["failed"]) == ("succeeded", 2, 1)
    return str(job["id"])


def test_no_token_is_401(service: RunningService, done_job: str) -> None:
    for token in (None, "wrong-token"):
        with service.client(token) as http:
            r = http.post("/v1/timelines", json={"job": done_job})
        assert r.status_code == 401
        assert r.headers["www-authenticate"] == "Bearer"
        assert r.headers["content-type"].startswith("application/problem+json")


def test_another_tokens_job_is_404_like_a_missing_one(
    service: RunningService, done_job: str
) -> None:
    with service.client(TOKEN_B) as b:
        theirs = b.post("/v1/timelines", json={"job": done_job})
        missing = b.post("/v1/timelines", json={"job": "no-such-job"})
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    assert theirs.json()["detail"] == "no such batch job"


def test_a_job_still_running_is_409(service: RunningService, gate: Gate) -> None:
    text = SEED.read_text(encoding="utf-8")
    gate.open.clear()
    try:
        with service.client(TOKEN_A) as http:
            job_id = http.post("/v1/batches", json=editions(text, 1)).json()["id"]
            r = http.post("/v1/timelines", json={"job": job_id})
            assert r.status_code == 409, r.text
            assert r.json()["title"] == "Job not finished"
            assert r.headers["content-type"].startswith("application/problem+json")
            gate.open.set()
            assert finished(http, job_id)["status"] == "succeeded"
    finally:
        gate.open.set()


def test_a_job_without_summaries_is_409(service: RunningService) -> None:
    with service.client(TOKEN_A) as http:
        job_id = http.post("/v1/batches", json=[{"id": "bad", "text": ""}]).json()["id"]
        assert finished(http, job_id)["ok"] == 0
        r = http.post("/v1/timelines", json={"job": job_id})
    assert r.status_code == 409 and r.json()["title"] == "No summaries"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"job": ""},
        {"job": 12},
        {"job": "x", "min_articles": 0},
        {"job": "x", "actors": "GM"},
        {"job": "x", "actors": [""]},
        {"job": "x", "colour": "red"},
        ["x"],
    ],
)
def test_an_invalid_body_is_422(service: RunningService, body: Any) -> None:
    with service.client(TOKEN_A) as http:
        r = http.post("/v1/timelines", json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


def test_malformed_json_is_422(service: RunningService) -> None:
    with service.client(TOKEN_A) as http:
        r = http.post(
            "/v1/timelines", content=b'{"job": ', headers={"content-type": "application/json"}
        )
    assert r.status_code == 422


def test_the_openapi_document_has_the_route(service: RunningService) -> None:
    with service.client(None) as http:
        doc = http.get("/openapi.json").json()
    post = doc["paths"]["/v1/timelines"]["post"]
    assert {"200", "401", "404", "409", "422"} <= set(post["responses"])
    assert post["tags"] == ["timelines"]
    schema = post["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/StoryTimelines")


# These wait for build_timelines -------------------------------------------------------------


def test_a_finished_jobs_timelines(service: RunningService, done_job: str) -> None:
    with service.client(TOKEN_A) as http:
        r = http.post("/v1/timelines", json={"job": done_job})
    assert r.status_code == 200, r.text
    story = StoryTimelines.model_validate(r.json())
    assert story.articles == 2 and story.skipped == 1
    names = [t.actor.name for t in story.timelines]
    assert "Donald Trump" in names  # in both editions
    trump = story.timelines[names.index("Donald Trump")]
    assert len(trump.actor.articles) == 2 and trump.events


def test_a_finished_jobs_timelines_of_chosen_actors(service: RunningService, done_job: str) -> None:
    body = {"job": done_job, "actors": ["Putin", "Nobody Atall"], "min_articles": 5}
    with service.client(TOKEN_A) as http:
        r = http.post("/v1/timelines", json=body)
    assert r.status_code == 200, r.text
    story = StoryTimelines.model_validate(r.json())
    assert [t.actor.name for t in story.timelines] == ["Vladimir Putin"]


def test_the_cli_and_the_service_agree(
    service: RunningService, done_job: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results.jsonl"
    with service.client(TOKEN_A) as http:
        with http.stream("GET", f"/v1/batches/{done_job}/results") as r:
            results.write_bytes(b"".join(r.iter_bytes()))
        served = http.post("/v1/timelines", json={"job": done_job})
    assert served.status_code == 200, served.text
    assert cli.main(["timeline", str(results)]) == 0
    written = StoryTimelines.model_validate_json(capsys.readouterr().out)
    assert written == StoryTimelines.model_validate(served.json())
