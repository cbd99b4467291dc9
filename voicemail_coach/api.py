"""The library's entry points: load, recommend, draft, score, styles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .catalog import Style, get_style, render
from .catalog import styles as _styles
from .clock import resolve_now
from .config import Config
from .errors import DataError
from .models import Caller, Draft, Prospect
from .policy.recommend import Recommendation, recommend
from .review import DEFAULT_CONFIG, review

if TYPE_CHECKING:  # slots is imported when a draft is made, never by `score`
    from .schedule import NextStep


def draft(
    prospect: Prospect,
    style: str | None = None,
    caller: Caller | None = None,
    now: datetime | None = None,
    *,
    config: Config = DEFAULT_CONFIG,
    templates: Iterable[str | Path] = (),
) -> Draft:
    """Render a style for the prospect and score it; a naive `now` is the caller's local time."""
    caller = caller or config.caller
    if caller is None:
        raise DataError(
            "no caller: add a `caller:` section (name, company, phone) to the prospects file "
            "or to voicemail-coach.yaml",
            path=prospect.source,
        )
    templates = (*tuple(templates), *config.templates)
    picked: Recommendation | None = None
    if style is None:
        picked = recommend(prospect, _styles(templates).values(), caller)
        style = picked.style
    chosen = get_style(style, templates)
    from . import schedule as slots

    moment = slots.resolve_now(now, caller)
    step = slots.next_step(caller, prospect, moment, days_off=config.days_off)
    text = render(
        chosen,
        caller=caller,
        prospect=prospect,
        next_step=step.text,
        now=moment,
        templates=templates,
    )

    settings = config.for_style(chosen.checks, str(chosen.path))
    return judge(text, caller, prospect, chosen.name, settings, moment, step, picked)


def judge(
    text: str,
    caller: Caller,
    prospect: Prospect,
    style: str,
    settings: Config,
    moment: datetime,
    step: NextStep,
    picked: Recommendation | None,
) -> Draft:
    """Score a rendered draft; its times are read in the prospect's zone, its notes kept."""
    zone = step.slots[0].tzinfo if step.slots else moment.tzinfo
    return review(
        text,
        config=settings,
        caller_phone=caller.phone,
        caller_name=caller.name,
        caller_company=caller.company,
        now=moment.astimezone(zone),
        style=style,
        prospect=prospect.name,
        reason=picked.reason if picked else None,
        notes=step.notes,
    )


def score(
    text: str,
    *,
    caller_phone: str | None = None,
    style: str | None = None,
    now: datetime | None = None,
    config: Config = DEFAULT_CONFIG,
    templates: Iterable[str | Path] = (),
) -> Draft:
    """Score any voicemail text, hand-written ones too."""
    settings = config
    if style is not None:
        chosen = get_style(style, (*tuple(templates), *config.templates))
        settings = config.for_style(chosen.checks, str(chosen.path))
    caller = config.caller
    phone = caller_phone or (caller.phone if caller else None)
    zone = None
    if caller and caller.timezone:  # checked when the config was loaded
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(caller.timezone)

    return review(
        text,
        config=settings,
        caller_phone=phone,
        caller_name=caller.name if caller else None,
        caller_company=caller.company if caller else None,
        now=resolve_now(now, zone),
        style=style,
    )


def styles(templates: Iterable[str | Path] = ()) -> list[Style]:
    """Return the available styles with their metadata."""
    return list(_styles(templates).values())


__all__ = ["draft", "recommend", "score", "styles"]
