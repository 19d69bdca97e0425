"""The story timeline page in a real browser, driven as ``test_review_browser.py`` drives the
review pages: Debian's headless Chromium through chromedriver, pages opened from disk.

The story is ``tests/story_page_data.py``'s; its seed citations lead into a real batch review
(``summarizer review RESULTS --html DIR``), whose pages must open with the cited event selected.
Every test ends by reading the browser's console: a policy violation or a script error fails it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from summarizer import cli
from summarizer.review.html import article_pages
from summarizer.review.records import read_records
from summarizer.schema import ArticleSummary
from summarizer.story.html import write_timeline_page
from tests.browser import BrowserUnavailable, chromium
from tests.conftest import ROOT
from tests.review_data import error_record, ok_record, seed_summary, write_jsonl
from tests.story_page_data import HOSTILE_ID, story

ARTIFACTS = ROOT / "artifacts"
S1 = ["S1-E1", "S1-E2", "S1-E3", "S1-E4"]
S2 = ["S2-E5", "S2-E1", "S2-E4"]


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    try:
        with chromium() as driver:
            yield driver
    except BrowserUnavailable as exc:
        pytest.fail(f"the browser test needs Debian's chromium: {exc}", pytrace=False)


@pytest.fixture(scope="module")
def seed() -> ArticleSummary:
    return seed_summary()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, seed: ArticleSummary) -> Path:
    """``story/timeline.html`` beside ``review/``, the batch review of the seed (record 2)."""
    out = tmp_path_factory.mktemp("story-html")
    results = write_jsonl(out / "results.jsonl", [error_record("timeout"), ok_record("seed", seed)])
    assert cli.main(["review", str(results), "--html", str(out / "review")]) == 0
    pages = article_pages(read_records(results)[0])
    timeline = out / "story" / "timeline.html"
    write_timeline_page(story(), timeline, review_base="../review", review_pages=pages)
    return timeline


def open_page(browser: WebDriver, path: Path, fragment: str = "") -> None:
    """A fresh load (not a jump within the page already open), then a clean console."""
    browser.get("about:blank")
    browser.get(path.as_uri() + fragment)
    assert_quiet(browser)


def js(browser: WebDriver, script: str, *args: Any) -> Any:
    return browser.execute_script(script, *args)


def assert_quiet(browser: WebDriver) -> None:
    """No policy violation, script error or console error since the last look."""
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    logged: list[dict[str, Any]] = browser.get_log("browser")  # type: ignore[no-untyped-call]
    assert [m for m in logged if m["level"] == "SEVERE"] == []


def visible(browser: WebDriver) -> list[str]:
    events = browser.find_elements(By.CSS_SELECTOR, "li.story-event")
    return [ev.get_attribute("id") or "" for ev in events if ev.is_displayed()]


def shown(browser: WebDriver) -> str:
    return browser.find_element(By.ID, "shown").text


IN_VIEW = """
const r = arguments[0].getBoundingClientRect();
return r.top >= 0 && r.bottom <= window.innerHeight;
"""


def test_the_actor_list_and_the_fragment_choose_the_page(browser: WebDriver, page: Path) -> None:
    open_page(browser, page)
    assert visible(browser) == S1
    assert not browser.find_element(By.ID, "actor-S2").is_displayed()
    assert shown(browser) == "showing 4 of 4 events"
    current = browser.find_element(By.CSS_SELECTOR, "#actors a[aria-current=page]")
    assert current.get_attribute("data-actor") == "S1"

    browser.find_element(By.CSS_SELECTOR, '#actors a[data-actor="S2"]').click()
    assert browser.current_url.endswith("#actor-S2")
    assert visible(browser) == S2
    assert not browser.find_element(By.ID, "actor-S1").is_displayed()
    assert browser.find_element(By.ID, "h-S2").text.startswith("Vladimir Putin")
    assert shown(browser) == "showing 3 of 3 events"
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "story-actor-2.png"))

    # Each actor and each event has its own address: an event's names its actor's page.
    open_page(browser, page, "#S1-E4")
    assert visible(browser) == S1
    target = browser.find_element(By.ID, "S1-E4")
    assert js(browser, "return arguments[0].matches(':target')", target)
    assert js(browser, IN_VIEW, target)
    # A conflict's mark links to the other event, on whichever actor's page holds it.
    browser.find_element(By.ID, "actor-S2")  # present, hidden
    open_page(browser, page, "#actor-S2")
    assert visible(browser) == S2
    conflict = browser.find_element(By.CSS_SELECTOR, "#S2-E4 .conflict a")
    assert conflict.text == "E2"
    conflict.click()
    assert browser.current_url.endswith("#S1-E2") and visible(browser) == S1
    assert js(browser, IN_VIEW, browser.find_element(By.ID, "S1-E2"))
    assert_quiet(browser)


def test_a_date_range_hides_the_events_outside_it(browser: WebDriver, page: Path) -> None:
    open_page(browser, page, "#actor-S1")
    start, end = browser.find_element(By.ID, "from"), browser.find_element(By.ID, "to")
    start.send_keys("2025-03-15")
    assert visible(browser) == ["S1-E2", "S1-E3", "S1-E4"]  # E3 undated: still shown
    assert shown(browser) == "showing 3 of 4 events"
    browser.find_element(By.ID, "hide-undated").click()
    assert visible(browser) == ["S1-E2", "S1-E4"]
    end.send_keys("2025-03-17")
    assert visible(browser) == ["S1-E2"]
    end.clear()
    end.send_keys("2025-3")  # not a date: marked, and no bound
    assert end.get_attribute("aria-invalid") == "true"
    assert visible(browser) == ["S1-E2", "S1-E4"]
    # A year-only date overlaps a range by its year; the filters hold across actors' pages.
    end.clear()
    browser.find_element(By.CSS_SELECTOR, '#actors a[data-actor="S2"]').click()
    assert visible(browser) == ["S2-E4"]
    start.clear()
    start.send_keys("2014-06")
    assert visible(browser) == S2
    end.send_keys("2020")
    assert visible(browser) == ["S2-E5"]
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "story-date-range.png"))
    assert_quiet(browser)


def test_an_article_filter_shows_only_the_events_it_reports(browser: WebDriver, page: Path) -> None:
    open_page(browser, page, "#actor-S1")
    choose = Select(browser.find_element(By.ID, "article"))
    choose.select_by_value(HOSTILE_ID)
    assert visible(browser) == ["S1-E2", "S1-E4"]
    matched = browser.find_elements(By.CSS_SELECTOR, "#actor-S1 .citation.match")
    assert [m.get_attribute("data-article") for m in matched] == [HOSTILE_ID, HOSTILE_ID]
    browser.find_element(By.CSS_SELECTOR, '#actors a[data-actor="S2"]').click()
    assert visible(browser) == ["S2-E4"]
    choose.select_by_value("")
    assert visible(browser) == S2
    assert not browser.find_elements(By.CSS_SELECTOR, ".citation.match")
    assert_quiet(browser)


def test_hostile_text_shows_as_text_and_runs_nothing(browser: WebDriver, page: Path) -> None:
    open_page(browser, page, "#actor-S1")
    source = browser.find_element(By.CSS_SELECTOR, "#S1-E2 .citation .source").text
    assert source == '<script>alert(1)</script> Talks "onmouseover=alert(2) x="'
    phrase = browser.find_element(By.CSS_SELECTOR, "#S1-E2 .phrase").text
    assert 'Talks <b>began</b> "onmouseover=alert(5)' in phrase
    assert js(browser, "return document.scripts.length") == 1
    assert js(browser, "return document.querySelectorAll('b, i, img').length") == 0
    assert js(browser, "return performance.getEntriesByType('resource').length") == 0
    browser.find_element(By.CSS_SELECTOR, "#S1-E2 .citation blockquote").click()
    assert_quiet(browser)


def test_a_citation_opens_its_review_page_with_the_event_selected(
    browser: WebDriver, page: Path, seed: ArticleSummary
) -> None:
    open_page(browser, page, "#actor-S1")
    event = seed.timeline[8]  # E3 cites it: "Britain and France offer peacekeepers", far down
    assert event.excerpt is not None and event.excerpt.start > 4000
    browser.find_element(By.CSS_SELECTOR, "#S1-E3 .citation a").click()
    assert browser.current_url.endswith("/review/articles/0002-seed.html#event-8")
    active = browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
    assert "".join(m.get_attribute("textContent") or "" for m in active) == event.excerpt.text
    assert all("t8x" in (m.get_attribute("data-s") or "").split() for m in active)
    assert js(browser, IN_VIEW, active[0]), "the cited sentence was not scrolled into view"
    row = browser.find_element(By.ID, "event-8")
    assert "selected" in (row.get_attribute("class") or "")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "story-citation-review.png"))
    assert_quiet(browser)
