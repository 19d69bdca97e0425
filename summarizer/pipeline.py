"""The one place that knows the order an article travels in (see ARCHITECTURE.md).

article -> index (sentences, quotations, dates, actors, speaker cues) -> prompt with the unit
ids inline and a draft schema built for this article -> model (retries, re-asks) -> draft of
ids -> lookup, speaker decisions, checks -> ``ArticleSummary`` with provenance and warnings.
"""

from __future__ import annotations

import datetime as dt

import openai

from .article import Article
from .assemble import Assembler
from .extraction import Extraction
from .index import ArticleIndex
from .index.quotations import Quotation
from .llm import make_client
from .long import extract_article
from .profile import EndpointProfile, generation_settings
from .prompts import PromptSet, load_prompts
from .request import Prepared, prepare
from .schema import SCHEMA_VERSION, ArticleSummary, PromptInfo, Provenance, SummaryWarning
from .settings import Settings

__all__ = ["Prepared", "assemble", "finish", "prepare", "summarize_article"]


def summarize_article(
    article: Article,
    settings: Settings,
    *,
    client: openai.OpenAI | None = None,
    prompts: PromptSet | None = None,
) -> ArticleSummary:
    """Summarise one article with an already-resolved endpoint (no local server is started)."""
    prompts = prompts or load_prompts()
    prepared = prepare(article, prompts, settings)
    own_client = client is None
    client = client or make_client(settings, profile=prepared.profile)
    try:
        window = prepared.profile.context_tokens
        prepared, extraction = extract_article(
            client, settings, prompts, article, prepared, context_tokens=window
        )
    finally:
        if own_client:
            client.close()
    return finish(article, prepared, extraction, settings, prompts)


def finish(
    article: Article,
    prepared: Prepared,
    extraction: Extraction,
    settings: Settings,
    prompts: PromptSet,
    *,
    created_at: dt.datetime | None = None,
) -> ArticleSummary:
    """``assemble`` plus the warnings only the preparation knows about; pure, like it, given
    ``created_at`` (else the clock is read for it)."""
    result = assemble(
        article,
        prepared.index,
        prepared.quotations,
        extraction,
        settings,
        prompts,
        derive_events=not prepared.spec.bounds.model_events,
        created_at=created_at,
        profile=prepared.profile,
    )
    if prepared.total_quotations > len(prepared.quotations):
        result.warnings.append(
            SummaryWarning(
                code="quotations_truncated",
                message=f"only the first {len(prepared.quotations)} of "
                f"{prepared.total_quotations} quotations were sent for attribution",
                path="$.quotes",
            )
        )
    return result


def assemble(
    article: Article,
    index: ArticleIndex,
    quotations: list[Quotation],
    extraction: Extraction,
    settings: Settings,
    prompts: PromptSet,
    *,
    derive_events: bool = False,
    created_at: dt.datetime | None = None,
    profile: EndpointProfile,
) -> ArticleSummary:
    """Look up and check a validated draft; pure given ``created_at`` (provenance's time; when
    None, the clock is read: the one impure part), so it can replay recorded answers.

    ``derive_events``: the timeline is read off the date mentions' clauses, not the draft's.
    """
    draft = extraction.draft
    bounds = profile.draft_bounds
    a = Assembler(
        article,
        quotations,
        index,
        # A view only hits a bound the grammar enforced (OpenAI strict mode has no lengths).
        view_limit=bounds.text if bounds.model_views and profile.dialect != "openai" else None,
        model_stances=bounds.model_stances,
        text_limits=profile.dialect != "openai",
    )
    a.check_scripts(draft)
    actors = a.actors()
    quotes = a.quotes(draft)
    topics = a.topics(draft)
    positions = a.positions(draft, quotes, topics)
    timeline = a.derived_timeline() if derive_events else a.timeline(draft)
    provenance = Provenance(
        model=extraction.model or profile.model,
        server=profile.label,
        prompt=PromptInfo(name=prompts.name, version=prompts.version),
        schema_version=SCHEMA_VERSION,
        schema_kind=profile.dialect,
        created_at=created_at or dt.datetime.now(dt.UTC).replace(microsecond=0),
        generation=generation_settings(settings, profile),
        attempts=len(extraction.attempts),
        usage=extraction.usage,
        attempt_log=extraction.attempts,
    )
    return ArticleSummary(
        article=a.article_info(),
        summary=a.summary(draft),
        actors=actors,
        topics=topics,
        positions=positions,
        timeline=timeline,
        quotes=quotes,
        provenance=provenance,
        warnings=a.warnings,
    )
