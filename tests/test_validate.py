"""``summarizer validate``: one precise line per problem, exit 1 on any, never a traceback."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from summarizer import cli
from summarizer.schema import SCHEMA_VERSION, ArticleSummary
from tests.review_data import (
    as_data,
    error_record,
    ok_record,
    seed_summary,
    write_json,
    write_jsonl,
)


@pytest.fixture(scope="module")
def seed() -> ArticleSummary:
    return seed_summary()


@pytest.fixture
def data(seed: ArticleSummary) -> dict[str, Any]:
    return copy.deepcopy(as_data(seed))


def validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, list[str], str]:
    code = cli.main(["validate", *map(str, paths)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def test_good_summary_and_batch_pass(
    tmp_path: Path, data: dict[str, Any], seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    one = write_json(tmp_path / "one.json", data)
    batch = write_jsonl(
        tmp_path / "results.jsonl", [ok_record("a", seed), error_record("b"), ok_record("c", seed)]
    )
    code, lines, err = validate(capsys, one, batch)
    assert code == 0
    assert lines == []
    assert "ok, 4 record(s) in 2 files" in err


def test_output_from_an_older_prompt_version_is_fine(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data["provenance"]["prompt"]["version"] = "1"
    code, lines, _ = validate(capsys, write_json(tmp_path / "old.json", data))
    assert (code, lines) == (0, [])


def test_tampered_offset_names_file_path_and_both_texts(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    span = data["positions"][7]["evidence"][1]  # Waltz's second quotation (Q7)
    span["start"] += 3
    path = write_json(tmp_path / "tampered.json", data)
    code, lines, err = validate(capsys, path)
    assert code == 1
    assert lines == [
        f"{path}: $.positions[7].evidence[1]: offsets {span['start']}:{span['end']} slice the "
        'article to "can discuss what is right or wrong, but we must a…" but the text is '
        '"We can discuss what is right or wrong, but we mus…"'
    ]
    assert "1 problem(s) in 1 of 1 file" in err


def test_free_text_naming_what_the_article_lacks_is_flagged(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    # A file that did not come through the pipeline's checks: "Putin resigned today".
    data["summary"]["headline"] = "Putin resigned today"
    data["topics"][0]["label"] = "Angela Merkel's visit"
    path = write_json(tmp_path / "edited.json", data)
    code, lines, _ = validate(capsys, path)
    assert code == 1
    assert lines == [
        f"{path}: $.summary.headline: names what the article does not hold: today",
        f"{path}: $.topics[0].label: names what the article does not hold: Angela, Merkel",
    ]


def test_offset_past_the_end(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    n = len(data["article"]["text"])
    data["timeline"][0]["date"]["end"] = n + 5
    code, lines, _ = validate(capsys, write_json(tmp_path / "s.json", data))
    assert code == 1
    assert lines == [
        f"{tmp_path / 's.json'}: $.timeline[0].date: end {n + 5} is past the end of the article "
        f"({n} characters)"
    ]


def test_dangling_references(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data["positions"][2]["holder"] = "a99"
    data["quotes"][4]["speaker"] = "ghost"
    data["quotes"][5]["model_speaker"] = "A77"
    data["timeline"][2]["actors"][1] = "a42"
    path = write_json(tmp_path / "refs.json", data)
    code, lines, _ = validate(capsys, path)
    assert code == 1
    # the index's 18 actors of the seed article, A1..A18, sorted as strings
    known = "A1, A10, A11, A12, A13, A14, A15, A16, A17, A18, A2, A3, A4, A5, A6, A7, A8, A9"
    assert lines == [
        f"{path}: $.positions[2].holder: holder 'a99' is not an actor id (known: {known})",
        f"{path}: $.quotes[4].speaker: speaker 'ghost' is not an actor id (known: {known})",
        f"{path}: $.quotes[5].model_speaker: model_speaker 'A77' is not an actor id "
        f"(known: {known})",
        f"{path}: $.timeline[2].actors[1]: actor 'a42' is not an actor id (known: {known})",
    ]


def test_wrong_schema_version_is_its_own_single_error(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data["schema_version"] = "0.9"
    data["quotes"][0]["start"] = -1  # not reported: a different version explains everything
    path = write_json(tmp_path / "v09.json", data)
    code, lines, _ = validate(capsys, path)
    assert code == 1
    assert lines == [
        f"{path}: $.schema_version: schema version '0.9' is not supported: this summarizer "
        f"reads and writes {SCHEMA_VERSION!r}"
    ]


def test_shape_errors_point_at_the_field(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data["quotes"][0]["start"] = "318"  # strict: a string is not an offset
    data["positions"][0]["stance_kind"] = "loves"
    del data["actors"][0]["kind"]
    path = write_json(tmp_path / "shape.json", data)
    code, lines, _ = validate(capsys, path)
    assert code == 1
    assert f"{path}: $.actors[0].kind: Field required" in lines
    assert f'{path}: $.quotes[0].start: Input should be a valid integer, found "318"' in lines
    assert any(
        line.startswith(f"{path}: $.positions[0].stance_kind: Input should be") for line in lines
    )
    assert len(lines) == 3


def test_malformed_json_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": "1.0",\n  "article": {', encoding="utf-8")
    code, lines, _ = validate(capsys, path)
    assert code == 1
    assert lines == [
        f"{path}:2: $: malformed JSON at column 15: Expecting property name enclosed in "
        "double quotes"
    ]


def test_batch_problems_carry_line_numbers(
    tmp_path: Path, seed: ArticleSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ok_record("bad", seed)
    bad["summary"]["quotes"][2]["end"] -= 1
    path = write_jsonl(
        tmp_path / "results.jsonl",
        [
            ok_record("good", seed),
            '{"id": "cut", "status": "ok", "summ',
            bad,
            {"id": "odd", "status": "done"},
            {"id": "e", "status": "error", "error": {"message": 3}},
        ],
    )
    code, lines, err = validate(capsys, path)
    assert code == 1
    assert lines[0] == f"{path}:2: $: malformed JSON at column 31: Unterminated string starting at"
    assert lines[1].startswith(f"{path}:3: $.summary.quotes[2]: offsets 554:666 slice")
    assert lines[2] == f"{path}:4: $.status: expected 'ok' or 'error', found 'done'"
    assert lines[3:] == [
        f"{path}:5: $.error.type: expected a string, found null",
        f"{path}:5: $.error.message: expected a string, found number",
    ]
    assert "5 problem(s) in 1 of 1 file (3 record(s)" in err


def test_missing_file_and_wrong_top_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    code, lines, _ = validate(capsys, tmp_path / "nope.json", listed)
    assert code == 1
    assert lines == [
        f"{tmp_path / 'nope.json'}: $: no such file",
        f"{listed}: $: expected a JSON object, found array",
    ]


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["validate"])
    assert exc.value.code == 2


def test_real_batch_output_validates_and_reviews(
    tmp_path: Path,
    seed_text: str,
    seed_draft: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What ``summarizer batch`` writes (usage, cache flags and all) is what review reads."""
    from tests.fakes import FakeOpenAI, completion

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(seed_text, encoding="utf-8")
    (docs / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    with FakeOpenAI(default=completion(seed_draft)) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
        assert cli.main(["batch", str(docs), "-o", str(out), "--quiet"]) == 1  # one bad input
    capsys.readouterr()
    code, lines, err = validate(capsys, out)
    assert (code, lines) == (0, [])
    assert "ok, 2 record(s) in 1 file" in err
    assert cli.main(["review", str(out)]) == 0
    text = capsys.readouterr().out
    assert "1 ok, 1 errors, 1 with warnings" in text
    assert "InputError" in text
