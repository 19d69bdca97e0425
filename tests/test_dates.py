"""Table-driven tests of ``summarizer.dates``.

Every expected value below was worked out by hand from the calendar (weekday and ISO
week of each publication date noted next to it), not produced by running the resolver.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from summarizer.dates import Resolution, resolve, resolve_records

D = dt.date
MON_0317 = D(2025, 3, 17)  # Monday, 2025-W12 (the seed article's publication date)
SUN_0316 = D(2025, 3, 16)  # Sunday, 2025-W11
WED_0319 = D(2025, 3, 19)  # Wednesday, 2025-W12
MON_0210 = D(2025, 2, 10)  # Monday, 2025-W07

Case = tuple[D | None, str, str, str | None]


def check(cases: list[Case]) -> None:
    for published, text, context, expected in cases:
        got = resolve(text, published, context)
        assert got.value == expected, (published, text, context, got)
        assert (got.value is None) == (got.reason is not None), got


# --- the seed article (publication Monday 2025-03-17) ----------------------------------
HEADLINE = "Trump Announces Planned Discussion with Putin Regarding Ukraine Tomorrow"
SEED: list[tuple[str, str, str]] = [
    ("Tomorrow", HEADLINE, "2025-03-18"),
    ("on Tuesday", "Trump to Discuss Ukraine with Putin on Tuesday, Tomorrow", "2025-03-18"),
    (
        "on Tuesday",
        "US President Donald Trump has announced his intention to speak with Russian President "
        "Vladimir Putin on Tuesday to address the possibility of ending the war in Ukraine.",
        "2025-03-18",
    ),
    ("on Tuesday", "\u201cI will be communicating with President Putin on Tuesday.", "2025-03-18"),
    (
        "over the weekend",
        "Significant work has been accomplished over the weekend.\u201d",
        "2025-W11-WE",
    ),
    (
        "the previous week",
        "Mr. Trump is seeking Mr. Putin\u2019s backing for a 30-day ceasefire proposal "
        "that Ukraine "
        "agreed to the previous week, as both sides continued to exchange heavy aerial strikes "
        "throughout the weekend, with Russia closing in on dislodging Ukrainian forces.",
        # The week before a weekend is the working week of the weekend's own ISO week
        # (Ukraine accepted the proposal on 11 March 2025, in W11).
        "2025-W11",
    ),
    (
        "throughout the weekend",
        "Mr. Trump is seeking Mr. Putin\u2019s backing for a 30-day ceasefire proposal "
        "that Ukraine "
        "agreed to the previous week, as both sides continued to exchange heavy aerial strikes "
        "throughout the weekend, with Russia closing in on dislodging Ukrainian forces.",
        "2025-W11-WE",
    ),
    (
        "On Friday",
        "On Friday, the Kremlin revealed that Mr. Putin had sent Mr. Trump a message about his "
        "ceasefire plan through US envoy Steve Witkoff.",
        "2025-03-14",
    ),
    (
        "on Sunday",
        "In separate appearances on Sunday television programs in the United States, Mr. Witkoff, "
        "Secretary of State Marco Rubio, and Mike Waltz, underscored that numerous challenges "
        "remain.",
        "2025-03-16",
    ),
    (
        "on Saturday",
        "British Prime Minister Keir Starmer mentioned on Saturday that Western allies are "
        "intensifying preparations, with defense chiefs expected to solidify "
        "\u201crobust plans\u201d "
        "next week.",
        "2025-03-15",
    ),
    (
        "next week",
        "British Prime Minister Keir Starmer mentioned on Saturday that Western allies are "
        "intensifying preparations, with defense chiefs expected to solidify "
        "\u201crobust plans\u201d "
        "next week.",
        "2025-W13",
    ),
    (
        "in 2014",
        "Russia annexed the Crimean peninsula in 2014 and currently controls a "
        "significant portion of four eastern Ukrainian regions following its invasion in 2022.",
        "2014",
    ),
    (
        "in 2022",
        "Russia annexed the Crimean peninsula in 2014 and currently controls a "
        "significant portion of four eastern Ukrainian regions following its invasion in 2022.",
        "2022",
    ),
    (
        "stated on Friday",
        "Ukraine\u2019s President Volodymyr Zelensky stated on Friday that he "
        "perceived a good opportunity to end the war.",
        "2025-03-14",
    ),
]


@pytest.mark.parametrize(("text", "context", "expected"), SEED)
def test_seed_article(text: str, context: str, expected: str) -> None:
    check([(MON_0317, text, context, expected)])


def test_seed_three_year_conflict_is_a_duration() -> None:
    res = resolve(
        "the three-year conflict",
        MON_0317,
        "expressing cautious optimism that a deal could be reached to resolve the "
        "three-year conflict.",
    )
    assert (res.value, res.granularity) == ("P3Y", "duration")


# --- explicit dates ----------------------------------------------------------------------
def test_explicit_dates_with_year() -> None:
    check(
        [
            (MON_0317, "March 3, 2022", "", "2022-03-03"),
            (MON_0317, "3 March 2022", "", "2022-03-03"),
            (MON_0317, "Mar. 3, 2022", "", "2022-03-03"),
            (MON_0317, "the 3rd of March 2022", "", "2022-03-03"),
            (MON_0317, "Tuesday, March 18, 2025", "", "2025-03-18"),
            (MON_0317, "July 24 , 2003", "", "2003-07-24"),  # tokenised spacing as in MEANTIME
            (MON_0317, "2022-03-03", "", "2022-03-03"),
            (MON_0317, "March 2022", "", "2022-03"),
            (MON_0317, "in May of 2008", "", "2008-05"),
            (MON_0317, "February 30, 2023", "", None),
        ]
    )


def test_numeric_date_convention() -> None:
    # slashes: US month/day; day/month when the first number exceeds 12; dots: day.month
    check(
        [
            (MON_0317, "03/03/2022", "", "2022-03-03"),
            (MON_0317, "4/5/2022", "", "2022-04-05"),
            (MON_0317, "25/12/2022", "", "2022-12-25"),
            (MON_0317, "5.4.2022", "", "2022-04-05"),
            (D(2007, 7, 9), "7/8/07", "", "2007-07-08"),
        ]
    )


def test_dates_without_year_follow_tense() -> None:
    check(
        [
            (MON_0317, "March 3", "The deal was signed on March 3.", "2025-03-03"),
            (MON_0317, "March 30", "The court will rule on March 30.", "2025-03-30"),
            (
                D(2025, 1, 5),
                "December 25",
                "He said on December 25 that talks failed.",
                "2024-12-25",
            ),
            (
                D(2025, 12, 20),
                "January 10",
                "The law will take effect on January 10.",
                "2026-01-10",
            ),
            (
                D(2024, 3, 5),
                "February 29",
                "Officials confirmed on February 29 that it ended.",
                "2024-02-29",
            ),
        ]
    )


def test_invalid_date_reason() -> None:
    assert resolve("February 30, 2023", MON_0317).reason == "invalid_date"


# --- weekdays and tense ------------------------------------------------------------------
def test_weekdays_past_and_future_by_tense() -> None:
    check(
        [  # published Wednesday 2025-03-19
            (
                WED_0319,
                "Friday",
                "The minister said on Friday that talks would resume.",
                "2025-03-14",
            ),
            (WED_0319, "Friday", "The minister will speak on Friday.", "2025-03-21"),
            (WED_0319, "on Friday", "We'll know more on Friday.", "2025-03-21"),
            (WED_0319, "Friday", "The president is to visit Paris on Friday.", "2025-03-21"),
            (WED_0319, "Friday", "A vote is scheduled for Friday.", "2025-03-21"),
            (WED_0319, "Friday", "She plans to travel to Kyiv on Friday.", "2025-03-21"),
            (WED_0319, "Monday", "Shares fell sharply on Monday.", "2025-03-17"),
            (
                WED_0319,
                "Wednesday",
                "The company announced on Wednesday a new chief.",
                "2025-03-19",
            ),
            (WED_0319, "Monday", "", "2025-03-17"),  # no cue: nearest (2 days back)
            (WED_0319, "Friday", "", "2025-03-21"),  # no cue: nearest (2 days ahead)
            (WED_0319, "last Friday", "", "2025-03-14"),
            (WED_0319, "next Friday", "", "2025-03-21"),
            (WED_0319, "this Friday", "", "2025-03-21"),
            (WED_0319, "Friday morning", "Police were called on Friday morning.", "2025-03-14TMO"),
            (WED_0319, "Thursday night", "The storm struck on Thursday night.", "2025-03-13TNI"),
            (WED_0319, "Monday's", "Monday's vote was close.", "2025-03-17"),
        ]
    )


def test_weekday_next_to_tomorrow_is_the_next_day() -> None:
    check([(MON_0317, "Tuesday", "Leaders Meet on Tuesday: Talks Set for Tomorrow", "2025-03-18")])


def test_sunday_versus_monday_publication() -> None:
    check(
        [
            # published Sunday 2025-03-16 (W11): the weekend under way is this week's
            (SUN_0316, "over the weekend", "Talks continued over the weekend.", "2025-W11-WE"),
            (SUN_0316, "this week", "", "2025-W11"),
            (SUN_0316, "last week", "", "2025-W10"),
            (SUN_0316, "next week", "", "2025-W12"),
            (SUN_0316, "on Friday", "The Kremlin said on Friday it was ready.", "2025-03-14"),
            (SUN_0316, "on Monday", "Ministers will meet on Monday.", "2025-03-17"),
            (SUN_0316, "Sunday", "Voters went to the polls on Sunday.", "2025-03-16"),
            (SUN_0316, "last weekend", "", "2025-W10-WE"),
            # published Monday 2025-03-17 (W12): the weekend just gone belongs to W11
            (MON_0317, "over the weekend", "Talks continued over the weekend.", "2025-W11-WE"),
            (MON_0317, "this week", "", "2025-W12"),
            (MON_0317, "last week", "", "2025-W11"),
            (MON_0317, "last weekend", "", "2025-W11-WE"),
            (MON_0317, "next weekend", "", "2025-W12-WE"),
            (MON_0317, "this weekend", "The team will rest this weekend.", "2025-W12-WE"),
            (MON_0317, "Sunday", "Voters went to the polls on Sunday.", "2025-03-16"),
        ]
    )


# --- day words, parts of day ---------------------------------------------------------------
def test_day_words() -> None:
    check(
        [
            (MON_0317, "today", "", "2025-03-17"),
            (MON_0317, "tonight", "", "2025-03-17TNI"),
            (MON_0317, "yesterday", "", "2025-03-16"),
            (MON_0317, "tomorrow", "", "2025-03-18"),
            (MON_0317, "this morning", "", "2025-03-17TMO"),
            (MON_0317, "last night", "", "2025-03-16TNI"),
            (MON_0317, "yesterday afternoon", "", "2025-03-16TAF"),
            (MON_0317, "earlier today", "", "2025-03-17"),
            (D(2024, 3, 1), "yesterday", "", "2024-02-29"),  # leap year
            (D(2025, 3, 1), "yesterday", "", "2025-02-28"),
        ]
    )


# --- weeks, months, years ------------------------------------------------------------------
def test_relative_units() -> None:
    check(
        [
            (MON_0317, "this month", "", "2025-03"),
            (MON_0317, "last month", "", "2025-02"),
            (MON_0317, "next month", "", "2025-04"),
            (MON_0317, "earlier this month", "", "2025-03"),
            (MON_0317, "later this month", "", "2025-03"),
            (MON_0317, "this year", "", "2025"),
            (MON_0317, "last year", "", "2024"),
            (MON_0317, "next year", "", "2026"),
            (MON_0317, "the previous year", "", "2024"),
            (MON_0317, "the coming week", "", "2025-W13"),
            (MON_0317, "the previous week", "", "2025-W11"),  # no other date in the sentence
            (MON_0317, "the past week", "", "2025-W11"),
            (MON_0317, "the end of last year", "", "2024"),
            (MON_0317, "earlier this year", "", "2025-Q1"),  # the part gone: Q1 so far
            (MON_0317, "later this year", "", "2025"),
            (D(2006, 10, 5), "later this year", "", "2006-Q4"),  # MEANTIME gold
            (MON_0317, "the past decade", "", "201"),
            (MON_0317, "this century", "", "20"),
            (
                D(2009, 2, 20),
                "the start of this year",
                "The Dow has fallen since the start of this year.",
                "2009-01-01",
            ),
        ]
    )


def test_anaphoric_units_count_from_the_sentence() -> None:
    check(
        [
            (
                D(2010, 1, 28),
                "the year previous",
                "The company had cut its costs last year, $19.8 billion more than the year "
                "previous.",
                "2008",
            ),
            (
                D(2009, 2, 3),
                "the same month a year ago",
                "Sales fell 35% in January, compared to the same month a year ago.",
                "2008-01",
            ),
            (
                D(2024, 3, 5),
                "the same day a year earlier",
                "Sales on February 29 rose from the same day a year earlier.",
                "2023-02-28",
            ),
            (
                MON_0317,
                "the day before",
                "The ministers met on Thursday and the day before.",
                "2025-03-12",
            ),
            (MON_0317, "that day", "", None),
        ]
    )


# --- boundaries: New Year, ISO week 53 -------------------------------------------------------
def test_new_year_boundary() -> None:
    jan2 = D(2025, 1, 2)  # Thursday, ISO 2025-W01 (the week began Monday 2024-12-30)
    check(
        [
            (jan2, "this week", "", "2025-W01"),
            (jan2, "last week", "", "2024-W52"),
            (jan2, "yesterday", "", "2025-01-01"),
            (jan2, "last month", "", "2024-12"),
            (jan2, "last year", "", "2024"),
            (jan2, "Tuesday", "Markets were closed on Tuesday.", "2024-12-31"),
            (jan2, "in December", "Prices rose in December.", "2024-12"),
            (jan2, "next month", "", "2025-02"),
        ]
    )


def test_iso_week_53() -> None:
    check(
        [
            (D(2020, 12, 31), "this week", "", "2020-W53"),  # Thursday
            (D(2020, 12, 31), "next week", "", "2021-W01"),
            (D(2021, 1, 1), "this week", "", "2020-W53"),  # Friday; Jan 1 in the old ISO year
            (D(2021, 1, 3), "last week", "", "2020-W52"),  # Sunday
            (D(2026, 12, 31), "this week", "", "2026-W53"),  # Thursday
            (D(2027, 1, 4), "last week", "", "2026-W53"),  # Monday
            (D(2027, 1, 4), "over the weekend", "Snow fell over the weekend.", "2026-W53-WE"),
            (D(2027, 1, 4), "2026-W53", "", "2026-W53"),
        ]
    )


# --- months, seasons, quarters -----------------------------------------------------------
def test_months_by_tense() -> None:
    check(
        [  # published Monday 2025-02-10
            (MON_0210, "in March", "The company announced the cuts in March.", "2024-03"),
            (MON_0210, "in March", "The store will open in March.", "2025-03"),
            (MON_0210, "in January", "Sales fell in January.", "2025-01"),
            (MON_0210, "in January", "The rules will take effect in January.", "2026-01"),
            (MON_0210, "March", "", "2025-03"),  # no cue: nearest
            (MON_0210, "last March", "", "2024-03"),
            (MON_0210, "next March", "", "2025-03"),
            (MON_0210, "October of next year", "", "2026-10"),
            (D(2009, 10, 12), "last September", "", "2009-09"),
        ]
    )


def test_seasons() -> None:
    check(
        [
            (MON_0317, "last summer", "", "2024-SU"),
            (MON_0317, "this summer", "", "2025-SU"),
            (MON_0317, "next winter", "", "2025-WI"),
            (MON_0317, "the winter", "The winter was harsh.", "2024-WI"),  # Dec 2024 - Feb 2025
            (MON_0317, "spring", "", "2025-SP"),
            (MON_0317, "the summer of 2023", "", "2023-SU"),
            (MON_0317, "autumn 2024", "", "2024-FA"),
        ]
    )


def test_quarters_and_halves() -> None:
    check(
        [
            (MON_0317, "the first quarter", "", "2025-Q1"),
            (MON_0317, "the fourth quarter", "Profit rose in the fourth quarter.", "2024-Q4"),
            (MON_0317, "the third quarter", "It will launch in the third quarter.", "2025-Q3"),
            (MON_0317, "the last quarter", "", "2024-Q4"),
            (MON_0317, "the first quarter of 2024", "", "2024-Q1"),
            (MON_0317, "Q3 2023", "", "2023-Q3"),
            (MON_0317, "the second half of next year", "", "2026-H2"),
            (D(2009, 5, 7), "the first quarter of last year", "", "2008-Q1"),
        ]
    )


# --- counts: ago, in, durations ----------------------------------------------------------
def test_offsets() -> None:
    check(
        [
            (MON_0317, "two days ago", "", "2025-03-15"),
            (MON_0317, "a week ago", "", "2025-03-10"),
            (MON_0317, "three weeks ago", "", "2025-02-24"),
            (MON_0317, "in three weeks", "The vote will be held in three weeks.", "2025-04-07"),
            (MON_0317, "three months ago", "", "2024-12"),
            (MON_0317, "three years ago", "", "2022"),
            (MON_0317, "a year earlier", "", "2024"),
            (MON_0317, "a decade ago", "", "2015"),
            (MON_0317, "several years ago", "", "PAST_REF"),
        ]
    )


def test_durations() -> None:
    check(
        [
            (MON_0317, "three years", "", "P3Y"),
            (MON_0317, "two weeks", "", "P2W"),
            (MON_0317, "10 days", "", "P10D"),
            (MON_0317, "a 30-day ceasefire proposal", "", "P30D"),
            (MON_0317, "the past nine days", "", "P9D"),
            (MON_0317, "over a decade", "", "P10Y"),
            (MON_0317, "several years", "", "PXY"),
            (MON_0317, "24 hours", "", "PT24H"),
            (MON_0317, "in six years", "Shares closed at their lowest level in six years.", "P6Y"),
        ]
    )
    assert resolve("three years", MON_0317).granularity == "duration"


# --- years, decades, centuries, REFs -------------------------------------------------------
def test_years_decades_centuries() -> None:
    check(
        [
            (MON_0317, "2014", "", "2014"),
            (MON_0317, "mid-2011", "", "2011"),
            (MON_0317, "early 2009", "", "2009"),
            (MON_0317, "the 1990s", "", "199"),
            (MON_0317, "the '90s", "", "199"),
            (MON_0317, "the 2010s", "", "201"),
            (MON_0317, "the 20th century", "", "19"),
            (MON_0317, "the 21st century", "", "20"),
            (D(2008, 10, 27), "'82", "", "1982"),
            (D(2007, 2, 9), "70s", "", "197"),
            (D(2007, 1, 18), "the financial year", "", "FY2007"),
        ]
    )


def test_refs() -> None:
    check(
        [
            (MON_0317, "now", "", "PRESENT_REF"),
            (MON_0317, "currently", "", "PRESENT_REF"),
            (MON_0317, "recently", "", "PAST_REF"),
            (MON_0317, "in recent days", "", "PAST_REF"),
            (MON_0317, "in recent years", "", "PAST_REF"),
            (MON_0317, "the past", "", "PAST_REF"),
            (MON_0317, "the future", "", "FUTURE_REF"),
            (MON_0317, "soon", "", "FUTURE_REF"),
            (MON_0317, "the long term", "", "FUTURE_REF"),
        ]
    )
    assert resolve("now", MON_0317).granularity == "ref"


def test_clock_times() -> None:
    check(
        [
            (D(2009, 6, 1), "16:00 UTC today", "", "2009-06-01T16:00Z"),
            (D(2009, 6, 1), "12:00 UTC Monday", "", "2009-06-01T12:00Z"),
            (
                D(2009, 12, 16),
                "18:00 UTC",
                "The 787 made its first test flight Tuesday in Everett at 18:00 UTC.",
                "2009-12-15T18:00Z",
            ),
            (D(2008, 9, 18), "0800 UTC", "", "2008-09-18T08:00Z"),
            (MON_0317, "3 p.m.", "", "2025-03-17T15:00"),
        ]
    )


# --- no publication date, non-dates --------------------------------------------------------
def test_without_publication_date() -> None:
    check(
        [
            (None, "March 3, 2022", "", "2022-03-03"),
            (None, "2014", "", "2014"),
            (None, "the 1990s", "", "199"),
            (None, "three years", "", "P3Y"),
            (None, "recently", "", "PAST_REF"),
        ]
    )
    for text in (
        "Friday",
        "last week",
        "yesterday",
        "March 3",
        "in March",
        "two days ago",
        "the weekend",
        "next year",
    ):
        res = resolve(text, None, "He said it on Friday.")
        assert res == Resolution(text, None, None, "no_publication_date"), res


def test_not_a_date() -> None:
    res = resolve("the Joint Strike Fighter program", MON_0317)
    assert (res.value, res.reason) == (None, "not_a_date")
    assert resolve("Black Monday", MON_0317).reason == "unrecognised"
    assert resolve("", MON_0317).reason == "not_a_date"


def test_to_dict() -> None:
    assert resolve("today", MON_0317).to_dict() == {
        "text": "today",
        "value": "2025-03-17",
        "granularity": "day",
        "reason": None,
    }


# --- excerpts from dates_dev.jsonl -------------------------------------------------------------
# MEANTIME English corpus (Wikinews), (c) 2015 FBK, VU University Amsterdam, UPV/EHU,
# CC BY 4.0 (NewsReader project). Gold values as annotated.
MEANTIME = [
    (
        "2008-07-02",
        "June 18",
        "The Government Accountability Office on June 18 called for a "
        "re-run of the bidding for the U.S. Air Force $ 40 billion tanker contract .",
        "2008-06-18",
    ),
    (
        "2010-01-25",
        "11 December",
        "The glitch was not reported when the plane made its maiden "
        "flight on 11 December -- four years behind schedule .",
        "2009-12-11",
    ),
    (
        "2006-05-29",
        "Tuesday",
        "Boeing Commercial Airplanes on Tuesday delivered the final 717 "
        "jet built to AirTran Airways in ceremonies in Long Beach , California .",
        "2006-05-23",
    ),
    (
        "2006-03-28",
        "Wednesday",
        "The trial is set to begin on Wednesday in the Royal Courts of "
        "Justice , located in central London .",
        "2006-03-29",
    ),
    ("2008-09-18", "Friday", "Russian markets to remain closed until Friday", "2008-09-19"),
    (
        "2009-05-15",
        "October",
        "Instead , dealerships whose franchises wo n't be renewed after "
        "October of next year will receive a private letter .",
        "2010-10",
    ),
    (
        "2009-02-03",
        "the previous year",
        "Ford Motor Company sales dropped 42 % last month from the previous year .",
        "2008",
    ),
    (
        "2009-04-01",
        "the last week of March",
        "Car sales rebounded in the last week of March .",
        "2009-W13",
    ),
    ("2009-04-04", "fourth week", "US stocks log gains for fourth week in a row", "2009-W14"),
    (
        "2008-09-17",
        "a second consecutive day",
        "Trading on Russia 's major stock markets has "
        "been suspended for a second consecutive day .",
        "2008-09-17",
    ),
    (
        "2011-01-17",
        "the past decade",
        "Monday 's email announcement marked the third time in "
        "the past decade that Jobs has taken medical leave .",
        "200",
    ),
    (
        "2009-02-20",
        "over six years",
        "The Dow Jones Industrial Average closed at its lowest "
        "level in over six years on Thursday .",
        "P6Y",
    ),
    (
        "2011-03-18",
        "a week ago",
        "The Nikkei fell another 1.4 % Thursday , after the massive "
        "earthquake and tsunami hit the country a week ago .",
        "2011-03-11",
    ),
]


@pytest.mark.parametrize(("dct", "text", "context", "gold"), MEANTIME)
def test_meantime_excerpts(dct: str, text: str, context: str, gold: str) -> None:
    check([(D.fromisoformat(dct), text, context, gold)])


# --- bulk mode -----------------------------------------------------------------------------
def test_resolve_records() -> None:
    lines = [
        json.dumps({"text": "on Friday", "dct": "2025-03-17", "context": "He said on Friday."}),
        "",
        "{not json",
        json.dumps({"dct": "2025-03-17"}),
        json.dumps({"text": "today", "published": "2025-13-01"}),
        json.dumps({"text": "2014", "id": 7}),
        json.dumps(["a list"]),
    ]
    out = list(resolve_records(lines))
    assert len(out) == 6  # every non-empty line yields exactly one record
    assert out[0] == {
        "text": "on Friday",
        "dct": "2025-03-17",
        "context": "He said on Friday.",
        "value": "2025-03-14",
        "granularity": "day",
        "reason": None,
    }
    assert out[1]["line"] == 3 and "invalid JSON" in out[1]["error"]
    assert out[2]["line"] == 4 and "text" in out[2]["error"]
    assert out[3]["line"] == 5 and "2025-13-01" in out[3]["error"]
    assert out[4] == {
        "text": "2014",
        "id": 7,
        "value": "2014",
        "granularity": "year",
        "reason": None,
    }
    assert out[5]["line"] == 7
    for record in out[1:4]:
        assert "\n" not in record["error"]
