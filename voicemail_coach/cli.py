"""The voicemail-coach command: parse, call the library, print; nothing else."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import VoicemailCoachError

FORMATS = ("text", "json", "markdown")
FAIL_ON = ("error", "warning", "suggestion", "never")
CONFIG_NAME = "voicemail-coach.yaml"
COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}


class InputError(click.ClickException):
    """Bad input: one or two lines on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        """Print the message without click's 'Error:' prefix doubling ours."""
        click.echo(f"voicemail-coach: {self.message}", err=True)


def _merge(ctx: click.Context, key: str, value: Any) -> Any:
    """Store a common option given before or after the command name; the later one wins."""
    obj = ctx.ensure_object(dict)
    if key in ("templates", "check"):
        obj[key] = (*obj.get(key, ()), *value)
    elif value is not None:
        obj[key] = value
    return value


def common_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Accept --config, --templates, --fail-on and --check before and after the command name."""
    options = [
        click.option(
            "--config",
            "config",
            type=click.Path(),  # the reader says "is a folder" in one line, not click's usage
            expose_value=False,
            callback=lambda c, p, v: _merge(c, "config", v),
            help=f"Config file (default: ./{CONFIG_NAME}, then the user config dir).",
        ),
        click.option(
            "--templates",
            "templates",
            multiple=True,
            type=click.Path(file_okay=False),
            expose_value=False,
            callback=lambda c, p, v: _merge(c, "templates", v),
            help="A folder of .j2 styles searched before the built-ins (repeatable).",
        ),
        click.option(
            "--fail-on",
            "fail_on",
            type=click.Choice(FAIL_ON),
            expose_value=False,
            callback=lambda c, p, v: _merge(c, "fail_on", v),
            help="Exit 1 when a finding is at or above this level (default: error).",
        ),
        click.option(
            "--check",
            "check",
            multiple=True,
            metavar="ID=LEVEL",
            expose_value=False,
            callback=lambda c, p, v: _merge(c, "check", v),
            help="Set a check's or an outcome's level (off, suggestion, warning, error) over "
            "the config and the style, e.g. --check length=suggestion (repeatable).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def handle_errors(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's errors into a short message and exit code 2."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except VoicemailCoachError as exc:
            raise InputError(str(exc)) from None

    return wrapper


def _config_path(ctx: click.Context) -> Path | None:
    """Return the config file to read: --config, ./voicemail-coach.yaml, then the user dir."""
    given = ctx.obj.get("config")
    if given:
        return Path(given)
    local = Path(CONFIG_NAME)
    if local.is_file():
        return local
    user = Path(click.get_app_dir("voicemail-coach")) / "config.yaml"
    return user if user.is_file() else None


def settings(ctx: click.Context) -> Any:
    """Return the Config with the command line's options applied."""
    from dataclasses import replace

    from .config import Config, load_config, parse_command_line

    path = _config_path(ctx)
    config = load_config(path) if path else Config()
    changes: dict[str, Any] = {}
    if ctx.obj.get("fail_on"):
        changes["fail_on"] = ctx.obj["fail_on"]
    if ctx.obj.get("templates"):
        changes["templates"] = (*ctx.obj["templates"], *config.templates)
    if ctx.obj.get("check"):
        changes["command_line"] = parse_command_line(ctx.obj["check"])
    return replace(config, **changes) if changes else config


def use_colour() -> bool | None:
    """Return False when NO_COLOR is set; otherwise let click colour only a terminal."""
    return False if os.environ.get("NO_COLOR") else None


def echo(text: str = "", **style: Any) -> None:
    """Print a line, coloured only on a terminal and never with NO_COLOR."""
    click.echo(click.style(text, **style) if style else text, color=use_colour())


def show_text(draft: Any, header: str | None = None) -> None:
    """Print a draft for a person: the script first, then one score line, then findings."""
    if header:
        echo(header, bold=True)
    echo(draft.text)
    m = draft.metrics
    verdict = "pass" if draft.passed else "FAIL"
    echo(
        f"score {draft.score}/100 ({verdict}) | {m.seconds:g} s spoken | grade {m.grade:g}",
        dim=True,
    )
    for f in draft.findings:
        echo(f"  {f.severity:<10} {f.check:<16} {f.message}", fg=COLOURS[f.severity])


def show_markdown(draft: Any, header: str) -> None:
    """Print a draft as a Markdown section."""
    m = draft.metrics
    echo(f"## {header}\n")
    echo(f"> {draft.text}\n")
    echo(f"Score **{draft.score}/100**, {m.seconds:g} s spoken, grade {m.grade:g}.\n")
    for f in draft.findings:
        echo(f"- **{f.severity}** `{f.check}`: {f.message}")
    if draft.findings:
        echo()


