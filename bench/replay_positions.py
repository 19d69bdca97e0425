"""Position figures of saved bundled-model outputs replayed through today's assembly, no model.

For the bundled model the draft holds only what the model chooses (topics, each quotation's
speaker, the summary); placement, kinds, views and the index are code. So a saved result of
``bench/quality.py`` can be turned back into its draft (topics, dropped ones included, from
the warnings; ``model_speaker`` per quotation) and answered again by the tests' fake server:
a change to the rules is measured in seconds instead of a model run. Run on the development
articles only (the sample and the 15 position-only ones), never to tune on held-out ones.

    python bench/replay_positions.py [--outputs bench/out/quality/current] [--each]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quality import score_positions  # noqa: E402

from summarizer.article import Article, make_article  # noqa: E402
from summarizer.index import index_article  # noqa: E402
from summarizer.pipeline import summarize_article  # noqa: E402
from summarizer.settings import Settings  # noqa: E402
from tests.fakes import FakeOpenAI, completion  # noqa: E402

ANNOTATION = ROOT / "tests" / "data" / "positions_annotation.json"
_DROPPED = re.compile(r"topic (T\d+) .*dropped with its positions: '(.*)'$")


def draft_of(result: dict[str, Any]) -> dict[str, Any]:
    """The bundled model's draft, rebuilt from its checked result."""
    labels = {t["id"]: t["label"] for t in result["topics"]}
    for w in result["warnings"]:
        if m := _DROPPED.match(w["message"]):
            labels[m[1]] = m[2]
        elif w["code"] == "topic_from_title" and (m := re.search(r"\((T\d+)\)", w["message"])):
            labels.pop(m[1], None)  # the title, not an answer of the model's
    answered = sorted((int(k[1:]), v) for k, v in labels.items())
    # The model answered with actor ids of the index it saw; today's index may number the
    # actors differently (an actor merged into another), so ids go over by name.
    old = {a["id"]: [a["name"], *a.get("aliases", [])] for a in result["actors"]}
    now: dict[str, str] = {}
    for actor in index_article(article_of(result)).actors:
        for name in (actor.name, *(m.text for m in actor.mentions if m.kind != "title")):
            now.setdefault(name, actor.id)

    def same(aid: str | None) -> str | None:
        return next((now[n] for n in old.get(aid or "", []) if n in now), aid)

    quotes = {
        f"Q{q['number']}": "scare_quote"
        if q["kind"] == "scare_quote" and q["decided_by"] != "rule"
        else same(q.get("model_speaker"))
        for q in result["quotes"]
    }
    summary = result["summary"]
    return {
        "summary": {
            "headline": summary["headline"] or "-",
            "abstract": summary["abstract"] or "-",
            "key_points": [k["text"] for k in summary["key_points"]] or ["-"],
        },
        "topics": [label for _, label in answered],
        "quotes": quotes,
        "stances": {},
        "events": {},
        "undated": [],
    }


def article_of(result: dict[str, Any]) -> Article:
    a = result["article"]
    return make_article(a["text"], title=a.get("title"), published=a.get("published"))


def answered(article: Article, draft: dict[str, Any]) -> dict[str, Any]:
    """The summary of ``article`` when the bundled model answers ``draft``."""
    with FakeOpenAI() as fake:
        fake.enqueue(completion(json.dumps(draft)))
        settings = Settings.resolve(
            env={}, base_url=fake.base_url, api_key="sk-test", server_kind="bundled"
        )
        again = summarize_article(article, settings)
    out: dict[str, Any] = json.loads(again.model_dump_json())
    return out


def replay(result: dict[str, Any]) -> dict[str, Any]:
    return answered(article_of(result), draft_of(result))


def add(totals: dict[str, list[int]], scores: dict[str, tuple[int, int]]) -> None:
    for key, (right, of) in scores.items():
        total = totals.setdefault(key, [0, 0])
        total[0] += right
        total[1] += of


def print_totals(totals: dict[str, list[int]]) -> None:
    for key, (right, of) in totals.items():
        print(f"  {key:<20} {right}/{of}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outputs", type=Path, default=ROOT / "bench" / "out" / "quality" / "current")
    ap.add_argument("--each", action="store_true", help="print every article's figures")
    args = ap.parse_args(argv)
    totals: dict[str, list[int]] = {}
    for gold in json.loads(ANNOTATION.read_text(encoding="utf-8"))["articles"]:
        name = "seed" if gold["name"] == "seed" else f"-{gold['line']}"
        found = [
            p
            for p in sorted(args.outputs.glob("*.json"))
            if not p.name.endswith(".meta.json")
            and (p.stem == "seed" if name == "seed" else p.stem.endswith(name))
        ]
        if not found:
            print(f"no saved output for {gold['name']}")
            continue
        scores = score_positions(replay(json.loads(found[0].read_text(encoding="utf-8"))), gold)
        add(totals, scores)
        if args.each:
            print(f"{found[0].stem}: {scores}")
    print_totals(totals)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
