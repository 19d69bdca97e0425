"""Who spoke a quotation: the rule's cue and the model's answer, and which one wins.

A cue that names the speaker in the quotation's own sentence ("…,” Mr. Trump told
reporters), or signs a quotation alone on its line ("― Martha Aguilar"), is the text's word: it
wins, and the model's different answer is kept beside it
for a reviewer. So does a pronoun that the quotation's own sentence makes its speaker ("…,” he
added): on four development sets (dev4, dev5 and two runs on TimeSET development articles,
``bench/speaker_rules.py --model``) the bundled model overrode a right pronoun cue once and
never a wrong one, while the cue was right 50 times in 52. A cue that only continues an
earlier speaker (a quotation with no cue of its own, a description such as "the ministry
said") is a guess about the paragraph: there the model, which reads the whole paragraph,
decides when it names someone (on the same runs it fixed one such cue and broke one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .draft import QuoteKind
from .schema import DecidedBy

# Rules that read the speaker off the quotation's own sentence (``index/speakers.py``).
STRONG_RULES: Final = frozenset(
    {"as_saying", "said_name", "name_said", "name_told", "name_saying", "colon_intro",
     "according_to", "in_a_statement", "on_behalf_of", "pronoun_continues", "signed"}
)  # fmt: skip


@dataclass(frozen=True)
class Choice:
    speaker: str | None
    kind: QuoteKind
    decided_by: DecidedBy | None


def choose_speaker(
    rule: str | None, rule_name: str | None, model: str | None, model_scare: bool
) -> Choice:
    """``rule``/``model``: actor ids or None; ``model_scare``: the model called it a scare
    quote. Returns the speaker, the kind and who decided (None when nobody could)."""
    if rule is not None and (rule_name in STRONG_RULES or (model is None and not model_scare)):
        return Choice(rule, "speech", "both" if model == rule else "rule")
    if model is not None:
        return Choice(model, "speech", "both" if model == rule else "model")
    if model_scare:
        return Choice(None, "scare_quote", "model")
    return Choice(None, "speech", None)
