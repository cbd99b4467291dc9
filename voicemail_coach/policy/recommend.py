"""Which style fits what is known about a prospect, and why.

The rule: of the styles that take part, the one with the highest priority that *fits* the
prospect is recommended (ties go to the first name in alphabetical order). A style fits when
the prospect has every field in its ``requires:`` and every condition in its ``recommend_when:``
holds. The built-in styles take part with the sales guidance as their rules:

| style | priority | fits when |
|---|---|---|
| referral | 40 | ``prospect.referral.confirmed`` (the referrer agreed to be named) |
| third-party | 30 | ``prospect.reference.client`` (a known client is a reference) |
| straight-pitch | 20 | ``prospect.attempts >= 3`` (the last attempt of the cycle) |
| warm-cold-call | 0 | always: the default |

With a touch log (the drafter passes the prospect's `History`), the cycle's rule comes first
(`follow_cycle`): the attempt that is the cadence's last gets ``straight-pitch`` (the last
attempt of the cycle, as above); a second or later voicemail gets ``follow-up`` (it refers to
the last message and proposes new times: the sales guidance's "follow up persistently and
politely, with a different message each time, until a time is set"); the first voicemail is
chosen by the table above. Without a log, the table alone decides.

A template author's style takes part when its metadata gives ``priority:`` (and optionally
``recommend_when:``); an override of a built-in name without them keeps the built-in rule. When
nothing fits (an overriding warm-cold-call that requires a field the prospect lacks), the
warm cold call is still recommended and rendering names the missing field.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from ..catalog.fields import Condition, has_field
from ..catalog.metadata import Style
from ..models import Caller, History, Prospect

STRAIGHT_PITCH_AFTER = 3
DEFAULT_STYLE = "warm-cold-call"
FOLLOW_UP = "follow-up"
STRAIGHT_PITCH = "straight-pitch"


@dataclass(frozen=True)
class Recommendation:
    """The style that fits what is known about a prospect, and why."""

    style: str
    reason: str


@dataclass(frozen=True)
class Rule:
    """When a style is recommended: its priority, its conditions and the fields it needs."""

    style: str
    priority: int
    when: tuple[Condition, ...] = ()
    requires: tuple[str, ...] = ()
    built_in: bool = True

    def fits(self, caller: Caller | None, prospect: Prospect) -> bool:
        """Return True when the prospect has every required field and every condition holds."""
        return all(has_field(f, caller, prospect) for f in self.requires) and all(
            c.holds(caller, prospect) for c in self.when
        )


BUILT_IN_RULES: tuple[Rule, ...] = (
    Rule("referral", 40, (Condition("prospect.referral.confirmed", "set"),)),
    Rule("third-party", 30, (Condition("prospect.reference.client", "set"),)),
    Rule("straight-pitch", 20, (Condition("prospect.attempts", ">=", STRAIGHT_PITCH_AFTER),)),
    Rule(DEFAULT_STYLE, 0),
)


def rules(styles: Iterable[Style] | None = None) -> dict[str, Rule]:
    """Return the rules by style name: the built-in ones, then each author's style's own.

    With `styles` (the available ones, e.g. ``catalog.styles(templates).values()``), a built-in
    rule applies only to a style that is available, with that style's ``requires:``; a style
    whose metadata gives ``priority:`` brings its own rule (replacing a built-in of its name).
    Without `styles`, the built-in rules alone.
    """
    found = {r.style: r for r in BUILT_IN_RULES}
    if styles is None:
        return found
    available = {s.name: s for s in styles}
    out: dict[str, Rule] = {}
    for name, rule in found.items():
        if name in available:
            out[name] = Rule(name, rule.priority, rule.when, available[name].requires)
    for s in available.values():
        if s.priority is not None:
            out[s.name] = Rule(s.name, s.priority, s.recommend_when, s.requires, built_in=False)
    return out


_BUILT_IN = rules()


def recommend(
    prospect: Prospect, styles: Iterable[Style] | None = None, caller: Caller | None = None
) -> Recommendation:
    """Pick the style that fits what is known about the prospect, with the reason.

    Parameters:
        prospect: who is called.
        styles: the available styles (e.g. `voicemail_coach.styles()`): their ``priority:``,
            ``recommend_when:`` and ``requires:`` take part; default None: the built-in rules
            only.
        caller: read by conditions on ``caller.*`` fields (none of the built-in ones).

    The built-in rules, highest first: ``referral`` when the referral is confirmed (the
    referrer agreed to be named), ``third-party`` when a client reference is known,
    ``straight-pitch`` from the third attempt on (``attempts >= 3``), else
    ``warm-cold-call``. Returns a `Recommendation` (``style``, and ``reason`` in words).
    Never raises for a valid Prospect. To pick for many prospects, build the table once with
    `rules` and call `choose`.
    """
    return choose(prospect, _BUILT_IN if styles is None else rules(styles), caller)


def choose(
    prospect: Prospect, table: Mapping[str, Rule], caller: Caller | None = None
) -> Recommendation:
    """Pick from a table of rules (from `rules`): the highest priority that fits, by name."""
    fitting = sorted(
        (r for r in table.values() if r.fits(caller, prospect)),
        key=lambda r: (-r.priority, r.style),
    )
    best = fitting[0] if fitting else None
    runner_up = fitting[1] if len(fitting) > 1 else None
    if best is None:
        return Recommendation(DEFAULT_STYLE, _built_in_reason(DEFAULT_STYLE, prospect))
    if best.built_in:
        return Recommendation(best.style, _built_in_reason(best.style, prospect))
    return Recommendation(best.style, _rule_reason(best, runner_up))


def follow_cycle(
    prospect: Prospect,
    history: History,
    table: Mapping[str, Rule],
    caller: Caller | None = None,
    available: Collection[str] = (FOLLOW_UP, STRAIGHT_PITCH),
) -> Recommendation:
    """Pick by the cycle (see the module's rule): the last attempt, a follow-up, else `choose`.

    `available` are the style names that exist (a style missing from it is never picked).
    """
    number = history.attempts + 1
    if history.final and STRAIGHT_PITCH in available:
        return Recommendation(
            STRAIGHT_PITCH, f"attempt {number}, the last of the cadence: the straight pitch"
        )
    last = history.previous
    if last is not None and FOLLOW_UP in available:
        said = len(history.voicemails)
        return Recommendation(
            FOLLOW_UP,
            f"attempt {number}; {said} voicemail{'s' * (said != 1)} left, the last on "
            f"{last.at:%a %Y-%m-%d} ({last.style or 'hand-written'}): refer to it once and "
            "propose new times",
        )
    return choose(prospect, table, caller)


def _rule_reason(rule: Rule, runner_up: Rule | None) -> str:
    """Return the reason an author's rule chose: its conditions, its priority, the runner-up."""
    said = [c.describe() for c in rule.when] + [f"{f} is given" for f in rule.requires]
    because = ", ".join(dict.fromkeys(said)) if said else "it fits every prospect"
    over = f", over {runner_up.style} ({runner_up.priority})" if runner_up else ""
    return f"its metadata's rule holds: {because} (priority {rule.priority}{over})"


def _built_in_reason(style: str, prospect: Prospect) -> str:
    """Return the sales guidance's reason for a built-in style."""
    r = prospect.referral
    if style == "referral" and r:
        return f"{r.by} suggested the call and agreed to be named"
    unconfirmed = (
        f"; {r.by}'s referral is not confirmed, so {r.by} is not named"
        if r and not r.confirmed
        else ""
    )
    if style == "third-party" and prospect.reference:
        return f"a known client, {prospect.reference.client}, is a reference{unconfirmed}"
    if style == "straight-pitch":
        return (
            f"{prospect.attempts} voicemails already left this cycle and no referral or "
            f"reference: the last attempt{unconfirmed}"
        )
    return (
        "no confirmed referral or client reference, so the default: the warm cold call"
        f"{unconfirmed}"
    )
