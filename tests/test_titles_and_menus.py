"""Text that names no speaker: a work's title in quotation marks, and a web page's menu.

Both were read off the fresh set of cited reports (``bench/speaker_rules.py --wns``): a song,
a book and a radio show in title case had been their sentence's subject's words, and "View
comments" in a menu bar had made "View" an actor with a view."""

from __future__ import annotations

import pytest

from summarizer.index import index_article
from summarizer.index.quote_kinds import titled
from tests.test_speaker_us_news import indexed_cues
from tests.test_speakers import Expected, check


@pytest.mark.parametrize(
    "quote",
    [
        "The Lost Son,",
        "And Tonight Thank God it's Them Instead of You",
        "Like a Rolling Stone",
        "Analyzing With Juanma,",
        "Why Try to Change Me Now",
        "CI Team Red: An Army Counterintelligence Novel",
    ],
)
def test_a_title_in_title_case(quote: str) -> None:
    assert titled(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "It is over.",  # a sentence, however it is written
        "We Will Win. Then We Rest",
        "Stay Tuned.",
        "Warning: the Road Ahead is closed",  # a subtitle in lower case is a sentence
        "emotional",  # one word: a scare quote, not a title
        "the threat of a good example",
        "Make Love, Not Spam",  # a comma inside: a slogan that may be said
        "Prison will not deter us,",
        "Trump Is a total Disgrace",  # a lower-case word longer than the short ones
    ],
)
def test_not_a_title(quote: str) -> None:
    assert not titled(quote)


CASES: list[tuple[str, Expected]] = [
    # A song the subject sings is not the subject's words.
    (
        "The concert was long.\nThe frontman Ben Hale won the battle to belt out “And Tonight "
        "Thank God it's Them Instead of You” as he did two decades ago.",
        {"Q1": None},
    ),
    # Nor a book the subject wrote, with the comma American style sets inside the marks.
    (
        "Ann Kerr penned a best-selling autobiography, “The Lost Son,” about her roots.",
        {"Q1": None},
    ),
    # A web address, and a name after a verb of naming with the comma set inside its marks.
    (
        "The security firm Secura said a spammer site called “www.cheaploans.info,” which sold "
        "loans, had redirected its traffic.",
        {"Q1": None},
    ),
    (
        "Ann Kerr said the campaign ran an advert titled “Dangerous,” warning of the risks.",
        {"Q1": None},
    ),
    (
        "Ann Kerr said the department wants to be a kind of “match.com” for workers.",
        {"Q1": None},
    ),
    # A quotation that ends in a comma after a name is no thing: "“It is done,” Kerr said".
    (
        "Ann Kerr spoke. “It is done,” Kerr said.",
        {"Q1": ("name_said", "Ann Kerr", "Kerr")},
    ),
    # A title-case line that a speech verb attributes is still said.
    (
        "The crowd sang. “We Shall Overcome Someday,” Ann Kerr said.",
        {"Q1": ("name_said", "Ann Kerr", "Ann Kerr")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_titles_are_nobodys_words(text: str, expected: Expected) -> None:
    check(text, expected, indexed_cues)


def test_a_menu_bar_makes_no_actor() -> None:
    text = (
        "upload media | post an article | Comment on this article | View comments | Email "
        "this Feature News\nJohn Dear said the school must close. Dear comments often."
    )
    names = [a.name for a in index_article(text).actors]
    assert names == ["John Dear"]


def test_a_menu_links_names_found_elsewhere() -> None:
    """A name in a menu is still a mention of an actor the article names in its text."""
    text = "Home | Sport | Ann Kerr | Weather\nAnn Kerr said the pitch was wet."
    actors = index_article(text).actors
    assert [a.name for a in actors] == ["Ann Kerr"]
    assert [m.start for m in actors[0].mentions] == [text.index("Ann"), text.rindex("Ann")]
