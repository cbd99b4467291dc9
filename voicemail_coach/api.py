"""The library's entry points: draft, draft_many, score, styles.

Drafting goes through `voicemail_coach.drafting`, the one render-and-score pipeline; `draft`
keeps a few drafters (one per caller, config and template folders) so that a loop over many
prospects reuses the compiled templates, merged settings and proposed next steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .clock import read_now, resolve_now
from .config import Config
from .models import Caller, Draft, Earlier, Prospect
from .review import DEFAULT_CONFIG, review

if TYPE_CHECKING:  # the catalog and drafting are imported when used: `score` starts fast
    from .catalog import Style
    from .drafting import Drafter
    from .models import DraftFailure

_DRAFTERS: dict[tuple[int, int, tuple[str, ...]], tuple[Caller | None, Config, Drafter]] = {}
_KEEP = 8


def _drafter(caller: Caller | None, config: Config, templates: Iterable[str | Path]) -> Drafter:
    """Return the drafter for this caller, config and folders (kept by identity, a few at once)."""
    from .drafting import Drafter

    folders = tuple(str(t) for t in templates)
    key = (id(caller), id(config), folders)
    found = _DRAFTERS.get(key)
    if found is not None and found[0] is caller and found[1] is config:
        return found[2]
    drafter = Drafter(caller, config=config, templates=folders)
    if len(_DRAFTERS) >= _KEEP:
        _DRAFTERS.clear()
    _DRAFTERS[key] = (caller, config, drafter)  # the entry keeps both alive: ids stay unique
    return drafter


def draft(
    prospect: Prospect,
    style: str | None = None,
    caller: Caller | None = None,
    now: datetime | str | None = None,
    *,
    config: Config = DEFAULT_CONFIG,
    templates: Iterable[str | Path] = (),
) -> Draft:
    """Render a style for the prospect and score it.

    Parameters:
        prospect: who is called (from `load`, or `Prospect(...)` / `Prospect.from_dict`).
        style: a style name (see `styles`); default: the one `recommend` picks, whose reason
            is kept in ``Draft.reason``.
        caller: who calls; default: the config's caller.
        now: a datetime or an ISO string; naive (no offset) is the caller's local time, None is
            the current time. Slots are proposed after it, in the prospect's zone (their
            ``timezone``, else the one their phone number gives, else the caller's).
        config: check levels, thresholds, ``fail_on``, template folders (`load_config`).
        templates: folders searched before the config's and the built-in styles.

    Raises DataError (no caller, a bad ``now``), TemplateError (unknown style, data the style
    requires is missing, a template that fails) or SlotError (a past slot, an unknown zone),
    each naming file:line when the prospect came from a file. Styles and templates are read
    once per (caller, config, templates): start a new process, or pass a new Config, to pick up
    an edited template.
    """
    return _drafter(caller, config, templates).draft(prospect, style, now)


def draft_many(
    prospects: Iterable[Prospect],
    style: str | None = None,
    caller: Caller | None = None,
    now: datetime | str | None = None,
    *,
    config: Config = DEFAULT_CONFIG,
    templates: Iterable[str | Path] = (),
) -> Iterator[Draft | DraftFailure]:
    """Draft many prospects at once, like ``batch``: yield a Draft or a DraftFailure each, in order.

    Parameters (as for `draft`):
        prospects: any iterable (``book.prospects``, a generator over a CRM query); read
            lazily, one at a time.
        style: one style for everyone; default: the one `recommend` picks for each.
        caller: who calls; default: the config's caller.
        now: fixed once for the whole run (a naive one, or the current time when None, is
            read in the caller's zone once, at the start).
        config: check levels, thresholds, ``fail_on``, ``max_per_slot``.
        templates: folders searched before the config's and the built-in styles.

    The proposed slots are spread over the list: no slot is offered to more than
    ``config.max_per_slot`` prospects. The same caches as ``batch`` are kept (styles compiled
    once, one slot planner). A prospect that cannot be drafted yields a `DraftFailure`
    (``.message`` names file:line and what to fix; ``.prospect``, ``.style``, ``.path``,
    ``.line``) and the others go on. Raises TemplateError for an unknown style and DataError
    for a missing caller, before the first prospect.
    """
    from .drafting import draft_many as many

    return many(prospects, style, caller, now, config=config, templates=templates)


def score(
    text: str,
    *,
    caller_phone: str | None = None,
    style: str | None = None,
    now: datetime | str | None = None,
    config: Config = DEFAULT_CONFIG,
    templates: Iterable[str | Path] = (),
    earlier: Iterable[Earlier] = (),
) -> Draft:
    """Score any voicemail text, hand-written ones too, into a `Draft`.

    Parameters:
        text: the script as it would be said.
        caller_phone: the number the script must give (``callback-number`` checks it is that
            one); default: the config caller's, else any number counts.
        style: apply that style's check levels (its metadata's ``checks:``); default: none.
        now: a datetime or an ISO string; naive is the config caller's local time (the
            machine's zone when the config has no caller zone), None the current time. A
            proposed time must be ahead of it.
        config: check levels, thresholds, ``fail_on`` and the caller (`load_config`).
        templates: folders searched for ``style`` before the config's and the built-ins.
        earlier: the voicemails already left for the same prospect (`models.Earlier`, from
            the touch log), for the ``repeated-content`` check; default: none.

    The Draft has ``style`` (as given) and ``prospect`` None; ``score`` is 0-100 and
    ``passed`` is False when a finding reaches ``config.fail_on``. Raises TemplateError for
    an unknown style and DataError for a bad ``now``; any text, even empty, is scored.
    """
    settings = config
    if style is not None:
        from .catalog import get_style

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
        now=resolve_now(read_now(now), zone),
        style=style,
        earlier=earlier,
    )


def styles(templates: Iterable[str | Path] = ()) -> list[Style]:
    """Return the available styles with their metadata (`Style`), sorted by name.

    Parameters:
        templates: folders of ``NAME.j2`` files searched before the built-in styles, in
            order; then ``$VOICEMAIL_COACH_TEMPLATES`` and installed template packs. The first
            file of a name wins (``Style.overrides`` names what it hides); ``_*.j2`` partials
            are not styles.

    Raises TemplateError naming the file (and line) for a folder that is not there, a
    template that is not a regular file, or metadata that cannot be read.
    """
    from .catalog import styles as found

    return list(found(templates).values())


__all__ = ["draft", "draft_many", "score", "styles"]
