"""Long articles: the server's context-length refusal, windows, the merge, totals, one request
for an article that fits. Against the fake server, whose context limit answers like OpenAI."""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any

import pytest

from summarizer.article import Article, make_article
from summarizer.context import TOKENS_PER_MESSAGE, estimate_messages
from summarizer.draft import Draft
from summarizer.errors import BudgetExceededError, ContextLengthError, TransportError
from summarizer.index import index_article
from summarizer.llm import complete, make_client
from summarizer.long import SAFETY_TOKENS, extract_article
from summarizer.merge import merge_drafts
from summarizer.pipeline import prepare, summarize_article
from summarizer.prompts import load_prompts
from summarizer.retry import call_with_retries
from summarizer.schema import ArticleSummary
from summarizer.settings import Settings
from summarizer.windows import plan
from tests.fakes import WORDS, FakeOpenAI, Reply, completion, draft_answer, prompt_tokens

OUTPUT = 300  # max_output_tokens in these tests: small, so a window holds a few paragraphs

FILLER = (
    "Markets in the region were calm for most of the day. Traders waited for the next "
    "round of figures on trade, energy and prices. Shops in the old town stayed open late. "
    "Buses ran to the usual timetable across the city. Schools reopened after the holiday."
)
STORY = [
    "US national security adviser Mike Waltz said on Sunday that the talks would go on. "
    '"We are close to a deal," Waltz said.',
    "Kremlin spokesman Dmitry Peskov said Russian President Vladimir Putin would speak to "
    "Donald Trump on Tuesday. The Kremlin said the call would be long.",
    "Labour leader Ed Miliband said the plan was weak. His brother David Miliband, a former "
    "foreign secretary, disagreed.",
    '"It is a start. Nothing more, and nothing less," Mr. Waltz told reporters on Monday. '
    '"Nothing is agreed," Putin said. "We will see," Ed Miliband said.',
]


def long_text() -> str:
    """The story's paragraphs with neutral ones between them, so windows have to be cut."""
    paragraphs: list[str] = []
    for part in STORY:
        paragraphs += [part, FILLER, FILLER.replace("calm", "quiet")]
    return "\n\n".join(paragraphs)


def the_article() -> Article:
    return make_article(long_text(), published="2025-03-17", title="Talks go on")


def settings_for(fake: FakeOpenAI, **more: Any) -> Settings:
    return Settings.resolve(env={}, base_url=fake.base_url, max_output_tokens=OUTPUT, **more)


def window_limit(article: Article, settings: Settings, share: float) -> int:
    """A context limit that holds the bare prompt plus ``share`` of the article (the fake's
    count), so the article cannot go in one request."""
    prepared = prepare(article, load_prompts(), settings)
    whole = prompt_tokens({"messages": prepared.messages})
    return int(whole * share) + OUTPUT


def drafts_sent(fake: FakeOpenAI) -> list[dict[str, Any]]:
    return [b for b in fake.requests if "article_draft" in json.dumps(b.get("response_format"))]


@pytest.fixture
def split_run() -> tuple[ArticleSummary, FakeOpenAI, int]:
    article = the_article()
    with FakeOpenAI(default=draft_answer) as fake:
        settings = settings_for(fake)
        limit = window_limit(article, settings, 0.6)
        fake.context_limit = limit
        result = summarize_article(article, settings)
    return result, fake, limit


