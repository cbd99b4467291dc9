"""The voicemail-coach command: parse, call the library, print; nothing else.

Exit codes, for every command: 0 clean; 1 a finding at or above ``--fail-on``; 2 bad input or
usage (including a prospect or row that could not be drafted); 3 a bug in voicemail-coach (one
line says so; ``--debug`` or ``VOICEMAIL_COACH_DEBUG=1`` shows the traceback); 130 interrupted.
"""

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
CHECK_FORMATS = ("text", "json", "sarif", "github")
"""Formats of the commands that check files (score, lint-templates): CI formats too."""
FAIL_ON = ("error", "warning", "suggestion", "never")
CONFIG_NAME = "voicemail-coach.yaml"
DEFAULT_PROSPECTS = "prospects.yaml"
"""What ``draft`` reads when no file is given (``init`` writes it)."""
COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}
EXIT_BUG = 3
DEBUG_VAR = "VOICEMAIL_COACH_DEBUG"


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
    """Accept --config, --templates, --fail-on, --check, --log and --debug before or after it."""
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
        click.option(
            "--log",
            "log",
            type=click.Path(dir_okay=False),
            expose_value=False,
            callback=lambda c, p, v: _merge(c, "log", v),
            help="The touch log file (default: log: in the config; log, due and stats fall "
            "back to $VOICEMAIL_COACH_LOG, else the user data folder).",
        ),
        click.option(
            "--debug",
            "debug",
            is_flag=True,
            default=None,
            expose_value=False,
            callback=lambda c, p, v: _merge(c, "debug", v or None),
            help=f"Show the traceback of an unexpected error (or set {DEBUG_VAR}=1).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def debugging(ctx: click.Context | None = None) -> bool:
    """Return True when --debug or VOICEMAIL_COACH_DEBUG=1 asks for tracebacks."""
    obj = ctx.obj if ctx is not None and isinstance(ctx.obj, dict) else {}
    return bool(obj.get("debug")) or os.environ.get(DEBUG_VAR, "") not in ("", "0")


def quiet_pipe() -> None:
    """Point stdout at /dev/null after the reader went away, so exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner): nothing to flush
        pass


def export_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Add --map HEADER=FIELD (repeatable) and --id COLUMN, for reading a CRM's CSV export."""
    f = click.option(
        "--id", "id_column", metavar="COLUMN", help="For a CSV export: the column with the CRM id."
    )(f)
    return click.option(
        "--map",
        "maps",
        multiple=True,
        metavar="HEADER=FIELD",
        help='For a CSV export: what a column holds, e.g. --map "Call Attempts=attempts" '
        "(repeatable).",
    )(f)


def handle_errors(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every error into one line: the library's (exit 2), the system's (2), a bug (3).

    A closed pipe (``draft | head``) ends quietly with exit 0.
    """

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except VoicemailCoachError as exc:
            raise InputError(str(exc)) from None
        except BrokenPipeError:
            quiet_pipe()
            sys.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as exc:
            import errno

            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                where = f"{exc.filename}: " if exc.filename else ""
                raise InputError(
                    f"{where}cannot write the output: {exc.strerror}; free some space or "
                    "write elsewhere"
                ) from None
            where = f"{exc.filename}: " if exc.filename else ""
            raise InputError(
                f"{where}{exc.strerror or exc}; check the path, its permissions and the free "
                "disk space"
            ) from None
        except Exception as exc:
            if debugging(click.get_current_context(silent=True)):
                raise
            said = " ".join(str(exc).split())[:200]
            click.echo(
                f"voicemail-coach: internal error ({type(exc).__name__}: {said}); this is a "
                f"bug, please report it with the command you ran (--debug shows the traceback)",
                err=True,
            )
            sys.exit(EXIT_BUG)

    return wrapper


def _readable(path: Path, what: str) -> bool:
    """Return whether a config file is there; an unreadable folder is skipped with a warning."""
    try:
        return path.is_file()
    except OSError as exc:
        click.echo(
            f"voicemail-coach: warning: cannot look in {path.parent} ({exc.strerror}); "
            f"skipping the {what} config",
            err=True,
        )
        return False


def _config_path(ctx: click.Context) -> Path | None:
    """Return the config file to read: --config, ./voicemail-coach.yaml, then the user dir."""
    given = ctx.obj.get("config")
    if given:
        return Path(given)
    local = Path(CONFIG_NAME)
    if _readable(local, "local"):
        return local
    user = Path(click.get_app_dir("voicemail-coach")) / "config.yaml"
    return user if _readable(user, "user") else None


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


def terminal_width() -> int:
    """Return the columns to wrap text at: $COLUMNS, else the terminal's, else 88."""
    import shutil

    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if sys.stdout.isatty():
        return shutil.get_terminal_size((88, 24)).columns
    return 88


def text_options() -> tuple[tuple[str, Any], ...]:
    """Return the text writer's options: the width, and colour unless NO_COLOR says no."""
    return (("width", terminal_width()), ("colour", use_colour() is not False))


def write(text: str) -> None:
    """Write output text as it comes; colour is stripped unless stdout is a terminal."""
    if text:
        click.echo(text, nl=False, color=use_colour())


def warn(message: str) -> None:
    """Print one message line on stderr."""
    click.echo(f"voicemail-coach: {message}", err=True)


def parse_now(value: str | None) -> Any:
    """Read --now: an ISO time with or without an offset."""
    from .clock import read_now

    try:
        return read_now(value, "--now")
    except VoicemailCoachError as exc:
        raise InputError(exc.message) from None


def _mapping(maps: tuple[str, ...]) -> dict[str, str] | None:
    """Read the --map options ("HEADER=field"), or None when none are given."""
    if not maps:
        return None
    from .sources import parse_mapping

    return parse_mapping(maps)


def pick_name(names: Iterable[str | None], name: str) -> str:
    """Return the one prospect name that matches (exactly, else in part; case-insensitive)."""
    known = [n for n in names if n]
    wanted = name.casefold().strip()
    exact = [n for n in known if n.casefold() == wanted]
    found = exact or [n for n in known if wanted in n.casefold()]
    listed = ", ".join(known)
    if not found:
        raise InputError(f"no prospect named '{name}'; the file has: {listed}")
    if len(found) > 1:
        raise InputError(
            f"'{name}' matches {len(found)} prospects: {', '.join(found)}; give more of the name"
        )
    return found[0]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.version_option(__version__, "--version", prog_name="voicemail-coach")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Write and coach sales voicemails that end phone tag."""
    ctx.ensure_object(dict)


DRAFT_FORMATS = ("text", "json", "markdown", "jsonl", "csv")


@cli.command()
@click.argument("prospects", required=False, default=None, type=click.Path(allow_dash=False))
@click.option("--style", help="Render this style (default: the recommended one).")
@click.option(
    "--all",
    "all_styles",
    is_flag=True,
    help="Render every style the prospect's data allows; name each one skipped and why.",
)
@click.option("--prospect", "name", help="Only the prospect with this name (case-insensitive).")
@click.option("--now", help="Treat this ISO time as now (default: the current time).")
@click.option(
    "--format", "fmt", type=click.Choice(DRAFT_FORMATS), default="text", show_default=True
)
@export_options
@click.option(
    "--ics",
    "ics_file",
    type=click.Path(dir_okay=False),
    help="Also write calendar holds (.ics) for the slots offered.",
)
@common_options
@click.pass_context
@handle_errors
def draft(
    ctx: click.Context,
    prospects: str | None,
    style: str | None,
    all_styles: bool,
    name: str | None,
    now: str | None,
    fmt: str,
    maps: tuple[str, ...],
    id_column: str | None,
    ics_file: str | None,
) -> None:
    """Draft the voicemail to leave for each prospect in a YAML (or CSV) file, scored.

    PROSPECTS defaults to ./prospects.yaml. Drafts are printed as they are made; the slots
    proposed are spread over the file (no slot offered to more than max_per_slot prospects, 5
    unless the config says otherwise). A prospect that cannot be drafted is named on stderr
    with file:line and what to fix; the others are still drafted. Exit 0 when every prospect
    is drafted and passes, 1 when a finding reaches --fail-on, 2 when a prospect could not be
    drafted (or the file is unusable), 3 for a bug.

    With a touch log (--log, or log: in the config) each draft follows the cycle (attempt
    number, style, new slots, no repeated content) and is kept as the script that
    `log --outcome left-voicemail` records (not with --all). Without one, nothing is kept.
    """
    from . import batch

    if style and all_styles:
        raise InputError("give --style NAME or --all, not both")
    if prospects is None:
        prospects = DEFAULT_PROSPECTS
        if not Path(prospects).exists():
            raise InputError(
                f"no prospects file given and ./{DEFAULT_PROSPECTS} not found; run "
                "voicemail-coach init to write one here, or give the file: voicemail-coach "
                "draft FILE"
            )
    if not prospects.strip():
        raise InputError("no file named: give the prospects file (.yaml or .csv)")
    config = settings(ctx)
    moment = parse_now(now)
    keep: Callable[[str | None], bool] | None = None
    if name is not None:
        from .sources import open_list

        listing = open_list(prospects, _mapping(maps), id_column)
        chosen = pick_name((r.name for r in listing.rows()), name).casefold()
        keep = lambda n: (n or "").casefold() == chosen  # noqa: E731
    said: set[str] = set()

    def once(message: str) -> None:  # a template broken for everyone is said once
        if message not in said:
            said.add(message)
            warn(message)

    reading = batch.Reading(_mapping(maps), id_column, lambda note: warn(f"note: {note}"))
    planned: list[Any] | None = [] if ics_file else None
    touches, cycle = cycle_run(ctx, config, keep=not all_styles, ics=planned)
    try:
        counts = batch.stream(
            prospects,
            write,
            fmt=fmt,
            config=config,
            now=moment,
            style=style,
            every=all_styles,
            names=keep,
            errors=once,
            options=text_options() if fmt == "text" else (),
            reading=reading,
            cycle=cycle,
        )
    finally:
        if touches is not None:
            touches.close()
    if ics_file and planned is not None:
        held = write_ics(ics_file, planned, [("the prospects file", prospects)])
        warn(f"{held} calendar hold{'s' * (held != 1)} written to {ics_file}")
    if counts.failed and counts.drafted:
        where = "see above" if fmt == "text" else "see the error records"
        warn(
            f"{counts.failed} of {counts.drafted + counts.failed} drafts could not be made "
            f"({where}); the others are printed"
        )
    sys.exit(batch.exit_code(counts))


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--caller-phone", help="Check that the number said is this one.")
@click.option("--style", help="Apply this style's check levels.")
@click.option("--now", help="Treat this ISO time as now, to judge whether a slot is ahead.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
    help="sarif: SARIF 2.1.0 for code scanning; github: workflow annotations.",
)
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
    """Score a hand-written voicemail script (FILE, or - for standard input).

    A line of its own such as ``# voicemail-coach: off weak-phrases`` (or ``<!-- ... -->``)
    switches a check off for this script; it is not scored, and the switch is named on
    stderr. Exit 0 when it passes, 1 when a finding reaches --fail-on, 2 for unusable input.
    """
    from .api import score as score_text
    from .directives import read_script, switch_off
    from .output.writer import Counts, writer_for

    config = settings(ctx)
    if style is not None:  # an unknown style is said before anyone types a script
        from .catalog import get_style

        get_style(style, config.templates)
    path = None if file == "-" else file
    script = read_script(_read_script(file), path)
    for off in script.offs:
        warn(str(off))
    config = switch_off(config, script.offs)
    if not script.text.strip():
        raise InputError(f"{path or 'standard input'}: nothing to score (only inline comments)")
    d = score_text(
        script.text, caller_phone=caller_phone, style=style, now=parse_now(now), config=config
    )
    if fmt == "json":
        out = writer_for("json")
        write(out.header() + out.result(d) + out.footer(Counts()))
    elif fmt in ("sarif", "github"):
        from dataclasses import replace

        from .output.sarif import Document

        moved = [replace(f, span=script.to_file(f.span)) if f.span else f for f in d.findings]
        write(ci_report(fmt, [Document(path, script.original, moved, line=1)]))
    else:
        from .output.text import TextWriter

        write(TextWriter(**dict(text_options())).draft(d))
    sys.exit(0 if d.passed else 1)


MAX_SCRIPT = 1 << 20
"""The most `score` reads (1 MiB): reads are bounded by bytes read, so /dev/zero or an endless
pipe is refused instead of filling memory."""


def _read_file(file: str) -> bytes:
    """Read at most MAX_SCRIPT + 1 bytes of a regular file; refuse FIFOs and devices."""
    import stat

    with open(file, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(file)
        if not stat.S_ISREG(mode):
            raise InputError(
                f"{file}: is not a regular file (a FIFO or a device); give a text file, or - "
                "for standard input"
            )
        return handle.read(MAX_SCRIPT + 1)


def ci_report(fmt: str, documents: list[Any]) -> str:
    """Return the SARIF 2.1.0 log (``sarif``) or the workflow annotations (``github``)."""
    if fmt == "github":
        from .output.github import documents_to_github

        return documents_to_github(documents)
    from .checks import CHECKS
    from .output.sarif import documents_to_sarif, rules_for

    return documents_to_sarif(documents, rules_for(CHECKS), tool_version=__version__)


def _read_script(file: str) -> str:
    """Read a script from a file or standard input as UTF-8; refuse empty input."""
    where = "standard input" if file == "-" else file
    try:
        if file == "-":
            if sys.stdin.isatty():
                click.echo(
                    "voicemail-coach: reading the script from standard input; type or paste "
                    "it, then press Ctrl-D",
                    err=True,
                )
            raw = sys.stdin.buffer.read(MAX_SCRIPT + 1)
        else:
            raw = _read_file(file)
    except FileNotFoundError:
        raise InputError(f"{file}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(
            f"{file}: is a folder; give a text file, or - for standard input"
        ) from None
    except OSError as exc:
        raise InputError(f"{where}: cannot read: {exc.strerror}") from None
    if len(raw) > MAX_SCRIPT:
        raise InputError(
            f"{where}: is over {MAX_SCRIPT // 1024:,} KiB; a voicemail script is one paragraph"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{where}: is not UTF-8 text; save it as UTF-8") from None
    if not text.strip():
        raise InputError(f"{where}: nothing to score (the script is empty)")
    return text


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
    uses = fields(s, templates)  # a template that does not compile is said before anything
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


_HARD_EXIT = False
"""Set when a batch worker died: exit without waiting for the worker pool's threads."""


def main() -> None:
    """Run the command line."""
    try:
        cli(prog_name="voicemail-coach")
    except BrokenPipeError:  # the reader went away while click was writing
        quiet_pipe()
        sys.exit(0)
    except SystemExit as exc:
        if _HARD_EXIT:  # everything is said and cleaned up; a stuck pool thread must not hang us
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exc.code if isinstance(exc.code, int) else 2)
        raise


@cli.command(name="lint-templates")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--now", help="Treat this ISO time as now (default: the current time).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
    help="sarif: SARIF 2.1.0 for code scanning; github: workflow annotations.",
)
@common_options
@click.pass_context
@handle_errors
def lint_templates(ctx: click.Context, folder: str, now: str | None, fmt: str) -> None:
    """Render each template in FOLDER against example data, score it, report what to fix.

    A comment such as ``{# voicemail-coach: off weak-phrases #}`` in a template switches a
    check off for it; each switch is named on stderr. Exit 0 when every template renders and
    passes, 1 when a finding reaches --fail-on, 2 when a template is broken.
    """
    from .lint import lint_folder

    config = settings(ctx)
    results = lint_folder(folder, config=config, now=parse_now(now))
    if not results:
        raise InputError(f"{folder}: no templates (*.j2 files) found")
    counts = {"passed": 0, "failed": 0, "broken": 0}
    for result in results:
        if result.error:
            counts["broken"] += 1
        elif all(d.passed for d in result.drafts):
            counts["passed"] += 1
        else:
            counts["failed"] += 1
    for result in results:
        for off in result.offs:
            warn(str(off))
    if fmt == "json":
        click.echo(json.dumps({"templates": [r.to_dict() for r in results]}, indent=2))
    elif fmt in ("sarif", "github"):
        write(ci_report(fmt, [doc for r in results for doc in r.documents()]))
    else:
        from .output.text import TextWriter

        out = TextWriter(**dict(text_options()))
        for result in results:
            if result.error:
                write(
                    out.style(f"{result.name}: broken: {result.error}", fg="red", bold=True) + "\n"
                )
                continue
            for d in result.drafts:
                extra = f" | {d.prospect} from {result.example}"
                write(out.style(f"{result.name}: ", bold=True) + out.score_line(d, extra) + "\n")
                write("".join(f"{line}\n" for line in out.finding_lines(d)))
        echo(
            f"{len(results)} template{'s' * (len(results) != 1)}: "
            + ", ".join(f"{n} {what}" for what, n in counts.items())
        )
    if counts["broken"]:
        sys.exit(2)
    sys.exit(1 if counts["failed"] else 0)


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


