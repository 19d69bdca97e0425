"""Peak memory of ``summarizer validate`` on a 200 MB results file: streamed, so near flat.

Writes a results file of real records (the seed summary, made by the real pipeline against the
fake server, repeated under distinct ids, with a few damaged lines mixed in) until it reaches
the size asked for, then runs ``summarizer validate`` on it in its own process and reports the
peak resident set of exactly that process (``ru_maxrss``), its wall time and what it found.
A small file is measured too, so the two peaks can be compared.

    python bench/validate_memory.py [--mb 200] [--small-mb 2] [--tree PATH] [--no-damage]

``--tree`` runs the ``summarizer`` package of another checkout (for a before/after figure).
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DAMAGED = [b"{broken", b"[" * 5000 + b"]" * 5000, b'{"id": "n", "n": ' + b"9" * 5000 + b"}"]


def write_results(path: Path, megabytes: float, *, damaged: bool = True) -> int:
    """A results file of about ``megabytes`` MB; returns the number of lines written."""
    from tests.review_data import ok_record, seed_summary

    record = ok_record("seed", seed_summary())
    target = int(megabytes * 1024 * 1024)
    lines = 0
    with path.open("wb") as f:
        while f.tell() < target:
            record["id"] = f"article-{lines}"
            f.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
            lines += 1
            if damaged and lines % 1000 == 0:  # a few hostile lines, reported and skipped
                f.write(DAMAGED[(lines // 1000) % len(DAMAGED)] + b"\n")
                lines += 1
    return lines


def run_validate(path: Path, tree: Path) -> tuple[float, float, int, str]:
    """(peak RSS MB, seconds, exit code, last stderr line) of ``summarizer validate path``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "validate", str(path)],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace").strip().splitlines()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return (
        usage.ru_maxrss / 1024,
        elapsed,
        os.waitstatus_to_exitcode(status),
        err[-1] if err else "",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0, help="size of the large file")
    parser.add_argument("--small-mb", type=float, default=2.0, help="size of the small file")
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose code runs")
    parser.add_argument(
        "--no-damage", action="store_true", help="only valid records (older versions crash)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in (args.small_mb, args.mb):
            path = Path(tmp) / f"results-{megabytes:g}mb.jsonl"
            lines = write_results(path, megabytes, damaged=not args.no_damage)
            size = path.stat().st_size / (1024 * 1024)
            peak, elapsed, code, last = run_validate(path, args.tree)
            print(
                f"{size:7.1f} MB, {lines:>6} lines: peak RSS {peak:7.1f} MB, {elapsed:6.1f} s, "
                f"exit {code}; {last}"
            )
            path.unlink()


if __name__ == "__main__":
    main()