# -- the server's refusal ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error", "limit", "prompt"),
    [
        (  # OpenAI, and vLLM before 0.6
            400,
            {
                "message": "This model's maximum context length is 4097 tokens. However, you "
                "requested 4268 tokens (4012 in the messages, 256 in the completion). Please "
                "reduce the length of the messages or completion.",
                "type": "invalid_request_error",
                "param": "messages",
                "code": "context_length_exceeded",
            },
            4097,
            4012,
        ),
        (  # OpenAI, newer wording
            400,
            {
                "message": "This model's maximum context length is 8192 tokens. However, your "
                "messages resulted in 8227 tokens. Please reduce the length of the messages.",
                "code": "context_length_exceeded",
            },
            8192,
            8227,
        ),
        (  # vLLM, newer wording
            400,
            {
                "message": "'max_tokens' or 'max_completion_tokens' is too large: 8000. This "
                "model's maximum context length is 4096 tokens and your request has 2778 "
                "input tokens (8000 > 4096 - 2778). None",
                "type": "BadRequestError",
                "code": 400,
            },
            4096,
            2778,
        ),
        (  # llama.cpp server
            400,
            {
                "code": 400,
                "message": "the request exceeds the available context size. try increasing "
                "the context size or enable context shift",
                "type": "exceed_context_size_error",
                "n_prompt_tokens": 14429,
                "n_ctx": 8192,
            },
            8192,
            14429,
        ),
        (  # llama.cpp server when the error type was new: HTTP 500 (never retried)
            500,
            {
                "code": 500,
                "message": "the request exceeds the available context size. try increasing "
                "the context size or enable context shift",
                "type": "exceed_context_size_error",
                "n_prompt_tokens": 1407,
                "n_ctx": 256,
            },
            256,
            1407,
        ),
        (  # llama-cpp-python
            400,
            {
                "message": "Requested tokens (2285) exceed context window of 2048",
                "type": "invalid_request_error",
            },
            2048,
            2285,
        ),
        (  # a limit the server does not name
            400,
            {"message": "context_length_exceeded", "code": "context_length_exceeded"},
            None,
            None,
        ),
    ],
)
def test_a_context_length_refusal_is_typed_with_the_limit_it_names(
    status: int, error: dict[str, Any], limit: int | None, prompt: int | None
) -> None:
    with FakeOpenAI() as fake:
        fake.enqueue(Reply(status=status, body={"error": error}))
        settings = Settings.resolve(env={}, base_url=fake.base_url)
        with make_client(settings) as client, pytest.raises(ContextLengthError) as caught:
            call_with_retries(lambda: complete(client, settings, [], {}), settings)
    assert isinstance(caught.value, TransportError)
    assert (caught.value.limit, caught.value.prompt_tokens) == (limit, prompt)
    assert caught.value.status_code == status
    assert len(fake.requests) == 1  # never retried: the same request cannot fit next time


def test_another_bad_request_stays_a_plain_transport_error() -> None:
    with FakeOpenAI() as fake:
        fake.enqueue(Reply(status=400, body={"error": {"message": "Invalid schema for x"}}))
        settings = Settings.resolve(env={}, base_url=fake.base_url)
        with make_client(settings) as client, pytest.raises(TransportError) as caught:
            call_with_retries(lambda: complete(client, settings, [], {}), settings)
    assert not isinstance(caught.value, ContextLengthError)


# -- windows -------------------------------------------------------------------------------


def test_windows_cover_the_text_and_never_cut_a_sentence_or_a_quotation() -> None:
    text = (
        "Officials met on Monday.\n\n"
        '"This is the first sentence of a quotation. This is its second one. And a third,"'
        " the minister said. Talks went on.\n\n"
        "A second paragraph follows here. It has two sentences.\n\n"
        "Short end."
    )
    index = index_article(text)
    assert any(q.text.count(".") >= 2 for q in index.quotations)  # a quotation of sentences
    windows = plan(index, lambda lo, hi: hi - lo <= 30)  # would cut everywhere it may
    assert windows[0].start == 0 and windows[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(windows))
    assert len(windows) >= 4
    for q in index.quotations:
        assert sum(1 for w in windows if w.start < q.end and q.start - 1 < w.end) == 1
        assert sum(1 for w in windows if q in w.quotations) == 1
    for s in index.sentences:
        assert sum(1 for w in windows if w.start <= s.start and s.end <= w.end) == 1


def test_windows_are_whole_paragraphs_when_paragraphs_fit() -> None:
    index = index_article(long_text())
    windows = plan(index, lambda lo, hi: hi - lo <= 700)
    starts = {
        s.start
        for s in index.sentences
        if s.start == 0 or index.text[s.start - 2 : s.start] == "\n\n"
    }
    assert len(windows) > 2
    assert all(w.start in starts for w in windows)


# -- the long path, end to end -------------------------------------------------------------


