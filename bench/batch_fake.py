"""Shared by the batch benchmarks: a fake OpenAI server in its own process, and test articles.

The server runs in a separate process so its CPU time and memory are not counted against the
batch being measured. ``--kind seed`` answers every request with tests/data/seed_draft.json
(articles are the seed with "Edition N." appended); ``--kind short`` answers with a small
valid draft for the short articles ``short_articles`` writes.

    python bench/batch_fake.py --latency 0.2 --kind seed     # prints the base URL, serves
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "trump-putin-call-ukraine.txt"
SEED_DRAFT = ROOT / "tests" / "data" / "seed_draft.json"

SHORT_TEXT = (
    "Council approves riverside park\n\n"
    "Mayor Ana Ruiz said on Tuesday that the riverside park would open next spring. "
    "Some council members worried about maintenance costs. Item {n}."
)
SHORT_DRAFT = {
    "summary": {
        "headline": "The council approved a riverside park.",
        "abstract": "Mayor Ana Ruiz said the park would open next spring.",
        "key_points": ["The park opens next spring."],
    },
    "actors": [{"id": "a1", "name": "Ana Ruiz", "kind": "person", "role": "Mayor"}],
    "quotes": [],
    "positions": [
        {
            "holder": "a1",
            "topic": "riverside park",
            "stance": "The park will open next spring.",
            "stance_kind": "supports",
            "attribution": "paraphrase",
            "evidence": ["the riverside park would open next spring"],
        }
    ],
    "timeline": [
        {
            "event": "The park opens.",
            "actors": ["a1"],
            "date_expression": "next spring",
            "status": "expected",
            "excerpt": "the riverside park would open next spring",
        }
    ],
}


def write_articles(path: Path, n: int, kind: str) -> Path:
    """``n`` distinct articles as JSONL (ids a0..), streamed to disk."""
    seed = SEED.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = f"{seed}\n\nEdition {i}." if kind == "seed" else SHORT_TEXT.format(n=i)
            f.write(json.dumps({"id": f"a{i}", "text": text, "published": "2025-03-17"}) + "\n")
    return path


class FakeProcess:
    """``with FakeProcess(latency, kind) as base_url:`` runs this file as a server process."""

    def __init__(self, latency: float, kind: str) -> None:
        self.args = [sys.executable, __file__, "--latency", str(latency), "--kind", kind]
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> str:
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def main() -> None:
    from tests.fakes import FakeOpenAI, completion

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--kind", choices=["seed", "short"], default="seed")
    args = parser.parse_args()
    draft: Any = (
        SEED_DRAFT.read_text(encoding="utf-8") if args.kind == "seed" else json.dumps(SHORT_DRAFT)
    )
    fake = FakeOpenAI(default=completion(draft), latency=args.latency)
    # Many connections at once: the default listen backlog (5) makes a burst of connects wait.
    fake._server.socket.listen(128)
    # http.server sends headers and body in two writes; with Nagle on, the body waits for the
    # client's delayed ACK (40 ms on Linux), which a real API server does not add.
    fake._server.RequestHandlerClass.disable_nagle_algorithm = True  # type: ignore[attr-defined]
    # Clients killed mid-request (the resume benchmark) are expected: no tracebacks for them.
    fake._server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    with fake:
        print(fake.base_url, flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
