"""``summarizer export``: CSV tables and Markdown digests of real results (the pipeline's, run
against the fake server), read back the way a spreadsheet or a reader would."""

from __future__ import annotations

import csv
import functools
import io
import json
import tracemalloc
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from summarizer import cli
from summarizer.export import (
    COLUMNS,
    TABLES,
    Table,
    guard_cell,
    md_text,
    write_csv,
    write_markdown,
)
from summarizer.schema import ArticleSummary
from tests.review_data import (
    as_data,
    error_record,
    ok_record,
    payload_summary,
    seed_summary,
    summarise,
    write_json,
    write_jsonl,
)

# Accented names, typographic quotes, and quotations a spreadsheet would run as formulas.
ACCENTS_ARTICLE = """Borne défend la réforme des retraites
Prime Minister Élisabeth Borne said on Monday that the pension reform was “non négociable”.
“Nous irons jusqu’au bout, c’est notre devoir,” Ms. Borne told reporters in Paris.
François Ruffin, a deputy for La France insoumise, rejected the plan. “-1 % pour les retraités, \
c’est inacceptable,” Mr. Ruffin said.
“=SUM(A1:A9) is not a policy,” said Sébastien Lecornu, the defence minister.
The vote is expected next week.
"""
ACCENTS_DRAFT = {
    "summary": {
        "headline": "Élisabeth Borne holds firm on the pension reform",
        "abstract": "Élisabeth Borne said the pension reform was not negotiable; François Ruffin "
        "rejected it.",
        "key_points": [
            "Élisabeth Borne said the reform was “non négociable”.",
            "François Ruffin rejected the plan.",
        ],
    },
    "quotes": {"Q1": "A1", "Q2": "A1", "Q3": "A2", "Q4": "A3"},
    "stances": {
        "Q1 Élisabeth Borne": {"topic": "T1", "kind": "for"},
        "Q2 Élisabeth Borne": {"topic": "T1", "kind": "for"},
        "Q3 François Ruffin": {"topic": "T1", "kind": "against"},
        "Q4 Sébastien Lecornu": {"topic": "T1", "kind": "against"},
    },
    "events": {
        "D1": {"event": "Borne defended the reform", "status": "past"},
        "D2": {"event": "Vote on the reform", "status": "scheduled"},
    },
    "undated": [],
    "topics": ["the pension reform"],
}


@functools.cache
def _accents() -> ArticleSummary:
    draft = json.dumps(ACCENTS_DRAFT, ensure_ascii=False)
    return summarise(ACCENTS_ARTICLE, draft, published="2023-03-15")


@pytest.fixture
def seed() -> ArticleSummary:
    return seed_summary()


@pytest.fixture
def accents() -> ArticleSummary:
    return _accents().model_copy(deep=True)