def test_a_long_article_is_split_without_being_told_the_limit(
    split_run: tuple[ArticleSummary, FakeOpenAI, int],
) -> None:
    result, fake, limit = split_run
    sizes = [prompt_tokens(b) + b["max_tokens"] for b in fake.requests]
    assert sizes[0] > limit  # the whole article, refused
    assert all(size <= limit for size in sizes[1:])  # every window, and the final call, fit
    windows = drafts_sent(fake)[1:]
    assert len(windows) >= 2
    # Each window shows its own text with the article's global ids, and its schema offers
    # only its own quotations.
    offered = [
        set(
            json.loads(json.dumps(w["response_format"]))["json_schema"]["schema"]["properties"][
                "quotes"
            ]["properties"]
        )
        for w in windows
    ]
    assert all(a.isdisjoint(b) for i, a in enumerate(offered) for b in offered[i + 1 :])
    index = index_article(the_article())
    assert set().union(*offered) == {f"Q{q.number}" for q in index.quotations}
    assert result.summary.headline == "The whole story"  # the final call's
    final = fake.requests[-1]["messages"][0]["content"]  # written from the windows' summaries
    assert all(f"Part from {sorted(o, key=lambda k: int(k[1:]))[0]}" in final for o in offered if o)
    assert [(q.number, q.start, q.end) for q in result.quotes] == [
        (q.number, q.start, q.end) for q in index.quotations
    ]
    for q in result.quotes:
        assert result.article.text[q.start : q.end] == q.text


def test_actors_stay_one_across_windows_and_namesakes_stay_apart(
    split_run: tuple[ArticleSummary, FakeOpenAI, int],
) -> None:
    result, fake, _ = split_run
    by_name = {a.name: a.id for a in result.actors}
    waltz = by_name["Mike Waltz"]
    # "Mr. Waltz" speaks in the last story paragraph, in another window than "Mike Waltz".
    later = next(q for q in result.quotes if q.text.startswith("It is a start"))
    first = next(q for q in result.quotes if q.text.startswith("We are close"))
    window_of = [
        i
        for i, w in enumerate(drafts_sent(fake)[1:])
        for q in (first, later)
        if f"Q{q.number}"
        in w["response_format"]["json_schema"]["schema"]["properties"]["quotes"]["properties"]
    ]
    assert len(set(window_of)) == 2
    assert later.speaker == first.speaker == waltz
    assert by_name["Kremlin"] != by_name["Vladimir Putin"]
    assert by_name["Ed Miliband"] != by_name["David Miliband"]
    assert (
        next(q for q in result.quotes if q.text.startswith("We will see")).speaker
        == by_name["Ed Miliband"]
    )


def test_usage_and_attempts_add_up_across_windows(
    split_run: tuple[ArticleSummary, FakeOpenAI, int],
) -> None:
    result, fake, limit = split_run
    answered = [b for b in fake.requests if prompt_tokens(b) + b["max_tokens"] <= limit]
    p = result.provenance
    assert p.attempts == len(fake.requests) == len(p.attempt_log)
    assert p.usage.prompt_tokens == sum(prompt_tokens(b) for b in answered)
    assert p.usage.completion_tokens == 50 * len(answered)
    assert p.attempt_log[0].errors and "context window" in p.attempt_log[0].errors[0]
    assert [a.attempt for a in p.attempt_log] == list(range(1, len(fake.requests) + 1))


def test_the_token_budget_is_the_articles_across_windows() -> None:
    article = the_article()
    with FakeOpenAI(default=draft_answer) as fake:
        settings = settings_for(fake)
        fake.context_limit = window_limit(article, settings, 0.6)
        settings = settings_for(fake, token_budget=2_000)
        with pytest.raises(BudgetExceededError) as caught:
            summarize_article(article, settings)
    spent = sum(prompt_tokens(b) + 50 for b in fake.requests[1:])
    assert caught.value.attempts == len(fake.requests)
    assert caught.value.usage["total_tokens"] == spent >= 2_000


def test_a_known_window_splits_before_any_refusal() -> None:
    article = the_article()
    with FakeOpenAI(default=draft_answer) as fake:
        settings = settings_for(fake)
        limit = window_limit(article, settings, 0.9)
        fake.context_limit = limit
        prompts = load_prompts()
        prepared = prepare(article, prompts, settings)
        assert estimate_messages(prepared.messages) + OUTPUT > limit  # so it does not fit
        with make_client(settings) as client:
            _, extraction = extract_article(
                client, settings, prompts, article, prepared, context_tokens=limit
            )
    assert all(prompt_tokens(b) + b["max_tokens"] <= limit for b in fake.requests)
    assert len(drafts_sent(fake)) >= 2
    assert len(extraction.attempts) == len(fake.requests)


