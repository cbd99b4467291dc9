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
    """Accept --config, --templates, --fail-on, --check and --debug before or after the command."""
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
) -> None:
    """Draft the voicemail to leave for each prospect in a YAML (or CSV) file, scored.

    PROSPECTS defaults to ./prospects.yaml. Drafts are printed as they are made; the slots
    proposed are spread over the file (no slot offered to more than max_per_slot prospects, 5
    unless the config says otherwise). A prospect that cannot be drafted is named on stderr
    with file:line and what to fix; the others are still drafted. Exit 0 when every prospect
    is drafted and passes, 1 when a finding reaches --fail-on, 2 when a prospect could not be
    drafted (or the file is unusable), 3 for a bug.
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
    )
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
) -> None:
    """Draft and score the voicemail for every prospect in a call list (YAML or CSV).

    One bad row never stops the others: it is written as an error record naming file:line.
    The slots proposed are spread over the list, the same whatever --jobs (no slot offered to
    more than max_per_slot prospects).
    The file appears whole or not at all (an interrupt, a hang-up or a dead worker leaves an
    earlier one untouched). Exit 0 when every row is drafted and passes, 1 when a finding
    reaches --fail-on, 2 when a row could not be drafted (or the list is unusable), 3 for a bug.
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
    sys.exit(batching.exit_code(summary))
