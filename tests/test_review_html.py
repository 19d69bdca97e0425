"""The HTML pages as files: self-contained, escaped, every span highlighted exactly once."""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer import cli
from summarizer.review.highlight import Mark, highlight
from summarizer.review.html import article_page
from summarizer.schema import ArticleSummary
from tests.review_data import (
    as_data,
    error_record,
    ok_record,
    payload_summary,
    review_of,
    seed_summary,
    write_json,
    write_jsonl,
)


@pytest.fixture(scope="module")
def seed() -> ArticleSummary:
    return seed_summary()


def page_of(summary: ArticleSummary) -> str:
    return article_page(review_of(summary))


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_is_self_contained_with_a_strict_policy(seed: ArticleSummary) -> None:
    html = page_of(seed)
    tags = Tags(html).tags
    assert [t for t, _ in tags].count("script") == 1
    assert all("src" not in a for t, a in tags if t in ("script", "img", "link", "iframe"))
    assert not [t for t, _ in tags if t in ("link", "img", "iframe", "object", "embed")]
    hrefs = [a["href"] or "" for t, a in tags if t == "a"]
    assert hrefs and all(h.startswith("#s-") for h in hrefs)
    csp = next(a["content"] for t, a in tags if a.get("http-equiv") == "Content-Security-Policy")
    assert csp and csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe-inline" not in csp
    assert not re.search(r"https?://", html)


def test_no_injected_markup_reaches_the_page() -> None:
    summary = payload_summary()
    html = page_of(summary)
    tags = Tags(html).tags
    assert not [t for t, _ in tags if t in ("img", "svg", "b", "textarea")]
    assert [t for t, _ in tags].count("script") == 1
    assert [t for t, _ in tags].count("title") == 1
    assert not [a for _, a in tags for name in a if name.startswith("on")]
    # The payloads are on the page as text: the article's (highlights may cut a payload into
    # pieces, so their markup is taken out first) and every string the model wrote.
    text = re.sub(r'<mark [^>]*>|</mark>|<span class="anchor" id="[^"]*"></span>', "", html)
    assert "&lt;script&gt;window.__pwned = &quot;script&quot;;&lt;/script&gt;" in text
    assert escape(summary.article.text) in text
    s = summary.summary
    assert s.headline is not None
    model = [s.headline, s.abstract, *(k.text for k in s.key_points)]
    model += [ev.event for ev in summary.timeline]
    model += [x for p in summary.positions for x in (p.topic, p.stance)]
    assert all(escape(x) in html for x in model)


def test_every_span_is_highlighted_with_its_own_text(seed: ArticleSummary) -> None:
    html = page_of(seed)
    pieces: dict[str, list[str]] = {}
    for keys, text in re.findall(r'<mark class="[^"]*" data-s="([^"]*)"[^>]*>(.*?)</mark>', html):
        for key in keys.split():
            pieces.setdefault(key, []).append(text)
    expected = {f"q{q.number}": q.text for q in seed.quotes}
    for i, p in enumerate(seed.positions):
        expected |= {f"p{i}e{j}": e.text for j, e in enumerate(p.evidence)}
    for i, ev in enumerate(seed.timeline):
        if ev.excerpt:
            expected[f"t{i}x"] = ev.excerpt.text
        if ev.date:
            expected[f"t{i}d"] = ev.date.text
    assert len(expected) == 56  # seed_draft: 13 quotes, 26 evidence, 9 excerpts, 8 dates
    assert {k: unescape("".join(v)) for k, v in pieces.items()} == expected
    for key in expected:
        assert html.count(f'id="s-{key}"') == 1


def test_overlapping_spans_are_cut_into_flat_pieces() -> None:
    marks = [
        Mark("a", "quote", 0, 10, "A"),
        Mark("b", "evidence", 5, 15, "B <b>"),
        Mark("c", "date", 20, 99, "out of range"),
    ]
    html = highlight("0123456789abcdefghij", marks)
    assert html == (
        '<span class="anchor" id="s-a"></span>'
        '<mark class="k-quote" data-s="a" title="A">01234</mark>'
        '<span class="anchor" id="s-b"></span>'
        '<mark class="k-evidence k-quote" data-s="a b" title="A\nB &lt;b&gt;">56789</mark>'
        '<mark class="k-evidence" data-s="b" title="B &lt;b&gt;">abcde</mark>fghij'
    )


