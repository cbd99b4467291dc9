"""The Jinja sandbox styles render in: no escapes, no files outside the folders, bounded work.

Jinja's ImmutableSandboxedEnvironment refuses unsafe attributes (``''.__class__``), mutating
built-in containers and ranges over 100,000 items. It does not bound work, so this module
adds, all in the rendering process (no worker, no OS limit, no per-render set-up):

- a bounded source: at most `MAX_SOURCE` bytes, `MAX_NODES` nodes and `MAX_DEPTH` levels of
  nesting per template file, checked before Jinja compiles it;
- a budget per render: every loop turn (over lists and strings alike), call, filter and item a
  filter walks is a step (at most `MAX_STEPS`, within `MAX_SECONDS` of wall-clock time, read at
  every step); everything operators, calls, filters and buffered output make counts against
  `MAX_MADE` bytes;
- a size limit per value, in bytes as printed (a character outside ASCII counts 4): no
  operator, method, filter, literal, ``~`` join, macro or block output may make a value over
  `MAX_VALUE` bytes. The size of the result is worked out from the inputs BEFORE the value is
  built (``'x' * n``, ``str.format`` widths, ``%``, ``join``, ``replace``, ``expandtabs``...);
  a list's size is the size of printing it, every shared item counted each time;
- an allowlist of methods on the built-in types (`str`, `bytes`, `list`, `dict`, numbers...):
  the listed ones run with their size checks (``str.format`` and ``format_map`` through a
  formatter that sizes every field, whatever Jinja wraps them in), any other is refused.

A template that goes over is stopped with `Runaway` (a Jinja `SecurityError`), at its line;
`catalog` turns it into a `TemplateError` naming the file, the line and the limit.
"""

from __future__ import annotations

import functools
import math
import os
import re
import time
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Sequence,
    ValuesView,
)
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    nodes,
    pass_context,
    pass_environment,
)
from jinja2.environment import Environment, TemplateModule
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.filters import make_attrgetter
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from .models import Caller, Hours, Prospect, Reference, Referral

MAX_STEPS = (
    50_000  # loop turns, calls, filters and filtered items in one render (a voicemail: < 100)
)
MAX_SECONDS = 1.0  # wall-clock time for one render
MAX_VALUE = 100_000  # bytes in any one value a template makes, as printed
MAX_MADE = 10_000_000  # bytes made by operators, calls, filters and buffered output, per render
MAX_INT_BITS = 4_096  # integers past this are refused before they are computed
MAX_JSON_INDENT = 16
MAX_SOURCE = 65_536  # bytes of one template file (a voicemail template is under 2 KB)
MAX_NODES = 5_000  # nodes in one parsed template (a built-in style has under 100)
MAX_DEPTH = 100  # levels of nesting in one parsed template
MAX_DIGITS = 1_300  # digits in a number literal (about MAX_INT_BITS)

_LOOP = "_vc_loop"
_VALUE = "_vc_value"
_CONCAT = "_vc_concat"
_PER_ITEM = 40  # bytes a container's slot and a small item cost, for the MAX_MADE account


class Runaway(SecurityError):
    """A template that does more work than a voicemail ever needs.

    `lineno` and `filename` are set when the limit is found before the template runs
    (its source is too big), so the error can still name the line.
    """

    def __init__(
        self, message: str, lineno: int | None = None, filename: str | None = None
    ) -> None:
        super().__init__(message)
        self.lineno = lineno
        self.filename = filename


def _value_limit(what: str, size: float) -> Runaway:
    return Runaway(
        f"{what} would make a value of about {size:,.0f} bytes; the limit is {MAX_VALUE:,} "
        "bytes per value (a voicemail is one paragraph)"
    )


