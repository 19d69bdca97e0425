"""Get one valid ``Draft`` from the model: call, check, and re-ask with the concrete errors.

Structural problems are re-asked: non-JSON, truncated output (``finish_reason=length``), a
schema violation, a refusal, or a reference that points nowhere (an unknown actor id, a
quotation number that was never listed). Grounding problems are *not* re-asked: they are
recorded as warnings later, because asking again rarely fixes a hallucination and costs tokens.

Tokens are counted across every attempt and capped by ``Settings.token_budget``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import openai
from pydantic import ValidationError

from .draft import Draft
from .errors import BudgetExceededError, InvalidOutputError, ModelError, TransportError
from .llm import Completion, Message, complete
from .prompts import PromptSet
from .retry import call_with_retries
from .schema import AttemptRecord, Usage
from .settings import Settings

_MAX_ERRORS_SHOWN = 12


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


def extract_draft(
    client: openai.OpenAI,
    settings: Settings,
    prompts: PromptSet,
    messages: list[Message],
    *,
    quotation_count: int,
) -> Extraction:
    """Ask until a draft validates, within ``settings.reasks`` re-asks and the token budget."""
    log: list[AttemptRecord] = []
    conversation = list(messages)
    last_raw: str | None = None
    model_name: str | None = None
    while True:  # ends in a valid draft, or in give_up's or the transport's error

        def send(sent: list[Message] = conversation) -> Completion:
            return complete(client, settings, sent)

        try:
            completion, _ = call_with_retries(send, settings)
        except TransportError as exc:
            # Keep what the earlier, successful calls cost and said.
            usage = _total(log).model_dump()
            raise exc.with_history(attempts=len(log), usage=usage, last_output=last_raw) from exc
        model_name = completion.model or model_name
        last_raw = completion.content
        draft, errors = check_completion(completion, quotation_count=quotation_count)
        log.append(
            AttemptRecord(
                attempt=len(log) + 1,
                finish_reason=completion.finish_reason,
                usage=completion.usage,
                errors=errors,
            )
        )
        if draft is not None:
            return Extraction(
                draft=draft, raw=completion.content or "", attempts=log, model=model_name
            )
        stop = give_up(log, settings, last_output=last_raw)
        if stop is not None:
            raise stop
        conversation += reask_messages(prompts, completion, errors, quotation_count)


def give_up(
    log: list[AttemptRecord], settings: Settings, *, last_output: str | None
) -> ModelError | None:
    """Why an invalid answer must not be re-asked (budget spent, re-asks used up), if so.

    Shared by live calls and the Batch API engine's re-ask rounds, so both stop alike.
    """
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


def check_completion(
    completion: Completion, *, quotation_count: int
) -> tuple[Draft | None, list[str]]:
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
    errors = reference_errors(draft, quotation_count=quotation_count)
    return (None, errors) if errors else (draft, [])


def reference_errors(draft: Draft, *, quotation_count: int) -> list[str]:
    """References that point nowhere: these make the draft unusable, so they are re-asked."""
    errors: list[str] = []
    ids = {a.id for a in draft.actors}
    for i, p in enumerate(draft.positions):
        if p.holder not in ids:
            errors.append(f"positions[{i}].holder: {p.holder!r} is not an id in actors")
    for i, q in enumerate(draft.quotes):
        if q.speaker is not None and q.speaker not in ids:
            errors.append(f"quotes[{i}].speaker: {q.speaker!r} is not an id in actors")
        if not 1 <= q.quotation <= quotation_count:
            listed = f"1..{quotation_count}" if quotation_count else "none were listed"
            errors.append(f"quotes[{i}].quotation: {q.quotation} is not a listed number ({listed})")
    for i, e in enumerate(draft.timeline):
        for j, actor in enumerate(e.actors):
            if actor not in ids:
                errors.append(f"timeline[{i}].actors[{j}]: {actor!r} is not an id in actors")
    return errors[:_MAX_ERRORS_SHOWN]


def reask_messages(
    prompts: PromptSet, completion: Completion, errors: list[str], quotation_count: int
) -> list[Message]:
    """The bad answer goes back as the assistant turn, followed by what was wrong with it."""
    turns: list[Message] = []
    if completion.content:
        turns.append({"role": "assistant", "content": completion.content})
    quotation_range = f"1 to {quotation_count}" if quotation_count else "none were listed"
    text = prompts.reask.render(
        errors="\n".join(f"- {e}" for e in errors), quotation_range=quotation_range
    )
    turns.append({"role": "user", "content": text})
    return turns


def _total(log: list[AttemptRecord]) -> Usage:
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
