"""A 60,000-character article through the long-article path (``summarizer/long.py``).

The article: the TimeSET Wikinews articles (``../shared/eval/timeset.jsonl``, CC BY 4.0) of
the "crime and law", "politics and conflicts" and "government and politics" categories, in
file order, each with its title and date line, joined by blank lines until the text reaches
60,000 characters (26 articles, cut at the last paragraph that fits). No publication date.

(a) Default: against the project's fake server (``tests/fakes.py``) with a 6,000-token
window (prompt plus requested output, counted by the fake's own tokenizer), which answers a
longer request with OpenAI's 400 ``context_length_exceeded``. The tool is not told the window.
Checks that every quotation the unlimited run (same fake, no window) finds is found, with
identical offsets, and prints windows, requests and tokens.

(b) ``--bundled``: the same article on the bundled local model, its 8k window known from the
endpoint profile (minutes on two cores): wall time, windows, requests, tokens; the whole
result is saved to ``bench/out/long_article_bundled.json`` for reading.

    python bench/long_article.py [--bundled] [--window 6000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.article import Article, make_article  # noqa: E402
from summarizer.llm import make_client  # noqa: E402
from summarizer.long import extract_article  # noqa: E402
from summarizer.pipeline import finish, prepare  # noqa: E402
from summarizer.profile import profile_for  # noqa: E402
from summarizer.prompts import load_prompts  # noqa: E402
from summarizer.schema import ArticleSummary  # noqa: E402
from summarizer.settings import Settings  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "timeset.jsonl"
OUT = ROOT / "bench" / "out" / "long_article_bundled.json"
CATEGORIES = ("crime_and_law", "politics_and_conflicts", "government_and_politics")
TARGET = 60_000


def long_article(target: int = TARGET) -> Article:
    """The benchmark's article (see the module docstring)."""
    parts: list[str] = []
    size = 0
    for line in EVAL.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not row["doc_id"].startswith(CATEGORIES):
            continue
        for paragraph in row["text"].strip().split("\n"):
            if size + len(paragraph) + 2 > target:
                return make_article("\n\n".join(parts), source="timeset-politics-60k")
            parts.append(paragraph)
            size += len(paragraph) + 2
        parts.append("")  # a blank line between two articles
    return make_article("\n\n".join(parts), source="timeset-politics-60k")


def run(article: Article, settings: Settings, window: int | None) -> tuple[ArticleSummary, float]:
    """One summary through the path every live call takes; ``window`` as if known (None: not)."""
    prompts = load_prompts()
    began = time.perf_counter()
    prepared = prepare(article, prompts, settings)
    with make_client(settings) as client:
        prepared, extraction = extract_article(
            client, settings, prompts, article, prepared, context_tokens=window
        )
    result = finish(prepared, extraction)
    return result, time.perf_counter() - began


def report(label: str, result: ArticleSummary, wall: float) -> None:
    p = result.provenance
    failed = sum(1 for a in p.attempt_log if a.errors)
    print(
        f"{label}: {p.attempts} requests ({failed} refused or invalid), "
        f"{p.usage.prompt_tokens:,} prompt + {p.usage.completion_tokens:,} completion tokens, "
        f"{len(result.quotes)} quotes, {len(result.positions)} positions, "
        f"{len(result.timeline)} events, {len(result.warnings)} warnings, {wall:.1f} s"
    )


def fake_run(window: int) -> int:
    from tests.fakes import FakeOpenAI, draft_answer, prompt_tokens

    article = long_article()
    print(f"article: {len(article.text):,} characters")
    with FakeOpenAI(default=draft_answer) as unlimited:
        settings = Settings.resolve(env={}, base_url=unlimited.base_url)
        whole, wall = run(article, settings, None)
    report("unlimited", whole, wall)
    with FakeOpenAI(default=draft_answer, context_limit=window) as fake:
        settings = Settings.resolve(env={}, base_url=fake.base_url)
        split, wall = run(article, settings, None)
        sizes = [prompt_tokens(b) + int(b.get("max_tokens") or 0) for b in fake.requests]
    report(f"{window:,}-token window", split, wall)
    drafts = [
        size
        for b, size in zip(fake.requests, sizes, strict=True)
        if "article_draft" in json.dumps(b.get("response_format")) and size <= window
    ]
    print(
        f"windows: {len(drafts)} (draft requests answered), refused: "
        f"{sum(1 for s in sizes if s > window)}, final summary calls: "
        f"{len(sizes) - len(drafts) - sum(1 for s in sizes if s > window)}; "
        f"largest request {max(sizes):,} tokens (the fake's count, prompt + max_tokens), "
        f"largest answered {max(drafts):,}, smallest {min(drafts):,}"
    )
    found = {(q.number, q.start, q.end, q.text) for q in split.quotes}
    wanted = {(q.number, q.start, q.end, q.text) for q in whole.quotes}
    missing = wanted - found
    print(
        f"quotations: unlimited run {len(wanted)}, windowed run {len(found)}, "
        f"of the unlimited run's missing or moved: {len(missing)}"
    )
    return 1 if missing else 0


def bundled_run() -> int:
    from summarizer.endpoint import local_settings
    from summarizer.local import LocalServer, ensure_model

    article = long_article()
    server = LocalServer(ensure_model())
    base_url = server.start()
    try:
        settings = local_settings(Settings.resolve(env={}), base_url)
        result, wall = run(article, settings, profile_for(settings).context_tokens)
    finally:
        server.stop()
    report("bundled model", result, wall)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(result.model_dump_json(indent=1), encoding="utf-8")
    print(f"whole result: {OUT.relative_to(ROOT)}")
    print(json.dumps(result.summary.model_dump(), indent=1, ensure_ascii=False))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundled", action="store_true", help="run on the bundled model (slow)")
    parser.add_argument("--window", type=int, default=6_000, help="the fake's context limit")
    args = parser.parse_args()
    return bundled_run() if args.bundled else fake_run(args.window)


if __name__ == "__main__":
    sys.exit(main())
