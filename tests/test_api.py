"""The library's drafting API: vc.draft, vc.draft_many and vc.Drafter give the same drafts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

import voicemail_coach as vc

from .conftest import EXAMPLE, NOW


@pytest.fixture(scope="module")
def book() -> vc.Book:
    return vc.load(EXAMPLE)


def test_draft_many_yields_a_draft_or_a_failure_per_prospect_in_order(book: vc.Book) -> None:
    past = replace(book.prospects[1], slots=(datetime(2020, 1, 1, 10),))
    prospects = [book.prospects[0], past, book.prospects[2]]
    out = list(vc.draft_many(prospects, caller=book.caller, now=NOW))
    assert [type(r).__name__ for r in out] == ["Draft", "DraftFailure", "Draft"]
    failed = out[1]
    assert isinstance(failed, vc.DraftFailure)
    assert (failed.prospect, failed.path, failed.line, failed.bug) == (
        "Sam Okafor",
        str(EXAMPLE),
        past.line,
        False,
    )
    assert failed.message.startswith(f"{EXAMPLE}:{past.line}: slot 2020-01-01 10:00 for Sam")
    assert failed.to_dict() == {
        "prospect": "Sam Okafor",
        "id": None,
        "style": None,
        "error": failed.message,
    }
    assert out[0] == vc.draft(book.prospects[0], caller=book.caller, now=NOW)


def test_draft_many_checks_the_style_and_caller_before_the_first_prospect(book: vc.Book) -> None:
    with pytest.raises(vc.TemplateError, match="unknown style 'refferal'"):
        next(vc.draft_many(book.prospects, "refferal", book.caller, NOW))
    with pytest.raises(vc.DataError, match="no caller"):
        next(vc.draft_many(book.prospects))


def test_a_style_the_data_does_not_allow_is_a_failure_naming_the_field(book: vc.Book) -> None:
    [failed] = vc.draft_many(book.prospects[1:2], "referral", book.caller, NOW)
    assert isinstance(failed, vc.DraftFailure) and failed.style == "referral"
    assert "style referral needs prospect.referral.by for Sam Okafor" in failed.message
    with pytest.raises(vc.TemplateError, match=r"needs prospect\.referral\.by"):
        vc.draft(book.prospects[1], "referral", book.caller, NOW)


def test_now_may_be_an_iso_string(book: vc.Book) -> None:
    p = book.prospects[0]
    assert vc.draft(p, caller=book.caller, now="2026-11-23T09:00") == vc.draft(
        p, caller=book.caller, now=datetime(2026, 11, 23, 9)
    )
    with pytest.raises(vc.DataError, match="'Tuesday' is not an ISO time"):
        vc.draft(p, caller=book.caller, now="Tuesday")


def test_a_drafter_gives_what_a_fresh_one_gives(book: vc.Book) -> None:
    shared = vc.Drafter(book.caller)
    for p in book.prospects:
        for style in (None, "warm-cold-call", "straight-pitch"):
            assert shared.draft(p, style, NOW) == vc.Drafter(book.caller).draft(p, style, NOW)


def test_every_style_names_what_each_skipped_one_needs(book: vc.Book) -> None:
    results = vc.Drafter(book.caller).every_style(book.prospects[3], NOW)  # Lee: no referral
    said = {r.style: str(r) for r in results if isinstance(r, vc.Skipped)}
    assert said == {
        "follow-up": "follow-up: skipped, needs an earlier voicemail in the touch log (--log)",
        "referral": "referral: skipped, needs referral.by",
        "third-party": "third-party: skipped, needs reference.client",
    }
    assert {r.style for r in results if isinstance(r, vc.Draft)} == {
        "straight-pitch",
        "warm-cold-call",
    }


def test_the_json_shape_has_reason_and_id(book: vc.Book) -> None:
    d = vc.draft(book.prospects[0], caller=book.caller, now=NOW)
    record = d.to_dict()
    assert record["reason"] == "Joe Sampson suggested the call and agreed to be named"
    assert record["id"] is None
    assert list(record)[:4] == ["style", "prospect", "id", "reason"]


def test_public_names() -> None:
    for name in (
        "draft_many",
        "Drafter",
        "DraftFailure",
        "Skipped",
        "CallbackNumber",
        "TimeMention",
    ):
        assert name in vc.__all__ and getattr(vc, name) is not None
