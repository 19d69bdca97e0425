"""The one re-ask step (``extraction.next_step``) that live calls and Batch API rounds both feed.

Each case is the outcomes one article gets in turn (an answer, or a transport failure) and
what the step must make of them; the numbers are worked out by hand from the replies below
(1,000 prompt + 300 completion tokens each).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from summarizer.article import make_article
from summarizer.errors import (
    BudgetExceededError,
    InvalidOutputError,
    ModelError,
    TransportError,
    TransportTimeoutError,
)
from summarizer.extraction import Accepted, GiveUp, History, Reask, Step, next_step
from summarizer.llm import Completion
from summarizer.pipeline import Prepared, prepare
from summarizer.prompts import load_prompts
from summarizer.schema import Usage
from summarizer.settings import Settings

USAGE = Usage(prompt_tokens=1000, completion_tokens=300, total_tokens=1300)
GOOD = "GOOD"  # stands for the seed draft, filled in per test
NOT_JSON = Completion("not json", None, "stop", USAGE, "m1")
CUT_OFF = Completion('{"summary": {"headline": "Tru', None, "length", USAGE, "m1")
REFUSED = Completion(None, "I cannot help with that.", "stop", USAGE, None)
HTTP_400 = TransportError("model server answered HTTP 400", status_code=400, attempts=1)
TIMED_OUT = TransportTimeoutError("model server timed out after 3 attempt(s)", attempts=3)

Outcome = Completion | TransportError | str


@dataclass(frozen=True)
class Case:
    outcomes: list[Outcome]
    steps: list[type[Step]]  # what each outcome must lead to
    attempts: int  # attempts the final result counts
    tokens: int  # total tokens the final result counts
    error: type[ModelError] | None = None
    settings: dict[str, Any] = field(default_factory=dict)


CASES = {
    "accepted first time": Case([GOOD], [Accepted], attempts=1, tokens=1300),
    "invalid, then valid": Case([NOT_JSON, GOOD], [Reask, Accepted], attempts=2, tokens=2600),
    "refused, cut off, then valid": Case(
        [REFUSED, CUT_OFF, GOOD], [Reask, Reask, Accepted], attempts=3, tokens=3900
    ),
    "token budget spent": Case(
        [NOT_JSON, NOT_JSON],
        [Reask, GiveUp],
        attempts=2,
        tokens=2600,
        error=BudgetExceededError,
        settings={"token_budget": 2000},
    ),
    "re-asks used up": Case(
        [NOT_JSON, CUT_OFF],
        [Reask, GiveUp],
        attempts=2,
        tokens=2600,
        error=InvalidOutputError,
        settings={"reasks": 1},
    ),
    "no re-asks at all": Case(
        [NOT_JSON],
        [GiveUp],
        attempts=1,
        tokens=1300,
        error=InvalidOutputError,
        settings={"reasks": 0},
    ),
    "transport failure first": Case(
        [TIMED_OUT], [GiveUp], attempts=3, tokens=0, error=TransportTimeoutError
    ),
    "transport failure on the re-ask": Case(
        [NOT_JSON, HTTP_400], [Reask, GiveUp], attempts=2, tokens=1300, error=TransportError
    ),
}


def settings_for(**more: Any) -> Settings:
    return Settings.resolve(env={}, base_url="http://127.0.0.1:9/v1", api_key="sk-test", **more)


def prepared_seed(seed_text: str, settings: Settings) -> Prepared:
    return prepare(make_article(seed_text, published="2025-03-17"), load_prompts(), settings)


def run(
    outcomes: list[Outcome], seed_draft: str, settings: Settings, prepared: Prepared
) -> list[Step]:
    good = Completion(seed_draft, None, "stop", USAGE, "m2")
    history = History(tuple(prepared.messages))
    steps: list[Step] = []
    for outcome in outcomes:
        step = next_step(
            history,
            good if outcome == GOOD else outcome,  # type: ignore[arg-type]
            spec=prepared.spec,
            prompts=load_prompts(),
            settings=settings,
        )
        steps.append(step)
        if isinstance(step, Reask):
            history = step.history
    return steps


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_step_decides(case: Case, seed_text: str, seed_draft: str) -> None:
    settings = settings_for(**case.settings)
    steps = run(case.outcomes, seed_draft, settings, prepared_seed(seed_text, settings))
    assert [type(s) for s in steps] == case.steps
    last = steps[-1]
    if isinstance(last, Accepted):
        assert case.error is None
        assert last.extraction.raw == seed_draft
        assert len(last.extraction.attempts) == case.attempts
        assert last.extraction.usage.total_tokens == case.tokens
        assert [a.attempt for a in last.extraction.attempts] == list(range(1, case.attempts + 1))
        assert last.extraction.attempts[-1].errors == []
        assert all(a.errors for a in last.extraction.attempts[:-1])
    else:
        assert isinstance(last, GiveUp)
        assert type(last.error) is case.error
        assert last.error.attempts == case.attempts
        assert last.error.usage.get("total_tokens", 0) == case.tokens


def test_a_reask_sends_the_bad_answer_back_with_what_was_wrong(
    seed_text: str, seed_draft: str
) -> None:
    settings = settings_for()
    prepared = prepared_seed(seed_text, settings)
    [step] = run([NOT_JSON], seed_draft, settings, prepared)
    assert isinstance(step, Reask)
    sent = step.history.messages
    assert list(sent[: len(prepared.messages)]) == prepared.messages
    assistant, user = sent[len(prepared.messages) :]
    assert assistant == {"role": "assistant", "content": "not json"}
    assert user["role"] == "user" and "not valid JSON" in user["content"]
    [record] = step.history.attempts
    assert (record.attempt, record.finish_reason, record.usage) == (1, "stop", USAGE)
    assert step.history.last_output == "not json" and step.history.model == "m1"


def test_a_transport_failure_keeps_the_earlier_answers(seed_text: str, seed_draft: str) -> None:
    settings = settings_for()
    steps = run([NOT_JSON, HTTP_400], seed_draft, settings, prepared_seed(seed_text, settings))
    error = steps[-1].error  # type: ignore[union-attr]
    assert isinstance(error, TransportError) and error is not HTTP_400
    assert error.status_code == 400
    assert error.last_output == "not json"
    assert error.usage == USAGE.model_dump()
    assert (HTTP_400.attempts, HTTP_400.usage) == (1, {})  # the failure itself is not patched


def test_the_step_is_pure(seed_text: str, seed_draft: str) -> None:
    settings = settings_for()
    prepared = prepared_seed(seed_text, settings)
    history = History(tuple(prepared.messages))
    first = next_step(
        history, NOT_JSON, spec=prepared.spec, prompts=load_prompts(), settings=settings
    )
    again = next_step(
        history, NOT_JSON, spec=prepared.spec, prompts=load_prompts(), settings=settings
    )
    assert first == again
    assert history == History(tuple(prepared.messages))
