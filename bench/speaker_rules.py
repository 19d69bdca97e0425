"""Rule-only speaker figures on the development set: before any model, how often the rules
make the right answer possible and give it.

For each quotation annotated with a speaker (``tests/data/speaker_dev.json``: 91 TimeSET
development articles, never the held-out lines, and the seed article's annotation; or, with
``--semeval dev4|dev5|dev6``, the SemEval-2015 articles of ``tests/data/positions_dev4.json``
(14), ``positions_dev5.json`` (12) or ``positions_dev6.json`` (25); or, with ``--wns DATA``,
the 32 news reports Wikinews stories cite, of ``tests/data/speaker_wns.json``, their texts read
from a local copy of the WikinewsSum dataset, ``bench/wns_articles.py``):

* listed: the speaker is an actor of the rule-built list (by name or a mention), so the
  model *can* pick it;
* in its choices: the listed speaker is among the actors the quotation's draft schema offers
  (``request.speaker_choices``), with how many it offers against the whole list;
* cue right: the quotation's rule cue names that actor;
* cue precision: of the quotations given a cue, the share whose cue names the right actor
  (a cue on a quotation the annotation gives nobody counts as wrong);
* with ``--model``: the whole pipeline on the bundled model (one local server for all
  articles; outputs kept in ``--out``, by default ``bench/out/speaker_dev/``), and the share
  of quotations whose final speaker is the annotated one; ``--saved`` scores the outputs kept
  there without running the model again.

    python bench/speaker_rules.py [--misses] [--model | --saved] [--out DIR]
                                  [--lines 23,... | --semeval dev4|dev5|dev6 | --wns DATA]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import wns_articles  # noqa: E402

from summarizer.index import ArticleIndex, IndexedActor, index_article  # noqa: E402
from summarizer.request import speaker_choices  # noqa: E402

DEV = ROOT / "tests" / "data" / "speaker_dev.json"
SEED = ROOT / "tests" / "data" / "seed_annotation.json"
# SemEval-2015 TimeLine articles (business news), texts included, annotated blind: 14 in
# positions_dev4.json, 12 more in positions_dev5.json, 25 more in positions_dev6.json.
SEMEVAL_SETS = {
    name: ROOT / "tests" / "data" / f"positions_{name}.json" for name in ("dev4", "dev5", "dev6")
}
# The copy the tests read (tests/data/README.md); the same lines as ../shared/eval/timeset.jsonl.
TIMESET = ROOT / "tests" / "data" / "timeset.jsonl"
MODEL_OUT = ROOT / "bench" / "out" / "speaker_dev"
# The evaluation set others use: never read here.
HELD_OUT = frozenset({0, 1, 2, 3, 5, 7, 9, 11, 13, 15, 16, 19})


@dataclass
class Tally:
    quotes: int = 0  # annotated with a speaker
    found: int = 0  # ... and found as a quotation by the index
    listed: int = 0
    # ... and, listed, among the actors its draft schema offers it (``speaker_choices``)
    in_choices: int = 0
    choices: int = 0  # how many actors those schemas offer, summed
    actors: int = 0  # how many the whole list holds, summed over the same quotations
    # the same for the listed speakers of quotations no rule cues, which the model must guess
    uncued: int = 0
    uncued_in_choices: int = 0
    uncued_choices: int = 0
    cue_right: int = 0
    cued: int = 0  # quotations with a cue, speaker or not
    cued_right: int = 0
    misses: list[str] = field(default_factory=list)
    model_right: int = 0  # with --model: the summary's speaker is the annotated one


Dev = tuple[str, str, str, list[dict[str, object]]]  # label, text, publication date, quotes


def dev_articles(only: set[int] | None = None) -> list[Dev]:
    """``(label, text, published, quotes)``: the development articles with their annotation;
    ``only``: just those TimeSET lines (and no seed)."""
    lines = TIMESET.read_text(encoding="utf-8").splitlines()
    out = []
    for article in json.loads(DEV.read_text(encoding="utf-8"))["articles"]:
        line = article["line"]
        if only is not None and line not in only:
            continue
        if line in HELD_OUT:
            raise SystemExit(f"line {line} is held out")
        row = json.loads(lines[line])
        published = dt.datetime.strptime(row["date_line"].strip(), "%A, %B %d, %Y").date()
        out.append((f"timeset {line}", row["text"], str(published), article["quotes"]))
    if only is not None:
        return out
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    text = (ROOT / seed["source"]).read_text(encoding="utf-8")
    aliases = {a["name"]: a.get("aliases", []) for a in seed["actors"]}
    quotes = [
        {"quote": q["text"], "speaker": q.get("speaker"), "also": aliases.get(q.get("speaker"), [])}
        for q in seed["quotations"]
    ]
    out.append(("seed", text, "2025-03-17", quotes))
    return out


def semeval_dev(name: str) -> list[Dev]:
    """The SemEval development articles of ``positions_<name>.json``, with their quotations."""
    out = []
    for article in json.loads(SEMEVAL_SETS[name].read_text(encoding="utf-8"))["articles"]:
        aliases = {h["name"]: h.get("aliases", []) for h in article["holders"]}
        quotes = [{**q, "also": aliases.get(q["speaker"], [])} for q in article["quotes"]]
        out.append((f"semeval {article['doc_id']}", article["text"], article["published"], quotes))
    return out


def wns_dev(data: Path) -> list[Dev]:
    """The cited news reports of ``speaker_wns.json``, their texts from ``data``."""
    out = []
    for gold, article in wns_articles.annotated(data):
        aliases = {h["name"]: h.get("aliases", []) for h in gold["holders"]}
        quotes = [{**q, "also": aliases.get(q["speaker"], [])} for q in gold["quotes"]]
        out.append((gold["name"], article.text, wns_articles.PUBLISHED, quotes))
    return out


def _output(out_dir: Path, label: str) -> Path:
    return out_dir / f"{label.replace(' ', '-')}.json"


def saved_speakers(articles: list[Dev], out_dir: Path) -> list[dict[str, str | None]]:
    """The final quote speakers of an earlier ``--model`` run, read back from ``out_dir``."""
    out = []
    for label, *_ in articles:
        result = json.loads(_output(out_dir, label).read_text("utf-8"))
        out.append({f"Q{q['number']}": q.get("speaker") for q in result["quotes"]})
    return out


def model_speakers(articles: list[Dev], out_dir: Path) -> list[dict[str, str | None]]:
    """Each article's final quote speakers (``Q3`` -> actor id) from the bundled model."""
    from summarizer.article import make_article
    from summarizer.endpoint import local_settings
    from summarizer.local import LocalServer, ensure_model
    from summarizer.pipeline import summarize_article
    from summarizer.settings import Settings

    out_dir.mkdir(parents=True, exist_ok=True)
    out = []
    with LocalServer(ensure_model()) as base_url:
        settings = local_settings(Settings.resolve(env={}), base_url)
        for label, text, published, _ in articles:
            began = time.perf_counter()
            result = summarize_article(make_article(text, published=published), settings)
            path = _output(out_dir, label)
            path.write_text(result.model_dump_json(indent=1), encoding="utf-8")
            usage = result.provenance.usage
            print(
                f"{label}: {time.perf_counter() - began:.0f} s, "
                f"{usage.prompt_tokens} + {usage.completion_tokens} tokens",
                flush=True,
            )
            out.append({f"Q{q.number}": q.speaker for q in result.quotes})
    return out


