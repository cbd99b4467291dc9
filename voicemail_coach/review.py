"""Measure a text once, run every enabled check, and judge the result into a Draft."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from . import phones, readability, scoring, speech, times
from .checks import CHECKS, LENGTH, Analysis, Check
from .config import Config
from .models import Draft, Finding, Level, Metrics
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
    notes: Mapping[str, tuple[tuple[str, Level | None], ...]] | None = None,
) -> Analysis:
    """Measure everything the checks read, once."""
    known = phones.normalize(caller_phone, region) if caller_phone else None
    mentions = tuple(phones.find_numbers(text, region))
    numbers = tuple(phones.group_numbers(list(mentions), known))
    words, sentences, grade, ease = readability.figures(text)
    spans = tuple(sentence_spans(text))
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
        notes=notes or {},
    )


Plan = tuple[tuple[Check, Level | None, Mapping[str, Any]], ...]
_PLANS: dict[int, tuple[Config, Plan]] = {}


def _plan(config: Config) -> Plan:
    """Return the enabled checks with their level and thresholds, worked out once per config.

    Keyed by identity (a Config holds dicts, so it has no hash); the entry keeps the config
    alive, so its id cannot be reused while cached. A batch reuses one config per style.
    """
    found = _PLANS.get(id(config))
    if found is not None and found[0] is config:
        return found[1]
    plan = []
    for check in CHECKS:
        enabled, level, params = config.setting(check)
        if enabled:
            plan.append((check, level, params))
    if len(_PLANS) >= 64:
        _PLANS.clear()
    _PLANS[id(config)] = (config, tuple(plan))
    return tuple(plan)


def findings(analysis: Analysis, config: Config = DEFAULT_CONFIG) -> list[Finding]:
    """Run every enabled check with its configured level and thresholds."""
    out: list[Finding] = []
    for check, level, params in _plan(config):
        for hit in check.run(analysis, params):
            out.append(
                Finding(
                    check=check.id,
                    severity=hit.level or level or check.level,
                    message=hit.message,
                    span=hit.span,
                    source=check.source,
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
    notes: Mapping[str, tuple[tuple[str, Level | None], ...]] | None = None,
) -> Draft:
    """Analyse and judge a text into a scored Draft."""
    length = config.setting(LENGTH)[2]
    analysis = analyse(
        text,
        caller_phone=caller_phone,
        caller_name=caller_name,
        caller_company=caller_company,
        now=now,
        region=config.region,
        wpm=float(length["words_per_minute"]),
        notes=notes,
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
