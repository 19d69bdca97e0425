"""The story timeline page as a file: escaped, self-contained under its policy, one section per
actor with its events in story order, citations linked to the batch review's pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer import cli
from summarizer.html_page import source_hash
from summarizer.review.html import article_pages
from summarizer.review.records import read_records
from summarizer.story.html import timeline_page, write_timeline_page
from tests.review_data import error_record, ok_record, seed_summary, write_jsonl
from tests.story_page_data import HOSTILE_ID, HOSTILE_TITLE, SEED_ID, story

SEED_PAGE = "articles/0002-seed.html"


class Page(HTMLParser):
    """Start tags with their attributes and the text of the inline script and style, as a
    browser's tokenizer sees them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in = tag if tag in self.raw else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)

    def having(self, attr: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if attr in a]


@pytest.fixture(scope="module")
def html() -> str:
    return timeline_page(story(), review_base="../review", review_pages={SEED_ID: SEED_PAGE})


def test_no_markup_from_the_data_reaches_the_page(html: str) -> None:
    page = Page(html)
    assert [t for t, _ in page.tags].count("script") == 1
    assert "alert" not in "".join(page.raw["script"])  # the page's own script, and only it
    assert "<script>alert" not in html and "<b>began" not in html and "<i>Trump" not in html
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Talks &quot;onmouseover=alert(2) x=&quot;" in html
    assert "He said &lt;script&gt;alert(3)&lt;/script&gt; it was &quot;onmouseover=alert(4)" in html
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in html  # the story's own warnings too
    # The hostile article id stays one attribute value, whole.
    assert [a["data-article"] for a in page.having("data-article")].count(HOSTILE_ID) == 3
    assert {a["value"] for t, a in page.tags if t == "option"} == {"", SEED_ID, HOSTILE_ID}


