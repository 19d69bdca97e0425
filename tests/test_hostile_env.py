"""The environment and the secrets in it (issue 23, items 6 and 12; the environment's fuzz).

A password in ``OPENAI_BASE_URL`` is refused before anything is sent; an upstream that echoes a
credential in any form (``Basic``, ``Bearer``, base64 of a key) has it redacted; a malformed
base URL, timeout or limit is a one-line configuration error (exit 2), never an internal error.
"""

from __future__ import annotations

import base64
import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import cli, scrub
from summarizer.errors import ConfigError, SummarizerError
from summarizer.llm import make_client
from summarizer.profile import profile_for
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI, Reply, completion, error, write_jsonl
from tests.test_leaks import EMPTY_DRAFT

ARTICLE = "The mayor said on Monday that the bridge would reopen next week.\n"
DRAFT = EMPTY_DRAFT  # a valid answer with nothing to find in the text


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(DRAFT)) as server:
        yield server


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err
    return code, err


# Item 6: credentials in the base URL


@pytest.mark.parametrize(
    "url",
    [
        "http://svc-user:pw-secret-77@127.0.0.1:9/v1",
        "https://svc-user:pw-secret-77@127.0.0.1:9/v1",
        "http://only-a-user-name-5@127.0.0.1:9/v1",
        "http://:pw-secret-77@127.0.0.1:9/v1",
    ],
)
def test_credentials_in_the_base_url_are_refused_naming_the_variable_to_use(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    code, err = run(capsys, "summarize", str(article))
    assert code == 2
    assert err.count("\n") == 1 and "OPENAI_API_KEY" in err and "credentials" in err
    assert "pw-secret-77" not in err and "only-a-user-name-5" not in err
    monkeypatch.delenv("OPENAI_BASE_URL")
    code, err = run(
        capsys, "batch", str(article), "-o", str(tmp_path / "o.jsonl"), "--base-url", url
    )
    assert code == 2 and "OPENAI_API_KEY" in err and "pw-secret-77" not in err
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        Settings.resolve(env={"OPENAI_BASE_URL": url})
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):  # the library's own Settings too
        make_client(Settings(base_url=url))


USER_PASS = base64.b64encode(b"svc-user:pw-secret-77").decode()
PROXY_KEY = "proxy-key-plain-4711"  # remembered by Settings, not shaped like a key


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        (f"denied: Basic {USER_PASS}", USER_PASS),
        (f'{{"received": "Basic {USER_PASS}"}}', USER_PASS),
        ("rejected Bearer abcdefghijklmnopqrstuvwxyzABCD", "abcdefghijklmnopqrstuvwxyzABCD"),
        (
            f"credential {base64.b64encode(PROXY_KEY.encode()).decode()} unknown",
            base64.b64encode(PROXY_KEY.encode()).decode(),
        ),
        (
            f"credential {base64.urlsafe_b64encode(PROXY_KEY.encode()).decode().rstrip('=')} x",
            base64.urlsafe_b64encode(PROXY_KEY.encode()).decode().rstrip("="),
        ),
    ],
)
def test_basic_and_bearer_credentials_and_base64_of_known_secrets_are_redacted(
    text: str, leaked: str
) -> None:
    Settings(api_key=PROXY_KEY)  # every Settings registers its secrets
    redacted = scrub.redact(text)
    assert leaked not in redacted and scrub.REDACTED in redacted


@pytest.mark.parametrize(
    "text",
    [
        "the bearer bonds and a basic understanding",
        "Basic English is a controlled language",
        "a Bearer of bad news",
    ],
)
def test_prose_about_basics_and_bearers_is_left_alone(text: str) -> None:
    assert scrub.redact(text) == text


def test_an_upstream_echoing_the_key_in_base64_never_reaches_stderr_or_records(
    fake: FakeOpenAI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def echo(body: dict[str, object]) -> Reply:
        sent = str(body["_headers"]).split("authorization': '")[1].split("'")[0]  # type: ignore[index]
        scheme, _, value = sent.partition(" ")
        return error(
            401, f"rejected {scheme} credential {base64.b64encode(value.encode()).decode()}"
        )

    fake.default = echo
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", PROXY_KEY)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    code, err = run(capsys, "summarize", str(article))
    encoded = base64.b64encode(PROXY_KEY.encode()).decode()
    assert code == 1 and "HTTP 401" in err and "rejected Bearer credential [REDACTED]" in err
    assert encoded not in err
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE}])
    out = tmp_path / "out.jsonl"
    code, err = run(capsys, "batch", str(source), "-o", str(out))
    assert code == 1 and encoded not in out.read_text() + err
    assert "[REDACTED]" in json.loads(out.read_text())["error"]["message"]


# Item 12: a malformed base URL