def finish(drafts: list[Any], config: Any) -> None:
    """Exit 1 when any finding reaches the failing level."""
    from .policy.scoring import fails

    if any(fails(d.findings, config.fail_on) for d in drafts):
        sys.exit(1)


def parse_now(value: str | None) -> Any:
    """Read --now: an ISO time with or without an offset."""
    if value is None:
        return None
    from datetime import datetime

    try:
        return datetime.fromisoformat(value.strip().replace("T", " "))
    except ValueError:
        raise InputError(
            f"--now '{value}' is not an ISO time; write it like "
            "2026-11-23T09:00 or 2026-11-23T09:00-06:00"
        ) from None


def pick_prospects(prospects: Iterable[Any], name: str | None) -> list[Any]:
    """Return every prospect, or the one whose name matches (case-insensitively)."""
    prospects = list(prospects)
    if name is None:
        return prospects
    wanted = name.casefold().strip()
    exact = [p for p in prospects if p.name.casefold() == wanted]
    found = exact or [p for p in prospects if wanted in p.name.casefold()]
    names = ", ".join(p.name for p in prospects)
    if not found:
        raise InputError(f"no prospect named '{name}'; the file has: {names}")
    if len(found) > 1:
        raise InputError(
            f"'{name}' matches {len(found)} prospects: "
            f"{', '.join(p.name for p in found)}; give more of the name"
        )
    return found


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.version_option(__version__, "--version", prog_name="voicemail-coach")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Write and coach sales voicemails that end phone tag."""
    ctx.ensure_object(dict)


@cli.command()
@click.argument("prospects", type=click.Path(dir_okay=True, allow_dash=False))
@click.option("--style", help="Render this style (default: the recommended one).")
@click.option("--all", "all_styles", is_flag=True, help="Render every available style.")
@click.option("--prospect", "name", help="Only the prospect with this name (case-insensitive).")
@click.option("--now", help="Treat this ISO time as now (default: the current time).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@common_options
@click.pass_context
@handle_errors
def draft(
    ctx: click.Context,
    prospects: str,
    style: str | None,
    all_styles: bool,
    name: str | None,
    now: str | None,
    fmt: str,
) -> None:
    """Draft the voicemail to leave for each prospect in a YAML file, scored."""
    from . import api, sources
    from .catalog import styles as all_known

    if style and all_styles:
        raise InputError("give --style NAME or --all, not both")
    config = settings(ctx)
    book = sources.load(prospects)
    caller = book.caller or config.caller
    moment = parse_now(now)
    chosen = pick_prospects(book.prospects, name)
    names: list[str | None] = [style]
    if all_styles:
        names = list(all_known(config.templates))
    drafts = []
    for prospect in chosen:
        for style_name in names:
            d = api.draft(prospect, style_name, caller, moment, config=config)
            drafts.append(d)
            if fmt == "text":
                why = f"\n{d.reason}" if d.reason else ""
                show_text(d, f"{prospect.name} - {d.style}{why}")
                echo()
            elif fmt == "markdown":
                show_markdown(d, f"{prospect.name} - {d.style}")
    if fmt == "json":
        click.echo(
            json.dumps({"drafts": [d.to_dict() for d in drafts]}, indent=2, ensure_ascii=False)
        )
    finish(drafts, config)


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--caller-phone", help="Check that the number said is this one.")
@click.option("--style", help="Apply this style's check levels.")
@click.option("--now", help="Treat this ISO time as now, to judge whether a slot is ahead.")
@click.option("--format", "fmt", type=click.Choice(FORMATS[:2]), default="text", show_default=True)
@common_options
@click.pass_context
@handle_errors
def score(
    ctx: click.Context,
    file: str,
    caller_phone: str | None,
    style: str | None,
    now: str | None,
    fmt: str,
) -> None:
    """Score a hand-written voicemail script (FILE, or - for standard input)."""
    from .api import score as score_text

    text = _read_script(file)
    config = settings(ctx)
    d = score_text(text, caller_phone=caller_phone, style=style, now=parse_now(now), config=config)
    if fmt == "json":
        click.echo(json.dumps({"drafts": [d.to_dict()]}, indent=2, ensure_ascii=False))
    else:
        show_text(d)
    finish([d], config)


def _read_script(file: str) -> str:
    """Read a script from a file or standard input as UTF-8."""
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{file}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{file}: cannot read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{file}: is not UTF-8 text; save it as UTF-8") from None


@cli.command(name="styles")
@click.option("--format", "fmt", type=click.Choice(FORMATS[:2]), default="text", show_default=True)
@common_options
@click.pass_context
@handle_errors
def styles_command(ctx: click.Context, fmt: str) -> None:
    """List the available styles: name, origin and description."""
    from .catalog import styles as all_known

    found = all_known(settings(ctx).templates).values()
    if fmt == "json":
        click.echo(json.dumps([s.to_dict() for s in found], indent=2))
        return
    for s in found:
        echo(f"{s.name:<16} {s.origin:<9} {s.description}")
        if s.origin != "built-in" or s.overrides:
            shadows = f" (overrides {', '.join(s.overrides)})" if s.overrides else ""
            echo(f"{'':<27}from {s.source}{shadows}", dim=True)


@cli.command()
@click.option("--style", help="Show the levels as this style's metadata sets them.")
@click.option("--format", "fmt", type=click.Choice(FORMATS[:2]), default="text", show_default=True)
@common_options
@click.pass_context
@handle_errors
def checks(ctx: click.Context, style: str | None, fmt: str) -> None:
    """List every check and outcome id: default level, effective level, thresholds, source.

    The effective level is the one a draft gets under the current config, the style given
    with --style and any --check options (built-in < style < config file < command line).
    """
    from .config import check_rows

    config = settings(ctx)
    if style is not None:
        from .catalog import get_style

        chosen = get_style(style, config.templates)
        config = config.for_style(chosen.checks, str(chosen.path))
    rows = check_rows(config)
    if fmt == "json":
        click.echo(json.dumps({"checks": rows}, indent=2, ensure_ascii=False))
        return
    width = max(len(row["id"]) for row in rows) + 4
    echo(f"{'id':<{width}} {'default':<11} {'level':<11} set by", bold=True)
    for row in rows:
        indent = "  " if row["outcome"] else ""
        level = row["level"] or "off"
        default = row["default"] or "off"
        echo(f"{indent + row['id']:<{width}} {default:<11} {level:<11} {row['set_by']}")
        if not row["outcome"]:
            echo(f"{'':<4}{row['summary']}", dim=True)
            if row["params"]:
                said = ", ".join(f"{k}={v}" for k, v in row["params"].items())
                echo(f"{'':<4}thresholds: {said}", dim=True)
            echo(f"{'':<4}source: {row['source']}", dim=True)


@cli.command()
@click.argument("style")
@common_options
@click.pass_context
@handle_errors
def inspect(ctx: click.Context, style: str) -> None:
    """Show the variables a style's template reads and its metadata."""
    import yaml

    from .catalog import get_style
    from .inspection import fields, flow, recommended, unsuppliable

    templates = settings(ctx).templates
    s = get_style(style, templates)
    echo(f"{s.name} ({s.origin}{'' if s.origin == 'built-in' else ' ' + s.source})", bold=True)
    echo(f"file:        {s.path}")
    echo(f"description: {s.description}")
    if s.use_when:
        echo(f"use when:    {s.use_when}")
    if s.requires:
        echo(f"requires:    {', '.join(s.requires)}")
    echo(f"recommended: {recommended(s)}")
    if s.checks:
        echo(f"checks:      {flow(dict(s.checks))}")
    uses = fields(s, templates)
    width = max((len(u.name) for u in uses), default=0) + 2
    echo("reads (and where each value comes from):")
    for u in uses:
        at = u.location
        need = ", required" if u.required else ""
        if u.problem:
            echo(f"  {u.name:<{width}}{u.problem} ({at})", fg="red")
        else:
            echo(f"  {u.name:<{width}}{u.where} ({at}{need})")
    if s.example:
        echo("example (used by lint-templates):")
        said = yaml.safe_dump(dict(s.example), sort_keys=False, allow_unicode=True, width=90)
        for line in said.rstrip().splitlines():
            echo(f"  {line}")
    if any(u.problem for u in uses):  # this style can never render: bad input
        raise InputError(unsuppliable([u for u in uses if u.problem], s.name))


