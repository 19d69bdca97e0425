"""The date tagger: extents in running text, values in the article's own context.

Expected values are worked out by hand from a calendar (2025-03-17 is a Monday; 2019-03-03
a Sunday), not taken from the tagger's output.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from summarizer.index.extents import find_extents
from summarizer.index.sentences import split_sentences
from summarizer.index.tagger import tag_dates
from summarizer.index.units import DateMention
from tests.conftest import ROOT, SEED
from tests.test_cli import BAD_FILES, cli, one_line_error

MON = dt.date(2025, 3, 17)
# TimeSET (Hasegawa et al.), Wikinews, CC BY 4.0: a copy in tests/data (see its README).
EVAL = ROOT / "tests" / "data"


def tag(text: str, published: dt.date | None = MON) -> list[DateMention]:
    return tag_dates(text, published, split_sentences(text))


def by_text(mentions: list[DateMention]) -> dict[str, DateMention]:
    return {m.text: m for m in mentions}


# --- extents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "extents"),
    [
        ("Mr. Trump said on Tuesday that talks went well.", ["on Tuesday"]),
        ("The deal was signed Tuesday, March 18, 2025, in Riyadh.", ["Tuesday, March 18, 2025"]),
        ("Russia annexed Crimea in 2014.", ["in 2014"]),
        ("Growth slowed in early 2009 and again in mid-2011.", ["in early 2009", "in mid-2011"]),
        ("Last week, the minister resigned.", ["Last week"]),
        ("Talks resume next week, officials said.", ["next week"]),
        ("It happened two days ago, he said.", ["two days ago"]),
        ("He said a 30-day ceasefire could start.", ["30-day"]),
        ("He has led the party for three years.", ["for three years"]),
        ("The market opens every Monday.", ["every Monday"]),
        ("Profit rose in the third quarter.", ["in the third quarter"]),
        ("Revenue for fiscal 2024 beat forecasts.", ["fiscal 2024"]),
        (
            "Q3 2024 sales fell from the year-earlier period.",
            ["Q3 2024", "from the year-earlier period"],
        ),
        ("Sales in the first half of 2025 rose.", ["in the first half of 2025"]),
        ("She was born in nineteen ninety-nine.", ["in nineteen ninety-nine"]),
        ("The plane landed at 6:40 p.m. local time.", ["at 6:40 p.m. local time"]),
        ("Markets in the 1990s were calmer.", ["in the 1990s"]),
        ("By Sunday night, five people had died.", ["By Sunday night"]),
    ],
)
def test_extents(sentence: str, extents: list[str]) -> None:
    assert [sentence[e.start : e.end] for e in find_extents(sentence)] == extents


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 2000 troops crossed the border.",  # a count, not a year
        "He may march on the capital.",  # "may" and "march" as words
        "No. 10 Downing Street declined to comment.",
        "Shares rose 2.5% to $3.5 billion.",
        "The A380 carries 525 passengers.",
    ],
)
def test_non_dates_are_not_tagged(sentence: str) -> None:
    assert find_extents(sentence) == []


def test_said_is_never_part_of_an_extent() -> None:
    text = "The Kremlin said Friday it would respond. Officials said on Monday morning."
    assert [m.text for m in tag(text)] == ["Friday", "on Monday morning"]


# --- values in the article's context ---------------------------------------------------


def test_anaphora_take_the_story_date_not_the_publication_date() -> None:
    text = (
        "Fire broke out in the old town on March 3, 2019.\n"
        "Two days later, the mayor resigned. The following week, an inquiry opened.\n"
        "That day, the council met."
    )
    m = by_text(tag(text))
    assert m["on March 3, 2019"].value == "2019-03-03"
    assert m["on March 3, 2019"].anchor is None  # absolute: nothing to count from
    assert (m["Two days later"].value, m["Two days later"].anchor) == ("2019-03-05", "D1")
    # The last suitable date before "the following week" is D2 (5 March, ISO week 10).
    assert (m["The following week"].value, m["The following week"].anchor) == ("2019-W11", "D2")
    assert m["That day"].value == "2019-03-05"


def test_a_bare_weekday_after_a_story_date_is_that_story_s_weekday() -> None:
    text = "Fire broke out in the old town on Friday, March 1, 2019. By Sunday, five had died."
    m = by_text(tag(text))
    assert (m["By Sunday"].value, m["By Sunday"].anchor) == ("2019-03-03", "D1")


def test_weekdays_near_the_publication_date_stay_on_the_publication_week() -> None:
    # The named day is within a week of publication, so "on Friday" keeps its usual reading.
    text = "Talks began on March 12, 2025. The Kremlin replied on Friday."
    m = by_text(tag(text))
    assert (m["on Friday"].value, m["on Friday"].anchor) == ("2025-03-14", "published")


def test_deictic_expressions_count_from_publication_even_after_a_story_date() -> None:
    # "next month" says nothing about the story: it counts from the publication date.
    text = "The treaty was signed on June 5, 2001. A review is due next month."
    m = by_text(tag(text))
    assert (m["next month"].value, m["next month"].anchor) == ("2025-04", "published")


def test_that_day_without_any_earlier_date_stays_unresolved() -> None:
    (m,) = tag("That day, nobody spoke.")
    assert m.value is None and m.reason == "anaphoric" and m.anchor is None


def test_the_seed_article_dates() -> None:
    text = SEED.read_text(encoding="utf-8")
    m = tag(text)
    values = {(d.text, d.value) for d in m}
    # 17 March 2025 is a Monday: Tuesday is the 18th, the weekend just gone is W11.
    assert ("on Tuesday", "2025-03-18") in values
    assert ("over the weekend", "2025-W11-WE") in values
    assert ("the previous week", "2025-W11") in values
    assert ("On Friday", "2025-03-14") in values
    assert ("on Sunday", "2025-03-16") in values
    assert ("on Saturday", "2025-03-15") in values
    assert ("in 2014", "2014") in values and ("in 2022", "2022") in values
    assert ("Tomorrow", "2025-03-18") in values  # the headline


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Profit fell in the fourth quarter.", dt.date(2025, 1, 20), "2024-Q4"),
        ("Sales will rise in the first quarter.", dt.date(2024, 12, 30), "2025-Q1"),
        ("On New Year's Eve, crowds gathered. On Thursday, they left.", dt.date(2025, 1, 3),
         "2025-01-02"),
        ("Prices jumped last week.", dt.date(2021, 1, 4), "2020-W53"),
        ("The vote was in December.", dt.date(2025, 1, 10), "2024-12"),
        ("Results for fiscal 2023 are due.", dt.date(2023, 5, 1), "FY2023"),
        ("Output in the year-ago quarter was lower.", dt.date(2025, 3, 17), "2024-Q1"),
        ("It was founded three years ago.", dt.date(2025, 3, 17), "2022"),
        ("Output in Q3 fell.", dt.date(2025, 3, 17), "2024-Q3"),
    ],
)  # fmt: skip
def test_business_periods_and_year_boundaries(text: str, published: dt.date, value: str) -> None:
    values = [m.value for m in tag(text, published)]
    assert value in values, values


def test_durations_and_sets_are_typed() -> None:
    m = by_text(tag("He served for three years and met them every Monday."))
    assert (m["for three years"].type, m["for three years"].value) == ("duration", "P3Y")
    assert (m["every Monday"].type, m["every Monday"].value) == ("set", None)


def test_without_a_publication_date_relative_mentions_are_unresolved() -> None:
    m = by_text(tag("On Tuesday the board met. In 2014 it was founded.", published=None))
    assert m["On Tuesday"].value is None and m["On Tuesday"].reason == "no_publication_date"
    assert m["In 2014"].value == "2014"


def test_every_offset_slices_back_on_real_articles() -> None:
    rows = [json.loads(x) for x in (EVAL / "timeset.jsonl").read_text().splitlines() if x]
    total = 0
    for row in rows:
        text = row["text"]
        mentions = tag(text, None)
        total += len(mentions)
        for d in mentions:
            assert text[d.start : d.end] == d.text
        assert [d.number for d in mentions] == list(range(1, len(mentions) + 1))
        starts = [d.start for d in mentions]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    assert total > 500


# --- the command line ------------------------------------------------------------------


def test_dates_tag_prints_one_line_per_mention() -> None:
    proc = cli("dates", "tag", str(SEED), "--published", "2025-03-17")
    assert proc.returncode == 0, proc.stderr.decode()
    lines = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert lines[0]["id"] == "D1"
    for rec in lines:
        assert text[rec["start"] : rec["end"]] == rec["text"]
        assert set(rec) >= {"text", "start", "end", "value", "granularity", "anchor", "sentence"}
    tuesday = next(r for r in lines if r["text"] == "on Tuesday")
    assert (tuesday["value"], tuesday["anchor"]) == ("2025-03-18", "published")


@pytest.mark.parametrize(("content", "suffix", "message"), BAD_FILES)
@pytest.mark.parametrize("command", [("dates", "tag"), ("index",)], ids=["dates-tag", "index"])
def test_index_commands_refuse_bad_input(
    tmp_path: Path, content: bytes, suffix: str, message: str, command: tuple[str, ...]
) -> None:
    path = tmp_path / f"article{suffix}"
    path.write_bytes(content)
    proc = cli(*command, str(path), "--published", "2025-03-17")
    assert proc.returncode == 2
    assert message in one_line_error(proc)
    assert proc.stdout == b""


def test_index_command_on_stdin() -> None:
    proc = cli("index", "-", "--published", "2025-03-17", stdin=SEED.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert data["sentences"][0]["id"] == "S1"
    assert data["quotations"][0]["id"] == "Q1"
    assert {"sentences", "quotations", "dates", "actors", "speakers"} <= set(data)


# --- trigger windows (speed) -----------------------------------------------------------


def _alternation_triggers(text: str, low: str) -> list[tuple[int, int, str]]:
    """The triggers a plain regex alternation finds: what the hand-rolled scan must equal."""
    import re

    from summarizer.index import date_windows as w

    def alt(pairs: tuple[tuple[str, str], ...], boundary: str) -> re.Pattern[str]:
        return re.compile(
            "|".join(f"{boundary}(?P<{c}_{i}>{re.escape(lit)})" for i, (lit, c) in enumerate(pairs))
        )

    names = re.compile(alt(w._NAMES, r"\b").pattern + r"|(?P<digit_x>\d)")
    words = alt(w._WORDS, "")
    found = []
    for pattern, source in ((names, text), (words, low)):
        for m in pattern.finditer(source):
            found.append((m.start(), m.end(), (m.lastgroup or "").rsplit("_", 1)[0]))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Q12 of FY2014, H1 3Jan xMonday Mon. 2014Q1 May monthly times today's yesterday",
        "The quarterly report, every weekday, nightly at midnight; the yearly fortnight.",
        "In 1999 and 2000, Q4Q3 then 12,345 troops; Monday-Friday: Tue/Wed. Sept 9th.",
    ],
)
def test_trigger_scan_equals_the_alternation(text: str) -> None:
    from summarizer.index import date_windows as w

    low = w.lowered(text)
    ours = set(w.triggers(text, low, 0, len(text)))
    # The alternation sees each digit alone; our scan joins a run of digits into one trigger.
    expected = _alternation_triggers(text, low)
    covered = {(a, c) for s, e, c in ours for a in range(s, e)}
    assert {(s, c) for s, _, c in expected} <= covered
    assert {(s, c) for s, _, c in ours} <= {(s, c) for s, _, c in expected}


# --- vague references TimeML marks (PRESENT_REF / PAST_REF / FUTURE_REF) ----------------


@pytest.mark.parametrize(
    ("sentence", "mention", "value"),
    [
        ("Prices fell in the current downturn.", "current", "PRESENT_REF"),
        ("Investors fear recent moves will fail.", "recent", "PAST_REF"),
        ("The ongoing strike closed the port.", "ongoing", "PRESENT_REF"),
        ("He previously ran the bank.", "previously", "PAST_REF"),
        ("It avoided a short-term collapse.", "short-term", "FUTURE_REF"),
        ("Rates will stay low in the near future.", "in the near future", "FUTURE_REF"),
        ("It was the worst crash in recent U.S. history.", "in recent U.S. history", "PAST_REF"),
        ("The old company is history.", "history", "PAST_REF"),
        ("Shares had, at one point, lost half their value.", "at one point", "PAST_REF"),
        ("The sale ends the Douglas era at the plant.", "the Douglas era", "PAST_REF"),
        ("Leaders promised a new era of trade.", "a new era", "FUTURE_REF"),
    ],
)
def test_vague_references_are_tagged(sentence: str, mention: str, value: str) -> None:
    found = by_text(tag(sentence))
    assert mention in found, found
    assert found[mention].value == value
    assert found[mention].anchor is None


def test_best_week_since_is_the_current_week() -> None:
    # 2025-03-17 is a Monday of ISO week 12.
    assert by_text(tag("Stocks had their best week since November."))["week"].value == "2025-W12"


@pytest.mark.parametrize(
    ("sentence", "mention"),
    [
        ("He will be away for an undetermined period of time.", "an undetermined period of time"),
        ("The index set an intraday low.", "intraday"),
    ],
)
def test_indefinite_spans_are_durations(sentence: str, mention: str) -> None:
    assert by_text(tag(sentence))[mention].type == "duration"


@pytest.mark.parametrize(
    "sentence",
    [
        "The team scored one point in the match.",
        "She studied history at Oxford.",
        "The new camera era",
    ],
)
def test_not_references(sentence: str) -> None:
    texts = [m.text for m in tag(sentence)]
    assert "one point" not in texts and "history" not in texts and "era" not in texts


def test_references_are_never_offered_as_event_dates() -> None:
    from summarizer.index import event_dates, index_article

    text = (
        "The current crisis, the worst in recent history, hit an intraday low on Tuesday. "
        "At one point the Douglas era seemed over for an undetermined period of time."
    )
    index = index_article(text, published="2025-03-17")
    assert {d.text for d in index.dates} >= {"current", "on Tuesday", "intraday"}
    assert [d.text for d in event_dates(index)] == ["on Tuesday"]


@pytest.mark.parametrize(
    ("sentence", "time", "value"),
    [
        # Published Monday 2025-03-17: the Friday before is 2025-03-14.
        (
            "The vote closed at 16:15 UTC, March 13, officials said.",
            "at 16:15 UTC",
            "2025-03-13T16:15Z",
        ),
        ("At 4 p.m. on March 13 the plant closed.", "At 4 p.m.", "2025-03-13T16:00"),
        ("At 4 p.m., Friday, the plant closed.", "At 4 p.m.", "2025-03-14T16:00"),
        ("It opened at 9:30 a.m. and on Monday it closed.", "at 9:30 a.m.", "2025-03-17T09:30"),
    ],
)
def test_a_time_takes_the_day_that_follows_it(sentence: str, time: str, value: str) -> None:
    assert by_text(tag(sentence))[time].value == value


def test_a_time_after_a_story_date_still_takes_the_day_that_follows_it() -> None:
    # March 10 is a date of the story; the clock time that follows is dated by its own day.
    text = (
        "The company filed on March 10, 2025. "
        "In a press conference at 16:15 UTC, March 13, the chief executive confirmed it."
    )
    assert by_text(tag(text))["at 16:15 UTC"].value == "2025-03-13T16:15Z"


@pytest.mark.parametrize(
    ("sentence", "mentions"),
    [
        ("It ended at 4 p.m. the next day.", ["at 4 p.m.", "the next day"]),
        ("At 4 p.m. on Monday it closed.", ["At 4 p.m.", "on Monday"]),
        ("It closed at 9:30 a.m. EDT.", ["at 9:30 a.m. EDT"]),
    ],
)
def test_zone_abbreviations_are_capitals(sentence: str, mentions: list[str]) -> None:
    assert [m.text for m in tag(sentence)] == mentions


def test_letters_that_fold_to_ascii_are_still_read() -> None:
    # Case-blind patterns read the long s as "s"; the lower-cased copy the needs search does
    # not, so a text holding one is scanned without them.
    text = "It happened laſt week and the ſame day."
    assert [text[e.start : e.end] for e in find_extents(text)] == ["laſt week", "the ſame day"]
