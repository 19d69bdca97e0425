"""Actors and speaker cues of the article index against a hand annotation.

Gold: ``tests/data/timeset_annotation.json`` (12 TimeSET Wikinews articles, CC BY 4.0, chosen
by a fixed rule and annotated from the text alone, before any index output existed) and
``tests/data/seed_annotation.json`` (the sample article). Printed per set:

* actor recall: gold people (and, apart, organisations) that the index lists, matched by
  name or alias (full name, or the same surname with a compatible first name);
* extra actors: indexed actors matching no gold entry (listed with ``--list``: some are
  real actors the annotator left out, some are false);
* cue coverage: share of gold speech quotations with a named speaker that get a cue;
* cue precision: share of those cues that name the gold speaker; cues given to quotations
  whose gold speaker is none or that are not speech are counted apart.

    python bench/index_quality.py [--list]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.article import load_article  # noqa: E402
from summarizer.index import ArticleIndex, index_article  # noqa: E402

TIMESET = ROOT.parent / "shared" / "eval" / "timeset.jsonl"
_TITLES = re.compile(r"^(?:mr|mrs|ms|dr|sir|president|prime minister|the)\.?\s+", re.I)


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).lower()
    name = name.replace("’", "'").removesuffix("'s")
    return " ".join(_TITLES.sub("", name).replace(".", " ").split())


def same_actor(found: str, gold: dict[str, Any]) -> bool:
    """Full name or alias equal; or the same surname and no contradicting first name."""
    names = [gold["name"], *gold.get("aliases", [])]
    f = _norm(found)
    for g in map(_norm, names):
        if f == g:
            return True
        fw, gw = f.split(), g.split()
        if fw and gw and fw[-1] == gw[-1] and (len(fw) == 1 or len(gw) == 1 or fw[0] == gw[0]):
            return True
    return False


def score(index: ArticleIndex, gold: dict[str, Any], tally: dict[str, Any]) -> None:
    people = [a for a in gold.get("people", gold.get("actors", [])) if a["kind"] == "person"]
    orgs = gold.get("organisations") or [a for a in gold.get("actors", []) if a["kind"] != "person"]
    names = [a.name for a in index.actors]
    for kind, entries in (("people", people), ("orgs", orgs)):
        for g in entries:
            tally[f"{kind}_gold"] += 1
            if any(same_actor(n, g) for n in names):
                tally[f"{kind}_found"] += 1
            else:
                tally["missed"].append(g["name"])
    for a in index.actors:
        if not any(same_actor(a.name, g) for g in [*people, *orgs]):
            tally["extra"].append(f"{a.name} ({a.kind})")
    tally["actors"] += len(index.actors)
    cues = {c.target: c for c in index.speakers}
    for q in gold["quotations"]:
        # By place, not number: a quotation the finder adds or drops renumbers the rest.
        found = next(
            (f for f in index.quotations if f.start < q["end"] and q["start"] < f.end), None
        )
        cue = cues.get(f"Q{found.number}") if found is not None else None
        if q["kind"] != "speech" or q["speaker"] is None:
            if cue is not None:
                tally["cue_on_unattributed"] += 1
            continue
        tally["speech"] += 1
        if cue is None:
            continue
        tally["cued"] += 1
        entry = next((a for a in [*people, *orgs] if a["name"] == q["speaker"]), None)
        entry = entry or {"name": q["speaker"]}
        if same_actor(cue.name, entry):
            tally["cue_right"] += 1
        else:
            tally["cue_wrong"].append(
                f"Q{q['number']}: {cue.name!r} ({cue.rule}), gold {q['speaker']!r}"
            )


def new_tally() -> dict[str, Any]:
    keys = ("people_gold", "people_found", "orgs_gold", "orgs_found", "actors", "speech")
    tally: dict[str, Any] = dict.fromkeys(keys, 0)
    tally.update(cued=0, cue_right=0, cue_on_unattributed=0, missed=[], extra=[], cue_wrong=[])
    return tally


def report(title: str, t: dict[str, Any], articles: int, show: bool) -> None:
    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f} ({a}/{b})" if b else "n/a"

    print(f"== {title}: {articles} article(s)")
    print(f"  people recall         {ratio(t['people_found'], t['people_gold'])}")
    print(f"  organisation recall   {ratio(t['orgs_found'], t['orgs_gold'])}")
    print(f"  actors listed         {t['actors']} ({len(t['extra'])} match no gold entry)")
    print(f"  cue coverage          {ratio(t['cued'], t['speech'])}  (speech with a named speaker)")
    print(f"  cue precision         {ratio(t['cue_right'], t['cued'])}")
    print(f"  cues on quotations without a gold speaker: {t['cue_on_unattributed']}")
    if show:
        for key in ("missed", "extra", "cue_wrong"):
            print(f"  {key}: " + "; ".join(t[key]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print misses, extras, wrong cues")
    args = ap.parse_args(argv)
    rows = TIMESET.read_text(encoding="utf-8").splitlines()
    gold = json.loads((ROOT / "tests/data/timeset_annotation.json").read_text(encoding="utf-8"))
    tally, elapsed = new_tally(), 0.0
    for entry in gold["articles"]:
        text = json.loads(rows[entry["line"]])["text"]
        t0 = time.perf_counter()
        index = index_article(text)
        elapsed += time.perf_counter() - t0
        score(index, entry, tally)
    report("TimeSET", tally, len(gold["articles"]), args.list)
    print(f"  index time {1000 * elapsed / len(gold['articles']):.1f} ms per article")
    seed = json.loads((ROOT / "tests/data/seed_annotation.json").read_text(encoding="utf-8"))
    article = load_article(ROOT / "seeds" / "trump-putin-call-ukraine.txt", published="2025-03-17")
    tally = new_tally()
    score(index_article(article), seed, tally)
    report("sample article", tally, 1, args.list)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
