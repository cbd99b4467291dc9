"""Draft a whole call list: rows in, drafts out, through worker processes; nothing else.

Drafting itself is `voicemail_coach.drafting` and formatting is `voicemail_coach.output`; this
module reads rows (CSV cells, or YAML prospects validated one at a time), hands them out in
chunks to worker processes that draft and format them, and writes the text they send back in
input order, either to a temporary file beside the output, renamed into place only when every
row is done (``run``: an interrupt, a crash or a dead worker leaves an earlier output untouched
and no partial file behind), or as a stream (``stream``, for the ``draft`` command).

A row that cannot be drafted (bad data, a past slot, a template that fails for it) becomes an
error record naming ``file:line``; the other rows go on.

Decisions where the spec is silent:

- "now" is fixed once for the whole run (``--now``, else the current time when the run starts),
  so every row sees the same clock and the output does not depend on how long the run takes.
- The caller comes from ``caller`` (``--caller FILE``), else the list's own ``caller:``, else
  the config's.
- A worker that dies (killed, or out of memory) ends the run with `WorkerDied`: the rows it
  held are not retried (a row that kills a worker would kill the next one too).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from . import schedule as slots
from .config import Config
from .drafting import Drafter, failure
from .errors import ConfigError, DataError, VoicemailCoachError
from .models import Caller, Draft, DraftFailure, History, Prospect, Result, Skipped
from .output.writer import Counts, Writer, writer_for
from .review import DEFAULT_CONFIG
from .schedule import NextStep
from .sources import CallList, Row, open_list, to_prospect

FORMATS = ("jsonl", "csv", "markdown")
EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
}
CHUNK_ROWS = 200
"""Rows sent to a worker at a time: big enough that handing out costs little, small enough for
a smooth progress bar and an even split of short lists."""
AHEAD = 2
"""Chunks in flight per worker: enough to keep each busy, few enough for flat memory."""


class Interrupted(Exception):
    """A worker was interrupted (Ctrl-C): carried to the parent, which stops the run."""


class WorkerDied(VoicemailCoachError):
    """A worker process ended without finishing its rows (killed, or out of memory)."""


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
    """Everything a worker needs to turn rows into output text."""

    source: str
    caller: Caller | None
    config: Config
    now: datetime
    style: str | None
    fmt: str
    every: bool = False  # every style the data allows (--all)
    numbered: bool = True  # results carry their row number
    options: tuple[tuple[str, Any], ...] = ()  # for the writer (text: width, colour)
    cycle: Cycle | None = None  # with a touch log: histories in, plans and drafts out


class Cycle(NamedTuple):
    """What a touch log brings to a run (plain callables: this module never imports touches).

    ``history`` gives a prospect's `History`; ``held`` are slots earlier runs offered;
    ``planned`` hears each prospect's planned next step (in the parent process, in order);
    ``keep`` hears each draft made in this process (the ``draft`` command keeps it in the log).
    """

    history: Callable[[Prospect], History | None] | None = None
    held: tuple[datetime, ...] = ()
    planned: Callable[[Prospect, NextStep], None] | None = None
    keep: Callable[[Prospect, NextStep, Draft], None] | None = None


class Task(NamedTuple):
    """A row ready for a worker: its prospect and proposed next step, or why it failed."""

    number: int
    prospect: Prospect | None
    step: NextStep | None
    failure: DraftFailure | None


class Chunk(NamedTuple):
    """What a worker sends back for a chunk of rows: the text to write, messages, counts."""

    text: str
    errors: tuple[str, ...]
    rows: int
    drafted: int
    failed: int
    passed: int
    skipped: int = 0
    bugs: int = 0


class Worker:
    """Turns rows into output text: validate, draft, score, format; one bad row is one error."""

    def __init__(self, job: Job) -> None:
        self.job = job
        cycle = job.cycle or Cycle()
        self.cycle = cycle
        self.drafter = Drafter(
            job.caller, config=job.config, spread=True, history=cycle.history, held=cycle.held
        )
        self.out: Writer = writer_for(job.fmt, **dict(job.options))
        if job.style is not None:
            self.drafter.style(job.style)  # an unknown style fails here, before any row

    def prospect(self, row: Row) -> Prospect:
        """Return the row's prospect, validated (DataError names file:line and the key)."""
        return to_prospect(row)

    def plan(self, row: Row) -> Task:
        """Validate a row and propose its slots, in the parent, in input order.

        Planning happens where the rows are read, so the slots are spread over the whole list
        the same way whatever the number of workers.
        """
        source = self.job.source
        if row.error is not None:
            return Task(
                row.number,
                None,
                None,
                DraftFailure(row.name, row.error, path=source, line=row.line),
            )
        try:
            prospect = self.prospect(row)
        except VoicemailCoachError as exc:
            said = str(exc)
            if not said.startswith(f"{source}:"):
                said = f"{source}:{row.line}: {said}"
            return Task(
                row.number, None, None, DraftFailure(row.name, said, path=source, line=row.line)
            )
        except Exception as exc:  # a bug must not stop the other rows
            stand_in = Prospect(row.name or "this row", "", source=source, line=row.line)
            return Task(row.number, None, None, failure(stand_in, exc))
        try:
            step = self.drafter.next_step(prospect, self.job.now)
        except Exception as exc:  # a past slot, an unknown zone: this row only
            return Task(row.number, None, None, failure(prospect, exc, self.job.style))
        if self.cycle.planned is not None:
            self.cycle.planned(prospect, step)
        return Task(row.number, prospect, step, None)

    def results(self, task: Task) -> list[Result]:
        """Draft one planned row: its draft (or every style's, with --all), or why it failed."""
        if task.failure is not None or task.prospect is None:
            assert task.failure is not None
            return [task.failure]
        now = self.job.now
        if self.job.every:
            return list(self.drafter.every_style(task.prospect, now, step=task.step))
        result = self.drafter.attempt(task.prospect, self.job.style, now, step=task.step)
        if self.cycle.keep is not None and isinstance(result, Draft) and task.step is not None:
            self.cycle.keep(task.prospect, task.step, result)
        return [result]

    def chunk(self, tasks: Iterable[Task]) -> Chunk:
        """Draft a chunk of planned rows into output text."""
        parts: list[str] = []
        errors: list[str] = []
        count = drafted = failed = passed = skipped = bugs = 0
        inline = self.out.inline_errors
        for task in tasks:
            count += 1
            number = task.number if self.job.numbered else None
            for result in self.results(task):
                if isinstance(result, Draft):
                    drafted += 1
                    passed += result.passed
                elif isinstance(result, Skipped):
                    skipped += 1
                else:
                    failed += 1
                    bugs += result.bug
                    if not inline:
                        errors.append(result.message)
                        continue
                parts.append(self.out.result(result, number))
        return Chunk("".join(parts), tuple(errors), count, drafted, failed, passed, skipped, bugs)


