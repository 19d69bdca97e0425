"""Property-based API tests generated from the service's own OpenAPI document: never a 5xx.

Schemathesis draws requests (valid and invalid) for every operation and sends them over real
HTTP with a valid token; the model behind is the fake, answering every call with a
draft that is valid for any article (model failures have their own tests).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from summarizer.service.config import ServiceConfig
from summarizer.settings import Settings
from tests.conftest import DATA
from tests.fakes import FakeOpenAI, completion
from tests.service_helpers import TOKEN_A, RunningService

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402  (after the skip: a dev dependency)
from schemathesis.checks import not_a_server_error  # noqa: E402


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    # A valid answer for any article: a summary and nothing that must be found in the text.
    seed = json.loads((DATA / "seed_draft.json").read_text(encoding="utf-8"))
    draft = {
        "summary": seed["summary"],
        "topics": [],
        "quotes": {},
        "stances": {},
        "events": {},
        "undated": [],
    }
    with FakeOpenAI(default=completion(json.dumps(draft))) as fake:
        config = ServiceConfig(
            tokens=(TOKEN_A,),
            data_dir=tmp_path_factory.mktemp("service"),
            max_body_bytes=100_000,
            max_jobs_per_token=4,
        )
        model = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-x", max_attempts=2)
        with RunningService(config, model) as svc:
            yield svc


@pytest.fixture(scope="module")
def api_schema(service: RunningService) -> Any:
    return schemathesis.openapi.from_url(f"{service.base_url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_error_on_any_input(case: Any, service: RunningService) -> None:
    case.call_and_validate(
        base_url=service.base_url,
        headers={"Authorization": f"Bearer {TOKEN_A}"},
        checks=[not_a_server_error],
    )
