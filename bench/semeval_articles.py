"""SemEval-2015 Task 4 articles as the batch input a user would write, and the way back.

The gold is given as tokenised sentences ("Boeing 's $ 40 billion ( GB # 20.1 billion )"). An
article is rebuilt as a reader would see it (title, then the body; the dateline sentence is the
publication date), and every sentence's character range is kept, so that a system event, which
carries offsets into that text, maps back to the gold's ``doc-sentence-token`` identifiers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "semeval15_timelines.jsonl"

_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'')")
_NO_SPACE_AFTER = re.compile(r"(?:(?<=[(\[$])|(?<=``)) ")


def detokenise(tokens: str) -> str:
    """'Boeing 's deal ( US$ 40 billion ) .' -> "Boeing's deal (US$ 40 billion)." """
    text = _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", tokens))
    return text.replace("``", '"').replace("''", '"')


@dataclass(frozen=True)
class Doc:
    """One gold article: the rebuilt text and where each gold sentence sits in it."""

    doc_id: str
    corpus: str
    published: str
    title: str
    text: str
    sentences: dict[int, tuple[int, int]]  # gold sentence id -> (start, end) in text
    gold: list[dict[str, Any]]

    def sentence_at(self, offset: int) -> int | None:
        for sid, (start, end) in self.sentences.items():
            if start <= offset < end:
                return sid
        return None


def _iso(dct: str, dateline: str) -> str:
    """The publication date as YYYY-MM-DD. One gold file writes "03-02-2009" for the dateline
    "February 03, 2009": day first, as the dateline shows."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct):
        return dct
    day, month, year = dct.split("-")
    return f"{year}-{month}-{day}"


def load(path: Path = GOLD, corpora: tuple[str, ...] = ()) -> list[Doc]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if corpora and row["corpus"] not in corpora:
            continue
        sentences = {s["id"]: detokenise(s["text"]) for s in row["sentences"]}
        title = sentences.get(0, row["title"])
        spans: dict[int, tuple[int, int]] = {}
        parts: list[str] = []
        at = 0
        for sid in sorted(sentences):
            if sid == 1:  # the dateline ("March 01, 2008") is the publication date
                continue
            if parts:
                sep = "\n\n" if sid == 2 else " "
                parts.append(sep)
                at += len(sep)
            spans[sid] = (at, at + len(sentences[sid]))
            parts.append(sentences[sid])
            at += len(sentences[sid])
        docs.append(
            Doc(
                doc_id=row["doc_id"],
                corpus=row["corpus"],
                published=_iso(row["dct"], sentences.get(1, "")),
                title=title,
                text="".join(parts),
                sentences=spans,
                gold=row["gold_timeline_events"],
            )
        )
    return docs


def batch_input(docs: list[Doc], dest: Path) -> None:
    """The JSONL a user would give ``summarizer batch``: id, title, published, text."""
    with dest.open("w", encoding="utf-8") as f:
        for d in docs:
            row = {"id": d.doc_id, "title": d.title, "published": d.published, "text": d.text}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
