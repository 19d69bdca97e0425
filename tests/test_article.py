"""Loading articles: every input form, and a one-line InputError for every bad one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from summarizer.article import article_id, load_article, make_article
from summarizer.errors import InputError


def test_txt_with_headline(tmp_path: Path, seed_text: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text(seed_text, encoding="utf-8")
    a = load_article(p, published="2025-03-17")
    assert a.title == "Trump Announces Planned Discussion with Putin Regarding Ukraine Tomorrow"
    assert a.published == dt.date(2025, 3, 17)
    assert a.text == seed_text
    assert a.source == "a.txt"
    assert len(a.id) == 16


def test_id_is_stable_under_whitespace_changes() -> None:
    assert article_id("One  two\nthree") == article_id("One two three")
    assert article_id("One two three") != article_id("One two four")


def test_crlf_is_normalised_once(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_bytes(b"Title\r\nBody text here.\r\n")
    assert load_article(p).text == "Title\nBody text here.\n"


def test_json_input_with_metadata(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(
        json.dumps(
            {
                "text": "Body.",
                "title": "T",
                "published": "2024-02-29",
                "source": "https://example.org/x",
            }
        )
    )
    a = load_article(p)
    assert (a.title, a.published, a.source) == ("T", dt.date(2024, 2, 29), "https://example.org/x")


def test_flags_override_json_metadata(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"text": "Body.", "published": "2024-02-29"}))
    assert load_article(p, published="2025-01-01").published == dt.date(2025, 1, 1)


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(["The council voted on Tuesday to expand the city's bus network."] * 6)
    html = f"""<!doctype html><html lang="en"><head><title>Bus plan approved</title>
    <meta property="article:published_time" content="2025-03-17T09:00:00Z"></head>
    <body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
    <article><h1>Bus plan approved</h1><p>{body}</p>
    <p>“This is a good day for riders,” the mayor said.</p></article>
    <footer>Copyright 2025 Example Media. All rights reserved.</footer></body></html>"""
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    a = load_article(p)
    assert "expand the city's bus network" in a.text
    assert "“This is a good day for riders,”" in a.text
    assert "All rights reserved" not in a.text
    assert "Home" not in a.text
    assert a.title == "Bus plan approved"
    assert a.published == dt.date(2025, 3, 17)


def test_stdin_json_and_text() -> None:
    a = load_article("-", stdin=b'{"text": "From stdin.", "title": "S"}')
    assert (a.text, a.title) == ("From stdin.", "S")
    assert load_article("-", stdin=b"Plain text on stdin.").text == "Plain text on stdin."


def test_utf16_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes("Zelensky said “yes”.".encode("utf-16"))
    assert load_article(p).text == "Zelensky said “yes”."


def test_legacy_encoding_falls_back(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Le président a déclaré qu'il était prêt à négocier.".encode("cp1252"))
    assert "président" in load_article(p).text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_bad_bytes(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        load_article(p)
    assert "\n" not in info.value.one_line()


def test_undecodable_bytes(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(bytes(range(128, 256)) * 10)
    with pytest.raises(InputError):
        load_article(p)


def test_too_long() -> None:
    with pytest.raises(InputError, match="over the limit of 50"):
        make_article("word " * 20, max_chars=50)


def test_huge_file_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    p.write_bytes(b"a" * 9000)
    with pytest.raises(InputError, match="far over the limit"):
        load_article(p, max_chars=1000)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "malformed JSON"),
        ("[1, 2]", "must be an object"),
        ('{"title": "no text"}', "needs a string field 'text'"),
        ('{"text": "ok", "published": "yesterday"}', "invalid 'published'"),
        ('{"text": "ok", "published": "2025-02-30"}', "invalid 'published'"),
    ],
)
def test_bad_json(tmp_path: Path, payload: str, message: str) -> None:
    p = tmp_path / "bad.json"
    p.write_text(payload)
    with pytest.raises(InputError, match=message):
        load_article(p)


def test_bad_published_flag() -> None:
    with pytest.raises(InputError, match="expected YYYY-MM-DD"):
        make_article("Some text.", published="17/03/2025")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="not a file"):
        load_article(tmp_path)


def test_html_without_text(tmp_path: Path) -> None:
    p = tmp_path / "empty.html"
    p.write_text(
        "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>"
    )
    with pytest.raises(InputError, match="no article text"):
        load_article(p)
