"""Articles from the web: ``load_url`` fetches one http(s) page into an ``Article``.

A page is input like a file, so it is bounded like one and fails like one. Its bytes go to the
file loader (``article.article_from_bytes``: HTML through trafilatura, whose title and date are
used unless the caller gives them), so a page and a saved copy of it give the same article.

- *Size*: at most ``max_bytes`` of body (``byte_cap(max_chars)`` by default, the cap on files),
  counted as they stream in and after inflating a gzip/deflate body; a larger declared
  Content-Length is refused before any body is read, an absent or lying one is cut at the cap.
- *Time*: the whole fetch, redirects and body included, ends within ``timeout`` seconds. The
  client's own timeouts are per operation (a server dripping a byte a second never trips a
  read timeout), so ``http_bounds``' watchdog shuts the socket down at the deadline; connecting
  waits at most ``connect_timeout``.
- *Redirects*: followed by hand, at most ``MAX_REDIRECTS``, each target checked like the URL
  given (http(s) only, no credentials), and a redirect's body never read.

Every failure (a bad URL, a refused connection, the deadline, an HTTP error status, a body that
is neither HTML nor text, or too large) is one ``InputError`` naming the URL.
"""

from __future__ import annotations

import functools
import importlib.metadata as metadata
import time

import httpx2

from . import http_bounds
from .article import DEFAULT_MAX_CHARS, Article, article_from_bytes, byte_cap, sniff_suffix
from .errors import InputError
from .llm import tls_context
from .settings import CREDENTIALS, DEFAULT_FETCH_TIMEOUT, base_url_problem

MAX_REDIRECTS = 5
DEFAULT_CONNECT_TIMEOUT = 10.0
# What a page may be: HTML is extracted with trafilatura, text is taken as it is.
_KINDS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
_TIMEOUT_ADVICE = " (raise it with --fetch-timeout or SUMMARIZER_FETCH_TIMEOUT)"
_SIZE_ADVICE = " (raise it with --max-chars or SUMMARIZER_MAX_CHARS)"


def is_url(text: str) -> bool:
    """Whether a command-line input names a web page rather than a file."""
    return text[:8].lower().startswith(("http://", "https://"))