_WORKER: Worker | None = None


def _start_worker() -> None:
    """Set up a worker process: it ends with its parent, Ctrl-C is the parent's to handle.

    A forked worker starts from the parent's warm Worker (templates compiled, caches filled).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # best effort: the parent also stops the pool
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() == 1:  # the parent is already gone
            os._exit(0)


def _work(tasks: list[Task]) -> Chunk:
    """Draft a chunk in a worker; an interrupt there travels to the parent as Interrupted."""
    assert _WORKER is not None
    try:
        return _WORKER.chunk(tasks)
    except KeyboardInterrupt:
        raise Interrupted("interrupted in a worker") from None


def _chunks(worker: Worker, rows: Iterable[Row], size: int) -> Iterator[list[Task]]:
    """Yield lists of up to `size` rows, each planned (validated, its slots proposed)."""
    it = (worker.plan(row) for row in rows)
    while True:
        batch = list(itertools.islice(it, size))
        if not batch:
            return
        yield batch


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _results(
    worker: Worker, rows: Iterable[Row], jobs: int, size: int
) -> Generator[Chunk, None, None]:
    """Yield each chunk's result in input order, from worker processes or this one.

    Raises WorkerDied within moments when a worker process ends without finishing.
    """
    global _WORKER
    chunks = _chunks(worker, rows, size)
    head = list(itertools.islice(chunks, 2))
    if jobs <= 1 or len(head) < 2:  # one chunk is not worth starting processes for
        for tasks in itertools.chain(head, chunks):
            yield worker.chunk(tasks)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    worker.drafter.warm([worker.job.style] if worker.job.style else [])  # forked workers inherit it
    _WORKER = worker
    fork = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork") if fork else multiprocessing.get_context()
    watch = _Watch()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker)
    pending: deque[tuple[int, Future[Chunk]]] = deque()
    done = 0
    broken = False
    try:
        for tasks in itertools.chain(head, chunks):
            pending.append((tasks[0].number, pool.submit(_work, tasks)))
            while len(pending) >= jobs * AHEAD:
                chunk = watch.result(pending.popleft()[1])
                done += chunk.rows
                yield chunk
        while pending:
            chunk = watch.result(pending.popleft()[1])
            done += chunk.rows
            yield chunk
    except BrokenProcessPool:
        broken = True
        raise WorkerDied(
            f"a worker process died (killed, or out of memory?) after {done:,} rows were "
            "drafted; the output was not written (an earlier file is left as it was). Run "
            "again, with fewer --jobs if memory is short"
        ) from None
    except Interrupted:
        raise KeyboardInterrupt from None
    finally:
        _WORKER = None
        for _, future in pending:
            future.cancel()
        if broken:
            watch.stop(pool)
        else:
            pool.shutdown(wait=True, cancel_futures=True)  # running chunks finish, then exit


class _Watch:
    """Wait for results while watching the worker processes themselves.

    `concurrent.futures` notices a dead worker, but not always: one killed while it was
    sending a result leaves half a message in the pipe, and the pool's reader waits for the
    rest forever. So results are awaited a fraction of a second at a time, and a worker that
    has exited in between breaks the pool here.
    """

    POLL = 0.25

    def __init__(self) -> None:
        import multiprocessing

        self.before = {p.pid for p in multiprocessing.active_children()}
        self.seen: dict[int, Any] = {}

    def check(self) -> None:
        """Raise BrokenProcessPool when a worker process of this run has exited."""
        import multiprocessing
        from concurrent.futures.process import BrokenProcessPool

        for process in multiprocessing.active_children():
            if process.pid is not None and process.pid not in self.before:
                self.seen.setdefault(process.pid, process)
        if any(process.exitcode is not None for process in self.seen.values()):
            raise BrokenProcessPool("a worker process ended")

    def result(self, future: Any) -> Chunk:
        """Return a chunk's result; BrokenProcessPool as soon as a worker is gone."""
        while True:
            try:
                chunk: Chunk = future.result(timeout=self.POLL)
                return chunk
            except TimeoutError:
                self.check()

    def stop(self, pool: Any) -> None:
        """End a broken pool without waiting on it: cancel everything, end every worker."""
        pool.shutdown(wait=False, cancel_futures=True)
        for process in self.seen.values():
            with contextlib.suppress(Exception):
                process.kill()


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
    skipped: int = 0
    bugs: int = 0

    @property
    def counts(self) -> Counts:
        """Return the counts the writers see."""
        return Counts(
            self.source,
            self.rows,
            self.drafted,
            self.passed,
            self.failed,
            self.skipped,
            self.bugs,
            self.now,
        )

    @property
    def line(self) -> str:
        """Return the one-line summary for stderr."""
        if self.failed:
            return (
                f"{self.drafted} drafted, {self.failed} failed; see the error records in {self.out}"
            )
        return f"{self.drafted} drafted, 0 failed; written to {self.out}"


