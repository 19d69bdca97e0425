"""Batch throughput against a fake server with fixed latency, as a share of the ideal.

With ``concurrency`` requests in flight and every answer taking ``latency`` seconds, the best
a batch can do is ``concurrency / latency`` articles per second. This runs the real batch
path (inputs read from JSONL, pipeline, grounding, records written to a file) over the seed
article with a real recorded draft, and prints achieved / ideal. Goal: >= 0.95.

The clock covers the whole ``run_batch``: opening the output, reading inputs, starting the
client, every article, and the run summary. Process start-up (imports, the TLS trust store)
comes before it. The fake answers ``latency`` after each request arrives.

    python bench/batch_throughput.py [--articles 500] [--concurrency 16] [--latency 0.2]
        [--kind seed|short] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from batch_fake import FakeProcess, write_articles

from summarizer.batch import BatchOptions, run_batch
from summarizer.llm import tls_context
from summarizer.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--kind", choices=["seed", "short"], default="seed")
    parser.add_argument("--runs", type=int, default=3, help="repeat, and report the median")
    args = parser.parse_args()
    # Process start-up is not batch throughput: the imports above, and loading the TLS trust
    # store (done once per process, by the first client) happen before the clock starts.
    tls_context()
    ideal = args.concurrency / args.latency
    rounds = -(-args.articles // args.concurrency)  # the last round may be partly empty
    print(
        f"articles: {args.articles} ({args.kind}), concurrency {args.concurrency}, "
        f"fake latency {args.latency:.3f} s; ideal {ideal:.1f}/s; with {rounds} rounds of "
        f"requests the best possible ratio is {args.articles / (rounds * args.concurrency):.3f}"
    )
    ratios = []
    for run in range(1, args.runs + 1):
        elapsed, cpu = one_run(args)
        ratios.append(args.articles / elapsed / ideal)
        print(
            f"run {run}: elapsed {elapsed:.2f} s (ideal {args.articles / ideal:.2f} s), "
            f"{args.articles / elapsed:.1f}/s, ratio {ratios[-1]:.3f}; batch process CPU "
            f"{1000 * cpu / args.articles:.1f} ms per article; load average "
            f"{os.getloadavg()[0]:.2f}"
        )
    print(
        f"throughput ratio: median {statistics.median(ratios):.3f} over {args.runs} run(s), "
        f"min {min(ratios):.3f}, max {max(ratios):.3f} (goal >= 0.95; {os.cpu_count()} CPUs, "
        "other work on the machine lowers it)"
    )


def one_run(args: argparse.Namespace) -> tuple[float, float]:
    """Wall and CPU seconds for one whole ``run_batch``, from reading inputs to the summary."""
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
    return elapsed, cpu


if __name__ == "__main__":
    main()
