"""The touch log: every attempt on a prospect, in one SQLite file that many terminals can share.

Each attempt holds the prospect's stable key, when it happened, the outcome, and for a voicemail
the style, the exact script left and the slots it offered. The file uses SQLite's write-ahead
log and one short ``BEGIN IMMEDIATE`` transaction per write, so two terminals writing at once
both land, and a writer killed mid-write leaves the log readable with every earlier attempt in
it (SQLite rolls the unfinished transaction back on the next open). The schema carries a
version (``PRAGMA user_version``) and is migrated forward on open; a file written by a newer
voicemail-coach is refused rather than guessed at.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import VoicemailCoachError

OUTCOMES = (
    "left-voicemail",
    "no-answer",
    "connected",
    "meeting-booked",
    "called-back",
    "wrong-number",
    "not-interested",
)
"""The built-in outcomes; a config's ``outcomes:`` may add custom ones."""

ENDS_CYCLE = frozenset({"meeting-booked", "not-interested", "wrong-number"})
"""Outcomes after which nobody is due: the cycle reached its end."""

REACHED = frozenset({"connected", "called-back", "meeting-booked"})
"""Outcomes that mean the prospect was reached: phone tag is over for this cycle."""

ENV_VAR = "VOICEMAIL_COACH_LOG"
SCHEMA_VERSION = 1
BUSY_MS = 10_000

# Each entry brings a log from version i to i + 1; run in one transaction with the new version.
_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        prospect TEXT NOT NULL,
        name TEXT NOT NULL,
        company TEXT NOT NULL,
        at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        style TEXT,
        script TEXT,
        slots TEXT NOT NULL DEFAULT '[]',
        note TEXT,
        UNIQUE (prospect, at, outcome)
    );
    CREATE INDEX attempts_by_prospect ON attempts (prospect, at);
    CREATE TABLE drafts (
        prospect TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        style TEXT NOT NULL,
        script TEXT NOT NULL,
        slots TEXT NOT NULL DEFAULT '[]'
    );
    """,
)


class TouchLogError(VoicemailCoachError):
    """A touch log that cannot be opened, read or written, or an attempt that cannot be kept."""


@dataclass(frozen=True)
class Attempt:
    """One touch on a prospect: when, how it ended, and what the voicemail said and offered."""

    prospect: str
    name: str
    company: str
    at: datetime
    outcome: str
    style: str | None = None
    script: str | None = None
    slots: tuple[datetime, ...] = ()
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: times as ISO 8601 with their offset."""
        return {
            "prospect": self.prospect,
            "name": self.name,
            "company": self.company,
            "at": self.at.isoformat(),
            "outcome": self.outcome,
            "style": self.style,
            "script": self.script,
            "slots": [s.isoformat() for s in self.slots],
            "note": self.note,
        }


@dataclass(frozen=True)
class Drafted:
    """The script ``draft`` last produced for a prospect: what ``log --outcome left-voicemail``
    records as left."""

    prospect: str
    at: datetime
    style: str
    script: str
    slots: tuple[datetime, ...] = ()


def prospect_key(record: Any) -> str:
    """Return a prospect's stable key: its CRM id, else its phone digits, else name and company.

    Works on a `Prospect` or anything with ``id``/``phone``/``name``/``company`` attributes.
    """
    given = getattr(record, "id", None)
    if given:
        return f"id:{str(given).strip()}"
    phone = getattr(record, "phone", None)
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) >= 7:
        return f"phone:{digits}"
    name = " ".join(str(getattr(record, "name", "")).lower().split())
    company = " ".join(str(getattr(record, "company", "")).lower().split())
    return f"name:{name}|{company}"


def default_path() -> Path:
    """Return where the log lives by default: $VOICEMAIL_COACH_LOG, else the user data folder."""
    given = os.environ.get(ENV_VAR)
    if given:
        return Path(given).expanduser()
    if sys.platform == "win32":  # pragma: no cover - not run on this project's CI
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":  # pragma: no cover
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "voicemail-coach" / "touches.sqlite"