def progress_bar(total: int, rate: Callable[[Any], str], columns: int) -> Any:
    """Return batch's progress bar on stderr, narrow enough for a terminal `columns` wide.

    Label, position, percent, eta and rate take about 60 columns; a line wider than the
    terminal would wrap, and every redraw would stack a new line.
    """
    return click.progressbar(
        length=total,
        label="drafting",
        file=sys.stderr,
        show_pos=True,
        show_eta=True,
        item_show_func=rate,
        width=max(5, min(36, columns - 62 - 2 * len(f"{total}"))),
    )


@cli.command()
@click.argument("call_list", type=click.Path())  # the reader refuses folders, in one line
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(),
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
@export_options
@click.option(
    "--ics",
    "ics_file",
    type=click.Path(dir_okay=False),
    help="Also write calendar holds (.ics) for the slots offered.",
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
    maps: tuple[str, ...],
    id_column: str | None,
    ics_file: str | None,
) -> None:
    """Draft and score the voicemail for every prospect in a call list (YAML or CSV).

    One bad row never stops the others: it is written as an error record naming file:line.
    The slots proposed are spread over the list, the same whatever --jobs (no slot offered to
    more than max_per_slot prospects).
    The file appears whole or not at all (an interrupt, a hang-up or a dead worker leaves an
    earlier one untouched). Exit 0 when every row is drafted and passes, 1 when a finding
    reaches --fail-on, 2 when a row could not be drafted (or the list is unusable), 3 for a bug.
    With a touch log (--log, or log: in the config) the drafts follow the cycle, as with
    draft; batch does not keep them for `log` (draft the prospects you will call).
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
        import shutil

        bar = progress_bar(total, rate, shutil.get_terminal_size((80, 24)).columns)
        bar.__enter__()

    def on_progress(rows: int) -> None:
        nonlocal done
        done += rows
        bar.update(rows, rows)

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # TERM (a CI timeout, `kill`) or HUP cleans up like Ctrl-C

    planned: list[Any] | None = [] if ics_file else None
    touches, cycle = cycle_run(ctx, config, keep=False, ics=planned)
    if touches is not None:
        touches.close()  # the histories are read: no database handle crosses into workers
    tty = sys.stderr.isatty()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
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
            inputs=[("the caller file", caller_file)] if caller_file else (),
            reading=batching.Reading(
                _mapping(maps),
                id_column,
                lambda note: click.echo(f"voicemail-coach: note: {note}", err=True),
            ),
            cycle=cycle,
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
    except VoicemailCoachError as exc:
        if bar is not None:
            bar.__exit__(None, None, None)
        if isinstance(exc, batching.WorkerDied):
            global _HARD_EXIT  # the pool's reader may wait forever on a half-sent result
            _HARD_EXIT = True
        raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if bar is not None:
        bar.__exit__(None, None, None)
    click.echo(f"voicemail-coach: {summary.line}", err=True)
    if ics_file and planned is not None:
        held = write_ics(ics_file, planned, [("the call list", call_list), ("the output", out)])
        warn(f"{held} calendar hold{'s' * (held != 1)} written to {ics_file}")
    sys.exit(batching.exit_code(summary))


# --- the follow-up cycle: the touch log, who is due, what works -------------------------------


def log_file(ctx: click.Context, config: Any, *, fallback: bool) -> Path | None:
    """Return the touch log to use: --log, else the config's log:, else (with `fallback`) the
    default ($VOICEMAIL_COACH_LOG, else the user data folder); None when none is named."""
    given = ctx.obj.get("log") or config.log
    if given:
        return Path(given)
    if not fallback:
        return None
    from .touches.log import default_path

    return default_path()


def open_log(ctx: click.Context, config: Any) -> Any:
    """Open the touch log ``log``, ``due`` and ``stats`` use (the default one if none is named)."""
    from .touches.log import TouchLog

    path = log_file(ctx, config, fallback=True)
    assert path is not None
    return TouchLog(path, config.outcomes)


def cadence_of(config: Any) -> Any:
    """Return the config's cadence: parsed ``cadence:``, else the default one."""
    from .touches.cadence import DEFAULT_CADENCE, parse_cadence

    if config.cadence is None:
        return DEFAULT_CADENCE
    return parse_cadence(config.cadence, config.cadence_where or "cadence")


