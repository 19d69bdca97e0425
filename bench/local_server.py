"""Benchmark the bundled local model server: start-up time and one structured completion.

Reports the median of N runs after a warm-up, because the first request pays for page
faults and any other CPU load on this 2-core class of machine skews single samples.

    python bench/local_server.py [--runs 3] [--threads N] [--max-tokens 128] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from typing import Any

from openai import OpenAI

from summarizer.local import MODEL_ID, LocalServer, ensure_model

ARTICLE = (
    "The city council approved a new riverside park on Tuesday after months of debate. "
    "Mayor Ana Ruiz said the park would open next spring. Residents welcomed the decision, "
    "although some council members worried about maintenance costs."
)
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "headline": {"type": "string"},
        "people": {"type": "array", "items": {"type": "string"}},
        "sentiment": {"type": "string", "enum": ["positive", "negative", "mixed"]},
    },
    "required": ["headline", "people", "sentiment"],
    "additionalProperties": False,
}


def one_request(client: OpenAI, max_tokens: int) -> dict[str, float]:
    """One strict json_schema completion, as the product sends it (deterministic)."""
    began = time.perf_counter()
    response = client.chat.completions.create(
        model=MODEL_ID,
        messages=[
            {"role": "system", "content": "Summarise the article as JSON."},
            {"role": "user", "content": ARTICLE},
        ],
        temperature=0,
        seed=1234,
        max_tokens=max_tokens,
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "summary", "strict": True, "schema": SCHEMA},
        },
        extra_body={"cache_prompt": False},
    )
    wall = time.perf_counter() - began
    json.loads(response.choices[0].message.content or "")
    usage = response.usage
    assert usage is not None
    timings = (response.model_extra or {}).get("timings", {})
    return {
        "wall_s": wall,
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "tokens_per_s_wall": usage.completion_tokens / wall,
        "prompt_tokens_per_s": float(timings.get("prompt_per_second", 0.0)),
        "gen_tokens_per_s": float(timings.get("predicted_per_second", 0.0)),
    }


def median_of(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--n-ctx", type=int, default=8192)
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    load1 = os.getloadavg()[0]
    began = time.perf_counter()
    path = ensure_model()
    ensure_s = time.perf_counter() - began

    startups = []
    for _ in range(args.runs):
        server = LocalServer(path, n_ctx=args.n_ctx, threads=args.threads)
        server.start()
        assert server.startup_seconds is not None
        startups.append(server.startup_seconds)
        server.stop()

    with LocalServer(path, n_ctx=args.n_ctx, threads=args.threads) as base_url:
        client = OpenAI(base_url=base_url, api_key="local", max_retries=0)
        one_request(client, args.max_tokens)  # warm-up
        rows = [one_request(client, args.max_tokens) for _ in range(args.runs)]
    result = {
        "model": MODEL_ID,
        "threads": args.threads or len(os.sched_getaffinity(0)),
        "load_avg_1m_before": load1,
        "ensure_model_s": ensure_s,
        "startup_s_median": statistics.median(startups),
        "startup_s_all": startups,
        **median_of(rows),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"model {MODEL_ID}, {result['threads']} threads, load avg before {load1:.2f}")
    print(f"ensure_model: {ensure_s:.2f} s")
    print(
        f"start-up (model load until the task loop answers), median of {args.runs}: "
        f"{result['startup_s_median']:.2f} s  {[round(s, 2) for s in startups]}"
    )
    print(
        f"structured completion, median of {args.runs} after warm-up: "
        f"{result['wall_s']:.2f} s wall, {result['prompt_tokens']:.0f} prompt + "
        f"{result['completion_tokens']:.0f} completion tokens"
    )
    print(
        f"  {result['tokens_per_s_wall']:.1f} completion tok/s (wall), "
        f"{result['gen_tokens_per_s']:.1f} tok/s generation, "
        f"{result['prompt_tokens_per_s']:.1f} tok/s prompt (server timings)"
    )
    print(f"peak RSS {result['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
