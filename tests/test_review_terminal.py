"""The terminal view: what a reviewer reads (content, order, wrapping), not which colours."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import cli
from summarizer.record_format import RawRecord
from summarizer.review.records import Located
from summarizer.review.terminal import make_console, render_overview, render_review
from summarizer.review.view import Row
from summarizer.schema import SCHEMA_VERSION, ArticleSummary, Position
from tests.conftest import ROOT
from tests.review_data import (
    as_data,
    error_record,
    ok_record,
    review_of,
    seed_summary,
    write_json,
    write_jsonl,
)


@pytest.fixture(scope="module")
def seed() -> ArticleSummary:
    return seed_summary()


def render(summary: ArticleSummary, width: int = 100) -> str:
    out = io.StringIO()
    render_review(review_of(summary), make_console(out, width=width))
    return out.getvalue()


def test_headline_key_points_and_warnings_up_front(seed: ArticleSummary) -> None:
    text = render(seed)
    assert seed.summary.headline and seed.summary.headline in text
    for point in seed.summary.key_points:
        assert f"• {point.text}" in " ".join(text.split())
    warnings = text.index(f"⚠ {len(seed.warnings)} warnings")
    assert warnings < text.index(f"Positions ({len(seed.positions)})")
    for w in seed.warnings:
        assert f"{w.code}  {w.path}" in text[warnings:]
    assert "duplicate_event  $.events.D17" in text


def test_positions_grouped_by_holder_with_stance_kind_and_evidence(seed: ArticleSummary) -> None:
    # A third position of Trump's, last in the file and without evidence (a file edited by
    # hand): it is grouped under his name with his first two, and says it has no evidence.
    summary = seed.model_copy(deep=True)
    summary.positions.append(
        Position(holder="A1", topic_id="T5", topic="Ukraine's territory",
                 stance="Land will be discussed.", stance_kind="undecided",
                 attribution="reported", evidence=[])
    )  # fmt: skip
    text = render(summary)
    section = text[text.index(f"Positions ({len(summary.positions)})") : text.index("Timeline (")]
    assert section.count("Alexander Grushko") == 1
    grushko = section[section.index("Alexander Grushko") :]
    grushko = grushko[: grushko.index("\n", grushko.index("▸ against  peacekeepers"))]
    assert "▸ against  NATO membership for Ukraine  (direct quote)" in grushko
    assert "“We will demand that ironclad security guarantees be included in this agreement,”" in (
        " ".join(grushko.split())
    )
    assert section.count("Donald Trump · US President") == 1
    trump = section[: section.index("Dmitry Peskov")]
    assert "▸ for  a 30-day ceasefire" in trump
    assert "▸ undecided  land and power plants in a deal" in trump
    assert "▸ undecided  Ukraine's territory" in trump
    assert "⚠ no evidence found in the article" in trump
    assert "[318:373, quotation]" in " ".join(trump.split())
    peskov = section[section.index("Dmitry Peskov") : section.index("Russia\n")]
    assert "[1489:1677, sentence]" in " ".join(peskov.split())  # a sentence cited as evidence


def test_timeline_sorted_with_expression_beside_its_value(seed: ArticleSummary) -> None:
    # One event's excerpt taken out (a file edited by hand): the event says so.
    summary = seed.model_copy(deep=True)
    tuesday_event = next(ev for ev in summary.timeline if ev.event == "Trump to speak with Putin")
    tuesday_event.excerpt = None
    text = render(summary, width=120)
    n = len(summary.timeline)
    section = text[text.index(f"Timeline ({n}, by date)") : text.index("Quotes (13)")]
    rows = [line for line in section.splitlines() if "“" in line or "no date" in line]
    values = [row.split()[0] for row in rows]
    assert values == ["2014", "2022", "2025-W11", "2025-03-14", "2025-03-14", "2025-03-15",
                      "2025-03-16", "2025-03-18", "no"]  # fmt: skip
    tuesday = next(row for row in rows if "on Tuesday" in row)
    assert tuesday.startswith("2025-03-18 (day)")
    assert "“on Tuesday”" in tuesday and "Trump to speak with Putin" in tuesday
    assert "⚠ excerpt not found" in section[section.index(tuesday) :]


def test_timeline_is_sorted_even_if_the_file_is_not(seed: ArticleSummary) -> None:
    shuffled = seed.model_copy(update={"timeline": list(reversed(seed.timeline))})
    text = render(shuffled, width=120)
    assert text.index("2014 (year)") < text.index("2025-03-18 (day)") < text.index("no date")


def test_quotes_with_speakers(seed: ArticleSummary) -> None:
    text = render(seed)
    section = text[text.index("Quotes (13)") :]
    assert "Q9  Alexander Grushko: “ironclad”" in section
    assert "Q5  Russia: “cautious optimism”" in section
    assert "prompt summarize v" in section  # provenance closes the view


def test_narrow_terminal_wraps_instead_of_truncating(seed: ArticleSummary) -> None:
    text = render(seed, width=40)
    assert max(len(line) for line in text.splitlines()) <= 40
    flat = " ".join(text.split())
    assert "2025-03-18 (day) “on Tuesday”" in flat  # stacked timeline, value then expression
    assert "Alexander Grushko: “We can discuss unarmed observers" in flat
    assert "…" not in flat.replace("power plants…", "").replace("realistic?…", "")


def test_article_text_cannot_restyle_or_control_the_terminal(seed: ArticleSummary) -> None:
    summary = seed.model_copy(deep=True)
    summary.summary.headline = "[bold red]Not markup[/bold red] \x1b[2J\x1b]0;owned\x07 :smile:"
    text = render(summary)
    assert "[bold red]Not markup[/bold red]" in text
    assert ":smile:" in text
    assert "\x1b" not in text and "\x07" not in text


def test_batch_overview_lists_every_record(seed: ArticleSummary) -> None:
    bad = ok_record("tampered", seed)
    bad["summary"]["quotes"][0]["start"] += 1
    records = [
        Located("r.jsonl", n, RawRecord.model_validate(record), "$.summary")
        for n, record in enumerate([ok_record("first", seed), error_record("broken"), bad], 1)
    ]
    out = io.StringIO()
    render_overview("r.jsonl", [Row.of(r) for r in records], make_console(out, width=160))
    text = out.getvalue()
    assert "r.jsonl: 3 records" in text
    assert "2 ok, 1 errors, 2 with warnings" in text
    first = next(line for line in text.splitlines() if line.startswith("first"))
    assert "Trump Announces Planned Discussion" in first
    counts = (len(seed.positions), len(seed.timeline), len(seed.quotes))
    assert re.search(r" {} +{} +{} ".format(*counts), first)  # pos, events, quotes columns
    assert seed.warnings[0].code in first
    assert all(w.code in text for w in seed.warnings)
    broken = next(line for line in text.splitlines() if line.startswith("broken"))
    assert "error" in broken and "InvalidOutputError: model output never validated" in broken
    assert "ok (1 invalid)" in next(line for line in text.splitlines() if "tampered" in line)


def _cli_env() -> dict[str, str]:
    drop = ("OPENAI_", "SUMMARIZER_", "FORCE_COLOR", "NO_COLOR", "TTY_", "COLUMNS", "LINES")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    return {**env, "TERM": "xterm-256color"}


def test_piped_output_has_no_colour_codes(tmp_path: Path, seed: ArticleSummary) -> None:
    path = write_json(tmp_path / "seed.json", as_data(seed))
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "review", str(path)],
        cwd=ROOT, env=_cli_env(), capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "\x1b" not in out
    assert seed.summary.headline and seed.summary.headline in " ".join(out.split())
    assert f"⚠ {len(seed.warnings)} warnings" in out


def test_a_real_terminal_gets_colour(tmp_path: Path, seed: ArticleSummary) -> None:
    """The contrast to the piped test: colour is there on a terminal, so its absence is real."""
    path = write_json(tmp_path / "seed.json", as_data(seed))
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "review", str(path)],
        cwd=ROOT, env=_cli_env(), stdout=child, stderr=child,
    )  # fmt: skip
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=60) == 0
    assert b"\x1b[" in b"".join(chunks)


def test_review_picks_a_batch_record_by_id(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [error_record("x"), ok_record("seed-1", seed)])
    assert cli.main(["review", str(path), "--id", "seed-1"]) == 0
    assert str(seed.summary.headline) in " ".join(capsys.readouterr().out.split())
    assert cli.main(["review", str(path), "--id", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("summarizer: error: ") and "record 'x' is an error" in err
    assert cli.main(["review", str(path), "--id", "nope"]) == 2
    assert "no record with id 'nope' (ids: x, seed-1)" in capsys.readouterr().err


def test_review_with_the_article_file(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--article`` supplies the text; a different text shows up as invalid spans."""
    data = as_data(seed)
    path = write_json(tmp_path / "seed.json", data)
    article = tmp_path / "article.txt"
    article.write_text(seed.article.text, encoding="utf-8")
    assert cli.main(["review", str(path), "--article", str(article)]) == 0
    assert "invalid" not in capsys.readouterr().out
    article.write_text("Someone else's article. " + seed.article.text, encoding="utf-8")
    assert cli.main(["review", str(path), "--article", str(article)]) == 0
    out = capsys.readouterr().out
    # Its own warnings, the differing text, and every span that no longer slices it (quotes,
    # key points' and positions' evidence, excerpts, dates); the view lists 8 of them
    spans = len(seed.quotes) + sum(len(p.evidence) for p in seed.positions)
    spans += sum(len(k.evidence) for k in seed.summary.key_points)
    spans += sum((ev.excerpt is not None) + (ev.date is not None) for ev in seed.timeline)
    assert spans == 13 + 26 + 4 + 9 + 8
    assert f"⚠ {len(seed.warnings) + 1 + spans} warnings" in out
    assert "the --article text differs from the text stored here" in out
    assert "$.quotes[0]: offsets 318:373 slice the article to" in out
    assert f"… and {1 + spans - 8} more invalid; `summarizer validate` lists them" in out


def test_review_refuses_a_wrong_schema_version(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    data = as_data(seed)
    data["schema_version"] = "2.0"
    path = write_json(tmp_path / "v2.json", data)
    assert cli.main(["review", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"summarizer: error: {path}: schema version '2.0' is not supported: this summarizer "
        f"reads and writes {SCHEMA_VERSION!r}"
    )
