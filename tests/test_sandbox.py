"""The template sandbox under fire: every hostile template is stopped, cheaply, at its line.

The corpus is tests/hostile/templates/ (one file a case, its limit in its description);
benchmarks/hostile_templates.py measures the peak RSS and time of each in a subprocess.
"""

from __future__ import annotations

import signal
import tracemalloc
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach import filters, sandbox
from voicemail_coach.cli import cli

from .conftest import EXAMPLE, NOW

CORPUS = Path(__file__).parent / "hostile" / "templates"
BOOK = vc.load(EXAMPLE)
DANA = BOOK.prospects[0]
CALLER = BOOK.caller

VALUE = "the limit is 100,000 bytes per value"
STEPS = "stopped after 50,000 steps (the step limit"
MADE = "stopped after making 10,000,000 bytes of values (the limit per render)"
NUMBER = "(the number-size limit)"
UNSAFE = "was refused by the sandbox: access to attribute"
ALLOWLIST = "is not allowed in templates (the method allowlist)"

# case -> (line named, words the message must hold: what was stopped and which limit)
EXPECT: dict[str, tuple[int, list[str]]] = {
    "batch-fill": (2, ["the number 1,000,000,000 is too big for text", VALUE]),
    "bytes-join": (2, ["a list or dict literal", VALUE]),
    "bytes-ljust": (2, ["the number 1,000,000,000 is too big for text", VALUE]),
    "bytes-multiply": (
        2,
        ["the operator * would make a value of about 1,000,000,000 bytes", VALUE],
    ),
    "compile-macros": (2, ["the template is 668,960 bytes", "65,536 bytes per template file"]),
    "compile-many-nodes": (2, ["over 5,000 nodes (the node limit"]),
    "compile-nesting": (2, ["nests over 100 levels deep (the nesting limit)"]),
    "compile-nodes": (2, ["nests over 100 levels deep (the nesting limit)"]),
    "concat-operands": (2, ["the operator *", VALUE]),
    "doubling": (2, ["joining with ~ would make a value of about 131,072 bytes", VALUE]),
    "escape": (3, [UNSAFE, "'__class__' of 'str'"]),
    "escape-dict": (2, [UNSAFE, "'__dict__'"]),
    "escape-format": (2, [UNSAFE, "'__class__' of 'Caller'"]),
    "escape-globals": (2, [UNSAFE, "'__init__'"]),
    "expandtabs": (2, ["expandtabs would make a value of about 8,100,090,000 bytes", VALUE]),
    "format-filter": (2, ["the filter format", VALUE]),
    "format-many-fields": (2, ["str.format would make a value of about 180,000 bytes", VALUE]),
    "format-map": (2, ["str.format would make", VALUE]),
    "format-method": (2, ["str.format would make", VALUE]),
    "format-nested-width": (2, ["str.format would make", VALUE]),
    "huge-int-literal": (2, ["a number of 20,000 digits", NUMBER]),
    "huge-range": (3, ["Range too big", "MAX_RANGE (100000)"]),
    "import-module": (3, ["printing a value would make a value of about 3,600,000,000", VALUE]),
    "include-absolute": (2, ["includes '/etc/passwd'", "only files inside the template folders"]),
    "include-up": (3, ["includes '../../etc/passwd'", "only files inside the template folders"]),
    "int-to-bytes": (2, ["int.to_bytes()", ALLOWLIST]),
    "join-items": (2, ["the operator *", VALUE]),
    "join-method": (2, ["the operator *", VALUE]),
    "join-range": (2, ["the filter join would make a value of about 1,799,912 bytes", VALUE]),
    "join-separator": (2, [STEPS]),
    "lipsum": (2, ["'lipsum', which templates are not given"]),
    "ljust": (2, ["the number 1,000,000,000 is too big for text", VALUE]),
    "macro-bomb": (2, [STEPS]),
    "macro-output": (2, ["the output of a macro, block or template", VALUE]),
    "map-center": (2, [STEPS]),
    "multiply": (2, ["the operator * would make a value of about 1,000,000,000 bytes", VALUE]),
    "namespace-self": (2, ["a list or dict literal", VALUE]),
    "nested-loops": (3, [STEPS]),
    "output": (2, ["wrote over 20,000 characters"]),
    "percent-many": (2, ["the % format would make a value of about 190,000 bytes", VALUE]),
    "percent-width": (2, ["the % format", VALUE]),
    "power": (2, ["10 ** 10000000000 would make a number over 4,096 bits", NUMBER]),
    "pprint-nested": (2, ["a list or dict literal", VALUE]),
    "print-list": (2, ["the operator *", VALUE]),
    "print-nested": (2, ["a list or dict literal", VALUE]),
    "recursive-loop": (2, ["recurses without end"]),
    "replace": (2, ["the filter replace would make a value of about 8,100,000,000 bytes", VALUE]),
    "set-block": (2, ["the output of a macro, block or template", VALUE]),
    "sort": (2, ["the operator *", VALUE]),
    "strftime": (2, ["calling strftime", VALUE]),
    "string-loop-filter": (2, [STEPS]),
    "string-loops": (2, [STEPS]),
    "string-loops-set": (2, [STEPS]),
    "sum-lists": (2, ["the operator *", VALUE]),
    "sum-quadratic": (2, [MADE]),
    "tojson": (2, ["the operator *", VALUE]),
    "tojson-indent": (2, ["the filter tojson", VALUE]),
    "translate": (2, ["str.translate()", ALLOWLIST]),
    "urlize": (2, ["the filter urlize", VALUE]),
}

