"""The HTTP service over real HTTP: summaries, errors as problem documents, auth and limits."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import logs
from summarizer.errors import ConfigError
from summarizer.service.config import ServiceConfig
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, Reply, completion, error
from tests.service_helpers import TOKEN_A, TOKEN_B, UPSTREAM_KEY, RunningService, wait_for


@pytest.fixture
def fake(seed_draft: str) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(seed_draft)) as server:
        yield server


@pytest.fixture
def service(fake: FakeOpenAI, tmp_path: Path) -> Iterator[RunningService]:
    config = ServiceConfig(
        tokens=(TOKEN_A, TOKEN_B), data_dir=tmp_path / "data", max_body_bytes=200_000
    )
    settings = Settings.resolve(
        env={}, base_url=fake.base_url, api_key=UPSTREAM_KEY, max_attempts=2
    )
    with RunningService(config, settings) as svc:
        yield svc


def article(seed_text: str, **extra: object) -> dict[str, object]:
    return {"text": seed_text, "published": "2025-03-17", "source": "test", **extra}


def test_summary_happy_path(service: RunningService, fake: FakeOpenAI, seed_text: str) -> None:
    with service.client() as http:
        r = http.post("/v1/summaries", json=article(seed_text, title="Call"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["provenance"]["model"]
    assert body["positions"] or body["timeline"] or body["quotes"]
    # The model server got the upstream key, never the caller's token.
    sent = fake.requests[0]["_headers"]["authorization"]
    assert sent == f"Bearer {UPSTREAM_KEY}"
    assert TOKEN_A not in json.dumps(fake.requests[0])
    assert UPSTREAM_KEY not in r.text


def test_bad_input_is_422_problem(service: RunningService, fake: FakeOpenAI) -> None:
    with service.client() as http:
        empty = http.post("/v1/summaries", json={"text": "   "})
        missing = http.post("/v1/summaries", json={"title": "no text"})
        bad_date = http.post("/v1/summaries", json={"text": "x", "published": "soon"})
        not_json = http.post(
            "/v1/summaries", content=b"{", headers={"content-type": "application/json"}
        )
    for r in (empty, missing, bad_date, not_json):
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["status"] == 422
    assert fake.requests == []  # bad input never reaches the model


def test_model_failure_is_502(service: RunningService, fake: FakeOpenAI, seed_text: str) -> None:
    fake.enqueue(error(500, "boom"), error(500, "boom"))
    with service.client() as http:
        r = http.post("/v1/summaries", json=article(seed_text))
    assert r.status_code == 502, r.text
    problem = r.json()
    assert problem["title"] == "Model failed"
    assert problem["error"]["type"] == "TransportError"
    assert problem["error"]["attempts"] == 2


def test_invalid_model_output_is_502(
    service: RunningService, fake: FakeOpenAI, seed_text: str
) -> None:
    fake.enqueue(*(completion("not json") for _ in range(3)))
    with service.client() as http:
        r = http.post("/v1/summaries", json=article(seed_text))
    assert r.status_code == 502, r.text
    assert r.json()["error"]["type"] == "InvalidOutputError"


def test_model_timeout_is_504(service: RunningService, fake: FakeOpenAI, seed_text: str) -> None:
    fake.enqueue(Reply(delay=1.5), Reply(delay=1.5))
    with service.client() as http:
        r = http.post("/v1/summaries", json=article(seed_text, options={"timeout": 1.0}))
        assert r.status_code == 504, r.text
        assert r.json()["title"] == "Model timed out"
        # A timeout no model could meet is the client's mistake, not the model's: 422.
        r = http.post("/v1/summaries", json=article(seed_text, options={"timeout": 1e-300}))
        assert r.status_code == 422


def test_auth_is_required_except_for_health(service: RunningService) -> None:
    with service.client(token=None) as anon, service.client("wrong-token") as wrong:
        assert anon.get("/healthz").status_code == 200
        assert anon.get("/readyz").json() == {"status": "ready"}
        for http in (anon, wrong):
            r = http.post("/v1/summaries", json={"text": "x"})
            assert r.status_code == 401
            assert r.headers["www-authenticate"] == "Bearer"
            assert r.headers["content-type"].startswith("application/problem+json")
            assert http.post("/v1/batches", json=[{"text": "x"}]).status_code == 401
            assert http.get("/v1/batches/whatever").status_code == 401
        basic = anon.get("/v1/batches/x", headers={"Authorization": f"Basic {TOKEN_A}"})
        assert basic.status_code == 401


def test_readyz_when_model_is_down(fake: FakeOpenAI, tmp_path: Path) -> None:
    from tests.service_helpers import free_port

    settings = Settings.resolve(env={}, base_url=f"http://127.0.0.1:{free_port()}/v1")
    config = ServiceConfig(tokens=(TOKEN_A,), data_dir=tmp_path)
    with RunningService(config, settings) as svc, svc.client(None) as http:
        r = http.get("/readyz")
    assert r.status_code == 503
    assert r.headers["content-type"].startswith("application/problem+json")


def test_oversized_body_is_413(service: RunningService, fake: FakeOpenAI) -> None:
    big = {"text": "word " * 50_000}
    with service.client() as http:
        r = http.post("/v1/summaries", json=big)
        assert r.status_code == 413
        assert r.json()["title"] == "Request body too large"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"text": "'
            for _ in range(30):
                yield b"x" * 10_000
            yield b'"}'

        streamed = http.post(
            "/v1/summaries", content=chunks(), headers={"content-type": "application/json"}
        )
        assert streamed.status_code == 413
    assert fake.requests == []


def test_long_article_is_422(fake: FakeOpenAI, tmp_path: Path) -> None:
    settings = Settings.resolve(env={}, base_url=fake.base_url, max_chars=1000)
    config = ServiceConfig(tokens=(TOKEN_A,), data_dir=tmp_path)
    with RunningService(config, settings) as svc, svc.client() as http:
        r = http.post("/v1/summaries", json={"text": "word " * 1000})
    assert r.status_code == 422
    assert "over the limit" in r.json()["detail"]


def test_openapi_document_and_docs(service: RunningService) -> None:
    with service.client(None) as http:
        doc = http.get("/openapi.json").json()
        assert http.get("/docs").status_code == 200
    paths = doc["paths"]
    for path in ("/v1/summaries", "/v1/batches", "/v1/batches/{job_id}", "/healthz", "/readyz"):
        assert path in paths
    assert "/v1/batches/{job_id}/results" in paths
    assert {"502", "504", "422", "401", "413"} <= set(paths["/v1/summaries"]["post"]["responses"])


def test_access_log_is_structured_and_secret_free(
    service: RunningService, seed_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="summarizer.service.access")
    with service.client() as http:
        http.post("/v1/summaries?token=leak", json=article(seed_text))
        http.get("/v1/batches/nope")

    def logged() -> list[dict[str, object]]:
        # The line is written once the response has gone out, so it may trail the client.
        # As the service writes them on a pipe: one JSON object, the fields as its keys.
        as_json = logs.LineFormatter(json_lines=True)
        access = [r for r in caplog.records if r.name.endswith("access")]
        return [json.loads(as_json.format(r)) for r in access]

    records = wait_for(lambda: len(logged()) >= 2 and logged())
    assert [(r["method"], r["path"], r["status"]) for r in records] == [
        ("POST", "/v1/summaries", 200),
        ("GET", "/v1/batches/nope", 404),
    ]
    assert all(r["duration_ms"] >= 0 for r in records)
    text = caplog.text
    for secret in (TOKEN_A, UPSTREAM_KEY, "leak"):
        assert secret not in text


def test_refuses_public_bind_without_token(tmp_path: Path) -> None:
    from summarizer.service.cli import check_bind

    with pytest.raises(ConfigError, match="without a token"):
        check_bind("0.0.0.0", ServiceConfig(data_dir=tmp_path))
    check_bind("0.0.0.0", ServiceConfig(tokens=("t",), data_dir=tmp_path))
    check_bind("127.0.0.1", ServiceConfig(data_dir=tmp_path))
    check_bind("::1", ServiceConfig(data_dir=tmp_path))


def test_token_env_is_comma_separated(tmp_path: Path) -> None:
    config = ServiceConfig.resolve(
        env={"SUMMARIZER_API_TOKEN": " one, two ,,", "SUMMARIZER_DATA_DIR": str(tmp_path)}
    )
    assert config.tokens == ("one", "two")
    assert config.data_dir == tmp_path
    assert "one" not in repr(config)


def test_cli_refuses_public_bind_without_token(capsys: pytest.CaptureFixture[str]) -> None:
    from summarizer.cli import main

    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "without a token" in capsys.readouterr().err


def test_loopback_without_tokens_is_open(fake: FakeOpenAI, tmp_path: Path, seed_text: str) -> None:
    settings = Settings.resolve(env={}, base_url=fake.base_url)
    svc = RunningService(ServiceConfig(data_dir=tmp_path), settings)
    with svc, svc.client(None) as http:
        assert http.post("/v1/summaries", json=article(seed_text)).status_code == 200