def exit_code(summary: Summary | Counts) -> int:
    """Return the exit status ``draft`` and ``batch`` share.

    3 when a prospect hit a bug in voicemail-coach, else 2 when a prospect could not be
    drafted, else 1 when a draft has a finding at or above ``--fail-on``, else 0.
    """
    if summary.bugs:
        return 3
    if summary.failed:
        return 2
    return 1 if summary.passed < summary.drafted else 0


def _until_caller_needed(rows: Iterable[Row], source: str | Path) -> Iterator[Row]:
    """Yield the rows that fail on their own; raise 'no caller' at the first good one."""
    for row in rows:
        if row.error is None:
            raise DataError(
                "no caller: add a `caller:` section to the file, or add one to "
                "voicemail-coach.yaml",
                path=str(source),
            )
        yield row


def _open(
    call_list: str | Path,
    caller: Caller | None,
    config: Config,
    reading: Reading | None = None,
) -> tuple[CallList, Caller]:
    """Open a call list and settle who calls."""
    listing = _listing(call_list, reading)
    chosen = settle_caller(caller, listing.caller, config, reading)
    if chosen is None:
        raise DataError(
            "no caller: add a `caller:` section to the list, give --caller FILE, "
            "or add one to voicemail-coach.yaml",
            path=str(call_list),
        )
    return listing, chosen