class Budget:
    """The work one render may still do."""

    def __init__(self, steps: int | None = None, seconds: float | None = None) -> None:
        steps = MAX_STEPS if steps is None else steps
        seconds = MAX_SECONDS if seconds is None else seconds
        self.steps = steps
        self.made = MAX_MADE
        self.limit = steps
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def step(self) -> None:
        """Count one loop turn, call, filter or filtered item; stop a template that runs away."""
        self.steps -= 1
        if self.steps < 0:
            raise Runaway(
                f"stopped after {self.limit:,} steps (the step limit: loop turns, calls, "
                "filters and the items they walk); a voicemail never needs that many: look "
                "for a loop that runs away"
            )
        if time.monotonic() > self.deadline:
            raise Runaway(
                f"stopped after {self.seconds:g} s of work (the time limit); a voicemail "
                "renders in milliseconds: look for a loop that runs away"
            )

    def spend(self, size: int) -> None:
        """Count the bytes a new value holds."""
        self.made -= size
        if self.made < 0:
            raise Runaway(
                f"stopped after making {MAX_MADE:,} bytes of values (the limit per render); "
                "a voicemail is one paragraph"
            )


_BUDGET: ContextVar[Budget | None] = ContextVar("voicemail_coach_budget", default=None)


@contextmanager
def budget(steps: int | None = None, seconds: float | None = None) -> Iterator[Budget]:
    """Bound the work of the renders inside the block (default: MAX_STEPS, MAX_SECONDS)."""
    b = Budget(steps, seconds)
    token = _BUDGET.set(b)
    try:
        yield b
    finally:
        _BUDGET.reset(token)


def _step() -> None:
    b = _BUDGET.get()
    if b is not None:
        b.step()


def _spend(size: int) -> None:
    b = _BUDGET.get()
    if b is not None:
        b.spend(size)


# --- sizes, in bytes ------------------------------------------------------------------------


def _width(s: str | bytes) -> int:
    """Return the bytes one character of `s` may take (1 for ASCII and bytes, else 4)."""
    return 1 if isinstance(s, bytes) or s.isascii() else 4


def _raw(value: Any) -> int:
    """Return the bytes of a string or bytes value itself (else its printed size)."""
    if isinstance(value, str):
        return len(value) * _width(value)
    if isinstance(value, bytes | bytearray):
        return len(value)
    return printed(value)


def _nested_str(s: str) -> int:
    """Return an upper bound of the bytes of repr(s), as it prints inside a container."""
    if s.isascii():
        return len(s) + 2 if s.isprintable() else 4 * len(s) + 2
    return 4 * len(s) + 2 if s.isprintable() else 10 * len(s) + 2


def printed(value: Any, cap: int = MAX_VALUE) -> int:
    """Return an upper bound of the bytes of str(value), shared items counted each time.

    The walk stops as soon as the count passes `cap`, so it costs at most about `cap` steps
    whatever the value (a list holding itself a million times over is not walked through).
    """
    if type(value) is str:
        return len(value) if value.isascii() else 4 * len(value)
    total = 0
    stack = [value]
    top = True
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            total += (len(v) * _width(v)) if top else _nested_str(v)
        elif isinstance(v, bytes | bytearray):
            total += 4 * len(v) + 3
        elif isinstance(v, bool) or v is None:
            total += 5
        elif isinstance(v, int):
            total += v.bit_length() * 77 // 256 + 2
        elif isinstance(v, float):
            total += 24
        elif isinstance(v, list | tuple | set | frozenset | KeysView | ValuesView | ItemsView):
            total += 2 * len(v) + (2 if isinstance(v, list | tuple) else 14)  # "frozenset(..."
            if total <= cap:
                stack.extend(v)
        elif isinstance(v, Mapping):
            total += 2 + 4 * len(v)
            if total <= cap:
                stack.extend(v.keys())
                stack.extend(v.values())
        elif isinstance(v, Namespace):
            attrs = v._Namespace__attrs  # the namespace prints as its attributes
            total += 14 + 4 * len(attrs)
            if total <= cap:
                stack.extend(attrs.values())
        elif isinstance(v, TemplateModule) and top:
            total += sum(len(p) * _width(p) for p in v._body_stream)  # str() joins its output
        else:
            total += 64  # records, dates, loops, ranges: short, bounded by the data
        top = False
        if total > cap:
            return total
    return total


