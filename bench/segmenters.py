"""Measure sentence segmenters on news text: boundary precision/recall and speed.

Gold: ``semeval15_timelines.jsonl`` (SemEval-2015 Task 4, Wikinews, (c) 2015 FBK, VUA, EHU,
CC BY 3.0), articles already split into PTB-tokenised sentences. Each sentence is
detokenised (no space before ``. , ; : ? ! ) % 's n't``, none after ``( $ US$``; ````...''``
become straight quotes, as in Wikinews) and the body sentences are joined with one space into
one paragraph. Sentences 0 and 1 (headline and date line) are left out: they are lines of
their own, which the index splits on before any segmenter runs. A boundary is the offset
where a sentence starts; precision and recall are micro-averaged over all boundaries.

The gold splits inside quotations (``"A. B," he said`` is two sentences there); the index
keeps a quotation with its attribution, so recall is also printed over the gold boundaries
that lie outside quotation marks.

Speed: ``timeset.jsonl`` articles (Wikinews, TimeSET, CC BY 4.0) in reading order, cut into
disjoint 15,000-character texts of whole paragraphs; each segmenter gets each text once (one
call on the whole text, newlines kept; the index splits lines itself). The first call, which
loads models, is shown apart; the figure is the median of the rest.

The other candidates are not dependencies: ``pip install pysbd syntok sentencex`` to compare
(missing ones are skipped).

    python bench/segmenters.py [--examples N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.index.sentences import split_sentences

EVAL = Path(__file__).resolve().parents[1].parent / "shared/eval"
# Returns the offsets where sentences start (the first one included or not).
Segment = Callable[[str], list[int]]

_NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "n't", "'re", "'ve"}
_NO_SPACE_BEFORE |= {"'ll", "'d", "'m", "'S", "...", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "CA$", "AU$", "#", "`"}


def detokenise(sentence: str, quote_open: bool) -> tuple[str, bool, list[bool]]:
    """One PTB-tokenised sentence as raw text; tracks whether a quotation is open.

    Returns the text, the quotation state after it, and the state at its start (one item).
    """
    out = ""
    glue = False  # the next token attaches to the previous one
    start_state = [quote_open]
    for token in sentence.split():
        if token == "``":
            out += ("" if not out or glue else " ") + '"'
            glue, quote_open = True, True
            continue
        if token == "''":
            out += '"'
            quote_open = False
            continue
        if token == "." and out.endswith("."):
            continue  # "U.S. ." at the end of a sentence
        if token == "#":
            token = "£"
        space = bool(out) and not glue and token not in _NO_SPACE_BEFORE
        out += (" " if space else "") + token
        glue = token in _NO_SPACE_AFTER or token == "£"
    return out, quote_open, start_state


def gold_articles() -> list[tuple[str, list[int], list[bool]]]:
    """(body text, gold sentence starts after the first, inside a quotation or not)."""
    articles = []
    for line in (EVAL / "semeval15_timelines.jsonl").read_text(encoding="utf-8").splitlines():
        sentences = [s["text"] for s in json.loads(line)["sentences"]][2:]
        body, starts, quoted, state = "", [], [], False
        for sentence in sentences:
            text, after, (before,) = detokenise(sentence, state)
            if body:
                body += " "
                starts.append(len(body))
                quoted.append(before)
            body += text
            state = after
        if starts:
            articles.append((body, starts, quoted))
    return articles


def starts_of(text: str, pieces: list[str]) -> list[int]:
    """Start offsets of segment strings, found in order (for libraries that return text)."""
    starts, cursor = [], 0
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        at = text.find(stripped, cursor)
        if at < 0:
            continue
        starts.append(at)
        cursor = at + len(stripped)
    return starts


def candidates() -> dict[str, Segment]:
    """Every segmenter that is installed, by name."""
    found: dict[str, Segment] = {}
    try:
        import pysbd  # type: ignore[import-untyped]

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pysbd 0.3"] = lambda text: starts_of(text, seg.segment(text))
    except ImportError:
        pass
    try:
        from syntok import segmenter  # type: ignore[import-untyped]

        found["syntok 1.4"] = lambda text: [
            s[0].offset for p in segmenter.analyze(text) for s in p if s
        ]
    except ImportError:
        pass
    try:
        import nupunkt

        found["nupunkt 0.8"] = lambda text: [a for a, _ in nupunkt.sent_spans(text)]
    except ImportError:
        pass
    import sentencex  # type: ignore[import-untyped]

    found["sentencex 1.0"] = lambda text: [
        b["start_index"] for b in sentencex.get_sentence_boundaries("en", text)
    ]
    found["index (nupunkt + repairs)"] = lambda text: [s.start for s in split_sentences(text)]
    return found


def score(segment: Segment, articles: list[tuple[str, list[int], list[bool]]]) -> dict[str, Any]:
    """Micro precision/recall of boundaries; recall outside quotations; the misses."""
    hit = predicted = gold = hit_out = gold_out = 0
    misses: list[str] = []
    spurious: list[str] = []
    for body, starts, quoted in articles:
        first = len(body) - len(body.lstrip())
        # Some libraries start a sentence at the space before it: count where its text starts.
        pred = {len(body) - len(body[s:].lstrip()) for s in segment(body)} - {first}
        wanted = set(starts)
        hit += len(pred & wanted)
        predicted += len(pred)
        gold += len(wanted)
        for start, inside in zip(starts, quoted, strict=True):
            if not inside:
                gold_out += 1
                hit_out += start in pred
                if start not in pred:
                    misses.append(body[max(0, start - 50) : start + 30])
        spurious += [body[max(0, s - 50) : s + 30] for s in sorted(pred - wanted)]
    return {
        "precision": hit / predicted if predicted else 0.0,
        "recall": hit / gold if gold else 0.0,
        "recall_outside_quotes": hit_out / gold_out if gold_out else 0.0,
        "gold": gold,
        "misses": misses,
        "spurious": spurious,
    }


def articles_15k() -> list[str]:
    """Disjoint 15,000-character news texts (whole paragraphs), so that no call is answered
    from a library's cache of an earlier one."""
    rows = (EVAL / "timeset.jsonl").read_text(encoding="utf-8").splitlines()
    paragraphs = [p for row in rows for p in json.loads(row)["text"].splitlines() if p.strip()]
    texts, text = [], ""
    for paragraph in paragraphs:
        text += paragraph + "\n"
        if len(text) >= 15_000:
            texts.append(text[:15_000])
            text = ""
    return texts


