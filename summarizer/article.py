"""The article going in: its text, metadata and a stable id, plus loaders for every input form.

Loaders turn anything a user can hand us (a path, stdin bytes, a JSON document) into an
``Article`` or raise ``InputError`` with a one-line reason. Offsets in the output always point
into ``Article.text`` exactly as stored here, so loaders normalise line endings once, up front.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import IO, Any

from charset_normalizer import from_bytes
from pydantic import BaseModel, ConfigDict, Field

from . import jsonl
from .errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

# The longest article accepted by default, in characters (``Settings.max_chars``).
DEFAULT_MAX_CHARS = 100_000
# A headline is a short first line with no sentence-ending punctuation.
_MAX_HEADLINE = 200
# charset-normalizer's mess ratio above which a detected decoding is noise, not text.
_MAX_CHAOS = 0.2


class Article(BaseModel):
    """One article. ``id`` is derived from the normalised text, so re-loading is stable."""

    model_config = ConfigDict(frozen=True)

    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    language: str | None = None
    id: str = Field(default="")

    def model_post_init(self, __context: Any) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text))


def article_id(text: str) -> str:
    """A stable id: sha256 of the NFC text with whitespace folded, first 16 hex digits.

    Total over ``str``: a lone surrogate (``"\\ud800"`` in a JSONL line) is hashed as its
    code point (``surrogatepass``), so the input gets an id and its own error record from
    ``make_article`` instead of failing the whole batch; valid text hashes as before.
    """
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_published(value: object, *, what: str = "published") -> dt.date | None:
    """Accept ``YYYY-MM-DD`` (or a full ISO timestamp); anything else is bad input."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        raw = value.strip()
        try:
            return dt.date.fromisoformat(raw[:10]) if len(raw) >= 10 else dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise InputError(f"invalid {what} date {value!r}: expected YYYY-MM-DD")