MALFORMED = [
    "http://[::1",
    "http://[::1]:99999/v1",
    "http://127.0.0.1:port/v1",
    "http://127.0.0.1:-1/v1",
    "http://exa mple.test/v1",
    "http://[not-an-ip]/v1",
    "http://\u0000host/v1",
    "http://ho\tst/v1",
    "https://:443/v1",
    "http://%zz/v1",
    "http://" + "a" * 300 + ".test/v1",
]


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_base_url_is_a_one_line_configuration_error(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    if "\u0000" not in url:
        monkeypatch.setenv("OPENAI_BASE_URL", url)
        code, err = run(capsys, "summarize", str(article))
        assert code == 2 and err.startswith("summarizer: error: ") and err.count("\n") == 1
        assert "base URL" in err
    with pytest.raises(ConfigError, match="base URL"):
        Settings.resolve(env={"OPENAI_BASE_URL": url})


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("SUMMARIZER_TIMEOUT", "nan"),
        ("SUMMARIZER_TIMEOUT", "inf"),
        ("SUMMARIZER_TIMEOUT", "1e308"),
        ("SUMMARIZER_MAX_RETRY_SECONDS", "nan"),
        ("SUMMARIZER_MAX_CHARS", "9" * 40),
        ("SUMMARIZER_MAX_OUTPUT_TOKENS", "9" * 40),
        ("SUMMARIZER_TOKEN_BUDGET", "9" * 40),
        ("SUMMARIZER_CONTEXT_TOKENS", "9" * 40),
        ("SUMMARIZER_MAX_ATTEMPTS", "9" * 40),
        ("SUMMARIZER_REASKS", "9" * 40),
        ("SUMMARIZER_SEED", "9" * 40),
    ],
)
def test_out_of_range_numbers_in_the_environment_are_configuration_errors(
    var: str,
    value: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv(var, value)
    code, err = run(capsys, "summarize", str(article))
    assert code == 2 and var in err


# The fuzz: any environment gives a summary, or a SummarizerError (exit 1 or 2), never a bug.

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

numbers = st.one_of(
    st.integers(-5, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        ["nan", "-inf", "1e308", "1e-308", "0", "-0", "0x10", "1_000", " 7 ", "", "9" * 30]
    ),
    st.text(max_size=12),
)
url_tails = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            "/v1",
            "/v1/",
            "/v1?api-version=1",
            "/v1#frag",
            "/%zz",
            "/v1/../..",
            "/\u2028",
            "?x=1&key=k",
        ]
    ),
)


@st.composite
def environments(draw: st.DrawFn, base_url: str) -> dict[str, str]:
    host = base_url.removeprefix("http://").split("/")[0]
    url = draw(
        st.one_of(
            st.just(base_url),
            url_tails.map(lambda tail: f"http://{host}{tail}"),
            st.text(max_size=40),
            st.sampled_from(MALFORMED).filter(lambda u: "\u0000" not in u),
            st.sampled_from(["ftp://x/v1", "not-a-url", "http://", "http:///v1", "//127.0.0.1/v1"]),
        )
    )
    env = {"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-fuzz-key-000"}
    for var in (
        "SUMMARIZER_TIMEOUT",
        "SUMMARIZER_MAX_ATTEMPTS",
        "SUMMARIZER_MAX_RETRY_SECONDS",
        "SUMMARIZER_REASKS",
        "SUMMARIZER_TOKEN_BUDGET",
        "SUMMARIZER_MAX_OUTPUT_TOKENS",
        "SUMMARIZER_MAX_CHARS",
        "SUMMARIZER_CONTEXT_TOKENS",
        "SUMMARIZER_SEED",
    ):
        if draw(st.booleans()):
            env[var] = draw(numbers)
    return {k: v for k, v in env.items() if "\x00" not in v and not _unencodable(v)}


def _unencodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@FUZZ
@given(data=st.data())
def test_any_environment_gives_a_result_or_a_clean_error(
    data: st.DataObject, fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = data.draw(environments(fake.base_url))
    try:
        resolved = Settings.resolve(env=env)
    except ConfigError:
        resolved = None
    if resolved is not None:
        profile = profile_for(resolved)
        assert profile.timeout > 0 and math.isfinite(profile.timeout)
        make_client(resolved).close()
    origin = fake.base_url.removesuffix("/v1")
    if resolved is not None and not (
        (profile_for(resolved).url + "/").startswith(origin + "/")
        and resolved.max_attempts <= 3
        and resolved.reasks <= 3
    ):
        return  # never contact another host, nor retry for minutes
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env["SUMMARIZER_CACHE_DIR"] = str(tmp_path / "cache")
    with mock.patch.dict(os.environ, {**clean, **env}, clear=True):
        code = cli.main(["summarize", str(article)])
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, (env, err)
    assert code in (0, 1, 2)
    assert code == 0 or err.startswith("summarizer: ")
    if resolved is None:
        assert code == 2


def test_the_library_raises_only_summarizer_errors_for_a_bad_url() -> None:
    for url in MALFORMED:
        with pytest.raises(SummarizerError):
            Settings.resolve(env={}, base_url=url)