def test_an_article_that_fits_sends_exactly_one_request(seed_text: str, seed_draft: str) -> None:
    article = make_article(seed_text, published="2025-03-17")
    bodies = []
    for context_tokens in (None, 1_000_000):
        with FakeOpenAI(context_limit=100_000) as fake:
            fake.enqueue(completion(seed_draft))
            settings = Settings.resolve(env={}, base_url=fake.base_url)
            prompts = load_prompts()
            prepared = prepare(article, prompts, settings)
            with make_client(settings) as client:
                extract_article(
                    client, settings, prompts, article, prepared, context_tokens=context_tokens
                )
        assert len(fake.requests) == 1
        bodies.append({k: v for k, v in fake.requests[0].items() if not k.startswith("_")})
    assert bodies[0] == bodies[1]


def test_one_sentence_longer_than_the_window_fails_with_the_limit() -> None:
    article = make_article("word " * 3000 + "end.", published="2025-03-17")
    with FakeOpenAI(default=draft_answer) as fake:
        settings = settings_for(fake)
        fake.context_limit = window_limit(article, settings, 0.5)
        with pytest.raises(ContextLengthError) as caught:
            summarize_article(article, settings)
    assert caught.value.limit == fake.context_limit
    assert caught.value.attempts == len(fake.requests)


def test_batch_uses_the_same_path() -> None:
    from summarizer.batch import summarize_many

    article = the_article()
    with FakeOpenAI(default=draft_answer) as fake:
        settings = settings_for(fake)
        fake.context_limit = window_limit(article, settings, 0.6)
        other = article.text + "\n\nEdition 2."
        results = list(summarize_many([article, other], settings=settings, concurrency=2))
    assert [r.status for r in results] == ["ok", "ok"]
    assert all(r.summary is not None and len(r.summary.quotes) == 4 for r in results)
    assert len(drafts_sent(fake)) >= 6  # each article: one refused, then two windows or more


# -- the merge -----------------------------------------------------------------------------


def _draft(**parts: Any) -> Draft:
    base: dict[str, Any] = {
        "summary": {"headline": "h", "abstract": "a", "key_points": []},
        "topics": [],
        "quotes": {},
        "stances": {},
        "events": {},
        "undated": [],
    }
    return Draft.model_validate({**base, **parts})


def test_topics_merge_by_their_words_and_stances_follow_their_numbers() -> None:
    one = _draft(
        topics=["Peace talks", "Sanctions"],
        stances={"Q1 Mike Waltz": {"topic": "T2", "kind": "against"}, "S2 Kremlin": None},
        quotes={"Q1": "A1"},
    )
    two = _draft(
        topics=["a ceasefire", "peace  talks!"],
        stances={
            "Q5 Mike Waltz": {"topic": "T2", "kind": "for"},
            "S9 Kremlin": {"topic": "T1", "kind": "for"},
        },
        quotes={"Q5": None},
    )
    merged = merge_drafts([one, two], {})
    assert merged.quotes == {"Q1": "A1", "Q5": None}
    assert merged.topics == ["Peace talks", "Sanctions", "a ceasefire"]
    topic = {k: (s.topic if s else None) for k, s in merged.stances.items()}
    assert topic == {
        "Q1 Mike Waltz": "T2",
        "S2 Kremlin": None,
        "Q5 Mike Waltz": "T1",
        "S9 Kremlin": "T3",
    }


def test_events_merge_by_event_text_and_date() -> None:
    index = index_article(
        "The vote was held on Tuesday. Later that day the count began.\n\n"
        "On Tuesday the vote was held, officials repeated. On Friday results came.",
        published="2025-03-17",
    )
    d = [m.id for m in index.dates]
    event = {"event": "The vote is held", "status": "past"}
    one = _draft(events={d[0]: event})
    two = _draft(events={d[2]: {**event, "event": "the vote is held."}, d[3]: event})
    merged = merge_drafts([one, two], {m.id: m for m in index.dates})
    assert list(merged.events) == [d[0], d[3]]  # same words on the same day: once