def _drain(
    worker: Worker,
    rows: Iterable[Row],
    jobs: int,
    write: Callable[[str], None],
    progress: Callable[[int], None] | None = None,
    errors: Callable[[str], None] | None = None,
) -> Chunk:
    """Draft every row and write its text; return the totals."""
    totals = [0] * 6
    results = _results(worker, rows, jobs, CHUNK_ROWS)
    try:
        for chunk in results:
            write(chunk.text)
            if errors is not None:
                for message in chunk.errors:
                    errors(message)
            for i, n in enumerate(chunk[2:]):
                totals[i] += n
            if progress is not None:
                progress(chunk.rows)
    finally:
        results.close()  # stops the workers at once on an error or interrupt
    return Chunk("", (), *totals)


@dataclass(frozen=True)
class Reading:
    """How to read a CRM export: ``--map`` ({"HEADER": "field"}), ``--id COLUMN``, and who
    hears the reader's notes (a Windows-1252 file, the columns ignored)."""

    mapping: Mapping[str, str] | None = None
    id_column: str | None = None
    on_note: Callable[[str], None] | None = None


def settle_caller(
    given: Caller | None, listed: Caller | None, config: Config, reading: Reading | None = None
) -> Caller | None:
    """Return who calls: ``given`` (``--caller``), else the list's caller, else the config's.

    When the list and the config both have a caller and they differ, `reading`'s ``on_note``
    hears which one wins and where each is written, so an edit in the wrong file is noticed.
    """
    chosen = given or listed or config.caller
    other = config.caller
    hears = reading.on_note if reading is not None else None
    differ = given is None and listed is not None and other is not None and listed != other
    if differ and hears is not None and listed is not None and other is not None:
        hears(
            f"the caller in {_at(listed)} ({listed.name}, {listed.phone}) differs from "
            f"the one in {_at(other)} ({other.name}, {other.phone}); using the one in "
            f"{listed.source or 'the list'}: keep the caller in one place (remove the "
            "list's `caller:` to use the config's)"
        )
    return chosen


def _at(caller: Caller) -> str:
    """Return 'file:line' of a caller's section, or 'the data' when built in code."""
    line = caller.lines.get("name")
    if caller.source and line:
        return f"{caller.source}:{line}"
    return caller.source or "the data"


def _listing(source: str | Path, reading: Reading | None) -> CallList:
    """Open a list the way `reading` says, and pass its notes on."""
    reading = reading or Reading()
    listing = open_list(source, reading.mapping, reading.id_column)
    if reading.on_note is not None:
        for note in listing.notes:
            reading.on_note(note)
    return listing


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
    inputs: Iterable[tuple[str, str | Path]] = (),
    reading: Reading | None = None,
    cycle: Cycle | None = None,
) -> Summary:
    """Draft every row of a call list (YAML or CSV) into `out` (JSON Lines, CSV or Markdown).

    Raises a VoicemailCoachError when the list cannot be read at all, an option is unusable,
    or a worker process dies (WorkerDied); nothing is written then. A bad row becomes an error
    record instead. `progress` is called with the number of rows done after each chunk;
    `on_total`, when given, first gets the number of rows (for CSV this reads the file once
    more). `cycle` brings a touch log's histories and hears the planned steps. `inputs`
    names other files the run reads ((what, path) pairs, e.g. the caller
    file): the output may not be one of them, nor the call list or the config file. Where the
    output may go, and what becomes of a symlink, is `voicemail_coach.output.files`.
    """
    from .output.files import AtomicFile, resolve_output

    started = time.monotonic()
    from .catalog import styles

    used = [("the call list", call_list), *inputs]
    if config.source:
        used.append(("the config file", config.source))
    used.extend(
        (f"the template of style {s.name}", s.path) for s in styles(config.templates).values()
    )
    resolve_output(out, inputs=used)  # refused before the list is read
    fmt = format_for(out, fmt)
    listing, caller = _open(call_list, caller, config, reading)
    moment = slots.resolve_now(now, caller)
    job = Job(listing.source, caller, config, moment, style, fmt, cycle=cycle)
    worker = Worker(job)  # an unknown style fails here, before anything is written
    jobs = max(1, jobs or default_jobs())
    if on_total is not None:
        on_total(listing.count())
    output = AtomicFile(out, inputs=used)
    try:
        output.write(worker.out.header())
        totals = _drain(worker, listing.rows(), jobs, output.write, progress)
        if totals.rows == 0:
            raise DataError("no prospects: the list has a header but no rows", path=listing.source)
        summary = Summary(
            listing.source,
            str(out),
            fmt,
            totals.rows,
            totals.drafted,
            totals.failed,
            totals.passed,
            round(time.monotonic() - started, 3),
            moment.isoformat(),
            jobs,
            totals.skipped,
            totals.bugs,
        )
        output.write(worker.out.footer(summary.counts))
        output.commit(worker.out.head(summary.counts) or "")
    except BaseException:
        output.discard()
        raise
    return summary


def stream(
    source: str | Path,
    write: Callable[[str], None],
    *,
    fmt: str = "text",
    config: Config = DEFAULT_CONFIG,
    caller: Caller | None = None,
    now: datetime | None = None,
    style: str | None = None,
    every: bool = False,
    names: Callable[[str | None], bool] | None = None,
    errors: Callable[[str], None] | None = None,
    options: Iterable[tuple[str, Any]] = (),
    reading: Reading | None = None,
    cycle: Cycle | None = None,
) -> Counts:
    """Draft every prospect of a file (YAML or CSV) in this process, writing as it goes.

    For the ``draft`` command: memory stays flat however long the file. ``names`` keeps only
    the rows whose prospect name it accepts; ``errors`` gets each failure's message when the
    format does not carry them (text). `cycle` brings a touch log's histories and hears the
    planned steps and the drafts. Raises a VoicemailCoachError when the file cannot be
    read at all or the style is unknown.
    """
    listing = _listing(source, reading)
    caller = settle_caller(caller, listing.caller, config, reading)
    rows = listing.rows()
    if caller is None:  # said once the rows before the first good one are reported
        rows = _until_caller_needed(rows, source)
    moment = slots.resolve_now(now, caller)
    job = Job(
        listing.source,
        caller,
        config,
        moment,
        style,
        fmt,
        every=every,
        numbered=fmt in ("jsonl", "csv"),  # records a program reads carry their row
        options=tuple(options),
        cycle=cycle,
    )
    worker = Worker(job)
    if errors is not None:  # a template's inline comments are said as it is loaded
        worker.drafter.on_note = errors
        for off in worker.drafter.style(style).offs if style else ():  # loaded already
            errors(str(off))
    if names is not None:
        rows = (r for r in rows if names(r.name))
    write(worker.out.header())
    totals = _drain(worker, rows, 1, write, errors=errors)
    counts = Counts(
        listing.source,
        totals.rows,
        totals.drafted,
        totals.passed,
        totals.failed,
        totals.skipped,
        totals.bugs,
        moment.isoformat(),
    )
    write(worker.out.footer(counts))
    return counts
