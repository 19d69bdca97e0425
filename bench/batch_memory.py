"""Peak memory of ``summarizer batch`` over 1,000 and 10,000 short articles: flat, < 300 MB.

Each size runs the real command in its own process against a fake server in another, so the
peak resident set (``ru_maxrss`` of exactly that child) is the batch's alone. Inputs are
streamed from JSONL and records written as they finish, so the two peaks should match.

    python bench/batch_memory.py [--sizes 1000 10000] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_fake import FakeProcess, write_articles

ROOT = Path(__file__).resolve().parents[1]


def peak_mb(base_url: str, n: int, concurrency: int, tmp: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, records written) for one batch run of ``n`` articles."""
    source = write_articles(tmp / f"in-{n}.jsonl", n, "short")
    out = tmp / f"out-{n}.jsonl"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))},
        "OPENAI_BASE_URL": base_url,
        "OPENAI_API_KEY": "sk-bench",
    }
    args = [
        sys.executable,
        "-m",
        "summarizer",
        "batch",
        str(source),
        "-o",
        str(out),
        "--concurrency",
        str(concurrency),
        "--no-cache",
        "--quiet",
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"batch of {n} failed with status {status}")
    with out.open() as f:
        records = sum(1 for line in f if json.loads(line)["status"] == "ok")
    return usage.ru_maxrss / 1024, elapsed, records  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    peaks = []
    with tempfile.TemporaryDirectory() as tmp, FakeProcess(0.0, "short") as base_url:
        for n in args.sizes:
            peak, elapsed, ok = peak_mb(base_url, n, args.concurrency, Path(tmp))
            peaks.append(peak)
            print(f"{n:>6} articles: peak RSS {peak:6.1f} MB, {elapsed:5.1f} s, {ok} ok records")
    growth = peaks[-1] / peaks[0] if peaks[0] else float("nan")
    print(f"peak ratio largest/smallest {growth:.3f}; goal: under 300 MB and flat")


if __name__ == "__main__":
    main()