def closed_days(config: Any, caller: Any) -> Callable[[Any], str | None]:
    """Return the caller's day-off test: public holidays of their country, and ``days_off``."""
    from .schedule.holidays import Calendar, parties
    from .schedule.zones import country_of

    country, subdivision = country_of(caller, None)
    whose = caller.name if caller else ""
    return Calendar(parties([(country, subdivision, whose)]), config.days_off).closed


def cycle_run(
    ctx: click.Context, config: Any, *, keep: bool, ics: list[Any] | None
) -> tuple[Any, Any]:
    """Return (the open touch log or None, the run's `batch.Cycle` or None).

    The log is used by ``draft`` and ``batch`` only when one is named (--log or log: in the
    config): then each prospect's history shapes the draft, and (with `keep`) every draft is
    kept as the script ``log --outcome left-voicemail`` records. `ics` collects the planned
    steps for --ics.
    """
    path = log_file(ctx, config, fallback=False)
    if path is None and ics is None:
        return None, None
    from .batch import Cycle

    def planned(prospect: Any, step: Any) -> None:
        assert ics is not None
        ics.append((prospect, step))

    if path is None:
        return None, Cycle(planned=planned)
    from .touches.history import Histories
    from .touches.log import Drafted, TouchLog, prospect_key, utc_now

    touches = TouchLog(path, config.outcomes)
    histories = Histories(touches, cadence_of(config))

    def kept(prospect: Any, step: Any, d: Any) -> None:
        drafted = Drafted(prospect_key(prospect), utc_now(), d.style or "", d.text, step.slots)
        touches.keep_draft(drafted)

    return touches, Cycle(
        histories.of,
        histories.held(),
        planned if ics is not None else None,
        kept if keep else None,
    )


