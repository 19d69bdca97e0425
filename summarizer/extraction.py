"""Get one valid ``Draft`` from the model: call, check, and re-ask with the concrete errors.

Structural problems are re-asked: non-JSON, truncated output (``finish_reason=length``), a
schema violation, a refusal, or an id that points nowhere (an actor, quotation, sentence or
date id this article does not have: OpenAI strict mode checks ids by pattern only). What the
checks after it find (a stance with no known holder, a repeated event) is *not* re-asked: it
is recorded as a warning, because asking again rarely fixes it and costs tokens.

Tokens are counted across every attempt and capped by ``Settings.token_budget``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import openai
from pydantic import ValidationError

from .draft import Draft, DraftSpec
from .errors import BudgetExceededError, InvalidOutputError, ModelError, TransportError
from .llm import Completion, Message, complete
from .profile import EndpointProfile
from .prompts import PromptSet
from .retry import call_with_retries
from .schema import AttemptRecord, Usage
from .settings import Settings

_MAX_ERRORS_SHOWN = 12


class DraftRequest(Protocol):
    """What one article asks of the model (``request.Prepared``)."""

    @property
    def messages(self) -> list[Message]: ...
    @property
    def spec(self) -> DraftSpec: ...
    @property
    def schema_fields(self) -> dict[str, Any]: ...
    @property
    def profile(self) -> EndpointProfile: ...


@dataclass
class Extraction:
    """The validated draft and what it took to get it."""

    draft: Draft
    raw: str
    attempts: list[AttemptRecord] = field(default_factory=list)
    model: str | None = None

    @property
    def usage(self) -> Usage:
        return _total(self.attempts)


@dataclass(frozen=True)
class History:
    """One article's attempts so far: what the next request sends, and what it cost until now.

    Carried between calls by the live loop and between rounds by the Batch API engine.
    """

    messages: tuple[Message, ...]
    attempts: tuple[AttemptRecord, ...] = ()
    last_output: str | None = None
    model: str | None = None


@dataclass(frozen=True)
class Accepted:
    """The answer validated: the draft and every attempt it took."""

    extraction: Extraction


@dataclass(frozen=True)
class Reask:
    """The answer did not validate and may be asked again: send ``history.messages``."""

    history: History


@dataclass(frozen=True)
class GiveUp:
    """No more asking: the error covers every attempt of the article."""

    error: ModelError


Step = Accepted | Reask | GiveUp


def next_step(
    history: History,
    outcome: Completion | TransportError,
    *,
    spec: DraftSpec,
    prompts: PromptSet,
    settings: Settings,
) -> Step:
    """What one answer (or the failure to get one) means for the article; pure.

    The one re-ask rule, fed by live calls (``extract_draft``) and by the Batch API engine's
    rounds alike, so both count attempts, tokens and transport failures the same way.
    """
    if isinstance(outcome, TransportError):
        # The failed request's own attempts, plus what the earlier answers cost and said.
        usage = _total(history.attempts).model_dump()
        return GiveUp(
            outcome.with_history(
                attempts=len(history.attempts), usage=usage, last_output=history.last_output
            )
        )
    draft, errors = check_completion(outcome, spec)
    log = [
        *history.attempts,
        AttemptRecord(
            attempt=len(history.attempts) + 1,
            finish_reason=outcome.finish_reason,
            usage=outcome.usage,
            errors=errors,
        ),
    ]
    model = outcome.model or history.model
    if draft is not None:
        return Accepted(
            Extraction(draft=draft, raw=outcome.content or "", attempts=log, model=model)
        )
    stop = give_up(log, settings, last_output=outcome.content)
    if stop is not None:
        return GiveUp(stop)
    turns = reask_messages(prompts, outcome, errors, spec)
    return Reask(
        History(
            messages=(*history.messages, *turns),
            attempts=tuple(log),
            last_output=outcome.content,
            model=model,
        )
    )


def extract_draft(
    client: openai.OpenAI, settings: Settings, prompts: PromptSet, request: DraftRequest
) -> Extraction:
    """Ask until a draft validates, within ``settings.reasks`` re-asks and the token budget."""
    history = History(messages=tuple(request.messages))
    while True:  # ends in a valid draft, or in the error ``next_step`` gives up with

        def send(sent: Sequence[Message] = history.messages) -> Completion:
            return complete(client, settings, sent, request.schema_fields, request.profile)

        outcome: Completion | TransportError
        try:
            outcome, _ = call_with_retries(send, settings, request.profile)
        except TransportError as exc:
            outcome = exc
        step = next_step(history, outcome, spec=request.spec, prompts=prompts, settings=settings)
        if isinstance(step, Accepted):
            return step.extraction
        if isinstance(step, GiveUp):
            if isinstance(outcome, TransportError):
                raise step.error from outcome
            raise step.error
        history = step.history


def give_up(
    log: list[AttemptRecord], settings: Settings, *, last_output: str | None
) -> ModelError | None:
    """Why an invalid answer must not be re-asked (budget spent, re-asks used up), if so."""
    errors = log[-1].errors if log else []
    problem = errors[0] if errors else "no answer"
    used = _total(log)
    if used.total_tokens >= settings.token_budget:
        return BudgetExceededError(
            f"token budget of {settings.token_budget:,} used up after {len(log)} attempt(s) "
            f"({used.total_tokens:,} tokens); last problem: {problem}",
            attempts=len(log),
            usage=used.model_dump(),
            last_output=last_output,
            errors=errors,
        )
    if len(log) > settings.reasks:
        return InvalidOutputError(
            f"model output was still invalid after {len(log)} attempt(s): {problem}",
            attempts=len(log),
            usage=used.model_dump(),
            last_output=last_output,
            errors=errors,
        )
    return None


def check_completion(completion: Completion, spec: DraftSpec) -> tuple[Draft | None, list[str]]:
    """The draft if the answer is usable, else the list of problems to send back."""
    if completion.refusal:
        return None, [f"the model refused: {' '.join(completion.refusal.split())[:300]}"]
    if completion.finish_reason == "length":
        return None, [
            "the answer was cut off at the output token limit (truncated JSON); "
            "write shorter strings and fewer items"
        ]
    if not completion.content or not completion.content.strip():
        return None, ["the answer was empty; a JSON object was expected"]
    try:
        draft = Draft.model_validate_json(completion.content)
    except ValidationError as exc:
        return None, _validation_errors(exc)
    errors = spec.reference_errors(draft)[:_MAX_ERRORS_SHOWN]
    return (None, errors) if errors else (draft, [])


def reask_messages(
    prompts: PromptSet, completion: Completion, errors: list[str], spec: DraftSpec
) -> list[Message]:
    """The bad answer goes back as the assistant turn, followed by what was wrong with it."""
    turns: list[Message] = []
    if completion.content:
        turns.append({"role": "assistant", "content": completion.content})
    text = prompts.reask.render(
        errors="\n".join(f"- {e}" for e in errors), id_rules=spec.id_rules()
    )
    turns.append({"role": "user", "content": text})
    return turns


def _total(log: Sequence[AttemptRecord]) -> Usage:
    return sum((a.usage for a in log), Usage())


def _validation_errors(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors()[:_MAX_ERRORS_SHOWN]:
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        if err["type"] == "json_invalid":
            out.append(f"the answer is not valid JSON: {err['msg']}")
        else:
            out.append(f"{where}: {err['msg']}")
    return out
