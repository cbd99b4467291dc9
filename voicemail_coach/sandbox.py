"""The Jinja sandbox styles render in: no escapes, no files outside the folders, bounded work.

Jinja's ImmutableSandboxedEnvironment already refuses unsafe attributes (``''.__class__``),
mutating built-in containers and ranges over 100,000 items. It does not bound work, so this
module adds a budget per render: every loop turn, call and filter is a step (at most
`MAX_STEPS`, within `MAX_SECONDS`), no operator or filter makes a value over `MAX_VALUE`
characters or items (checked before the big ones allocate), and all of them together make at
most `MAX_MADE`. A template that goes over is stopped with `Runaway`, at its line.
"""

from __future__ import annotations

import functools
import math
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

from .models import Caller, Hours, Prospect, Reference, Referral

MAX_STEPS = 50_000  # loop turns, calls and filters in one render (a voicemail takes < 500)
MAX_SECONDS = 1.0  # wall-clock time for one render
MAX_VALUE = 100_000  # characters (or items) in any one value an operator or filter makes
MAX_MADE = 5_000_000  # characters (or items) made by operators and filters in one render
MAX_INT_BITS = 4_096  # integers past this are refused before they are computed
MAX_JSON_INDENT = 16

_LOOP = "_vc_loop"
_VALUE = "_vc_value"