PEAK_BYTES = 64 * 1024 * 1024  # Python allocations one hostile draft may reach at its peak
# The cases that built 0.2 to 6 GB before they were refused (benchmarks/hostile_templates.py):
# their peak allocation is traced (tracemalloc makes the call-heavy cases ten times slower).
ALLOCATING = frozenset(
    {
        "bytes-join",
        "bytes-ljust",
        "bytes-multiply",
        "compile-macros",
        "concat-operands",
        "expandtabs",
        "format-many-fields",
        "format-map",
        "format-method",
        "format-nested-width",
        "import-module",
        "int-to-bytes",
        "join-items",
        "join-method",
        "join-range",
        "macro-output",
        "percent-many",
        "pprint-nested",
        "print-list",
        "print-nested",
        "set-block",
        "sort",
        "tojson",
        "tojson-indent",
        "urlize",
    }
)


@pytest.fixture
def watchdog() -> Iterator[None]:
    """Turn a render that hangs (a broken budget) into a failure after 20 s instead."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("the render did not stop within 20 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 20)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_every_hostile_template_has_an_expectation() -> None:
    assert sorted(p.stem for p in CORPUS.glob("[!_]*.j2")) == sorted(EXPECT)


@pytest.mark.usefixtures("watchdog")
@pytest.mark.parametrize("name", sorted(EXPECT))
def test_hostile_template_is_refused_at_its_line_naming_the_limit(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No case relies on the clock, so a slow machine cannot change which limit answers.
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 60.0)
    line, words = EXPECT[name]
    path = CORPUS / f"{name}.j2"
    traced = name in ALLOCATING
    if traced:
        tracemalloc.start()
    try:
        with pytest.raises(vc.TemplateError) as info:
            vc.draft(DANA, name, CALLER, NOW, templates=[CORPUS])
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: style {name} "), message
    for word in words:
        assert word in message, message
    assert len(message) < 300, "a huge value is never printed"
    assert peak < PEAK_BYTES, f"{name} allocated {peak:,} bytes before it was stopped"


@pytest.mark.usefixtures("watchdog")
@pytest.mark.parametrize(
    "name", ["format-method", "print-list", "sum-quadratic", "string-loops-set", "compile-macros"]
)
def test_hostile_template_exits_2_with_one_line_from_the_cli(name: str) -> None:
    line, words = EXPECT[name]
    path = CORPUS / f"{name}.j2"
    args = ["draft", str(EXAMPLE), "--prospect", "dana", "--style", name]
    r = CliRunner().invoke(cli, [*args, "--templates", str(CORPUS), "--now", "2026-11-23T09:00"])
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert r.stderr.startswith(f"voicemail-coach: {path}:{line}: style {name} "), r.stderr
    assert words[0] in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


# --- what a normal template does keeps working ------------------------------------------------

RENDERS = {
    "{{ '{} at {}'.format('Friday', 2) }}": "Friday at 2",
    "{{ '{x:>3}'.format_map({'x': 'y'}) }}": "  y",
    "{{ '%s and %d' % ('a', 3) }}|{{ '%(a)s' % {'a': 1} }}": "a and 3|1",
    "{{ '%-4s|' | format('ab') }}": "ab  |",
    "{{ ' abc '.strip().upper() }}{{ 'a,b'.split(',') | join('+') }}": "ABCa+b",
    "{{ 'x'.center(5, '-') }}{{ 'a\tb'.expandtabs(2) }}": "--x--a b",
    "{{ 'aXa'.replace('X', '-') }} {{ 'a-b' | replace('-', '+') }}": "a-a a+b",
    "{{ [1, 2, 3] | sum }} {{ [[1], [2]] | sum(start=[]) }}": "6 [1, 2]",
    "{% for c in 'abc' %}{{ c }}{{ loop.length }}{% endfor %}": "a3b3c3",
    "{{ {'a': 1}.items() | list }} {{ {'a': 1}.get('b', 2) }}": "[('a', 1)] 2",
    "{{ 'x' ~ 1 ~ [2] }} {{ 'ab' * 2 }} {{ [0] * 2 }} {{ 'abcd'[1:3] }}": "x1[2] abab [0, 0] bc",
    "{% macro m(n) %}<{{ n }}>{% endmacro %}{{ m(1) }}{{ m(2) }}": "<1><2>",
    "{% set x %}a{{ 1 }}b{% endset %}{{ x }}{{ ['b', 'a'] | sort | join }}": "a1bab",
    "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}"
    "{% endfor %}{{ ns.n }}": "3",
    "{{ 'é'.encode('utf-8') | length }} {{ (2 ** 10) }} {{ 'Ab'.lower() }}": "2 1024 ab",
    "{{ ['a', 'b'] | map('upper') | join(', ') }} {{ 'hi there' | title }}": "A, B Hi There",
}


@pytest.mark.parametrize(("source", "expected"), list(RENDERS.items()))
def test_ordinary_template_code_still_renders(tmp_path: Path, source: str, expected: str) -> None:
    env = sandbox.make_environment([tmp_path], filters.FILTERS)
    with sandbox.budget():
        assert env.from_string(source).render() == expected


# --- sizes and the budget ----------------------------------------------------------------------

VALUES: list[Any] = [
    "",
    "plain",
    "café ﬁx شركة 🙂",
    "\x00\x1b[31m\n",
    b"\x00bytes\xff",
    ["a", "é", "\x00"],
    ("t", 1, 2.5, None, True),
    {"k": ["v", {"n": -(10**30)}], 3: frozenset({1})},
    {1, 2},
    [[], [[]], [[[]]]],
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_printed_size_is_an_upper_bound_of_the_utf8_bytes_printed(value: Any) -> None:
    assert sandbox.printed(value) >= len(str(value).encode("utf-8"))


def test_printed_size_counts_shared_items_each_time_and_stops_at_the_cap() -> None:
    value: Any = "x" * 1_000
    for _ in range(10):  # 10 ** 13 bytes if printed; a handful of objects in memory
        value = [value] * 10
    size = sandbox.printed(value)
    assert sandbox.MAX_VALUE < size < 2 * sandbox.MAX_VALUE + 10_000


def render(tmp_path: Path, source: str) -> str:
    env = sandbox.make_environment([tmp_path], filters.FILTERS)
    with sandbox.budget():
        return env.from_string(source).render()


@pytest.mark.parametrize(
    "source",
    [
        "{% for c in 'x' * 20 %}{% endfor %}",  # a loop over a string counts each character
        "{{ ('x' * 20) | list | length }}",  # a filter counts each item it walks
        "{{ ('x' * 20) | map('upper') | join }}",
    ],
)
def test_loops_and_filters_over_strings_take_a_step_per_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    monkeypatch.setattr(sandbox, "MAX_STEPS", 15)
    with pytest.raises(sandbox.Runaway, match=r"stopped after 15 steps \(the step limit"):
        render(tmp_path, source)
    monkeypatch.setattr(sandbox, "MAX_STEPS", 100)
    render(tmp_path, source)


def test_the_clock_is_read_inside_a_filter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = count()
    monkeypatch.setattr(sandbox.time, "monotonic", lambda: next(ticks) * 0.1)
    monkeypatch.setattr(sandbox, "MAX_STEPS", 10**9)
    # Five steps outside the filter (one *, three filters): only items walked reach 1 s.
    with pytest.raises(sandbox.Runaway, match=r"stopped after 1 s of work \(the time limit\)"):
        render(tmp_path, "{{ ('x' * 50) | unique | list | length }}")


def test_a_template_file_over_the_source_limit_names_the_line_where_it_passes(
    tmp_path: Path,
) -> None:
    body = "Hi {{ caller.name }}.\n" * 4_000  # 88,026 bytes: byte 65,536 is on line 2,979
    path = tmp_path / "long.j2"
    path.write_text("{#- description: long -#}\n" + body, encoding="utf-8")
    with pytest.raises(vc.TemplateError) as info:
        vc.draft(DANA, "long", CALLER, NOW, templates=[tmp_path])
    assert str(info.value).startswith(f"{path}:2979: style long was stopped: the template is ")
    assert "65,536 bytes per template file" in str(info.value)
