"""Organisations whose names hold lower-case words ("Bank of America", "Friends of the Earth"),
as speakers and as the employers in a person's title."""

from __future__ import annotations

import pytest

from tests.test_actors import actors_of, by_name
from tests.test_speakers import cues_of


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Bank of America president David McIntosh said", "Bank of America president"),
        ("Club for Growth president David McIntosh said", "Club for Growth president"),
        (
            "The Institute for the Study of War analyst David McIntosh said",
            "Institute for the Study of War analyst",
        ),
    ],
)
def test_a_title_opened_by_an_organisations_whole_name_keeps_the_name(
    sentence: str, title: str
) -> None:
    text = f"{sentence} the plan was “a disaster”."
    cue = cues_of(text)["Q1"]
    assert (cue.rule, cue.name) == ("name_said", "David McIntosh"), cue
    assert by_name(actors_of(text))["David McIntosh"].title == title
