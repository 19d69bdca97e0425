"""Speaker cues: who the text says spoke each quotation and each reported-speech sentence.

The cue is the rule's opinion, shown to the model and recorded next to its answer; it is not
the answer. One cue at most per target, none when no rule fires (never a guess). Rules, with
their patterns in ``speaker_rules.py`` and the gaps they cross in ``speaker_patterns.py``:

``as_saying``          "Izvestia quoted Mr. Grushko as saying" → Grushko, not Izvestia; "X,
                       was quoted in the release as saying"
``in_a_statement``     "a statement from X said"
``name_said``          "X said", "X, the foreign minister, said", "X has repeatedly warned",
                       "X, Ukraine's foreign minister, said", "X, who said", "X in an
                       interview with the BBC said", "X of Chatham House said" (any verb of
                       ``lexicon.SPEECH_VERBS``, or "X issued a statement"); and for a
                       quotation in its own clause, a verb that attributes it: "X called
                       it “…”", "X denounced a “…”"
``name_told``          "X told reporters" (the name after "told" is the listener)
``on_behalf_of``       "a spokesperson for X said", "X's office said", "a X spokesman said",
                       "X's statement said", "the X campaign said": X, whose words they
                       are; a spokesperson named
                       beside it wins ("Y, spokeswoman for X, said" → Y)
``name_saying``        "X issued a statement saying “…”", "with X describing “…”": the
                       subject of the clause a participle hangs on; also a sentence "X
                       commended the parties, saying they …", which a later "he said" may
                       refer to
``colon_intro``        "Mr. Waltz responded: “…”" (a name and verb introducing the quotation);
                       a line opening with a name and a colon ("Graham: Trump's ‘Incredibly
                       Hateful Rhetoric’", a transcript's "Lopez: Well, …"); a person named
                       right before the quotation's colon ("… surprise pollster Daron Shaw:
                       “…”")
``pronoun_continues``  "he said": the last person cued as speaker in this paragraph, else the
                       one person it names (of several, the one subject of a verb), else the
                       last cued in the paragraph before unless
                       this one names another, else (nobody cued there) the one person the
                       paragraph before names, else the named person opening the sentence
                       before ("it said": organisations and states alike); never a person
                       the article gives the other sex (``genders.py``); "the Dutchman
                       said", "the 39-year-old said" likewise (of an age: the one person
                       given it, "X, 39,", never one given another)
``noun_continues``     "the statement said": the author of the last statement reported
                       ("the report said": only a report's publisher); "the institute
                       said": the one organisation named with that word ("the government": a
                       body so named, else the one state); "the company/
                       group said": the one organisation named shortly before, when no
                       unlisted name (a place aside) stands between in its sentence, nor
                       acts in one before ("plans for Windows" is no firm's); also opening the
                       clause of a participle or a second verb ("The group met and said")
``said_name``          "…,” said Michael Golden", "…,” said nurse X", "…,” said the IOM chief
                       in Tripoli, X", "Said Haines: “…”" (an inverted verb, then the name:
                       right after a quotation or a comma, or opening the sentence before a
                       colon; never "The indictment said staffer X …")
``according_to``       "according to (Airbus spokesman) X" / "was told by X" / "according to
                       a March 2007 report by X", "In a situational report of X, …"
``signed``             a quotation alone on its line, signed after it: a dash and a name
                       ("“…” ― Martha Aguilar", "- Bernie Sanders.", "-X, Philadelphia."),
                       or a name alone on the next line (a pull quote's caption)
``paragraph_continues`` a quotation with no cue of its own: the speaker cued before it in
                       its paragraph, or the one of the quotations right after it in the
                       same paragraph (“A.” “B,” X said), or, when it opens its paragraph,
                       the last speaker of the paragraph before (one quotation running over
                       several paragraphs); also a quotation after "and" and a second verb of
                       the cued one's subject ("X called it “A” and deemed it “B”"), and one
                       later in a cued one's sentence ("X said there was “A”, but the panel
                       had acted “openly”"; "X said Mr. Y and the “A” camp had failed to
                       “B”", where naming Y stops the paragraph's continuation)
``sentence_subject``   a quotation no rule attributes and no earlier speaker continues: the
                       named subject opening its clause ("In January 2021, President X
                       signed an order that paused “…”", "X addressed supporters: “…”"),
                       across its apposition ("X, Trump's fired campaign manager, ripped
                       Comey for acting as “…”", "Sen. X (I-Vt.) called him …");
                       not a subordinate clause's ("outlets reported X remained"), not when
                       a speech verb with another subject stands between ("X interviewed
                       Y, who said …", "and another said “…”"); "he"/"she" opening the
                       sentence, no name before the quotation, resolved as "he said" is
                       ("She has burns but is “grateful to …”")

Where they compete: in the words examined, ``as_saying`` and ``in_a_statement`` win; then
each speech verb is tried for its subject name, a subject pronoun, a description ("the
ministry"), an inverted name, in that order. A quotation is read in the words after it (up
to the next quotation or the end of its sentence) and before it; the hit nearer the
quotation wins, except a new clause introducing the next quotation (“A” whilst X said: “B”;
X said Y was “A” when he said “B”).
A participle or an attributing verb is read only when no speech verb named anyone. A
sentence is read left to right, so the main clause's speaker comes before a reported one's.
``paragraph_continues`` only applies when nothing else did, and ``sentence_subject`` after it
(a named subject; a "he"/"she" one is resolved before it, as "he said" is).

Names inside quotation marks are never speakers; a list of subjects ("A, B and C said") gives
a quotation its first name, as a reader answering with one name does, and a sentence no cue
(``holders.py`` makes each of them a holder); a name after a preposition is an object
("an interview with the BBC said"), and one inside another's apposition is not the subject
("X, a spokesperson for maker Y, said" → X). A quotation of three words or fewer, or a
title-like one, in a sentence without a speech verb or a verb that attributes it ("Iran
called the accusations “baseless”") is a scare quote or a title, not speech: it gets no cue.
Nor does one that names a thing, wherever it stands ("the “Make love not spam” campaign", "a
site called “…”"); its sentence is read as if it held no quotation.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from itertools import accumulate

from .continuation import UNNAMED_SPEAKER, Target, carries_on, continued
from .genders import Gender, actor_genders
from .lexicon import INVERTING_VERBS
from .quotations import Quotation, list_end, quotation_bounds
from .quote_kinds import WORD, names_a_thing, not_speech, titles_a_work
from .quoting_verbs import QUOTING
from .referents import (
    Said,
    ages_given,
    last_said,
    last_statement,
    moved,
    named_between,
    named_in,
    new_subject,
    only_named,
)
from .rules import REFERRING, SPEAKER_RULES
from .sentences import BYLINE
from .speaker_names import Found, Name, actor_names, headline_end, masked
from .speaker_patterns import MASK
from .speaker_rules import Matcher
from .speech_verbs import VERB
from .units import IndexedActor, Sentence, SpeakerCue, SpeakerRule

_PRONOUN_OPENS = re.compile(r"(?:He|She)\b(?!-)")
_PRONOUN_SUBJECT = re.compile(r"\s*(He|She)\s+(?=[a-z])")
# A quotation opening its line: nothing before it but its opening mark (and spaces).
_LINE_OPENING = re.compile(r"\s*[“\"‘']?\s*")
_COLON = re.compile(r"[^.!?\x00]*:\s*")
# What a line's "Name:" says, to be a statement: five words or more, no question, no figure
_SAID_ON_LINE = re.compile(r"(?=\D)(?:\S+\s+){4,}[^?]*[^?\s]")
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")  # ... and no list of names ("New Zealand: A, B, …")
_INTRODUCES_NEXT = re.compile(r"[^.!?,\x00]*:\s*")
# A coordinated clause with a new, named subject: ", but Russia …", "; the ministry …".
_NEW_SUBJECT = re.compile(r"(?:,\s+but|;)\s+(?:the\s+)?[A-Z]")
# "…, with (Taliban spokesperson) X stating: “…”": the participle's subject speaks.
_WITH_SUBJECT = re.compile(r",\s+with\s+(?:the\s+)?(?:[A-Za-z-]+\s+){0,3}?[A-Z]")
# Between two quotations of one sentence: "… “baseless” and deemed the cutting of ties “…”".
_AND_QUOTING = re.compile(rf"\s*,?\s+and\s+(?:\w+ly\s+)?(?:{QUOTING.pattern})[^.;:!?\x00]{{0,80}}")
# (“…”, said X: any verb that inverts)
_NEXT_TO = re.compile(rf"[,\s]*(?:(?:{'|'.join(sorted(INVERTING_VERBS))})\s+)?")
# What may follow such a speaker's verb to the sentence's end: "told reporters.", "proclaimed
# to a crowd at X on Tuesday."; not words of its own ("Melanie said yes, yes, yes, …").
_CLOSES = re.compile(
    r"(?:\s+(?:to|at|in|on|during|before|after|from|with|for)\s+[^,;:.!?\x00]*"
    r"|\s+[a-z]+(?:\s+[a-z]+)?)?\s*[.!?]?\s*"
)
_CLAUSE_OPENER = re.compile(
    r"\b(?:while|whilst|whereas|although|though|but|when)\b|,\s+and\s+(?:the\s+)?$"
)  # (", and Trump vowed to “…”": a clause of its own after "X said it would “…”")


def find_speaker_cues(
    text: str,
    sentences: Sequence[Sentence],
    quotations: Sequence[Quotation],
    actors: Sequence[IndexedActor],
) -> list[SpeakerCue]:
    """The rule's speaker for each quotation (``Q<n>``) and for each reported-speech sentence
    without a quotation (``S<n>``), in reading order; targets without a cue are left out."""
    works = {q.number for q in quotations if titles_a_work(text, q)}
    hidden = masked(text, quotations, works)
    matcher = Matcher(hidden, *actor_names(text, actors))
    things = works | {q.number for q in quotations if names_a_thing(text, q)}
    # A work's title is a word of its clause (``masked``), no quotation framing another.
    framing = [q for q in quotations if q.number not in works]
    targets = _quotation_targets(text, hidden, sentences, framing, things, matcher)
    matcher.list_heads = False  # a sentence's list of subjects: each a holder (holders.py)
    # A sentence whose only quotations name things is read as reported speech.
    spoken = [q for q in quotations if q.number not in things]
    targets += _sentence_targets(hidden, sentences, spoken, matcher)
    targets.sort(key=lambda t: t.start)
    named = [n for n in matcher.in_order if n.actor is not None and hidden[n.start] != MASK]
    cues = _resolve(text, hidden, targets, named, actor_genders(text, actors))
    headline = headline_end(text)  # (title case: "Newly Released Document Reveals …")
    return [c for c in cues if c.start >= headline or c.actor is not None]


def _quotation_targets(
    text: str,
    hidden: str,
    sentences: Sequence[Sentence],
    quotations: Sequence[Quotation],
    things: set[int],
    matcher: Matcher,
) -> list[Target]:
    """``things``: the numbers of the quotations that name a thing; they get no target."""
    starts = [s.start for s in sentences]
    out: list[Target] = []
    for i, q in enumerate(quotations):
        low, high, paragraph, line_start = quotation_bounds(text, hidden, sentences, starts, q)
        # The frames: the words after the quotation up to the next one, and before it.
        after = q.end + (q.end < len(text) and text[q.end] in "”\"’'")
        # (an alias or a name in quotation marks cuts no frame: "X (“Lula”), according to Y")
        nxt = next((r for r in quotations[i + 1 :] if r.number not in things), None)
        until = min(high, nxt.start - 1) if nxt is not None else high
        since = max(low, quotations[i - 1].end + 1) if i > 0 else low
        line_found = matcher.line_speaker(line_start)  # "Graham: Trump's ‘…’"
        speechy = (
            VERB.search(hidden, low, high) is not None
            or "as saying" in hidden[low:high]
            or line_found is not None
        )
        and_quoting = (
            i > 0
            and quotations[i - 1].start >= low
            and _AND_QUOTING.fullmatch(hidden, since, max(since, q.start - 1)) is not None
        )
        if q.number in things:
            continue
        if (
            not speechy
            and not and_quoting
            and not_speech(q.text)
            # (unless a verb attributes it: Iran called the accusations “baseless”)
            and matcher.introducing(low, since, max(since, q.start - 1)) is None
        ):
            continue
        post = matcher.scan(after, max(after, until))
        if post is not None and SPEAKER_RULES[post.rule].reads != "inverted":
            # “A” whilst X said: “B” / “A”, while X indicated …: a new clause, X's own words.
            between = hidden[after : post.start]
            introduces = nxt is not None and until == nxt.start - 1
            if _CLAUSE_OPENER.search(between) or (
                introduces
                and WORD.search(between)
                and _INTRODUCES_NEXT.fullmatch(hidden, post.verb_end, until)
            ):
                post = None
        pre = matcher.scan(since, max(since, q.start - 1), backwards=True)
        if pre is not None and (turn := _NEW_SUBJECT.search(hidden, pre.verb_end, q.start)):
            # "According to the BBC, X was verified, but Russia deemed them “…”": the clause
            # after the turn has its own subject.
            pre = matcher.introducing(low, turn.start(), max(since, q.start - 1))
        elif pre is not None and (turn := _WITH_SUBJECT.search(hidden, pre.verb_end, q.start)):
            pre = matcher.introducing(low, turn.start(), max(since, q.start - 1)) or pre
        elif pre is not None and pre.rule == "according_to" and pre.verb_end < q.start:
            # "According to Reuters, X called it “…”": the words are X's, Reuters reports them.
            inner = matcher.introducing(low, since, max(since, q.start - 1))
            if inner is not None and inner.name is not None and inner.name != pre.name:
                pre = inner
        elif pre is None:
            pre = matcher.introducing(low, since, max(since, q.start - 1))
        if pre is not None:
            pre = _colon_intro(hidden, pre, q.start)
        found = post
        if pre is not None and (post is None or q.start - pre.end < post.start - after):
            found = pre
        if found is None and (end := list_end(hidden, quotations[i:], high)) is not None:
            # "“unworkable” and “dangerous”, X said": the speaker right after the last of them
            last = matcher.scan(end, high)
            if (
                last is not None
                and _NEXT_TO.fullmatch(hidden, end, last.start)
                and _CLOSES.fullmatch(hidden, last.verb_end, high)
            ):
                found = last
        opens = text[line_start : q.start - 1].strip() == ""
        if found is None and _LINE_OPENING.fullmatch(text, line_start, q.start):
            found = matcher.signed(after)  # "“…”" then "― Martha Aguilar"
        if found is None:
            found = line_found or _name_colon(hidden, low, q.start, matcher)
            found = found or matcher.said_noun_colon(since, q.start)
        scare = not_speech(q.text)
        subject = None
        if found is None:
            subject = matcher.sentence_subject(low, max(low, q.start - 1))
            if subject is not None and UNNAMED_SPEAKER.search(text, subject.end, q.start):
                subject = None  # "X explained … and another said tenants “…”"
            if subject is None:
                found = _pronoun_subject(hidden, low, q.start, matcher)
        joined = found is None and and_quoting
        before = _before_subject(sentences, starts, low, found, matcher)
        target = Target(
            f"Q{q.number}", q.start, after, paragraph, not scare, found, opens, low, subject,
            joined, before,
        )  # fmt: skip
        out.append(target)
    return out


def _pronoun_subject(hidden: str, start: int, quote: int, m: Matcher) -> Found | None:
    """ "He"/"she" opening the sentence of a quotation no verb attributes, with no name before
    the quotation: "She has first degree burns but is “grateful to …”" is hers."""
    p = _PRONOUN_SUBJECT.match(hidden, start, quote)
    i = bisect_left(m.starts, start)
    if p is None or (i < len(m.starts) and m.starts[i] < quote):
        return None  # (a name between: ``m.starts`` is where each name starts, in order)
    # A guess about the clause, like a named subject's: the model may overrule it.
    return Found("sentence_subject", None, p.start(1), p.end(1), p.end(1), p.group(1).lower())


def _before_subject(
    sentences: Sequence[Sentence], starts: list[int], start: int, found: Found | None, m: Matcher
) -> Name | None:
    """For a "he said" at the sentence starting at ``start``: the named person opening the
    sentence before it, if that sentence names its subject."""
    if found is None or found.name is not None or found.pronoun not in ("he", "she"):
        return None
    i = bisect_right(starts, start - 1) - 1
    if i < 0 or sentences[i].start >= start:
        return None
    subject = m.sentence_subject(sentences[i].start, sentences[i].end)
    return subject if subject is not None and subject.person else None


_OBJECT_OF = re.compile(
    r"\b(?:for|to|with|at|about|against|on|from|by|toward|towards|than|into|onto|between|among"
    r"|and|or|nor)\s+$",
    re.I,
)


def _name_colon(hidden: str, start: int, quote: int, m: Matcher) -> Found | None:
    """A person named right before the colon that introduces the quotation: "… doesn't
    surprise Republican pollster Daron Shaw: “…”"; not the object of a preposition ("a
    message for Ann Cole: “…”"), nor the last of a list ("an exchange between X and Y:
    “…”")."""
    before = hidden[start : max(start, quote - 1)].rstrip()
    if not before.endswith(":"):
        return None
    colon = start + len(before) - 1
    i = bisect_left(m.ends, colon)
    if i == len(m.names) or m.names[i].end != colon:
        return None
    n = m.names[i]
    if n.actor is None or not n.person or _OBJECT_OF.search(hidden, start, n.phrase):
        return None
    return Found("colon_intro", n, n.start, n.end, n.end)