def write_ics(target: str, planned: list[Any], inputs: Iterable[tuple[str, Any]] = ()) -> int:
    """Write the calendar holds of the planned steps to `target` atomically; return how many."""
    from .output.files import OutputError, write_file
    from .schedule.ics import Hold, calendar
    from .touches.log import prospect_key, utc_now

    holds = [
        Hold(prospect_key(p), p.name, p.company, slot, p.phone)
        for p, step in planned
        for slot in step.slots
    ]
    try:
        write_file(target, calendar(holds, utc_now()).decode("utf-8"), inputs=inputs)
    except OutputError as exc:
        raise InputError(str(exc)) from None
    return len(holds)


def _people(path: str, config: Any) -> tuple[list[Any], Any]:
    """Return the prospects of a file (a bad row is said on stderr and skipped) and its caller."""
    from .sources import open_list, to_prospect

    listing = open_list(path)
    people = []
    for row in listing.rows():
        if row.error is not None:
            warn(row.error)
            continue
        try:
            people.append(to_prospect(row))
        except VoicemailCoachError as exc:
            warn(str(exc))
    return people, listing.caller or config.caller


def _moment(value: str | None, caller: Any, option: str) -> Any:
    """Read an ISO time option (naive: the caller's zone); None means now."""
    from . import schedule
    from .clock import read_now
    from .touches.log import utc_now

    if value is None:
        return utc_now()
    try:
        moment = read_now(value, option)
    except VoicemailCoachError as exc:
        raise InputError(exc.message) from None
    return schedule.resolve_now(moment, caller).replace(microsecond=0)


