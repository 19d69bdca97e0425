"""Offline mode: the bundled local model and the in-process server that serves it.

Used when no API key and no base URL are configured: ``ensure_model()`` yields the
verified GGUF file, ``LocalServer`` serves it on a free 127.0.0.1 port as an
OpenAI-compatible endpoint for the ``openai`` SDK, and stops it afterwards.
Needs the ``local`` extra (xllamacpp and the model part packages).
"""

from summarizer.local.model import (
    MODEL_FILE,
    MODEL_ID,
    MODEL_LICENSE,
    MODEL_NAME,
    MODEL_SHA256,
    MODEL_SIZE,
    MODEL_SOURCE,
    default_cache_dir,
    ensure_model,
    model_info,
)
from summarizer.local.serve import serve_forever
from summarizer.local.server import LocalServer

__all__ = [
    "MODEL_FILE",
    "MODEL_ID",
    "MODEL_LICENSE",
    "MODEL_NAME",
    "MODEL_SHA256",
    "MODEL_SIZE",
    "MODEL_SOURCE",
    "LocalServer",
    "default_cache_dir",
    "ensure_model",
    "model_info",
    "serve_forever",
]
