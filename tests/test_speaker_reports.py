"""Speaker cues for shapes read on the misses of the cited news reports (the BBC, Reuters,
trade press and local papers that 2004-2005 Wikinews stories cite; ``tests/data/
speaker_wns.json``, ``bench/speaker_rules.py --wns``; their texts stay outside this
repository): one constructed sentence per pattern, and the pitfalls each change must not fall
into (a wrong cue is worse than none)."""

from __future__ import annotations

import pytest

from tests.test_speaker_us_news import indexed_cues
from tests.test_speakers import Expected, check

CASES: list[tuple[str, Expected]] = [
    # A role noun before the name after an inverted verb.
    (
        "The jury met for three days.\n“He was her husband and should have protected her,” "
        "said juror Anne Clark, a teacher from Fresno.",
        {"Q1": ("said_name", "Anne Clark", "Anne Clark")},
    ),
    # The name's own title after the description's comma.
    (
        "The panel met on Monday.\n“We all knew that he was evading the sanctions,” said the "
        "panel’s top Democrat, Rep. Tom Hale of California.",
        {"Q1": ("said_name", "Tom Hale", "Tom Hale")},
    ),
    # An apposition of two titles joined by "and", each with its employer, over 80
    # characters: the name before it is the subject.
    (
        "The company defended its screensaver.\n“This strikes me as a flagrant violation of the "
        "law,” Ray Burton, chief privacy officer for PrivacyGroup.com and counsel for the "
        "Coalition Against Junk Mail, told the magazine.",
        {"Q1": ("name_told", "Ray Burton", "Ray Burton")},
    ),
]

PITFALLS: list[tuple[str, Expected]] = [
    # A list of names joined by "and" after the comma is no apposition of the first.
    (
        "“We will appeal the ruling,” Ann Lee, John Smith and Bob Ray told the court.",
        {"Q1": ("name_told", "Ann Lee", "Ann Lee")},
    ),
    # A capitalised word after the description's comma that is no title is no name's title.
    (
        "“We all knew that he was evading the sanctions,” said the panel’s top Democrat, "
        "Washington Post reporters wrote.",
        {"Q1": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES + PITFALLS)
def test_cited_report_speaker_shapes(text: str, expected: Expected) -> None:
    check(text, expected, indexed_cues)
