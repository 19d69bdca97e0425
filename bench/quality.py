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
points shown and those repeating the headline or each other, headlines shown, summary strings
dropped at their length bound, completion tokens and wall time.

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


def articles(n: int, new: int = 0, folder: Path | None = None) -> list[dict[str, Any]]:
    """The seed, the first ``n`` of the 12 held-out TimeSET articles, and the first ``new`` of
    the 15 annotated for positions only; each with its speaker gold (where annotated) and its
    position gold (``positions``: tests/data/positions_*.json)."""
    seed_gold = json.loads((ROOT / "tests/data/seed_annotation.json").read_text("utf-8"))
    positions = {
        a["name"]: a
        for f in ("positions_annotation.json", "positions_heldout.json")
        for a in json.loads((ROOT / "tests/data" / f).read_text("utf-8"))["articles"]
    }
    out = [
        {
            "name": "seed",
            "path": ROOT / "seeds" / "trump-putin-call-ukraine.txt",
            "published": "2025-03-17",
            "gold": seed_gold,
            "positions": positions.get("seed"),
        }
    ]
    rows = TIMESET.read_text(encoding="utf-8").splitlines()
    gold = json.loads((ROOT / "tests/data/timeset_annotation.json").read_text("utf-8"))
    folder = folder or Path(tempfile.mkdtemp(prefix="quality-"))
    held = [(e["line"], e) for e in gold["articles"][:n]]
    fresh = [(a["line"], None) for a in positions.values() if a["line"] is not None]
    fresh = [(line, e) for line, e in fresh if line not in {e2["line"] for e2 in gold["articles"]}]
    for line, entry in held + sorted(fresh)[:new]:
        row = json.loads(rows[line])
        name = f"{row['doc_id']}-{line}"
        path = folder / f"{name}.txt"
        path.write_text(row["text"], encoding="utf-8")
        published = dt.datetime.strptime(row["date_line"].strip(), "%A, %B %d, %Y").date()
        out.append(
            {
                "name": name,
                "path": path,
                "published": str(published),
                "gold": entry,
                "positions": positions.get(name),
            }
        )
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
    gold = article["gold"] or {"quotations": [], "people": []}  # a position-only article
    text = summary["article"]["text"]
    names = {a["id"]: a["name"] for a in summary["actors"]}
    known = {a["id"]: [a["name"], *a.get("aliases", [])] for a in summary["actors"]}
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
        # An actor is every name it is given: "the Kremlin" is Russia's where the article
        # writes it for the state (issue 22), as the position annotation counts it.
        said = known.get(q["speaker"], []) if q and q["speaker"] else []
        right += any(same_actor(n, by_name.get(g["speaker"], g)) for n in said)
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
    points = [k["text"] if isinstance(k, dict) else k for k in sm["key_points"]]
    lines = [sm["headline"] or "", *points]
    s["repeated_key_points"] = sum(
        any(_near(lines[i], lines[j]) for j in range(i)) for i in range(1, len(lines))
    )
    s["key_points"] = len(points)
    s["headline"] = int(bool(sm["headline"]))
    s["summary_cut"] = sum(
        w["code"] == "text_cut" and w["path"].startswith("$.summary") for w in summary["warnings"]
    )
    if article.get("positions") is not None:
        s.update(score_positions(summary, article["positions"]))
    usage = summary["provenance"]["usage"]
    s["tokens"] = (usage["prompt_tokens"], usage["completion_tokens"])
    s["warnings"] = len(summary["warnings"])
    return s


