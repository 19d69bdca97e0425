"""What the summary says, measured against hand annotation, for two versions side by side.

Articles: the sample article (``seeds/``, gold in ``tests/data/seed_annotation.json``) and the
first N of the 12 TimeSET Wikinews articles annotated in ``tests/data/timeset_annotation.json``
(CC BY 4.0; chosen by a fixed rule, annotated from the text before any output existed).

Versions: this checkout, and a baseline git ref (default: the last commit of prompt version 4)
checked out into a temporary worktree. Each article runs through each version's own CLI as a
user would run it (``summarizer summarize FILE --published D``: the bundled model, offline),
one after the other on this machine, so wall times compare. Outputs are kept under
``bench/out/quality/<version>/`` and ``--score-only`` scores them again without the model.

Printed per version: quote speakers right (gold speech quotations with a named speaker),
people found as actors and names with a title folded in, the seed's dated events present with
the right value, distinct positions and holders with every evidence span in the article, key
points repeating the headline or each other, completion tokens and wall time.

    python bench/quality.py [--articles 5] [--baseline-ref REF] [--score-only] [--only NAME]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from index_quality import same_actor  # noqa: E402

TIMESET = ROOT.parent / "shared" / "eval" / "timeset.jsonl"
OUT = ROOT / "bench" / "out" / "quality"
BASELINE_REF = "ca9d9ec"  # prompt version 4, before the article index
TITLES = re.compile(
    r"\b(?:President|Minister|Secretary|spokesman|spokeswoman|Chancellor|Mayor|Governor|"
    r"Senator|CEO|chief|envoy|Adviser|Advisor)\b"
)
_WORD = re.compile(r"\w+")


def articles(n: int) -> list[dict[str, Any]]:
    seed_gold = json.loads((ROOT / "tests/data/seed_annotation.json").read_text("utf-8"))
    out = [
        {
            "name": "seed",
            "path": ROOT / "seeds" / "trump-putin-call-ukraine.txt",
            "published": "2025-03-17",
            "gold": seed_gold,
        }
    ]
    rows = TIMESET.read_text(encoding="utf-8").splitlines()
    gold = json.loads((ROOT / "tests/data/timeset_annotation.json").read_text("utf-8"))
    folder = Path(tempfile.mkdtemp(prefix="quality-"))
    for entry in gold["articles"][:n]:
        row = json.loads(rows[entry["line"]])
        path = folder / f"{entry['doc_id']}-{entry['line']}.txt"
        path.write_text(row["text"], encoding="utf-8")
        published = dt.datetime.strptime(row["date_line"].strip(), "%A, %B %d, %Y").date()
        name = f"{entry['doc_id']}-{entry['line']}"
        out.append({"name": name, "path": path, "published": str(published), "gold": entry})
    return out


def checkout(ref: str, score_only: bool) -> Path:
    """A commit in a temporary worktree, so editing this tree never changes a running bench."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    path = Path(tempfile.gettempdir()) / f"summarizer-quality-{sha}"
    if not score_only and not path.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-f", "--detach", str(path), sha],
            check=True, capture_output=True,
        )  # fmt: skip
    return path


