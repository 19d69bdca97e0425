"""Measure ``summarizer.dates.resolve`` on public gold TIMEX3 data, with dateparser as baseline.

Data: ``dates_dev.jsonl`` (MEANTIME English corpus, Wikinews, (c) 2015 FBK, VU University
Amsterdam, UPV/EHU, CC BY 4.0): one expression per line with the publication date
(``dct``), the expression (``text``), its sentence (``context``) and ``gold_value``.

Scoring: exact match of the value. A gold ``XXXX-XX-XX`` (annotated, but no calendar
value) counts as matched by "no value" (value None), the only honest way to say it; the
strict figure, where nothing matches it, is printed too.

    python bench/dates.py [--data PATH] [--examples N] [--no-baseline]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.dates import resolve

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/eval/dates_dev.jsonl"
_KINDS = (
    ("part_of_day", r"\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI)"),
    ("time", r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*"),
    ("day", r"\d{4}-\d{2}-\d{2}"),
    ("weekend", r"\d{4}-W\d{2}-WE"),
    ("week", r"\d{4}-W\d{2}"),
    ("month", r"\d{4}-\d{2}"),
    ("quarter", r"\d{4}-Q[1-4]"),
    ("half", r"\d{4}-H[12]"),
    ("season", r"\d{4}-(?:SP|SU|FA|WI)"),
    ("year", r"\d{4}|FY\d{4}"),
    ("decade", r"\d{3}"),
    ("century", r"\d{2}"),
    ("ref", r"(?:PAST|PRESENT|FUTURE)_REF"),
    ("duration", r"P.*"),
    ("unknown", r".*X.*"),
)
_DAY_LEVEL = {"day", "part_of_day", "time", "week", "weekend"}
_NAMES_YEAR = re.compile(r"\b\d{4}\b|'\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
Predict = Callable[[dict[str, Any]], tuple[str | None, str | None]]


def kind(value: str | None) -> str:
    """Granularity of a TIMEX3 value, read from its shape."""
    if value is None:
        return "none"
    for name, pattern in _KINDS:
        if re.fullmatch(pattern, value):
            return name
    return "other"


def matches(pred: str | None, gold: str, strict: bool = False) -> bool:
    if gold == "XXXX-XX-XX":
        return pred is None and not strict
    return pred == gold


def ours(row: dict[str, Any]) -> tuple[str | None, str | None]:
    res = resolve(row["text"], dt.date.fromisoformat(row["dct"]), row.get("context", ""))
    return res.value, res.reason


def dateparser_alone(row: dict[str, Any]) -> tuple[str | None, str | None]:
    """dateparser with RELATIVE_BASE = dct, formatted at the period it reports."""
    from dateparser.date import DateDataParser

    d = dt.date.fromisoformat(row["dct"])
    base = dt.datetime(d.year, d.month, d.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base}).get_date_data(
            row["text"]
        )
    if data.date_obj is None:
        return None, "unparsed"
    o = data.date_obj
    if data.period == "year":
        return f"{o.year:04d}", None
    if data.period == "month":
        return f"{o.year:04d}-{o.month:02d}", None
    if data.period == "week":
        iso = o.date().isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}", None
    if data.period == "time":
        return o.strftime("%Y-%m-%dT%H:%M"), None
    return o.date().isoformat(), None


def score(rows: list[dict[str, Any]], preds: list[str | None]) -> dict[str, Any]:
    ok = [matches(p, r["gold_value"]) for r, p in zip(rows, preds, strict=True)]
    strict = [matches(p, r["gold_value"], True) for r, p in zip(rows, preds, strict=True)]
    noyear = [
        o
        for r, o in zip(rows, ok, strict=True)
        if kind(r["gold_value"]) in _DAY_LEVEL and not _NAMES_YEAR.search(r["text"])
    ]
    per: dict[str, list[bool]] = defaultdict(list)
    for r, o in zip(rows, ok, strict=True):
        per[kind(r["gold_value"])].append(o)
    return {
        "overall": (sum(ok), len(ok)),
        "strict": (sum(strict), len(strict)),
        "noyear": (sum(noyear), len(noyear)),
        "per": {k: (sum(v), len(v)) for k, v in sorted(per.items())},
    }


def fmt(pair: tuple[int, int]) -> str:
    n, total = pair
    return f"{n / total:.3f} ({n}/{total})" if total else "n/a"


def error_kind(pred: str | None, reason: str | None, gold: str) -> str:
    if pred is None:
        return f"no value ({reason}) where gold has a {kind(gold)}"
    if gold == "XXXX-XX-XX":
        return "value given where gold has none (XXXX-XX-XX)"
    if kind(pred) != kind(gold):
        return f"granularity: {kind(pred)} instead of {kind(gold)}"
    return f"same granularity ({kind(gold)}), different value"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--examples", type=int, default=8, help="mismatches shown per error kind")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(
            f"gold data not found: {args.data}\n(pass --data PATH to dates_dev.jsonl)",
            file=sys.stderr,
        )
        return 2
    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]

    t0 = time.perf_counter()
    outs = [ours(r) for r in rows]
    per_call_ms = (time.perf_counter() - t0) * 1000 / len(rows)
    systems: list[tuple[str, list[tuple[str | None, str | None]]]] = [("resolver", outs)]
    if not args.no_baseline:
        systems.append(("dateparser alone", [dateparser_alone(r) for r in rows]))

    print(f"{len(rows)} expressions from {args.data.name}; resolver {per_call_ms:.3f} ms/call\n")
    for name, res in systems:
        s = score(rows, [v for v, _ in res])
        print(f"== {name}")
        print(f"  exact match overall        {fmt(s['overall'])}")
        print(f"  strict (XXXX never matched) {fmt(s['strict'])}")
        print(f"  day-level, no year in text {fmt(s['noyear'])}  (day/week/weekend/time gold)")
        for k, pair in s["per"].items():
            print(f"    {k:<12} {fmt(pair)}")
        print()

    groups: dict[str, list[str]] = defaultdict(list)
    for r, (pred, reason) in zip(rows, outs, strict=True):
        if not matches(pred, r["gold_value"]):
            d = dt.date.fromisoformat(r["dct"])
            groups[error_kind(pred, reason, r["gold_value"])].append(
                f"dct {r['dct']} {d:%a}  {r['text']!r} -> {pred} (gold {r['gold_value']})"
                f"\n        | {r.get('context', '')[:140]}"
            )
    counts = Counter({k: len(v) for k, v in groups.items()})
    print(f"== remaining mismatches of the resolver: {sum(counts.values())}")
    for k, n in counts.most_common():
        print(f"-- {k}: {n}")
        for line in groups[k][: args.examples]:
            print(f"   {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
