"""The cited-reports speaker set: its selection rule, the digest that keeps offsets on the
annotated text, and the annotation's own consistency (``bench/wns_articles.py``,
``tests/data/speaker_wns.json``). The reports' texts are not in the repository, so these
tests build a small dataset of their own."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import DATA, load_bench

_QUOTED = 'He said "we will go" and "we will win" and "we stay" now. ' * 30  # 6 marks, >1,500


def _row(*sources: tuple[str, str, str]) -> str:
    return json.dumps(
        {
            "title": "t",
            "text": "",
            "categories": [],
            "sources": [
                {"language": lang, "maintext": text, "title": "", "url": url, "archive_url": ""}
                for lang, text, url in sources
            ],
        }
    )


def test_the_selection_keeps_english_distinct_quoted_sources_in_url_digest_order(
    tmp_path: Path,
) -> None:
    wns = load_bench("wns_articles")
    data = tmp_path / "data.json"
    rows = [
        _row(("en", _QUOTED, "http://a"), ("pt", _QUOTED + " x", "http://pt")),
        _row(("en", _QUOTED, "http://copy"), ("en", "too short " * 10, "http://short")),
        _row(
            ("en", _QUOTED.replace('"', ""), "http://unquoted"), ("en", _QUOTED + "b", "http://b")
        ),
    ]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    chosen = wns.load(data)
    # The Portuguese, the copy, the short and the unquoted source are left out.
    assert sorted(s.url for s in chosen) == ["http://a", "http://b"]
    digests = [hashlib.sha1(s.url.encode()).hexdigest() for s in chosen]
    assert digests == sorted(digests)
    assert [s.name for s in chosen] == [f"wns-{d[:8]}" for d in digests]
    assert len(wns.load(data, count=1)) == 1


def test_an_article_whose_text_is_not_the_annotated_one_is_refused(tmp_path: Path) -> None:
    wns = load_bench("wns_articles")
    source = wns.Source("wns-x", "http://a", "", _QUOTED)
    text = wns.article(source).text
    assert wns.article(source, hashlib.sha1(text.encode()).hexdigest()).text == text
    with pytest.raises(SystemExit, match="not the one annotated"):
        wns.article(source, "0" * 40)


def test_the_annotation_names_every_speaker_and_source_among_its_holders() -> None:
    doc = json.loads((DATA / "speaker_wns.json").read_text(encoding="utf-8"))
    assert len(doc["articles"]) == 32
    for article in doc["articles"]:
        holders = {h["name"] for h in article["holders"]}
        assert {q["speaker"] for q in article["quotes"]} - {None} <= holders, article["name"]
        assert {st["source"] for st in article["statements"]} <= holders, article["name"]
        # Only offsets and short pieces of the publishers' words are kept.
        assert all(set(st) == {"source", "start", "end"} for st in article["statements"])
        assert all(len(q["quote"]) <= 80 for q in article["quotes"])