def test_panel_groups_positions_and_orders_the_timeline(seed: ArticleSummary) -> None:
    # A second position of Trump's, last in the file: it joins his first under one heading.
    summary = seed.model_copy(deep=True)
    summary.positions.append(seed.positions[0].model_copy(update={"topic": "a second topic"}))
    last = len(summary.positions) - 1
    html = page_of(summary)
    holders = [h.strip() for h in re.findall(r'<div class="holder"><h3>([^<]*)', html)]
    assert holders == [
        # "the Kremlin revealed" (Q5) is Russia's first position: Russia comes third
        "Donald Trump", "Dmitry Peskov", "Russia", "Steve Witkoff", "Marco Rubio",
        "Mike Waltz", "Volodymyr Zelensky", "Alexander Grushko", "Vladimir Putin",
        "Ukraine", "Kaja Kallas", "Keir Starmer", "Britain", "France",
    ]  # fmt: skip
    trump = html.split('<div class="holder">')[1]
    assert 'id="position-0"' in trump and f'id="position-{last}"' in trump
    when = re.findall(r'<td class="when[^"]*">([^<]*)</td><td class="written">([^<]*)</td>', html)
    assert when == [
        ("2014 (year)", "“in 2014”"),
        ("2022 (year)", "“in 2022”"),
        ("2025-W11 (week)", "“the previous week”"),
        ("2025-03-14 (day)", "“On Friday”"),
        ("2025-03-14 (day)", "“on Friday”"),
        ("2025-03-15 (day)", "“on Saturday”"),
        ("2025-03-16 (day)", "“on Sunday”"),
        ("2025-03-18 (day)", "“on Tuesday”"),
        ("no date", "—"),
    ]
    n = len(seed.warnings)
    assert f'<section class="warnings" id="warnings" role="alert"><h2>⚠ {n} warnings</h2>' in html


def test_batch_writes_an_index_and_a_page_per_valid_summary(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ok_record("tampered", seed)
    bad["summary"]["schema_version"] = "0.1"
    results = write_jsonl(
        tmp_path / "r.jsonl",
        [ok_record("a/b c", seed), error_record("failed"), bad],
    )
    out = tmp_path / "review"
    assert cli.main(["review", str(results), "--html", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == [
        "articles/0001-a-b-c.html",
        "index.html",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="articles/0001-a-b-c.html">a/b c</a>' in index
    assert 'data-status="error"' in index and "InvalidOutputError" in index
    assert 'data-status="invalid"' in index and "schema version &#x27;0.1&#x27;" in index
    page = (out / "articles" / "0001-a-b-c.html").read_text(encoding="utf-8")
    assert '<a class="back" href="../index.html">' in page
    assert capsys.readouterr().err.strip() == f"summarizer: wrote {out / 'index.html'}"


def test_batch_output_must_be_a_directory(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    results = write_jsonl(tmp_path / "r.jsonl", [ok_record("a", seed), ok_record("b", seed)])
    taken = tmp_path / "report.html"
    taken.write_text("", encoding="utf-8")
    assert cli.main(["review", str(results), "--html", str(taken)]) == 2
    assert "a batch review is a directory" in capsys.readouterr().err


def test_single_page_from_a_batch_record(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    results = write_jsonl(tmp_path / "r.jsonl", [ok_record("a", seed), error_record("b")])
    out = tmp_path / "a.html"
    assert cli.main(["review", str(results), "--id", "a", "--html", str(out)]) == 0
    assert seed.summary.headline in out.read_text(encoding="utf-8")
    one = write_json(tmp_path / "one.json", as_data(seed))
    assert cli.main(["review", str(one), "--html", str(tmp_path / "one.html")]) == 0