def _speakers(index: ArticleIndex, names: set[str], speaker: str) -> list[IndexedActor]:
    """The actors the annotation accepts, named or written by any of its names; the one of
    the annotated name itself first ("Syrian foreign ministry", then "Syria")."""
    found = []
    for actor in index.actors:
        written = {m.text for m in actor.mentions if m.kind != "title"}
        if actor.name in names or written & names:
            found.append(actor)
    return sorted(found, key=lambda a: a.name != speaker)


def score(
    label: str,
    text: str,
    quotes: list[dict[str, object]],
    tally: Tally,
    said: dict[str, str | None] | None = None,
) -> None:
    """Add one article to ``tally``; ``said``: the model run's final speakers, if any."""
    index = index_article(text)
    cues = {c.target: c for c in index.speakers}
    offered = dict(zip(index.quotations, speaker_choices(index, index.quotations), strict=True))
    for note in quotes:
        snippet = str(note["quote"])
        found = [q for q in index.quotations if snippet in text[max(0, q.start - 1) : q.end + 1]]
        speaker = note.get("speaker")
        if speaker is not None:
            tally.quotes += 1
        if not found:
            continue
        q = found[0]
        cue = cues.get(f"Q{q.number}")
        if speaker is None:
            if cue is not None:
                tally.cued += 1
                tally.misses.append(f"{label} Q{q.number}: nobody, cue {cue.name} ({cue.rule})")
            continue
        tally.found += 1
        names = {str(speaker), *map(str, note.get("also") or [])}  # type: ignore[call-overload]
        accepted = _speakers(index, names, str(speaker))
        ids = {a.id for a in accepted}
        actor = accepted[0] if accepted else None
        tally.listed += actor is not None
        if actor is not None:
            tally.in_choices += bool(ids & set(offered[q]))
            tally.choices += len(offered[q]) or len(index.actors)
            tally.actors += len(index.actors)
            if cue is None:
                tally.uncued += 1
                tally.uncued_in_choices += bool(ids & set(offered[q]))
                tally.uncued_choices += len(offered[q]) or len(index.actors)
        right = cue is not None and cue.actor in ids
        if said is not None:
            final = said.get(f"Q{q.number}")
            tally.model_right += final in ids
            if final not in ids:
                tally.misses.append(f"{label} Q{q.number}: model said {final}, not {speaker}")
        tally.cue_right += right
        if cue is not None:
            tally.cued += 1
            tally.cued_right += right
        if not right:
            got = f"cue {cue.name} ({cue.rule})" if cue else "no cue"
            where = "listed" if actor else "NOT LISTED"
            tally.misses.append(f"{label} Q{q.number}: {speaker} [{where}], {got}: {snippet!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every quotation not right")
    ap.add_argument("--model", action="store_true", help="also run the bundled model (minutes)")
    ap.add_argument("--saved", action="store_true", help="score the outputs of a --model run")
    ap.add_argument("--out", type=Path, default=MODEL_OUT, help="where --model keeps outputs")
    ap.add_argument("--lines", help="only these TimeSET lines, comma-separated")
    ap.add_argument(
        "--semeval", choices=sorted(SEMEVAL_SETS), help="the SemEval articles of that set instead"
    )
    ap.add_argument("--wns", type=Path, metavar="DATA", help="the cited reports, from DATA")
    args = ap.parse_args(argv)
    tally = Tally()
    if args.wns:
        articles = wns_dev(args.wns)
    elif args.semeval:
        articles = semeval_dev(args.semeval)
    else:
        articles = dev_articles({int(x) for x in args.lines.split(",")} if args.lines else None)
    said: list[dict[str, str | None]] | list[None] = [None] * len(articles)
    if args.model:
        said = model_speakers(articles, args.out)
    elif args.saved:
        said = saved_speakers(articles, args.out)
    for (label, text, _, quotes), speakers in zip(articles, said, strict=True):
        score(label, text, quotes, tally, speakers)
    t = tally
    print(f"quotations with a speaker: {t.quotes}, found by the index: {t.found}")
    print(f"  speaker listed as an actor: {t.listed}/{t.found} = {t.listed / t.found:.2f}")
    print(
        f"  ... and among its schema's choices: {t.in_choices}/{t.listed}, "
        f"{t.choices / t.listed:.1f} actors offered on average of {t.actors / t.listed:.1f}"
    )
    if t.uncued:
        print(
            f"  ... of them, with no cue: {t.uncued_in_choices}/{t.uncued} among the choices, "
            f"{t.uncued_choices / t.uncued:.1f} offered on average"
        )
    print(f"  top cue names the speaker:  {t.cue_right}/{t.found} = {t.cue_right / t.found:.2f}")
    print(f"  cue precision:              {t.cued_right}/{t.cued} = {t.cued_right / t.cued:.2f}")
    if args.model or args.saved:
        share = t.model_right / t.quotes
        print(f"  bundled model, final:       {t.model_right}/{t.quotes} = {share:.2f}")
    if args.misses:
        print("\n".join(t.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
