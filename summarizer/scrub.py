"""Text leaving the process: secrets redacted, terminal control characters taken out.

Two kinds of leak go through here.

*Secrets.* A message may quote what an upstream server said, and some servers echo the key
they were sent (``401 Incorrect API key provided: Bearer sk-…``); an HTTP client's log line
shows the URL, userinfo and query string included. ``redact`` replaces every secret this
process was configured with (``remember``: each ``Settings`` registers its key and the
credentials in its base URL) and anything shaped like one: URL userinfo, key-like query
parameters, ``Authorization`` values, ``Basic`` credentials (base64 of ``user:password``) and
bearer tokens, ``sk-…`` keys; and a known secret in base64, as a proxy that echoes the header it
was sent shows it. It runs on every message that leaves: error lines, batch records, problem
bodies and log records (``RedactingFilter``).

*Terminal escapes and line breaks.* Article and model text may hold ``ESC ] 0;… BEL`` (set the
window title), OSC 8 links or bidi overrides. ``for_terminal`` replaces control characters, so
a diagnostic can neither restyle the reader's terminal nor forge extra lines; ``safe_json``
escapes them inside serialised JSON (JSONL records, JSON on stdout), which also keeps U+2028,
U+2029 and U+0085 from splitting a record for tools that split lines on them.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import threading
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, urlsplit

REDACTED = "[REDACTED]"
# Shorter values are not remembered: redacting every "abc" would garble messages.
MIN_SECRET = 6

_known: set[str] = set()
_lock = threading.Lock()

_SECRET_PARAM = re.compile(
    r"(?:api[-_]?key|key|token|access[-_]?token|auth|password|passwd|pwd|secret|"
    r"client[-_]?secret|sig|signature|code)",
    re.I,
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # scheme://user:password@host -> scheme://[REDACTED]@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#@]+@"), rf"\1{REDACTED}@"),
    # ?api-key=...&token=... -> ?api-key=[REDACTED]
    (
        re.compile(rf"(?i)([?&;]{_SECRET_PARAM.pattern}=)[^&#\s\"'<>]+"),
        rf"\1{REDACTED}",
    ),
    # An Authorization header's credentials, whatever the scheme.
    (
        re.compile(r"(?i)\b(authorization[\"']?\s*[:=]\s*[\"']?[a-z]+\s+)[^\s\"',;]+"),
        rf"\1{REDACTED}",
    ),
    # A bearer token quoted in free text: with a digit, or longer than any word ("the bearer
    # bonds" is prose).
    (
        re.compile(
            r"\b([Bb]earer)(\s+)(?:(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}"
            r"|[A-Za-z0-9._~+/=-]{20,})"
        ),
        rf"\1\2{REDACTED}",
    ),
    (re.compile(r"(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{6,}"), REDACTED),
    # "api_key": "...", password=..., x-api-key: ...
    (
        re.compile(
            r"(?i)\b((?:x-)?(?:api[-_]?key|access[-_]?token|auth[-_]?token|password|passwd|"
            r"client[-_]?secret)[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&}]{4,}"
        ),
        rf"\1{REDACTED}",
    ),
)

# ``Basic`` and a word that is base64 of something with a colon: ``user:password``.
_BASIC = re.compile(r"(?i)\b(basic)(\s+)([A-Za-z0-9+/_-]{8,}={0,2})")

# Control characters, DEL, C1, bidi overrides and isolates, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def remember(*values: str | None) -> None:
    """Register secrets to redact from every message this process lets out."""
    fresh = {v for v in values if v and len(v) >= MIN_SECRET}
    if fresh:
        with _lock:
            _known.update(fresh)


def url_secrets(url: str | None) -> list[str]:
    """The credentials inside a URL: userinfo and the values of key-like query parameters."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found = [parts.password or "", parts.username or ""]
    if parts.username is not None and parts.password is not None:  # what Basic auth encodes
        found.append(f"{parts.username}:{parts.password}")
    found += [v for k, v in parse_qsl(parts.query) if _SECRET_PARAM.fullmatch(k.strip())]
    return [f for f in found if f]


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` without the remembered secrets, ``secrets``, and credential-shaped strings."""
    with _lock:
        known = set(_known)
    known.update(s for s in secrets if s and len(s) >= MIN_SECRET)
    for secret in sorted(known, key=len, reverse=True):
        for form in _forms(secret):
            if form in text:
                text = text.replace(form, REDACTED)
    text = _BASIC.sub(_basic, text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _forms(secret: str) -> list[str]:
    """A secret as it may be quoted: itself, URL-encoded, and in base64 (standard and URL-safe,
    padded or not: ``Authorization: Basic`` and proxies' echoes)."""
    raw = secret.encode("utf-8", "surrogatepass")
    forms = [secret, quote(secret, safe="")]
    for encoded in (base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()):
        forms += [encoded, encoded.rstrip("=")]
    return [f for f in dict.fromkeys(forms) if len(f) >= MIN_SECRET]


def _basic(match: re.Match[str]) -> str:
    """``Basic <credentials>`` redacted when the word decodes to ``something:something``."""
    word = match[3].rstrip("=")
    if len(word) % 4 == 1:
        return match[0]
    padded = word + "=" * (-len(word) % 4)
    try:
        decoded = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return match[0]
    if b":" not in decoded:
        return match[0]
    return f"{match[1]}{match[2]}{REDACTED}"


def for_terminal(text: str) -> str:
    """One line safe to print: breaks become spaces, other controls U+FFFD."""
    return _UNSAFE.sub("\ufffd", _BREAKS.sub(" ", text))


def for_document(text: str) -> str:
    """Text for an exported file (CSV, Markdown), which may well be printed to a terminal: tabs
    and newlines kept, other controls, bidi overrides and lone surrogates (which no encoder
    writes) replaced one for one by U+FFFD, so offsets into the text still count the same."""
    return _UNSAFE.sub("\ufffd", text)


def safe_json(text: str) -> str:
    """Serialised JSON with DEL, C1 controls, U+2028/U+2029, bidi controls and lone surrogates
    written as ``\\uXXXX`` escapes: the same JSON value, but one line for any line splitter
    and nothing a terminal acts on (JSON encoders already escape C0 controls).

    Only valid on serialised JSON, where these characters can only occur inside strings.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def message(text: str) -> str:
    """A one-line message fit to leave the process anywhere: redacted, no controls."""
    return " ".join(for_terminal(redact(text)).split())


class RedactingFilter(logging.Filter):
    """Redacts each record's message and traceback before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # a broken format string is the logger's problem, not a leak
            return True
        redacted = redact(text)
        if redacted != text:  # else left alone: some formatters read ``args`` themselves
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install_log_redaction() -> None:
    """Put a ``RedactingFilter`` on every handler configured so far (root and named loggers).

    A handler filter sees records propagated from any logger (the HTTP client's included),
    which a logger's own filter would not.
    """
    loggers = [logging.getLogger(), *logging.root.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())