def run_version(code: Path, article: dict[str, Any], dest: Path) -> dict[str, Any]:
    """One article through one version's CLI, offline on the bundled model."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env["PYTHONPATH"] = str(code)
    cmd = [sys.executable, "-m", "summarizer", "summarize", str(article["path"])]
    cmd += ["--published", article["published"], "-o", str(dest)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=code, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-300:], "seconds": seconds}
    return {"seconds": seconds}


def score(summary: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    gold = article["gold"]
    text = summary["article"]["text"]
    names = {a["id"]: a["name"] for a in summary["actors"]}
    people = [a for a in gold.get("people", gold.get("actors", [])) if a["kind"] == "person"]
    entries = [*people, *gold.get("organisations", []), *gold.get("actors", [])]
    by_name = {e["name"]: e for e in entries}
    s: dict[str, Any] = {}
    right = total = 0
    quotes = {(q["start"], q["end"]): q for q in summary["quotes"]}
    for g in gold["quotations"]:
        if g["kind"] != "speech" or g["speaker"] is None:
            continue
        total += 1
        q = quotes.get((g["start"], g["end"]))
        said = names.get(q["speaker"]) if q and q["speaker"] else None
        right += said is not None and same_actor(said, by_name.get(g["speaker"], g))
    s["speakers"] = (right, total)
    found = sum(any(same_actor(n, p) for n in names.values()) for p in people)
    s["people"] = (found, len(people))
    s["titled_names"] = sum(bool(TITLES.search(n)) for n in names.values())
    spans_ok = all(
        text[e["start"] : e["end"]] == e["text"]
        for p in summary["positions"]
        for e in p["evidence"]
    )
    s["positions"] = len(summary["positions"])
    s["holders"] = len({p["holder"] for p in summary["positions"]})
    s["positions_grounded"] = spans_ok and all(p["evidence"] for p in summary["positions"])
    if "dated_events" in gold:
        dated = [(e["date"], e) for e in summary["timeline"] if e.get("date")]
        hit = 0
        for g in gold["dated_events"]:
            hit += any(
                d["start"] < g["end"] and g["start"] < d["end"] and d["value"] == g["value"]
                for d, _ in dated
            )
        s["dated_events"] = (hit, len(gold["dated_events"]))
    sm = summary["summary"]
    lines = [sm["headline"], *sm["key_points"]]
    s["repeated_key_points"] = sum(
        any(_near(lines[i], lines[j]) for j in range(i)) for i in range(1, len(lines))
    )
    usage = summary["provenance"]["usage"]
    s["tokens"] = (usage["prompt_tokens"], usage["completion_tokens"])
    s["warnings"] = len(summary["warnings"])
    return s


def _near(a: str, b: str) -> bool:
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def report(version: str, rows: list[tuple[dict[str, Any], dict[str, Any] | None, float]]) -> None:
    def add(key: str) -> tuple[int, int]:
        pairs = [s[key] for _, s, _ in rows if s and key in s]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    done = [(a, s, t) for a, s, t in rows if s is not None]
    print(f"== {version}: {len(done)}/{len(rows)} articles summarised")
    if not done:
        return
    for label, key in (("quote speakers right", "speakers"), ("people found", "people")):
        r, n = add(key)
        print(f"  {label:<28} {r}/{n} ({r / n:.2f})" if n else f"  {label}: n/a")
    for a, s, t in done:
        assert s is not None
        extra = (
            f", dated events {s['dated_events'][0]}/{s['dated_events'][1]}"
            if ("dated_events" in s)
            else ""
        )
        print(
            f"  {a['name']:<28} speakers {s['speakers'][0]}/{s['speakers'][1]}, "
            f"people {s['people'][0]}/{s['people'][1]}, titled names {s['titled_names']}, "
            f"positions {s['positions']} by {s['holders']} holders"
            f"{'' if s['positions_grounded'] else ' (ungrounded!)'}{extra}, "
            f"repeated key points {s['repeated_key_points']}, "
            f"tokens {s['tokens'][0]}+{s['tokens'][1]}, {t:.0f} s"
        )
    comp = [s["tokens"][1] for _, s, _ in done if s]
    secs = [t for _, _, t in done]
    print(f"  completion tokens total {sum(comp)}, wall {sum(secs):.0f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5, help="TimeSET articles beside the seed")
    ap.add_argument("--baseline-ref", default=BASELINE_REF)
    ap.add_argument("--current-ref", default="HEAD", help="the version under test (committed)")
    ap.add_argument("--score-only", action="store_true", help="score saved outputs only")
    ap.add_argument("--only", help="run only the article with this name")
    ap.add_argument("--skip", default="", help="version to leave out this run: current|baseline")
    ap.add_argument("--keep", action="store_true", help="do not run again what has an output")
    args = ap.parse_args(argv)
    todo = articles(args.articles)
    if args.only:
        todo = [a for a in todo if a["name"] == args.only]
    versions = {
        "current": checkout(args.current_ref, args.score_only),
        f"baseline {args.baseline_ref}": checkout(args.baseline_ref, args.score_only),
    }
    results: dict[str, list[tuple[dict[str, Any], dict[str, Any] | None, float]]] = {}
    for article in todo:  # article by article, versions back to back
        for version, code in versions.items():
            dest = OUT / version.split()[0] / f"{article['name']}.json"
            dest.parent.mkdir(parents=True, exist_ok=True)
            meta_path = dest.with_suffix(".meta.json")
            skipped = (bool(args.skip) and version.startswith(args.skip)) or (
                args.keep and dest.exists()
            )
            if not args.score_only and not skipped:
                meta = run_version(code, article, dest)
                meta_path.write_text(json.dumps(meta), encoding="utf-8")
                print(f"{version}: {article['name']}: {meta}", file=sys.stderr, flush=True)
            meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
            summary = json.loads(dest.read_text("utf-8")) if dest.exists() else None
            scored = score(summary, article) if summary and "error" not in meta else None
            results.setdefault(version, []).append((article, scored, meta.get("seconds", 0.0)))
    for version, rows in results.items():
        report(version, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
