"""How far story timelines could go on SemEval-2015 TimeLine if every sentence naming an actor
were an event of it, dated by its own date mention or else by the article's date.

    python bench/timeline_ceiling.py [--corpus corpus_1 corpus_2]

A diagnostic, not the product: ``bench/timelines.py`` scores what ``build_timelines`` makes
from the summaries (an event per date mention on the bundled model). Here, from the same saved
results and no model, each target entity gets one event per sentence that names it (as the
gold writes the entity), placed at the date the summary resolved in that sentence or at the
publication date (as the gold's annotators placed reported events) or, in a second run,
left unplaced (``XXXX-XX-XX``, as the product writes an event its article gives no date), with
its token chosen three ways:

* ``verb``: the clause's first verb-looking word, the adapter's rule (``timelines.trigger``);
* ``every verb``: every verb-looking word of the sentence, each an event;
* ``gold``: the gold event tokens of that sentence and entity, an upper bound for the token.

It answers two questions. Would dating reported events at the publication date reach the
issue's F1 target (15) with the tokens a rule can pick? (On corpora 1 and 2, 2026-12-06: no.)
And how high could a timeline that gives no undated event a date go? (With the gold's own
tokens, 16.9 and 15.8.)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import semeval_articles as semeval  # noqa: E402
import timelines as tl  # noqa: E402

from summarizer.story import awareness  # noqa: E402

_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
Tokens = Callable[[semeval.Doc, int, str, str], list[str]]


def verbs(sentence: str) -> list[str]:
    words = _WORD.findall(sentence)
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if not w[0].islower() or low in tl._NOT_VERBS or low in tl._AUXILIARIES:
            continue
        after_aux = i > 0 and words[i - 1].lower() in (tl._AUXILIARIES | {"to"})
        if low.endswith("ed") or low in tl._VERBS or (after_aux and not low.endswith("ly")):
            out.append(w)
    return list(dict.fromkeys(out))


def first_verb(doc: semeval.Doc, sid: int, sentence: str, entity: str) -> list[str]:
    token = tl.trigger(sentence, sentence)
    return [token] if token else []


def every_verb(doc: semeval.Doc, sid: int, sentence: str, entity: str) -> list[str]:
    return verbs(sentence)


def gold_tokens(doc: semeval.Doc, sid: int, sentence: str, entity: str) -> list[str]:
    return sorted(
        {g["event"] for g in doc.gold if g["sentence_id"] == sid and g["entity"] == entity}
    )


def score(corpus: str, tokens: Tokens, publication: bool = True) -> awareness.Score:
    docs = semeval.load(corpora=(corpus,))
    gold = tl.gold_entries(docs)
    results = tl.OUT / f"{corpus}.results.jsonl"
    summaries = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        summaries[row["id"]] = row.get("summary") or {}
    system = {}
    for entity in gold:
        rows: list[tuple[str, str]] = []
        undated: list[str] = []
        for doc in docs:
            dated: dict[int, str] = {}
            for event in summaries.get(doc.doc_id, {}).get("timeline", []):
                date = event.get("date") or {}
                sid = doc.sentence_at(date["start"]) if date.get("value") else None
                if sid is not None:
                    dated.setdefault(sid, date["value"])
            for sid, (a, b) in doc.sentences.items():
                sentence = doc.text[a:b]
                if sid <= 1 or entity.lower() not in sentence.lower():  # title, date line
                    continue
                ids = [f"{doc.doc_id}-{sid}-{t}" for t in tokens(doc, sid, sentence, entity)]
                if sid not in dated and not publication:  # as the adapter writes undated events
                    undated += ids
                    continue
                day = tl.task_date(dated[sid]) if sid in dated else doc.published
                rows += [(day, event_id) for event_id in ids]
        entries, position, last = [], 0, None
        for day, event_id in sorted(rows):
            if day != last:
                position, last = position + 1, day
            entries.append(awareness.Entry(position, day, (event_id,)))
        entries += [awareness.Entry(0, "XXXX-XX-XX", (event_id,)) for event_id in undated]
        system[entity] = entries
    return awareness.score_all(system, gold)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", nargs="+", default=["corpus_1", "corpus_2"], choices=tl.CORPORA)
    args = p.parse_args(argv)
    for corpus in args.corpus:
        for publication in (True, False):
            undated = "publication date" if publication else "unplaced"
            for name, tokens in (
                ("verb", first_verb),
                ("every verb", every_verb),
                ("gold", gold_tokens),
            ):
                s = score(corpus, tokens, publication)
                print(
                    f"{corpus} {name:<11} undated: {undated:<16} P {100 * s.precision:5.2f}"
                    f" R {100 * s.recall:5.2f} F1 {100 * s.f1:5.2f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
