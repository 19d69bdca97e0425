"""Where the model runs: the configured server, or the bundled local model when none is.

This is the only core module that reaches the local server, and only lazily, so a run against
a remote server never imports or starts llama.cpp. It also settles, once per run, which model
a server of unknown make is asked for (``served_model``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import httpx2

from .errors import ConfigError, TransportError
from .llm import make_client
from .profile import profile_for
from .retry import call_with_retries
from .settings import Settings

log = logging.getLogger(__name__)

# Seconds for the model list, however long a completion may take.
MODELS_TIMEOUT = 30.0
# Served models named in the error that asks for a choice.
MODELS_SHOWN = 5
CHOOSE = "pass --model or set SUMMARIZER_MODEL (model= in Python)"
# Answers of a server that has no model list at all.
_NO_LIST = frozenset({404, 405, 501})


def local_settings(settings: Settings, base_url: str) -> Settings:
    """Settings for a bundled-model server of ours at ``base_url``: its profile gives the rest
    (compact llguidance JSON, deterministic decoding, its timeout, one request at a time)."""
    return replace(settings, base_url=base_url, api_key=None, server_kind="bundled")


@contextmanager
def open_endpoint(settings: Settings, *, ask_model: bool = True) -> Iterator[Settings]:
    """Yield settings pointing at a live server, naming the model to ask for (``ask_model``:
    else a caller asks later, with ``served_model``); a local one is stopped on exit."""
    if settings.base_url is not None or profile_for(settings).kind != "bundled":
        yield served_model(settings) if ask_model else settings
        return
    from .local import LocalServer, ensure_model

    model_path = ensure_model()
    with LocalServer(model_path) as base_url:
        yield local_settings(settings, base_url)


def served_model(settings: Settings) -> Settings:
    """``settings`` with the model to ask for, when nobody chose one.

    OpenAI and Azure have a default model, the bundled server knows its own; any other server
    (llama.cpp, vLLM, Ollama, a proxy) is asked ``GET /models``: one model served is the one
    used, none or several is a ``ConfigError`` saying how to choose (sending a name the server
    never heard of would fail, or silently run some other model).
    """
    if not needs_model(settings):
        return settings
    names = served_models(settings)
    where = f"the model server at {profile_for(settings).label}"
    if len(names) == 1:
        log.info("%s serves one model: %s", where, names[0])
        return replace(settings, model=names[0])
    if not names:
        raise ConfigError(f"{where} lists no model (GET /models): {CHOOSE}")
    shown = ", ".join(n if len(n) <= 80 else n[:77] + "..." for n in names[:MODELS_SHOWN])
    more = f", and {len(names) - MODELS_SHOWN} more" if len(names) > MODELS_SHOWN else ""
    raise ConfigError(f"{where} serves {len(names)} models ({shown}{more}): {CHOOSE}")


def needs_model(settings: Settings) -> bool:
    """No model chosen, and the server has no default of ours: ``served_model`` must ask."""
    return settings.model is None and profile_for(settings).kind not in (
        "openai",
        "azure",
        "bundled",
    )


def served_models(settings: Settings) -> list[str]:
    """The model ids a server lists at ``GET /models`` (OpenAI's format: ``{"data": [{"id"}]}``)."""
    where = f"the model server at {profile_for(settings).label}"
    seconds = min(profile_for(settings).timeout, MODELS_TIMEOUT)
    client = make_client(replace(settings, timeout=seconds))
    try:
        response, _ = call_with_retries(
            lambda: client.get("/models", cast_to=httpx2.Response), settings
        )
    except TransportError as exc:
        if exc.status_code in _NO_LIST:
            raise ConfigError(
                f"{where} does not list its models (GET /models: HTTP {exc.status_code}): {CHOOSE}"
            ) from None
        raise
    finally:
        client.close()
    try:
        data: Any = response.json()
    except ValueError:
        data = None
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{where} answered GET /models without a model list: {CHOOSE}")
    ids = (e.get("id") for e in entries if isinstance(e, dict))
    return [i for i in ids if isinstance(i, str) and i.strip()]