# Stance kinds of prompt version 5 and before, in the kinds relative to a topic.
OLD_KINDS = {
    "supports": "for", "demands": "for", "proposes": "for", "opposes": "against",
    "rejects": "against", "conditional": "conditional", "uncertain": "undecided",
    "neutral": "describes",
}  # fmt: skip
# A unit id the model copied ("[Q7]", "S3]") or the bracket a length cap left at the end; an
# editor's bracket in the article's own words ("[the council]") is no marker.
MARKER = re.compile(r"\[\s*[SQDAT]\d+|\b[SQDAT]\d+\]|\[\s*$")
OLD_VIEW_CAP = 48  # the bundled model's view bound before prompt version 6


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.casefold()) if len(w) >= 4}


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def score_positions(summary: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Positions against the blind annotation: a gold position is matched by an output one of
    the same holder whose evidence overlaps the gold evidence."""
    names = {a["id"]: a["name"] for a in summary["actors"]}
    holders = {h["name"]: h for h in gold.get("holders", [])}
    words = set(_WORD.findall(summary["article"]["text"]))

    def same(pos: dict[str, Any], name: str) -> bool:
        found = names.get(pos["holder"], pos["holder"])
        return same_actor(found, holders.get(name, {"name": name}))

    out = summary["positions"]
    matched_gold = 0
    kinds_agree = kinds_n = 0
    matching_out: set[int] = set()
    for g in gold["positions"]:
        hits = [
            i
            for i, p in enumerate(out)
            if same(p, g["holder"])
            and any(_overlaps(e, ge) for e in p["evidence"] for ge in g["evidence"])
        ]
        matching_out.update(hits)
        if hits:
            matched_gold += 1
            kinds_n += 1
            # Kinds are relative to a topic: compare the hit on the nearest topic.
            best = max(hits, key=lambda i: len(_stems(out[i]["topic"]) & _stems(g["topic"])))
            kind = out[best]["stance_kind"]
            kinds_agree += OLD_KINDS.get(kind, kind) == g["stance_kind"]
    own = sum(
        all(
            any(same(p, st["source"]) and _overlaps(e, st) for st in gold["statements"])
            for e in p["evidence"]
        )
        for p in out
    )
    counts: dict[str, int] = {}
    for st in gold["statements"]:
        counts[st["source"]] = counts.get(st["source"], 0) + 1
    sources = [name for name, n in counts.items() if n >= 2]
    covered = sum(any(same(p, name) for p in out) for name in sources)
    cut = 0
    for p in out:
        view = p["stance"]
        last = _WORD.findall(view)[-1:] or [""]
        model_capped = p.get("view_from", "model") == "model" and len(view) >= OLD_VIEW_CAP
        cut += bool(MARKER.search(view)) or model_capped or last[0] not in words
    topics = {p.get("topic_id") or " ".join(p["topic"].casefold().split()) for p in out}
    return {
        "gold_positions": (matched_gold, len(gold["positions"])),
        "output_matching": (len(matching_out), len(out)),
        "kinds_agree": (kinds_agree, kinds_n),
        "own_words": (own, len(out)),
        "sources_covered": (covered, len(sources)),
        "views_cut": (cut, len(out)),
        "distinct_topics": (len(topics), 1),
    }


def _near(a: str, b: str) -> bool:
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def held_out(article: dict[str, Any]) -> bool:
    """A held-out article: only totals are printed for it, never its own figures."""
    return article["gold"] is not None and article["name"] != "seed"


def report(version: str, rows: list[tuple[dict[str, Any], dict[str, Any] | None, float]]) -> None:
    def add(key: str) -> tuple[int, int]:
        pairs = [s[key] for _, s, _ in rows if s and key in s]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    done = [(a, s, t) for a, s, t in rows if s is not None]
    print(f"== {version}: {len(done)}/{len(rows)} articles summarised")
    if not done:
        return
    for label, key in (
        ("quote speakers right", "speakers"),
        ("people found", "people"),
        ("gold positions matched", "gold_positions"),
        ("output positions matching", "output_matching"),
        ("stance kinds agree", "kinds_agree"),
        ("positions on own words", "own_words"),
        ("sources (2+) with a position", "sources_covered"),
        ("views cut or with markers", "views_cut"),
    ):
        r, n = add(key)
        print(f"  {label:<30} {r}/{n} ({r / n:.2f})" if n else f"  {label:<30} n/a")
    for a, s, t in done:
        assert s is not None
        extra = (
            f", dated events {s['dated_events'][0]}/{s['dated_events'][1]}"
            if ("dated_events" in s)
            else ""
        )
        positions = (
            f" (gold {s['gold_positions'][0]}/{s['gold_positions'][1]}, out "
            f"{s['output_matching'][0]}/{s['output_matching'][1]}, topics "
            f"{s['distinct_topics'][0]}, kinds {s['kinds_agree'][0]}/{s['kinds_agree'][1]}, "
            f"cut {s['views_cut'][0]})"
            if "gold_positions" in s and not held_out(a)
            else ""
        )
        print(
            f"  {a['name']:<28} speakers {s['speakers'][0]}/{s['speakers'][1]}, "
            f"people {s['people'][0]}/{s['people'][1]}, titled names {s['titled_names']}, "
            f"positions {s['positions']} by {s['holders']} holders{positions}"
            f"{'' if s['positions_grounded'] else ' (ungrounded!)'}{extra}, "
            f"key points {s.get('key_points', '?')} (repeated {s['repeated_key_points']}), "
            f"tokens {s['tokens'][0]}+{s['tokens'][1]}, {t:.0f} s"
        )
    shown = [s for _, s, _ in done if "key_points" in s]
    print(
        f"  summary: headlines shown {sum(s['headline'] for s in shown)}/{len(shown)}, "
        f"key points shown {sum(s['key_points'] for s in shown)}, articles without one "
        f"{sum(not s['key_points'] for s in shown)}, summary strings cut and not shown "
        f"{sum(s['summary_cut'] for s in shown)}"
    )
    comp = [s["tokens"][1] for _, s, _ in done if s]
    secs = [t for _, _, t in done]
    print(f"  completion tokens total {sum(comp)}, wall {sum(secs):.0f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5, help="held-out TimeSET articles")
    ap.add_argument("--new", type=int, default=0, help="of the 15 position-only articles")
    ap.add_argument("--baseline-ref", default=BASELINE_REF)
    ap.add_argument("--current-ref", default="HEAD", help="the version under test (committed)")
    ap.add_argument("--score-only", action="store_true", help="score saved outputs only")
    ap.add_argument("--only", help="run only the article with this name")
    ap.add_argument("--skip", default="", help="version to leave out this run: current|baseline")
    ap.add_argument("--keep", action="store_true", help="do not run again what has an output")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quality-") as tmp:  # the articles' text files
        return _run(args, articles(args.articles, args.new, Path(tmp)))


def _run(args: argparse.Namespace, todo: list[dict[str, Any]]) -> int:
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