@SPEAKER_RULES.finds("colon_intro", _COLON)
def _colon_intro(hidden: str, pre: Found, quote: int) -> Found:
    """A subject and its verb before a colon introduce the quotation: "X responded: “…”"."""
    if SPEAKER_RULES[pre.rule].reads == "subject" and _COLON.fullmatch(
        hidden, pre.verb_end, quote - 1
    ):
        return dataclasses.replace(pre, rule="colon_intro")
    return pre


def _sentence_targets(
    hidden: str, sentences: Sequence[Sentence], quotations: Sequence[Quotation], matcher: Matcher
) -> list[Target]:
    out: list[Target] = []
    # Whether a quotation overlaps a sentence: of those starting before its end, the one
    # reaching furthest (a running maximum over quotations in order of start).
    spans = sorted((q.start, q.end) for q in quotations)
    opens = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))
    for s in sentences:
        k = bisect_left(opens, s.end)
        if (k and reach[k - 1] > s.start) or BYLINE.fullmatch(hidden, s.start, s.end):
            continue
        if VERB.search(hidden, s.start, s.end) is None:
            found = matcher.participle(s.start, s.end)  # "X commended them, saying …"
        else:
            found = matcher.scan(s.start, s.end)
        if found is None and (s.start == 0 or hidden[s.start - 1] == "\n"):
            found = matcher.line_speaker(s.start)  # "Matthews: Well, speculation is bad."
            said = hidden[found.verb_end : s.end].lstrip(": ") if found else ""
            listed = said.count(",") >= 3 and len(_LOWER_WORD.findall(said)) < 4
            if not _SAID_ON_LINE.fullmatch(said) or listed:
                found = None  # a label ("Clinton: 547.", "Rubio: Finish second.") or a list
        if found is not None:
            out.append(Target(s.id, s.start, s.end, s.paragraph, False, found))
    return out


