"""What works: voicemails left, callbacks and meetings per style, with the counts behind rates.

A callback (``called-back``) or a meeting (``meeting-booked``, ``connected`` counts as neither)
is credited to the last voicemail left for that prospect before it: its style and its
template. A rate is given only when at least `MIN_VOICEMAILS` voicemails stand behind it;
below that it says "not enough data": cold voicemails are returned 4-8% of the time, so under
ten voicemails a single callback moves the rate by ten points or more.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .log import Attempt

MIN_VOICEMAILS = 10
"""Voicemails of a style needed before its rates are given (see the module notes)."""
LEFT = "left-voicemail"
CALLBACK = "called-back"
MEETING = "meeting-booked"


@dataclass
class Tally:
    """The counts for one style or template: voicemails left, callbacks, meetings."""

    name: str
    voicemails: int = 0
    callbacks: int = 0
    meetings: int = 0

    def rate(self, count: int) -> str:
        """Say a rate with its counts ('12% (3 of 25)'), or 'not enough data (...)'."""
        if self.voicemails < MIN_VOICEMAILS:
            return (
                f"not enough data ({count} of {self.voicemails}; {MIN_VOICEMAILS} voicemails "
                "needed)"
            )
        return f"{100 * count / self.voicemails:.0f}% ({count} of {self.voicemails})"

    def to_dict(self) -> dict[str, object]:
        """Return the JSON form: the counts, and each rate or None below the minimum."""
        enough = self.voicemails >= MIN_VOICEMAILS
        return {
            "name": self.name,
            "voicemails": self.voicemails,
            "callbacks": self.callbacks,
            "meetings": self.meetings,
            "callback_rate": round(self.callbacks / self.voicemails, 3) if enough else None,
            "meeting_rate": round(self.meetings / self.voicemails, 3) if enough else None,
        }


@dataclass(frozen=True)
class Report:
    """Tallies per style and per template, and the attempts they were read from."""

    styles: tuple[Tally, ...]
    templates: tuple[Tally, ...]
    attempts: int


def report(attempts: Iterable[Attempt]) -> Report:
    """Count voicemails, callbacks and meetings per style and per template (attempts in order).

    The template is the note ``template:`` a voicemail was recorded with (``log`` writes the
    file that rendered it), else the style's name.
    """
    styles: dict[str, Tally] = {}
    templates: dict[str, Tally] = {}
    last: dict[str, tuple[str, str]] = {}
    count = 0
    for a in attempts:
        count += 1
        if a.outcome == LEFT:
            style = a.style or "hand-written"
            template = _template(a) or style
            last[a.prospect] = (style, template)
            styles.setdefault(style, Tally(style)).voicemails += 1
            templates.setdefault(template, Tally(template)).voicemails += 1
        elif a.outcome in (CALLBACK, MEETING) and a.prospect in last:
            style, template = last[a.prospect]
            for tally in (styles[style], templates[template]):
                if a.outcome == CALLBACK:
                    tally.callbacks += 1
                else:
                    tally.meetings += 1
    return Report(_ordered(styles.values()), _ordered(templates.values()), count)


def _ordered(tallies: Iterable[Tally]) -> tuple[Tally, ...]:
    """Return tallies with the most voicemails first, then by name."""
    return tuple(sorted(tallies, key=lambda t: (-t.voicemails, t.name)))


TEMPLATE_NOTE = "template: "


def _template(attempt: Attempt) -> str | None:
    """Return the template a voicemail was rendered from, as its note records it."""
    for part in (attempt.note or "").split("; "):
        if part.startswith(TEMPLATE_NOTE):
            return part[len(TEMPLATE_NOTE) :]
    return None