def export(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, list[str]]:
    """Exit code, stdout, and stderr's lines of ``summarizer export ARGS``."""
    code = cli.main(["export", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows as a spreadsheet-minded reader gets them: ``utf-8-sig``, ``newline=""``."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def table_csv(
    capsys: pytest.CaptureFixture[str], source: Path, table: str, tmp_path: Path
) -> list[dict[str, str]]:
    out = tmp_path / f"{table}.csv"
    code, stdout, err = export(capsys, source, "--format", "csv", "--table", table, "-o", out)
    assert (code, stdout) == (0, ""), err
    return read_csv(out)


def test_quotes_csv_one_row_per_quote_with_speaker_names_and_offsets_into_the_article(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    # One quotation left without a speaker (a reviewer cleared it): its cells stay empty.
    quotes = list(seed.quotes)
    quotes[7] = quotes[7].model_copy(update={"speaker": None})
    seed = seed.model_copy(update={"quotes": quotes})
    rows = table_csv(capsys, write_json(tmp_path / "seed.json", as_data(seed)), "quotes", tmp_path)
    assert len(rows) == len(seed.quotes) == 13
    names = {a.id: a.name for a in seed.actors}
    text = seed.article.text
    for row, quote in zip(rows, seed.quotes, strict=True):
        assert row["article_id"] == seed.article.id
        assert row["quote_number"] == str(quote.number)
        assert row["speaker_id"] == (quote.speaker or "")
        assert row["speaker"] == (names[quote.speaker] if quote.speaker else "")
        assert text[int(row["start"]) : int(row["end"])] == row["text"] == quote.text
    assert rows[0]["speaker"] == "Donald Trump"
    assert [r["speaker"] for r in rows].count("Alexander Grushko") == 4
    assert rows[7]["speaker"] == "" and rows[7]["speaker_id"] == ""  # the unattributed one


@pytest.mark.parametrize("table", TABLES)
def test_each_table_has_one_row_per_item_under_its_columns(
    table: Table, tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = table_csv(capsys, write_json(tmp_path / "seed.json", as_data(seed)), table, tmp_path)
    tables: dict[str, Sequence[object]] = {
        "quotes": seed.quotes,
        "positions": seed.positions,
        "timeline": seed.timeline,
        "actors": seed.actors,
    }
    items = tables[table]
    assert len(rows) == len(items) > 0
    assert tuple(rows[0]) == COLUMNS[table]
    assert all(None not in row and None not in row.values() for row in rows)  # no short rows


def test_positions_timeline_and_actors_rows_resolve_names_and_slice_the_article(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_json(tmp_path / "seed.json", as_data(seed))
    names = {a.id: a.name for a in seed.actors}
    text = seed.article.text

    positions = table_csv(capsys, source, "positions", tmp_path)
    for row, p in zip(positions, seed.positions, strict=True):
        assert (row["holder_id"], row["holder"]) == (p.holder, names[p.holder])
        assert (row["topic"], row["stance_kind"], row["view"]) == (p.topic, p.stance_kind, p.stance)
        offsets = [tuple(map(int, o.split(":"))) for o in row["evidence_offsets"].split("; ")]
        assert [text[a:b] for a, b in offsets] == row["evidence"].split("\n")
    assert positions[0]["holder_role"] == "US President"

    timeline = table_csv(capsys, source, "timeline", tmp_path)
    for row, e in zip(timeline, seed.timeline, strict=True):
        assert row["event"] == e.event
        assert row["actors"] == "; ".join(names[a] for a in e.actors)
        if e.date is None:
            assert row["date_text"] == row["date_value"] == row["date_start"] == ""
        else:
            start, end = int(row["date_start"]), int(row["date_end"])
            assert text[start:end] == row["date_text"] == e.date.text  # as written
            assert row["date_value"] == (e.date.value or "")
    assert ("the previous week", "2025-W11") in {
        (r["date_text"], r["date_value"]) for r in timeline
    }

    actors = table_csv(capsys, source, "actors", tmp_path)
    assert [(r["actor_id"], r["name"]) for r in actors] == list(names.items())
    assert actors[1]["aliases"] == "Putin; President Putin; Mr. Putin"


def test_accents_and_typographic_quotes_survive_a_spreadsheet_reader(
    tmp_path: Path, accents: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_json(tmp_path / "borne.json", as_data(accents))
    out = tmp_path / "positions.csv"
    code, _, _ = export(capsys, source, "--format", "csv", "--table", "positions", "-o", out)
    assert code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel looks for
    rows = read_csv(out)
    assert [r["holder"] for r in rows] == [
        "Élisabeth Borne",
        "François Ruffin",
        "Sébastien Lecornu",
    ]
    assert rows[0]["view"] == "the pension reform was “non négociable”"
    assert "Nous irons jusqu’au bout, c’est notre devoir," in rows[0]["evidence"].split("\n")
    quotes = table_csv(capsys, source, "quotes", tmp_path)
    assert quotes[1]["text"] == "Nous irons jusqu’au bout, c’est notre devoir,"


def test_a_csv_on_stdout_is_plain_utf8_without_a_byte_order_mark(
    tmp_path: Path, accents: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_json(tmp_path / "borne.json", as_data(accents))
    code, out, _ = export(capsys, source, "--format", "csv", "--table", "actors")
    assert code == 0
    assert out.startswith("article_id,actor_id,")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["name"] for r in rows] == ["Élisabeth Borne", "François Ruffin", "Sébastien Lecornu"]


def test_line_breaks_and_quote_marks_inside_cells_are_quoted(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    seed.quotes[0].text = 'first line\nsecond "line", with a comma'
    source = write_json(tmp_path / "seed.json", as_data(seed))
    out = tmp_path / "q.csv"
    assert export(capsys, source, "--format", "csv", "-o", out)[0] == 0  # quotes by default
    raw = out.read_text(encoding="utf-8-sig")
    assert '"first line\nsecond ""line"", with a comma"' in raw
    rows = read_csv(out)
    assert len(rows) == len(seed.quotes)
    assert rows[0]["text"] == 'first line\nsecond "line", with a comma'
    positions = table_csv(capsys, source, "positions", tmp_path)
    assert len(positions) == len(seed.positions)
    assert positions[0]["evidence"].count("\n") == len(seed.positions[0].evidence) - 1 == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+33 1 23 45", "'+33 1 23 45"),
        ("-1 % pour les retraités", "'-1 % pour les retraités"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("a = b", "a = b"),
        ("Élisabeth", "Élisabeth"),
        ("", ""),
    ],
)
def test_guard_cell(value: str, expected: str) -> None:
    assert guard_cell(value) == expected


def test_quotations_that_look_like_formulas_are_defused(
    tmp_path: Path, accents: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    accents.actors[2].role = "@cmd|' /C calc'!A0"
    source = write_json(tmp_path / "borne.json", as_data(accents))
    quotes = table_csv(capsys, source, "quotes", tmp_path)
    text = accents.article.text
    assert quotes[2]["text"] == "'-1 % pour les retraités, c’est inacceptable,"
    assert quotes[3]["text"] == "'=SUM(A1:A9) is not a policy,"
    for row in quotes[2:]:  # the guard is the only difference: the offsets still hold
        assert "'" + text[int(row["start"]) : int(row["end"])] == row["text"]
    positions = table_csv(capsys, source, "positions", tmp_path)
    assert positions[2]["view"] == "'=SUM(A1:A9) is not a policy"
    actors = table_csv(capsys, source, "actors", tmp_path)
    assert actors[2]["role"] == "'@cmd|' /C calc'!A0"
    starts = ("=", "+", "-", "@")
    cells = [v for rows in (quotes, positions, actors) for r in rows for v in r.values()]
    assert not any(c.startswith(starts) for c in cells)


def test_error_records_are_skipped_and_counted(
    tmp_path: Path,
    seed: ArticleSummary,
    accents: ArticleSummary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    batch = write_jsonl(
        tmp_path / "results.jsonl",
        [
            ok_record("seed", seed),
            error_record("e1"),
            ok_record("borne", accents),
            error_record("e2", "timed out"),
            error_record("e3"),
        ],
    )
    out = tmp_path / "q.csv"
    code, _, err = export(capsys, batch, "--format", "csv", "--table", "quotes", "-o", out)
    assert code == 0
    assert "summarizer: skipped 3 error records" in err
    rows = read_csv(out)
    assert len(rows) == len(seed.quotes) + len(accents.quotes)
    assert {r["article_id"] for r in rows} == {seed.article.id, accents.article.id}

    code, md, err = export(capsys, batch, "--format", "md")
    assert code == 0 and "summarizer: skipped 3 error records" in err
    assert md.count("\n# ") + md.startswith("# ") == 2


def test_an_unreadable_line_is_reported_the_rest_exported_and_the_exit_code_says_so(
    tmp_path: Path, accents: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    old = as_data(accents) | {"schema_version": "1.0"}
    batch = write_jsonl(
        tmp_path / "results.jsonl",
        [ok_record("a", accents), "{not json", {"id": "old", "status": "ok", "summary": old}],
    )
    code, out, err = export(capsys, batch, "--format", "csv", "--table", "actors")
    assert code == 2
    assert len(list(csv.DictReader(io.StringIO(out)))) == len(accents.actors)
    assert any(":2: $: malformed JSON" in line for line in err)
    assert any(":3: $.summary.schema_version: schema version '1.0'" in line for line in err)
    assert "summarizer: skipped 2 unreadable record(s): the output lacks them" in err


def test_a_big_batch_is_streamed_one_record_at_a_time(
    tmp_path: Path, accents: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    line = json.dumps(ok_record("x", accents), ensure_ascii=False)
    error = json.dumps(error_record("failed"))
    lines = [error if n % 10 == 9 else line for n in range(2000)]
    batch = tmp_path / "big.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "quotes.csv"
    tracemalloc.start()
    try:
        code = cli.main(["export", str(batch), "--format", "csv", "-o", str(out)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    err = capsys.readouterr().err
    assert code == 0
    assert "skipped 200 error records" in err
    assert sum(1 for _ in read_csv(out)) == 1800 * len(accents.quotes)
    # The records alone, parsed, would take several times the file's size.
    assert peak < batch.stat().st_size / 4, (peak, batch.stat().st_size)


def _counting(summaries: list[ArticleSummary], pulled: list[int]) -> Iterator[ArticleSummary]:
    for summary in summaries:
        pulled[0] += 1
        yield summary


class _Recorder(io.StringIO):
    """Notes how many summaries had been pulled at each write."""

    def __init__(self, pulled: list[int]) -> None:
        super().__init__(newline="")
        self.pulled, self.at_write = pulled, list[int]()

    def write(self, s: str) -> int:
        self.at_write.append(self.pulled[0])
        return super().write(s)


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_each_summary_is_written_before_the_next_is_read(
    fmt: str, seed: ArticleSummary, accents: ArticleSummary
) -> None:
    pulled = [0]
    out = _Recorder(pulled)
    source = _counting([seed, accents, seed], pulled)
    if fmt == "csv":
        assert write_csv(source, "quotes", out) == 2 * len(seed.quotes) + len(accents.quotes)
        per_summary = [len(seed.quotes), len(accents.quotes), len(seed.quotes)]
    else:
        assert write_markdown(source, out) == 3
        per_summary = [1, 1, 1]  # one write per digest
    # All of a summary's output is written while it is the last one read.
    assert [out.at_write.count(n) for n in (1, 2, 3)] == per_summary
    assert out.at_write == sorted(out.at_write)


def test_markdown_digest_has_every_quote_position_and_date(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    code, md, _ = export(capsys, write_json(tmp_path / "s.json", as_data(seed)), "--format", "md")
    assert code == 0
    assert md.startswith(f"# {seed.article.title}\n")
    assert f"**{seed.summary.headline}**" in md
    names = {a.id: a.name for a in seed.actors}
    for point in seed.summary.key_points:
        assert f"- {md_text(point.text)}\n" in md
    for quote in seed.quotes:
        speaker = names[quote.speaker] if quote.speaker else "*unattributed*"
        assert f"> “{md_text(quote.text)}”\n>\n> — {speaker}\n" in md
    # Positions grouped by holder: each view under its holder's own heading.
    holders = {h.split("\n", 1)[0].split(",")[0]: h for h in md.split("\n### ")[1:]}
    assert len(holders) == len({p.holder for p in seed.positions})
    for p in seed.positions:
        assert (
            f"**{md_text(p.topic)}** ({p.stance_kind}): “{md_text(p.stance)}”"
            in (holders[names[p.holder]])
        )
    for event in seed.timeline:
        assert md_text(event.event) in md
        if event.date is not None and event.date.value is not None:
            assert f"**{md_text(event.date.value)} (“{event.date.text}”)**" in md
    assert "**undated**: Britain and France offer peacekeepers" in md


def test_markdown_of_a_batch_is_one_digest_per_article_in_order(
    tmp_path: Path,
    seed: ArticleSummary,
    accents: ArticleSummary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    batch = write_jsonl(
        tmp_path / "r.jsonl", [ok_record("a", accents), error_record("e"), ok_record("b", seed)]
    )
    out = tmp_path / "digest.md"
    assert export(capsys, batch, "--format", "md", "-o", out)[0] == 0
    md = out.read_text(encoding="utf-8")
    assert not md.startswith("\ufeff")  # the byte order mark is for spreadsheets only
    headings = [line for line in md.splitlines() if line.startswith("# ")]
    assert headings == [f"# {accents.article.title}", f"# {seed.article.title}"]
    assert "\n---\n" in md
    assert "> “Nous irons jusqu’au bout, c’est notre devoir,”\n>\n> — Élisabeth Borne" in md


def test_markdown_never_lets_article_text_become_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = payload_summary()
    assert any("<script>" in q.text or "<b>" in q.text for q in payload.quotes)
    code, md, _ = export(
        capsys, write_json(tmp_path / "p.json", as_data(payload)), "--format", "md"
    )
    assert code == 0
    assert "<" not in md.replace("\\<", "")
    assert md_text("1. [click](javascript:x) *now*") == "1\\. \\[click\\](javascript:x) \\*now\\*"
    assert md_text("- not a list\n# nor a heading") == "\\- not a list \\# nor a heading"


@pytest.mark.parametrize("shape", ["pretty", "jsonl"])
def test_stdin_takes_a_pretty_printed_summary_or_jsonl_records(
    shape: str,
    seed: ArticleSummary,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if shape == "pretty":
        data = json.dumps(as_data(seed), indent=2, ensure_ascii=False) + "\n"
        expected = len(seed.quotes)
    else:
        records = [ok_record("a", seed), error_record("b"), ok_record("c", seed)]
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
        expected = 2 * len(seed.quotes)
    stdin = io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = export(capsys, "-", "--format", "csv", "--table", "quotes")
    assert code == 0, err
    assert len(list(csv.DictReader(io.StringIO(out)))) == expected
    assert ("summarizer: skipped 1 error record" in err) == (shape == "jsonl")


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input, and what its one error line must say."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    old: dict[str, Any] = as_data(seed_summary()) | {"schema_version": "1.0"}
    (tmp_path / "folder").mkdir()
    return {
        "missing": (tmp_path / "nope.json", "no such file"),
        "not json": (write("bad.json", "{not json"), "malformed JSON"),
        "not a result": (write("other.json", '{"headline": "x"}'), "not a result"),
        "an array": (write("list.json", "[1, 2]"), "expected a JSON object, found array"),
        "another version": (write_json(tmp_path / "old.json", old), "schema version '1.0'"),
        "a directory": (tmp_path / "folder", "is a directory"),
        "garbage lines": (write("bad.jsonl", "nope\n[]\n"), "malformed JSON"),
        "empty": (write("empty.jsonl", "\n"), "empty file"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "not json",
        "not a result",
        "an array",
        "another version",
        "a directory",
        "garbage lines",
        "empty",
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_output_file(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, says = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out.csv"
    code, stdout, err = export(capsys, path, "--format", "csv", "-o", out)
    assert code == 2
    assert len(err) == 1 and err[0].startswith("summarizer: error: "), err
    assert says in err[0]
    assert "Traceback" not in err[0] and stdout == ""
    assert not out.exists()


def test_table_is_for_csv_only(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_json(tmp_path / "s.json", as_data(seed))
    code, out, err = export(capsys, source, "--format", "md", "--table", "quotes")
    assert (code, out) == (2, "")
    assert err == ["summarizer: error: --table applies to --format csv only"]


def test_terminal_controls_in_article_text_never_reach_stdout(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    seed.quotes[0].text = "\x1b]0;pwned\x07 and \u202eevil"
    seed.actors[0].name = "Donald\x9b31m Trump"
    source = write_json(tmp_path / "s.json", as_data(seed))
    for fmt, bracket in (("csv", "]"), ("md", "\\]")):
        code, out, _ = export(capsys, source, "--format", fmt)
        assert code == 0
        assert not any(c in out for c in "\x1b\x07\x9b\u202e"), fmt
        assert f"\ufffd{bracket}0;pwned\ufffd and \ufffdevil" in out
        assert "Donald\ufffd31m Trump" in out