def _iso(moment: datetime) -> str:
    """Return a stored time: aware, ISO 8601, to the second."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TouchLogError(f"the time {moment.isoformat()} has no zone; give one")
    return moment.replace(microsecond=0).isoformat()


def _slots_json(slots: Iterable[datetime]) -> str:
    """Return slots as a JSON list of ISO strings."""
    return json.dumps([_iso(s) for s in slots])


def _slots_from(raw: str) -> tuple[datetime, ...]:
    """Return slots stored as a JSON list of ISO strings."""
    return tuple(datetime.fromisoformat(s) for s in json.loads(raw or "[]"))


class TouchLog:
    """An open touch log. Use it as a context manager, or call `close()`.

    Every method that writes runs in one transaction of its own; readers never block writers.
    """

    def __init__(self, path: str | Path, outcomes: Sequence[str] = ()) -> None:
        self.path = Path(path)
        self.outcomes = (*OUTCOMES, *(o for o in outcomes if o not in OUTCOMES))
        if self.path.exists() and not self.path.is_file():
            raise TouchLogError(f"{self.path}: not a regular file; give a file for --log")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise TouchLogError(f"{self.path}: cannot open the touch log ({exc})") from None
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise TouchLogError(
                f"{self.path}: not a readable touch log ({exc}); move it aside or give another "
                "file with --log"
            ) from None

    def __enter__(self) -> TouchLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    # --- schema --------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """Return the schema version of the open file."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Bring the file to SCHEMA_VERSION, one migration per transaction."""
        while True:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                version = self.version
                if version > SCHEMA_VERSION:
                    raise TouchLogError(
                        f"{self.path}: written by a newer voicemail-coach (schema {version}, "
                        f"this one knows {SCHEMA_VERSION}); upgrade voicemail-coach"
                    )
                if version == SCHEMA_VERSION:
                    self._db.execute("COMMIT")
                    return
                for statement in _MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # --- writing -------------------------------------------------------------------------

    def check_outcome(self, outcome: str) -> str:
        """Return the outcome if known (built-in or from the config), else raise with a hint."""
        from ..suggest import did_you_mean

        word = outcome.strip().lower()
        if word not in self.outcomes:
            hint = did_you_mean(word, self.outcomes, "outcomes")
            raise TouchLogError(
                f"unknown outcome '{outcome}'{hint}; add custom ones under outcomes: in the config"
            )
        return word

    def record(self, attempt: Attempt) -> bool:
        """Add an attempt; return False when the same attempt (prospect, time, outcome) is in."""
        outcome = self.check_outcome(attempt.outcome)
        row = (
            attempt.prospect,
            attempt.name,
            attempt.company,
            _iso(attempt.at),
            outcome,
            attempt.style,
            attempt.script,
            _slots_json(attempt.slots),
            attempt.note,
        )
        with self._write():
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO attempts (prospect, name, company, at, outcome, style, "
                "script, slots, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        return cursor.rowcount == 1

    def record_many(self, attempts: Iterable[Attempt]) -> int:
        """Add attempts in one transaction (all or none); return how many were new."""
        added = 0
        with self._write():
            for a in attempts:
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO attempts (prospect, name, company, at, outcome, style, "
                    "script, slots, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        a.prospect,
                        a.name,
                        a.company,
                        _iso(a.at),
                        self.check_outcome(a.outcome),
                        a.style,
                        a.script,
                        _slots_json(a.slots),
                        a.note,
                    ),
                )
                added += cursor.rowcount
        return added

    def keep_draft(self, drafted: Drafted) -> None:
        """Remember the script `draft` produced for a prospect (the last one wins)."""
        with self._write():
            self._db.execute(
                "INSERT INTO drafts (prospect, at, style, script, slots) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (prospect) DO UPDATE SET at = excluded.at, style = excluded.style, "
                "script = excluded.script, slots = excluded.slots",
                (
                    drafted.prospect,
                    _iso(drafted.at),
                    drafted.style,
                    drafted.script,
                    _slots_json(drafted.slots),
                ),
            )

    class _Transaction:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""

        def __init__(self, db: sqlite3.Connection, path: Path) -> None:
            self.db, self.path = db, path

        def __enter__(self) -> None:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise TouchLogError(f"{self.path}: cannot write the touch log ({exc})") from None

        def __exit__(self, kind: object, exc: object, tb: object) -> None:
            if kind is None:
                try:
                    self.db.execute("COMMIT")
                    return
                except sqlite3.Error as error:
                    self.db.execute("ROLLBACK")
                    raise TouchLogError(
                        f"{self.path}: cannot write the touch log ({error})"
                    ) from None
            self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise TouchLogError(f"{self.path}: cannot write the touch log ({exc})") from None

    def _write(self) -> TouchLog._Transaction:
        return TouchLog._Transaction(self._db, self.path)

    # --- reading -------------------------------------------------------------------------

    def attempts(self, prospect: str | None = None) -> list[Attempt]:
        """Return the attempts on one prospect (by key), or all, oldest first."""
        sql = (
            "SELECT prospect, name, company, at, outcome, style, script, slots, note FROM attempts"
        )
        args: tuple[str, ...] = ()
        if prospect is not None:
            sql += " WHERE prospect = ?"
            args = (prospect,)
        rows = self._db.execute(sql + " ORDER BY at, id", args).fetchall()
        return [_attempt(row) for row in rows]

    def iter_attempts(self) -> Iterator[Attempt]:
        """Yield every attempt, oldest first, without holding them all in memory."""
        cursor = self._db.execute(
            "SELECT prospect, name, company, at, outcome, style, script, slots, note "
            "FROM attempts ORDER BY at, id"
        )
        for row in cursor:
            yield _attempt(row)

    def last_draft(self, prospect: str) -> Drafted | None:
        """Return the script `draft` last produced for a prospect, if any."""
        row = self._db.execute(
            "SELECT prospect, at, style, script, slots FROM drafts WHERE prospect = ?",
            (prospect,),
        ).fetchone()
        if row is None:
            return None
        return Drafted(row[0], datetime.fromisoformat(row[1]), row[2], row[3], _slots_from(row[4]))

    def stats(self) -> list[tuple[str, str, int]]:
        """Return (style, outcome, count) for every attempt, most common first per style."""
        rows = self._db.execute(
            "SELECT COALESCE(style, ''), outcome, COUNT(*) FROM attempts "
            "GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"
        ).fetchall()
        return [(str(s), str(o), int(n)) for s, o, n in rows]


def _attempt(row: Sequence[Any]) -> Attempt:
    """Return the Attempt of a stored row."""
    return Attempt(
        prospect=row[0],
        name=row[1],
        company=row[2],
        at=datetime.fromisoformat(row[3]),
        outcome=row[4],
        style=row[5],
        script=row[6],
        slots=_slots_from(row[7]),
        note=row[8],
    )


def utc_now() -> datetime:
    """Return the current time, aware, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)
