"""Deterministic quotation finding: the only source of quote text in the output."""

from __future__ import annotations

from summarizer.index.quotations import find_quotations


def texts(article: str) -> list[str]:
    found = find_quotations(article)
    for q in found:
        assert article[q.start : q.end] == q.text
    assert [q.number for q in found] == list(range(1, len(found) + 1))
    return [q.text for q in found]


def test_curly_and_straight_double_quotes() -> None:
    article = 'He said: “We will go.” She said "No way," and left.'
    assert texts(article) == ["We will go.", "No way,"]


def test_short_partial_quote() -> None:
    assert texts("Russia seeks “ironclad” assurances.") == ["ironclad"]


def test_scare_quotes_in_single_marks_but_not_apostrophes() -> None:
    article = "A man described as a 'disgruntled lawyer' shot people. Threads' users can't post."
    assert texts(article) == ["disgruntled lawyer"]


def test_quote_left_open_ends_at_paragraph() -> None:
    article = "“First paragraph of a long quote.\n“Second paragraph,” he said."
    assert texts(article) == ["First paragraph of a long quote.", "Second paragraph,"]


def test_straight_quote_left_open_runs_on_only_into_a_reopened_paragraph() -> None:
    # News style: the next paragraph re-opens the quotation, so this one ran to its end.
    article = 'Said Haines: "We had to make a case.\n\n"We spoke to players," he said.'
    assert texts(article) == ["We had to make a case.", "We spoke to players,"]
    # A stray mark whose paragraph is not followed by a quotation stays ignored.
    assert texts('He is 6" tall.\n\nHe left.') == []


def test_a_curly_opening_typed_with_a_straight_close_ends_there() -> None:
    # Mixed marks (TimeSET line 97): the curly quote closes at the straight one, so the
    # verb and the name after it stay outside, and the next quotation is found.
    article = '“It is very frustrating", commented Joseph Lim. "The trains stop," he said.'
    assert texts(article) == ["It is very frustrating", "The trains stop,"]
    # A curly close, where there is one, still wins over a straight mark inside.
    assert texts('“He said "no" twice,” she said.') == ['He said "no" twice,']
    # A paragraph re-opened by the next keeps its words to the end, as before.
    article = '“We had to make a case, "he" said.\n“We spoke to players,” he said.'
    assert texts(article)[0] == 'We had to make a case, "he" said.'


def test_a_straight_opening_typed_with_a_curly_close_ends_there() -> None:
    # The mirror case (a Politico article): "…” closes at the curly mark, even when the next
    # paragraph opens with a quotation mark, so the verb and the name stay outside.
    article = '"But Pete Wilson won,” Axelrod said.\n\n"I know. I know,” Henry said.'
    assert texts(article) == ["But Pete Wilson won,", "I know. I know,"]


def test_nested_single_quote_is_part_of_the_outer_quote() -> None:
    assert texts("“He called it ‘idle talk’ today,” she said.") == [
        "He called it ‘idle talk’ today,"
    ]


def test_a_quotation_nested_in_the_same_curly_marks_is_part_of_the_outer_one() -> None:
    """Writers often nest “…” in “…”: the outer quotation runs to the ” that balances its
    “ (it ended at the inner close, and lost its signature); unbalanced, the first ”."""
    article = (
        "“I’d rather live in what he calls “hell” than live in his world.” ― Ana Ruiz\n"
        "“Open “inner” and never closed\n“A” and “B”.\n"
    )
    assert texts(article) == [
        "I’d rather live in what he calls “hell” than live in his world.",
        "Open “inner",
        "A",
        "B",
    ]


def test_seed_quotations(seed_text: str) -> None:
    found = texts(seed_text)
    # Counted by hand in seeds/trump-putin-call-ukraine.txt: 13 quoted passages.
    assert len(found) == 13
    assert found[0] == "We aim to see if we can bring that war to a conclusion,"
    assert "cautious optimism" in found
    assert "ironclad" in found
    assert found[-1].startswith("We can discuss unarmed observers")
    assert found[-1].endswith("it’s merely idle talk.")


def test_limit_and_no_quotes() -> None:
    assert find_quotations("No quotes here.") == []
    assert len(find_quotations('"a" "b" "c"', limit=2)) == 2


def test_a_straight_opening_closed_by_two_apostrophes_ends_there() -> None:
    article = '"It is over,\'\' Dane said. "We won."\n'
    assert texts(article) == ["It is over,", "We won."]


def test_apostrophes_typed_as_straight_marks_open_nothing() -> None:
    # Text scraped through a bad encoding: "Bush"s", "don"t", "the workers" wages".
    article = (
        'After Bush"s reelection the workers" wages fell. He said "we will win" today. '
        'I don"t know.'
    )
    assert texts(article) == ["we will win"]
    # A typed mark missing its space still opens a quotation.
    assert texts('He waxed poetic about"joint operations" and left.') == ["joint operations"]
