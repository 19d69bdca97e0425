"""Holders of a view stated without a speech verb of the speaker rules: the subject of a
stance verb or a stance adjective, a member of a list, a partner "along with" the subject.
Each with the case its rule must leave alone."""

from __future__ import annotations

import pytest

from summarizer.article import make_article
from summarizer.index import index_article

# Names the index lists in any article: each speaks once in the first sentence.
OPENING = "Edward Kaufman said on Monday he would act. Mark Warner said he agreed. "


def _holders(text: str) -> set[tuple[str, str]]:
    index = index_article(make_article(OPENING + text))
    names = {a.id: a.name for a in index.actors}
    return {(c.target, names[c.actor]) for c in index.holders if c.actor is not None}


def test_a_partner_along_with_the_subject_holds_the_view_too() -> None:
    text = "Kaufman, along with senator Mark Warner from Virginia, called on Congress to act."
    assert _holders(text) == {("S3", "Edward Kaufman"), ("S3", "Mark Warner")}


def test_a_day_between_the_subjects_and_the_verb_is_no_gap() -> None:
    text = "Edward Kaufman and Mark Warner today announced that the bill would pass."
    assert _holders(text) == {("S3", "Edward Kaufman"), ("S3", "Mark Warner")}


@pytest.mark.parametrize("verb", ["is hoping that", "is urging Congress to", "are insisting that"])
def test_a_progressive_stance_verb_makes_its_subject_a_holder(verb: str) -> None:
    assert _holders(f"Edward Kaufman {verb} the bill must pass.") == {("S3", "Edward Kaufman")}


def test_a_list_that_says_holds_the_view_each() -> None:
    # "say" is a speech verb: one subject is the speaker rules' ("name_said"); a list is left
    # to the holders, each of its names a holder.
    text = "Edward Kaufman and Mark Warner say that the bill must pass."
    assert _holders(text) == {("S3", "Edward Kaufman"), ("S3", "Mark Warner")}


@pytest.mark.parametrize(
    "adjective",
    ["is concerned that", "was also unhappy about", "remains optimistic that", "is opposed to"],
)
def test_a_stance_adjective_after_a_copula_makes_its_subject_a_holder(adjective: str) -> None:
    assert _holders(f"Edward Kaufman {adjective} the bill.") == {("S3", "Edward Kaufman")}


def test_a_stance_adjective_without_a_copula_holds_nothing() -> None:
    # "concerned" here is no state of Kaufman's: the sentence is about the residents.
    assert _holders("Edward Kaufman met concerned residents on Friday.") == set()
    assert _holders("Edward Kaufman's concerned aides left early.") == set()


def test_an_apposition_opening_with_a_possessive_name_is_no_subject_of_its_own() -> None:
    text = "Edward Kaufman, Delaware's senior senator, is hoping that the bill will pass."
    assert _holders(text) == {("S3", "Edward Kaufman")}


def test_named_outlets_that_report_hold_what_they_report() -> None:
    text = "Edward Kaufman and the newspaper Mark Warner report that the bill will pass."
    assert _holders(text) == {("S3", "Edward Kaufman"), ("S3", "Mark Warner")}


@pytest.mark.parametrize(
    "verb",
    [
        "declined to comment on",
        "made a plea on Tuesday for",
        "spoke of his sadness at",
        "has serious doubts about",
    ],
)
def test_a_view_in_a_verbs_noun_makes_its_subject_a_holder(verb: str) -> None:
    assert _holders(f"Edward Kaufman {verb} the bill.") == {("S3", "Edward Kaufman")}


@pytest.mark.parametrize(
    "verb", ["declined to vote on", "made a speech on", "spoke to a reporter about", "has a dog."]
)
def test_the_same_verbs_without_their_noun_hold_nothing(verb: str) -> None:
    assert _holders(f"Edward Kaufman {verb} the bill.") == set()


def test_a_name_after_with_and_before_a_participle_of_saying_holds_the_view() -> None:
    text = (
        "Funding is rare, with Airbus spokesman Mark Warner saying the company's move was "
        "unprecedented."
    )
    assert _holders(text) == {("S3", "Mark Warner")}
    # Met "with" a person who is only the object, the person holds nothing.
    assert _holders("Edward Kaufman met with Mark Warner on Monday.") == set()


def test_a_name_run_into_the_next_is_part_of_it_not_a_member_of_the_list() -> None:
    text = (
        "At 0800 UTC, the Bank of Canada, the United States Federal Reserve and the Swiss "
        "National Bank jointly announced that they would work together. The Bank of Canada "
        "said it would act. The United States Federal Reserve said it would act. The Swiss "
        "National Bank said it would act."
    )
    index = index_article(make_article(text))
    names = {a.id: a.name for a in index.actors}
    held = {names[c.actor] for c in index.holders if c.target == "S1" and c.actor}
    assert "Bank of Canada" in held and "Swiss National Bank" in held, held
    assert len(held) == 3, held  # the Federal Reserve once, not the United States beside it
    # "the Swiss National Bank" is a name, not "the bank" describing the Bank of Canada.
    assert not any(c.target == "S1" for c in index.speakers)


@pytest.mark.parametrize(
    "subject", ["The investigative agency Edward Kaufman", "France's agency Edward Kaufman"]
)
def test_a_description_right_before_the_subject_leaves_it_the_subject(subject: str) -> None:
    text = f"{subject} has requested financial assistance for the search."
    assert _holders(text) == {("S3", "Edward Kaufman")}


def test_a_name_after_a_preposition_of_its_description_is_no_subject() -> None:
    assert _holders("Supporters of Edward Kaufman have requested a recount.") == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "Mark Warner issued a warning that profits would drop.",
        "Mark Warner issued an appeal for calm.",
        "Mark Warner is encouraging banks to lend to smaller firms.",
    ],
)
def test_a_warning_issued_or_an_encouragement_holds_a_view(sentence: str) -> None:
    assert _holders(sentence) == {("S3", "Mark Warner")}


def test_a_report_issued_holds_no_view() -> None:
    assert _holders("Mark Warner issued a report on Monday.") == set()


def test_a_reporters_byline_holds_no_view() -> None:
    """ "Cindy Swirko writes for The Gainesville Sun." closed a report as a position of hers;
    a stance verb of hers elsewhere still holds one."""
    text = "Cindy Swirko writes for The Gainesville Sun. Cindy Swirko opposes the plan."
    assert _holders(text) == {("S4", "Cindy Swirko")}


def test_the_point_of_a_company_suffix_is_no_gap_before_the_verb() -> None:
    assert _holders("Caterpillar Inc. has requested a recount.") == {("S3", "Caterpillar Inc")}
    text = "Caterpillar Inc. and Mark Warner have requested a recount."
    assert _holders(text) == {("S3", "Caterpillar Inc"), ("S3", "Mark Warner")}


@pytest.mark.parametrize("verb", ["approved", "has ratified", "vetoed"])
def test_approving_or_vetoing_a_proposal_holds_a_view(verb: str) -> None:
    text = f"Mark Warner {verb} the merger of the two airlines."
    assert _holders(text) == {("S3", "Mark Warner")}