def speed(segment: Segment, texts: list[str]) -> tuple[float, float]:
    """Milliseconds for the first call (loading included) and the median of the others."""
    times = []
    for text in texts:
        t0 = time.perf_counter()
        segment(text)
        times.append((time.perf_counter() - t0) * 1000)
    return times[0], statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=0, help="misses/spurious to print")
    args = parser.parse_args()
    articles = gold_articles()
    texts = articles_15k()
    n_gold = sum(len(s) for _, s, _ in articles)
    n_out = sum(not q for _, _, qs in articles for q in qs)
    print(f"gold: {len(articles)} articles, {n_gold} boundaries ({n_out} outside quotations)")
    print(f"speed: {len(texts)} different {len(texts[0]):,}-character texts, each once\n")
    print(
        f"{'segmenter':<28} {'P':>6} {'R':>6} {'R out-q':>8} {'F1':>6} {'ms/15k':>7} {'first':>7}"
    )
    for name, segment in candidates().items():
        first, ms = speed(segment, texts)
        s = score(segment, articles)
        p, r = s["precision"], s["recall"]
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        r_out = s["recall_outside_quotes"]
        print(f"{name:<28} {p:6.3f} {r:6.3f} {r_out:8.3f} {f1:6.3f} {ms:7.2f} {first:7.1f}")
        for kind in ("misses", "spurious"):
            for example in s[kind][: args.examples]:
                print(f"    {kind[:4]}: …{example!r}…")


if __name__ == "__main__":
    main()
