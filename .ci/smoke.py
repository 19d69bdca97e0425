"""Smoke test of an installed wheel: its own ``summarizer`` command, run outside the checkout.

Run by ``.ci/run`` with the checkout's Python (for ``tests.fakes``, the fake model server) and
the path of the fresh virtualenv the wheel went into. Exits non-zero on the first failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes import FakeOpenAI, completion  # noqa: E402

SEED = ROOT / "seeds" / "trump-putin-call-ukraine.txt"
DRAFT = ROOT / "tests" / "data" / "seed_draft.json"


def run(
    venv: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    with tempfile.TemporaryDirectory() as cwd:  # nothing of the checkout on the way
        proc = subprocess.run(
            [str(venv / "bin" / args[0]), *args[1:]],
            cwd=cwd,
            env={**clean, "SUMMARIZER_CACHE_DIR": cwd, **(env or {})},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    print(f"smoke: {' '.join(args)} -> exit {proc.returncode}", flush=True)
    return proc


def check(condition: bool, what: str, proc: subprocess.CompletedProcess[str]) -> None:
    if not condition:
        sys.exit(
            f"smoke: FAILED: {what}\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
        )


def main(venv: Path) -> None:
    with FakeOpenAI(default=completion(DRAFT.read_text(encoding="utf-8"))) as fake:
        env = {"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "sk-smoke"}
        proc = run(venv, "summarizer", "summarize", str(SEED), "--published", "2025-03-17", env=env)
        check(proc.returncode == 0, "summarize against the fake server", proc)
        summary = json.loads(proc.stdout)
        text = summary["article"]["text"]
        spans = [q for q in summary["quotes"]] + [
            e for p in summary["positions"] for e in p["evidence"]
        ]
        check(bool(summary["quotes"]), "the summary has quotes", proc)
        check(all(text[s["start"] : s["end"]] == s["text"] for s in spans), "offsets hold", proc)
        check(summary["provenance"]["prompt"]["name"] == "summarize", "prompts were read", proc)
        check(len(fake.requests) == 1, "one request reached the fake server", proc)

    proc = run(venv, "summarizer", "schema")
    check(proc.returncode == 0 and "$id" in json.loads(proc.stdout), "schema", proc)
    proc = run(venv, "python", "-m", "summarizer", "schema", "--draft", "--kind", "grammar")
    check(proc.returncode == 0 and json.loads(proc.stdout)["type"] == "object", "draft", proc)

    proc = run(venv, "summarizer", "dates", "resolve", "last Tuesday", "--published", "2013-03-22")
    check(proc.returncode == 0 and json.loads(proc.stdout)["value"] == "2013-03-19", "dates", proc)

    # The core install has neither extra: both commands say which pip install to run.
    for args, extra in ((["summarize", str(SEED)], "local"), (["serve"], "serve")):
        proc = run(venv, "summarizer", *args)
        line = proc.stderr.strip()
        check(
            proc.returncode == 2 and "\n" not in line and f"[{extra}]'" in line,
            f"missing '{extra}' extra is one line, exit 2",
            proc,
        )

    code = (
        "import summarizer, importlib.resources as r; "
        "assert r.files('summarizer').joinpath('py.typed').is_file(); "
        "assert 'asummarize' in summarizer.__all__; print(summarizer.__file__)"
    )
    proc = run(venv, "python", "-c", code)
    check(proc.returncode == 0 and "site-packages" in proc.stdout, "installed package", proc)
    print("smoke: ok", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
