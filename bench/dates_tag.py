"""Measure the date tagger (extents and values in running text) on public gold TIMEX3 data.

Data: ``dates_dev.jsonl`` (MEANTIME English corpus, Wikinews, (c) 2015 FBK, VU University
Amsterdam, UPV/EHU, CC BY 4.0). Each line holds one gold expression (``text``), its sentence
(``context``) and the publication date (``dct``). The tagger reads the sentence with no hint
of where the expression is; scored:

* extent recall: exact (same span), exact once a leading preposition of ours is set aside
  (our extents include "on", "in", … as news readers quote them; MEANTIME's do not), and
  overlapping;
* value accuracy on the matched (overlapping) mentions, scored like ``bench/dates.py``
  (a gold ``XXXX-XX-XX`` is matched by no value);
* the other mentions found in those sentences, listed for a read: some are gold mentions of
  other lines, some are false.

A second figure tags whole articles, as the pipeline does: 229 of the 298 lines come from
MEANTIME articles whose full text is in ``semeval15_timelines.jsonl`` (same corpus, CC BY
3.0), so an expression that refers to another date of the story ("the day", "that week") can
take its in-article anchor. Those lines are scored both ways, side by side.

    python bench/dates_tag.py [--data PATH] [--articles PATH] [--list N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.dates import resolve
from summarizer.index.sentences import split_sentences
from summarizer.index.tagger import tag_dates
from summarizer.index.units import DateMention

EVAL = Path(__file__).resolve().parents[1].parent / "shared/eval"
DEFAULT_DATA = EVAL / "dates_dev.jsonl"
DEFAULT_ARTICLES = EVAL / "semeval15_timelines.jsonl"
_LEADING_PREP = re.compile(
    r"^(?:on|in|at|during|over|throughout|since|until|till|by|from|before|after|within|around"
    r"|as of|as early as|as late as|no later than|through|for) ",
    re.IGNORECASE,
)


def _value_ok(pred: str | None, gold: str) -> bool:
    if gold == "XXXX-XX-XX":
        return pred is None
    return pred == gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    ap.add_argument("--list", type=int, default=30, help="misses and other mentions to print")
    args = ap.parse_args(argv)
    rows: list[dict[str, Any]] = [json.loads(x) for x in args.data.read_text().splitlines() if x]
    by_context: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_context[(row["context"], row["dct"])].append(row)

    exact = loose = overlap = value_ok = located = alone_ok = 0
    misses: list[str] = []
    wrong: list[str] = []
    others: list[str] = []
    elapsed = 0.0
    by_sentence: dict[tuple[str, str], list[DateMention]] = {}  # each sentence read alone
    for (context, dct), group in by_context.items():
        t0 = time.perf_counter()
        mentions = tag_dates(context, dt.date.fromisoformat(dct), split_sentences(context))
        by_sentence[(context, dct)] = mentions
        elapsed += time.perf_counter() - t0
        gold_spans = []
        for row in group:
            at = context.find(row["text"])
            if at < 0:
                continue
            located += 1
            span = (at, at + len(row["text"]))
            gold_spans.append(span)
            hit = next((m for m in mentions if m.start < span[1] and span[0] < m.end), None)
            if hit is None:
                misses.append(f"{row['text']!r} | {context[:110]}")
                continue
            overlap += 1
            alone = resolve(row["text"], dt.date.fromisoformat(dct), context).value
            alone_ok += _value_ok(alone, row["gold_value"])
            exact += (hit.start, hit.end) == span
            bare = _LEADING_PREP.sub("", hit.text)
            loose += (hit.end - len(bare), hit.end) == span
            if _value_ok(hit.value, row["gold_value"]):
                value_ok += 1
            else:
                wrong.append(
                    f"dct {dct} {hit.text!r} -> {hit.value} (gold {row['gold_value']} "
                    f"for {row['text']!r}) anchor {hit.anchor}"
                )
        for m in mentions:
            if not any(m.start < b and a < m.end for a, b in gold_spans):
                others.append(f"{m.text!r} ({m.type}, {m.value}) | {context[:100]}")

    n = located
    print(f"{len(rows)} gold expressions in {len(by_context)} sentences ({n} located verbatim)")
    print(f"tagger: {1000 * elapsed / len(by_context):.2f} ms per sentence\n")
    print(f"extent recall, exact span              {exact / n:.3f} ({exact}/{n})")
    print(f"extent recall, exact but a preposition {loose / n:.3f} ({loose}/{n})")
    print(f"extent recall, overlapping             {overlap / n:.3f} ({overlap}/{n})")
    print(f"value accuracy on matched mentions     {value_ok / overlap:.3f} ({value_ok}/{overlap})")
    print(
        f"  the resolver alone, given the gold extent, on those lines: {alone_ok / overlap:.3f}"
        f" ({alone_ok}/{overlap})"
    )
    print(f"other mentions in those sentences      {len(others)}")
    _whole_articles(rows, by_sentence, args.articles, args.list)
    for title, items in (("missed", misses), ("wrong value", wrong), ("other", others)):
        print(f"\n== {title}: {len(items)}")
        for line in items[: args.list]:
            print("  ", line)
    return 0


def _whole_articles(
    rows: list[dict[str, Any]],
    by_sentence: dict[tuple[str, str], list[DateMention]],
    path: Path,
    listed: int,
) -> None:
    """Value accuracy where the tagger reads the whole article, against the sentence alone."""
    if not path.is_file():
        print(f"\n(no {path.name}: whole-article figures skipped)")
        return
    articles = {}
    for line in path.read_text().splitlines():
        doc = json.loads(line)
        articles[str(doc["doc_id"])] = doc
    alone = whole = matched = 0
    changed: list[str] = []
    for doc_id, group in _grouped(rows, articles).items():
        doc = articles[doc_id]
        text = "\n".join(s["text"] for s in doc["sentences"])
        dct = dt.date.fromisoformat(group[0]["dct"])
        mentions = tag_dates(text, dct, split_sentences(text))
        for row in group:
            at = text.find(row["context"])
            inner = row["context"].find(row["text"])
            if at < 0 or inner < 0:
                continue
            a, b = at + inner, at + inner + len(row["text"])
            hit = next((m for m in mentions if m.start < b and a < m.end), None)
            if hit is None:
                continue
            matched += 1
            ctx = by_sentence[(row["context"], row["dct"])]
            end = inner + len(row["text"])
            own = next((m for m in ctx if m.start < end and inner < m.end), None)
            ok_alone = own is not None and _value_ok(own.value, row["gold_value"])
            ok_whole = _value_ok(hit.value, row["gold_value"])
            alone += ok_alone
            whole += ok_whole
            if ok_alone != ok_whole:
                mark = "fixed" if ok_whole else "broken"
                changed.append(
                    f"{mark}: {hit.text!r} {own.value if own else None} -> {hit.value} "
                    f"(gold {row['gold_value']}, anchor {hit.anchor}) | {row['context'][:90]}"
                )
    print(
        f"\nwhole articles ({matched} matched lines whose article is in {path.name}):\n"
        f"value accuracy, sentence alone        {alone / matched:.3f} ({alone}/{matched})\n"
        f"value accuracy, whole article         {whole / matched:.3f} ({whole}/{matched})"
    )
    for line in changed[:listed]:
        print("  ", line)


def _grouped(
    rows: list[dict[str, Any]], articles: dict[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["doc_id"] in articles:
            out[row["doc_id"]].append(row)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
