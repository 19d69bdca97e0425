"""Prompt templates: files in ``summarizer/prompt_files/`` with a version header, rendered with
``$variables``.

The text of every prompt lives in those files, never in code. Each file starts with::

    ---
    name: summarize.system
    version: 1
    ---

All files of the set must carry the same version: that one version is recorded in every
output, so a result can always be traced to the exact wording that produced it. The files are
package data, read with ``importlib.resources``, so an installed wheel finds them as a checkout
does.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import PromptError

PROMPT_SET = "summarize"
_FILES = ("system", "user", "reask", "views")
PROMPT_FILES = "prompt_files"  # the package-data folder inside ``summarizer``


@dataclass(frozen=True)
class Template:
    name: str
    version: str
    body: str

    def render(self, **values: object) -> str:
        """Substitute ``$name`` placeholders; a missing variable is an error, not a blank."""
        try:
            return string.Template(self.body).substitute({k: str(v) for k, v in values.items()})
        except KeyError as exc:
            raise PromptError(f"prompt {self.name} needs variable ${exc.args[0]}") from None
        except ValueError as exc:
            raise PromptError(f"prompt {self.name} has a malformed placeholder: {exc}") from None


@dataclass(frozen=True)
class PromptSet:
    system: Template
    user: Template
    reask: Template
    views: Template  # the view units with their words, for a model that labels them

    @property
    def name(self) -> str:
        return PROMPT_SET

    @property
    def version(self) -> str:
        return self.system.version


def prompts_dir() -> Traversable:
    """``$SUMMARIZER_PROMPTS_DIR``, else the package's own ``prompt_files/``."""
    override = os.environ.get("SUMMARIZER_PROMPTS_DIR")
    if override:
        return Path(override)
    return resources.files("summarizer") / PROMPT_FILES


def load_template(path: Traversable) -> Template:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"cannot read prompt {path}: {exc.strerror}") from None
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        raise PromptError(f"prompt {path} has no '---' header")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise PromptError(f"prompt {path} header is not closed with '---'") from None
    header: dict[str, str] = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if sep:
            header[key.strip()] = value.strip()
    if not header.get("name") or not header.get("version"):
        raise PromptError(f"prompt {path} header needs 'name' and 'version'")
    body = "\n".join(lines[end + 1 :]).strip("\n")
    return Template(header["name"], header["version"], body)


def load_prompts(directory: Traversable | None = None) -> PromptSet:
    """The prompt set of ``directory`` (default ``prompts_dir()``), read once per process.

    Every article of a batch or a service needs it: reading three files per article would be
    I/O on the hot path, and a running process should keep one prompt version anyway.
    """
    directory = directory or prompts_dir()
    if isinstance(directory, Path):
        directory = directory.resolve()
    key = str(directory)
    found = _loaded.get(key)
    if found is None:
        found = _loaded[key] = _load_prompts(directory)
    return found


_loaded: dict[str, PromptSet] = {}


def _load_prompts(directory: Traversable) -> PromptSet:
    templates = {name: load_template(directory / f"{name}.md") for name in _FILES}
    versions = {t.version for t in templates.values()}
    if len(versions) != 1:
        raise PromptError(f"prompt files in {directory} disagree on version: {sorted(versions)}")
    return PromptSet(**templates)
