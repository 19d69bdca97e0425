"""Rule-only speaker figures on a third party's annotation: PolNeAR, 1,008 US political news
articles of 2015–16 whose attributions (source, cue, content spans) Newell, Margolin and
Ruths annotated (LREC 2018).

Our own development sets were annotated for this project and the rules were written from
their misses, so they flatter the rules. PolNeAR was written by others, for another purpose,
over other publishers (NYT, Washington Post, Politico, Breitbart, …): a fairer check of the
cues on news the rules have not seen. Its texts are not ours to copy, so nothing of it enters
this repository; point ``--data`` at a checkout (``git clone
https://github.com/networkdynamics/PolNeAR``, its ``data`` folder). Work from ``train``,
check on ``dev``; ``test`` is for a final figure only.

For each quotation the index finds, the gold attribution is the one whose content holds most
of it (at least half). Its source is **named** when it holds a capitalised word that is not
a pronoun or determiner ("Mr. Trump", "the Clinton campaign"): the cue is right when a word of
its actor's name or mentions is one of those words. Otherwise (**unnamed**: "he", "the
spokesman", "officials") PolNeAR does not say whom the words name, so only the place is
checked: the cue is right when the words it read overlap the source span (the rule looked at
the right words; whether "he" was resolved to the right person is not scored).

The New York Times texts of PolNeAR write quotation marks as two apostrophes (''…''); they
are read as curly quotation marks (one character for two, the gold offsets moved to match).

    python bench/polnear_speakers.py --data PATH/PolNeAR/data [--split train|dev|test]
                                     [--misses] [--limit N]
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.index import ArticleIndex, index_article  # noqa: E402
from summarizer.index.lexicon import SPEECH_VERBS  # noqa: E402

_NOT_NAMES = frozenset(
    """I He She It We They You His Her Its Our Their My Your The A An This That These Those
    Some Many Most Other Others Another One Two Both All Each Several""".split()  # noqa: SIM905
)
_CAPITAL = re.compile(r"\b[A-Z][\w'’.-]*[A-Za-z]")


@dataclass
class Gold:
    """One PolNeAR attribution: character ranges of its content and source."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    source_text: str
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Tally:
    quotations: int = 0  # found by the index
    attributed: int = 0  # ... inside a gold attribution's content
    named: int = 0
    named_cued: int = 0
    named_right: int = 0
    unnamed: int = 0
    unnamed_cued: int = 0
    unnamed_right: int = 0
    stray_cued: int = 0  # a cue on a quotation no gold attribution holds
    rules: Counter[str] = field(default_factory=Counter)  # wrong cues on named, by rule
    misses: list[str] = field(default_factory=list)
    # Reported speech: gold attributions with a named source, a cue opening on a verb of
    # saying ("said", "told", "warned": ``lexicon.SPEECH_VERBS``) and no quotation mark in
    # their content; and the index's cues on sentences (``S7``).
    statements: int = 0
    statements_covered: int = 0  # ... the sentence holding its cue has a cue naming the source
    sentences_cued: int = 0
    sentences_held: int = 0  # ... holding a gold attribution's cue
    sentences_right: int = 0  # ... naming one of those attributions' sources


def read_gold(ann: str, moved: Callable[[int], int] = lambda o: o) -> list[Gold]:
    """The attributions of one BRAT standoff file; ``moved`` maps its offsets to the text's."""
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            ranges = parts[1].split(" ", 1)[1]
            spans[parts[0]] = (
                [(moved(int(a)), moved(int(b))) for a, b in (r.split() for r in ranges.split(";"))],
                parts[2],
            )
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        source = spans.get(event.get("Source", ""))
        cue = spans.get(event.get("Cue", ""))
        if content is None:
            continue
        out.append(
            Gold(
                content[0],
                source[0] if source else [],
                source[1] if source else "",
                cue[0] if cue else [],
            )
        )
    return out


def straighten(text: str) -> tuple[str, Callable[[int], int]]:
    """The NYT texts' ''…'' as “…”, and where an offset of the original falls in the result."""
    cut: list[int] = []  # offsets of the original whose character was dropped

    def mark(m: re.Match[str]) -> str:
        cut.append(m.start() + 1)
        before = text[m.start() - 1] if m.start() else " "
        return "“" if before.isspace() or before in "([—-" else "”"

    out = re.sub(r"''", mark, text)
    return out, lambda offset: offset - bisect.bisect_right(cut, offset - 1)


def _overlap(a: tuple[int, int], ranges: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in ranges)


def _names(text: str) -> set[str]:
    """The capitalised words of ``text`` that may be a name's, possessives and stops off."""
    words = {w.rstrip(".").removesuffix("’s").removesuffix("'s") for w in _CAPITAL.findall(text)}
    return words - _NOT_NAMES


def _actor_words(index: ArticleIndex, actor: str | None, name: str) -> set[str]:
    words = _names(name)
    for a in index.actors:
        if a.id == actor:
            words |= _names(a.name)
            for m in a.mentions:
                if m.kind != "title":
                    words |= _names(m.text)
    return words


def _around(text: str, start: int, end: int) -> str:
    """The quotation in its sentence-sized context, shortened in the middle."""
    inner = text[start:end]
    if len(inner) > 60:
        inner = inner[:28] + " … " + inner[-28:]
    return text[max(0, start - 110) : start] + inner + text[end : end + 70]