def _resolve(
    text: str,
    hidden: str,
    targets: list[Target],
    named: list[Name],
    genders: Mapping[str, Gender],
) -> list[SpeakerCue]:
    """Name the speaker of each target, in reading order: pronouns and quotations without a
    cue of their own refer back to speakers already cued. ``named``: where actors are named
    outside quotations, in order, which a pronoun may refer to instead."""
    said: list[Said] = []
    cues: list[SpeakerCue] = []
    for i, t in enumerate(targets):
        f = t.found
        source: Said | None = None
        rule: SpeakerRule | None = None
        if f is not None and f.name is not None:
            n = f.name
            source = Said(t.paragraph, n.actor, n.name, n.person, f.start, f.end, f.statement)
            rule = f.rule
        elif f is not None and f.pronoun == "report":
            source = last_statement(said, t.paragraph)  # "X published a report. The report said"
            rule = f.rule
        elif f is not None and f.pronoun == "statement":
            # "The statement said": the last statement's author, else the last speaker.
            source = (
                last_statement(said, t.paragraph)
                or last_said(said, t.paragraph, None)
                or last_said(said, t.paragraph - 1, None)
            )
            rule = f.rule
        elif f is not None:
            source, rule = _referred(text, hidden, said, named, t, f, genders), f.rule
        elif t.continues and (found := continued(text, said, named, targets, i)) is not None:
            source, rule = found, "paragraph_continues"
        elif carries_on(text, targets, i, cues):
            source, rule = said[-1], "paragraph_continues"
        if source is None and f is None and t.subject is not None:
            n = t.subject
            source = Said(t.paragraph, n.actor, n.name, n.person, n.start, n.end)
            rule = "sentence_subject"
        if source is None or rule is None:
            continue
        # A pronoun or a description points at its own words; a continued cue at the words
        # that named.
        referring = f is not None and (rule in REFERRING or f.pronoun in ("he", "she"))
        start, end = (f.start, f.end) if referring and f else (source.start, source.end)
        here = source if source.paragraph == t.paragraph else moved(source, t.paragraph)
        # A quotation that continues it is measured from here ("…,” he said. “…”": "he").
        said.append(dataclasses.replace(here, last=end))
        cues.append(SpeakerCue(t.id, source.actor, source.name, rule, start, end))
    return cues


