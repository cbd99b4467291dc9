"""Safe output files: every file the tool writes is whole or not there at all.

What `AtomicFile` (and `write_file`, `create_new`) promise:

- **What may be written.** A regular file (replaced) or a new path in an existing folder. A
  FIFO, a device (``/dev/null`` included), a socket or a directory is refused with one line.
  ``-`` means standard output when the caller allows it (``allow_stdout=True``).
- **Symlinks.** A link to an existing regular file is written *through*: the file it points at
  is replaced (its `.part` sits beside that file, so the rename stays on one filesystem) and
  the link itself is kept, so it still points at the new contents. A dangling link, or a link
  to anything but a regular file, is refused: the tool never creates a file at the far end of
  a link, and never replaces a link with a file. `create_new` (used by ``init``) refuses every
  symlink.
- **Inputs are never outputs.** The caller names the inputs in use (call list, caller file,
  config, template files); an output that is one of them, by resolved path or by device and
  inode (hard links too), is refused before anything is written.
- **The `.part` file.** Output goes to ``.NAME.voicemail-coach-PID[-N].part`` beside the target
  (hidden, with the writer's pid, never with the target's extension, so nothing reads it as
  output), is flushed to disk and renamed into place. A `.part` whose pid is no longer running
  (a run killed with SIGKILL, a power cut) is removed by the next write to the same target.
- **Signals.** While a `.part` is open, SIGTERM and SIGHUP remove it and then end the process
  as the signal would (exit status 128+N); SIGINT (KeyboardInterrupt) removes it as it unwinds.
- **Errors** are `OutputError` (a VoicemailCoachError: one line, exit 2 from the command line):
  a missing or read-only folder, a full disk, any refusal above. The earlier file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, TextIO

from ..errors import VoicemailCoachError

STDOUT = "-"
PART = re.compile(r"\A\.(?P<name>.+)\.voicemail-coach-(?P<pid>\d+)(?:-\d+)?\.part\Z")
SIGNALS = tuple(getattr(signal, s) for s in ("SIGTERM", "SIGHUP") if hasattr(signal, s))

Input = tuple[str, "str | Path"]  # (what it is, e.g. "the call list", its path)


class OutputError(VoicemailCoachError):
    """An output path that cannot be written as asked; nothing was written."""


def part_name(target: Path, pid: int, n: int = 0) -> str:
    """Return the name of the temporary file for `target`, written by process `pid`."""
    return f".{target.name}.voicemail-coach-{pid}{f'-{n}' if n else ''}.part"


def _kind(mode: int) -> str | None:
    """Return what a non-regular file is ('a FIFO', ...), or None for a regular file."""
    for test, what in (
        (stat.S_ISREG, None),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return what
    return "not a regular file"


def _why(exc: OSError) -> str:
    """Return an OSError as a short reason and a fix."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (a read-only folder?); choose a folder you can write to"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full; free some space or write elsewhere"
    return f"{exc.strerror or exc}; check the path"


def resolve_output(
    target: str | Path,
    *,
    inputs: Iterable[Input] = (),
    allow_stdout: bool = False,
    follow_symlinks: bool = True,
) -> Path | None:
    """Return the regular file (or new path) that writing `target` replaces; None for stdout.

    Raises OutputError, naming `target`, for everything the module refuses: ``-`` when
    stdout is not allowed, a missing folder, a FIFO, device, socket or directory, a dangling
    symlink (or any symlink when `follow_symlinks` is False), and an output that is one of
    `inputs` ((what, path) pairs).
    """
    shown = str(target)
    if shown == STDOUT:
        if allow_stdout:
            return None
        raise OutputError("'-' (standard output) is not possible here; give a file name")
    path = Path(target)
    try:
        link = path.is_symlink()
    except OSError as exc:
        raise OutputError(f"cannot use this path: {_why(exc)}", path=shown) from None
    if link:
        if not follow_symlinks:
            raise OutputError(
                "is a symlink; this command never writes through a link (remove it, or choose "
                "another folder)",
                path=shown,
            )
        real = Path(os.path.realpath(path))
        if not real.exists():
            raise OutputError(
                f"is a symlink to {real}, which does not exist; the tool never creates a file "
                "at the far end of a link: write to that path directly, or remove the link",
                path=shown,
            )
        path = real
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot use this path: {_why(exc)}", path=shown) from None
    if st is not None:
        what = _kind(st.st_mode)
        if what is not None:
            raise OutputError(
                f"is {what}, not a regular file; write to a regular file or a new path"
                + (" (or - for standard output)" if allow_stdout else ""),
                path=shown,
            )
    elif not path.parent.is_dir():
        raise OutputError(f"the folder {path.parent} does not exist; create it first", path=shown)
    _refuse_inputs(shown, path, st, inputs)
    return path


