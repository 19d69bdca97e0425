"""Sentence splitting for the article index: what breaks naive splitting in news, offsets,
and the partition property (every non-space character in exactly one sentence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.index.sentences import split_sentences
from summarizer.index.units import Sentence

# TimeSET (Hasegawa et al.), Wikinews, CC BY 4.0: a copy in tests/data (see its README).
TIMESET = Path(__file__).resolve().parent / "data" / "timeset.jsonl"


def checked(text: str) -> list[Sentence]:
    """Split and check what must hold for any text."""
    found = split_sentences(text)
    assert [s.number for s in found] == list(range(1, len(found) + 1))
    assert [s.id for s in found[:1]] == (["S1"] if found else [])
    owner = [0] * len(text)
    for s in found:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert not any(ch in s.text for ch in "\n\r\u2029")
        for i in range(s.start, s.end):
            owner[i] += 1
    for i, ch in enumerate(text):
        assert owner[i] <= 1 if ch.isspace() else owner[i] == 1, (i, text[i - 20 : i + 20])
    assert [s.start for s in found] == sorted(s.start for s in found)
    paragraphs = [s.paragraph for s in found]
    assert paragraphs == sorted(paragraphs)
    return found


def texts(text: str) -> list[str]:
    return [s.text for s in checked(text)]


CASES = [
    # Titles before names.
    (
        "Mr. Smith met Mrs. Jones and Dr. Brown. Gov. Newsom spoke to Sen. Warren and "
        "Rep. Ocasio-Cortez.",
        [
            "Mr. Smith met Mrs. Jones and Dr. Brown.",
            "Gov. Newsom spoke to Sen. Warren and Rep. Ocasio-Cortez.",
        ],
    ),
    ("Gen. Milley went to St. Louis. He stayed.", ["Gen. Milley went to St. Louis.", "He stayed."]),
    (
        "Ms. Lee came. Dr. Who arrived. Lt. Col. Smith left.",
        ["Ms. Lee came.", "Dr. Who arrived.", "Lt. Col. Smith left."],
    ),
    ("They live on Main St. The house is big.", ["They live on Main St.", "The house is big."]),
    # "U.S." inside a sentence and at its end.
    ("The U.S. Senate voted on Monday.", ["The U.S. Senate voted on Monday."]),
    ("He moved to the U.S. in 1990.", ["He moved to the U.S. in 1990."]),
    ("He lives in the U.S. He likes it.", ["He lives in the U.S.", "He likes it."]),
    (
        "Prices rose in the U.S. Meanwhile, Europe fell.",
        ["Prices rose in the U.S.", "Meanwhile, Europe fell."],
    ),
    # Dates, numbers, money, percentages.
    ("It happened on Jan. 5 in Paris.", ["It happened on Jan. 5 in Paris."]),
    ("Talks ended on Jan. 5. Both sides left.", ["Talks ended on Jan. 5.", "Both sides left."]),
    ("The No. 10 seed lost to No. 3.", ["The No. 10 seed lost to No. 3."]),
    ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
    ("Vol. 3 was published.", ["Vol. 3 was published."]),
    (
        "The firm paid $3.5 billion. Shares rose 2.5% on Friday.",
        ["The firm paid $3.5 billion.", "Shares rose 2.5% on Friday."],
    ),
    (
        "Musk paid US$44 billion. It was 1.5 times the value.",
        ["Musk paid US$44 billion.", "It was 1.5 times the value."],
    ),
    ("At 10 a.m. Smith left.", ["At 10 a.m. Smith left."]),
    # Initials.
    (
        "J. K. Rowling wrote it. George W. Bush spoke.",
        ["J. K. Rowling wrote it.", "George W. Bush spoke."],
    ),
    # Quotations: kept whole with their attribution; a closing mark ends the sentence before.
    (
        '"It is over. We won," he said. Then he left.',
        ['"It is over. We won," he said.', "Then he left."],
    ),
    (
        "“It is over. We won,” he said. Then he left.",
        ["“It is over. We won,” he said.", "Then he left."],
    ),
    (
        'He said: "It is over. We won." Then he left.',
        ['He said: "It is over. We won."', "Then he left."],
    ),
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    (
        'The letter called it "a betrayal." The company denied it.',
        ['The letter called it "a betrayal."', "The company denied it."],
    ),
    ('"Why?" he asked. "Why not?" She left.', ['"Why?" he asked.', '"Why not?"', "She left."]),
    # A quoted question and the name that asked it; not a sentence that only ends in one.
    ("“Why?” Ann Hale asked. She left.", ["“Why?” Ann Hale asked.", "She left."]),
    ('It fell. "Gone!" Tom Hale said, sadly.', ["It fell.", '"Gone!" Tom Hale said, sadly.']),
    ("She asked “Why?” The President said no.", ["She asked “Why?”", "The President said no."]),
    ("“Why?” The Crowd Roared.", ["“Why?”", "The Crowd Roared."]),
    # A quoted statement and a bare attribution are one sentence; an attribution with news
    # of its own is another.
    ("“It is over.” Tom Hale said. She left.", ["“It is over.” Tom Hale said.", "She left."]),
    (
        "\"He said, 'We win.'\" Ann Hale said on Monday.",
        ["\"He said, 'We win.'\" Ann Hale said on Monday."],
    ),
    (
        "“It is over.” Tom Hale said the deal was off.",
        ["“It is over.”", "Tom Hale said the deal was off."],
    ),
    # A pull quote's caption glued to the next sentence in a scraped page is a sentence.
    (
        "He said none could have survived.\n—Superintendent Tom HaleThe search began on Friday.",
        [
            "He said none could have survived.",
            "—Superintendent Tom Hale",
            "The search began on Friday.",
        ],
    ),
    ("—UNICEFWhen Warfa was asked, he left.", ["—UNICEF", "When Warfa was asked, he left."]),
    # A quotation left open (it runs on into the next paragraph) merges nothing.
    ('"We will rebuild. It will take years.', ['"We will rebuild.', "It will take years."]),
    # Words nupunkt's legal model takes for abbreviations, before a name.
    (
        "The bid can be reopened if new evidence is found. Boeing will have to bid again.",
        ["The bid can be reopened if new evidence is found.", "Boeing will have to bid again."],
    ),
    (
        "Shares fell to a 20-year low. Japan also saw a collapse.",
        ["Shares fell to a 20-year low.", "Japan also saw a collapse."],
    ),
    # A full stop inside an aside never ends the sentence when it goes on after the bracket;
    # a bracket closing a sentence still ends it.
    (
        "Rep. Ellen Marsh (D-Md.), chair of the panel, spoke. She left.",
        ["Rep. Ellen Marsh (D-Md.), chair of the panel, spoke.", "She left."],
    ),
    ("He left (for good.) Then he came back.", ["He left (for good.)", "Then he came back."]),
    # A lower-case word never starts a sentence; a piece without letters joins the next.
    ("He is Special Asst. to the Secretary.", ["He is Special Asst. to the Secretary."]),
    ("1. First item. 2. Second item.", ["1. First item.", "2. Second item."]),
    ("Wow! Really? Yes... maybe.", ["Wow!", "Really?", "Yes... maybe."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_news_cases(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_headline_and_dateline_are_sentences_of_their_own() -> None:
    text = (
        "Twitter threatens to sue Meta over rival app Threads\n"
        "Tuesday, July 11, 2023 \n"
        "On Wednesday, an attorney for Twitter sent a letter. Meta denied it."
    )
    found = checked(text)
    assert [(s.text, s.paragraph) for s in found] == [
        ("Twitter threatens to sue Meta over rival app Threads", 1),
        ("Tuesday, July 11, 2023", 2),
        ("On Wednesday, an attorney for Twitter sent a letter.", 3),
        ("Meta denied it.", 3),
    ]


def test_blank_and_single_newlines_both_end_paragraphs() -> None:
    text = "First line. Still first.\n\n\nSecond\nThird. Third again."
    assert [(s.text, s.paragraph) for s in checked(text)] == [
        ("First line.", 1),
        ("Still first.", 1),
        ("Second", 2),
        ("Third.", 3),
        ("Third again.", 3),
    ]


def test_a_sentence_never_crosses_a_line_break() -> None:
    assert texts("He went to the\nshop. Then he left.") == [
        "He went to the",
        "shop.",
        "Then he left.",
    ]


def test_crlf_line_endings() -> None:
    text = "Headline here\r\n\r\nFirst sentence. Second one.\r\nLast one.\r\n"
    found = checked(text)
    assert [(s.text, s.paragraph) for s in found] == [
        ("Headline here", 1),
        ("First sentence.", 2),
        ("Second one.", 2),
        ("Last one.", 3),
    ]
    assert found[1].start == text.index("First")


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n \u2029 \n"])
def test_empty_and_whitespace_only(text: str) -> None:
    assert split_sentences(text) == []


def test_offsets_of_stripped_text_and_non_ascii() -> None:
    text = "  Café “naïve” 😀 costs €3.5.   Next 𝕏 one.  "
    found = checked(text)
    assert [s.text for s in found] == ["Café “naïve” 😀 costs €3.5.", "Next 𝕏 one."]
    assert (found[0].start, found[1].end) == (2, len(text) - 2)


def test_deterministic() -> None:
    text = 'He said "no." Then he left. Mr. Smith stayed in the U.S. It rained.'
    assert split_sentences(text) == split_sentences(text)


def _timeset() -> list[str]:
    lines = TIMESET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line]


def test_every_non_space_character_in_exactly_one_sentence_over_timeset() -> None:
    articles = _timeset()
    assert len(articles) > 100
    for text in articles:
        found = checked(text)
        # Paragraphs are numbered over the non-empty lines.
        assert found[-1].paragraph == sum(1 for line in text.splitlines() if line.strip())
        # And the same holds with Windows line endings.
        crlf = text.replace("\n", "\r\n")
        assert [s.text for s in checked(crlf)] == [s.text for s in found]