def _cost(value: Any, size: int) -> int:
    """Return the bytes to count against MAX_MADE for a new value of printed `size`."""
    if isinstance(value, list | tuple | set | frozenset | dict):
        return size + _PER_ITEM * len(value)
    return size


def _too_big(size: float, what: str) -> None:
    if size > MAX_VALUE:
        raise _value_limit(what, size)


def _made(value: Any, what: str = "a value") -> Any:
    """Check and count a value an operator, call or filter made; return it."""
    if type(value) is str:  # the common case, in O(1)
        size = len(value) if value.isascii() else 4 * len(value)
        _too_big(size, what)
        _spend(size)
        return value
    if isinstance(value, bytes | bytearray):
        _too_big(len(value), what)
        _spend(len(value))
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_INT_BITS:
            raise Runaway(
                f"{what} is a number of {value.bit_length():,} bits; the limit is "
                f"{MAX_INT_BITS:,} bits (the number-size limit)"
            )
        return value
    size = printed(value)
    _too_big(size, what)
    _spend(_cost(value, size))
    return value


def _ints(values: Iterable[Any]) -> None:
    """Refuse an integer argument too big for any text operation."""
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE:
            raise Runaway(
                f"the number {value:,} is too big for text (the limit is {MAX_VALUE:,} bytes "
                "per value)"
            )


def _counted(items: Iterable[Any]) -> Iterator[Any]:
    """Yield the items of a loop, one step each."""
    for item in items:
        _step()
        yield item


def _listed(items: Any, what: str) -> list[Any]:
    """Materialise an iterable, one step per item (so the clock is read inside filters)."""
    if isinstance(items, list) and len(items) < 16:
        b = _BUDGET.get()
        if b is not None:
            for _ in items:
                b.step()
        return items
    out = []
    for item in items:
        _step()
        out.append(item)
        if len(out) > MAX_VALUE:
            raise Runaway(f"{what} over more than {MAX_VALUE:,} items")
    return out


# --- size checks made before a value is built ------------------------------------------------

_PRINTF = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?[hlL]?(.)", re.S)
_NUMBERS = re.compile(r"\d+")


def _check_percent(fmt: str | bytes, args: Any, what: str) -> None:
    """Refuse `fmt % args` (or the format filter) if its result would be too big."""
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    total = _raw(fmt)
    positional = list(args) if isinstance(args, tuple) else [args]
    mapping = args if isinstance(args, Mapping) else None
    for key, width, precision, kind in _PRINTF.findall(text):
        if kind == "%":
            continue
        for n in (width, precision):
            if n == "*":
                star = positional.pop(0) if positional else 0
                _ints((star,))
                total += star if isinstance(star, int) else 0
            elif n:
                total += int(n)
        if key and mapping is not None:
            value = mapping.get(key)
        else:
            value = positional.pop(0) if positional else None
        total += _nested_str(value) if isinstance(value, str) and kind in "ra" else _raw(value)
        if total > MAX_VALUE:
            break
    _too_big(total, what)


def _check_join(sep: Any, items: list[Any], what: str) -> None:
    total = _raw(sep) * max(len(items) - 1, 0)
    for item in items:
        total += _raw(item)
        if total > MAX_VALUE:
            break
    _too_big(total, what)


def _check_replace(s: Any, old: Any, new: Any, count: Any = -1, what: str = "replace") -> None:
    if not isinstance(s, str | bytes):
        s, old, new = str(s), str(old), str(new)
    if not isinstance(old, type(s)) or not isinstance(new, type(s)):
        return  # a TypeError from the call itself
    hits = len(s) + 1 if not old else s.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    _too_big((len(s) + hits * max(len(new) - len(old), 0)) * max(_width(s), _width(new)), what)


