"""``summarizer timeline`` on a committed batch of real results (``tests/data/story_results.jsonl``:
seven bundled-model summaries of SemEval-2015 corpus 1 articles, CC BY).

The expected timeline was worked out by hand from the inputs: the articles whose index names
Boeing (106653, 108294, 1173, 5403, 73808; "Boeing-Air Force" in 1173 is another actor) and
their summaries' timeline events that name Boeing, ordered by the first day each value covers,
then by width.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from summarizer import cli
from tests.conftest import DATA

RESULTS = DATA / "story_results.jsonl"
BOEING_DATES = [
    "1998",  # 5403: "1998"
    "2003-07-24",  # 5403: "since July 24, 2003"
    "2004-10",  # 1173: "in October" (published 2004-11-24)
    "2004-W47",  # 1173: "last week" (Monday 15 November 2004)
    "2005-04",  # 73808: "in April 2005"
    "2006",  # 106653: "two years ago" (published 2008-05-24)
    "2007-H2",  # 73808: "later this year": starts 1 July 2007, before the 7th
    "2007-07-07",  # 73808: "On Saturday" ...
    "2007-07-07",  # ... and "Earlier in the day": no content word shared, two events
    "2007-07-09",  # 73808: "Today is a great day in aviation history"
    "2007-07-09",  # ... and "today is Boeing's day": no content word shared
    "2007-07-10",  # 73808: "tomorrow"
    "2008-02-29",  # 108294: "on February 29"
    "2012",  # 106653: "for 2012"
]


def test_boeing_across_five_articles_in_story_order(tmp_path: Path) -> None:
    out = tmp_path / "boeing.json"
    assert cli.main(["timeline", str(RESULTS), "--actor", "Boeing", "-o", str(out)]) == 0
    story = json.loads(out.read_text(encoding="utf-8"))
    assert story["articles"] == 7 and story["skipped"] == 0
    [boeing] = story["timelines"]
    assert boeing["actor"]["name"] == "Boeing"
    assert sorted(boeing["actor"]["articles"]) == ["106653", "108294", "1173", "5403", "73808"]
    assert [e["date"] for e in boeing["events"]] == BOEING_DATES
    texts = {
        row["id"]: row["summary"]["article"]["text"]
        for row in map(json.loads, RESULTS.read_text(encoding="utf-8").splitlines())
    }
    for event in boeing["events"]:
        assert event["placed_by"] in ("date", "anchor") and event["citations"]
        for c in event["citations"]:
            assert texts[c["article"]][c["start"] : c["end"]] == c["text"]


def test_csv_has_a_row_per_citation_and_markdown_a_section(tmp_path: Path) -> None:
    table = tmp_path / "boeing.csv"
    assert cli.main(["timeline", str(RESULTS), "--actor", "Boeing", "-o", str(table)]) == 0
    with table.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["date"] for r in rows] == BOEING_DATES  # no event has two citations here
    notes = tmp_path / "boeing.md"
    assert cli.main(["timeline", str(RESULTS), "--actor", "Boeing", "-o", str(notes)]) == 0
    text = notes.read_text(encoding="utf-8")
    assert text.count("\n## ") == 1 and "## Boeing (organisation)" in text
    assert text.count("- **") == len(BOEING_DATES)