def _template_of(style: str | None, config: Any) -> str | None:
    """Return the template file a style name renders now ('built-in follow-up.j2')."""
    from .catalog import styles

    found = styles(config.templates).get(style or "")
    if found is None:
        return None
    return f"built-in {found.path.name}" if found.origin == "built-in" else str(found.path)


@cli.command(name="log")
@click.argument("prospects", required=False, type=click.Path(dir_okay=False))
@click.option("--prospect", "name", help="The prospect called (case-insensitive, in part).")
@click.option("--outcome", help="How the call ended: left-voicemail, no-answer, connected, ...")
@click.option("--when", help="When the call was made (ISO; default: now; naive: your zone).")
@click.option("--note", help="A note to keep with the attempt.")
@click.option(
    "--export", "export_to", type=click.Path(dir_okay=False), help="Write every attempt as CSV."
)
@click.option(
    "--import",
    "import_from",
    type=click.Path(dir_okay=False),
    help="Add the attempts of a CSV (this tool's export, or a CRM's call activity).",
)
@common_options
@click.pass_context
@handle_errors
def log_command(
    ctx: click.Context,
    prospects: str | None,
    name: str | None,
    outcome: str | None,
    when: str | None,
    note: str | None,
    export_to: str | None,
    import_from: str | None,
) -> None:
    """Record a call in the touch log, or exchange the log with a CRM as CSV.

    `log PROSPECTS --prospect NAME --outcome OUTCOME` records one attempt. For left-voicemail
    the script recorded is the one `draft --log` last produced for that prospect, with its
    style and slots (draft it first). `log --export FILE.csv` writes every attempt;
    `log --import FILE.csv` adds a CSV's attempts (HubSpot's, Close's, Gong's dispositions are
    understood). Outcomes: left-voicemail, no-answer, connected, meeting-booked, called-back,
    wrong-number, not-interested, and the config's outcomes:.
    """
    config = settings(ctx)
    modes = [m for m in (export_to, import_from, outcome) if m]
    if len(modes) != 1:
        raise InputError(
            "give one of --outcome OUTCOME (with PROSPECTS and --prospect), --export FILE.csv "
            "or --import FILE.csv"
        )
    with open_log(ctx, config) as touches:
        if export_to:
            _export(touches, export_to)
        elif import_from:
            _import(touches, import_from, config)
        else:
            assert outcome is not None
            _record(ctx, touches, config, prospects, name, outcome, when, note)


