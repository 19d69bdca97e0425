"""Speed and memory of ``summarizer timeline`` over a large batch of results.

    python bench/timeline_speed.py [--sizes 250 500 1000 2000]

A batch of N results is made from real ones (the committed ``tests/data/story_results.jsonl``,
seven bundled-model summaries of SemEval corpus 1 articles), each copy under its own id, and
``summarizer timeline RESULTS -o OUT.json`` runs on it in a fresh process, as a user runs it.
Printed per size: wall time, peak resident memory of that process, file size, and the events
and timelines written. Memory should grow with the story's events (each copy adds its events),
never with the articles' text, which is dropped as each summary is read.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "data" / "story_results.jsonl"


def make_batch(n: int, dest: Path) -> None:
    rows = [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    with dest.open("w", encoding="utf-8") as f:
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row["id"] = f"{row['id']}-{i}"
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def run(results: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one ``summarizer timeline`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "summarizer", "timeline", str(results), "-o", str(out)],
        check=True,
    )
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest child so far: sizes run in increasing order.
    return seconds, max(peak, before) / 1024


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.sizes):
            results = Path(tmp) / f"results-{n}.jsonl"
            out = Path(tmp) / f"timelines-{n}.json"
            make_batch(n, results)
            seconds, peak = run(results, out)
            story = json.loads(out.read_text(encoding="utf-8"))
            events = {e["id"] for t in story["timelines"] for e in t["events"]}
            print(
                f"{n:>5} results ({results.stat().st_size / 2**20:.1f} MiB): {seconds:.2f} s, "
                f"peak RSS {peak:.0f} MiB, {len(story['timelines'])} timelines, "
                f"{len(events)} distinct events"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
