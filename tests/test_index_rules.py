"""The index's rule registry (``summarizer/index/rules.py``), walked rule by rule: each speaker
and actor rule is registered with its finder and has a positive and a negative case here; and
``summarizer index --explain`` names the rule behind each actor, mention and cue."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import get_args

import pytest

from summarizer.attribution import STRONG_RULES
from summarizer.index import index_article
from summarizer.index.rules import ACTOR_RULES, REFERRING, SPEAKER_RULES
from summarizer.index.units import ActorRule, SpeakerRule

SEED = Path(__file__).resolve().parents[1] / "seeds" / "trump-putin-call-ukraine.txt"
QUOTE = "“We will not back down from this fight,”"
# (rule, text, expected): what the rule made (a cue's speaker, an actor's name, a mention's
# words) must include ``expected``; with ``None`` the rule makes nothing in ``text``.
CASES: list[tuple[str, str, str | None]] = [
    # speaker cues
    ("as_saying", "Izvestia quoted Mr. Grushko as saying: “The talks will resume soon.”",
     "Grushko"),
    ("as_saying", "Izvestia said the talks would resume.", None),
    ("in_a_statement", "A statement from Amnesty International said the trial was unfair.",
     "Amnesty International"),
    ("in_a_statement", "Amnesty International said the trial was unfair.", None),
    ("according_to", "The talks will resume, according to Dmitry Peskov.", "Dmitry Peskov"),
    ("according_to", "The talks will resume, according to the plan.", None),
    ("name_said", "Dmitry Peskov said the talks would resume.", "Dmitry Peskov"),
    ("name_said", "An interview with Dmitry Peskov said little.", None),
    ("name_said", "Dmitry Peskov has since said the talks would resume.", "Dmitry Peskov"),
    ("name_said", "Mohammed Waseem confessed to killing his sister.", "Mohammed Waseem"),
    ("name_told", "Dmitry Peskov told reporters the talks would resume.", "Dmitry Peskov"),
    ("name_told", "Dmitry Peskov said the talks would resume.", None),
    ("on_behalf_of", "A spokesperson for Amnesty International said the trial was unfair.",
     "Amnesty International"),
    ("on_behalf_of", "Amnesty International said the trial was unfair.", None),
    ("colon_intro", "Mike Waltz responded: “We will not back down from this fight.”",
     "Mike Waltz"),
    ("colon_intro", f"{QUOTE} Mike Waltz responded.", None),
    ("pronoun_continues", f"Dmitry Peskov said the talks would resume. {QUOTE} he said.",
     "Dmitry Peskov"),
    ("pronoun_continues", f"{QUOTE} Dmitry Peskov said.", None),
    ("noun_continues", "Amnesty International issued a statement on Monday. The statement said"
     " the trial was unfair.", "Amnesty International"),
    ("noun_continues", "Amnesty International issued a statement on Monday.", None),
    ("said_name", f"{QUOTE} said Dmitry Peskov.", "Dmitry Peskov"),
    ("said_name", "The indictment said staffer John Smith found the files.", None),
    ("name_saying", "Dmitry Peskov commended the parties, saying they had agreed.",
     "Dmitry Peskov"),
    ("name_saying", "Dmitry Peskov commended the parties.", None),
    ("signed", f"Dmitry Peskov spoke.\n{QUOTE}\n― Dmitry Peskov", "Dmitry Peskov"),
    ("signed", f"Dmitry Peskov spoke.\n{QUOTE}\nDmitry Peskov, 52, was in Moscow.", None),
    ("paragraph_continues", f"{QUOTE} Dmitry Peskov said. “The talks will resume next week.”",
     "Dmitry Peskov"),
    ("paragraph_continues", f"{QUOTE} Dmitry Peskov said.", None),
    ("sentence_subject", "In January 2021, President Joe Biden signed an order that paused “the"
     " construction of the wall at the border and more”.", "Joe Biden"),
    ("sentence_subject", f"{QUOTE} said Dmitry Peskov.", None),
    ("holds_stance", "Russia has dismissed the idea of peacekeepers.", "Russia"),
    ("holds_stance", "The idea of peacekeepers was dismissed.", None),
    # an opening "From …," and a name's acronym in brackets before the verb
    ("holds_stance", "From May 2021, the National Archives and Records Administration (NARA)"
     " sought these documents.", "National Archives and Records Administration"),
    # an apposition before the verb; a verb of protest
    ("holds_stance", "The European Council, on behalf of member states, agreed with the"
     " European Parliament on the act.", "European Council"),
    ("holds_stance", "Minister Itamar Ben-Gvir has previously protested the festival.",
     "Itamar Ben-Gvir"),
    # actors and mentions
    ("institution", "NATO met on Monday.", "NATO"),
    ("institution", "The alliance met on Monday.", None),
    ("person_name", "Dmitry Peskov said the talks would resume.", "Dmitry Peskov"),
    ("person_name", "Karl Marx Avenue was closed.", None),
    ("title", "In January 2021, President Joe Biden signed an order.", "President"),
    ("title", "Dmitry Peskov said the talks would resume.", None),
    ("surname_only", "President Macron said the talks would resume.", "Macron"),
    ("surname_only", "Dmitry Peskov said the talks would resume.", None),
    ("organisation_name", "The Defence Ministry said the drill was over.", "Defence Ministry"),
    ("organisation_name", "The ministry said the drill was over.", None),
    ("defined_name", "The Philippine Institute of Volcanology and Seismology (Phivolcs) raised"
     " the alert. Phivolcs said more eruptions were likely.", "Phivolcs"),
    ("defined_name", "The Philippine Institute of Volcanology and Seismology raised the alert.",
     None),
    ("acronym", "The Government Accountability Office upheld the protest. The GAO said the"
     " award was flawed.", "GAO"),
    ("acronym", "The Government Accountability Office upheld the protest.", None),
    ("repeated_name", "Dmitry Peskov Rejects Ceasefire Plan\n\nDmitry Peskov said the talks"
     " would resume.", "Dmitry Peskov"),
    ("repeated_name", "Dmitry Peskov said the talks would resume.", None),
    ("state_body", "The Syrian foreign ministry disputed the report.", "Syrian foreign ministry"),
    ("state_body", "The report was disputed in Syria.", None),
    ("state", "Russia said the talks would resume.", "Russia"),
    ("state", "The talks were held in Russia.", None),
    ("state", "Russia sent troops. The Kremlin said the talks would resume.", "Kremlin"),
    ("surname_link", "President Macron said the talks would resume.", "President Macron"),
    ("surname_link", "Dmitry Peskov said the talks would resume.", None),
    ("org_word_link", "The US Department of the Interior approved the plan. It was the"
     " Department's first ruling.", "Department"),
    ("org_word_link", "The US Department of the Interior approved the plan.", None),
]  # fmt: skip


def _made(text: str) -> dict[str, set[str]]:
    """What each rule made in ``text``: cue speakers, actor names, mention words."""
    index = index_article(text, published="2025-03-17")
    out: dict[str, set[str]] = defaultdict(set)
    for a in index.actors:
        out[a.rule].add(a.name)
        for m in a.mentions:
            out[m.rule].add(m.text)
    for c in (*index.speakers, *index.holders):
        out[c.rule].add(c.name)
    return out


@pytest.mark.parametrize(("rule", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule_case(rule: str, text: str, expected: str | None) -> None:
    made = _made(text)
    if expected is None:
        assert rule not in made, made
    else:
        assert expected in made.get(rule, set()), made


def test_every_rule_has_a_positive_and_a_negative_case() -> None:
    names = [r.name for r in SPEAKER_RULES] + [r.name for r in ACTOR_RULES]
    for name in names:
        expected = [e for rule, _, e in CASES if rule == name]
        assert any(e is not None for e in expected), f"{name}: no positive case"
        assert any(e is None for e in expected), f"{name}: no negative case"
    assert {rule for rule, _, _ in CASES} == set(names)


def test_registry_matches_the_rule_names_and_every_rule_has_a_finder() -> None:
    assert {r.name for r in SPEAKER_RULES} == set(get_args(SpeakerRule))
    assert {r.name for r in ACTOR_RULES} == set(get_args(ActorRule))
    for rule in (*SPEAKER_RULES, *ACTOR_RULES):
        assert rule.finder.startswith("summarizer.index."), rule
        assert rule.description and rule.explain().startswith(rule.name)
    ranks = [r.rank for r in SPEAKER_RULES]
    assert ranks == sorted(set(ranks))  # iterated by rank, no ties
    assert {"pronoun_continues", "noun_continues"} == REFERRING
    assert set(get_args(SpeakerRule)) >= STRONG_RULES


def test_index_json_records_the_rule_of_actors_and_mentions() -> None:
    data = index_article(SEED.read_text(encoding="utf-8"), published="2025-03-17").to_dict()
    for actor in data["actors"]:
        assert actor["rule"] in get_args(ActorRule)
        assert all(m["rule"] in get_args(ActorRule) for m in actor["mentions"])


def test_every_word_list_file_is_read_documented_and_without_repeats() -> None:
    """``index/word_lists/*.txt``: each opens with its header comment, repeats no entry, and
    is one that ``lexicon.py`` reads (no list lies there unused)."""
    lists = Path(__file__).resolve().parents[1] / "summarizer" / "index" / "word_lists"
    loader = (lists.parent / "lexicon.py").read_text(encoding="utf-8")
    files = sorted(lists.glob("*.txt"))
    assert files
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# "), path.name
        entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        assert entries and len(entries) == len(set(entries)), path.name
        assert f'("{path.stem}")' in loader, f"{path.name} is not read by lexicon.py"
