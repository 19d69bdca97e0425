"""Self-contained HTML pages: what the review pages (``review/``) and the story timeline page
(``story/``) share, so both are safe in the same way and link to each other by one naming.

A page is one file that opens from disk with nothing fetched. Safety does not rest on one
mechanism:

* every piece of article and model text goes through ``html.escape`` (``e``) before it reaches
  a template, attributes included;
* no data is embedded as JSON or script: a page's own script reads ``data-*`` attributes;
* a Content-Security-Policy allows only the page's own script and style, by hash, and nothing
  from anywhere, so even a missed escape could not run an inline script or handler.

It lives in the core, not in ``review/``, because the core never imports the edges and the
story page (core) needs the same helpers and the review pages' file names.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template

from .errors import InputError

# Every page's head: the policy first, so it governs everything after it.
HEAD = Template(
    """<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="$generator">
<title>$title</title>
<style>$style</style>"""
)


def e(text: object) -> str:
    """Escape for text and for quoted attribute values alike."""
    return escape(str(text), quote=True)


def asset(package: str, name: str) -> str:
    """A template of ``package`` (``templates/NAME``), read from the installed package."""
    return files(package).joinpath("templates", name).read_text(encoding="utf-8")


def source_hash(code: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def policy(script: str, style: str) -> str:
    """The page's Content-Security-Policy: its own script and style, by hash; nothing else."""
    return (
        f"default-src 'none'; script-src '{source_hash(script)}'; "
        f"style-src '{source_hash(style)}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def render(template: str, *, script: str, style: str, generator: str, **parts: str) -> str:
    """``template`` (``$head``, ``$script`` and ``parts``, all already escaped) as a page.

    ``parts["title"]`` is the page's title. The script and style are inlined exactly as hashed.
    """
    head = HEAD.substitute(
        csp=policy(script, style), generator=e(generator), title=parts["title"], style=style
    )
    return Template(template).substitute(parts, head=head, script=script)


def review_page_name(n: int, record_id: str) -> str:
    """The file, under a batch review's directory, of the page of its ``n``-th record (from 1,
    counting every record of the results file, errors included); the story page links here."""
    return f"articles/{n:04d}-{slug(record_id)}.html"


def slug(record_id: str) -> str:
    """A record id as a safe file name part: no separators, no leading dot, at most 60 chars."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", record_id).strip(".-")[:60] or "record"


def write_page(path: Path, text: str) -> None:
    """Write a page, its directories made; a failure is one ``InputError`` naming the path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
