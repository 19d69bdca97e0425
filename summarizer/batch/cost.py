"""Token totals and an estimated cost, from a price table the user can replace.

Prices are US dollars per million tokens, input and output, per model. The defaults are a
convenience, not a quote: pass ``--prices FILE`` (JSON ``{"model": {"input": x, "output":
y}}``) to use your own. A model is priced by its exact name, else by the longest table entry
its name starts with (``gpt-4o-mini-2024-07-18`` uses ``gpt-4o-mini``). Unknown models are
reported as such rather than guessed at.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import jsonl
from ..errors import InputError
from ..profile import BUNDLED_MODEL
from ..schema import Usage

DEFAULT_PRICES: dict[str, dict[str, float]] = {
    "gpt-4o-mini": {"input": 0.15, "output": 0.60},
    "gpt-4o": {"input": 2.50, "output": 10.00},
    "gpt-4.1-nano": {"input": 0.10, "output": 0.40},
    "gpt-4.1-mini": {"input": 0.40, "output": 1.60},
    "gpt-4.1": {"input": 2.00, "output": 8.00},
    BUNDLED_MODEL: {"input": 0.0, "output": 0.0},
}
# The Batch API bills half the synchronous price.
BATCH_DISCOUNT = 0.5


@dataclass(frozen=True)
class PriceTable:
    prices: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: DEFAULT_PRICES)

    @classmethod
    def load(cls, path: Path | None) -> PriceTable:
        if path is None:
            return cls()
        problem = jsonl.regular_file_problem(path)
        if problem is not None:
            raise InputError(f"price table {path}: {problem}")
        try:
            data = jsonl.loads(jsonl.read_capped(path, 1 << 20))
        except OSError as exc:
            raise InputError(f"cannot read price table {path}: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"price table {path} is not JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise InputError(f"price table {path}: expected an object of models")
        for model, price in data.items():
            if not (
                isinstance(price, dict)
                and all(isinstance(price.get(k), int | float) for k in ("input", "output"))
            ):
                raise InputError(
                    f"price table {path}: {model!r} needs numeric 'input' and 'output' "
                    "(dollars per million tokens)"
                )
        return cls(data)

    def price(self, model: str) -> Mapping[str, float] | None:
        if model in self.prices:
            return self.prices[model]
        prefixes = [m for m in self.prices if model.startswith(m)]
        return self.prices[max(prefixes, key=len)] if prefixes else None


@dataclass
class CostTally:
    """Tokens per model across the run, and what they cost under a price table."""

    table: PriceTable = field(default_factory=PriceTable)
    discount: float = 1.0
    usage: dict[str, Usage] = field(default_factory=dict)

    def add(self, model: str | None, usage: Usage) -> None:
        if usage.total_tokens == 0 and usage.prompt_tokens == 0:
            return
        name = model or "unknown"
        self.usage[name] = self.usage.get(name, Usage()) + usage

    @property
    def total(self) -> Usage:
        return sum(self.usage.values(), Usage())

    def cost(self) -> float | None:
        """Estimated dollars, or None when some tokens went to a model with no price."""
        dollars = 0.0
        for model, used in self.usage.items():
            price = self.table.price(model)
            if price is None:
                return None
            dollars += (
                used.prompt_tokens * price["input"] + used.completion_tokens * price["output"]
            ) / 1e6
        return round(dollars * self.discount, 6)

    def unpriced(self) -> list[str]:
        return sorted(m for m in self.usage if self.table.price(m) is None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tokens": self.total.model_dump(),
            "by_model": {m: u.model_dump() for m, u in sorted(self.usage.items())},
            "estimated_cost_usd": self.cost(),
            "unpriced_models": self.unpriced(),
            "discount": self.discount,
        }
