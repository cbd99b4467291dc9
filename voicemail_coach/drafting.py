"""The one render-and-score pipeline, and every cache it keeps.

`vc.draft`, `vc.draft_many`, the ``draft`` command, ``batch`` and ``lint-templates`` all draft
through a `Drafter`. It keeps, for one caller, config and template search path:

- each style with its check settings merged under the config, read once;
- one sandboxed Jinja environment per search path, compiled templates kept (a run does not
  re-check template files on every render; a new `Drafter` sees edits);
- the list of styles and the recommendation rules built from them;
- a slot planner (`schedule.SlotPlanner`) per moment: prospects sharing a zone, hours and
  holidays share its search for slots, so each further prospect costs a lookup. A drafter made
  with ``spread=True`` (``draft_many``, the ``draft`` and ``batch`` commands) also spreads the
  slots over the list: no slot is offered to more than the config's ``max_per_slot``
  prospects. Without it (``vc.draft``), each prospect gets its own best slots, whatever was
  drafted before.

With a touch log, the command line gives the drafter each prospect's `History` (plain records:
the attempts made, the voicemails left, the slots offered) and the slots held by earlier runs;
the drafter never reads the log itself. Then the attempt number and the recommendation follow
the cycle (`policy.recommend.follow_cycle`), templates see ``previous`` (the last voicemail),
planned slots avoid every slot offered to the prospect before, held slots count against
``max_per_slot``, and the ``repeated-content`` check compares the draft with the earlier ones.

A prospect that cannot be drafted raises a located `VoicemailCoachError` from `Drafter.draft`;
`Drafter.attempt`, `Drafter.every_style` and `draft_many` turn it into a `DraftFailure` record
instead, so one bad prospect never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from . import schedule as slots
from .catalog import (
    Style,
    get_style,
    missing_fields,
    new_environment,
    search_dirs,
    styles,
)
from .catalog.metadata import read_template
from .catalog.render import require_fields, run_template, template_error
from .clock import read_now
from .config import Config
from .directives import Off, switch_off, template_offs
from .errors import DataError, TemplateError, VoicemailCoachError
from .models import Caller, Draft, DraftFailure, Earlier, History, Prospect, Skipped
from .policy.recommend import FOLLOW_UP, Recommendation, Rule, choose, follow_cycle, rules
from .provenance import annotate
from .review import DEFAULT_CONFIG, review

NEEDS_PREVIOUS = "an earlier voicemail in the touch log (--log)"
"""What ``--all`` says the follow-up style needs when no voicemail was left before."""
PLANNERS = 8
"""Slot planners kept at most (one per moment a caller asked for); they start over when full."""


@dataclass
class Prepared:
    """A style ready to render: its metadata, merged check settings and compiled template."""

    style: Style
    settings: Config
    env: Any
    dirs: tuple[Path, ...]
    template: Any = None
    error: TemplateError | None = None
    offs: tuple[Off, ...] = ()
    """Checks the template's inline comments switch off (`voicemail_coach.directives`)."""


@dataclass(frozen=True)
class Previous:
    """The last voicemail left for a prospect, as a template sees it (``previous``).

    ``day`` is its weekday ("Tuesday"); ``when`` says it as a listener hears it ("Tuesday"
    within the last six days, else "Tuesday, November 24"); ``style`` is the style it used;
    ``topic`` is what it was about (the prospect's ``need``, None when unknown); ``at`` is
    the moment it was left, in the prospect's zone when known; ``number`` counts the
    voicemails left so far (1 for the second voicemail), so a template can vary its words.
    """

    at: datetime
    day: str
    when: str
    style: str | None
    topic: str | None
    number: int = 1

    @classmethod
    def of(cls, earlier: Earlier, prospect: Prospect, now: datetime, number: int = 1) -> Previous:
        """Return the view of an earlier voicemail, said relative to ``now``."""
        at = earlier.at.astimezone(now.tzinfo) if now.tzinfo else earlier.at
        day = f"{at:%A}"
        when = day if (now.date() - at.date()).days < 7 else f"{day}, {at:%B} {at.day}"
        return cls(at, day, when, earlier.style, prospect.need, number)


