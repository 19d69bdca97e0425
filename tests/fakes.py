"""A scriptable OpenAI-compatible server on 127.0.0.1, for tests and benchmarks.

Real HTTP, so the SDK, our httpx client and the retry layer all run as in production. Queue
replies with ``enqueue``; every request received is kept in ``requests`` to assert on. When
the queue is empty, ``default`` (if set) answers every request, ``latency`` seconds after the
request arrived (the fake's own parsing and encoding are not added on top, so a benchmark
against it measures the client, not the fake).
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer: an HTTP status with a JSON body, or a transport-level failure."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without answering
    delay: float = 0.0  # seconds before answering (longer than the client timeout = timeout)
    # A hostile body: ``padding`` spaces before it (a huge answer that is still valid JSON,
    # never held in memory), only its first ``truncate`` bytes before the connection is closed
    # (``content-length`` still says the whole), and ``drip`` seconds between pieces of
    # ``drip_size`` bytes after the headers.
    padding: int = 0
    truncate: int | None = None
    drip: float = 0.0
    drip_size: int = 1


def completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int = 1000,
    completion_tokens: int = 300,
    model: str = "fake-model",
) -> Reply:
    """A 200 reply in the Chat Completions format."""
    return Reply(
        body={
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish_reason,
                    "message": {"role": "assistant", "content": content, "refusal": refusal},
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }
    )


def error(status: int, message: str = "error", headers: dict[str, str] | None = None) -> Reply:
    return Reply(
        status=status, body={"error": {"message": message, "type": "fake"}}, headers=headers or {}
    )


class FakeOpenAI:
    """Start with ``with FakeOpenAI() as fake:``; point clients at ``fake.base_url``."""

    def __init__(
        self,
        *,
        default: Reply | Callable[[dict[str, Any]], Reply] | None = None,
        latency: float = 0.0,
        context_limit: int | None = None,
        tokenizer: bool = False,
        models: Sequence[str] | None = ("fake-model",),
    ) -> None:
        self.context_limit = context_limit
        # ``GET /v1/models`` lists these (one, as a llama.cpp or vLLM server does, unless told
        # otherwise); None answers 404. Not recorded in ``requests``; counted in ``listed``.
        self.models = models
        self.listed = 0
        # llama.cpp's ``POST /tokenize`` (answered by the fake's own tokenizer, not recorded
        # as a request); without it the path is answered 404, as by servers that lack it.
        self.tokenizer = tokenizer
        self.tokenized: list[str] = []
        self.queue: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.body_bytes_sent: list[int] = []  # body bytes written per hostile reply
        self.default = default
        self.latency = latency
        self._default_bytes: bytes | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        self.queue.extend(replies)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            too_long = self._too_long(body)
            if too_long is not None:
                return too_long
            if self.queue:
                return self.queue.popleft()
        if callable(self.default):
            return self.default(body)
        if self.default is not None:
            return self.default
        return error(500, "fake server: no reply queued")

    def _tokenize(self, body: dict[str, Any]) -> Reply:
        if not self.tokenizer:
            return error(404, "File Not Found")
        content = str(body.get("content") or "")
        with self._lock:
            self.tokenized.append(content)
        return Reply(body={"tokens": [0] * len(WORDS.findall(content))})

    def _models(self) -> Reply:
        with self._lock:
            self.listed += 1
        if self.models is None:
            return error(404, "File Not Found")
        data = [{"id": m, "object": "model", "owned_by": "fake"} for m in self.models]
        return Reply(body={"object": "list", "data": data})

    def _too_long(self, body: dict[str, Any]) -> Reply | None:
        """OpenAI's 400 ``context_length_exceeded`` when the prompt plus the requested output
        is over ``context_limit``, worded as OpenAI words it."""
        if self.context_limit is None or "messages" not in body:
            return None
        prompt = prompt_tokens(body)
        output = int(body.get("max_tokens") or body.get("max_completion_tokens") or 0)
        if prompt + output <= self.context_limit:
            return None
        message = (
            f"This model's maximum context length is {self.context_limit} tokens. However, you "
            f"requested {prompt + output} tokens ({prompt} in the messages, {output} in the "
            "completion). Please reduce the length of the messages or completion."
        )
        return Reply(
            status=400,
            body={
                "error": {
                    "message": message,
                    "type": "invalid_request_error",
                    "param": "messages",
                    "code": "context_length_exceeded",
                }
            },
        )

    def _encode(self, reply: Reply) -> bytes:
        """The reply's body as bytes; the fixed ``default`` reply is encoded only once."""
        if isinstance(reply.body, bytes):
            return reply.body  # sent as is, to play a server that answers with something else
        if reply is self.default:
            if self._default_bytes is None:
                self._default_bytes = json.dumps(reply.body).encode()
            return self._default_bytes
        return json.dumps(reply.body).encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def parse_request(self) -> bool:
                self.arrived = time.monotonic()  # the request line has just been read
                return super().parse_request()

            def handle(self) -> None:  # a client that hung up mid-answer: no traceback
                with contextlib.suppress(ConnectionResetError, BrokenPipeError):
                    super().handle()

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                body["_path"] = self.path
                body["_headers"] = {k.lower(): v for k, v in self.headers.items()}
                path = self.path.split("?")[0]
                if path.endswith("/tokenize"):
                    reply = fake._tokenize(body)
                elif self.command == "GET" and path.endswith("/models"):
                    reply = fake._models()
                else:
                    reply = fake._next(body)
                data = fake._encode(reply)
                wait = self.arrived + reply.delay + fake.latency - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                if reply.drop:
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.connection.close()
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(reply.padding + len(data)))
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                hostile = reply.padding or reply.drip or reply.truncate is not None
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if hostile:
                        self._write_hostile(reply, data)
                    else:
                        self.wfile.write(data)

            def _write_hostile(self, reply: Reply, data: bytes) -> None:
                limit = reply.truncate
                sent = 0
                try:
                    for piece in _pieces(reply, data):
                        if limit is not None:
                            piece = piece[: limit - sent]
                        if not piece:
                            break
                        if reply.drip and sent:
                            time.sleep(reply.drip)
                        self.wfile.write(piece)
                        sent += len(piece)
                finally:
                    fake.body_bytes_sent.append(sent)
                if limit is not None:
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True

            do_GET = do_POST

        return Handler


