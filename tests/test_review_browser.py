"""The HTML review in a real browser: Debian's headless Chromium, driven through chromedriver.

Pages are opened from disk (``file://``), as a user would. If Chromium is missing and cannot
be installed from the system packages, these tests fail: ``tests/browser.py`` says why.
Screenshots land in ``artifacts/`` (not committed) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from summarizer import cli
from summarizer.schema import ArticleSummary
from tests.browser import BrowserUnavailable, chromium
from tests.conftest import ROOT
from tests.review_data import (
    as_data,
    error_record,
    ok_record,
    payload_summary,
    seed_summary,
    write_json,
    write_jsonl,
)

ARTIFACTS = ROOT / "artifacts"
ACTIVE_BACKGROUND = "rgba(255, 159, 28, 1)"  # --active in review.css
FAR = 13  # Ukraine's ("Kyiv argues"), whose evidence is a sentence far down the article


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
def pages(tmp_path_factory: pytest.TempPathFactory, seed: ArticleSummary) -> dict[str, Path]:
    """The seed as one page, the payload article as one page, and a batch with an index."""
    out = tmp_path_factory.mktemp("review-html")
    payload = payload_summary()
    made = {
        "seed": out / "seed.html",
        "payload": out / "payload.html",
        "batch": out / "batch",
    }
    assert cli.main(["review", str(write_json(out / "s.json", as_data(seed))), "--html",
                     str(made["seed"])]) == 0  # fmt: skip
    assert cli.main(["review", str(write_json(out / "p.json", as_data(payload))), "--html",
                     str(made["payload"])]) == 0  # fmt: skip
    clean = seed.model_copy(update={"warnings": []})
    records = [
        ok_record("seed", seed),
        error_record("timeout", "request timed out after 3 attempts"),
        ok_record("payload", payload),
        {"id": "clean", "status": "ok", "summary": as_data(clean)},
    ]
    batch = write_jsonl(out / "results.jsonl", records)
    assert cli.main(["review", str(batch), "--html", str(made["batch"])]) == 0
    return made


def open_page(browser: WebDriver, path: Path) -> None:
    browser.get(path.as_uri())
    browser.execute_script("window.scrollTo(0, 0)")


def js(browser: WebDriver, script: str, *args: Any) -> Any:
    return browser.execute_script(script, *args)


IN_VIEW = """
const el = arguments[0], pane = document.getElementById('article');
const r = el.getBoundingClientRect(), p = pane.getBoundingClientRect();
return r.top >= p.top && r.bottom <= p.bottom && r.top >= 0 && r.bottom <= window.innerHeight;
"""


def test_clicking_a_position_highlights_and_scrolls_to_its_evidence(
    browser: WebDriver, pages: dict[str, Path], seed: ArticleSummary
) -> None:
    open_page(browser, pages["seed"])
    evidence = seed.positions[FAR].evidence[0]
    assert evidence.text.startswith("Additionally, it seeks to ease Western sanctions")
    marks = browser.find_elements(By.CSS_SELECTOR, f'#text mark[data-s~="p{FAR}e0"]')
    assert marks and not js(browser, IN_VIEW, marks[0]), "must start out of view"
    assert not browser.find_elements(By.CSS_SELECTOR, "mark.active")

    browser.find_element(By.ID, f"position-{FAR}").click()

    active = browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
    assert [m.get_attribute("data-s") for m in active] == [m.get_attribute("data-s") for m in marks]
    assert "".join(m.get_attribute("textContent") or "" for m in active) == evidence.text
    assert js(browser, IN_VIEW, active[0]), "the evidence was not scrolled into view"
    assert active[0].value_of_css_property("background-color") == ACTIVE_BACKGROUND
    selected = browser.find_element(By.ID, f"position-{FAR}").get_attribute("class") or ""
    assert "selected" in selected
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-position-clicked.png"))


def test_quotes_and_events_select_their_own_spans(
    browser: WebDriver, pages: dict[str, Path], seed: ArticleSummary
) -> None:
    open_page(browser, pages["seed"])
    browser.find_element(By.ID, "quote-12").click()
    active = browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
    assert "".join(m.get_attribute("textContent") or "" for m in active) == seed.quotes[11].text
    assert js(browser, IN_VIEW, active[0])

    # Event 5 of the output: "Starmer said allies prepare support", "on Saturday".
    event = seed.timeline[5]
    assert event.date and event.excerpt and event.date.text == "on Saturday"
    browser.find_element(By.CSS_SELECTOR, "#event-5 td.written").click()
    active = browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
    assert "".join(m.get_attribute("textContent") or "" for m in active) == event.excerpt.text
    # The earlier selection is gone: only the excerpt (which contains the date) is active.
    assert all(set((m.get_attribute("data-s") or "").split()) & {"t5x", "t5d"} for m in active)


def test_a_fragment_naming_an_event_selects_it_on_load(
    browser: WebDriver, pages: dict[str, Path], seed: ArticleSummary
) -> None:
    """``page.html#event-5`` (the story page's citation links) opens as if event 5 was clicked."""
    event = seed.timeline[5]
    assert event.excerpt is not None
    browser.get("about:blank")  # a fresh load, not a jump within the page already open
    browser.get(pages["seed"].as_uri() + "#event-5")
    active = browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
    assert "".join(m.get_attribute("textContent") or "" for m in active) == event.excerpt.text
    assert all(set((m.get_attribute("data-s") or "").split()) & {"t5x", "t5d"} for m in active)
    assert js(browser, IN_VIEW, active[0]), "the event was not scrolled into view"
    assert active[0].value_of_css_property("background-color") == ACTIVE_BACKGROUND
    assert "selected" in (browser.find_element(By.ID, "event-5").get_attribute("class") or "")
    # A later jump within the page selects too, and the policy held throughout.
    js(browser, "window.location.hash = 'event-3'")
    active = browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
    assert all(set((m.get_attribute("data-s") or "").split()) & {"t3x", "t3d"} for m in active)
    assert "selected" not in (browser.find_element(By.ID, "event-5").get_attribute("class") or "")
    logged: list[dict[str, Any]] = browser.get_log("browser")  # type: ignore[no-untyped-call]
    assert [m for m in logged if m["level"] == "SEVERE"] == []


