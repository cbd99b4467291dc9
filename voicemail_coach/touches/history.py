"""What the touch log tells the drafter: each prospect's `History`, and the slots held by others.

The log is read once, whole, into plain records (`models.History`, `models.Earlier`), so the
drafter (and any worker process it forks) never holds a database handle and nothing below
`drafting` imports this package. A prospect is matched by `prospect_key` (its CRM id, else its
phone digits, else name and company).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..models import Earlier, History, Prospect
from .cadence import DEFAULT_CADENCE, Step, attempts_made
from .log import Attempt, TouchLog, prospect_key

LEFT = "left-voicemail"


class Histories:
    """Every prospect's attempts, read from a touch log once; `of(prospect)` gives its History.

    ``attempts`` in a History counts the log's attempts of the current cycle plus the data's
    ``attempts``; ``final`` says whether the next one is the cadence's last.
    """

    def __init__(self, log: TouchLog, cadence: Sequence[Step] = DEFAULT_CADENCE) -> None:
        self.cadence = tuple(cadence)
        self.by_key: dict[str, list[Attempt]] = {}
        for attempt in log.iter_attempts():
            self.by_key.setdefault(attempt.prospect, []).append(attempt)

    def attempts(self, prospect: Prospect) -> list[Attempt]:
        """Return the logged attempts on a prospect, oldest first."""
        return self.by_key.get(prospect_key(prospect), [])

    def of(self, prospect: Prospect) -> History:
        """Return the prospect's History: attempts made, voicemails left, slots to avoid."""
        found = self.attempts(prospect)
        made = attempts_made(found) + prospect.attempts
        left = tuple(
            Earlier(a.at, a.style, a.script, a.slots)
            for a in found
            if a.outcome == LEFT and a.script
        )
        avoid = tuple(dict.fromkeys(s for a in found for s in a.slots))
        return History(made, made + 1 >= len(self.cadence), left, avoid)

    def held(self) -> tuple[datetime, ...]:
        """Return every slot a voicemail in the log offered (the planner drops passed ones)."""
        return tuple(s for found in self.by_key.values() for a in found for s in a.slots)
