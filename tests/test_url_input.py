"""Articles given as http(s) URLs, against a real web server on 127.0.0.1.

The server plays a news site (an article page, redirects) and every way a fetch can go wrong:
an error status, a body that is no article, one too large (declared, or streamed without a
length, or compressed), a server too slow. The CLI's success path runs against the fake model.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import importlib.metadata as metadata
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarizer import InputError, cli, load_url
from summarizer.batch.inputs import check_specs, count_items, iter_items
from tests.conftest import SEED
from tests.fakes import FakeOpenAI, completion

TITLE, *_LINES = SEED.read_text(encoding="utf-8").split("\n")
PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>
<meta property="article:published_time" content="2025-03-17T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{html.escape(TITLE)}</h1>
{"".join(f"<p>{html.escape(line)}</p>" for line in _LINES if line.strip())}
</article><footer>Example News, all rights reserved</footer></body></html>
""".encode()

Route = Callable[[BaseHTTPRequestHandler], None]


class Site:
    """A threaded HTTP server answering each path with its route; records what it was sent."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.user_agents: list[str] = []
        self.body_bytes_sent = 0  # by the streaming routes, until the client hung up
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                site.user_agents.append(self.headers.get("User-Agent", ""))
                route = site.routes.get(self.path)
                if route is None:
                    send(self, 404, b"<h1>Not Found</h1>", "text/html")
                else:
                    route(self)

            def handle(self) -> None:  # a client that hangs up mid-answer: no traceback
                with contextlib.suppress(OSError):  # ConnectionError included
                    super().handle()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def stream(self, handler: BaseHTTPRequestHandler, piece: bytes, *, most: int) -> None:
        """Write ``piece`` over and over, up to ``most`` bytes or until the client hangs up."""
        with contextlib.suppress(OSError):  # the client hung up
            while self.body_bytes_sent < most:
                handler.wfile.write(piece)
                self.body_bytes_sent += len(piece)
        handler.close_connection = True


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str | None,
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    if content_type is not None:
        handler.send_header("Content-Type", content_type)
    for name, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def redirect(status: int, location: str) -> Route:
    return lambda h: send(h, status, b"moved", "text/plain", {"Location": location})


def no_length(h: BaseHTTPRequestHandler, site: Site) -> None:
    """HTML with no Content-Length: the body ends when the connection closes, if ever."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    site.stream(h, b"<p>" + b"x" * 65_536 + b"</p>\n", most=200_000_000)


def chunked(h: BaseHTTPRequestHandler, site: Site) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    piece = b"<p>" + b"y" * 65_536 + b"</p>"
    site.stream(h, b"%x\r\n%s\r\n" % (len(piece), piece), most=200_000_000)


