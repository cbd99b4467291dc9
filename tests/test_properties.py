"""Property tests: no input makes the library raise anything but its own error."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import voicemail_coach as vc
from voicemail_coach.text import one_paragraph

from .conftest import EXAMPLE, NOW

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
BOOK = vc.load(EXAMPLE)
SCRIPT_BITS = st.sampled_from(
    [
        "Hi Dana,",
        "this is Freda from ABC Company,",
        "901-555-2120.",
        "nine oh one",
        "Tuesday",
        "at 3",
        "or 4 p.m.",
        "just following up",
        "[Name]",
        "{{ x }}",
        "order number 4471-2290",
        "we spoke Monday at 10.",
        "tomorrow at 10:30?",
        "+44 20 7946 0958",
        "\n",
        "...",
        "!?",
    ]
)
YAML_BITS = st.sampled_from(
    [
        "caller:\n",
        "prospects:\n",
        "  - ",
        "name: ",
        "company: ",
        "Dana",
        "&a ",
        "*a",
        "[",
        "]",
        "{",
        "}",
        "\n",
        "  ",
        "\t",
        "'",
        '"',
        ":",
        "- ",
        "0412555017",
        "14:30",
        "off",
        "~",
        "!!str ",
        "!!python/object ",
        "<<: ",
        "---\n",
        "\ufeff",
        "phone: 901-555-2120\n",
        "slots: [x]\n",
    ]
)


@FAST
@given(st.one_of(st.text(), st.lists(SCRIPT_BITS).map(" ".join)))
def test_score_never_raises(text: str) -> None:
    d = vc.score(text, now=NOW)
    assert 0 <= d.score <= 100
    for f in d.findings:
        if f.span:
            assert 0 <= f.span[0] <= f.span[1] <= len(text)


@FAST
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(YAML_BITS, max_size=40).map(lambda parts: "".join(parts).encode("utf-8")),
    )
)
def test_load_raises_only_its_own_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        path.write_bytes(raw)
        try:
            vc.load(path)
        except vc.VoicemailCoachError as exc:
            assert str(exc).startswith(str(path))


TEXT = st.text(min_size=1, max_size=60).filter(lambda s: s.strip())


@FAST
@given(
    name=TEXT,
    company=TEXT,
    need=st.none() | TEXT,
    salutation=st.none() | TEXT,
    style=st.sampled_from(["referral", "third-party", "warm-cold-call", "straight-pitch"]),
)
def test_rendering_any_prospect_text(
    name: str, company: str, need: str | None, salutation: str | None, style: str
) -> None:
    p = replace(
        BOOK.prospects[0],
        name=name.strip(),
        company=company.strip(),
        need=need.strip() if need else None,
        salutation=salutation.strip() if salutation else None,
    )
    try:
        d = vc.draft(p, style, BOOK.caller, NOW)
    except vc.VoicemailCoachError:
        return
    assert one_paragraph(f"Hi {p.salutation or p.first_name},") in d.text  # said, not evaluated