def score(label: str, text: str, gold: list[Gold], tally: Tally) -> None:
    index = index_article(text)
    score_sentences(text, gold, tally, index)
    cues = {c.target: c for c in index.speakers}
    for q in index.quotations:
        tally.quotations += 1
        inner = (q.start + 1, max(q.start + 1, q.end - 1))
        best = max(gold, key=lambda g: _overlap(inner, g.content), default=None)
        cue = cues.get(f"Q{q.number}")
        if best is None or 2 * _overlap(inner, best.content) < inner[1] - inner[0]:
            tally.stray_cued += cue is not None
            continue
        tally.attributed += 1
        named = _names(best.source_text)
        if named:
            tally.named += 1
            tally.named_cued += cue is not None
            right = cue is not None and bool(_actor_words(index, cue.actor, cue.name) & named)
            tally.named_right += right
            if cue is not None and not right:
                tally.rules[cue.rule] += 1
        else:
            tally.unnamed += 1
            tally.unnamed_cued += cue is not None
            right = cue is not None and any(
                _overlap((cue.start, cue.end), [r]) for r in best.source
            )
            tally.unnamed_right += right
        if not right:
            got = f"cue {cue.name} ({cue.rule})" if cue else "no cue"
            kind = "named" if named else "unnamed"
            tally.misses.append(
                f"{label} Q{q.number}: gold {best.source_text!r} [{kind}], {got}: "
                f"{_around(text, q.start, q.end)!r}"
            )


def score_sentences(text: str, gold: list[Gold], tally: Tally, index: ArticleIndex) -> None:
    """Reported speech: whether the sentence that holds a gold attribution's cue has a cue of
    the index naming its source (its own, or one of its quotations'), and how often a
    sentence cue names a gold source."""
    by_target = {c.target: c for c in index.speakers}
    cues = {c.target: c for c in index.speakers if c.target.startswith("S")}
    # A sentence with a quotation speaks through the quotation's cue (its view unit).
    quoted_cues = {
        s.id: [
            c
            for q in index.quotations
            if s.start <= q.start < s.end
            if (c := by_target.get(f"Q{q.number}")) is not None
        ]
        for s in index.sentences
    }

    def held(g: Gold, start: int, end: int) -> bool:
        return bool(g.cue) and start <= g.cue[0][0] < end

    def names(g: Gold, cue_actor: str | None, cue_name: str, at: tuple[int, int]) -> bool:
        named = _names(g.source_text)
        if named:
            return bool(_actor_words(index, cue_actor, cue_name) & named)
        return any(_overlap(at, [r]) for r in g.source)

    for sentence in index.sentences:
        inside = [g for g in gold if held(g, sentence.start, sentence.end)]
        cue = cues.get(sentence.id)
        for g in inside:
            quoted = any(ch in text[a:b] for a, b in g.content for ch in '“”"')
            verb = text[g.cue[0][0] : g.cue[0][1]].split()[:1]
            spoken = bool(verb) and verb[0].lower() in SPEECH_VERBS
            if _names(g.source_text) and not quoted and spoken:
                tally.statements += 1
                covered = any(
                    names(g, c.actor, c.name, (c.start, c.end))
                    for c in [*([cue] if cue else []), *quoted_cues[sentence.id]]
                )
                tally.statements_covered += covered
                if not covered:
                    got = f"cue {cue.name} ({cue.rule})" if cue else "no cue"
                    tally.misses.append(
                        f"{sentence.id}: gold {g.source_text!r}, {got}: {sentence.text[:200]!r}"
                    )
        if cue is not None:
            tally.sentences_cued += 1
            tally.sentences_held += bool(inside)
            tally.sentences_right += any(
                names(g, cue.actor, cue.name, (cue.start, cue.end)) for g in inside
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR's data folder")
    ap.add_argument("--split", choices=("train", "dev", "test"), default="train")
    ap.add_argument("--misses", action="store_true", help="list every quotation not right")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    args = ap.parse_args(argv)
    folder = args.data / args.split
    if not (folder / "text").is_dir():
        print(f"no PolNeAR {args.split} texts under {args.data}", file=sys.stderr)
        return 2
    tally = Tally()
    texts = sorted((folder / "text").glob("*.txt"))[: args.limit]
    for path in texts:
        # Doubly annotated articles have one file per annotator: the first by name is read.
        anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        text, moved = straighten(path.read_text(encoding="utf-8"))
        score(path.stem, text, read_gold(anns[0].read_text(encoding="utf-8"), moved), tally)
    t = tally
    print(f"PolNeAR {args.split}: {len(texts)} articles, {t.quotations} quotations found")
    print(f"  inside a gold attribution: {t.attributed}; cued where none: {t.stray_cued}")
    for kind, n, cued, right in (
        ("named source", t.named, t.named_cued, t.named_right),
        ("unnamed source (place only)", t.unnamed, t.unnamed_cued, t.unnamed_right),
    ):
        print(
            f"  {kind}: {n}, cued {cued} = {cued / max(n, 1):.2f}, "
            f"right {right} = {right / max(n, 1):.2f}, precision {right / max(cued, 1):.2f}"
        )
    print(f"  wrong cues on named sources, by rule: {dict(t.rules.most_common())}")
    print(
        f"reported speech (a verb of saying) with a named source: {t.statements}, "
        f"a cue of its sentence names it "
        f"{t.statements_covered} = {t.statements_covered / max(t.statements, 1):.2f}"
    )
    print(
        f"  sentence cues: {t.sentences_cued}, on a gold attribution's sentence "
        f"{t.sentences_held}, naming its source {t.sentences_right} "
        f"= {t.sentences_right / max(t.sentences_held, 1):.2f}"
    )
    if args.misses:
        print("\n".join(t.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
