"""Position figures with no model at all, on the development annotation sets.

The bundled model's part in positions is small: it names topics (used only where the view
units share fewer than three words, ``topic_terms.py``) and confirms or changes the speaker
the rules give each quotation. Here a fake server answers for it as a model that keeps every
listed speaker and names the title as its one topic, so the figures measure the index and
the rules alone, in seconds, on articles no model output exists for:
``tests/data/positions_dev2.json`` and ``positions_dev3.json`` (12 TimeSET articles each,
annotated blind for this), ``positions_dev4.json``, ``positions_dev5.json`` and
``positions_dev6.json`` (14, 12 and 25 SemEval-2015 TimeLine business articles, their texts
included), ``positions_dev7.json`` (16 more TimeSET articles, annotated blind in session 17)
and the development articles of ``positions_annotation.json``. With ``--wns DATA``, instead,
the 32 cited news reports of ``tests/data/speaker_wns.json`` (statements and quotations only,
no positions: the source figure), their texts read from DATA (``bench/wns_articles.py``).
Never run on the held-out sets.

    python bench/positions_rules.py [--set dev|dev2|…|dev7|all | --wns DATA] [--each] [--misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import wns_articles  # noqa: E402
from quality import same_actor, score_positions  # noqa: E402
from replay_positions import add, answered, print_totals  # noqa: E402

from summarizer.article import Article, load_article  # noqa: E402
from summarizer.index import index_article  # noqa: E402

TIMESET = ROOT / "tests" / "data" / "timeset.jsonl"
SETS = {
    "dev2": ROOT / "tests" / "data" / "positions_dev2.json",
    "dev3": ROOT / "tests" / "data" / "positions_dev3.json",
    "dev": ROOT / "tests" / "data" / "positions_annotation.json",
    "dev4": ROOT / "tests" / "data" / "positions_dev4.json",
    "dev5": ROOT / "tests" / "data" / "positions_dev5.json",
    "dev6": ROOT / "tests" / "data" / "positions_dev6.json",
    "dev7": ROOT / "tests" / "data" / "positions_dev7.json",
}


def load(gold: dict[str, Any], folder: Path) -> Article:
    if gold["name"] == "seed":
        return load_article(ROOT / "seeds" / "trump-putin-call-ukraine.txt")
    if "text" in gold:  # a SemEval article, its text kept with its annotation
        path = folder / f"{gold['name']}.txt"
        path.write_text(gold["text"], encoding="utf-8")
        published = dt.date.fromisoformat(gold["published"])
        return load_article(path).model_copy(update={"published": published})
    row = json.loads(TIMESET.read_text(encoding="utf-8").splitlines()[gold["line"]])
    path = folder / f"{gold['name']}.txt"
    path.write_text(row["text"], encoding="utf-8")
    published = dt.datetime.strptime(row["date_line"].strip(), "%A, %B %d, %Y").date()
    return load_article(path).model_copy(update={"published": published})


def wns_golds(data: Path) -> list[tuple[dict[str, Any], Article]]:
    """The cited reports' annotations (no positions) with their articles."""
    out = []
    for gold, article in wns_articles.annotated(data):
        # The publishers' sentences are not kept in the repository, only their offsets.
        statements = [
            {**st, "text": article.text[st["start"] : st["end"]]} for st in gold["statements"]
        ]
        out.append(({**gold, "statements": statements, "positions": []}, article))
    return out


def rules_only(article: Article) -> dict[str, Any]:
    """The summary a model that keeps every listed speaker would get."""
    index = index_article(article)
    cues = {c.target: c.actor for c in index.speakers if c.target.startswith("Q")}
    title = article.title or index.sentences[0].text
    draft = {
        "summary": {"headline": "-", "abstract": "-", "key_points": ["-"]},
        "topics": [title] * 3,
        "quotes": {f"Q{q.number}": cues.get(f"Q{q.number}") for q in index.quotations},
        "stances": {},
        "events": {},
        "undated": [],
    }
    return answered(article, draft)


def misses(summary: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    """Sources with two or more statements that get no position, with their statements."""
    names = {a["id"]: a["name"] for a in summary["actors"]}
    holders = {h["name"]: h for h in gold.get("holders", [])}
    counts: dict[str, list[str]] = {}
    for st in gold["statements"]:
        counts.setdefault(st["source"], []).append(st["text"][:110])
    out = []
    for source, texts in counts.items():
        entry = holders.get(source, {"name": source})
        held = any(same_actor(names.get(p["holder"], ""), entry) for p in summary["positions"])
        if len(texts) >= 2 and not held:
            out.append(f"{source}: " + " | ".join(texts))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=[*SETS, "all"], default="all")
    ap.add_argument("--each", action="store_true", help="print every article's figures")
    ap.add_argument("--misses", action="store_true", help="print sources without a position")
    ap.add_argument("--wns", type=Path, metavar="DATA", help="the cited reports, from DATA")
    args = ap.parse_args(argv)
    chosen = list(SETS) if args.set == "all" else [args.set]
    if args.wns:
        pairs = wns_golds(args.wns)
    else:
        # The articles are read as files (as users give them), then the files are removed.
        with tempfile.TemporaryDirectory(prefix="positions-rules-") as tmp:
            pairs = [
                (gold, load(gold, Path(tmp)))
                for name in chosen
                for gold in json.loads(SETS[name].read_text(encoding="utf-8"))["articles"]
            ]
    totals: dict[str, list[int]] = {}
    for gold, article in pairs:
        summary = rules_only(article)
        scores = score_positions(summary, gold)
        add(totals, scores)
        if args.each:
            print(f"{gold['name']}: {scores}")
        if args.misses:
            for line in misses(summary, gold):
                print(f"  {gold['name']} missed {line}")
    print_totals(totals)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