def test_clicking_a_highlight_selects_what_cites_it(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["seed"])
    mark = browser.find_element(By.CSS_SELECTOR, '#text mark[data-s~="q2"]')
    mark.click()
    selected = browser.find_elements(By.CSS_SELECTOR, "#panel .selected")
    ids = {el.get_attribute("id") for el in selected}
    assert {"quote-2", "position-0"} <= ids  # Q2 is also the evidence of Trump's position


def test_script_injection_shows_as_text_and_runs_nothing(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["payload"])
    assert js(browser, "return typeof window.__pwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    text = browser.find_element(By.ID, "text").get_attribute("textContent") or ""
    assert (
        'A resident wrote <script>window.__pwned = "script";</script> in the comment box.' in text
    )
    assert "<img src=x onerror=\"window.__pwned = 'img'\">" in text
    headline = browser.find_element(By.ID, "headline").text
    assert headline.startswith("Mayor Doe defies </title><script>window.__pwned = 'headline'")
    # The only script is the page's own; no injected element exists anywhere.
    assert js(browser, "return document.scripts.length") == 1
    assert js(browser, "return document.querySelectorAll('img, svg, b, textarea').length") == 0
    assert js(browser, "return performance.getEntriesByType('resource').length") == 0
    # That script still works on this page, so nothing above passed because JS was off.
    browser.find_element(By.ID, "position-0").click()
    active = browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
    assert "</textarea><script>window.__pwned = 'quote'</script>" in "".join(
        m.get_attribute("textContent") or "" for m in active
    )
    assert js(browser, "return typeof window.__pwned") == "undefined"
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-payload.png"))


def test_batch_index_filters_and_links(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["batch"] / "index.html")

    def visible() -> list[str]:
        rows = browser.find_elements(By.CSS_SELECTOR, "#records tbody tr")
        return [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows if r.is_displayed()]

    assert visible() == ["seed", "timeout", "payload", "clean"]
    browser.find_element(By.CSS_SELECTOR, "input[value=errors]").click()
    assert visible() == ["timeout"]
    assert "request timed out" in browser.find_element(By.ID, "records").text
    browser.find_element(By.CSS_SELECTOR, "input[value=warnings]").click()
    assert visible() == ["seed", "payload"]
    browser.find_element(By.CSS_SELECTOR, "input[value=all]").click()
    browser.find_element(By.ID, "find").send_keys("clean")
    assert visible() == ["clean"]
    assert browser.find_element(By.ID, "shown").text == "showing 1 of 4"
    browser.find_element(By.ID, "find").clear()
    assert visible() == ["seed", "timeout", "payload", "clean"]
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-batch-index.png"))

    browser.find_element(By.LINK_TEXT, "seed").click()
    assert browser.current_url.endswith("/articles/0001-seed.html")
    browser.find_element(By.ID, "position-0").click()
    assert browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
    browser.find_element(By.LINK_TEXT, "← all articles").click()
    assert browser.current_url.endswith("/index.html")


def test_narrow_window_stacks_panel_and_article(browser: WebDriver, pages: dict[str, Path]) -> None:
    size = browser.get_window_size()
    browser.set_window_size(500, 900)  # headless Chromium's narrowest window
    try:
        open_page(browser, pages["seed"])
        panel = browser.find_element(By.ID, "panel").rect
        article = browser.find_element(By.ID, "article").rect
        assert article["y"] >= panel["y"] + panel["height"] - 1
        assert js(browser, "return document.documentElement.scrollWidth <= window.innerWidth")
        browser.find_element(By.ID, f"position-{FAR}").click()
        active = browser.find_elements(By.CSS_SELECTOR, "#text mark.active")
        assert js(browser, "const r = arguments[0].getBoundingClientRect();"
                  "return r.top >= 0 && r.bottom <= window.innerHeight", active[0])  # fmt: skip
        ARTIFACTS.mkdir(exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "review-narrow.png"))
    finally:
        browser.set_window_size(size["width"], size["height"])


def test_a_missing_browser_is_a_loud_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without chromium and without the right to install it, the setup raises (never skips)."""
    from tests import browser as setup

    monkeypatch.setattr(setup, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(setup.os, "geteuid", lambda: 1000)
    with pytest.raises(BrowserUnavailable, match="apt-get install -y chromium chromium-driver"):
        setup.ensure_chromium()