def where(error: VoicemailCoachError | str, prospect: Prospect) -> str:
    """Return an error message that names the prospect's file:line first, when known."""
    said = str(error)
    if prospect.source and prospect.line and not said.startswith(f"{prospect.source}:"):
        return f"{prospect.source}:{prospect.line}: {said}"
    return said


class Drafter:
    """Draft voicemails for one caller, config and template search path, reusing what repeats.

    ``caller`` defaults to the config's; drafting without any caller raises DataError. The
    template folders searched are ``templates`` and then the config's. ``draft(p, style, now)``
    gives what `voicemail_coach.draft` gives; see the module docstring for what is cached.
    """

    def __init__(
        self,
        caller: Caller | None = None,
        *,
        config: Config = DEFAULT_CONFIG,
        templates: Iterable[str | Path] = (),
        spread: bool = False,
        history: Callable[[Prospect], History | None] | None = None,
        held: Iterable[datetime] = (),
    ) -> None:
        self.caller = caller or config.caller
        self.spread = spread
        self.history = history
        self.held = tuple(held)
        self.config = config
        self.templates: tuple[str | Path, ...] = (*tuple(templates), *config.templates)
        self._prepared: dict[str, Prepared] = {}
        self._envs: dict[tuple[Path, ...], Any] = {}
        self._names: tuple[str, ...] | None = None
        self._rules: dict[str, Rule] | None = None
        self._planners: dict[datetime, slots.SlotPlanner] = {}
        self._dirs: tuple[Path, ...] | None = None
        self.on_note: Callable[[str], None] | None = None
        """Hears, once per style, each check its template's inline comments switch off."""

    # --- styles ------------------------------------------------------------------------

    def style(self, name: str) -> Prepared:
        """Return a style ready to render, read and compiled once; TemplateError if unknown."""
        found = self._prepared.get(name)
        if found is None:
            chosen = get_style(name, self.templates)
            dirs = self._search_dirs()
            if chosen.path.parent not in dirs:
                dirs = (chosen.path.parent, *dirs)
            env = self._envs.get(dirs)
            if env is None:
                env = self._envs[dirs] = new_environment(dirs)  # refuses non-regular files
                env.auto_reload = False  # a run does not wait for template edits
            settings = self.config.for_style(chosen.checks, str(chosen.path))
            offs = template_offs(read_template(chosen.path), str(chosen.path))
            settings = switch_off(settings, offs)
            if self.on_note is not None:
                for off in offs:
                    self.on_note(str(off))
            found = self._prepared[name] = Prepared(chosen, settings, env, dirs, offs=offs)
        return found

    def _search_dirs(self) -> tuple[Path, ...]:
        if self._dirs is None:
            self._dirs = search_dirs(self.templates)
        return self._dirs

    def style_names(self) -> tuple[str, ...]:
        """Return the name of every available style (for ``--all``), read once."""
        if self._names is None:
            self._names = tuple(styles(self.templates))
        return self._names

    def recommend(self, prospect: Prospect) -> Recommendation:
        """Return the style the recommendation rules pick (built once from the styles).

        With a history from the touch log, the cycle's rule comes first (`follow_cycle`).
        """
        if self._rules is None:
            self._rules = rules(styles(self.templates).values())
        known = self.history_of(prospect)
        if known is not None:
            return follow_cycle(prospect, known, self._rules, self.caller, self.style_names())
        return choose(prospect, self._rules, self.caller)

    def history_of(self, prospect: Prospect) -> History | None:
        """Return what the touch log knows of the prospect (None without a log)."""
        return self.history(prospect) if self.history is not None else None

    def left_before(self, prospect: Prospect) -> bool:
        """Return True when the touch log holds a voicemail already left for the prospect."""
        known = self.history_of(prospect)
        return known is not None and known.previous is not None

    def warm(self, names: Iterable[str] = ()) -> None:
        """Load what every draft needs (dictionary, patterns, templates) before workers fork."""
        review(
            "Hi Dana, this is Freda from ABC Company, 901-555-2120. Would Tuesday at 3 or 4 "
            "p.m. work? Call me at 901-555-2120, nine oh one, five five five, two one two zero.",
            caller_phone=self.caller.phone if self.caller else None,
        )
        for name in tuple(names) or self.style_names():
            try:
                prepared = self.style(name)
                if prepared.template is None:
                    prepared.template = prepared.env.get_template(prepared.style.path.name)
            except Exception:  # reported row by row, where the style is used
                continue

    def _caller(self, prospect: Prospect) -> Caller:
        if self.caller is None:
            raise DataError(
                "no caller: add a `caller:` section (name, company, phone) to the prospects "
                "file or to voicemail-coach.yaml",
                path=prospect.source,
            )
        return self.caller

    # --- the pipeline -------------------------------------------------------------------

    def planner(self, moment: datetime) -> slots.SlotPlanner:
        """Return the slot planner for this moment (one per moment, kept)."""
        found = self._planners.get(moment)
        if found is None:
            if len(self._planners) >= PLANNERS:
                self._planners.clear()
            found = self._planners[moment] = slots.SlotPlanner(
                self.caller,
                moment,
                max_per_slot=self.config.max_per_slot if self.spread else None,
                days_off=self.config.days_off,
            )
            if self.spread and self.held:
                found.hold(self.held)
        return found

    def next_step(self, prospect: Prospect, moment: datetime) -> slots.NextStep:
        """Return the proposed next step: the prospect's own slots, else planned ones."""
        self._caller(prospect)
        known = self.history_of(prospect)
        return self.planner(moment).next_step(prospect, known.avoid if known else ())

    def render(self, prepared: Prepared, prospect: Prospect, next_step: str, now: datetime) -> str:
        """Render a style as one spoken paragraph; raise a TemplateError naming file and line.

        The compiled template is kept on `prepared`; a template that does not compile fails
        the same way for every prospect, so that error is kept too.
        """
        caller = self._caller(prospect)
        chosen = prepared.style
        require_fields(chosen, caller, prospect)
        if prepared.error is not None:
            raise prepared.error

        def compiled() -> Any:
            if prepared.template is None:
                prepared.template = prepared.env.get_template(chosen.path.name)
            return prepared.template

        try:
            return run_template(
                compiled,
                caller=caller,
                prospect=prospect,
                next_step=next_step,
                now=now,
                previous=self.previous(prospect, now),
            )
        except Exception as exc:  # every failure: a located TemplateError
            error = template_error(exc, chosen, prospect, prepared.env, prepared.dirs)
            if prepared.template is None:
                prepared.error = error
            raise error from None

    def previous(self, prospect: Prospect, now: datetime) -> Previous | None:
        """Return the ``previous`` template variable: the last voicemail left, or None."""
        known = self.history_of(prospect)
        if known is None or known.previous is None:
            return None
        return Previous.of(known.previous, prospect, now, len(known.voicemails))

    def draft(
        self,
        prospect: Prospect,
        style: str | None = None,
        now: datetime | str | None = None,
        *,
        step: slots.NextStep | None = None,
    ) -> Draft:
        """Render a style (default: the recommended one) for the prospect and score it.

        A naive or missing ``now`` is read in the caller's zone. ``step`` is the next step
        already planned for the prospect (default: planned here). Raises a located
        VoicemailCoachError (DataError, TemplateError, SlotError) when it cannot be drafted.
        """
        caller = self._caller(prospect)
        moment = slots.resolve_now(read_now(now), caller)
        picked: Recommendation | None = None
        if style is None:
            picked = self.recommend(prospect)
            style = picked.style
        prepared = self.style(style)
        if step is None:
            step = self.next_step(prospect, moment)
        text = self.render(prepared, prospect, step.text, moment)
        return self.judge(text, caller, prospect, prepared, moment, step, picked)

    def judge(
        self,
        text: str,
        caller: Caller,
        prospect: Prospect,
        prepared: Prepared,
        moment: datetime,
        step: slots.NextStep,
        picked: Recommendation | None,
    ) -> Draft:
        """Score a rendered draft; its times are read in the prospect's zone, its notes kept."""
        zone = step.slots[0].tzinfo if step.slots else moment.tzinfo
        d = review(
            text,
            config=prepared.settings,
            caller_phone=caller.phone,
            caller_name=caller.name,
            caller_company=caller.company,
            now=moment.astimezone(zone),
            style=prepared.style.name,
            prospect=prospect.name,
            reason=picked.reason if picked else None,
            notes=step.notes,
            earlier=known.voicemails if (known := self.history_of(prospect)) else (),
        )
        d = annotate(d, prospect, caller)
        ident = getattr(prospect, "id", None)
        return replace(d, id=str(ident)) if ident is not None else d

    def attempt(
        self,
        prospect: Prospect,
        style: str | None = None,
        now: datetime | str | None = None,
        *,
        step: slots.NextStep | None = None,
    ) -> Draft | DraftFailure:
        """Draft like `draft`, but return a DraftFailure instead of raising."""
        try:
            return self.draft(prospect, style, now, step=step)
        except Exception as exc:  # bad data, and even a bug, must not stop the other prospects
            return failure(prospect, exc, style)

    def every_style(
        self,
        prospect: Prospect,
        now: datetime | str | None = None,
        *,
        step: slots.NextStep | None = None,
    ) -> list[Draft | DraftFailure | Skipped]:
        """Draft every style the prospect's data allows; name each one skipped and why.

        Every style proposes the same next step (planned once for the prospect).
        """
        out: list[Draft | DraftFailure | Skipped] = []
        ident = getattr(prospect, "id", None)
        if step is None:
            try:
                moment = slots.resolve_now(read_now(now), self._caller(prospect))
                step = self.next_step(prospect, moment)
            except Exception as exc:  # a past slot, an unknown zone: no style can be drafted
                return [failure(prospect, exc)]
        for name in self.style_names():
            try:
                prepared = self.style(name)
                needs = missing_fields(prepared.style, self._caller(prospect), prospect)
            except VoicemailCoachError as exc:
                out.append(failure(prospect, exc, name))
                continue
            if name == FOLLOW_UP and not self.left_before(prospect):
                needs = [NEEDS_PREVIOUS]  # it refers to the last voicemail: none in the log
            if needs:
                out.append(
                    Skipped(
                        prospect.name, name, tuple(needs), None if ident is None else str(ident)
                    )
                )
            else:
                out.append(self.attempt(prospect, name, now, step=step))
        return out