def test_a_refused_reask_still_counts_every_attempt() -> None:
    article = the_article()
    with FakeOpenAI(default=draft_answer) as fake:
        settings = settings_for(fake)
        first = prompt_tokens({"messages": prepare(article, load_prompts(), settings).messages})
        fake.context_limit = first + OUTPUT + 5  # the article fits; its re-ask does not
        fake.enqueue(completion("not json", prompt_tokens=1000, completion_tokens=300))
        result = summarize_article(article, settings)
    p = result.provenance
    sizes = [prompt_tokens(b) + b["max_tokens"] for b in fake.requests]
    assert sizes[0] <= fake.context_limit < sizes[1]  # answered (badly), then the re-ask refused
    assert p.attempts == len(fake.requests) == len(p.attempt_log)
    answered = fake.requests[2:]
    assert p.usage.prompt_tokens == 1000 + sum(prompt_tokens(b) for b in answered)
    assert p.usage.completion_tokens == 300 + 50 * len(answered)


class InFlight:
    """A fake's answer that counts the requests it is answering at once."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self.lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> Reply:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(0.15)
        with self.lock:
            self.now -= 1
        return draft_answer(body)


def test_windows_go_out_at_once_in_free_batch_slots_with_the_same_result() -> None:
    from summarizer.batch import summarize_many

    article = the_article()
    results = {}
    for concurrency in (1, 4):
        answer = InFlight()
        with FakeOpenAI(default=answer) as fake:
            settings = settings_for(fake)
            fake.context_limit = window_limit(article, settings, 0.55)
            (result,) = summarize_many([article], settings=settings, concurrency=concurrency)
        assert result.summary is not None
        results[concurrency] = (result.summary, answer.most, len(drafts_sent(fake)))
    (one, most_one, sent_one), (four, most_four, sent_four) = results[1], results[4]
    assert most_one == 1 and 1 < most_four <= 4
    assert sent_one == sent_four >= 4
    strip = {"created_at", "server"}  # the time, and the fake's port
    a = one.model_dump(exclude={"provenance": strip})
    b = four.model_dump(exclude={"provenance": strip})
    assert a == b


def test_a_refusal_that_names_no_limit_still_ends_in_windows_that_fit() -> None:
    article = the_article()
    limit = 0

    def answer(body: dict[str, Any]) -> Reply:
        if prompt_tokens(body) + body["max_tokens"] > limit:
            return Reply(status=400, body={"error": {"message": "context length exceeded"}})
        return draft_answer(body)

    with FakeOpenAI(default=answer) as fake:
        settings = settings_for(fake)
        limit = window_limit(article, settings, 0.6)
        result = summarize_article(article, settings)
    sizes = [prompt_tokens(b) + b["max_tokens"] for b in fake.requests]
    assert sizes[0] > limit and sizes[-1] <= limit
    assert result.provenance.attempts == len(fake.requests)
    assert len(result.quotes) == len(index_article(article).quotations)


@pytest.mark.parametrize("tokenizer", [True, False])
def test_a_llama_cpp_server_counts_the_prompt_before_it_is_split(tokenizer: bool) -> None:
    """Our estimate errs high; llama.cpp's own ``/tokenize`` says the article fits after all.
    A server without it (answering 404) leaves the estimate standing: the article is split."""
    article = the_article()
    with FakeOpenAI(default=draft_answer, tokenizer=tokenizer) as fake:
        settings = settings_for(fake, server_kind="llamacpp")
        prompts = load_prompts()
        prepared = prepare(article, prompts, settings)
        # What the server's tokenizer counts, with the chat template's tokens we add per message.
        counted = sum(
            len(WORDS.findall(m["content"])) + TOKENS_PER_MESSAGE for m in prepared.messages
        )
        limit = counted + OUTPUT + SAFETY_TOKENS
        assert estimate_messages(prepared.messages) + OUTPUT + SAFETY_TOKENS > limit
        with make_client(settings) as client:
            _, extraction = extract_article(
                client, settings, prompts, article, prepared, context_tokens=limit
            )
    assert len(fake.tokenized) == (len(prepared.messages) if tokenizer else 0)
    if tokenizer:
        assert len(drafts_sent(fake)) == 1
        assert fake.requests[0]["messages"] == prepared.messages  # the whole article, once
    else:
        assert len(drafts_sent(fake)) >= 2
    assert len(extraction.attempts) == len(fake.requests)
