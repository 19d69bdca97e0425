"""Where the model runs: the configured server, or the bundled local model when none is.

This is the only core module that reaches the local server, and only lazily, so a run against
a remote server never imports or starts llama.cpp.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from .settings import LOCAL_MODEL_NAME, DefaultTimeout, Settings

# llama.cpp reuses a warm prompt cache across requests, which changes greedy output; turning it
# off makes the same article give the same answer every run. The DRY sampler penalises a
# token that would extend a sequence already written (past two tokens, growing with length):
# greedy decoding on a 1.5B model otherwise writes the same event or stance under every key.
# JSON punctuation breaks sequences, so the structure itself is never penalised.
LOCAL_EXTRA_BODY = {
    "cache_prompt": False,
    "dry_multiplier": 0.8,
    "dry_base": 1.75,
    "dry_allowed_length": 2,
}
# A 1.5B model on two cores writes ~13 tokens/s and its server serves one request at a time:
# the default 120 s request timeout would cut a normal answer short under any other load.
LOCAL_TIMEOUT = 900.0


def local_settings(settings: Settings, base_url: str) -> Settings:
    """Settings for a llama.cpp server of ours: compact llguidance JSON, deterministic decoding."""
    return replace(
        settings,
        base_url=base_url,
        api_key=None,
        model=settings.model or LOCAL_MODEL_NAME,
        schema_kind=settings.schema_kind or "llguidance",
        extra_body={**LOCAL_EXTRA_BODY, **settings.extra_body},
        timeout=LOCAL_TIMEOUT if isinstance(settings.timeout, DefaultTimeout) else settings.timeout,
    )


@contextmanager
def open_endpoint(settings: Settings) -> Iterator[Settings]:
    """Yield settings pointing at a live server; a local one is stopped on exit."""
    if not settings.uses_local_model:
        yield settings
        return
    from .local import LocalServer, ensure_model

    model_path = ensure_model()
    with LocalServer(model_path) as base_url:
        yield local_settings(settings, base_url)