def main() -> None:
    """Run the command line."""
    cli(prog_name="voicemail-coach")


@cli.command(name="lint-templates")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--now", help="Treat this ISO time as now (default: the current time).")
@common_options
@click.pass_context
@handle_errors
def lint_templates(ctx: click.Context, folder: str, now: str | None) -> None:
    """Render each template in FOLDER against example data, score it, report what to fix."""
    from .lint import lint_folder
    from .policy.scoring import fails

    config = settings(ctx)
    results = lint_folder(folder, config=config, now=parse_now(now))
    if not results:
        raise InputError(f"{folder}: no templates (*.j2 files) found")
    counts = {"passed": 0, "failed": 0, "broken": 0}
    for result in results:
        if result.error:
            counts["broken"] += 1
            echo(f"{result.name}: broken: {result.error}", fg="red", bold=True)
            continue
        failed = any(fails(d.findings, config.fail_on) for d in result.drafts)
        counts["failed" if failed else "passed"] += 1
        for d in result.drafts:
            m = d.metrics
            echo(
                f"{result.name}: {d.score}/100 ({'FAIL' if failed else 'pass'}) | "
                f"{m.seconds:g} s | grade {m.grade:g} | {d.prospect} from {result.example}",
                bold=True,
            )
            for f in d.findings:
                echo(f"  {f.severity:<10} {f.check:<16} {f.message}", fg=COLOURS[f.severity])
    echo(
        f"{len(results)} template{'s' * (len(results) != 1)}: "
        + ", ".join(f"{n} {what}" for what, n in counts.items())
    )
    if counts["broken"]:
        sys.exit(2)
    finish([d for r in results for d in r.drafts], config)


