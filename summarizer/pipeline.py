"""The one place that knows the order an article travels in (see ARCHITECTURE.md).

article -> index (sentences, quotations, dates, actors, speaker cues) -> prompt with the unit
ids inline and a draft schema built for this article -> model (retries, re-asks) -> draft of
ids -> lookup, speaker decisions, checks -> ``ArticleSummary`` with provenance and warnings.

Three steps, and every way of running an article only schedules them:

* ``start(article, settings)``: the request (``request.Prepared``: the index, the draft spec,
  the prompt, the schema fields and the endpoint profile, decided here once);
* ``call(client, request)``: the validated draft, through the model (retries, re-asks, and
  windows for an article too long for one request), or the ``ModelError`` that ended it;
* ``finish(request, extraction)``: the checked summary (``assemble.py``).

``summarize_article`` runs them one after another. The live batch (``batch/engine.py``) runs
``call`` in its pool and the other two on its consumer thread. The Batch API engine
(``batch/openai_batch.py``) writes ``start``'s requests as lines and hands each accepted
answer to ``finish``; its rounds of re-asks stand in for ``call``, which it runs itself for an
article too long for one request.
"""

from __future__ import annotations

import datetime as dt

import openai

from .article import Article
from .assemble import assemble_summary
from .errors import ContextLengthError
from .extraction import Extraction
from .llm import make_client
from .long import Slots, extract_article, extract_refused
from .profile import EndpointProfile
from .prompts import PromptSet, load_prompts
from .request import Prepared, prepare
from .schema import ArticleSummary, SummaryWarning
from .settings import Settings

__all__ = ["Prepared", "call", "finish", "prepare", "start", "summarize_article"]


def summarize_article(
    article: Article,
    settings: Settings,
    *,
    client: openai.OpenAI | None = None,
    prompts: PromptSet | None = None,
) -> ArticleSummary:
    """Summarise one article with an already-resolved endpoint (no local server is started)."""
    request = start(article, settings, prompts)
    own_client = client is None
    client = client or make_client(settings, profile=request.profile)
    try:
        request, extraction = call(client, request)
    finally:
        if own_client:
            client.close()
    return finish(request, extraction)


def start(
    article: Article,
    settings: Settings,
    prompts: PromptSet | None = None,
    profile: EndpointProfile | None = None,
) -> Prepared:
    """The article's request; ``profile``: the settings' own, when the caller decided it
    already (a batch does, once per run)."""
    return prepare(article, prompts or load_prompts(), settings, profile)


def call(
    client: openai.OpenAI,
    request: Prepared,
    *,
    slots: Slots | None = None,
    refused: ContextLengthError | None = None,
) -> tuple[Prepared, Extraction]:
    """The validated draft of the request, in windows when it does not fit the profile's
    context size or the server refuses it as too long; returns the request the draft answers
    (a long article's is the whole article's again) with it. Raises ``ModelError``.

    ``slots``: the batch's request slots, which a long article's windows may borrow.
    ``refused``: the server's refusal of the request, when it was sent already (a Batch API
    answer); the windows follow at once."""
    if refused is not None:
        return extract_refused(
            client,
            request.settings,
            request.prompts,
            request.article,
            request,
            refused,
            context_tokens=request.profile.context_tokens,
            slots=slots,
        )
    return extract_article(
        client,
        request.settings,
        request.prompts,
        request.article,
        request,
        context_tokens=request.profile.context_tokens,
        slots=slots,
    )


def finish(
    request: Prepared, extraction: Extraction, *, created_at: dt.datetime | None = None
) -> ArticleSummary:
    """The checked summary of the request's validated draft, with the warnings only the
    preparation knows about; pure given ``created_at`` (else the clock is read for it)."""
    result = assemble_summary(
        request.article,
        request.index,
        request.quotations,
        extraction,
        request.settings,
        request.prompts,
        profile=request.profile,
        derive_events=not request.spec.bounds.model_events,
        created_at=created_at,
    )
    if request.total_quotations > len(request.quotations):
        result.warnings.append(
            SummaryWarning(
                code="quotations_truncated",
                message=f"only the first {len(request.quotations)} of "
                f"{request.total_quotations} quotations were sent for attribution",
                path="$.quotes",
            )
        )
    return result