def failure(prospect: Prospect, exc: BaseException, style: str | None = None) -> DraftFailure:
    """Return the DraftFailure record for an error raised while drafting a prospect."""
    ident = getattr(prospect, "id", None)
    bug = not isinstance(exc, VoicemailCoachError)
    if bug:
        said = (
            f"could not draft {prospect.name} ({type(exc).__name__}: {exc}); this is a bug in "
            "voicemail-coach, please report it"
        )
    else:
        said = str(exc)
    own = isinstance(exc, VoicemailCoachError) and exc.path and exc.path != prospect.source
    return DraftFailure(
        prospect=prospect.name,
        message=said if own else where(said, prospect),  # a template's error names its file
        style=style,
        id=None if ident is None else str(ident),
        path=prospect.source,
        line=prospect.line,
        bug=bug,
    )


def draft_many(
    prospects: Iterable[Prospect],
    style: str | None = None,
    caller: Caller | None = None,
    now: datetime | str | None = None,
    *,
    config: Config = DEFAULT_CONFIG,
    templates: Iterable[str | Path] = (),
) -> Iterator[Draft | DraftFailure]:
    """Draft many prospects with shared caches; yield a Draft or a DraftFailure for each, in order.

    One "now" holds for the whole run (a naive one, or the current time when None, is read in
    the caller's zone once, at the start), and the proposed slots are spread over the list: no
    slot is offered to more than ``config.max_per_slot`` prospects. A prospect that cannot be
    drafted (missing data, a past slot, a template that fails for it) is a DraftFailure naming
    file:line and what to fix; the others go on. An unknown style or a missing caller raises
    before anything is drafted.
    """
    drafter = Drafter(caller, config=config, templates=templates, spread=True)
    if drafter.caller is None:
        raise DataError(
            "no caller: give caller=, or add a `caller:` section to voicemail-coach.yaml"
        )
    if style is not None:
        drafter.style(style)
    moment = slots.resolve_now(read_now(now), drafter.caller)
    for prospect in prospects:
        yield drafter.attempt(prospect, style, moment)