_SPACES = b" " * 65536


def _pieces(reply: Reply, data: bytes) -> Any:
    """The padded body in the pieces it is written in: ``drip_size`` bytes when dripping."""
    left = reply.padding
    while left > 0:
        n = min(left, len(_SPACES))
        yield from _split(_SPACES[:n], reply)
        left -= n
    yield from _split(data, reply)


def _split(chunk: bytes, reply: Reply) -> Any:
    step = max(reply.drip_size, 1) if reply.drip else len(chunk) or 1
    for i in range(0, len(chunk), step):
        yield chunk[i : i + step]


class FakeBatchAPI(FakeOpenAI):
    """The files and batches endpoints of the OpenAI API, for the Batch API engine.

    Upload (``POST /v1/files``), create (``POST /v1/batches``), poll (``GET /v1/batches/ID``),
    list, and download (``GET /v1/files/ID/content``), over real HTTP through the SDK; and live
    calls (``POST /v1/chat/completions``), for a long article's windows. Each
    request line of an input file is answered by the same queue/``default`` as ``FakeOpenAI``
    (so ``completion()``/``error()`` script it), when a batch has been polled ``polls`` times.
    ``final_status="expired"`` answers only the first ``answered`` requests of each batch.
    """

    def __init__(
        self,
        *,
        default: Reply | Callable[[dict[str, Any]], Reply] | None = None,
        polls: int = 2,
        final_status: str = "completed",
        answered: int | None = None,
    ) -> None:
        super().__init__(default=default)
        self.polls = polls
        self.final_status = final_status
        self.answered = answered
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.calls: list[tuple[str, str]] = []  # (method, path) of every API call
        self._ids = 0

    def _new_id(self, prefix: str) -> str:
        with self._lock:
            self._ids += 1
            return f"{prefix}-{self._ids}"

    def upload(self, raw: bytes, content_type: str) -> dict[str, Any]:
        import email.parser

        message = email.parser.BytesParser().parsebytes(
            b"content-type: " + content_type.encode() + b"\r\n\r\n" + raw
        )
        fields = {
            part.get_param("name", header="content-disposition"): part
            for part in message.get_payload()  # type: ignore[union-attr]
        }
        data = fields["file"].get_payload(decode=True)
        file_id = self._new_id("file")
        self.files[file_id] = data
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": 1_700_000_000,
            "filename": fields["file"].get_filename() or "input.jsonl",
            "purpose": "batch",
            "status": "processed",
        }

    def create_batch(self, body: dict[str, Any]) -> dict[str, Any]:
        batch_id = self._new_id("batch")
        lines = self.files[body["input_file_id"]].decode().splitlines()
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": body["endpoint"],
            "input_file_id": body["input_file_id"],
            "completion_window": body["completion_window"],
            "status": "validating",
            "created_at": 1_700_000_000,
            "metadata": body.get("metadata"),
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            "_polls": 0,
        }
        return self._public(batch_id)

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        batch["_polls"] += 1
        if batch["status"] in ("validating", "in_progress"):
            if batch["_polls"] >= self.polls:
                self._finish(batch)
            else:
                batch["status"] = "in_progress"
        return self._public(batch_id)

    def _finish(self, batch: dict[str, Any]) -> None:
        lines = self.files[batch["input_file_id"]].decode().splitlines()
        if self.answered is not None:
            lines = lines[: self.answered]
        out: list[str] = []
        errors: list[str] = []
        for n, line in enumerate(lines):
            request = json.loads(line)
            body = dict(request["body"])
            body["_path"] = request["url"]
            reply = self._next(body)
            entry: dict[str, Any] = {"id": f"batch_req_{n}", "custom_id": request["custom_id"]}
            if reply.drop:
                entry |= {"response": None, "error": {"code": "server_error", "message": "lost"}}
                errors.append(json.dumps(entry))
                continue
            response = {"status_code": reply.status, "request_id": f"r{n}", "body": reply.body}
            entry |= {"response": response, "error": None}
            (out if reply.status == 200 else errors).append(json.dumps(entry))
        for name, rows in (("output_file_id", out), ("error_file_id", errors)):
            if rows:
                file_id = self._new_id("file")
                self.files[file_id] = ("\n".join(rows) + "\n").encode()
                batch[name] = file_id
        batch["status"] = self.final_status
        batch["request_counts"] |= {"completed": len(out), "failed": len(errors)}

    def _public(self, batch_id: str) -> dict[str, Any]:
        return {k: v for k, v in self.batches[batch_id].items() if not k.startswith("_")}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, data: bytes, kind: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _json(self, value: Any, status: int = 200) -> None:
                self._send(status, json.dumps(value).encode())

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                path = self.path.split("?")[0]
                fake.calls.append(("POST", path))
                if path == "/v1/files":
                    self._json(fake.upload(raw, self.headers["content-type"]))
                elif path == "/v1/batches":
                    self._json(fake.create_batch(json.loads(raw)))
                elif path == "/v1/chat/completions":  # a live call, answered as a line would be
                    reply = fake._next(json.loads(raw))
                    self._send(reply.status, fake._encode(reply))
                else:
                    self._json({"error": {"message": f"no route {path}"}}, 404)

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                if path == "/v1/models":  # asked once per run, not an API call of the engine
                    reply = fake._models()
                    self._json(reply.body, reply.status)
                    return
                fake.calls.append(("GET", path))
                parts = path.strip("/").split("/")
                if path == "/v1/batches":
                    data = [fake._public(b) for b in fake.batches]
                    self._json({"object": "list", "data": data[::-1], "has_more": False})
                elif parts[:2] == ["v1", "batches"] and len(parts) == 3:
                    self._json(fake.retrieve(parts[2]))
                elif parts[:2] == ["v1", "files"] and parts[3:] == ["content"]:
                    self._send(200, fake.files[parts[2]], "application/octet-stream")
                else:
                    self._json({"error": {"message": f"no route {path}"}}, 404)

        return Handler


