"""The one place that knows the order an article travels in (see ARCHITECTURE.md).

article -> quotations -> prompts -> model (retries, re-asks) -> draft -> grounding, dates,
references -> ``ArticleSummary`` with provenance and warnings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import openai

from .article import Article
from .assemble import Assembler
from .draft import MAX_QUOTES
from .extraction import Extraction, extract_draft
from .index import ArticleIndex, index_article
from .llm import Message, make_client
from .prompts import PromptSet, load_prompts
from .quotations import Quotation, surrounding_words
from .schema import SCHEMA_VERSION, ArticleSummary, PromptInfo, Provenance, SummaryWarning
from .settings import Settings


def build_messages(
    prompts: PromptSet, article: Article, quotations: list[Quotation]
) -> list[Message]:
    lines = []
    for q in quotations:
        cue = surrounding_words(article.text, q, quotations) or "(none)"
        lines.append(f"[Q{q.number}] “{q.text}” — {cue}")
    listed = "\n".join(lines) or "(none)"
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


@dataclass(frozen=True)
class Prepared:
    """What goes to the model for one article, and the units its answer refers to."""

    index: ArticleIndex
    quotations: list[Quotation]
    total_quotations: int
    messages: list[Message]


def prepare(article: Article, prompts: PromptSet) -> Prepared:
    """Index the article and render the prompt (shared by live calls and Batch API lines)."""
    index = index_article(article)
    quotations = list(index.quotations[:MAX_QUOTES])
    return Prepared(
        index, quotations, len(index.quotations), build_messages(prompts, article, quotations)
    )


def summarize_article(
    article: Article,
    settings: Settings,
    *,
    client: openai.OpenAI | None = None,
    prompts: PromptSet | None = None,
) -> ArticleSummary:
    """Summarise one article with an already-resolved endpoint (no local server is started)."""
    prompts = prompts or load_prompts()
    prepared = prepare(article, prompts)
    own_client = client is None
    client = client or make_client(settings)
    try:
        extraction = extract_draft(
            client, settings, prompts, prepared.messages, quotation_count=len(prepared.quotations)
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
) -> ArticleSummary:
    """``assemble`` plus the warnings only the preparation knows about; pure, like it."""
    result = assemble(
        article, prepared.quotations, extraction, settings, prompts, index=prepared.index
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
    quotations: list[Quotation],
    extraction: Extraction,
    settings: Settings,
    prompts: PromptSet,
    *,
    index: ArticleIndex | None = None,
) -> ArticleSummary:
    """Ground and check a validated draft; pure, so it can replay recorded answers."""
    draft = extraction.draft
    a = Assembler(article, quotations, index or index_article(article))
    a.check_scripts(draft)
    actors = a.actors(draft.actors)
    quotes = a.quotes(draft)
    positions = a.positions(draft, quotes)
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