def load_url(
    url: str,
    *,
    title: str | None = None,
    published: object = None,
    source: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_bytes: int | None = None,
    timeout: float = DEFAULT_FETCH_TIMEOUT,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> Article:
    """Fetch an http(s) page and load it as an article; ``source`` defaults to the page's URL
    (after redirects). Flags given by the caller win over the page's metadata."""
    cap = byte_cap(max_chars) if max_bytes is None else max_bytes
    page = _Fetch(url, timeout=timeout, connect_timeout=connect_timeout, max_bytes=cap)
    data, final_url, suffix, charset = page.run()
    try:
        return article_from_bytes(
            data,
            name=url,
            suffix=suffix,
            title=title,
            published=published,
            source=source or final_url,
            max_chars=max_chars,
            encoding=charset,
        )
    except InputError as exc:  # "article is empty" and the like: say which page it was
        message = str(exc)
        raise InputError(message if message.startswith(url) else f"{url}: {message}") from None


@functools.cache
def user_agent() -> str:
    """``summarizer/<version>``, and the project's address when its metadata has one: a site
    that wants to know who fetches its pages can tell, and reach the maintainers."""
    try:
        version = metadata.version("summarizer")
        urls = metadata.metadata("summarizer").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "summarizer/unknown"
    home = next((u.split(",", 1)[1].strip() for u in urls if "," in u), None)
    return f"summarizer/{version}" + (f" (+{home})" if home else "")


class _Fetch:
    """One page fetch: its bounds, and the URL named in every error."""

    def __init__(self, url: str, *, timeout: float, connect_timeout: float, max_bytes: int) -> None:
        self.url = url
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.max_bytes = max_bytes
        self.deadline = http_bounds.Deadline(timeout, None)

    def run(self) -> tuple[bytes, str, str, str | None]:
        """The body, the final URL, the kind of input (a file suffix) and the declared charset."""
        self._check(self.url, redirect=False)
        headers = {
            "User-Agent": user_agent(),
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        }
        self.deadline.start()
        try:
            with httpx2.Client(verify=tls_context(), headers=headers) as client:
                response = self._follow(client)
                try:
                    suffix = self._kind(response)
                    data = self._body(response)
                finally:
                    response.close()
                return (
                    data,
                    str(response.url),
                    suffix or sniff_suffix(data),
                    response.charset_encoding,
                )
        except httpx2.TimeoutException:
            raise self._timed_out() from None
        except httpx2.HTTPError as exc:
            if self.deadline.fired:  # the watchdog closed the connection under a read
                raise self._timed_out() from None
            if isinstance(exc, httpx2.ConnectError):
                raise self._error(f"cannot connect ({_reason(exc)})") from None
            raise self._error(_reason(exc)) from None
        finally:
            self.deadline.finish()

    def _follow(self, client: httpx2.Client) -> httpx2.Response:
        """The first answer that is not a redirect, within ``MAX_REDIRECTS`` hops."""
        request = client.build_request("GET", self.url, extensions={"trace": self.deadline.trace})
        for _ in range(MAX_REDIRECTS + 1):
            request.extensions["timeout"] = self._timeouts()
            response = client.send(request, stream=True)
            self.deadline.stream = response.extensions.get("network_stream", self.deadline.stream)
            if not 300 <= response.status_code < 400 or "location" not in response.headers:
                return response
            response.close()  # a redirect's body is never read
            target = response.next_request
            if target is None:
                raise self._error(f"HTTP {response.status_code} redirect to an unusable location")
            self._check(str(target.url), redirect=True)
            request = target
        raise self._error(f"more than {MAX_REDIRECTS} redirects")

    def _timeouts(self) -> dict[str, float | None]:
        """The client's per-operation timeouts, none longer than the time left."""
        left = (
            self.deadline.deadline - time.monotonic() if self.deadline.deadline is not None else 0.0
        )
        if left <= 0 or self.deadline.expired():
            raise httpx2.ReadTimeout("deadline passed between redirects")
        return httpx2.Timeout(left, connect=min(self.connect_timeout, left)).as_dict()

    def _kind(self, response: httpx2.Response) -> str | None:
        """The input kind the Content-Type names (None: none given, so sniff the body)."""
        if not 200 <= response.status_code < 300:
            raise self._error(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
        header = response.headers.get("content-type", "")
        mime = header.split(";", 1)[0].strip().lower()
        if not mime:
            return None
        if mime not in _KINDS:
            raise self._error(f"content type {mime} is not an article (HTML or plain text)")
        return _KINDS[mime]

    def _body(self, response: httpx2.Response) -> bytes:
        """The body, streamed and decoded within the cap and the deadline."""
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(f"declares {int(declared):,} bytes, over")
        coding = response.headers.get("content-encoding", "").strip().lower()
        inflate = http_bounds.inflater(coding)
        if coding not in ("", "identity") and inflate is None:
            raise self._error(f"the body is compressed as {coding!r}, which is not supported")
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw():
            chunk = inflate(raw, self.max_bytes - size) if inflate is not None else raw
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large("is over")
            if self.deadline.expired():
                raise httpx2.ReadTimeout("deadline passed while reading the body")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check(self, url: str, *, redirect: bool) -> None:
        """Refuse what must not be fetched: another scheme (``file:``), a URL with credentials
        (sent as ``Authorization: Basic``, then written into the article's source)."""
        problem = base_url_problem(url)
        if problem is None:
            return
        what = f"redirected to {url!r}, which is " if redirect else ""
        if problem == CREDENTIALS:
            raise self._error(f"{what}a URL with a user name or password: not fetched")
        raise self._error(f"{what}not an http(s) URL that can be fetched ({problem})")

    def _too_large(self, how: str) -> InputError:
        limit = f"the cap of {self.max_bytes:,} bytes for --max-chars"
        return self._error(f"the page {how} {limit}{_SIZE_ADVICE}")

    def _timed_out(self) -> InputError:
        return self._error(f"no complete answer within {self.timeout:g} s{_TIMEOUT_ADVICE}")

    def _error(self, message: str) -> InputError:
        return InputError(f"{self.url}: {message}")


def _reason(exc: Exception) -> str:
    """A short reason for a transport failure: the exception's own words, else its type."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
