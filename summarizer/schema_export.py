"""Write the JSON Schema files into ``schemas/``: ``python -m summarizer.schema_export``."""

from __future__ import annotations

import sys
from pathlib import Path

from .schema import export_schemas


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "schemas"
    for path in export_schemas(target):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