@cli.command()
@click.option(
    "--dir",
    "folder",
    default=".",
    type=click.Path(file_okay=False),
    help="Where to write the files (default: here).",
)
def init(folder: str) -> None:
    """Write an example prospects file and config to start from; never overwrites a file.

    The caller goes in the config only (one place to edit). A file already there is left as it
    is; a symlink at either name is refused (init never writes through a link); a folder that
    cannot be written ends in one line, exit 2.
    """
    from .catalog import EXAMPLES_DIR
    from .output.files import OutputError, create_new

    target = Path(folder)
    files = {"prospects.yaml": "starter-prospects.yaml", CONFIG_NAME: CONFIG_NAME}
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{target}: cannot create the folder: {exc.strerror}") from None
    links = [target / name for name in files if (target / name).is_symlink()]
    if links:
        raise InputError(
            f"{links[0]}: is a symlink; init never writes through a link (remove it, or give "
            "--dir another folder)"
        )
    for name, example in files.items():
        dest = target / name
        try:
            written = create_new(dest, (EXAMPLES_DIR / example).read_text(encoding="utf-8"))
        except OutputError as exc:
            raise InputError(str(exc)) from None
        echo(f"{dest}: {'written' if written else 'exists, left as it is'}")
    echo(f"next: voicemail-coach draft {target / 'prospects.yaml'}")


@cli.command()
@click.argument("call_list", type=click.Path())  # the reader refuses folders, in one line
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write the drafts: .jsonl, .csv or .md (written whole or not at all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("jsonl", "csv", "markdown")),
    help="Output format (default: from the --out file's extension).",
)
@click.option("--style", help="Render this style for everyone (default: the recommended one).")
@click.option("--now", help="Treat this ISO time as now (default: the current time).")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: all cores).",
)
@click.option(
    "--caller",
    "caller_file",
    type=click.Path(),  # the reader refuses folders, in one line
    help="A YAML file with the caller: a caller: section, or the mapping itself.",
)
@common_options
@click.pass_context
@handle_errors
def batch(
    ctx: click.Context,
    call_list: str,
    out: str,
    fmt: str | None,
    style: str | None,
    now: str | None,
    jobs: int | None,
    caller_file: str | None,
) -> None:
    """Draft and score the voicemail for every prospect in a call list (YAML or CSV).

    One bad row never stops the others: it is written as an error record naming file:line.
    Exit 1 when a row could not be drafted, 2 when the list cannot be read at all.
    """
    import signal
    import time

    from . import batch as batching
    from .sources import read_caller

    config = settings(ctx)
    caller = read_caller(caller_file) if caller_file else None
    bar: Any = None
    started = time.monotonic()
    done = 0

    def rate(_: Any) -> str:
        elapsed = time.monotonic() - started
        return f"{done / elapsed:,.0f} rows/s" if elapsed > 0 and done else ""

    def on_total(total: int) -> None:
        nonlocal bar, started
        started = time.monotonic()
        bar = click.progressbar(
            length=total,
            label="drafting",
            file=sys.stderr,
            show_pos=True,
            show_eta=True,
            item_show_func=rate,
        )
        bar.__enter__()

    def on_progress(rows: int) -> None:
        nonlocal done
        done += rows
        bar.update(rows, rows)

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # a TERM (a CI timeout, `kill`) cleans up like Ctrl-C

    tty = sys.stderr.isatty()
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        summary = batching.run(
            call_list,
            out,
            fmt=fmt,
            config=config,
            caller=caller,
            now=parse_now(now),
            style=style,
            jobs=jobs,
            progress=on_progress if tty else None,
            on_total=on_total if tty else None,
        )
    except KeyboardInterrupt:
        if bar is not None:
            bar.__exit__(None, None, None)
        click.echo(
            f"voicemail-coach: interrupted; {out} was not written (an earlier one is left "
            "as it was)",
            err=True,
        )
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if bar is not None:
        bar.__exit__(None, None, None)
    click.echo(f"voicemail-coach: {summary.line}", err=True)
    if summary.failed:
        sys.exit(1)