def editions(text: str, n: int, *, published: str = "2025-03-17") -> list[dict[str, Any]]:
    """``n`` distinct JSONL articles built from one text (``Edition i.`` appended), ids a0.."""
    return [
        {"id": f"a{i}", "text": f"{text}\n\nEdition {i}.", "published": published} for i in range(n)
    ]


def edition_of(body: dict[str, Any]) -> int:
    """Which ``editions`` article a Chat Completions request is about (-1 if none)."""
    import re

    user = next((m["content"] for m in body.get("messages", []) if m["role"] == "user"), "")
    found = re.search(r"Edition (\d+)\.", user)
    return int(found[1]) if found else -1


def write_jsonl(path: Any, rows: list[dict[str, Any]]) -> Any:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    return path


WORDS = re.compile(r"\w+|[^\w\s]")


def prompt_tokens(body: dict[str, Any]) -> int:
    """The fake's tokenizer: a word or a punctuation mark is a token, plus 4 per message.

    Not the model's count, and not ours (``summarizer.context`` estimates from characters): a
    client that splits only because it was told the window must not depend on it."""
    return sum(len(WORDS.findall(m.get("content") or "")) + 4 for m in body.get("messages", []))


def _schema_of(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The name and JSON Schema a request asks its answer to follow (either dialect)."""
    if "grammar" in body:
        return "article_draft" if '"quotes"' in body["grammar"] else "article_summary", json.loads(
            body["grammar"].split("start: %json ", 1)[1]
        )
    spec = body["response_format"]["json_schema"]
    return spec["name"], spec["schema"]


def draft_answer(body: dict[str, Any]) -> Reply:
    """A valid answer to any draft or summary request, built from the schema it was sent.

    Every quotation is left to the rule (null), every view unit a stance for the first topic
    ("the talks, part 1"), every date mention an event named after its id. The
    usage reports ``prompt_tokens`` of the request and 50 completion tokens.
    """
    name, schema = _schema_of(body)
    if name == "article_summary":
        answer: dict[str, Any] = {
            "headline": "The whole story",
            "abstract": "A summary of every part.",
            "key_points": ["First fact", "Second fact"],
        }
    else:
        props = schema["properties"]
        wanted = props["topics"].get("minItems", 0)
        topics = [f"the talks, part {i}" for i in range(1, max(wanted, 1) + 1)]
        stances = {key: {"topic": "T1", "kind": "for"} for key in props["stances"]["properties"]}
        keys = (
            list(props["quotes"]["properties"])
            + list(stances)
            + list(props["events"]["properties"])
        )
        answer = {
            "summary": {
                "headline": f"Part from {keys[0] if keys else 'nothing'}",
                "abstract": "One part of the story.",
                "key_points": [f"Point of {k}" for k in keys[:2]],
            },
            "topics": topics if props["topics"].get("maxItems", 1) else [],
            "quotes": {q: None for q in props["quotes"]["properties"]},
            "stances": stances,
            "events": {
                d: {"event": f"the event dated by {d.lower()}", "status": "past"}
                for d in props["events"]["properties"]
            },
            "undated": [],
        }
    return completion(json.dumps(answer), prompt_tokens=prompt_tokens(body), completion_tokens=50)