def _referred(
    text: str,
    hidden: str,
    said: list[Said],
    named: list[Name],
    t: Target,
    f: Found,
    genders: Mapping[str, Gender],
) -> Said | None:
    """Who a pronoun or a description ("he said", "the ministry said") refers to; never a
    person the article gives the other sex ("Mrs. X" for "he")."""
    age = f.pronoun.removeprefix("aged ") if f.pronoun.startswith("aged ") else None
    person = f.pronoun in ("he", "she", "someone") or age is not None
    sex = {"he": "m", "she": "f"}.get(f.pronoun)
    ages = ages_given(text, named, f.start) if age is not None else {}
    if age is not None:
        aged = {n.actor: n for n in named if n.actor and age in ages.get(n.actor, ())}
        if len(aged) == 1:
            one = next(iter(aged.values()))
            return Said(t.paragraph, one.actor, one.name, True, one.start, one.end)

    def fits(actor: str | None) -> bool:
        if age is not None and actor in ages:
            return age in ages[actor]  # (of another age: not)
        return sex is None or actor is None or genders.get(actor, sex) == sex

    def sure(actor: str | None) -> bool:
        # (for "she" only: a person whose sex the article leaves open is more often a man)
        return sex == "f" and actor is not None and genders.get(actor) == sex

    opening = text.rfind("\n", 0, f.start) + 1
    source = last_said(said, t.paragraph, person, fits)
    if source is not None and person:
        source = new_subject(hidden, named, source, f.start, fits) or source
    if source is None:
        source = only_named(hidden, named, opening, f.start, t.paragraph, person, fits, sure)
    if source is None:
        # The paragraph before, unless this one names another of its kind first: "By
        # then the Met Office had issued a warning. It said …"
        source = last_said(said, t.paragraph - 1, person, fits)
        if source is not None and named_between(named, source, opening, f.start):
            source = None
    if source is None and person and opening > 0 and not named_in(named, opening, f.start):
        # "Diana Murugi, 72, lost her two sons …" then a paragraph "“…,” she said": the one
        # person the paragraph before names, when no one was cued there.
        close = len(text[:opening].rstrip())  # (past the blank line between paragraphs)
        before = text.rfind("\n", 0, close) + 1
        end, hops = opening, 0
        while _PRONOUN_OPENS.match(text, before) and before > 0 and hops < 2:
            # "Kerik is a senior vice president … ¶ He's been a staunch supporter of Bush …
            # ¶ “…,” he said": a paragraph whose subject is "he" again names only objects;
            # the one it goes on with is named further back.
            end, hops = before, hops + 1
            close = len(text[:before].rstrip())
            before = text.rfind("\n", 0, close) + 1
        earlier = last_said(said, text.count("\n", 0, before), person, fits) if hops else None
        if earlier is not None:
            source = moved(earlier, t.paragraph)
        elif last_said(said, t.paragraph - 1, None) is None:
            source = only_named(hidden, named, before, end, t.paragraph, person, fits)
    if source is None and person and (n := t.before_subject) is not None and fits(n.actor):
        source = Said(t.paragraph, n.actor, n.name, True, n.start, n.end)
    if source is not None and f.statement:
        source = dataclasses.replace(source, statement=True)
    return source


__all__ = ["find_speaker_cues"]
