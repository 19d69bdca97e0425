"""``summarizer timeline``: every output format, bad input, --actor, atomic output.

The formats' content is tested in detail in ``test_story_render.py``; here the command runs end
to end on a small real batch: the seed article as the pipeline summarises it against the fake
server, a second edition of it, and an error record. Those tests need the real
``build_timelines``; bad input and options fail before it is called.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from summarizer import cli
from summarizer.article import article_id
from summarizer.cli_shared import open_output
from summarizer.errors import InputError
from summarizer.schema import ArticleSummary
from summarizer.story.cli import format_of
from summarizer.story.model import StoryTimelines, Timeline
from tests.review_data import error_record, ok_record, seed_summary, write_json, write_jsonl
from tests.test_story_render import read_rows


def test_format_comes_from_the_flag_else_the_suffix_else_json() -> None:
    assert format_of(None, None) == "json"
    assert format_of(None, Path("t.CSV")) == "csv"
    assert format_of(None, Path("t.md")) == "md"
    assert format_of(None, Path("t.html")) == "html"
    assert format_of(None, Path("t.txt")) == "json"
    assert format_of("md", Path("t.csv")) == "md"


# Atomic output ------------------------------------------------------------------------------


def test_output_replaces_a_file_only_when_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    with pytest.raises(RuntimeError), open_output(out) as f:
        f.write("half of it")
        raise RuntimeError("the writer failed")
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary left
    with open_output(out) as f:
        f.write("new")
    assert out.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_output_through_a_symlink_and_into_a_directory(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(target)
    with open_output(link) as f:
        f.write("{}")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "{}"
    with pytest.raises(InputError, match="is a directory"), open_output(tmp_path) as f:
        f.write("x")


# The command: bad input (no builder needed) -------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, list[str]]:
    """Exit code, stdout, and stderr's lines of ``summarizer timeline ARGS``."""
    code = cli.main(["timeline", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def _bad(tmp_path: Path, case: str) -> tuple[list[Path], str]:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    (tmp_path / "folder").mkdir()
    errors = write_jsonl(tmp_path / "errors.jsonl", [error_record("x1"), error_record("x2")])
    binary = bytes(range(256)) * 8
    return {
        "missing": ([tmp_path / "nope.jsonl"], "no such file"),
        "a directory": ([tmp_path / "folder"], "is a directory"),
        "binary jsonl": ([write("bin.jsonl", binary)], "malformed JSON"),
        "binary json": ([write("bin.json", binary)], "malformed JSON"),
        "empty": ([write("empty.jsonl", b"")], "empty file"),
        "blank lines": ([write("blank.jsonl", b"\n\n")], "empty file"),
        "not a result": ([write("other.json", b'{"headline": "x"}')], "not a result"),
        "only error records": ([errors], "no summaries, only 2 error record(s)"),
        "a missing file after a good one": (
            [errors, tmp_path / "gone.jsonl"],
            "gone.jsonl: no such file",
        ),
        "an empty file before another": ([write("e.jsonl", b""), errors], "empty file"),
    }[case]


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "a directory",
        "binary jsonl",
        "binary json",
        "empty",
        "blank lines",
        "not a result",
        "only error records",
        "a missing file after a good one",
        "an empty file before another",
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_output(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths, says = _bad(tmp_path, case)
    out = tmp_path / "out.json"
    code, stdout, err = run(capsys, *paths, "-o", out)
    assert code == 2, err
    assert len(err) == 1 and err[0].startswith("summarizer: error: "), err
    assert says in err[0]
    assert stdout == "" and not out.exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["--review-base", "http://x/", "--format", "md"],
            "--review-base applies to --format html",
        ),
        (["--actor", "  "], "--actor needs a name"),
        (["-", "-"], "can be read once only"),
    ],
)
def test_bad_options_are_one_line(
    args: list[str], says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = write_jsonl(tmp_path / "r.jsonl", [error_record("x")])
    code, stdout, err = run(capsys, results, *args)
    assert code == 2 and len(err) == 1 and says in err[0] and stdout == ""


def test_min_articles_below_one_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["timeline", "r.jsonl", "--min-articles", "0"])
    assert exit_.value.code == 2
    assert "at least 1" in capsys.readouterr().err


# The command end to end: these wait for build_timelines -------------------------------------


@functools.cache
def _editions() -> tuple[ArticleSummary, ArticleSummary]:
    """The seed article as summarised, and a second edition of it (one more line, another id,
    another source): the same actors and events in two articles."""
    first = seed_summary()
    text = first.article.text + "\n\nUpdated with reporting from Kyiv."
    article = first.article.model_copy(
        update={"id": article_id(text), "text": text, "source": "second desk"}
    )
    return first, first.model_copy(update={"article": article}, deep=True)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    one, two = _editions()
    records: list[dict[str, Any] | str] = [
        ok_record("one", one),
        error_record("broken"),
        ok_record("two", two),
    ]
    return write_jsonl(tmp_path / "results.jsonl", records)


