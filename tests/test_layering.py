"""Layering, checked: the core never imports the edges, and each edge imports only what it may.

The edges are the CLI (``cli.py``, ``cli_shared.py``, ``cli_status.py``), ``batch/``,
``review/``, ``story/`` (timelines across a batch's results), ``service/`` and ``local/``. The
core reaches the local model only through ``endpoint.py``, lazily.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from summarizer import cli

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"
EDGES = ("cli", "cli_shared", "cli_status", "batch", "review", "story", "service", "local")
# What each part may import of the edges (the core: none, but endpoint's lazy local server).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "cli": set(EDGES),
    "cli_shared": set(),
    "cli_status": set(),
    "batch": {"cli_shared"},
    "review": {"cli_shared"},
    "story": {"review", "cli_shared"},
    "service": {"batch", "story", "cli_shared"},
    "local": set(),
}
# The package root lends ``summarize_many`` from ``batch``, and ``build_timelines`` and
# ``StoryTimelines`` from ``story``, on first use (``__getattr__``).
LAZY_EXCEPTIONS = {("endpoint", "local"), ("summarizer", "batch"), ("summarizer", "story")}


def _part(module: str) -> str:
    """``summarizer.batch.engine`` -> ``batch``; a core module -> ``core``."""
    head = module.split(".")[1] if module.count(".") else ""
    return head if head in EDGES else "core"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    """Absolute names of every summarizer module ``module`` imports, anywhere in the file."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            names.add("__import__")
    return {n for n in names if n.startswith("summarizer") or n == "__import__"}


def test_every_part_imports_only_the_edges_it_may() -> None:
    modules = _modules()
    assert {"summarizer.batch.runner", "summarizer.review.view", "summarizer.service.app"} <= set(
        modules
    )
    wrong = []
    for module, path in sorted(modules.items()):
        if module == "summarizer.__main__":
            continue
        part = _part(module)
        for name in _imports(module, path):
            assert name != "__import__", f"{module} imports by __import__"
            if name not in modules and name.rsplit(".", 1)[0] not in modules:
                continue
            target = _part(name if name in modules else name.rsplit(".", 1)[0])
            short = module.removeprefix("summarizer.")
            if target in (part, "core") or target in ALLOWED[part]:
                continue
            if (short, target) not in LAZY_EXCEPTIONS:
                wrong.append(f"{module} -> {name}")
    assert wrong == []


def test_importing_the_core_loads_no_edge_and_no_optional_stack() -> None:
    core = sorted(m for m in _modules() if _part(m) == "core" and m != "summarizer.__main__")
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        "edges = sorted(m for m in sys.modules if m.split('.')[:2][-1] in "
        f"{EDGES!r} and m.startswith('summarizer.'))\n"
        "heavy = sorted({'fastapi', 'uvicorn', 'xllamacpp', 'rich'} & set(sys.modules))\n"
        "print(edges, heavy)\n"
        "sys.exit(bool(edges or heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_cli_registers_commands_without_the_web_stack_or_the_model() -> None:
    code = (
        "import sys, summarizer.cli as c; c.build_parser(); "
        "sys.exit(bool({'fastapi', 'uvicorn', 'xllamacpp'} & set(sys.modules)))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_every_command_module_registers_the_same_way() -> None:
    from summarizer.batch import cli as batch_cli
    from summarizer.review import cli as review_cli
    from summarizer.service import cli as service_cli
    from summarizer.story import cli as story_cli

    assert (
        cli.register,
        review_cli.register,
        story_cli.register,
        batch_cli.register,
        service_cli.register,
    ) == cli.COMMANDS
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) == {
        "summarize",
        "schema",
        "dates",
        "index",
        "local",
        "review",
        "validate",
        "export",
        "timeline",
        "batch",
        "serve",
    }
    for name, sub in commands.items():
        if name not in ("dates", "local"):
            assert callable(sub.get_default("handler")), name


# The core in tiers, lowest first: a module may import its own tier and the tiers below it,
# never one above, at module level or inside a function. Places chosen where the imports
# allowed more than one:
# - ``article`` is base: it needs only errors and the bounded reader, and ``index`` reads it.
# - ``claims``, ``support`` and ``windows`` read only the index, so they sit with it.
# - "draft/schema" holds everything that builds or writes a summary's parts without calling
#   the model: ``events``, ``attribution``, ``stance_rules``, ``topic_terms``, ``positions``,
#   ``timeline``, ``record_format``, ``export`` and ``schema_export``.
# - "assemble" is above "model": ``assemble`` writes the provenance of a model's answer (its
#   extraction, the endpoint profile), and ``merge`` (which ``long`` uses to combine windows)
#   reads ``assemble``.
# - "model" is the endpoint profile and everything that talks to a server: ``profile``
#   (which reads ``draft``), ``context``, ``llm``, ``retry``, ``endpoint``, ``extraction``, and
#   ``web`` (which fetches articles with ``llm``'s bounded client).
# - The package root, the public API, is above the pipeline.
TIERS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (name, frozenset(modules.split()))
    for name, modules in (
        (
            "base",
            "errors scrub jsonl paths version views settings prompts http_bounds extras "
            "logs article html_page",
        ),
        ("dates", "dates"),
        ("index", "index claims support windows"),
        (
            "draft/schema",
            "draft schema schema_export record_format export timeline attribution "
            "events stance_rules topic_terms positions",
        ),
        ("model", "profile context llm retry endpoint extraction web"),
        ("assemble", "assemble merge"),
        ("request", "request"),
        ("long", "long"),
        ("pipeline", "pipeline"),
        ("api", "summarizer"),
    )
)


def _tier(module: str) -> int:
    """The tier of a core module: ``summarizer.index.units`` is in the tier of ``index``."""
    parts = module.split(".")
    short = "summarizer" if len(parts) == 1 else parts[1]
    found = [n for n, (_, members) in enumerate(TIERS) if short in members]
    assert len(found) == 1, f"{module} needs exactly one tier in TIERS, has {len(found)}"
    return found[0]


def _core_imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The core modules ``module`` imports anywhere in the file (functions included).

    ``from . import scrub`` imports ``summarizer.scrub``, not the package's ``__init__``; a
    name that is not a module (``from . import ArticleIndex``) imports the package itself.
    """
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in modules else target)
    return {name for name in found if name in modules and _part(name) == "core"} - {module}


def _core_graph() -> dict[str, set[str]]:
    modules = _modules()
    core = {m: p for m, p in modules.items() if _part(m) == "core" and m != "summarizer.__main__"}
    return {m: _core_imports(m, p, modules) for m, p in core.items()}


def test_the_core_imports_only_its_own_tier_and_below() -> None:
    """base -> dates -> index -> draft/schema -> model -> request -> long -> pipeline -> api."""
    upward = []
    for module, imported in sorted(_core_graph().items()):
        for name in sorted(imported):
            if _tier(name) > _tier(module):
                mine, theirs = TIERS[_tier(module)][0], TIERS[_tier(name)][0]
                upward.append(f"{module} ({mine}) -> {name} ({theirs})")
    assert upward == []


def test_the_core_has_no_import_cycle() -> None:
    """Within a tier too: a cycle (``long`` <-> ``pipeline`` once) is a test failure.

    A package's ``__init__`` is run before any of its modules, so ``index.markup`` importing
    ``ArticleIndex`` from ``index`` (which never imports ``markup``) is not a cycle, but any
    loop of imports, functions included, is.
    """
    graph = _core_graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph[module]):
            if state.get(name) == 1:
                cycles.append([*path[path.index(name) :], name])
            elif name not in state:
                visit(name, [*path, name])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []
