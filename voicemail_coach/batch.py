"""Draft and score a whole call list: worker processes, per-row errors, an all-or-nothing file.

The parent process stays light: it reads rows (CSV cells, or YAML prospects it validated) and
hands them out in chunks; worker processes validate, render, score and format each row, and send
back finished text, which the parent writes in input order to a temporary file beside the
output. The file is renamed into place only when every row is done, so an interrupt or a crash
leaves an earlier output untouched and no partial file behind.

A row that cannot be drafted (bad data, a past slot, a template that fails for it) becomes an
error record naming ``file:line``; the other rows go on.

Decisions where the spec is silent:

- "now" is fixed once for the whole run (``--now``, else the current time when the run starts),
  so every row sees the same clock and the output does not depend on how long the run takes.
- The caller comes from ``caller`` (``--caller FILE``), else the YAML list's own ``caller:``,
  else the config's.
- The exit status counts rows, not findings: 1 when a row could not be drafted. A draft whose
  findings reach ``--fail-on`` is still written, with ``"passed": false``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from . import schedule as slots
from .catalog import (
    MAX_OUTPUT,
    Style,
    get_style,
    missing_fields,
    new_environment,
    render,
    search_path,
    styles,
)
from .config import Config
from .errors import ConfigError, DataError, VoicemailCoachError
from .models import Caller, Draft, Prospect
from .policy.recommend import choose, rules
from .review import DEFAULT_CONFIG, review
from .sources import Row, open_list, to_prospect

FORMATS = ("jsonl", "csv", "markdown")
EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
}
CSV_COLUMNS = (
    "row",
    "prospect",
    "style",
    "score",
    "passed",
    "seconds",
    "text",
    "findings",
    "error",
)
CHUNK_ROWS = 200
"""Rows sent to a worker at a time: big enough that handing out costs little, small enough for
a smooth progress bar and an even split of short lists."""
_STEP_CACHE = 4096


class Interrupted(Exception):
    """A worker was interrupted (Ctrl-C): carried to the parent, which stops the run."""


# --- drafting -------------------------------------------------------------------------------


class Drafter:
    """Draft many prospects for one caller at one moment, reusing what repeats between them.

    ``draft(p)`` gives what ``api.draft(p, style, caller, now, config=config)`` gives. Kept
    once: each style with its merged check settings, its compiled template, and the next step
    for each (time zone, hours) of prospects without explicit slots (it depends on nothing
    else of theirs, and proposing costs a millisecond).
    """

    def __init__(
        self,
        caller: Caller,
        now: datetime | None = None,
        *,
        config: Config = DEFAULT_CONFIG,
        style: str | None = None,
    ) -> None:
        self.caller = caller
        self.config = config
        self.templates = tuple(config.templates)
        self.moment = slots.resolve_now(now, caller)
        self.forced = style
        self.rules = rules(styles(self.templates).values()) if style is None else {}
        self._styles: dict[str, tuple[Style, Config, Any]] = {}
        self._steps: dict[tuple[str, Any], slots.NextStep] = {}
        if style is not None:
            self.style(style)

    def style(self, name: str) -> tuple[Style, Config, Any]:
        """Return a style, its check settings and its compiled template (or None), once."""
        found = self._styles.get(name)
        if found is None:
            chosen = get_style(name, self.templates)
            merged = self.config.for_style(chosen.checks, str(chosen.path))
            found = self._styles[name] = (chosen, merged, self._compile(chosen))
        return found

    def _compile(self, chosen: Style) -> Any:
        """Return the style's template in an environment of our own that does not re-check
        files on every render (a run does not wait for template edits); None if it fails."""

        dirs = tuple(f.path for f in search_path(self.templates))
        if chosen.path.parent not in dirs:
            dirs = (chosen.path.parent, *dirs)
        try:
            env = new_environment(dirs)  # refuses non-regular template files
            env.auto_reload = False
            return env.get_template(chosen.path.name)
        except Exception:  # styles.render reports it, row by row
            return None

    def next_step(self, prospect: Prospect) -> slots.NextStep:
        """Return the proposed next step, shared by prospects in one zone with the same hours."""
        if prospect.slots:
            return slots.next_step(self.caller, prospect, self.moment)
        zone, note = slots.zone_for(prospect, self.caller)
        key = (zone.key, prospect.hours)
        step = self._steps.get(key)
        if step is None:
            step = slots.next_step(self.caller, prospect, self.moment)
            if len(self._steps) >= _STEP_CACHE:
                self._steps.clear()
            self._steps[key] = step
            return step
        return replace(step, notes=(note,) if note else ())

    def render(self, chosen: Style, template: Any, prospect: Prospect, step: str) -> str:
        """Render like styles.render; on any trouble let styles.render raise its located error."""
        from . import sandbox
        from .text import one_paragraph

        args = {"caller": self.caller, "prospect": prospect, "next_step": step, "now": self.moment}
        if template is not None and not missing_fields(chosen, self.caller, prospect):
            try:
                with sandbox.budget():
                    chunks = []
                    size = 0
                    for chunk in template.generate(**args):
                        size += len(chunk)
                        if size > MAX_OUTPUT:
                            break
                        chunks.append(chunk)
                    else:
                        return one_paragraph("".join(chunks))
            except Exception:  # styles.render below names the problem
                pass
        return render(chosen, templates=self.templates, **args)

    def draft(self, prospect: Prospect) -> Draft:
        """Render and score the voicemail for one prospect."""
        from .api import judge

        picked = None
        name = self.forced
        if name is None:
            picked = choose(prospect, self.rules, self.caller)
            name = picked.style
        chosen, merged, template = self.style(name)
        step = self.next_step(prospect)
        text = self.render(chosen, template, prospect, step.text)
        return judge(text, self.caller, prospect, chosen.name, merged, self.moment, step, picked)

    def warm(self) -> None:
        """Load what every draft needs (dictionary, patterns, templates) before workers fork."""
        from . import readability

        readability._dictionary()
        review(
            "Hi Dana, this is Freda from ABC Company, 901-555-2120. Would Tuesday at 3 or 4 "
            "p.m. work? Call me at 901-555-2120, nine oh one, five five five, two one two zero.",
            caller_phone=self.caller.phone,
            now=self.moment,
        )
        names = (
            [self.forced]
            if self.forced
            else ["referral", "third-party", "warm-cold-call", "straight-pitch"]
        )
        for name in names:
            with contextlib.suppress(VoicemailCoachError):
                self.style(name)


# --- output formats -------------------------------------------------------------------------


def _where(error: VoicemailCoachError | str, row: Row, source: str) -> str:
    """Return an error message that names the row's file:line first."""
    said = str(error)
    return said if said.startswith(f"{source}:") else f"{source}:{row.line}: {said}"


class JsonLines:
    """One JSON object per line: a draft (like Draft.to_dict(), with row and reason) or an error."""

    name = "jsonl"

    def header(self) -> str:
        return ""

    def draft(self, row: Row, d: Draft) -> str:
        record: dict[str, Any] = {
            "row": row.number,
            "prospect": d.prospect,
            "style": d.style,
            "reason": d.reason,
        }
        record.update(d.to_dict())
        return json.dumps(record, ensure_ascii=False) + "\n"

    def error(self, row: Row, message: str) -> str:
        return (
            json.dumps(
                {"row": row.number, "prospect": row.name, "error": message}, ensure_ascii=False
            )
            + "\n"
        )

    def summary(self, summary: Summary) -> str | None:
        return None


class CsvRows:
    """A flat table: one line per row, findings as 'level check: message' joined by ' | '."""

    name = "csv"

    def _line(self, values: Iterable[Any]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(values)
        return buffer.getvalue()

    def header(self) -> str:
        return self._line(CSV_COLUMNS)

    def draft(self, row: Row, d: Draft) -> str:
        said = " | ".join(f"{f.severity} {f.check}: {f.message}" for f in d.findings)
        return self._line(
            (
                row.number,
                d.prospect,
                d.style,
                d.score,
                "true" if d.passed else "false",
                d.metrics.seconds,
                d.text,
                said,
                "",
            )
        )

    def error(self, row: Row, message: str) -> str:
        return self._line((row.number, row.name or "", "", "", "", "", "", "", message))

    def summary(self, summary: Summary) -> str | None:
        return None


class Markdown:
    """A report for people: one section per row, the counts at the top."""

    name = "markdown"

    def header(self) -> str:
        return ""

    def draft(self, row: Row, d: Draft) -> str:
        m = d.metrics
        verdict = "passes" if d.passed else "does not pass"
        out = [f"## {row.number}. {d.prospect}: {d.style}, {d.score}/100\n"]
        if d.reason:
            out.append(f"{d.reason[:1].upper()}{d.reason[1:]}.\n")
        out.append(f"> {d.text}\n")
        out.append(f"{m.seconds:g} s spoken, grade {m.grade:g}; {verdict}.\n")
        if d.findings:
            out.extend(f"- **{f.severity}** `{f.check}`: {f.message}" for f in d.findings)
            out.append("")
        return "\n".join(out) + "\n"

    def error(self, row: Row, message: str) -> str:
        return f"## {row.number}. {row.name or '(no name)'}: not drafted\n\n`{message}`\n\n"

    def summary(self, summary: Summary) -> str | None:
        title = f"# Voicemail drafts: {Path(summary.source).name}\n\n"
        counts = (
            f"{summary.drafted} drafted ({summary.passed} pass), {summary.failed} not "
            "drafted (see the sections that say so)."
        )
        if not summary.failed:
            counts = f"{summary.drafted} drafted ({summary.passed} pass)."
        return f"{title}{counts} Now: {summary.now}.\n\n"


_FORMATTERS = {"jsonl": JsonLines, "csv": CsvRows, "markdown": Markdown}


def format_for(out: str | Path, fmt: str | None = None) -> str:
    """Return the output format: the one given, else the one the file's extension names."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ConfigError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(out).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ConfigError(
            f"{out}: cannot tell the format from '{suffix or 'no extension'}'; "
            "name the file .jsonl, .csv or .md, or give --format"
        )
    return EXTENSIONS[suffix]


# --- workers ----------------------------------------------------------------------------------


class Job(NamedTuple):
    """Everything a worker needs to turn rows into output text (picklable)."""

    source: str
    columns: None  # unused: rows carry what they need (kept for the pickled shape)
    caller: Caller
    config: Config
    now: datetime
    style: str | None
    fmt: str


class Chunk(NamedTuple):
    """What a worker sends back for a chunk of rows: the text to write and the counts."""

    text: str
    rows: int
    drafted: int
    failed: int
    passed: int


class Worker:
    """Turns rows into output text: validate, draft, score, format; one bad row is one error."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.drafter = Drafter(job.caller, job.now, config=job.config, style=job.style)
        self.out = _FORMATTERS[job.fmt]()

    def prospect(self, row: Row) -> Prospect:
        """Return the row's prospect, validated."""
        return to_prospect(row)

    def chunk(self, rows: list[Row]) -> Chunk:
        """Draft a chunk of rows into output text."""
        parts = []
        drafted = failed = passed = 0
        source = self.job.source
        for row in rows:
            if not isinstance(row, Row):
                row = Row(*row)
            message = row.error
            if message is None:
                try:
                    d = self.drafter.draft(self.prospect(row))
                except VoicemailCoachError as exc:
                    message = _where(exc, row, source)
                except Exception as exc:  # a bug must not stop the other rows
                    message = (
                        f"{source}:{row.line}: could not draft this row "
                        f"({type(exc).__name__}: {exc}); please report it"
                    )
                else:
                    parts.append(self.out.draft(row, d))
                    drafted += 1
                    passed += d.passed
                    continue
            parts.append(self.out.error(row, message))
            failed += 1
        return Chunk("".join(parts), len(rows), drafted, failed, passed)


_WORKER: Worker | None = None


def _start_worker(job: Job) -> None:
    """Set up a worker process; Ctrl-C is the parent's to handle, TERM ends it at once.

    A forked worker starts from the parent's warm Worker (templates compiled, caches filled);
    a spawned one builds its own.
    """
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _WORKER is None or _WORKER.job is not job:
        _WORKER = Worker(job)


def _work(rows: list[tuple[Any, ...]]) -> Chunk:
    """Draft a chunk in a worker; an interrupt there travels to the parent as Interrupted."""
    assert _WORKER is not None
    try:
        return _WORKER.chunk(rows)  # type: ignore[arg-type]
    except KeyboardInterrupt:
        raise Interrupted("interrupted in a worker") from None


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """Yield lists of up to `size` rows."""
    it = iter(rows)
    while True:
        batch = list(itertools.islice(it, size))
        if not batch:
            return
        yield batch


def _context() -> Any:
    """Return the process start method: fork on Linux (workers inherit what the parent loaded)."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _results(worker: Worker, rows: Iterable[Row], jobs: int, size: int) -> Iterator[Chunk]:
    """Yield each chunk's result in input order, from worker processes or this one."""
    global _WORKER
    chunks = _chunks(rows, size)
    head = list(itertools.islice(chunks, 2))
    if jobs <= 1 or len(head) < 2:  # one chunk is not worth starting processes for
        for rows_ in itertools.chain(head, chunks):
            yield worker.chunk(rows_)
        return
    worker.drafter.warm()  # load once here; forked workers inherit it
    plain = ([tuple(r) for r in c] for c in itertools.chain(head, chunks))
    _WORKER = worker
    try:
        with _context().Pool(jobs, initializer=_start_worker, initargs=(worker.job,)) as pool:
            try:
                yield from pool.imap(_work, plain)
            except Interrupted:
                raise KeyboardInterrupt from None
    finally:
        _WORKER = None


# --- the output file ------------------------------------------------------------------------


class _Output:
    """A temporary file beside the target, renamed into place only when complete."""

    def __init__(self, target: Path) -> None:
        self.target = target
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        self.path = Path(name)
        self.handle: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self.mode = _mode_for(target)

    def write(self, text: str) -> None:
        if text:
            self.handle.write(text)

    def commit(self, head: str | None = None) -> None:
        """Put the file in place (with `head` written before everything else)."""
        self.handle.flush()
        if head:
            final = _Output(self.target)
            try:
                final.write(head)
                self.handle.close()
                with self.path.open(encoding="utf-8", newline="") as body:
                    while block := body.read(1 << 20):
                        final.write(block)
                final.commit()
            finally:
                final.discard()
                self.discard()
            return
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.chmod(self.path, self.mode)
        os.replace(self.path, self.target)

    def discard(self) -> None:
        """Remove the temporary file (after a failure, or once copied)."""
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def _mode_for(target: Path) -> int:
    """Return the mode the output gets: the existing file's, else what the umask allows."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# --- the run --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """How a run went."""

    source: str
    out: str
    fmt: str
    rows: int
    drafted: int
    failed: int
    passed: int
    seconds: float
    now: str
    jobs: int

    @property
    def line(self) -> str:
        """Return the one-line summary for stderr."""
        if self.failed:
            return (
                f"{self.drafted} drafted, {self.failed} failed; see the error records in {self.out}"
            )
        return f"{self.drafted} drafted, 0 failed; written to {self.out}"


def run(
    call_list: str | Path,
    out: str | Path,
    *,
    fmt: str | None = None,
    config: Config = DEFAULT_CONFIG,
    caller: Caller | None = None,
    now: datetime | None = None,
    style: str | None = None,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Summary:
    """Draft every row of a call list (YAML or CSV) into `out` (JSON Lines, CSV or Markdown).

    Raises a VoicemailCoachError when the list cannot be read at all or an option is unusable
    (nothing is written then); a bad row becomes an error record instead. `progress` is called
    with the number of rows done after each chunk; `on_total`, when given, first gets the
    number of rows (for CSV this reads the file once more).
    """
    started = time.monotonic()
    fmt = format_for(out, fmt)
    target = Path(out)
    folder = target.parent
    if not folder.is_dir():
        raise ConfigError(f"{out}: the folder {folder} does not exist; create it first")
    if target.is_dir():
        raise ConfigError(f"{out}: is a folder; give a file name like drafts.jsonl")
    source_path = Path(call_list)
    with contextlib.suppress(OSError):
        if target.exists() and target.samefile(source_path):
            raise ConfigError(f"{out}: is the call list itself; write the drafts elsewhere")
    listing = open_list(call_list)
    caller = caller or listing.caller or config.caller
    if caller is None:
        raise DataError(
            "no caller: add a `caller:` section to the list, give --caller FILE, "
            "or add one to voicemail-coach.yaml",
            path=str(call_list),
        )
    moment = slots.resolve_now(now, caller)
    job = Job(listing.source, None, caller, config, moment, style, fmt)
    worker = Worker(job)  # an unknown style fails here, before anything is written
    jobs = max(1, jobs or default_jobs())
    if on_total is not None:
        on_total(listing.count())
    formatter = _FORMATTERS[fmt]()
    output = _Output(target)
    drafted = failed = passed = rows = 0
    try:
        output.write(formatter.header())
        with contextlib.closing(_results(worker, listing.rows(), jobs, CHUNK_ROWS)) as results:
            for chunk in results:
                output.write(chunk.text)
                rows += chunk.rows
                drafted += chunk.drafted
                failed += chunk.failed
                passed += chunk.passed
                if progress is not None:
                    progress(chunk.rows)
        if rows == 0:
            raise DataError("no prospects: the list has a header but no rows", path=listing.source)
        summary = Summary(
            listing.source,
            str(out),
            fmt,
            rows,
            drafted,
            failed,
            passed,
            round(time.monotonic() - started, 3),
            moment.isoformat(),
            jobs,
        )
        output.commit(formatter.summary(summary))
    except BaseException:
        output.discard()
        raise
    return summary
