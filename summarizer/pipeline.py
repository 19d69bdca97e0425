"""The one place that knows the order an article travels in (see ARCHITECTURE.md).

article -> quotations -> prompts -> model (retries, re-asks) -> draft -> grounding, dates,
references -> ``ArticleSummary`` with provenance and warnings.
"""

from __future__ import annotations

import datetime as dt

import openai

from .article import Article
from .assemble import Assembler
from .draft import MAX_QUOTES
from .extraction import Extraction, extract_draft
from .llm import Message, make_client
from .prompts import PromptSet, load_prompts
from .quotations import Quotation, find_quotations, surrounding_words
from .schema import SCHEMA_VERSION, ArticleSummary, PromptInfo, Provenance, SummaryWarning
from .settings import Settings


def build_messages(
    prompts: PromptSet, article: Article, quotations: list[Quotation]
) -> list[Message]:
    listed = "\n".join(
        f"[Q{q.number}] “{q.text}” — {surrounding_words(article.text, q, quotations) or '(none)'}"
        for q in quotations
    ) or "(none)"
    user = prompts.user.render(
        title=article.title or "(none)",
        published=article.published.isoformat() if article.published else "(unknown)",
        # The fence markers must not be forgeable from inside the article.
        article=article.text.replace("ARTICLE>>>", "ARTICLE> > >"),
        quotations=listed,
        quotation_count=len(quotations),
    )
    return [
        {"role": "system", "content": prompts.system.render()},
        {"role": "user", "content": user},
    ]


def summarize_article(
    article: Article,
    settings: Settings,
    *,
    client: openai.OpenAI | None = None,
    prompts: PromptSet | None = None,
) -> ArticleSummary:
    """Summarise one article with an already-resolved endpoint (no local server is started)."""
    prompts = prompts or load_prompts()
    all_quotations = find_quotations(article.text)
    quotations = all_quotations[:MAX_QUOTES]
    messages = build_messages(prompts, article, quotations)
    own_client = client is None
    client = client or make_client(settings)
    try:
        extraction = extract_draft(
            client, settings, prompts, messages, quotation_count=len(quotations)
        )
    finally:
        if own_client:
            client.close()
    result = assemble(article, quotations, extraction, settings, prompts)
    if len(all_quotations) > len(quotations):
        result.warnings.append(
            SummaryWarning(
                code="quotations_truncated",
                message=f"only the first {len(quotations)} of {len(all_quotations)} quotations "
                "were sent for attribution",
                path="$.quotes",
            )
        )
    return result


def assemble(
    article: Article,
    quotations: list[Quotation],
    extraction: Extraction,
    settings: Settings,
    prompts: PromptSet,
) -> ArticleSummary:
    """Ground and check a validated draft; pure, so it can replay recorded answers."""
    draft = extraction.draft
    a = Assembler(article, quotations)
    actors = a.actors(draft.actors)
    quotes = a.quotes(draft)
    positions = a.positions(draft)
    timeline = a.timeline(draft)
    provenance = Provenance(
        model=extraction.model or settings.effective_model,
        server=settings.server_label,
        prompt=PromptInfo(name=prompts.name, version=prompts.version),
        schema_version=SCHEMA_VERSION,
        schema_kind=settings.effective_schema_kind,
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        generation=settings.generation_settings(),
        attempts=len(extraction.attempts),
        usage=extraction.usage,
        attempt_log=extraction.attempts,
    )
    return ArticleSummary(
        article=a.article_info(),
        summary=a.summary(draft),
        actors=actors,
        positions=positions,
        timeline=timeline,
        quotes=quotes,
        provenance=provenance,
        warnings=a.warnings,
    )
