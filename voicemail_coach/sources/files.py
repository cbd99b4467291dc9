"""Read an input file's bytes once, bounded, and decode them; refuse what is not a regular file.

Every reader (prospects YAML, CSV call lists, caller and config files) comes through here, so a
missing file, a folder, a FIFO, a device, an unreadable file, an empty file name or a file over
the size limit each end in one line naming the file and what to do.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ..errors import DataError

MAX_BYTES = 64 * 1024 * 1024
"""The largest input read, in bytes (64 MiB): bigger lists are split into several files."""
STDIN = "-"
"""The file name that means standard input."""
_CHUNK = 1024 * 1024


def size_text(count: int) -> str:
    """Return a byte count as people read it: '64 MiB', '512 KiB', '900 bytes'."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            value = count / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{count} bytes"


def source_name(path: str | Path) -> str:
    """Return the name messages use for an input: the path as given, '<stdin>' for '-'."""
    return "<stdin>" if str(path) == STDIN else str(path)


def read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """Return a file's bytes, read once and at most `limit` (default MAX_BYTES) of them.

    ``-`` reads standard input. Raises DataError for an empty name, a missing file, a folder,
    anything that is not a regular file (FIFO, device, socket), an unreadable file, or more
    bytes than the limit. The bound is on bytes actually read, never on the size the file
    reports (``/proc`` files and devices report 0).
    """
    limit = MAX_BYTES if limit is None else limit
    name = str(path)
    if name == "":
        raise DataError(
            "no file name given (an empty string); give the path of a .yaml or .csv file"
        )
    if name == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise DataError(
                f"is over the size limit of {size_text(limit)}; split it into smaller files",
                path=source_name(path),
            )
        return data
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DataError("no such file; check the path", path=name) from None
    except IsADirectoryError:
        raise DataError("is a folder; give a file", path=name) from None
    except PermissionError:
        raise DataError(
            "cannot read: permission denied; check the file's permissions", path=name
        ) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path=name) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise DataError("is a folder; give a file", path=name)
        if not stat.S_ISREG(mode):
            raise DataError(
                f"is {_kind(mode)}, not a regular file; give a file, or '-' for standard input",
                path=name,
            )
        return _bounded(fd, name, limit)
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    """Name a non-regular file's type for messages."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def _bounded(fd: int, name: str, limit: int) -> bytes:
    """Read from a descriptor until the end, refusing more than `limit` bytes."""
    parts: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror or exc}", path=name) from None
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise DataError(
                f"is over the size limit of {size_text(limit)}; split it into smaller files",
                path=name,
            )


def decode_utf8(raw: bytes, source: str) -> str:
    """Decode UTF-8 text (a BOM dropped), naming the line of the first bad byte.

    A file that looks like UTF-16 (a UTF-16 byte-order mark, or NUL bytes between letters) is
    named as such, with what to do.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise DataError(
            "is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)", path=source, line=1
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(
            "is not UTF-8 text (a bad byte here); save the file as UTF-8", path=source, line=line
        ) from None


def _looks_utf16(raw: bytes) -> bool:
    """Return True when the first bytes alternate NUL and ASCII, as UTF-16 without a BOM does."""
    head = raw[:200]
    if len(head) < 4:
        return False
    nul_even = head[0::2].count(0)
    nul_odd = head[1::2].count(0)
    half = len(head) // 2
    return max(nul_even, nul_odd) >= half * 0.6


def read_text(path: str | Path, limit: int | None = None) -> str:
    """Read a UTF-8 text file once (see read_bytes for what is refused) and decode it."""
    return decode_utf8(read_bytes(path, limit), source_name(path))
