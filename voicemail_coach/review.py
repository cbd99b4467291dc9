"""Measure a text once, run every enabled check, and judge the result into a Draft."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from . import phones, readability, speech, times
from .checks import LENGTH, Analysis
from .config import Config
from .models import Draft, Earlier, Finding, Metrics, Note
from .policy import scoring
from .text import sentence_spans

DEFAULT_CONFIG = Config()


def analyse(
    text: str,
    *,
    caller_phone: str | None = None,
    caller_name: str | None = None,
    caller_company: str | None = None,
    now: datetime | None = None,
    region: str = "US",
    wpm: float = speech.WORDS_PER_MINUTE,
    notes: Iterable[Note] = (),
    earlier: Iterable[Earlier] = (),
) -> Analysis:
    """Measure everything the checks read, once.

    ``earlier`` are the voicemails already left for this prospect (from the touch log), oldest
    first: the ``repeated-content`` check compares the text with them.
    """
    known = phones.normalize(caller_phone, region) if caller_phone else None
    mentions = tuple(phones.find_numbers(text, region))
    numbers = tuple(phones.group_numbers(list(mentions), known))
    spans = tuple(sentence_spans(text))
    words, sentences, grade, ease = readability.figures(text, spans)
    metrics = Metrics(
        words=words,
        seconds=speech.spoken_seconds(text, (m.span for m in mentions), wpm),
        grade=grade,
        reading_ease=ease,
        sentences=sentences,
        longest_sentence=max((len(text[s:e].split()) for s, e in spans), default=0),
    )
    return Analysis(
        text=text,
        metrics=metrics,
        sentences=spans,
        mentions=mentions,
        numbers=numbers,
        times=tuple(times.find_proposed_times(text, now)),
        caller_phone=known,
        caller_name=caller_name,
        caller_company=caller_company,
        notes=tuple(notes),
        earlier=tuple(earlier),
    )


def findings(analysis: Analysis, config: Config = DEFAULT_CONFIG) -> list[Finding]:
    """Run every check that has an outcome on; each hit gets the level policy gives its id.

    The levels come from ``config.plan`` (built-in < style < config file < command line, see
    :mod:`voicemail_coach.policy.levels`); a hit whose outcome is off is dropped.
    """
    out: list[Finding] = []
    for plan in config.plan:
        if not plan.active:
            continue
        check = plan.check
        for hit in check.run(analysis, plan.params):
            level = plan.level(hit.outcome)
            if level is None:
                continue
            out.append(
                Finding(
                    check=check.id,
                    severity=level,
                    message=hit.message,
                    span=hit.span,
                    source=check.source,
                    id=f"{check.id}.{hit.outcome}",
                )
            )
    return out


def review(
    text: str,
    *,
    config: Config = DEFAULT_CONFIG,
    caller_phone: str | None = None,
    caller_name: str | None = None,
    caller_company: str | None = None,
    now: datetime | None = None,
    style: str | None = None,
    prospect: str | None = None,
    reason: str | None = None,
    notes: Iterable[Note] = (),
    earlier: Iterable[Earlier] = (),
) -> Draft:
    """Analyse and judge a text into a scored Draft.

    ``notes`` are the slot planner's typed notes (``NextStep.notes``); each is reported as the
    finding ``proposed-time.<code>`` at the level policy gives that id. ``earlier`` are the
    voicemails already left for the prospect (see `analyse`).
    """
    length = config.params(LENGTH)
    analysis = analyse(
        text,
        caller_phone=caller_phone,
        caller_name=caller_name,
        caller_company=caller_company,
        now=now,
        region=config.region,
        wpm=float(length["words_per_minute"]),
        notes=notes,
        earlier=earlier,
    )
    found = findings(analysis, config)
    return Draft(
        text=text,
        score=scoring.score(found),
        passed=not scoring.fails(found, config.fail_on),
        findings=tuple(found),
        metrics=analysis.metrics,
        callback_numbers=analysis.numbers,
        proposed_times=analysis.times,
        style=style,
        prospect=prospect,
        reason=reason,
    )