def _trump(story: StoryTimelines) -> Timeline:
    found = [t for t in story.timelines if "Trump" in t.actor.name]
    assert len(found) == 1, [t.actor.name for t in story.timelines]
    return found[0]


def test_json_of_a_real_batch(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = run(capsys, batch)
    assert code == 0, err
    story = StoryTimelines.model_validate_json(stdout)
    assert story.articles == 2 and story.skipped == 1
    assert "summarizer: skipped 1 error record" in err
    trump = _trump(story)
    assert trump.actor.articles == ["one", "two"]  # named by record id, as the builder does
    assert trump.events and all(e.citations for e in trump.events)


def test_several_results_files_are_one_batch(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = _editions()
    first = write_jsonl(tmp_path / "first.jsonl", [ok_record("one", one), error_record("broken")])
    second = write_jsonl(tmp_path / "second.jsonl", [ok_record("two", two)])
    code, together, _ = run(capsys, first, second)
    assert code == 0
    _, whole, _ = run(capsys, batch)
    assert together == whole


def test_a_summary_file_is_named_by_its_article_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = _editions()
    first = write_json(tmp_path / "one.json", json.loads(one.model_dump_json()))
    second = write_json(tmp_path / "two.json", json.loads(two.model_dump_json()))
    code, stdout, err = run(capsys, first, second)
    assert code == 0, err
    story = StoryTimelines.model_validate_json(stdout)
    assert (story.articles, story.skipped) == (2, 0)
    assert _trump(story).actor.articles == [one.article.id, two.article.id]


def test_csv_and_markdown_files_of_a_real_batch(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = StoryTimelines.model_validate_json(run(capsys, batch)[1])
    code, stdout, err = run(capsys, batch, "-o", tmp_path / "t.csv")
    assert code == 0 and stdout == ""
    assert err[-1].startswith(f"summarizer: wrote {tmp_path / 't.csv'} (")
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # for Excel, like export
    rows = read_rows(raw.decode("utf-8-sig"))
    cited = sum(max(1, sum(len(e.citations) for e in t.events)) for t in story.timelines)
    assert len(rows) == cited
    assert {r["actor_id"] for r in rows} == {t.actor.id for t in story.timelines}
    assert run(capsys, batch, "-o", tmp_path / "t.md")[0] == 0
    md = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert f"## {_trump(story).actor.name} (person)" in md
    assert md.count("  > “") == sum(len(e.citations) for t in story.timelines for e in t.events)


def test_actor_names_that_match_nothing_are_warned_about(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.json"
    code, _, err = run(capsys, batch, "--actor", "Putin", "--actor", "Nobody Atall", "-o", out)
    assert code == 0
    assert "summarizer: warning: no actor named 'Nobody Atall' in these results" in err
    assert not any("Putin" in line for line in err)
    story = StoryTimelines.model_validate_json(out.read_text(encoding="utf-8"))
    assert [t.actor.name for t in story.timelines] == ["Vladimir Putin"]

    out.write_text("kept", encoding="utf-8")
    code, stdout, err = run(capsys, batch, "--actor", "Nobody Atall", "-o", out)
    assert code == 1 and stdout == ""
    assert err[0].endswith("no actor named 'Nobody Atall' in these results")
    assert err[-1].startswith("summarizer: error: no timeline")
    assert out.read_text(encoding="utf-8") == "kept"  # a failed run leaves the old file
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_line_that_is_not_a_summary_is_skipped_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = _editions()
    results = write_jsonl(
        tmp_path / "r.jsonl", [ok_record("one", one), "{broken", ok_record("two", two)]
    )
    code, stdout, err = run(capsys, results)
    assert code == 2
    assert StoryTimelines.model_validate_json(stdout).skipped == 1
    assert any("r.jsonl:2" in line and "malformed JSON" in line for line in err)


def test_an_empty_file_after_a_good_one_stops_the_run(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    code, stdout, err = run(capsys, batch, empty, "-o", tmp_path / "t.md")
    assert code == 2 and len(err) == 1 and stdout == "" and "empty file" in err[0]
    assert not (tmp_path / "t.md").exists()


def test_html_is_the_story_page(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.html"
    code, stdout, err = run(capsys, batch, "-o", out)
    assert code == 0 and stdout == "", err
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Donald Trump" in page and "#event-" not in page  # no review pages: no links


def test_html_links_each_citation_to_its_review_page(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["review", str(batch), "--html", str(tmp_path / "review")]) == 0
    out = tmp_path / "timeline.html"
    code, _, err = run(capsys, batch, "-o", out, "--review-base", "review")
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    story = StoryTimelines.model_validate_json(run(capsys, batch)[1])
    cited = sum(len(e.citations) for t in story.timelines for e in t.events)
    hrefs = re.findall(r'href="(review/[^"#]+)#event-\d+"', page)
    assert len(hrefs) == cited
    for href in set(hrefs):
        assert (tmp_path / href).is_file(), href


def test_review_base_needs_html_and_one_file(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, batch, batch, "--format", "html", "--review-base", "review")
    assert code == 2 and len(err) == 1 and "needs the one results file" in err[0]
