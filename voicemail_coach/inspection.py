"""What a template reads: its top-level variables and the dotted fields it uses."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .styles import Style, environment, template_dirs

CONTEXT = ("caller", "prospect", "next_step", "now")


def _dotted(node: object) -> str | None:
    """Return 'prospect.referral.by' for a chain of attribute lookups on a name."""
    from jinja2 import nodes

    parts: list[str] = []
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            parts.append(node.arg.value)
        else:
            return None
        node = node.node
    if isinstance(node, nodes.Name):
        return ".".join([node.name, *reversed(parts)])
    return None


def fields_read(style: Style, templates: Iterable[str | Path] = ()) -> list[str]:
    """Return the variables and dotted fields a style (and the partials it imports) reads."""
    from jinja2 import meta, nodes

    env = environment(template_dirs(templates))
    seen: set[str] = set()
    found: set[str] = set()
    queue = [style.path.name]
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        source = env.loader.get_source(env, name)[0]
        ast = env.parse(source)
        found |= meta.find_undeclared_variables(ast)
        for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
            path = _dotted(node)
            if path and path.split(".")[0] in CONTEXT:
                found.add(path)
        queue += [t for t in meta.find_referenced_templates(ast) if t]
    shortest = sorted(found)
    return [f for f in shortest if not any(o.startswith(f + ".") for o in shortest)]
