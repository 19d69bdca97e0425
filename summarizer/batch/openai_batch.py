"""The OpenAI Batch API engine: the same requests as live calls, at half the price, within 24 h.

A run has four steps, each resumable because its progress is kept in a state file next to the
output (``results.batch-state.json``) and in the results file itself:

1. build: stream the inputs into request parts (``batch_files.py``); bad input and cache hits
   are recorded at once, as in a live run;
2. submit: upload each part and create its batch, saving the ids the moment they exist;
3. poll: until every batch has ended, showing its request counts;
4. collect: download output and error files, and turn each answer into the same record a
   live call would give: ``extraction.next_step``, the live calls' own re-ask step, decides
   whether it is accepted (``pipeline.finish`` grounds it, as for a live call; the requests
   are ``pipeline.start``'s), given up on, or re-asked (the bad
   answer and its errors appended to the conversation, within ``reasks`` and the token
   budget). A re-ask goes into a re-ask part, which is submitted, polled and collected in turn
   as the next round.

An interrupted run started again with ``--resume`` picks up where the state file says, so it
polls the batches it already paid for instead of creating new ones. A batch created just
before a crash, with no id saved yet, is found again by the part token in its metadata. The
re-ask parts of a part are registered in the state file in the same write that marks the
part collected, so a crash while collecting just collects it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import openai

from .. import retry, scrub
from ..article import Article
from ..context import refusal_error
from ..errors import ContextLengthError, InputError, TransportError
from ..extraction import Accepted, GiveUp, next_step
from ..llm import Completion, Message, completion_from_json, make_client
from ..long import fits
from ..pipeline import Prepared, call, finish, start
from ..profile import profile_for
from ..prompts import PromptSet
from ..settings import Settings
from .batch_files import (
    ENDPOINT,
    MAX_BYTES,
    MAX_REQUESTS,
    AnswerIndex,
    Part,
    PartWriter,
    Pending,
    batch_line,
    part_articles,
)
from .cache import SummaryCache, cache_key
from .inputs import Duplicate, Selection
from .outputs import batch_folder, batch_state_path
from .progress import Progress, Quiet
from .records import Result, duplicate_result, error_result, ok_result

T = TypeVar("T")
ENDED = frozenset({"completed", "failed", "expired", "cancelled"})
STATE_VERSION = 1


class BatchEngine:
    """One Batch API run for one results file; ``run`` yields its results."""

    def __init__(
        self,
        settings: Settings,
        *,
        prompts: PromptSet,
        output: Path,
        cache: SummaryCache | None = None,
        resume: bool = False,
        poll_interval: float = 30.0,
        progress: Progress | None = None,
        client: openai.OpenAI | None = None,
        max_requests: int = MAX_REQUESTS,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        profile = profile_for(settings)
        if not profile.batch_api:
            raise InputError(
                "--engine openai-batch needs OpenAI (OPENAI_API_KEY) or --base-url of a server "
                f"with the Batch API; the {profile.name} has none"
            )
        self.settings = settings
        self.profile = profile  # decided once for the run, carried by each request
        self.prompts = prompts
        self.cache = cache
        self.resume = resume
        self.poll_interval = poll_interval
        self.progress = progress or Quiet()
        self.client = client or make_client(settings, profile=profile)
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.state_path = batch_state_path(output)
        self.folder = batch_folder(output)
        self.parts: list[Part] = []
        self.built = {"requests": 0, "immediate": 0}

    # -- the run ---------------------------------------------------------------------------

    def run(self, selection: Selection) -> Iterator[Result]:
        state = self._load_state()
        if state is None:
            yield from self._build(selection)
            self._save_state()
        else:
            self.progress.note(f"resuming the Batch API run in {self.state_path.name}")
        # Each pass submits, polls and collects whatever is not collected yet; collecting a part
        # may add its re-ask part (the next round), which the next pass takes.
        while any(not p.collected for p in self.parts):
            self._submit()
            self._poll()
            for part in list(self.parts):
                if not part.collected:
                    yield from self._collect(part, selection.done_ids)
        self._cleanup()

    def summary(self) -> dict[str, Any]:
        return {
            "batches": [
                {
                    "part": p.number,
                    "round": p.round,
                    "batch_id": p.batch_id,
                    "status": p.status,
                    "requests": p.requests,
                }
                for p in self.parts
            ],
        }

    # -- 1. build --------------------------------------------------------------------------

    def _build(self, selection: Selection) -> Iterator[Result]:
        if self.folder.exists():
            shutil.rmtree(self.folder)  # parts of a build that never reached the state file
        writer = PartWriter(self.folder, max_requests=self.max_requests, max_bytes=self.max_bytes)
        try:
            for unit in selection:
                if isinstance(unit, Duplicate):
                    yield duplicate_result(unit)
                    continue
                try:
                    article = unit.load(self.settings.max_chars)
                except Exception as exc:  # bad input is recorded, never fatal
                    self.built["immediate"] += 1
                    yield error_result(unit.id, exc, origin=unit.origin)
                    continue
                hit = self._cached(article)
                if hit is not None:
                    self.built["immediate"] += 1
                    yield ok_result(unit.id, hit, origin=unit.origin, cached=True)
                    continue
                custom_id = f"req-{self.built['requests'] + 1}"
                prepared = start(article, self.settings, self.prompts, self.profile)
                window = self.profile.context_tokens
                if window is not None and not fits(prepared, self.settings, window):
                    self.built["immediate"] += 1  # too long for one request: no batch line
                    yield self._windowed(unit.id, unit.origin, prepared)
                    continue
                line = batch_line(
                    custom_id,
                    self.settings,
                    prepared.messages,
                    prepared.schema_fields,
                    self.profile,
                )
                writer.add(Pending(unit.id, unit.origin, custom_id, article), line)
                self.built["requests"] += 1
        finally:
            writer.close()
        self.parts = writer.parts

    def _windowed(
        self,
        item_id: str,
        origin: str,
        request: Prepared,
        refused: ContextLengthError | None = None,
    ) -> Result:
        """The record of an article too long for one request (known from the context size, or
        from the server's refusal): its windows go out as live calls, as they would in a live
        run, since each window's request depends on the answers before it."""
        try:
            request, extraction = call(self.client, request, refused=refused)
            summary = finish(request, extraction)
        except Exception as exc:  # ModelError, or a bug of ours: one error record
            return error_result(item_id, exc, origin=origin, model=self.profile.model)
        if self.cache is not None:
            self.cache.put(
                cache_key(request.article, self.settings, self.prompts, self.profile), summary
            )
        return ok_result(item_id, summary, origin=origin)

    def _cached(self, article: Article) -> Any:
        if self.cache is None:
            return None
        return self.cache.get(cache_key(article, self.settings, self.prompts, self.profile))

    # -- 2. submit -------------------------------------------------------------------------

    def _submit(self) -> None:
        for part in self.parts:
            if part.batch_id is None:
                self._submit_part(part)
                what = f"re-asks, round {part.round}" if part.round > 1 else "first asks"
                self.progress.note(f"part {part.number} ({what}): batch {part.batch_id} created")

    def _submit_part(self, part: Part) -> None:
        token = self._token(part)
        found = self._find_batch(token)
        if found is not None:
            part.batch_id = found
            self._save_state()
            return
        if part.file_id is None:
            part.file_id = self._call(partial(self._upload, part.paths(self.folder)[0]))
            self._save_state()
        batch = self._call(
            partial(
                self.client.batches.create,
                input_file_id=part.file_id,
                endpoint=ENDPOINT,
                completion_window="24h",
                metadata={"summarizer_part": token},
            )
        )
        part.batch_id, part.status = batch.id, batch.status
        self._save_state()

    def _upload(self, path: Path) -> str:
        with path.open("rb") as f:
            return self.client.files.create(file=(path.name, f), purpose="batch").id

    def _token(self, part: Part) -> str:
        """Names a part across runs: the results file it belongs to and its request bytes."""
        digest = hashlib.sha256(str(self.state_path.resolve()).encode())
        with part.paths(self.folder)[0].open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()[:32]

    def _find_batch(self, token: str) -> str | None:
        """A batch this part already created (crash before its id was saved), if not failed."""
        try:
            page = self._call(partial(self.client.batches.list, limit=100))
        except TransportError:
            return None
        for batch in page.data:
            meta = batch.metadata or {}
            if meta.get("summarizer_part") == token and batch.status not in ("failed", "cancelled"):
                return batch.id
        return None

    # -- 3. poll ---------------------------------------------------------------------------

    def _poll(self) -> None:
        while True:
            waiting = [p for p in self.parts if p.status not in ENDED]
            for part in waiting:
                batch_id = part.batch_id
                assert batch_id is not None
                batch = self._call(partial(self.client.batches.retrieve, batch_id))
                if batch.status != part.status:
                    part.status = batch.status
                    self._save_state()
                counts = batch.request_counts
                done = f"{counts.completed + counts.failed}/{counts.total}" if counts else "?"
                self.progress.note(f"batch {part.number}/{len(self.parts)} {batch.status} {done}")
            if all(p.status in ENDED for p in self.parts):
                return
            retry.sleep(self.poll_interval)

    # -- 4. collect ------------------------------------------------------------------------

    def _collect(self, part: Part, done: set[str]) -> Iterator[Result]:
        """Records for a part's answers; answers to re-ask go into the next round's part."""
        assert part.batch_id is not None
        batch = self._call(partial(self.client.batches.retrieve, part.batch_id))
        stem = self.folder / f"part-{part.number:04d}"
        output = stem.with_suffix(".output.jsonl")
        errors = stem.with_suffix(".errors.jsonl")
        for file_id, dest in ((batch.output_file_id, output), (batch.error_file_id, errors)):
            if file_id:
                self._call(partial(self._download, file_id, dest))
        why_missing = _batch_problem(batch)
        reasks = PartWriter(
            self.folder,
            max_requests=self.max_requests,
            max_bytes=self.max_bytes,
            first_number=max(p.number for p in self.parts) + 1,
            round=part.round + 1,
        )
        try:
            with AnswerIndex(output, errors) as answers:
                for pending in part_articles(self.folder, part):
                    if pending.id in done:
                        continue
                    outcome = self._outcome(pending, answers.get(pending.custom_id), why_missing)
                    if isinstance(outcome, Result):
                        yield outcome
                    else:
                        reask, messages, schema_fields = outcome
                        line = batch_line(
                            reask.custom_id, self.settings, messages, schema_fields, self.profile
                        )
                        reasks.add(reask, line)
        finally:
            reasks.close()
        # One write registers the next round and marks this part done: a crash before it
        # collects this part again, rewriting the same re-ask files.
        self.parts.extend(reasks.parts)
        part.collected = True
        self._save_state()

    def _download(self, file_id: str, dest: Path) -> None:
        tmp = dest.with_name(dest.name + ".part")
        with (
            self.client.files.with_streaming_response.content(file_id) as response,
            tmp.open("wb") as f,
        ):
            for chunk in response.iter_bytes():
                f.write(chunk)
        os.replace(tmp, dest)

    def _outcome(
        self, pending: Pending, answer: dict[str, Any] | None, why_missing: str
    ) -> Result | tuple[Pending, list[Message], dict[str, Any]]:
        """The record a live call would have given for this answer, or the re-ask to send."""
        item_id, origin, article = pending.id, pending.origin, pending.article
        prepared = start(article, self.settings, self.prompts, self.profile)
        history = pending.history(prepared.messages)
        outcome = self._answer(answer, why_missing)
        step = next_step(
            history, outcome, spec=prepared.spec, prompts=self.prompts, settings=self.settings
        )
        if isinstance(step, Accepted):
            summary = finish(prepared, step.extraction)
            if self.cache is not None:
                self.cache.put(
                    cache_key(article, self.settings, self.prompts, self.profile), summary
                )
            return ok_result(item_id, summary, origin=origin)
        if isinstance(step, GiveUp) and isinstance(step.error, ContextLengthError):
            return self._windowed(item_id, origin, prepared, refused=step.error)
        if isinstance(step, GiveUp):
            answered = outcome.model if isinstance(outcome, Completion) else None
            model = answered or self.profile.model
            return error_result(item_id, step.error, origin=origin, model=model)
        after = step.history
        reask = Pending(
            id=item_id,
            origin=origin,
            custom_id=f"{pending.custom_id.split('.')[0]}.{len(after.attempts) + 1}",
            article=article,
            messages=list(after.messages),
            attempts=after.attempts,
            last_output=after.last_output,
            model=after.model,
        )
        return reask, list(after.messages), prepared.schema_fields

    def _answer(
        self, answer: dict[str, Any] | None, why_missing: str
    ) -> Completion | TransportError:
        """A downloaded answer line as a completion, or as the transport error it stands for."""
        if answer is None:
            why = scrub.redact(why_missing, self.settings.secrets)
            return TransportError(f"no answer from the Batch API: {why}", attempts=0)
        response = answer.get("response") or {}
        status = response.get("status_code")
        body = response.get("body")
        if answer.get("error") or status != 200 or not isinstance(body, dict):
            error = body.get("error") if isinstance(body, dict) else None
            too_long = refusal_error(status, error) if not answer.get("error") else None
            if too_long is not None:  # as a live call's refusal: the windows will follow
                return too_long
            message = scrub.redact(_error_message(answer), self.settings.secrets)
            return TransportError(
                f"the Batch API request failed (HTTP {status}): {message}", attempts=1
            )
        return completion_from_json(body)

    # -- state -----------------------------------------------------------------------------

    def _load_state(self) -> dict[str, Any] | None:
        if not self.state_path.exists():
            return None
        if not self.resume:
            raise InputError(
                f"{self.state_path} holds a Batch API run in progress: pass --resume to "
                "continue it (re-running would pay for the same requests twice)"
            )
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            self.parts = [Part.from_dict(p) for p in state["parts"]]
            self.built = state.get("built", self.built)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"cannot read the batch state {self.state_path}: {exc}") from None
        if not isinstance(state, dict):
            raise InputError(f"cannot read the batch state {self.state_path}")
        return state

    def _save_state(self) -> None:
        state = {
            "version": STATE_VERSION,
            "model": self.profile.model,
            "prompt": [self.prompts.name, self.prompts.version],
            "folder": str(self.folder),
            "built": self.built,
            "parts": [p.to_dict() for p in self.parts],
        }
        tmp = self.state_path.with_name(self.state_path.name + ".tmp")
        tmp.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.state_path)

    def _cleanup(self) -> None:
        """Everything is in the results file now; the batch ids stay in the run summary."""
        self.state_path.unlink(missing_ok=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _call(self, fn: Callable[[], T]) -> T:
        return retry.call_with_retries(fn, self.settings, self.profile)[0]


def _batch_problem(batch: Any) -> str:
    if batch.status == "completed":
        return "the batch completed without this request"
    details = "; ".join(
        e.message
        for e in (batch.errors.data if batch.errors and batch.errors.data else [])
        if e.message
    )
    return f"batch {batch.id} {batch.status}" + (f": {details}" if details else "")


def _error_message(answer: dict[str, Any]) -> str:
    error = answer.get("error")
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])
    body = (answer.get("response") or {}).get("body")
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("message", "error"))
    return "no body"