def _export(touches: Any, target: str) -> None:
    import io

    from .output.files import OutputError, write_file
    from .touches.exchange import export_csv

    buffer = io.StringIO(newline="")
    count = export_csv(touches, buffer)
    try:
        write_file(target, buffer.getvalue(), inputs=[("the touch log", touches.path)])
    except OutputError as exc:
        raise InputError(str(exc)) from None
    echo(f"{count} attempt{'s' * (count != 1)} exported to {target}")


def _import(touches: Any, source: str, config: Any) -> None:
    from .schedule import caller_zone
    from .touches.exchange import import_csv

    zone = caller_zone(config.caller)[0]
    report = import_csv(touches, source, *([zone] if zone else []))
    for problem in report.problems:
        warn(problem)
    echo(f"{source}: {report.line()}")
    if report.problems:
        sys.exit(2)


def _record(
    ctx: click.Context,
    touches: Any,
    config: Any,
    prospects: str | None,
    name: str | None,
    outcome: str,
    when: str | None,
    note: str | None,
) -> None:
    from .touches.cadence import status
    from .touches.log import Attempt, prospect_key

    if not prospects or not name:
        raise InputError("give the prospects file and --prospect NAME to log a call")
    word = touches.check_outcome(outcome)
    people, caller = _people(prospects, config)
    chosen = pick_name((p.name for p in people), name)
    prospect = next(p for p in people if p.name == chosen)
    key = prospect_key(prospect)
    at = _moment(when, caller, "--when")
    earlier = touches.attempts(key)
    style = script = None
    slots: tuple[Any, ...] = ()
    if word == "left-voicemail":
        drafted = touches.last_draft(key)
        if drafted is None:
            raise InputError(
                f"no draft kept for {chosen} in {touches.path}; draft it first: "
                f'voicemail-coach draft {prospects} --prospect "{chosen}" --log {touches.path}'
            )
        same = [a for a in earlier if a.script == drafted.script]
        if same:
            raise InputError(
                f"the last draft for {chosen} was already left on {same[-1].at:%a %Y-%m-%d}; "
                f"draft again first (a script is never left twice)"
            )
        passed = [slot.astimezone(at.tzinfo) for slot in drafted.slots if slot <= at]
        if passed:
            raise InputError(
                f"the last draft for {chosen} offers {passed[0]:%a %Y-%m-%d %H:%M}, which is "
                f"past at {at:%a %Y-%m-%d %H:%M}; draft again first (a passed slot is never "
                "offered)"
            )
        style, script, slots = drafted.style, drafted.script, drafted.slots
        template = _template_of(style, config)
        if template:
            note = "; ".join(p for p in (note, f"template: {template}") if p)
    attempt = Attempt(key, prospect.name, prospect.company, at, word, style, script, slots, note)
    if not touches.record(attempt):
        echo(f"already in the log: {chosen}, {word} at {at.isoformat()}")
        return
    offered = f" ({style}; offered {', '.join(f'{s:%a %H:%M}' for s in slots)})" if slots else ""
    echo(f"logged {chosen}: {word} {at:%a %Y-%m-%d %H:%M}{offered}")
    cadence = cadence_of(config)
    closed = closed_days(config, caller)
    after = status(key, [*earlier, attempt], at.date(), cadence, lambda d: bool(closed(d)))
    echo(f"next: {after if isinstance(after, str) else after.reason}")