def _refuse_inputs(
    shown: str, path: Path, st: os.stat_result | None, inputs: Iterable[Input]
) -> None:
    """Raise OutputError when the output is one of the inputs (same file or same inode)."""
    real = os.path.realpath(path)
    for what, given in inputs:
        if str(given) == STDOUT:
            continue
        try:
            other = os.stat(given)
        except OSError:
            other = None
        same_inode = (
            st is not None
            and other is not None
            and (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino)
        )
        if same_inode or os.path.realpath(given) == real:
            raise OutputError(
                f"is {what} ({given}), an input of this run; write the output elsewhere",
                path=shown,
            )


def _pid_running(pid: int) -> bool:
    """Return True when a process with this pid exists (ours counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or no way to tell: leave its file alone
    return True


def clean_leftovers(target: Path) -> list[Path]:
    """Remove `.part` files of `target` whose writer is gone; return the ones removed."""
    removed: list[Path] = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        m = PART.match(name)
        if not m or m.group("name") != target.name or _pid_running(int(m.group("pid"))):
            continue
        leftover = target.parent / name
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(leftover).st_mode):
                leftover.unlink()
                removed.append(leftover)
    return removed


# --- removing .part files on SIGTERM and SIGHUP ----------------------------------------------

_LIVE: dict[Path, int] = {}  # open .part files -> the pid that owns them
_SAVED: dict[int, Any] = {}  # signal -> the handler before ours
_LOCK = threading.Lock()
_COUNTER = itertools.count(1)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    """Remove this process's open .part files, then do what the signal did before."""
    me = os.getpid()
    for part, owner in list(_LIVE.items()):
        if owner == me:
            with contextlib.suppress(OSError):
                part.unlink()
            _LIVE.pop(part, None)
    previous = _SAVED.get(signum, signal.SIG_DFL)
    if callable(previous):
        previous(signum, frame)
        return
    if previous == signal.SIG_IGN:
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(me, signum)  # end as the signal ends a process: exit status 128 + signum


def _track(part: Path) -> None:
    """Remember an open .part; install the signal handlers with the first one (main thread)."""
    with _LOCK:
        _LIVE[part] = os.getpid()
        if _SAVED or threading.current_thread() is not threading.main_thread():
            return
        for signum in SIGNALS:
            _SAVED[signum] = signal.signal(signum, _on_signal)


def _untrack(part: Path) -> None:
    """Forget a .part; restore the earlier handlers when it was the last one."""
    with _LOCK:
        _LIVE.pop(part, None)
        if _LIVE or not _SAVED or threading.current_thread() is not threading.main_thread():
            return
        for signum, previous in _SAVED.items():
            if signal.getsignal(signum) is _on_signal:
                signal.signal(signum, previous)
        _SAVED.clear()