def drip(h: BaseHTTPRequestHandler) -> None:
    """Headers at once, then a byte every 50 ms: no read ever waits long, the whole never ends."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    for _ in range(200):
        h.wfile.write(b" ")
        h.wfile.flush()
        time.sleep(0.05)


def late(h: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    send(h, 200, PAGE, "text/html")


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.routes = {
        "/news/article": lambda h: send(h, 200, PAGE, "text/html; charset=utf-8"),
        "/news/plain": lambda h: send(h, 200, SEED.read_bytes(), "text/plain; charset=utf-8"),
        "/news/untyped": lambda h: send(h, 200, PAGE, None),
        "/old": redirect(301, "/news/article"),
        "/older": redirect(302, s.url("/old")),
        "/loop": redirect(302, "/loop"),
        "/to-file": redirect(302, "file:///etc/passwd"),
        "/broken": lambda h: send(h, 500, b"oops", "text/plain"),
        "/photo.png": lambda h: send(h, 200, b"\x89PNG\r\n\x1a\n" + bytes(500), "image/png"),
        "/paper.pdf": lambda h: send(h, 200, b"%PDF-1.7\n" + bytes(500), "application/pdf"),
        "/huge-declared": lambda h: send(
            h, 200, b"<p>tiny</p>", "text/html", {"Content-Length": "50000000"}
        ),
        "/huge-no-length": lambda h: no_length(h, s),
        "/huge-chunked": lambda h: chunked(h, s),
        "/gzip-bomb": lambda h: send(
            h, 200, gzip.compress(b" " * 5_000_000), "text/html", {"Content-Encoding": "gzip"}
        ),
        "/drip": drip,
        "/late": late,
    }
    thread = threading.Thread(target=s.server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


def refused(fetch: Callable[[], object]) -> str:
    with pytest.raises(InputError) as caught:
        fetch()
    message = caught.value.one_line()
    assert "\n" not in message
    return message


# -- the library: load_url --------------------------------------------------------------------


def test_an_article_page_gives_its_text_title_date_and_url(site: Site) -> None:
    url = site.url("/news/article")
    article = load_url(url)
    assert article.text == SEED.read_text(encoding="utf-8")  # boilerplate gone, text as the file
    assert article.title == TITLE
    assert str(article.published) == "2025-03-17"  # from <meta property=article:published_time>
    assert article.source == url
    assert site.user_agents == [f"summarizer/{metadata.version('summarizer')}"]


def test_the_caller_wins_over_the_page_metadata(site: Site) -> None:
    article = load_url(
        site.url("/news/article"), title="Given", published="2025-01-02", source="Example News"
    )
    assert (article.title, str(article.published), article.source) == (
        "Given",
        "2025-01-02",
        "Example News",
    )


@pytest.mark.parametrize("path", ["/news/plain", "/news/untyped"])
def test_plain_text_and_an_untyped_page_are_articles_too(site: Site, path: str) -> None:
    article = load_url(site.url(path))
    assert article.text == SEED.read_text(encoding="utf-8")
    assert article.title == TITLE


@pytest.mark.parametrize("path", ["/old", "/older"])
def test_redirects_are_followed_to_the_page(site: Site, path: str) -> None:
    article = load_url(site.url(path))
    assert article.title == TITLE
    assert article.source == site.url("/news/article")  # where the text came from


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/photo.png", "content type image/png is not an article"),
        ("/paper.pdf", "content type application/pdf is not an article"),
        ("/loop", "more than 5 redirects"),
        ("/to-file", "redirected to 'file://"),
    ],
)
def test_a_page_that_is_no_article_is_one_input_error_naming_the_url(
    site: Site, path: str, words: str
) -> None:
    url = site.url(path)
    assert refused(lambda: load_url(url)).startswith(f"{url}: {words}")


def test_a_declared_oversized_body_is_refused_before_it_is_read(site: Site) -> None:
    url = site.url("/huge-declared")
    message = refused(lambda: load_url(url, max_chars=10_000))
    assert message.startswith(f"{url}: the page declares 50,000,000 bytes, over the cap of 80,000")
    assert "--max-chars" in message


@pytest.mark.parametrize("path", ["/huge-no-length", "/huge-chunked", "/gzip-bomb"])
def test_a_body_without_an_honest_length_is_cut_at_the_cap(site: Site, path: str) -> None:
    url = site.url(path)
    started = time.monotonic()
    message = refused(lambda: load_url(url, max_chars=10_000))
    assert message.startswith(f"{url}: the page is over the cap of 80,000 bytes")
    assert time.monotonic() - started < 5
    # The streaming server stopped when the client hung up, far short of its 200 MB; the
    # compressed one sent 5 kB that inflate to 5 MB, of which 80 kB were inflated.
    assert site.body_bytes_sent < 50_000_000


@pytest.mark.parametrize("path", ["/late", "/drip"])
def test_a_slow_server_hits_the_whole_fetch_timeout(site: Site, path: str) -> None:
    url = site.url(path)
    started = time.monotonic()
    message = refused(lambda: load_url(url, timeout=0.5))
    assert time.monotonic() - started < 2  # /drip: no single read waits 0.5 s, the whole does
    assert message == (
        f"{url}: no complete answer within 0.5 s "
        "(raise it with --fetch-timeout or SUMMARIZER_FETCH_TIMEOUT)"
    )


def test_a_refused_connection_and_bad_urls_are_input_errors() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    closed = f"http://127.0.0.1:{port}/news"
    assert refused(lambda: load_url(closed)).startswith(f"{closed}: cannot connect (")
    assert refused(lambda: load_url("https://")) == (
        "https://: not an http(s) URL that can be fetched (no http(s) scheme or no host)"
    )
    message = refused(lambda: load_url("http://user:hunter22@127.0.0.1:9/news"))
    assert message.endswith("a URL with a user name or password: not fetched")
    assert "hunter22" not in message


# -- the command line -------------------------------------------------------------------------


@pytest.fixture
def fake(seed_draft: str) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(default=completion(seed_draft)) as server:
        yield server


def test_summarize_a_url(site: Site, fake: FakeOpenAI, capsys: pytest.CaptureFixture[str]) -> None:
    url = site.url("/old")
    code = cli.main(["summarize", url, "--base-url", fake.base_url])
    out, err = capsys.readouterr()
    assert code == 0, err
    article = json.loads(out)["article"]
    assert article["title"] == TITLE
    assert article["published"] == "2025-03-17"
    assert article["source"] == site.url("/news/article")
    assert len(fake.requests) == 1


@pytest.mark.parametrize(
    ("path", "flags", "words"),
    [
        ("/missing", [], "HTTP 404 Not Found"),
        ("/paper.pdf", [], "content type application/pdf is not an article"),
        ("/huge-no-length", ["--max-chars", "10000"], "the page is over the cap of 80,000"),
        ("/late", ["--fetch-timeout", "0.5"], "no complete answer within 0.5 s"),
    ],
)
def test_summarize_a_bad_url_is_one_line_and_exit_2(
    site: Site,
    fake: FakeOpenAI,
    capsys: pytest.CaptureFixture[str],
    path: str,
    flags: list[str],
    words: str,
) -> None:
    url = site.url(path)
    code = cli.main(["summarize", url, *flags, "--base-url", fake.base_url])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith(f"summarizer: error: {url}: {words}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert fake.requests == []  # nothing was sent to the model


def test_batch_gives_every_url_one_record(
    site: Site, fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = tmp_path / "reading.urls"
    listed.write_text(
        "# this week's reading\n"
        f"{site.url('/news/article')}\n"
        "\n"
        f"{site.url('/missing')}\n"
        "www.example.com/no-scheme\n"
        f"{site.url('/photo.png')}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    argv = ["batch", site.url("/old"), str(listed), site.url("/late"), "-o", str(out)]
    flags = ["--fetch-timeout", "0.5", "--no-cache", "--quiet", "--base-url", fake.base_url]
    code = cli.main([*argv, *flags])
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert code == 1  # the run reports its failures; none of them stopped the others
    assert set(records) == {
        site.url("/old"),
        site.url("/news/article"),
        site.url("/missing"),
        "www.example.com/no-scheme",
        site.url("/photo.png"),
        site.url("/late"),
    }
    assert records[site.url("/old")]["status"] == "ok"
    assert records[site.url("/news/article")]["status"] == "ok"
    errors = {i: r["error"] for i, r in records.items() if r["status"] == "error"}
    assert {e["type"] for e in errors.values()} == {"InputError"}
    assert "HTTP 404" in errors[site.url("/missing")]["message"]
    assert "not an http(s) URL" in errors["www.example.com/no-scheme"]["message"]
    assert "within 0.5 s" in errors[site.url("/late")]["message"]
    assert len(fake.requests) == 2


def test_batch_inputs_count_urls_and_never_read_them_as_paths(tmp_path: Path) -> None:
    listed = tmp_path / "more.urls"
    listed.write_text("# two\nhttps://example.com/a\n\nhttps://example.com/b\n", encoding="utf-8")
    specs = ["https://example.com/news?id=7&page=[1]", str(listed)]  # glob characters in it
    check_specs(specs)
    assert count_items(specs) == 3
    items = list(iter_items(specs))
    assert [(i.id, i.origin) for i in items] == [
        (specs[0], specs[0]),
        ("https://example.com/a", f"{listed}:2"),
        ("https://example.com/b", f"{listed}:4"),
    ]
