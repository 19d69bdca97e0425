"""Story timelines on public gold: SemEval-2015 Task 4 TimeLine, main track (raw text).

    python bench/timelines.py run --corpus corpus_1 corpus_2     # the model: ~25 min a corpus
    python bench/timelines.py score --corpus corpus_1 corpus_2   # no model: saved results

``run`` gives each corpus's 30 Wikinews articles to ``summarizer batch`` as a user would (a
JSONL of id, title, published, text; the bundled model unless ``--base-url``/``--model``), and
saves the results and the run's wall time beside them in ``--out``. ``score`` builds the
timeline of every target entity with ``build_timelines(results, actors=[entity])`` and scores
it with the task's measure (``summarizer/story/awareness.py``), micro-averaged over a corpus's
entities as the task did. Also printed: the gold dated events found at the gold's date, the
target entities found as one story actor, and wall time and tokens.

The task names an event by its token ("100911-2-defeated"); the summary names it by a clause.
The adapter below maps a story event to the task's format: its sentence from the citation's
offsets, its token by a fixed rule (the clause's first verb-looking word), dated events on one
line per date, undated ones at position 0 as the task's gold has them. Corpus 3 is the check
set: run and score it once, at the end, and report it apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import semeval_articles as semeval  # noqa: E402

from summarizer.story import awareness  # noqa: E402
from summarizer.story.build import build_timelines  # noqa: E402
from summarizer.story.model import StoryEvent  # noqa: E402
from summarizer.timeline import value_start  # noqa: E402

OUT = HERE / "data" / "timelines"  # the saved results of the last run, committed
CORPORA = ("corpus_1", "corpus_2", "corpus_3")

# Irregular past forms and other verbs news reports with; a word ending in -ed counts too.
_VERB_WORDS = """said won lost sold bought made took hit rose fell cut began begun became built
    brought
    came chose drew fought found flew gave got grew held kept knew laid led left lent let met
    paid put ran saw sent set shut sought spent split stood struck swung told thought threw
    wrote announced agreed reported expects expected plans announce says delayed"""
_VERBS = frozenset(_VERB_WORDS.split())
_AUXILIARIES = frozenset(
    [
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "be",
        "been",
    ]
)
_NOT_VERB_WORDS = "hundred need red bed speed seed feed limited united based"
_NOT_VERBS = frozenset(_NOT_VERB_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def trigger(event: str, sentence: str) -> str | None:
    """The token the task would call this event: the clause's first verb-looking word that the
    sentence holds (after a modal or auxiliary, the verb it governs: "will wear" -> "wear"),
    else the clause's first lower-case word of four letters or more."""
    words = [w for w in _WORD.findall(event) if w in sentence]
    for i, w in enumerate(words):
        low = w.lower()
        if not w[0].islower() or low in _NOT_VERBS:
            continue
        if low in _AUXILIARIES:
            following = [x for x in words[i + 1 :] if x.lower() not in _AUXILIARIES]
            if following and following[0][0].islower() and not following[0].endswith("ly"):
                return following[0]
            continue
        if low.endswith("ed") or low in _VERBS:
            return w
    for w in words:
        if w[0].islower() and len(w) >= 4 and w.lower() not in _AUXILIARIES:
            return w
    return None


def task_date(value: str | None) -> str:
    """A TIMEX value in the task's notation: "2008-03" -> "2008-03-XX"."""
    if value is None or value_start(value) is None:
        return "XXXX-XX-XX"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-XX"
    if "-W" in value:  # a week: its month when it lies in one, else its year
        start = value_start(value)
        assert start is not None
        first, last = start[0], start[0] + dt.timedelta(days=6)
        if first.month == last.month:
            return f"{first.year:04d}-{first.month:02d}-XX"
        return f"{first.year:04d}-XX-XX"
    return f"{value[:4]}-XX-XX" if value[:4].isdigit() else "XXXX-XX-XX"


def system_entries(events: list[StoryEvent], docs: dict[str, semeval.Doc]) -> list[awareness.Entry]:
    """One actor's story timeline in the task's format."""
    entries: list[awareness.Entry] = []
    position = 0
    last_date = None
    for event in events:
        ids = []
        for c in event.citations:
            doc = docs.get(c.article)
            if doc is None:
                continue
            sid = doc.sentence_at(c.start)
            token = trigger(event.event, c.text)
            if sid is not None and token:
                ids.append(f"{doc.doc_id}-{sid}-{token}")
        if not ids:
            continue
        date = task_date(event.date) if event.placed_by != "article_order" else "XXXX-XX-XX"
        if date == "XXXX-XX-XX":
            entries.append(awareness.Entry(0, date, tuple(ids)))
            continue
        if date != last_date:
            position += 1
            last_date = date
        entries.append(awareness.Entry(position, date, tuple(ids)))
    return entries


