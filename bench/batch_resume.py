"""Crash safety: ``kill -9`` a batch at random moments, resume, count missing and doubled ids.

Runs ``summarizer batch --resume`` against a fake server, kills it with SIGKILL after a
random delay, several times, then lets a last ``--resume`` finish. Every input id must be in
the results exactly once (goal: 0 missing, 0 duplicated), and every line must parse.

    python bench/batch_resume.py [--articles 2000] [--kills 8] [--seed 1]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_fake import FakeProcess, write_articles

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp, FakeProcess(args.latency, "short") as base_url:
        source = write_articles(Path(tmp) / "in.jsonl", args.articles, "short")
        out = Path(tmp) / "out.jsonl"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))},
            "OPENAI_BASE_URL": base_url,
            "OPENAI_API_KEY": "sk-bench",
        }
        command = [
            sys.executable,
            "-m",
            "summarizer",
            "batch",
            str(source),
            "-o",
            str(out),
            "--resume",
            "--no-cache",
            "--quiet",
            "--concurrency",
            "8",
        ]
        torn = 0
        for k in range(args.kills):
            proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE)
            time.sleep(rng.uniform(0.5, 3.0))
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            torn += b"repaired" in err
            done = _count_lines(out)
            print(f"kill {k + 1}: SIGKILL after a random delay, {done} records on disk")
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE)
        _, err = proc.communicate()
        torn += b"repaired" in err
        final = proc.returncode
        ids = collections.Counter(json.loads(line)["id"] for line in out.read_text().splitlines())
    expected = {f"a{i}" for i in range(args.articles)}
    missing = len(expected - set(ids))
    duplicated = sum(c - 1 for c in ids.values() if c > 1)
    print(
        f"final run exit {final}; {len(ids)} distinct ids for {args.articles} inputs; "
        f"{torn} run(s) repaired a torn last line"
    )
    print(f"missing {missing}, duplicated {duplicated} (goal 0 and 0)")


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as f:
        return sum(1 for _ in f)


if __name__ == "__main__":
    main()
