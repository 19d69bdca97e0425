"""The English news articles that Wikinews stories cite, as a fresh speaker development set.

WikinewsSum (github.com/airKlizz/WikinewsSum, MIT) lists, for 100 Wikinews stories of
2004-2005, the source articles they cite with the text scraped from each (BBC, Reuters, The
Japan Times, IPS, trade press, ...). These are the kind of reports Wikinews writers rewrite,
from outlets no earlier development set used. Their text is the publishers' and is not copied
into this repository: the bench reads it from a local copy of the dataset, e.g.

    fetch github:airKlizz/WikinewsSum
    git -C <mirror> show 1d985031625909c908766812e8a18d0c88116ec8:cleaned_endataset.json \
        > /tmp/wns/cleaned.json

The selection rule, fixed before any annotation: English sources, each distinct text once,
1,500 to 10,000 characters with six or more quotation marks, ordered by the SHA-1 of their
URL; the first ``count``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.article import Article, load_article

# No publication date is kept with a source; the stories are of November and December 2004,
# and no figure measured on this set depends on dates.
PUBLISHED = "2004-12-01"
ANNOTATION = Path(__file__).resolve().parents[1] / "tests" / "data" / "speaker_wns.json"
_MARKS = re.compile(r'["“”]')


@dataclass(frozen=True)
class Source:
    """One cited article: a stable name, its URL and its scraped text."""

    name: str
    url: str
    title: str
    text: str


def load(path: Path, count: int = 32) -> list[Source]:
    """The first ``count`` sources of the selection rule above."""
    seen: set[str] = set()
    found: list[tuple[str, str, str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        for source in json.loads(line)["sources"]:
            text = source["maintext"]
            if source["language"] != "en" or text in seen:
                continue
            seen.add(text)
            if len(_MARKS.findall(text)) >= 6 and 1500 <= len(text) <= 10000:
                key = hashlib.sha1(source["url"].encode()).hexdigest()
                found.append((key, source["url"], source.get("title") or "", text))
    found.sort()
    return [Source(f"wns-{key[:8]}", url, title, text) for key, url, title, text in found[:count]]


def article(source: Source, sha1: str | None = None) -> Article:
    """The article as ``load_article`` reads it, whose text the annotation's offsets index;
    ``sha1``: the annotated text's digest, checked so that offsets never index another text."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{source.name}.txt"
        path.write_text(source.text, encoding="utf-8")
        loaded = load_article(path)
    if sha1 is not None and hashlib.sha1(loaded.text.encode()).hexdigest() != sha1:
        raise SystemExit(f"{source.name}: the data's text is not the one annotated")
    return loaded.model_copy(update={"published": dt.date.fromisoformat(PUBLISHED)})


def annotated(data: Path) -> list[tuple[dict[str, Any], Article]]:
    """Each article of ``ANNOTATION`` with the article its offsets index, read from ``data``."""
    sources = {s.name: s for s in load(data)}
    return [
        (gold, article(sources[gold["name"]], gold["sha1"]))
        for gold in json.loads(ANNOTATION.read_text(encoding="utf-8"))["articles"]
    ]
