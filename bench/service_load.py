"""Load test of ``summarizer serve``: N concurrent clients posting summaries for S seconds.

The fake model (bench/batch_fake.py, fixed latency) and the service each run in their own
process; the clients are asyncio tasks here, each sending its next request as soon as the last
one answered. Prints requests/s, p50/p95/max latency, and errors by status.

    python bench/service_load.py                      # 50 clients, 30 s, 0.2 s model latency
    python bench/service_load.py --clients 10 --seconds 5 --latency 0.05 --kind short
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_fake import ROOT, SEED, SHORT_TEXT, FakeProcess

TOKEN = "bench-token-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_service(base_url: str, data_dir: str, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "OPENAI_BASE_URL": base_url,
        "OPENAI_API_KEY": "sk-bench",
        "SUMMARIZER_API_TOKEN": TOKEN,
        "SUMMARIZER_DATA_DIR": data_dir,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # the access log: one line per request
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return proc
        except httpx2.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the service did not start")


async def client(
    http: httpx2.AsyncClient,
    body: bytes,
    until: float,
    latencies: list[float],
    statuses: Counter[str],
) -> None:
    while time.monotonic() < until:
        start = time.perf_counter()
        try:
            r = await http.post("/v1/summaries", content=body)
            statuses[str(r.status_code)] += 1
        except httpx2.HTTPError as exc:
            statuses[type(exc).__name__] += 1
            continue
        latencies.append(time.perf_counter() - start)


async def load(
    port: int, body: bytes, clients: int, seconds: float
) -> tuple[list[float], Counter[str], float]:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"},
        timeout=120,
        limits=limits,
    ) as http:
        start = time.monotonic()
        until = start + seconds
        await asyncio.gather(
            *(client(http, body, until, latencies, statuses) for _ in range(clients))
        )
        elapsed = time.monotonic() - start
    return latencies, statuses, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--latency", type=float, default=0.2, help="fake model latency, s")
    parser.add_argument("--kind", choices=["seed", "short"], default="seed")
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8") if args.kind == "seed" else SHORT_TEXT.format(n=1)
    body = json.dumps({"text": text, "published": "2025-03-17"}).encode()
    with FakeProcess(args.latency, args.kind) as base_url, tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        service = start_service(base_url, tmp, port)
        try:
            latencies, statuses, elapsed = asyncio.run(load(port, body, args.clients, args.seconds))
        finally:
            service.terminate()
            service.wait(timeout=30)
    done = sum(statuses.values())
    ok = statuses.get("200", 0)
    errors = done - ok
    server_errors = sum(n for s, n in statuses.items() if s.startswith("5"))
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    print(
        f"service load: {args.clients} clients, {elapsed:.1f}s, model latency {args.latency}s, "
        f"{args.kind} article"
    )
    print(
        f"  requests: {done} ({done / elapsed:.1f}/s), ok {ok}, errors {errors}, "
        f"5xx {server_errors}"
    )
    print(
        f"  latency: p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, "
        f"max {max(latencies, default=0) * 1000:.0f} ms"
    )
    if errors:
        print("  by status: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))


if __name__ == "__main__":
    main()