class Runaway(SecurityError):
    """A template that does more work than a voicemail ever needs."""


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
        """Count one loop turn, call or filter; stop a template that runs away."""
        self.steps -= 1
        if self.steps < 0:
            raise Runaway(
                f"stopped after {self.limit:,} steps (loop turns, calls and filters); "
                "a voicemail never needs that many: look for a loop that runs away"
            )
        if time.monotonic() > self.deadline:
            raise Runaway(
                f"stopped after {self.seconds:g} s of work; a voicemail renders in "
                "milliseconds: look for a loop that runs away"
            )

    def spend(self, size: int) -> None:
        """Count the characters or items a value holds."""
        self.made -= size
        if self.made < 0:
            raise Runaway(
                f"stopped after making {MAX_MADE:,} characters; a voicemail is one paragraph"
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


def _size(value: Any) -> int | None:
    """Return the length of a string or container, None for anything else."""
    if isinstance(value, str | list | tuple | dict | set | frozenset):
        return len(value)
    return None


def _too_big(size: float, what: str) -> None:
    if size > MAX_VALUE:
        raise Runaway(
            f"{what} would make about {size:,.0f} characters; the limit is "
            f"{MAX_VALUE:,} (a voicemail is one paragraph)"
        )


def _made(value: Any, what: str = "a value") -> Any:
    """Check and count a value an operator or filter made; return it."""
    size = _size(value)
    if size is not None:
        _too_big(size, what)
        b = _BUDGET.get()
        if b is not None:
            b.spend(size)
    elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise Runaway(f"{what} is a number of {value.bit_length():,} bits; far too big")
    return value


def _counted(items: Iterable[Any]) -> Iterator[Any]:
    """Yield the items of a loop, one step each."""
    for item in items:
        _step()
        yield item


@pass_context
def _loop_filter(context: Context, items: Any) -> Any:
    """Wrap a for loop's iterable (inserted by the compiler, not for templates)."""
    if isinstance(items, Iterable) and not isinstance(items, str | bytes):
        return _counted(items)
    return items  # let Jinja report a non-iterable (or an undefined) as usual


@pass_context
def _value_filter(context: Context, value: Any) -> Any:
    """Check the size of a joined string `a ~ b` (inserted by the compiler)."""
    return _made(value, "joining strings with ~")


class _Guard(NodeTransformer):
    """Route every for loop and every `~` join through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _LOOP, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, _VALUE, [], [], None, None, lineno=node.lineno)


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_FORMAT = re.compile(r"\{[^{}]*?:([^{}]*)\}")


def _widths(fmt: str) -> int:
    """Return the sum of the widths and precisions a format string asks for."""
    total = 0
    for width, precision in _PRINTF.findall(fmt):
        total += sum(int(n) for n in (width, precision) if n.isdigit())
    for spec in _FORMAT.findall(fmt):
        total += sum(int(n) for n in re.findall(r"\d+", spec))
    return total


def _ints(values: Iterable[Any]) -> None:
    """Refuse an integer argument too big for any text operation."""
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE:
            raise Runaway(f"the number {value:,} is too big for text (limit {MAX_VALUE:,})")


def _listed(items: Any, what: str) -> list[Any]:
    """Materialise at most MAX_VALUE items."""
    out = []
    for item in items:
        out.append(item)
        if len(out) > MAX_VALUE:
            raise Runaway(f"{what} over more than {MAX_VALUE:,} items")
    return out


def _check_join(sep: Any, items: list[Any]) -> None:
    _too_big(len(str(sep)) * max(len(items) - 1, 0), "join")


def _check_replace(s: Any, old: Any, new: Any) -> None:
    s, old, new = str(s), str(old), str(new)
    hits = len(s) + 1 if not old else s.count(old)
    _too_big(len(s) + hits * max(len(new) - len(old), 0), "replace")


_TEXT_FILTERS = frozenset(
    {"center", "indent", "wordwrap", "truncate", "batch", "slice", "format", "tojson", "join"}
)


def _precheck_filter(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a filter call that would make a huge value, before it runs."""
    if name in _TEXT_FILTERS:
        _ints(args[1:])
        _ints(kwargs.values())
    value = args[0] if args else None
    if name == "join" and value is not None:
        items = _listed(value, "join")
        _check_join(args[1] if len(args) > 1 else kwargs.get("d", ""), items)
        args = (items, *args[1:])
    elif name == "replace" and len(args) >= 3:
        _check_replace(args[0], args[1], args[2])
    elif name == "indent" and value is not None:
        width = args[1] if len(args) > 1 else kwargs.get("width", 4)
        pad = len(width) if isinstance(width, str) else int(width or 0)
        _too_big(len(str(value)) + (str(value).count("\n") + 1) * pad, "indent")
    elif name == "wordwrap" and value is not None:
        wrap = args[3] if len(args) > 3 else kwargs.get("wrapstring")
        width = args[1] if len(args) > 1 else kwargs.get("width", 79)
        lines = len(str(value)) // max(int(width or 1), 1) + 1
        _too_big(len(str(value)) + lines * len(str(wrap or "\n")), "wordwrap")
    elif name == "format" and isinstance(value, str):
        _too_big(_widths(value), "format")
    elif name == "tojson":
        indent = args[1] if len(args) > 1 else kwargs.get("indent")
        if isinstance(indent, int) and indent > MAX_JSON_INDENT:
            raise Runaway(f"tojson indent {indent} is over {MAX_JSON_INDENT}")
    elif name == "center" and len(args) > 1:
        _too_big(int(args[1]), "center")
    return args


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


_STR_WIDTH = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class _Namespace(Namespace):
    """namespace() whose attributes cannot grow past the value limit."""

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

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse an operation that would make a huge value, before it runs."""
        _step()
        what = f"the operator {operator}"
        ls, rs = _size(left), _size(right)
        if operator == "*":
            if ls is not None and isinstance(right, int):
                _too_big(ls * right, what)
            elif rs is not None and isinstance(left, int):
                _too_big(rs * left, what)
            elif (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_INT_BITS
            ):
                raise Runaway(f"{what} would make a number far too big")
        elif operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right > 0
                and right * math.log2(abs(left)) > MAX_INT_BITS
            ):
                raise Runaway(f"{left} ** {right} is far too big a number")
        elif operator == "+" and ls is not None and rs is not None:
            _too_big(ls + rs, what)
        elif operator == "%" and isinstance(left, str):
            _too_big(_widths(left), "the % format")
            _ints(right if isinstance(right, tuple) else (right,))
        return _made(super().call_binop(context, operator, left, right), what)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Count a call; refuse string methods that would make a huge value."""
        _step()
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in _STR_WIDTH:
                _ints((*args, *kwargs.values()))
            elif name == "join" and args:
                items = _listed(args[0], "join")
                _check_join(owner, items)
                args = (items, *args[1:])
            elif name == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
            elif name in ("format", "format_map"):
                _too_big(_widths(owner), "format")
                _ints((*args, *kwargs.values()))
        elif isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (_counted(args[0]), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        return _made(result, f"calling {name or 'a function'}") if owner is not None else result

    def compile(  # type: ignore[override]
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Compile a template with every loop and `~` join routed through the budget."""
        if isinstance(source, str):
            from jinja2.exceptions import TemplateSyntaxError

            try:
                source = self._parse(source, name, filename)
            except TemplateSyntaxError:
                self.handle_exception(source=source)
            source = _Guard().visit(source)
            source.set_environment(self)
        return super().compile(source, name, filename, raw, defer_init)


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
    env.filters = {name: _guard_filter(name, f) for name, f in env.filters.items()}
    env.filters[_LOOP] = _loop_filter
    env.filters[_VALUE] = _value_filter
    env.globals.pop("lipsum", None)  # a voicemail needs no lorem ipsum, and it can be huge
    env.globals["namespace"] = _Namespace
    return env