@cli.command()
@click.argument("prospects", required=False, type=click.Path(dir_okay=False))
@click.option("--on", "on", metavar="DATE", help="The day to list, YYYY-MM-DD (default: today).")
@click.option("--format", "fmt", type=click.Choice(FORMATS[:2]), default="text", show_default=True)
@common_options
@click.pass_context
@handle_errors
def due(ctx: click.Context, prospects: str | None, on: str | None, fmt: str) -> None:
    """List who to call on a day and why, east first; a promised callback at its time.

    With PROSPECTS, everyone in it not yet called is due for a first attempt; without it,
    the prospects of the touch log. The cadence (cadence: in the config, else calls on days
    1, 3, 7, 14 and 21) decides who is due; weekends and the caller's public holidays and
    days_off have nobody due. Times are the caller's; each prospect's own is given too.
    """
    from datetime import date

    from .models import Prospect
    from .touches.agenda import agenda
    from .touches.log import utc_now

    config = settings(ctx)
    caller = config.caller
    people: list[Any] = []
    if prospects:
        people, caller = _people(prospects, config)
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise InputError(f"--on: cannot read the date '{on}'; write it like 2026-11-26") from None
    from .schedule import caller_zone
    from .touches.log import prospect_key

    zone = caller_zone(caller)[0]
    if day is None:
        day = utc_now().astimezone(zone).date() if zone else utc_now().date()
    closed = closed_days(config, caller)
    with open_log(ctx, config) as touches:
        by_key: dict[str, list[Any]] = {}
        for a in touches.iter_attempts():
            by_key.setdefault(a.prospect, []).append(a)
    pairs = [(prospect_key(p), p) for p in people]
    if not prospects:
        pairs = [(k, Prospect(found[-1].name, found[-1].company)) for k, found in by_key.items()]
    calls = agenda(pairs, lambda k: by_key.get(k, []), day, caller, cadence_of(config), closed)
    if fmt == "json":
        doc = {
            "on": day.isoformat(),
            "closed": _closed(day, closed),
            "calls": [c.to_dict() for c in calls],
        }
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    why = _closed(day, closed)
    if why:
        echo(f"{day:%A %Y-%m-%d}: {why}; nobody is called")
        return
    if not calls:
        echo(f"{day:%A %Y-%m-%d}: nobody is due")
        return
    yours = f"your time, {zone.key}" if zone else "UTC"
    echo(f"{day:%A %Y-%m-%d}: {len(calls)} to call, east first ({yours})", bold=True)
    for c in calls:
        mine = c.at.astimezone(zone) if zone else c.at
        theirs = c.at.astimezone(c.zone)
        echo(
            f"  {mine:%H:%M}  {c.prospect.name} ({c.prospect.company}), {theirs:%H:%M} "
            f"{c.zone.key}: {c.reason}"
        )


