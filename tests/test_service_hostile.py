"""The service under hostile clients (issue 15, items 1, 5 and 10), over real HTTP.

An upstream that echoes the key, bodies that used to end in a 500 (lone surrogates, deep
nesting, huge integers), web pages reaching a token-less loopback service, authentication
before the body is judged, private files, and owner keys derived with a per-install secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.service.config import ServiceConfig
from summarizer.service.jobs import JobStore
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, completion, editions, error
from tests.service_helpers import TOKEN_A, TOKEN_B, UPSTREAM_KEY, RunningService, wait_for
from tests.test_service_batches import finished, records

DEEP = "[" * 5000 + "]" * 5000
HUGE = "7" * 5000


@pytest.fixture
def fake(seed_draft: str) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(seed_draft)) as server:
        yield server


def start(fake: FakeOpenAI, data_dir: Path, tokens: tuple[str, ...]) -> RunningService:
    config = ServiceConfig(tokens=tokens, data_dir=data_dir, max_body_bytes=200_000)
    settings = Settings.resolve(
        env={}, base_url=fake.base_url, api_key=UPSTREAM_KEY, max_attempts=2
    )
    return RunningService(config, settings)


@pytest.fixture
def service(fake: FakeOpenAI, tmp_path: Path) -> Iterator[RunningService]:
    with start(fake, tmp_path / "data", (TOKEN_A, TOKEN_B)) as svc:
        yield svc


def post_json(svc: RunningService, path: str, raw: str, token: str | None = TOKEN_A) -> Any:
    with svc.client(token) as http:
        return http.post(path, content=raw.encode(), headers={"content-type": "application/json"})


def test_an_upstream_echo_of_the_key_never_reaches_a_client(
    service: RunningService, fake: FakeOpenAI, seed_text: str
) -> None:
    echo = f"Incorrect API key provided: Bearer {UPSTREAM_KEY}. Check your key."
    fake.enqueue(error(401, echo))
    with service.client() as http:
        r = http.post("/v1/summaries", json={"text": seed_text})
        assert r.status_code == 502
        assert "[REDACTED]" in r.json()["detail"] and UPSTREAM_KEY not in r.text
        fake.enqueue(error(401, echo))
        job = http.post("/v1/batches", json=[{"id": "a", "text": seed_text}]).json()
        assert finished(http, job["id"])["failed"] == 1
        (record,) = records(http, job["id"])
    assert "[REDACTED]" in record["error"]["message"]
    assert UPSTREAM_KEY not in json.dumps(record)


@pytest.mark.parametrize(
    "raw",
    [
        '{"text": "A lone \\ud800 surrogate in the text of an article."}',
        '{"text": "Fine text of an article.", "title": "\\udfff"}',
        '{"text": "Fine text of an article.", "source": "\\udc80"}',
        '{"text": "x", "options": ' + DEEP + "}",
        DEEP,
        '{"text": "x", "options": {"reasks": ' + HUGE + "}}",
        '{"text": "x", "options": {"timeout": NaN}}',
    ],
)
def test_hostile_summary_bodies_are_422_problems(
    service: RunningService, fake: FakeOpenAI, raw: str
) -> None:
    r = post_json(service, "/v1/summaries", raw)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert fake.requests == []


def test_hostile_batches_fail_alone_or_as_422(
    service: RunningService, fake: FakeOpenAI, seed_text: str
) -> None:
    assert post_json(service, "/v1/batches", "[" + DEEP + "]").status_code == 422
    assert post_json(service, "/v1/batches", "[" + HUGE + "]").status_code == 422
    good = json.dumps(editions(seed_text, 1)[0])
    listed = f'[{good}, {{"id": "lone", "text": "bad \\ud800 text"}}]'
    jsonl = "\n".join([good, DEEP, '{"id": "huge", "n": ' + HUGE + "}", "{broken"]) + "\n"
    with service.client() as http:
        job = post_json(service, "/v1/batches", listed).json()
        upload = http.post(
            "/v1/batches", content=jsonl.encode(), headers={"content-type": "application/x-ndjson"}
        ).json()
        done = [finished(http, j["id"]) for j in (job, upload)]
        got = [{r["id"]: r for r in records(http, j["id"])} for j in (job, upload)]
    assert [(d["status"], d["ok"], d["failed"]) for d in done] == [
        ("succeeded", 1, 1),
        ("succeeded", 1, 3),
    ]
    assert "lone surrogate" in got[0]["lone"]["error"]["message"]
    assert set(got[1]) == {"a0", "article 2", "article 3", "article 4"}
    assert "nested deeper" in got[1]["article 2"]["error"]["message"]


def test_authentication_comes_before_the_body_is_judged(service: RunningService) -> None:
    for token in (None, "wrong-token"):
        assert post_json(service, "/v1/summaries", "{", token).status_code == 401
        assert post_json(service, "/v1/summaries", DEEP, token).status_code == 401
        assert post_json(service, "/v1/batches", "not json", token).status_code == 401
    assert post_json(service, "/v1/summaries", "{").status_code == 422


def test_a_tokenless_service_refuses_what_a_web_page_could_send(
    fake: FakeOpenAI, seed_text: str, tmp_path: Path
) -> None:
    body = json.dumps([{"text": seed_text}]).encode()
    with start(fake, tmp_path / "data", ()) as svc, svc.client(None) as http:
        local_origin = f"http://localhost:{svc.port}"
        refused = {
            "no content type": http.post("/v1/batches", content=body),
            "form": http.post(
                "/v1/batches",
                content=body,
                headers={"content-type": "application/x-www-form-urlencoded"},
            ),
            "text/plain": http.post(
                "/v1/batches", content=body, headers={"content-type": "text/plain"}
            ),
            "foreign origin": http.post(
                "/v1/batches", json=[{"text": seed_text}], headers={"origin": "https://evil.test"}
            ),
            "null origin": http.post(
                "/v1/batches", json=[{"text": seed_text}], headers={"origin": "null"}
            ),
            "rebound host": http.post(
                "/v1/batches", json=[{"text": seed_text}], headers={"host": "evil.test:8000"}
            ),
            "cross-site fetch": http.post(
                "/v1/summaries", json={"text": seed_text}, headers={"sec-fetch-site": "cross-site"}
            ),
            "rebound read": http.get("/v1/batches/x", headers={"host": "attacker.test"}),
        }
        statuses = {name: r.status_code for name, r in refused.items()}
        assert statuses == {
            "no content type": 415,
            "form": 415,
            "text/plain": 415,
            "foreign origin": 403,
            "null origin": 403,
            "rebound host": 403,
            "cross-site fetch": 403,
            "rebound read": 403,
        }
        assert all(r.json()["status"] in (403, 415) for r in refused.values())
        assert fake.requests == []
        allowed = http.post(
            "/v1/batches",
            json=[{"text": seed_text}],
            headers={"origin": local_origin, "host": f"[::1]:{svc.port}"},
        )
        assert allowed.status_code == 202, allowed.text
        finished(http, allowed.json()["id"])
    store = JobStore(tmp_path / "data" / "service.sqlite")
    assert store.active_ids() == [] and len(fake.requests) == 1  # one job, from the allowed call
    store.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_is_private_and_owners_are_keyed_hashes(
    fake: FakeOpenAI, seed_text: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)  # an install of an older version: tightened at start
    with start(fake, data, (TOKEN_A,)) as svc, svc.client() as http:
        job = http.post("/v1/batches", json=[{"id": "a", "text": seed_text}]).json()
        finished(http, job["id"])
        folder = data / "jobs" / job["id"]
        dirs = {p.name: mode(p) for p in (data, data / "jobs", folder)}
        files = [data / "owner.key", folder / "input.jsonl", folder / "results.jsonl"]
        files += data.glob("service.sqlite*")  # the database and, while open, -wal and -shm
        modes = {p.name: mode(p) for p in files}
    assert dirs == {"data": 0o700, "jobs": 0o700, job["id"]: 0o700}
    assert {"service.sqlite", "service.sqlite-wal", "owner.key", "results.jsonl"} <= set(modes)
    assert modes == dict.fromkeys(modes, 0o600)
    key = (data / "owner.key").read_bytes()
    assert len(key) == 32
    store = JobStore(data / "service.sqlite")
    owner = store.get(job["id"])
    store.close()
    assert owner is not None
    assert owner.owner == hmac.new(key, TOKEN_A.encode(), hashlib.sha256).hexdigest()
    assert owner.owner != hashlib.sha256(TOKEN_A.encode()).hexdigest()


def test_jobs_of_the_bare_sha256_era_move_to_the_keyed_owner(
    fake: FakeOpenAI, seed_text: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    store = JobStore(data / "service.sqlite")
    store.create("old-job", hashlib.sha256(TOKEN_A.encode()).hexdigest(), 1)
    store.update("old-job", status="succeeded", ok=1)
    store.close()
    with start(fake, data, (TOKEN_A, TOKEN_B)) as svc:
        with svc.client(TOKEN_A) as http:
            mine = wait_for(lambda: http.get("/v1/batches/old-job"))
            assert mine.status_code == 200 and mine.json()["ok"] == 1
        with svc.client(TOKEN_B) as http:
            assert http.get("/v1/batches/old-job").status_code == 404


def test_serve_puts_a_redacting_filter_on_every_log_handler(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    import uvicorn

    from summarizer import scrub
    from summarizer.service.cli import serve

    seen: dict[str, list[logging.Handler]] = {}

    def run(server: uvicorn.Server) -> None:  # instead of serving: look at the logging set-up
        for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access", "httpx2"):
            current: logging.Logger | None = logging.getLogger(name)
            while current is not None:
                seen.setdefault(name, []).extend(current.handlers)
                current = current.parent if current.propagate else None
        server.started = True

    monkeypatch.setattr(uvicorn.Server, "run", run)
    config = ServiceConfig(tokens=(TOKEN_A,), data_dir=tmp_path / "data")
    settings = Settings.resolve(env={}, base_url=fake.base_url, api_key=UPSTREAM_KEY)
    serve(config, settings, host="127.0.0.1", port=0)
    assert seen["uvicorn.error"] and seen["httpx2"]  # every logger reaches some handler
    for name, handlers in seen.items():
        for handler in handlers:
            assert any(isinstance(f, scrub.RedactingFilter) for f in handler.filters), name
