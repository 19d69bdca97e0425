"""The files of an OpenAI Batch API run: request parts we upload, answers we download.

Each part is two files side by side: ``part-N.requests.jsonl`` (the Batch API input, one
Chat Completions body per line, built by ``llm.request_body`` exactly as a live call) and
``part-N.articles.jsonl`` (our own record of which article each ``custom_id`` stands for, so
answers can be grounded later without keeping anything in memory). A part closes at the
Batch API's limits: 50,000 requests or 200 MB. A re-ask part (round 2 and on) also keeps, per
request, the conversation it sent and the attempts before it (``extraction.History``), so
the next round can go on from there.

Downloaded answers come back in any order; ``AnswerIndex`` maps ``custom_id`` to a byte
offset so each is read when its article comes up, and only one part is indexed at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final

from .. import jsonl
from ..article import Article
from ..extraction import History
from ..llm import Message, request_body
from ..profile import EndpointProfile
from ..schema import AttemptRecord
from ..settings import Settings

MAX_REQUESTS = 50_000
MAX_BYTES = 200 * 1024 * 1024
ENDPOINT: Final = "/v1/chat/completions"


def batch_line(
    custom_id: str,
    settings: Settings,
    messages: list[Message],
    schema_fields: dict[str, Any],
    profile: EndpointProfile | None = None,
) -> bytes:
    """One Batch API request line, with the very body a live call sends."""
    body = request_body(settings, messages, schema_fields, profile)
    line = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}
    return json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n"


@dataclass
class Part:
    """One uploaded unit: its files and, once submitted, its Batch API ids."""

    number: int
    round: int = 1  # 1: the first asks; 2 and on: re-asks of answers that did not validate
    requests: int = 0
    size: int = 0
    file_id: str | None = None
    batch_id: str | None = None
    status: str | None = None
    collected: bool = False

    def paths(self, folder: Path) -> tuple[Path, Path]:
        stem = folder / f"part-{self.number:04d}"
        return stem.with_suffix(".requests.jsonl"), stem.with_suffix(".articles.jsonl")

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Part:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


class PartWriter:
    """Streams request lines into parts, starting a new one at either limit."""

    def __init__(
        self,
        folder: Path,
        *,
        max_requests: int = MAX_REQUESTS,
        max_bytes: int = MAX_BYTES,
        first_number: int = 1,
        round: int = 1,
    ) -> None:
        self.folder = folder
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.first_number = first_number
        self.round = round
        self.parts: list[Part] = []
        self._requests: IO[bytes] | None = None
        self._articles: IO[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)

    def add(self, pending: Pending, line: bytes) -> None:
        part = self.parts[-1] if self.parts else None
        if part is None or (
            part.requests >= self.max_requests or part.size + len(line) > self.max_bytes
        ):
            part = self._open(self.first_number + len(self.parts))
        assert self._requests is not None and self._articles is not None
        self._requests.write(line)
        self._articles.write(json.dumps(pending.to_dict(), ensure_ascii=False).encode() + b"\n")
        part.requests += 1
        part.size += len(line)

    def _open(self, number: int) -> Part:
        self.close()
        part = Part(number, round=self.round)
        requests, articles = part.paths(self.folder)
        self._requests = requests.open("wb")
        self._articles = articles.open("wb")
        self.parts.append(part)
        return part

    def close(self) -> None:
        for f in (self._requests, self._articles):
            if f is not None:
                f.close()
        self._requests = self._articles = None


@dataclass(frozen=True)
class Pending:
    """One request of a part: whose it is, and the article its answer will be grounded in.

    For a re-ask, also the conversation it sent and the attempts that came before it.
    """

    id: str
    origin: str
    custom_id: str
    article: Article
    messages: list[Message] | None = None  # None in round 1: the prompt is rebuilt from the article
    attempts: tuple[AttemptRecord, ...] = ()
    last_output: str | None = None
    model: str | None = None

    def history(self, first_messages: list[Message]) -> History:
        """Where the article's re-asks stand: round 1 starts from the prompt it was built with."""
        messages = self.messages if self.messages is not None else first_messages
        return History(tuple(messages), self.attempts, self.last_output, self.model)

    def to_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": self.id,
            "origin": self.origin,
            "custom_id": self.custom_id,
            "article": self.article.model_dump(mode="json"),
        }
        if self.messages is not None:
            entry["messages"] = self.messages
            entry["attempts"] = [a.model_dump(mode="json") for a in self.attempts]
            entry["last_output"] = self.last_output
            entry["model"] = self.model
        return entry

    @classmethod
    def from_dict(cls, entry: dict[str, Any]) -> Pending:
        return cls(
            id=entry["id"],
            origin=entry["origin"],
            custom_id=entry["custom_id"],
            article=Article.model_validate(entry["article"]),
            messages=entry.get("messages"),
            attempts=tuple(AttemptRecord.model_validate(a) for a in entry.get("attempts", [])),
            last_output=entry.get("last_output"),
            model=entry.get("model"),
        )


def part_articles(folder: Path, part: Part) -> Iterator[Pending]:
    """Every request of a part, in the order they were written."""
    with part.paths(folder)[1].open("rb") as f:
        for line in f:
            yield Pending.from_dict(json.loads(line))


class AnswerIndex:
    """``custom_id`` -> the line holding its answer, over the downloaded output and error files."""

    def __init__(self, *paths: Path) -> None:
        self._files: list[IO[bytes]] = []
        self._where: dict[str, tuple[int, int]] = {}
        for path in paths:
            if not path.exists():
                continue
            f = path.open("rb")
            index = len(self._files)
            self._files.append(f)
            offset = 0
            for line in f:
                custom_id = _custom_id(line)
                # An answer in the output file wins over an error line for the same request.
                if custom_id is not None and custom_id not in self._where:
                    self._where[custom_id] = (index, offset)
                offset += len(line)

    def get(self, custom_id: str) -> dict[str, Any] | None:
        where = self._where.get(custom_id)
        if where is None:
            return None
        f = self._files[where[0]]
        f.seek(where[1])
        try:
            data = jsonl.loads(f.readline())
        except json.JSONDecodeError:  # indexed, so its custom_id parsed: not expected
            return None
        return data if isinstance(data, dict) else None

    def close(self) -> None:
        for f in self._files:
            f.close()

    def __enter__(self) -> AnswerIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _custom_id(line: bytes) -> str | None:
    """The request a downloaded answer line is for; None for a line that is not one."""
    try:
        data = jsonl.loads(line)
    except json.JSONDecodeError:  # nesting or numbers no answer has: skipped, never fatal
        return None
    value = data.get("custom_id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
