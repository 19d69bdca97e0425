"""Time the whole article index of a 15,000-character article, stage by stage.

The article is built from public text: consecutive TimeSET Wikinews articles (CC BY 4.0,
``../shared/eval/timeset.jsonl``) joined by blank lines and cut at the paragraph boundary
nearest 15,000 characters. The goal is under 50 ms for the whole index.

    python bench/index_speed.py [--chars 15000] [--runs 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.index import index_article  # noqa: E402
from summarizer.index.actors import find_actors  # noqa: E402
from summarizer.index.quotations import find_quotations  # noqa: E402
from summarizer.index.sentences import split_sentences  # noqa: E402
from summarizer.index.speakers import find_speaker_cues  # noqa: E402
from summarizer.index.tagger import tag_dates  # noqa: E402

TIMESET = ROOT.parent / "shared" / "eval" / "timeset.jsonl"


def build_article(chars: int) -> str:
    texts = [json.loads(x)["text"] for x in TIMESET.read_text(encoding="utf-8").splitlines()]
    joined = "\n\n".join(t.strip() for t in texts)
    cut = joined.rfind("\n", 0, chars)
    return joined[: cut if cut > 0 else chars]


def timed(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=15_000)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args(argv)
    text = build_article(args.chars)
    published = dt.date(2023, 7, 11)
    sentences = split_sentences(text)
    quotations = find_quotations(text)
    actors = find_actors(text, sentences)
    index = index_article(text, published=published)
    print(
        f"article: {len(text):,} chars, {len(index.sentences)} sentences, "
        f"{len(index.quotations)} quotations, {len(index.dates)} date mentions, "
        f"{len(index.actors)} actors, {len(index.speakers)} speaker cues"
    )
    stages: list[tuple[str, Callable[[], Any]]] = [
        ("sentences", lambda: split_sentences(text)),
        ("quotations", lambda: find_quotations(text)),
        ("dates", lambda: tag_dates(text, published, sentences)),
        ("actors", lambda: find_actors(text, sentences)),
        ("speaker cues", lambda: find_speaker_cues(text, sentences, quotations, actors)),
        ("whole index", lambda: index_article(text, published=published)),
    ]
    for name, fn in stages:
        print(f"  {name:<13} median {timed(fn, args.runs):6.2f} ms over {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
