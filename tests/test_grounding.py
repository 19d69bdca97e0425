"""Locating excerpts: every span must slice the original text back to what it claims."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from summarizer.grounding import _CHAR_MAP, Grounder, NormalisedText

SEED = Path(__file__).resolve().parents[1] / "seeds" / "trump-putin-call-ukraine.txt"

ARTICLE = (
    "“We aim to see if we can bring that war to a conclusion,” Mr. Trump told reporters.\n"
    "“Perhaps we can, perhaps we can’t, but I believe we stand a very good chance.”\n"
    "The plant — Europe’s largest — was  shelled\nagain. He said the plant was shelled again."
)


def check(g: Grounder, excerpt: str) -> tuple[str, int, int, str]:
    span = g.locate(excerpt)
    assert span is not None, excerpt
    assert ARTICLE[span.start : span.end] == span.text
    return span.text, span.start, span.end, span.match


def test_exact_match() -> None:
    g = Grounder(ARTICLE)
    text, start, _, match = check(g, "bring that war to a conclusion")
    assert match == "exact"
    assert start == ARTICLE.index("bring that war")
    assert text == "bring that war to a conclusion"


def test_surrounding_quote_marks_are_ignored() -> None:
    text, _, _, match = check(Grounder(ARTICLE), '"We aim to see if we can bring that war"')
    assert text == "We aim to see if we can bring that war"
    assert match == "exact"


def test_straight_apostrophe_matches_curly() -> None:
    text, _, _, match = check(Grounder(ARTICLE), "perhaps we can't, but I believe")
    assert match == "normalised"
    assert text == "perhaps we can’t, but I believe"


def test_dashes_whitespace_and_line_breaks() -> None:
    text, _, _, match = check(Grounder(ARTICLE), "The plant - Europe's largest - was shelled again")
    assert match == "normalised"
    assert text == "The plant — Europe’s largest — was  shelled\nagain"


def test_case_is_tolerated() -> None:
    text, _, _, match = check(Grounder(ARTICLE), "MR. TRUMP TOLD REPORTERS")
    assert match == "normalised"
    assert text == "Mr. Trump told reporters"


@pytest.mark.parametrize("gap", ["...", "…", " ... "])
def test_ellipsis_gap(gap: str) -> None:
    excerpt = f"We aim to see if we can{gap}to a conclusion"
    text, start, end, match = check(Grounder(ARTICLE), excerpt)
    assert match == "ellipsis"
    assert text == "We aim to see if we can bring that war to a conclusion"
    assert (start, end) == (1, 1 + len(text))


def test_ellipsis_fragments_must_be_in_order() -> None:
    assert Grounder(ARTICLE).locate("to a conclusion ... We aim to see if we can") is None


def test_ellipsis_fragments_must_be_real_words() -> None:
    # Tiny fragments could match anywhere: they ground nothing.
    assert Grounder(ARTICLE).locate("We ... a ... the") is None


def test_not_found() -> None:
    g = Grounder(ARTICLE)
    assert g.locate("We will discuss land and guarantee Crimea") is None
    assert g.locate("   ") is None
    assert g.locate("“”") is None


def test_repeated_excerpt_prefers_occurrence_near_hint() -> None:
    g = Grounder(ARTICLE)
    first = g.locate("plant")
    assert first is not None
    assert first.start == ARTICLE.index("plant")
    hint = ARTICLE.index("the plant was")
    second = g.locate("plant", near=hint)
    assert second is not None
    assert second.start == hint + len("the ")
    # A normalised match honours the hint too.
    folded = g.locate("PLANT", near=hint)
    assert folded is not None and folded.start == second.start


def test_article_ellipsis_character_matches_three_dots() -> None:
    article = "“We will discuss power plants… We are already addressing that.”"
    span = Grounder(article).locate("power plants... We are already")
    assert span is not None
    assert span.text == "power plants… We are already"


def test_letters_whose_lower_case_grows_keep_offsets_aligned() -> None:
    article = "İstanbul’s mayor said “İmamoğlu will run” on Monday."
    span = Grounder(article).locate("İSTANBUL'S MAYOR SAID")
    assert span is not None
    assert article[span.start : span.end] == span.text == "İstanbul’s mayor said"
    later = Grounder(article).locate("ON MONDAY")
    assert later is not None and later.text == "on Monday"


def test_fast_folding_agrees_with_the_general_loop_on_random_text() -> None:
    """``of`` skips the per-character loop when it can; both must give the same offsets."""
    mapping = str.maketrans(_CHAR_MAP)
    # No "İ" here: a letter whose lower case grows sends the whole text down the general loop.
    alphabet = "ab Cd\t\n\r\u00a0\u2019\u201c\u2014xyZ  \x1c\u2028\u3000é.\u2026`\u00b4\u2212"
    rng = random.Random(7)
    texts = ["", " ", "\u2026", "a  b", "İ …\n\n x"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(3000)]
    texts.append(SEED.read_text(encoding="utf-8"))
    for text in texts:
        expected = NormalisedText._of_slowly(text.translate(mapping))
        assert NormalisedText.of(text) == expected, repr(text)
