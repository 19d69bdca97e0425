"""The article as the model reads it: its own text once, with the index's unit ids inline.

``[S3]`` opens sentence 3, ``[Q2]`` stands just before the opening mark of quotation 2 and
``[D4]`` just before date mention 4. A model that cites ``D4`` writes three tokens instead of
copying "the previous week", and cannot cite a date it did not see; showing the ids inline
costs a few tokens each, never a second copy of the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import ArticleIndex

_OPENING_MARKS = frozenset("\"'“‘«")


def marked_text(
    index: ArticleIndex,
    *,
    quotations: Iterable[int] | None = None,
    dates: Iterable[int] | None = None,
    span: tuple[int, int] | None = None,
) -> str:
    """The article text with ``[S#]``, ``[Q#]`` and ``[D#]`` markers inserted.

    ``quotations``, ``dates``: the numbers to mark (default: every quotation, every date or
    time mention), so the model never sees an id its schema does not accept. ``span``: only
    that part of the text (a window of a long article, cut between sentences), same ids.
    """
    text = index.text
    lo, hi = span if span is not None else (0, len(text))
    wanted = None if quotations is None else set(quotations)
    dated = None if dates is None else set(dates)
    # (offset, order at that offset, marker): a sentence marker goes before a quotation's,
    # which goes before a date's, when they fall on the same character.
    inserts: list[tuple[int, int, str]] = [(s.start, 0, f"[{s.id}] ") for s in index.sentences]
    for q in index.quotations:
        if wanted is not None and q.number not in wanted:
            continue
        at = q.start - 1 if q.start > 0 and text[q.start - 1] in _OPENING_MARKS else q.start
        inserts.append((at, 1, f"[Q{q.number}]"))
    inserts.extend(
        (d.start, 2, f"[{d.id}]")
        for d in index.dates
        if (d.number in dated if dated is not None else d.type in ("date", "time"))
    )
    inserts.sort()
    out: list[str] = []
    cursor = lo
    for at, _, marker in inserts:
        if not lo <= at < hi:
            continue
        out.append(text[cursor:at])
        out.append(marker)
        cursor = at
    out.append(text[cursor:hi])
    return "".join(out)
