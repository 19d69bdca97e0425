"""The pipeline's own cost per article beyond the LLM call, by replaying a recorded answer.

Runs everything but the model call (the article index, the draft schema and the prompt, then
JSON parsing and validation, id checks, speaker decisions, assembly) on the seed article,
many times, and prints the median and p95 in milliseconds. The model answer comes from the
end-to-end cassette (real model output) or, if that is missing, tests/data/seed_draft.json.

    python bench/pipeline.py [--runs 300]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.article import make_article  # noqa: E402
from summarizer.endpoint import local_settings  # noqa: E402
from summarizer.extraction import Accepted, History, next_step  # noqa: E402
from summarizer.llm import Completion  # noqa: E402
from summarizer.pipeline import finish, prepare  # noqa: E402
from summarizer.prompts import load_prompts  # noqa: E402
from summarizer.schema import Usage  # noqa: E402
from summarizer.settings import Settings  # noqa: E402

CASSETTE = ROOT / "cassettes" / "test_seed_from_cassette.yaml"


def recorded_answer() -> tuple[str, str]:
    if CASSETTE.exists():
        import yaml

        data = yaml.safe_load(CASSETTE.read_text(encoding="utf-8"))
        body = json.loads(data["interactions"][-1]["response"]["body"]["string"])
        return body["choices"][0]["message"]["content"], f"cassette {CASSETTE.name}"
    path = ROOT / "tests" / "data" / "seed_draft.json"
    return path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))


def one_run(text: str, answer: str, settings: Settings) -> float:
    prompts = load_prompts()
    start = time.perf_counter()
    article = make_article(text, published="2025-03-17")
    prepared = prepare(article, prompts, settings)  # the article index, the schema, the prompt
    completion = Completion(answer, None, "stop", Usage(), "recorded")
    step = next_step(
        History(tuple(prepared.messages)),
        completion,
        spec=prepared.spec,
        prompts=prompts,
        settings=settings,
    )
    assert isinstance(step, Accepted), step
    extraction = step.extraction
    result = finish(prepared, extraction)
    result.model_dump_json()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    text = (ROOT / "seeds" / "trump-putin-call-ukraine.txt").read_text(encoding="utf-8")
    answer, origin = recorded_answer()
    # The bundled model's settings: the recorded answer is its (llguidance, small bounds).
    settings = local_settings(Settings.resolve(env={}), "http://127.0.0.1:1/v1")
    one_run(text, answer, settings)  # warm-up: imports, regex compilation
    times = sorted(one_run(text, answer, settings) for _ in range(args.runs))
    print(f"answer replayed: {origin}")
    print(f"article: {len(text):,} chars; runs: {args.runs}")
    print(
        f"pipeline cost beyond the LLM call: median {statistics.median(times):.2f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.2f} ms, min {times[0]:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
