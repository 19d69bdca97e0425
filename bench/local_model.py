"""The seed article on the bundled local model, as the README's first command runs it.

Prints the server's start-up time, then for the seed summary: wall time (median of N after a
warm-up run), prompt and completion tokens, completion tokens per second, attempts, and the
warning codes of the last run. Run it on a quiet machine: any other CPU load slows llama.cpp
on two cores by up to 10x.

    python bench/local_model.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.article import load_article  # noqa: E402
from summarizer.endpoint import local_settings  # noqa: E402
from summarizer.local import LocalServer, ensure_model  # noqa: E402
from summarizer.pipeline import summarize_article  # noqa: E402
from summarizer.schema import ArticleSummary  # noqa: E402
from summarizer.settings import Settings  # noqa: E402

SEED = ROOT / "seeds" / "trump-putin-call-ukraine.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    article = load_article(SEED, published="2025-03-17")
    began = time.perf_counter()
    path = ensure_model()
    print(f"model file ready in {time.perf_counter() - began:.2f} s: {path}")
    server = LocalServer(path)
    began = time.perf_counter()
    base_url = server.start()
    print(f"server start-up: {time.perf_counter() - began:.2f} s ({base_url})")
    try:
        settings = local_settings(Settings.resolve(env={}), base_url)
        walls: list[float] = []
        result: ArticleSummary | None = None
        for run in range(args.runs + 1):
            began = time.perf_counter()
            result = summarize_article(article, settings)
            wall = time.perf_counter() - began
            label = "warm-up" if run == 0 else f"run {run}"
            usage = result.provenance.usage
            print(
                f"{label}: {wall:.1f} s, {usage.prompt_tokens} prompt + "
                f"{usage.completion_tokens} completion tokens, "
                f"{result.provenance.attempts} attempt(s)"
            )
            if run:
                walls.append(wall)
    finally:
        server.stop()
    assert result is not None
    usage = result.provenance.usage
    median = statistics.median(walls)
    print(
        f"seed summary wall time: median {median:.1f} s of {len(walls)} "
        f"(min {min(walls):.1f}, max {max(walls):.1f})"
    )
    print(f"completion tokens/s (end to end): {usage.completion_tokens / median:.1f}")
    codes = Counter(w.code for w in result.warnings)
    print(
        f"actors {len(result.actors)}, positions {len(result.positions)}, "
        f"events {len(result.timeline)}, quotes {len(result.quotes)} "
        f"({sum(1 for q in result.quotes if q.speaker)} attributed)"
    )
    print("warnings: " + (", ".join(f"{c} x{n}" for c, n in codes.most_common()) or "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