def make_article(
    text: str,
    *,
    title: str | None = None,
    published: object = None,
    source: str | None = None,
    language: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """Check and normalise raw text into an ``Article`` (the one entry point for all loaders)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for what, value in (("text", text), ("title", title), ("source", source)):
        if value is not None and _SURROGATE.search(value):
            raise InputError(
                f"the {what} holds a lone surrogate (\\ud800-\\udfff), which is not valid Unicode"
            )
    if "\x00" in text:
        raise InputError("input looks binary (contains NUL bytes), expected article text")
    if not text.strip():
        raise InputError("article is empty")
    if _control_ratio(text) > 0.05:
        raise InputError("input looks binary (too many control characters), expected article text")
    if len(text) > max_chars:
        raise InputError(
            f"article is {len(text):,} characters, over the limit of {max_chars:,} "
            "(raise it with --max-chars or SUMMARIZER_MAX_CHARS)"
        )
    if title is None:
        title = _headline(text)
    return Article(
        text=text,
        title=title,
        published=parse_published(published),
        source=source,
        language=language,
    )


def decode(data: bytes, *, name: str = "input") -> str:
    """UTF-8 (BOM optional), UTF-16 with a BOM, then a detected legacy encoding; else bad input.

    Detection is limited to byte-oriented encodings and must find readable text: without a
    BOM, UTF-16/32 "decodes" any even-length byte string into noise.
    """
    if not data.strip():
        raise InputError(f"{name} is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name} has a UTF-16 mark but is not valid UTF-16") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks binary (contains NUL bytes), expected article text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(
        data,
        cp_exclusion=[
            "utf_16",
            "utf_16_le",
            "utf_16_be",
            "utf_32",
            "utf_32_le",
            "utf_32_be",
            "utf_7",
        ],
    )
    best = matches.best()
    if best is None or best.encoding is None or best.chaos > _MAX_CHAOS:
        raise InputError(f"{name} is not valid UTF-8 and its encoding could not be detected")
    return str(best)


def _decode_declared(data: bytes, encoding: str) -> str | None:
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # a byte order mark outranks the declared charset (as in browsers)
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def byte_cap(max_chars: int) -> int:
    """The most bytes read of one article, from a file or stdin: bytes can exceed characters,
    but an input 8x over the limit fits no encoding. The cap is on the read itself: a file may
    grow, or claim size 0 like /proc files, and stdin may be ``/dev/zero``."""
    return max_chars * 8


def read_stdin(stream: IO[Any] | None, max_chars: int) -> bytes:
    """At most ``byte_cap(max_chars) + 1`` bytes of stdin (``load_article`` then refuses an
    input over the cap), never all of it first."""
    if stream is None:
        return b""
    buffer = getattr(stream, "buffer", stream)
    limit = byte_cap(max_chars) + 1
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = buffer.read(min(1 << 20, limit - size))
        if not chunk:
            break
        if isinstance(chunk, str):  # a text stream with no bytes beneath (an embedding app)
            chunk = chunk.encode("utf-8", "surrogateescape")
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def load_article(
    path: str | Path,
    *,
    title: str | None = None,
    published: object = None,
    source: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: bytes | None = None,
) -> Article:
    """Load a ``.txt``/``.md``/``.html``/``.json`` file, or stdin when ``path`` is ``-``.

    Flags given by the caller win over metadata found in the file.
    """
    cap = byte_cap(max_chars)
    if str(path) == "-":
        data = stdin if stdin is not None else b""
        if len(data) > cap:
            raise InputError(
                f"stdin is over {cap:,} bytes, far over the limit of {max_chars:,} characters"
            )
        name, suffix = "stdin", sniff_suffix(data)
    else:
        p = Path(path)
        problem = jsonl.regular_file_problem(p)
        if problem is not None:
            raise InputError(f"{p}: {problem}")
        try:
            data = jsonl.read_capped(p, cap)
        except OSError as exc:
            raise InputError(f"{p}: cannot read: {exc.strerror}") from None
        if len(data) > cap:
            raise InputError(
                f"{p}: file is over {cap:,} bytes, far over the limit of {max_chars:,} characters"
            )
        name, suffix = str(p), p.suffix.lower()
        source = source or p.name
    return article_from_bytes(
        data,
        name=name,
        suffix=suffix,
        title=title,
        published=published,
        source=source,
        max_chars=max_chars,
    )


def article_from_bytes(
    data: bytes,
    *,
    name: str,
    suffix: str,
    title: str | None = None,
    published: object = None,
    source: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    encoding: str | None = None,
) -> Article:
    """Bytes already read (a file, stdin, a web page) into an ``Article``, by ``suffix``:
    ``.json``, ``.html``, else text. One place, so a page and a saved copy of it load alike.

    ``encoding`` is the sender's declared charset (a web server's); bytes it cannot decode, or
    an encoding Python does not know, fall back to ``decode``'s detection.
    """
    text = _decode_declared(data, encoding) if encoding else None
    if text is None:
        text = decode(data, name=name)
    if suffix in JSON_SUFFIXES:
        return _from_json(
            text, name=name, title=title, published=published, source=source, max_chars=max_chars
        )
    if suffix in HTML_SUFFIXES:
        meta = extract_html(text, name=name)
        return make_article(
            meta["text"],
            title=title or meta.get("title"),
            published=published if published is not None else meta.get("date"),
            source=source or meta.get("url"),
            language=meta.get("language"),
            max_chars=max_chars,
        )
    return make_article(text, title=title, published=published, source=source, max_chars=max_chars)


# Longer than any file name a user types: such a string is article text, never a name.
_MAX_NAME = 4096


def refuse_file_name(text: str) -> None:
    """``InputError`` for a string that is one line naming an existing file: ``summarize("a.txt")``
    would summarise the eight characters of its name. A ``Path``, or ``load_article``, reads the
    file."""
    name = text.strip()
    if not name or len(name) > _MAX_NAME or "\n" in name:
        return
    try:
        is_file = Path(name).expanduser().is_file()
    except (OSError, ValueError):  # not a name the file system takes (NUL, too long)
        return
    if is_file:
        raise InputError(
            f"{name!r} is the name of a file, not an article's text: pass Path({name!r}) or "
            f"load_article({name!r}) to summarise the file"
        )


def article_from_mapping(
    data: dict[str, Any], *, name: str = "input", max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """Build an article from a JSON object with ``text`` and optional metadata."""
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(f"{name}: JSON needs a string field 'text'")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f"{name}: 'title' must be a string")
    source = data.get("source") or data.get("url")
    return make_article(
        text,
        title=title,
        published=_published_field(data, name),
        source=str(source) if source is not None else None,
        language=data.get("language") if isinstance(data.get("language"), str) else None,
        max_chars=max_chars,
    )


def _from_json(
    raw: str,
    *,
    name: str,
    title: str | None,
    published: object,
    source: str | None,
    max_chars: int,
) -> Article:
    try:
        data = jsonl.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: malformed JSON ({jsonl.describe(exc)})") from None
    if not isinstance(data, dict):
        raise InputError(f"{name}: JSON input must be an object with a 'text' field")
    merged = dict(data)
    if title is not None:
        merged["title"] = title
    if published is not None:
        merged["published"] = published
    if source is not None and not merged.get("source"):
        merged["source"] = source
    return article_from_mapping(merged, name=name, max_chars=max_chars)


def _published_field(data: dict[str, Any], name: str) -> dt.date | None:
    value = data.get("published", data.get("date"))
    try:
        return parse_published(value)
    except InputError:
        raise InputError(
            f"{name}: invalid 'published' date {value!r}: expected YYYY-MM-DD"
        ) from None


def extract_html(html: str, *, name: str = "input") -> dict[str, Any]:
    """Main text and metadata of an HTML page, by trafilatura (boilerplate removed)."""
    import trafilatura  # imported lazily: it is heavy and only HTML needs it

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        favor_precision=True,
    )
    if doc is None or not getattr(doc, "text", None):
        raise InputError(f"{name}: no article text found in the HTML")
    meta: dict[str, Any] = {"text": getattr(doc, "text", "")}
    for key in ("title", "date", "url", "language"):
        value = getattr(doc, key, None)
        if value:
            meta[key] = value
    return meta


def _headline(text: str) -> str | None:
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if sep and rest.strip() and 0 < len(first) <= _MAX_HEADLINE and first[-1] not in '.!?:;"”':
        return first
    return None


def sniff_suffix(data: bytes) -> str:
    """The kind of input that came without a name (stdin, a page with no Content-Type)."""
    head = data.lstrip()[:512].lower()
    if head.startswith(b"{"):
        return ".json"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return ".html"
    return ".txt"


_SURROGATE = re.compile("[\ud800-\udfff]")

# Control characters (Unicode category Cc) other than \t \n \v \f: a sign of binary data.
_CONTROL = re.compile("[\x00-\x08\x0d-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    sample = text[:20_000]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)