def gold_entries(docs: list[semeval.Doc]) -> dict[str, list[awareness.Entry]]:
    """The gold timeline of each target entity: one entry per coreference group."""
    found: dict[str, dict[tuple[int, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc in docs:
        for g in doc.gold:
            key = (g["order"], g["date"])
            found[g["entity"]][key].update(g["coref_group"])
    return {
        entity: [awareness.Entry(o, d, tuple(sorted(ids))) for (o, d), ids in sorted(rows.items())]
        for entity, rows in found.items()
    }


def run(corpus: str, out: Path, extra: list[str]) -> None:
    docs = semeval.load(corpora=(corpus,))
    articles = out / f"{corpus}.articles.jsonl"
    results = out / f"{corpus}.results.jsonl"
    semeval.batch_input(docs, articles)
    env = (
        dict(os.environ)
        if extra
        else {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    )
    cmd = [sys.executable, "-m", "summarizer", "batch", str(articles), "-o", str(results)]
    cmd += ["--no-cache", "--quiet", *extra]
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=False)
    seconds = time.perf_counter() - t0
    (out / f"{corpus}.run.json").write_text(json.dumps({"seconds": round(seconds, 1)}))


def score(corpus: str, out: Path) -> dict[str, Any]:
    docs = semeval.load(corpora=(corpus,))
    by_id = {d.doc_id: d for d in docs}
    results = out / f"{corpus}.results.jsonl"
    gold = gold_entries(docs)
    t0 = time.perf_counter()
    story = build_timelines(results, actors=sorted(gold))
    build_seconds = time.perf_counter() - t0
    system: dict[str, list[awareness.Entry]] = {}
    actors_found = 0
    split = 0
    for entity in gold:
        mine = build_timelines_for(story, entity)
        if len(mine) == 1:
            actors_found += 1
        elif len(mine) > 1:
            split += 1
        events = [e for t in mine for e in t.events]
        seen: set[str] = set()
        unique = [e for e in events if not (e.id in seen or seen.add(e.id))]
        system[entity] = system_entries(unique, by_id)
    total = awareness.score_all(system, gold)
    dated_hit, dated_all = dated_found(story, docs)
    every = {e.id: e for t in story.timelines for e in t.events}.values()
    unsupported = sum(1 for e in every if e.date and not any(c.date_text for c in e.citations))
    uncited = sum(
        1
        for e in every
        if not e.citations
        or any(by_id[c.article].text[c.start : c.end] != c.text for c in e.citations)
    )
    usage = tokens(results)
    run_file = out / f"{corpus}.run.json"
    meta = json.loads(run_file.read_text()) if run_file.exists() else {}
    return {
        "corpus": corpus,
        "score": total,
        "precision": total.precision,
        "recall": total.recall,
        "f1": total.f1,
        "dated": (dated_hit, dated_all),
        "actors": (actors_found, split, len(gold)),
        "seconds": meta.get("seconds"),
        "tokens": usage,
        "build_seconds": build_seconds,
        "events": len(every),
        "unsupported": unsupported,
        "uncited": uncited,
    }


def build_timelines_for(story: Any, entity: str) -> list[Any]:
    from summarizer.story.actors import names_of, norm

    key = norm(entity)
    return [t for t in story.timelines if key in names_of(t.actor)]


def dated_found(story: Any, docs: list[semeval.Doc]) -> tuple[int, int]:
    """Gold events carrying a full date whose sentence a timeline of their entity cites with
    that date (at the gold's granularity)."""
    by_id = {d.doc_id: d for d in docs}
    cited: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    for entity in {g["entity"] for d in docs for g in d.gold}:
        for t in build_timelines_for(story, entity):
            for e in t.events:
                for c in e.citations:
                    doc = by_id.get(c.article)
                    sid = doc.sentence_at(c.start) if doc else None
                    if sid is not None and e.placed_by != "article_order":
                        cited[(entity, c.article, sid)].add(task_date(e.date))
    hit = total = 0
    for d in docs:
        for g in d.gold:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", g["date"]):
                continue
            total += 1
            hit += g["date"] in cited.get((g["entity"], d.doc_id, g["sentence_id"]), set())
    return hit, total


def tokens(results: Path) -> dict[str, int]:
    prompt = completion = 0
    for line in results.read_text(encoding="utf-8").splitlines():
        usage = json.loads(line).get("usage") or {}
        prompt += usage.get("prompt_tokens", 0)
        completion += usage.get("completion_tokens", 0)
    return {"prompt": prompt, "completion": completion}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("step", choices=("run", "score"))
    p.add_argument("--corpus", nargs="+", default=["corpus_1", "corpus_2"], choices=CORPORA)
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--base-url", help="another OpenAI-compatible server (default: bundled)")
    p.add_argument("--model")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.step == "run":
        extra = []
        if args.base_url:
            extra += ["--base-url", args.base_url]
        if args.model:
            extra += ["--model", args.model]
        for corpus in args.corpus:
            run(corpus, args.out, extra)
        return 0
    rows = [score(c, args.out) for c in args.corpus]
    for r in rows:
        h, n = r["dated"]
        found, split, all_ = r["actors"]
        print(
            f"{r['corpus']}: P {100 * r['precision']:.2f} R {100 * r['recall']:.2f} "
            f"F1 {100 * r['f1']:.2f} | gold full-date events at their date {h}/{n}"
            f" = {h / max(n, 1):.2f} | target entities as one story actor {found}/{all_}"
            f" (split {split}) | {r['events']} events, {r['unsupported']} dated without a"
            f" written date, {r['uncited']} without a citation that slices its article"
            f" | model {r['seconds']} s,"
            f" tokens {r['tokens']['prompt']:,}+{r['tokens']['completion']:,}"
            f" | timelines built in {r['build_seconds']:.2f} s"
        )
    if len(rows) > 1:
        overall = sum((r["score"] for r in rows[1:]), rows[0]["score"])
        print(
            f"overall: P {100 * overall.precision:.2f} R {100 * overall.recall:.2f}"
            f" F1 {100 * overall.f1:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