def _closed(day: Any, closed: Callable[[Any], str | None]) -> str | None:
    """Return why nobody is called on a day (a weekend, a holiday, a day off), or None."""
    if day.weekday() >= 5:
        return "a weekend"
    return closed(day)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS[:2]), default="text", show_default=True)
@common_options
@click.pass_context
@handle_errors
def stats(ctx: click.Context, fmt: str) -> None:
    """Report what works: voicemails left, callbacks and meetings per style and per template.

    A callback or meeting counts for the last voicemail left for that prospect before it.
    Every rate shows the counts behind it; under 10 voicemails it says "not enough data".
    """
    from .touches.report import MIN_VOICEMAILS, report

    config = settings(ctx)
    with open_log(ctx, config) as touches:
        found = report(touches.iter_attempts())
        path = touches.path
    if fmt == "json":
        doc = {
            "log": str(path),
            "attempts": found.attempts,
            "min_voicemails": MIN_VOICEMAILS,
            "styles": [t.to_dict() for t in found.styles],
            "templates": [t.to_dict() for t in found.templates],
        }
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    left = sum(t.voicemails for t in found.styles)
    echo(
        f"{path}: {found.attempts} attempt{'s' * (found.attempts != 1)}, {left} "
        f"voicemail{'s' * (left != 1)} left",
        bold=True,
    )
    for title, tallies in (("by style", found.styles), ("by template", found.templates)):
        echo(f"{title}:")
        if not tallies:
            echo("  no voicemails logged yet")
        for t in tallies:
            echo(
                f"  {t.name}: {t.voicemails} voicemail{'s' * (t.voicemails != 1)}; callbacks "
                f"{t.rate(t.callbacks)}; meetings {t.rate(t.meetings)}"
            )