def test_policy_allows_exactly_the_inlined_script_and_style(html: str) -> None:
    page = Page(html)
    (meta,) = [a for _, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"]
    (script,), (style,) = page.raw["script"], page.raw["style"]
    csp = meta["content"]
    assert csp.startswith("default-src 'none'; ")
    assert f"script-src '{source_hash(script)}';" in csp
    assert f"style-src '{source_hash(style)}';" in csp
    assert "unsafe-inline" not in csp and "img-src 'none'" in csp
    assert not [t for t, _ in page.tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for _, a in page.tags if "src" in a]
    assert not re.search(r"https?://", html)


def test_one_section_per_actor_with_its_events_in_story_order(html: str) -> None:
    page = Page(html)
    sections = [a["id"] for t, a in page.tags if t == "section" and "data-actor" in a]
    assert sections == ["actor-S1", "actor-S2"]
    events = [a["id"] for t, a in page.tags if t == "li" and "story-event" in a.get("class", "")]
    assert events == ["S1-E1", "S1-E2", "S1-E3", "S1-E4", "S2-E5", "S2-E1", "S2-E4"]
    nav = [a["href"] for t, a in page.tags if t == "a" and "data-actor" in a]
    assert nav == ["#actor-S1", "#actor-S2"]
    assert '<span class="count">4 events</span>' in html
    # The section of S1 holds exactly its events (no section nests in another).
    s1 = html[html.index('id="actor-S1"') : html.index('id="actor-S2"')]
    assert re.findall(r'id="(S\d-E\d)"', s1) == ["S1-E1", "S1-E2", "S1-E3", "S1-E4"]


def test_placement_and_conflicts_are_shown_and_linked(html: str) -> None:
    s1 = html[html.index('id="actor-S1"') : html.index('id="actor-S2"')]
    s2 = html[html.index('id="actor-S2"') :]
    e3 = s1[s1.index('id="S1-E3"') : s1.index('id="S1-E4"')]
    assert '>article order</span> · after <a class="eid" href="#S1-E2">E2</a>' in e3
    e2 = s1[s1.index('id="S1-E2"') : s1.index('id="S1-E3"')]
    classes = {a["id"]: a["class"] for _, a in Page(html).tags if "data-date" in a}
    assert [k for k, c in classes.items() if "conflicted" in c] == ["S1-E2", "S1-E4", "S2-E4"]
    assert 'conflicts with <a class="eid" href="#S1-E4">E4</a>' in e2
    # E4 in S2's timeline conflicts with E2, which only S1's timeline holds: linked there.
    e4 = s2[s2.index('id="S2-E4"') :]
    assert 'conflicts with <a class="eid" href="#S1-E2">E2</a>' in e4
    assert ">own date</span>" in e4 and ">anchor</span>" in s1
    # The event's other actors: linked to their pages; one without a page here named by id.
    assert '· with <span class="with"><a href="#actor-S2">Vladimir Putin</a></span>' in s1
    lone = story()
    lone.timelines[0].events[0].actors.append("S9")
    assert '<a href="#actor-S2">Vladimir Putin</a>, S9</span>' in timeline_page(lone)


def test_citations_link_to_the_review_page_of_their_event(html: str) -> None:
    page = Page(html)
    links = [a["href"] for t, a in page.tags if t == "a" and not a["href"].startswith("#")]
    assert links == [
        f"../review/{SEED_PAGE}#event-3",  # S1: E1
        f"../review/{SEED_PAGE}#event-8",  # E3 (E2 cites only the article without a page)
        f"../review/{SEED_PAGE}#event-7",  # E4
        f"../review/{SEED_PAGE}#event-0",  # S2: E5
        f"../review/{SEED_PAGE}#event-3",
        f"../review/{SEED_PAGE}#event-7",
    ]
    # Without a review directory nothing links outside the page; titles are still shown.
    bare = timeline_page(story())
    assert not [a for t, a in Page(bare).tags if t == "a" and not a["href"].startswith("#")]
    assert HOSTILE_TITLE.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in bare
    with pytest.raises(ValueError, match="review_pages"):
        timeline_page(story(), review_base="review")


def test_filters_read_dates_and_articles_from_data_attributes(html: str) -> None:
    page = Page(html)
    dates = {a["id"]: a["data-date"] for _, a in page.tags if "data-date" in a}
    assert dates == {
        "S1-E1": "2025-03-14",
        "S1-E2": "2025-03-16",
        "S1-E3": "",  # undated: shown unless "hide undated"
        "S1-E4": "2025-03-18",
        "S2-E5": "2014",
        "S2-E1": "2025-03-14",
        "S2-E4": "2025-03-18",
    }
    cited = [a["data-article"] for t, a in page.tags if t == "li" and "data-article" in a]
    s, h = SEED_ID, HOSTILE_ID
    assert cited == [s, h, s, s, h, s, s, s, h]
    ids = {a.get("id") for _, a in page.tags}
    assert {"from", "to", "hide-undated", "article", "shown"} <= ids


def test_a_date_value_is_filtered_by_its_calendar_part() -> None:
    s = story()
    events = s.timelines[0].events
    events[0].date, events[1].date, events[3].date = "2025-W11", "PRESENT_REF", "2025-03-18T10:00"
    dates = [a["data-date"] for _, a in Page(timeline_page(s)).tags if "data-date" in a]
    assert dates[:4] == ["2025", "", "", "2025-03-18"]


def test_citation_links_name_the_pages_the_batch_review_writes(tmp_path: Path) -> None:
    """``article_pages`` and ``summarizer review RESULTS --html DIR`` agree on every name."""
    results = write_jsonl(
        tmp_path / "results.jsonl", [error_record("timeout"), ok_record("seed", seed_summary())]
    )
    assert cli.main(["review", str(results), "--html", str(tmp_path / "review")]) == 0
    records, problems = read_records(results)
    pages = article_pages(records)
    assert not problems and pages == {SEED_ID: SEED_PAGE, "seed": SEED_PAGE}
    assert (tmp_path / "review" / SEED_PAGE).is_file()
    out = tmp_path / "story" / "timeline.html"
    write_timeline_page(story(), out, review_base="../review", review_pages=pages)
    for href in re.findall(r'href="(\.\./review/[^"#]+)#event-\d+"', out.read_text("utf-8")):
        assert (out.parent / href).resolve().is_file(), href