def _mode_for(path: Path | None) -> int:
    """Return the mode the output gets: the existing file's, else what the umask allows."""
    if path is not None:
        with contextlib.suppress(OSError):
            return path.stat().st_mode & 0o7777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class _Part:
    """One `.part` file beside a target: created exclusively, removed unless renamed away."""

    def __init__(self, target: Path, shown: str, encoding: str, newline: str) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        for _ in range(100):
            path = target.with_name(part_name(target, os.getpid(), next(_COUNTER)))
            try:
                fd = os.open(path, flags, 0o600)
            except FileExistsError:
                continue
            except OSError as exc:
                raise OutputError(
                    f"cannot write in {target.parent}: {_why(exc)}", path=shown
                ) from None
            break
        else:
            raise OutputError(f"cannot create a temporary file in {target.parent}", path=shown)
        self.path = path
        _track(path)
        self.handle: TextIO = os.fdopen(fd, "w", encoding=encoding, newline=newline)

    def finish(self, mode: int) -> None:
        """Flush the contents to disk and close, ready to be renamed or linked into place."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.chmod(self.path, mode)

    def moved(self) -> None:
        """Forget the file: it was renamed into place."""
        _untrack(self.path)

    def remove(self) -> None:
        """Close and delete the file (idempotent)."""
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
        _untrack(self.path)


class AtomicFile:
    """A text file written to a `.part` beside the target and renamed into place when complete.

    Use it as a context manager (committed when the block ends normally, discarded when it
    raises), or call `commit` / `discard` yourself. Every OSError while writing becomes an
    OutputError and removes the `.part`; the earlier file at the target stays as it was. With
    ``allow_stdout=True``, the target ``-`` writes straight to standard output instead.
    """

    def __init__(
        self,
        target: str | Path,
        *,
        inputs: Iterable[Input] = (),
        allow_stdout: bool = False,
        follow_symlinks: bool = True,
        encoding: str = "utf-8",
        newline: str = "",
    ) -> None:
        self.shown = str(target)
        self.target = resolve_output(
            target, inputs=inputs, allow_stdout=allow_stdout, follow_symlinks=follow_symlinks
        )
        self.encoding = encoding
        self.newline = newline
        self._part: _Part | None = None
        self._done = False
        if self.target is not None:
            clean_leftovers(self.target)
            self._part = _Part(self.target, self.shown, encoding, newline)

    @property
    def part(self) -> Path | None:
        """Return the `.part` being written (None on stdout or once committed or discarded)."""
        return None if self._part is None or self._done else self._part.path

    def write(self, text: str) -> None:
        """Append text (to the `.part`, or straight to stdout for ``-``)."""
        if self._part is None:
            sys.stdout.write(text)
            return
        if self._done:
            raise ValueError("write after commit or discard")
        try:
            self._part.handle.write(text)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write: {_why(exc)}", path=self.shown) from None

    def commit(self, head: str = "") -> None:
        """Put the file in place, with `head` (a summary known only at the end) first.

        On stdout, `head` is not possible (it would come last): pass it only for files.
        """
        if self._part is None:
            if head:
                raise ValueError("a head cannot go before what stdout already printed")
            sys.stdout.flush()
            self._done = True
            return
        assert self.target is not None
        try:
            if head:
                self._prepend(head)
            self._part.finish(_mode_for(self.target))
            os.replace(self._part.path, self.target)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write: {_why(exc)}", path=self.shown) from None
        self._part.moved()
        self._done = True
        _fsync_folder(self.target.parent)

    def _prepend(self, head: str) -> None:
        """Replace the `.part` with a new one holding `head` and then what was written."""
        assert self.target is not None and self._part is not None
        body = self._part
        body.handle.close()
        self._part = _Part(self.target, self.shown, self.encoding, self.newline)
        try:
            self._part.handle.write(head)
            with body.path.open(encoding=self.encoding, newline=self.newline) as old:
                while block := old.read(1 << 20):
                    self._part.handle.write(block)
        finally:
            body.remove()

    def discard(self) -> None:
        """Remove the `.part` (after a failure); the target is left as it was."""
        if self._part is not None and not self._done:
            self._part.remove()
        self._done = True

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None and not self._done:
            self.commit()
        elif kind is not None:
            self.discard()


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entry for a renamed file to disk, where the OS allows it."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file(
    target: str | Path,
    text: str,
    *,
    inputs: Iterable[Input] = (),
    allow_stdout: bool = False,
    follow_symlinks: bool = True,
) -> None:
    """Write a whole text file atomically (see `AtomicFile` for what is refused)."""
    with AtomicFile(
        target, inputs=inputs, allow_stdout=allow_stdout, follow_symlinks=follow_symlinks
    ) as out:
        out.write(text)


def create_new(target: str | Path, text: str) -> bool:
    """Create a file that must not exist yet, atomically; return False if something is there.

    Never overwrites and never follows a symlink: a path that exists (a file, a link, even a
    dangling one) is left as it is and False returned. The text is written to a `.part` and
    hard-linked into place (which fails if anything appeared there meanwhile), so the file
    appears whole or not at all. Raises OutputError for a missing or read-only folder or a
    full disk.
    """
    path = Path(target)
    if os.path.lexists(path):
        return False
    if not path.parent.is_dir():
        raise OutputError(
            f"the folder {path.parent} does not exist; create it first", path=str(path)
        )
    clean_leftovers(path)
    part = _Part(path, str(path), "utf-8", "")
    try:
        part.handle.write(text)
        part.finish(_mode_for(None))
        try:
            os.link(part.path, path)  # atomic, and refuses an existing name (even a link)
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            _copy_exclusive(part.path, path)  # a filesystem without hard links
        _fsync_folder(path.parent)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        raise OutputError(f"cannot write: {_why(exc)}", path=str(path)) from None
    finally:
        part.remove()


def _copy_exclusive(source: Path, path: Path) -> None:
    """Create `path` exclusively (no symlink followed) with the contents of `source`."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, _mode_for(None))
    with os.fdopen(fd, "wb") as dest, source.open("rb") as src:
        dest.write(src.read())


@contextlib.contextmanager
def output(
    target: str | Path,
    *,
    inputs: Iterable[Input] = (),
    allow_stdout: bool = True,
    follow_symlinks: bool = True,
) -> Iterator[AtomicFile]:
    """Open `target` (``-`` for stdout) for writing; committed when the block ends cleanly."""
    with AtomicFile(
        target, inputs=inputs, allow_stdout=allow_stdout, follow_symlinks=follow_symlinks
    ) as out:
        yield out