def _check_pad(
    owner: str | bytes, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """center, ljust, rjust, zfill: the width decides the size."""
    _ints((*args, *kwargs.values()))
    width = args[0] if args else kwargs.get("width", 0)
    if isinstance(width, int):
        _too_big(max(len(owner), width) * _width(owner), f"{type(owner).__name__}.pad")
    return args


def _check_expandtabs(
    owner: str | bytes, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    size = args[0] if args else kwargs.get("tabsize", 8)
    if isinstance(size, int):
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        _too_big((len(owner) + tabs * max(size, 0)) * _width(owner), "expandtabs")
    return args


def _check_replace_method(
    owner: str | bytes, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    if len(args) >= 2:
        _check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else -1)
    return args


def _check_join_method(
    owner: str | bytes, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    if not args:
        return args
    items = _listed(args[0], "join")
    _check_join(owner, items, "join")
    return (items, *args[1:])


def _check_encode(
    owner: str | bytes, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    _too_big(len(owner) * _width(owner), "encode")
    return args


def _no_check(owner: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    return args


class _SizedFields:
    """A formatter mix-in that adds up the bytes of every field before it is formatted."""

    total = 0

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self.total = _raw(format_string)
        _too_big(self.total, "str.format")
        return super().vformat(format_string, args, kwargs)  # type: ignore[misc, no-any-return]

    def format_field(self, value: Any, format_spec: str) -> str:
        # The spec's widths are known here, after nested fields like {:{w}} are filled in.
        widths = sum(int(n) for n in _NUMBERS.findall(format_spec) if len(n) <= 12)
        big = any(len(n) > 12 for n in _NUMBERS.findall(format_spec))
        self.total += _raw(value) + widths + 12 * len(format_spec)
        if big or self.total > MAX_VALUE:
            raise _value_limit("str.format", max(self.total, MAX_VALUE + 1))
        return super().format_field(value, format_spec)  # type: ignore[misc, no-any-return]


class _Formatter(_SizedFields, SandboxedFormatter):
    """Jinja's sandboxed formatter (no unsafe attributes in fields), with sized fields."""


class _EscapeFormatter(_SizedFields, SandboxedEscapeFormatter):
    """The same for a Markup format string (fields are escaped)."""


# --- the allowlist of methods on built-in types ----------------------------------------------

_Check = Callable[[Any, tuple[Any, ...], dict[str, Any]], tuple[Any, ...]]

_SAME_SIZE = [
    "capitalize",
    "casefold",
    "count",
    "endswith",
    "find",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isprintable",
    "isspace",
    "istitle",
    "isupper",
    "lower",
    "lstrip",
    "partition",
    "removeprefix",
    "removesuffix",
    "rfind",
    "rindex",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "upper",
]
_GROWING: dict[str, _Check] = {
    "center": _check_pad,
    "ljust": _check_pad,
    "rjust": _check_pad,
    "zfill": _check_pad,
    "expandtabs": _check_expandtabs,
    "replace": _check_replace_method,
    "join": _check_join_method,
}
_STR: dict[str, _Check] = {
    **dict.fromkeys(_SAME_SIZE, _no_check),
    **_GROWING,
    "encode": _check_encode,
    "format": _no_check,  # sized field by field by _Formatter
    "format_map": _no_check,
}
_BYTES: dict[str, _Check] = {
    **{name: _no_check for name in _SAME_SIZE if hasattr(bytes, name)},
    **_GROWING,
    "decode": _no_check,  # at most 4 bytes a byte, checked after
}
_ALLOWED: dict[type, dict[str, _Check]] = {
    str: _STR,
    bytes: _BYTES,
    list: dict.fromkeys(["count", "index", "copy"], _no_check),
    tuple: dict.fromkeys(["count", "index"], _no_check),
    dict: dict.fromkeys(["get", "items", "keys", "values", "copy"], _no_check),
    set: dict.fromkeys(["isdisjoint", "issubset", "issuperset"], _no_check),
    frozenset: dict.fromkeys(["isdisjoint", "issubset", "issuperset"], _no_check),
    int: dict.fromkeys(["bit_length", "is_integer"], _no_check),
    float: dict.fromkeys(["is_integer"], _no_check),
}
_KINDS: dict[type, type | None] = {}


def _kind(t: type) -> type | None:
    """Return the built-in type whose allowlist applies to instances of `t` (None: no list)."""
    try:
        return _KINDS[t]
    except KeyError:
        kind = next((base for base in _ALLOWED if issubclass(t, base)), None)
        _KINDS[t] = kind
        return kind


def _method_names(kind: type) -> frozenset[str]:
    return frozenset(
        name for name in dir(kind) if not name.startswith("_") and callable(getattr(kind, name))
    )


_METHODS = {kind: _method_names(kind) for kind in _ALLOWED}


class _NotAllowed(SecurityError):
    """A method of a built-in type that templates may not call."""


@pass_context
def _loop_filter(context: Context, items: Any) -> Any:
    """Wrap a for loop's iterable, strings included (inserted by the compiler)."""
    if isinstance(items, Iterable):
        return _counted(items)
    return items  # let Jinja report a non-iterable (or an undefined) as usual


def _value_filter(value: Any) -> Any:
    """Check the size of a list, tuple or dict literal (inserted by the compiler)."""
    size = printed(value)
    _too_big(size, "a list or dict literal")
    return value


def _concat_filter(parts: list[Any]) -> str:
    """Join the operands of `a ~ b`, sized before they are printed (inserted by the compiler)."""
    total = 0
    for part in parts:
        total += printed(part)
        if total > MAX_VALUE:
            raise _value_limit("joining with ~", total)
    joined: str = _made("".join([str(part) for part in parts]), "joining with ~")
    return joined


def _finalize(value: Any) -> Any:
    """Size a value that `{{ }}` prints before Jinja makes it a string (strings pass as is)."""
    if type(value) is str:
        return value
    size = printed(value)
    _too_big(size, "printing a value")
    _spend(size)
    return value


def _concat(pieces: Iterable[str]) -> str:
    """Join buffered output (a macro, a set or filter block, self.block()), bounded as it goes."""
    out = []
    total = 0
    for piece in pieces:
        total += len(piece) if piece.isascii() else 4 * len(piece)
        if total > MAX_VALUE:
            raise _value_limit("the output of a macro, block or template", total)
        out.append(piece)
    _spend(total)
    return "".join(out)


class _Guard(NodeTransformer):
    """Route every for loop, `~` join and list or dict literal through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _LOOP, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        parts = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(parts, _CONCAT, [], [], None, None, lineno=node.lineno)

    def _literal(self, node: nodes.Expr) -> nodes.Node:
        self.generic_visit(node)
        if getattr(node, "ctx", "load") != "load":
            return node  # an assignment target like {% for a, b in ... %}
        return nodes.Filter(node, _VALUE, [], [], None, None, lineno=node.lineno)

    visit_List = visit_Tuple = visit_Dict = _literal


def _check_source(source: str, filename: str | None) -> None:
    """Refuse a template source too big for a voicemail, at the line where the limit falls."""
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_SOURCE:
        cut = source.encode("utf-8", "surrogatepass")[:MAX_SOURCE].decode("utf-8", "ignore")
        raise Runaway(
            f"the template is {size:,} bytes; the limit is {MAX_SOURCE:,} bytes per template "
            "file (a voicemail template is under 2 KB): split it or move text into the data",
            lineno=cut.count("\n") + 1,
            filename=filename,
        )
    m = re.search(rf"\d[\d_]{{{MAX_DIGITS - 1},}}", source)
    if m:
        raise Runaway(
            f"a number of {len(m.group()):,} digits; the limit is {MAX_DIGITS:,} digits "
            "(the number-size limit)",
            lineno=source.count("\n", 0, m.start()) + 1,
            filename=filename,
        )


def _deep_line(source: str) -> int | None:
    """Return the line where brackets first nest deeper than MAX_DEPTH (None if they never do)."""
    depth = 0
    for i, char in enumerate(source):
        if char in "([{":
            depth += 1
            if depth > MAX_DEPTH:
                return source.count("\n", 0, i) + 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
    return None


def _check_tree(tree: nodes.Node, filename: str | None) -> None:
    """Refuse a parsed template with too many nodes or nested too deep (no recursion here)."""
    count = 0
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        line = getattr(node, "lineno", None)
        if count > MAX_NODES:
            raise Runaway(
                f"the template has over {MAX_NODES:,} nodes (the node limit; a built-in style "
                "has under 100): split it into partials",
                lineno=line,
                filename=filename,
            )
        if depth > MAX_DEPTH:
            raise Runaway(
                f"the template nests over {MAX_DEPTH} levels deep (the nesting limit)",
                lineno=line,
                filename=filename,
            )
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())


# --- filters ----------------------------------------------------------------------------------

_TEXT_FILTERS = frozenset(
    {
        "center",
        "indent",
        "wordwrap",
        "truncate",
        "batch",
        "slice",
        "format",
        "tojson",
        "join",
        "urlize",
    }
)
# Filters that walk their input: it is listed first, one step per item.
_WALKING = frozenset(
    {
        "join",
        "map",
        "select",
        "reject",
        "selectattr",
        "rejectattr",
        "unique",
        "sort",
        "groupby",
        "batch",
        "slice",
        "list",
        "min",
        "max",
    }
)


def _precheck_filter(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a filter call that would make a huge value, before it runs."""
    if not args:
        return args
    value = args[0]
    what = f"the filter {name}"
    if type(value) is not str:
        _too_big(printed(value), what)  # what it reads: sort keys, tojson, pprint, string...
    if name in _TEXT_FILTERS:
        _ints(args[1:])
        _ints(kwargs.values())
    if name in _WALKING and isinstance(value, Iterable) and not isinstance(value, Mapping):
        value = _listed(value, what)
        args = (value, *args[1:])
    if name == "join":
        _check_join(args[1] if len(args) > 1 else kwargs.get("d", ""), value, what)
    elif name == "replace" and len(args) >= 3:
        _check_replace(value, args[1], args[2], args[3] if len(args) > 3 else -1, what)
    elif name == "indent":
        width = args[1] if len(args) > 1 else kwargs.get("width", 4)
        pad = len(width) if isinstance(width, str) else int(width or 0)
        text = str(value)
        _too_big(_raw(text) + (text.count("\n") + 1) * pad, what)
    elif name == "wordwrap":
        wrap = args[3] if len(args) > 3 else kwargs.get("wrapstring")
        width = args[1] if len(args) > 1 else kwargs.get("width", 79)
        text = str(value)
        lines = len(text) // max(int(width or 1), 1) + 1
        _too_big(_raw(text) + lines * len(str(wrap or "\n")), what)
    elif name == "format" and isinstance(value, str):
        _check_percent(value, kwargs or tuple(args[1:]), what)
    elif name == "tojson":
        indent = args[1] if len(args) > 1 else kwargs.get("indent")
        if isinstance(indent, int) and indent > MAX_JSON_INDENT:
            raise Runaway(f"tojson indent {indent} is over {MAX_JSON_INDENT}")
    elif name == "center" and len(args) > 1:
        _too_big(int(args[1]) * _width(str(value)), what)
    elif name == "urlize":
        text = str(value)
        extra = sum(len(a) for a in (*args[1:], *kwargs.values()) if isinstance(a, str))
        words = text.count(" ") + text.count("\n") + 1
        _too_big(3 * _raw(text) + words * (extra + 60), what)
    return args


@pass_environment
def _sum(
    environment: Environment, iterable: Any, attribute: str | int | None = None, start: Any = 0
) -> Any:
    """Jinja's sum filter, one checked addition (a step) per item."""
    items = _listed(iterable, "the filter sum")
    if attribute is not None:
        getter = make_attrgetter(environment, attribute)
        items = [getter(item) for item in items]
    total = start
    for item in items:
        _step()
        total = _add(total, item, "the filter sum")
    return total


def _add(left: Any, right: Any, what: str) -> Any:
    """Return left + right, refusing a string or container that would pass the value limit."""
    if isinstance(left, str | bytes) and isinstance(right, str | bytes):
        _too_big(_raw(left) + _raw(right), what)
    elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
        if len(left) + len(right) > MAX_VALUE:
            raise _value_limit(what, len(left) + len(right))
        _spend(_PER_ITEM * (len(left) + len(right)))  # a long sum of lists is quadratic
    return left + right


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter so it counts as a step and cannot make a huge value."""
    pass_arg = getattr(func, "jinja_pass_arg", None)

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _step()
        lead, rest = (args[:1], args[1:]) if pass_arg is not None else ((), args)
        rest = _precheck_filter(name, tuple(rest), kwargs)
        return _made(func(*lead, *rest, **kwargs), f"the filter {name}")

    return guarded


class _Namespace(Namespace):
    """namespace() whose attributes cannot grow past the value limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _too_big(printed(self), "namespace()")

    def __setitem__(self, name: str, value: Any) -> None:
        _step()
        super().__setitem__(name, _made(value, f"namespace attribute {name}"))


_RECORDS = frozenset({Caller, Prospect, Referral, Reference, Hours})


class Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a work budget on operators, calls, loops and filters."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Allow the public fields of the frozen records quickly; ask Jinja about the rest."""
        if type(obj) in _RECORDS and not attr.startswith("_"):
            return True  # plain values and properties: Jinja's own answer, a third faster
        return super().is_safe_attribute(obj, attr, value)

    def _method(self, obj: Any, kind: type, name: str) -> Any:
        """Return the checked version of an allowed method, refuse any other one."""
        check = _ALLOWED[kind].get(name)
        if check is None:
            raise _NotAllowed(
                f"the method {kind.__name__}.{name}() is not allowed in templates (the method "
                "allowlist); use a filter, or do it in the data"
            )
        label = f"{kind.__name__}.{name}"
        if name in ("format", "format_map"):
            formatter = (
                _EscapeFormatter(self, escape=obj.escape)
                if isinstance(obj, Markup)
                else _Formatter(self)
            )
            result_type = type(obj)
            is_map = name == "format_map"

            def formatted(*args: Any, **kwargs: Any) -> Any:
                if is_map:
                    if kwargs or len(args) != 1:
                        raise TypeError("format_map() takes exactly one argument")
                    kwargs = dict(args[0]) if isinstance(args[0], Mapping) else args[0]
                    args = ()
                return _made(result_type(formatter.vformat(obj, args, kwargs)), label)

            formatted.__name__ = name
            return formatted
        method = getattr(obj, name)

        def checked(*args: Any, **kwargs: Any) -> Any:
            args = check(obj, args, kwargs)
            return _made(method(*args, **kwargs), label)

        checked.__name__ = name
        return checked

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Look an attribute up; a method of a built-in type only from the allowlist."""
        t = type(obj)
        if t in _RECORDS and not attribute.startswith("_"):
            try:  # the frozen records' fields: what Jinja would answer, without its detours
                return getattr(obj, attribute)
            except AttributeError:
                pass
        kind = _kind(t)
        if kind is not None and attribute in _METHODS[kind]:
            return self._method(obj, kind, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Subscript an object; slices are counted, methods come from the allowlist."""
        if type(argument) is slice:
            return _made(super().getitem(obj, argument), "a slice")
        kind = _kind(type(obj))
        if (
            kind is not None
            and isinstance(argument, str)
            and argument in _METHODS[kind]
            and not (isinstance(obj, Mapping) and argument in obj)
        ):
            return self._method(obj, kind, argument)
        return super().getitem(obj, argument)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse an operation that would make a huge value, before it runs."""
        _step()
        what = f"the operator {operator}"
        if operator == "*":
            if isinstance(right, int) and not isinstance(left, int | float):
                self._check_repeat(left, right, what)
            elif isinstance(left, int) and not isinstance(right, int | float):
                self._check_repeat(right, left, what)
            elif (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_INT_BITS
            ):
                raise Runaway(
                    f"{what} would make a number over {MAX_INT_BITS:,} bits (the number-size limit)"
                )
        elif operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right > 0
                and right * math.log2(abs(left)) > MAX_INT_BITS
            ):
                raise Runaway(
                    f"{left} ** {right} would make a number over {MAX_INT_BITS:,} bits "
                    "(the number-size limit)"
                )
        elif operator == "+":
            return _made(_add(left, right, what), what)
        elif operator == "%" and isinstance(left, str | bytes):
            _check_percent(left, right, "the % format")
        return _made(super().call_binop(context, operator, left, right), what)

    @staticmethod
    def _check_repeat(seq: Any, times: int, what: str) -> None:
        if isinstance(seq, str | bytes):
            _too_big(_raw(seq) * times, what)
        elif isinstance(seq, list | tuple):
            if len(seq) * times > MAX_VALUE:
                raise _value_limit(what, len(seq) * times)
            _too_big(printed(seq) * times, what)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Count a call (a recursive loop's next level counts its items) and size its result."""
        _step()
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (_counted(args[0]), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        return _made(result, f"calling {getattr(__obj, '__name__', None) or 'a function'}")

    def compile(  # type: ignore[override]
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> str | CodeType:
        """Compile a template, bounded in size, with loops, joins and literals guarded."""
        if isinstance(source, str):
            _check_source(source, filename or name)
            try:
                tree = self._parse(source, name, filename)
            except TemplateSyntaxError:
                self.handle_exception(source=source)
            except RecursionError:
                raise Runaway(
                    f"the template nests over {MAX_DEPTH} levels deep (the nesting limit)",
                    lineno=_deep_line(source),
                    filename=filename or name,
                ) from None
            _check_tree(tree, filename or name)
            guarded = _Guard().visit(tree)
            guarded.set_environment(self)
            source = guarded
        if raw:
            return super().compile(source, name, filename, True, defer_init)
        return super().compile(source, name, filename, False, defer_init)


class FolderLoader(FileSystemLoader):
    """Load templates from one folder; a symlink may not lead outside the template folders."""

    def __init__(self, folder: Path, allowed: Sequence[Path]) -> None:
        super().__init__(str(folder))
        self.allowed = tuple(os.path.realpath(a) for a in allowed)

    def get_source(self, environment: Any, template: str) -> Any:
        """Return a template's source, refusing one that resolves outside the folders."""
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(real.startswith(a.rstrip(os.sep) + os.sep) for a in self.allowed):
            raise SecurityError(f"{template!r} leads outside the template folders ({real})")
        return source, filename, uptodate


def make_environment(dirs: Sequence[Path], filters: dict[str, Callable[..., Any]]) -> Sandbox:
    """Return the sandbox searching the folders in order (the first holding a name wins)."""
    env = Sandbox(
        loader=ChoiceLoader([FolderLoader(d, dirs) for d in dirs]),
        undefined=StrictUndefined,
        autoescape=False,  # a script is speech, not HTML; whitespace is normalised after render
        auto_reload=True,
    )
    env.filters.update(filters)
    env.filters["sum"] = _sum
    env.filters = {name: _guard_filter(name, f) for name, f in env.filters.items()}
    env.filters[_LOOP] = _loop_filter
    env.filters[_VALUE] = _value_filter
    env.filters[_CONCAT] = _concat_filter
    env.finalize = _finalize
    env.concat = _concat  # type: ignore[method-assign]
    env.globals.pop("lipsum", None)  # a voicemail needs no lorem ipsum, and it can be huge
    env.globals["namespace"] = _Namespace
    return env
