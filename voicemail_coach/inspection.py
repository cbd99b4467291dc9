"""What a template reads: its top-level variables and the dotted fields it uses, with where
each one comes from in the prospects YAML."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import CONTEXT, Style, dotted, environment, field_problem, template_error
from .models import Prospect

_DERIVED = {"first_name": "derived: the first word of {owner}.name"}
_GIVEN = {
    "next_step": "given: the proposed slots said aloud ('Would Tuesday at 3 or 4 p.m. work?')",
    "now": "given: the current time (or --now), in the caller's zone",
    "previous": "given with a touch log: the last voicemail left (day, when, style, topic, at)",
}


NOBODY = Prospect("", "")
"""The prospect a template error names when none is drafted (inspect reads the template only)."""


@dataclass(frozen=True)
class FieldUse:
    """One variable or dotted field a template reads, and where its value comes from."""

    name: str
    where: str  # where the value comes from, e.g. "prospect YAML: extra: {event: ...}"
    file: str
    line: int
    required: bool = False
    problem: str | None = None  # set when no data can ever give this field

    @property
    def location(self) -> str:
        """Return where the template reads it, as 'file:line' (the file as the loader named it)."""
        return f"{self.file}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "name": self.name,
            "where": self.where,
            "file": self.file,
            "line": self.line,
            "required": self.required,
            "problem": self.problem,
        }


def _reads(style: Style, templates: Iterable[str | Path]) -> dict[str, tuple[str, int]]:
    """Return every name and dotted path the style and its partials read, with first file:line."""
    from jinja2 import TemplateSyntaxError, meta, nodes

    env = environment((style.path.parent, *templates))
    found: dict[str, tuple[str, int]] = {}
    seen: set[str] = set()
    queue: list[str] = [style.path.name]
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.add(name)
        source, filename, _ = env.loader.get_source(env, name)
        try:  # compiling finds an unknown filter: our one line, with file:line
            ast = env.parse(source, name, filename)
            undeclared = meta.find_undeclared_variables(ast) - set(env.globals)
        except TemplateSyntaxError as exc:
            exc.filename, exc.name = filename, name  # the compiler calls it "<introspection>"
            raise template_error(exc, style, NOBODY, env, ()) from None
        methods: dict[int, str | None] = {}  # x.get('key') reads x.key; x.upper() reads x
        for call in ast.find_all(nodes.Call):
            if isinstance(call.node, nodes.Getattr):
                owner = dotted(call.node.node)
                arg = call.args[0] if call.args else None
                if owner and call.node.attr == "get" and isinstance(arg, nodes.Const):
                    methods[id(call.node)] = f"{owner}.{arg.value}"
                else:
                    methods[id(call.node)] = owner
        for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
            path = methods.get(id(node), dotted(node))
            if path is None or path.split(".")[0] not in undeclared:
                continue
            found.setdefault(path, (filename, node.lineno))
        for var in undeclared:
            found.setdefault(var, (filename, 1))
        queue += [t for t in meta.find_referenced_templates(ast) if t]
    return found


def _where(name: str) -> tuple[str, str | None]:
    """Return where a field's value comes from, and the problem when none can give it."""
    head, _, rest = name.partition(".")
    if head in _GIVEN:
        return _GIVEN[head], None
    if head not in CONTEXT:
        return "nowhere", (f"'{head}' is not given to templates; they see {', '.join(CONTEXT)}")
    if not rest:
        return f"the whole {head}", None
    problem = field_problem(name)
    if problem:
        return "nowhere", problem
    first, *more = rest.split(".")
    if first in _DERIVED:
        return _DERIVED[first].format(owner=head), None
    hint = "..."
    for part in reversed([first, *more]):
        hint = f"{part}: {hint}" if hint == "..." else f"{part}: {{{hint}}}"
    return f"{head} YAML: {hint}", None


def fields(style: Style, templates: Iterable[str | Path] = ()) -> list[FieldUse]:
    """Return what a style reads (most specific fields only), sorted by name."""
    found = _reads(style, templates)
    names = sorted(found)
    uses = []
    for name in names:
        if any(other.startswith(name + ".") for other in names):
            continue  # prospect.referral is covered by prospect.referral.by
        where, problem = _where(name)
        file, line = found[name]
        required = any(
            r == name or name.startswith(r + ".") or r.startswith(name + ".")
            for r in style.requires
        )
        uses.append(FieldUse(name, where, file, line, required, problem))
    return uses


def flow(value: Any) -> str:
    """Return metadata as compact YAML-like text: {length: {warn_over: 32}}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return str(value)


def unsuppliable(problems: list[FieldUse], style: str) -> str:
    """Return the one-line message for fields no data can give, at the first one's file:line."""
    first = problems[0]
    more = f" (and {len(problems) - 1} more above)" if len(problems) > 1 else ""
    return (
        f"{first.location}: style {style} reads {first.name}, which no data can give: "
        f"{first.problem}{more}; fix the template"
    )


def recommended(style: Style) -> str:
    """Return how a style takes part in the recommendation, as `inspect` says it."""
    from .policy.recommend import rules

    rule = rules([style]).get(style.name)
    if rule is None:
        return "only with --style (add 'priority: N' to take part; see docs/templates.md)"
    said = [c.describe() for c in rule.when] + [f"{f} is given" for f in rule.requires]
    when = f"when {', '.join(dict.fromkeys(said))}" if said else "always"
    return f"priority {rule.priority}, {when}{' (built-in rule)' if rule.built_in else ''}"
