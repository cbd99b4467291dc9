"""Render a style in the sandbox, and turn whatever a render raises into one located message.

Every failure of a render (syntax, a missing field, the sandbox's budget, an include outside
the folders, a non-regular template file) becomes a TemplateError naming the style, the
template file and line, and what to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import TemplateError, VoicemailCoachError
from ..models import Caller, Prospect
from ..suggest import did_you_mean
from .environment import environment_for, search_dirs
from .fields import CONTEXT, dotted, field_problem, has_field
from .metadata import Style

MAX_OUTPUT = 20_000


def missing_fields(style: Style, caller: Caller | None, prospect: Prospect) -> list[str]:
    """Return the fields the style requires that the prospect (or caller) does not have."""
    return [f for f in style.requires if not has_field(f, caller, prospect)]


def require_fields(style: Style, caller: Caller | None, prospect: Prospect) -> None:
    """Raise TemplateError (at the prospect's file and line) when it lacks a required field."""
    missing = missing_fields(style, caller, prospect)
    if missing:
        raise TemplateError(
            f"style {style.name} needs {', '.join(missing)} for {prospect.name}; add it to the "
            "prospect or pick another style",
            path=prospect.source,
            line=prospect.line,
        )


def run_template(
    get_template: Callable[[], Any],
    *,
    caller: Caller,
    prospect: Prospect,
    next_step: str,
    now: Any,
    previous: Any = None,
) -> str:
    """Compile (via `get_template`) and run a template under the sandbox budget.

    ``previous`` is the last voicemail left for the prospect (`drafting.Previous`), or None.

    The output is capped at MAX_OUTPUT characters (the cap is raised inside the template, so
    the error names its line) and returned as one spoken paragraph. Exceptions are left to the
    caller, which turns them into a located message with `template_error`.
    """
    from .. import sandbox
    from ..text import one_paragraph

    with sandbox.budget():
        template = get_template()
        chunks = []
        size = 0
        output = template.generate(
            caller=caller, prospect=prospect, next_step=next_step, now=now, previous=previous
        )
        for chunk in output:
            size += len(chunk)
            if size > MAX_OUTPUT:
                output.throw(
                    sandbox.Runaway(
                        f"wrote over {MAX_OUTPUT:,} characters; a voicemail is one paragraph"
                    )
                )
            chunks.append(chunk)
    return one_paragraph("".join(chunks))


def render(
    style: Style,
    *,
    caller: Caller,
    prospect: Prospect,
    next_step: str,
    now: Any,
    templates: Iterable[str | Path] = (),
) -> str:
    """Render a style for a prospect as one spoken paragraph.

    Raises TemplateError (with the file and line) when the prospect lacks a required field or
    the template fails in any way; nothing else escapes.
    """
    require_fields(style, caller, prospect)
    dirs = search_dirs(templates)
    if style.path.parent not in dirs:
        dirs = (style.path.parent, *dirs)
    env = environment_for(dirs)
    try:
        return run_template(
            lambda: env.get_template(style.path.name),
            caller=caller,
            prospect=prospect,
            next_step=next_step,
            now=now,
        )
    except Exception as exc:  # every failure: a located TemplateError
        raise template_error(exc, style, prospect, env, dirs) from None


def where(exc: BaseException, style: Style) -> tuple[str, int | None]:
    """Return the template file and line an error happened at (innermost template frame)."""
    found: tuple[str, int | None] = (str(style.path), None)
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    filename, lineno = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if isinstance(lineno, int) and found[1] is None:
        found = (filename or found[0], lineno)
    return found


def _missing(message: str) -> str | None:
    """Return the name an UndefinedError says is missing."""
    m = re.search(r"has no (?:attribute|element) '?([^']+?)'?$", message) or re.search(
        r"^'([^']+)' is undefined", message
    )
    return m.group(1) if m else None


def _field_at(env: Any, filename: str, line: int | None, name: str) -> str:
    """Return the dotted field read at a line whose last part is `name`."""
    from jinja2 import nodes

    try:
        ast = env.parse(Path(filename).read_text(encoding="utf-8"))
    except Exception:  # best effort: fall back to the bare name
        return name
    best = name
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if line is not None and node.lineno != line:
            continue
        path = dotted(node)
        if path and path.split(".")[-1] == name and len(path) > len(best):
            best = path
    return best


def unknown_name_hint(kind: str, name: str, known: Iterable[str]) -> str:
    """Return the hint after "No filter named 'x'": a close match, else our own filters.

    Jinja has some 50 built-in filters; listing them all helps nobody, so without a close match
    the hint names voicemail-coach's speech filters and where the rest are documented.
    """
    from ..filters import FILTERS

    options = tuple(k for k in known if not k.startswith("_vc"))
    close = did_you_mean(name, options, kind)
    if "did you mean" in close:
        return close
    if kind == "filters":
        return f" (voicemail-coach filters: {', '.join(FILTERS)}; see docs/templates.md)"
    return " (see Jinja's list of tests)"


def template_error(
    exc: Exception, style: Style, prospect: Prospect, env: Any, dirs: tuple[Path, ...]
) -> TemplateError:
    """Turn anything a render raised into a TemplateError naming the style, file and line."""
    import jinja2

    from .. import sandbox

    if isinstance(exc, TemplateError) and exc.path:
        return TemplateError(f"style {style.name}: {exc.message}", path=exc.path, line=exc.line)
    filename, line = where(exc, style)
    said = " ".join(str(getattr(exc, "message", None) or exc).split())
    head = f"style {style.name}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        m = re.search(r"No (filter|test) named '([^']+)'", said)
        if m:
            kind = "filters" if m.group(1) == "filter" else "tests"
            known = env.filters if kind == "filters" else env.tests
            said = said[: m.end()] + unknown_name_hint(kind, m.group(2), known)
        text = f"{head}: syntax error: {said}"
    elif isinstance(exc, jinja2.UndefinedError):
        name = _missing(said)
        text = f"{head} reads a missing field: {said}"
        if name:
            field = _field_at(env, filename, line, name)
            problem = field_problem(field) if field.startswith(("prospect.", "caller.")) else None
            if problem:
                text = f"{head} reads {field}, but {problem}"
            elif "." not in field and field not in CONTEXT:
                text = (
                    f"{head} reads '{field}', which templates are not given; they see "
                    f"{', '.join(CONTEXT)}"
                )
            else:
                text = (
                    f"{head} reads {field}, which {prospect.name} does not have; add it to "
                    f"the data, list it under 'requires:', or write "
                    f"{{{{ {field} | default('...') }}}}"
                )
    elif isinstance(exc, sandbox.Runaway | OverflowError | MemoryError):
        text = f"{head} was stopped: {said or type(exc).__name__}"
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        text = f"{head} was refused by the sandbox: {said}"
    elif isinstance(exc, jinja2.TemplateNotFound):
        wanted = str(exc.name)
        if ".." in wanted.split("/") or wanted.startswith(("/", "\\")) or "\\" in wanted:
            text = (
                f"{head} includes '{wanted}': a template may include only files inside "
                "the template folders (no '..', no absolute paths)"
            )
        else:
            names = sorted({p.name for d in dirs for p in d.glob("*.j2")})
            text = (
                f"{head} includes '{wanted}', which is in none of the template folders"
                f"{did_you_mean(wanted, tuple(names), 'templates')}"
            )
    elif isinstance(exc, RecursionError):
        text = f"{head} recurses without end (a macro or recursive loop that never stops)"
    elif isinstance(exc, VoicemailCoachError):
        text = f"{head}: {' '.join(exc.message.split())}"
    else:
        text = f"{head} failed: {type(exc).__name__}: {said}"
    return TemplateError(text, path=filename, line=line)
