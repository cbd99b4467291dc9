"""Which style fits what is known about a prospect, and why (the sales guidance).

A confirmed referral first, then a known client as a third-party reference, then the straight
pitch on the last attempt of the cycle (`STRAIGHT_PITCH_AFTER` voicemails already left), else
the warm cold call.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Prospect

STRAIGHT_PITCH_AFTER = 3


@dataclass(frozen=True)
class Recommendation:
    """The style that fits what is known about a prospect, and why."""

    style: str
    reason: str


def recommend(prospect: Prospect) -> Recommendation:
    """Pick the style the sales guidance gives for what is known about the prospect."""
    r = prospect.referral
    if r and r.confirmed:
        return Recommendation("referral", f"{r.by} suggested the call and agreed to be named")
    unconfirmed = f"; {r.by}'s referral is not confirmed, so {r.by} is not named" if r else ""
    if prospect.reference:
        return Recommendation(
            "third-party",
            f"a known client, {prospect.reference.client}, is a reference{unconfirmed}",
        )
    if prospect.attempts >= STRAIGHT_PITCH_AFTER:
        return Recommendation(
            "straight-pitch",
            f"{prospect.attempts} voicemails already left this cycle and no referral or reference: "
            f"the last attempt{unconfirmed}",
        )
    return Recommendation(
        "warm-cold-call",
        f"no confirmed referral or client reference, so the default: the warm cold call"
        f"{unconfirmed}",
    )
