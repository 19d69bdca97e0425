"""Batch throughput against a fake server with fixed latency, as a share of the ideal.

With ``concurrency`` requests in flight and every answer taking ``latency`` seconds, the best
a batch can do is ``concurrency / latency`` articles per second. This runs the real batch
path (inputs read from JSONL, pipeline, grounding, records written to a file) over the seed
article with a real recorded draft, and prints achieved / ideal. Goal: >= 0.95.

    python bench/batch_throughput.py [--articles 500] [--concurrency 16] [--latency 0.2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpcore2  # noqa: F401  (httpx2 imports it on the first client: start-up, not throughput)
from batch_fake import FakeProcess, write_articles

from summarizer.batch import BatchOptions, run_batch
from summarizer.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--kind", choices=["seed", "short"], default="seed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeProcess(args.latency, args.kind) as base_url:
        source = write_articles(Path(tmp) / "in.jsonl", args.articles, args.kind)
        settings = Settings.resolve(env={}, base_url=base_url, api_key="sk-bench")
        options = BatchOptions(
            inputs=[str(source)],
            output=Path(tmp) / "out.jsonl",
            concurrency=args.concurrency,
            quiet=True,
        )
        start, cpu_start = time.perf_counter(), time.process_time()
        report = run_batch(options, settings)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    assert report.ok == args.articles, report.to_dict()
    achieved = args.articles / elapsed
    ideal = args.concurrency / args.latency
    print(
        f"articles: {args.articles} ({args.kind}), concurrency {args.concurrency}, "
        f"fake latency {args.latency:.3f} s; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.2f} (other work on the machine lowers the ratio)"
    )
    print(
        f"elapsed {elapsed:.2f} s (ideal {args.articles / ideal:.2f} s); batch process CPU "
        f"{1000 * cpu / args.articles:.1f} ms per article"
    )
    print(
        f"throughput {achieved:.1f}/s vs ideal {ideal:.1f}/s: ratio {achieved / ideal:.3f} "
        f"(goal >= 0.95)"
    )


if __name__ == "__main__":
    main()
