"""The README's picture of the review page: ``docs/review.png``.

Builds the seed article's summary exactly as the browser test does (the real pipeline against
the fake model server, answering with ``tests/data/seed_draft.json``), writes its review page
with ``summarizer review --html``, opens it in the same headless Chromium (``tests/browser.py``),
clicks the first position so its evidence is highlighted in the article, and saves the
viewport (1200x720 keeps the PNG near 240 KB).

    python docs/screenshot.py [--out docs/review.png] [--width 1200] [--height 720]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402

from summarizer import cli  # noqa: E402
from tests.browser import chromium  # noqa: E402
from tests.review_data import as_data, seed_summary, write_json  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=720)
    args = parser.parse_args()
    args.out = args.out.resolve()

    with tempfile.TemporaryDirectory(prefix="review-shot-") as tmp:
        # Named relative to the folder, so the page's header shows the name, not a temp path.
        os.chdir(tmp)
        write_json(Path("trump-putin-call-ukraine.json"), as_data(seed_summary()))
        page = Path(tmp) / "review.html"
        if cli.main(["review", "trump-putin-call-ukraine.json", "--html", str(page)]) != 0:
            sys.exit("summarizer review --html failed")
        with chromium(args.width, args.height) as browser:
            # The window size includes what headless Chromium keeps for its frame: size the
            # page's viewport itself, so the picture is exactly width x height.
            browser.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {
                    "width": args.width,
                    "height": args.height,
                    "deviceScaleFactor": 1,
                    "mobile": False,
                },
            )
            browser.get(page.as_uri())
            browser.find_element(By.ID, "position-0").click()
            browser.execute_script("window.scrollTo(0, 0)")
            browser.save_screenshot(str(args.out))
    print(f"{args.out}: {args.out.stat().st_size:,} bytes, {args.width}x{args.height}")


if __name__ == "__main__":
    main()
