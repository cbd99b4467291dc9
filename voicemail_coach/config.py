"""Settings: per-check and per-outcome levels, thresholds, the caller profile, template folders.

Check settings come in layers, lowest first: the built-in defaults, a style's metadata
(``checks:``), the config file (``checks:``), the command line (``--check ID=LEVEL``). Each
layer may name a check (``length: suggestion``, ``length: {level: error, warn_over: 35}``,
``weak-phrases: off``) or one outcome of it (``length.far-too-long: warning``). The highest
layer that says anything about an outcome decides its level; within a layer an outcome's id
beats its check's; so a higher layer's check-level setting beats a lower layer's outcome-level
one. See :mod:`voicemail_coach.policy.levels` for the whole rule. Thresholds are laid the same
way (built-in < style < config file); the command line sets levels only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import BY_ID, CHECKS, Check, all_ids, split_id
from .errors import ConfigError, DataError
from .models import LEVELS, Caller, Level
from .policy.levels import OFF, Layer, Resolved, Setting, resolve, thresholds
from .policy.scoring import FAIL_ON
from .suggest import did_you_mean

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from .sources.locations import Locations

CONFIG_KEYS = (
    "caller",
    "fail_on",
    "region",
    "templates",
    "checks",
    "days_off",
    "max_per_slot",
    "log",
    "cadence",
    "outcomes",
)
STYLE = "style"
CONFIG_FILE = "config file"
COMMAND_LINE = "command line"
_OFF_WORDS = (OFF, "false", "no")

# Turns a message into the error to raise; it may take more (keyword) arguments with defaults,
# as a caller's `lambda m, at=line: ...` does.
Fail = Callable[..., Exception]


@dataclass(frozen=True)
class CheckPlan:
    """How one check runs under a config: its thresholds and the level of each outcome."""

    check: Check
    params: Mapping[str, Any]
    levels: Mapping[str, Resolved]
    other: Resolved

    @property
    def active(self) -> bool:
        """Return True when at least one outcome is on (the check need not run otherwise)."""
        on = any(r.level for r in self.levels.values())
        return on or (self.check.open_outcomes and self.other.level is not None)

    def level(self, code: str) -> Level | None:
        """Return the level an outcome is reported at, or None when it is off."""
        found = self.levels.get(code)
        if found is None:
            return self.other.level if self.check.open_outcomes else None
        return found.level


@dataclass(frozen=True)
class Config:
    """Everything a config file can set, and the style and command-line layers laid with it.

    ``checks`` is the config file's layer; ``style`` the layer of the style being drafted
    (set by :meth:`for_style`); ``command_line`` that of ``--check``.
    """

    caller: Caller | None = None
    fail_on: str = "error"
    region: str = "US"
    templates: tuple[str, ...] = ()
    checks: Layer = field(default_factory=lambda: Layer(CONFIG_FILE))
    source: str | None = None
    days_off: frozenset[date] = frozenset()  # no call proposed on these (schedule.parse_days_off)
    max_per_slot: int = 5  # prospects of one call list offered the same slot (schedule.slots)
    log: str | None = None  # the touch log file (touches.log), relative to the config's folder
    cadence: Any = None  # the raw `cadence:` list, read by touches.cadence.parse_cadence
    cadence_where: str = ""  # "file:line" of `cadence:`, for its error messages
    outcomes: tuple[str, ...] = ()  # custom outcome names for the touch log
    style: Layer = field(default_factory=lambda: Layer(STYLE))
    command_line: Layer = field(default_factory=lambda: Layer(COMMAND_LINE))

    @property
    def layers(self) -> tuple[Layer, Layer, Layer]:
        """Return the layers above the built-in defaults, lowest first."""
        return (self.style, self.checks, self.command_line)

    def for_style(self, checks: Mapping[str, Any], source: str) -> Config:
        """Return a copy with a style's check settings (its metadata) laid under the config's."""
        return replace(
            self, style=parse_check_settings(dict(checks), source, name=f"style {source}")
        )

    def with_command_line(self, items: Iterable[str]) -> Config:
        """Return a copy with ``--check ID=LEVEL`` settings laid over everything else."""
        return replace(self, command_line=parse_command_line(items))

    def params(self, check: Check) -> Mapping[str, Any]:
        """Return a check's thresholds: built-in, then the style's, then the config file's."""
        return thresholds(check, self.layers)

    def resolve(self, finding_id: str) -> Resolved:
        """Return the effective level of a check or outcome id, and the layer that set it.

        For a check id this is the level its outcomes get when no outcome-level setting says
        otherwise. Raises ConfigError for an unknown id.
        """
        found = split_id(finding_id)
        if found is None:
            raise ConfigError(f"unknown check or outcome '{finding_id}'{_suggest(finding_id)}")
        check, outcome = found
        return resolve(check, outcome.code if outcome else "", self.layers)

    @cached_property
    def plan(self) -> tuple[CheckPlan, ...]:
        """Return every check with its thresholds and outcome levels, worked out once."""
        out = []
        for check in CHECKS:
            levels = {o.code: resolve(check, o.code, self.layers) for o in check.outcomes}
            other = resolve(check, "", self.layers)
            out.append(CheckPlan(check, self.params(check), levels, other))
        return tuple(out)


def check_rows(config: Config) -> list[dict[str, Any]]:
    """Return one row per check and per outcome, as ``voicemail-coach checks`` lists them.

    Each row: ``id``, ``check``, ``outcome`` (the code, or None for the check's own row),
    ``default`` (the built-in level, None when off by default), ``level`` (the effective
    level under ``config``, None when off), ``set_by`` (the layer that decided it),
    ``summary``, ``params`` (the effective thresholds, on the check's row) and ``source``.
    """
    rows: list[dict[str, Any]] = []
    built_in = Config()
    for check in CHECKS:
        for outcome in (None, *check.outcomes):
            oid = f"{check.id}.{outcome.code}" if outcome else check.id
            effective = config.resolve(oid)
            rows.append(
                {
                    "id": oid,
                    "check": check.id,
                    "outcome": outcome.code if outcome else None,
                    "default": built_in.resolve(oid).level,
                    "level": effective.level,
                    "set_by": effective.set_by,
                    "summary": outcome.summary if outcome else check.summary,
                    "params": _plain(config.params(check)) if outcome is None else {},
                    "source": check.source,
                }
            )
    return rows


def _plain(params: Mapping[str, Any]) -> dict[str, Any]:
    """Return thresholds as JSON values: whole numbers as int, tuples as lists."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, tuple):
            out[key] = list(value)
        elif isinstance(value, float) and value.is_integer():
            out[key] = int(value)
        else:
            out[key] = value
    return out


def _suggest(word: str) -> str:
    """Return ' (did you mean ...?)' over every known id, or ''."""
    return did_you_mean(word, all_ids())


def parse_check_settings(
    raw: Any, where: str, fail: Fail | None = None, *, name: str | None = None
) -> Layer:
    """Validate ``{id: level | off | {level:, threshold: value}}`` from a config or a style.

    An id is a check's (``length``; a level or a mapping with ``level:`` and thresholds) or an
    outcome's (``length.too-long``; a level only). ``fail`` turns a message into the error to
    raise (default: ConfigError prefixed with ``where``). ``name`` names the layer in
    ``voicemail-coach checks`` (default: ``where``).
    """

    def error(message: str) -> Exception:
        return fail(message) if fail else ConfigError(f"{where}: {message}")

    if not isinstance(raw, dict):
        raise error("checks must be a mapping of check id to a level or settings")
    levels: dict[str, Setting] = {}
    params: dict[str, dict[str, Any]] = {}
    for key, value in raw.items():
        key = str(key)
        found = split_id(key)
        if found is None:
            what = "outcome" if "." in key and key.partition(".")[0] in BY_ID else "check"
            raise error(
                f"unknown {what} '{key}'{_suggest(key)}; `voicemail-coach checks` lists them"
            )
        check, outcome = found
        if isinstance(value, dict):
            value = dict(value)  # never consume the caller's mapping (a style's is reused)
            level = value.pop("level", None)
            if outcome is not None and value:
                raise error(
                    f"checks.{key} takes a level only (off, suggestion, warning, error); "
                    f"set thresholds on checks.{check.id}"
                )
        elif isinstance(value, str) or value is None:
            level, value = value, {}
        else:
            raise error(
                f"checks.{key} must be a level (off, suggestion, warning, error) "
                "or a mapping of thresholds"
            )
        setting = _level(level, key, error)
        if setting is not None:
            levels[key] = setting
        given: dict[str, Any] = {}
        for param, number in value.items():
            if param not in check.params:
                known = tuple(check.params) or ("level",)
                raise error(
                    f"unknown setting '{param}' for check {key}{did_you_mean(param, known)}"
                )
            given[param] = _param(number, check.params[param], f"checks.{key}.{param}", error)
        if given:
            params[key] = given
    return Layer(name or where, levels, params)


def parse_command_line(items: Iterable[str]) -> Layer:
    """Validate ``--check ID=LEVEL`` options (repeatable; a later one for an id wins)."""
    levels: dict[str, Setting] = {}
    for item in items:
        key, sep, word = (part.strip() for part in item.partition("="))
        if not sep or not key or not word:
            raise ConfigError(
                f"--check '{item}': write ID=LEVEL, e.g. --check length=suggestion or "
                "--check proposed-time.slot-too-soon=off"
            )

        def fail(message: str, item: str = item) -> ConfigError:
            return ConfigError(f"--check {item}: {message}")

        if word.lower() not in (*LEVELS, *_OFF_WORDS):
            raise fail(f"level must be off, suggestion, warning or error, not '{word}'")
        levels.update(parse_check_settings({key: word}, "--check", fail).levels)
    return Layer(COMMAND_LINE, levels)


def _level(value: Any, key: str, error: Callable[[str], Exception]) -> Setting | None:
    """Return the setting a level word means (None when no level is given)."""
    if value in ("", None):
        return None
    word = str(value).strip().lower()
    if word in _OFF_WORDS:
        return "off"
    for level in LEVELS:
        if word == level:
            return level
    raise error(f"checks.{key}: level must be off, suggestion, warning or error, not '{value}'")


def _param(given: Any, default: Any, what: str, error: Callable[[str], Exception]) -> Any:
    """Convert a threshold to the type of its default."""
    if isinstance(default, tuple):
        items = given if isinstance(given, list) else [given]
        if not all(isinstance(i, str) and i.strip() for i in items):
            raise error(f"{what} must be a list of phrases")
        return tuple(i.strip() for i in items)
    try:
        number = float(given)
    except (TypeError, ValueError):
        raise error(f"{what} must be a number, not '{given}'") from None
    if number < 0:
        raise error(f"{what} must not be negative")
    return number


def _located(message: str, *, path: str, line: int) -> ConfigError:
    """Return a ConfigError at a file and line."""
    return ConfigError(message, path=path, line=line)


def _schedule_settings(fields: Mapping[str, Any], where: Locations) -> tuple[frozenset[date], int]:
    """Return `days_off:` and `max_per_slot:` of a config file (the slot planner's settings)."""
    from .sources import schema

    days_off: frozenset[date] = frozenset()
    if "days_off" in fields:
        from .schedule.holidays import parse_days_off

        try:
            found = schema.free(fields["days_off"], where, ("days_off",), "days_off")
            days_off = parse_days_off(found)
        except ValueError as exc:
            raise where.fail(("days_off",), f"days_off: {exc}") from None
    max_per_slot = 5
    if "max_per_slot" in fields:
        text = schema.text(fields["max_per_slot"], where, ("max_per_slot",), "max_per_slot")
        if not text.isdigit() or int(text) < 1:
            message = f"max_per_slot must be a whole number of at least 1, not {text!r}"
            raise where.fail(("max_per_slot",), message)
        max_per_slot = int(text)
    return days_off, max_per_slot


_OUTCOME = re.compile(r"[a-z][a-z0-9-]{0,39}\Z")


def _cycle_settings(fields: Mapping[str, Any], where: Locations, source: str) -> dict[str, Any]:
    """Return `log:`, `cadence:` (raw, checked when a log is used) and `outcomes:` settings."""
    from .sources import schema

    found: dict[str, Any] = {}
    if "log" in fields:
        text = schema.text(fields["log"], where, ("log",), "log")
        found["log"] = str(Path(source).parent / Path(text).expanduser())
    if "cadence" in fields:
        found["cadence"] = schema.free(fields["cadence"], where, ("cadence",), "cadence")
        found["cadence_where"] = f"{source}:{where.line(('cadence',)) or 1}"
    if "outcomes" in fields:
        raw = schema.free(fields["outcomes"], where, ("outcomes",), "outcomes")
        items = raw if isinstance(raw, list) else [raw]
        names = [str(i).strip().lower() for i in items]
        bad = [n for n in names if not _OUTCOME.match(n)]
        if bad:
            raise where.fail(
                ("outcomes",),
                f"outcome '{bad[0]}' must be lowercase letters, digits and dashes, like sent-email",
            )
        found["outcomes"] = tuple(dict.fromkeys(names))
    return found


def load_config(path: str | Path) -> Config:
    """Read and validate a voicemail-coach.yaml config file into a `Config`.

    Parameters:
        path: the file; every key is optional (``caller``, ``fail_on``, ``region``,
            ``templates``, ``checks``, ``days_off``, ``max_per_slot``). An empty file gives the
            defaults: no caller, ``fail_on: error``, ``region: US``, ``max_per_slot: 5``.

    ``checks:`` maps a check or outcome id to a level (``off``, ``suggestion``, ``warning``,
    ``error``) or, for a check, to ``{level:, THRESHOLD: value}``; it is laid over the
    built-in levels and a style's metadata, under ``--check`` (see `voicemail_coach.config`).
    The caller is validated like a prospects file's (`Caller.from_dict`).

    Raises ConfigError naming file:line and the key for an unknown key or id (with the closest
    known one), a bad level or threshold, or an unreadable file; DataError for a bad caller.
    """
    from .sources import read_yaml, schema

    source = str(path)
    try:
        data, where = read_yaml(path)
        if data is None:
            return Config(source=source)
        where.raise_problem()
        fields = schema.fields(data, where, (), "the config", CONFIG_KEYS)
        caller = schema.caller(fields["caller"], where, ("caller",)) if "caller" in fields else None
        fail_on = "error"
        if "fail_on" in fields:
            fail_on = schema.text(fields["fail_on"], where, ("fail_on",), "fail_on")
            if fail_on not in FAIL_ON:
                raise where.fail(("fail_on",), f"fail_on must be one of {', '.join(FAIL_ON)}")
        region = "US"
        if "region" in fields:
            region = schema.text(fields["region"], where, ("region",), "region").upper()
        templates: tuple[str, ...] = ()
        if "templates" in fields:
            found = schema.free(fields["templates"], where, ("templates",), "templates")
            items = found if isinstance(found, list) else [found]
            if not all(isinstance(i, str) for i in items):
                raise where.fail(("templates",), "templates must be a list of folders")
            base = Path(source).parent
            templates = tuple(str(base / Path(i).expanduser()) for i in items)
        checks = Layer(f"{CONFIG_FILE} {source}")
        if "checks" in fields:
            raw = schema.free(fields["checks"], where, ("checks",), "checks")
            if isinstance(raw, dict):
                for check_id in raw:  # one id at a time: an error names its line
                    parse_check_settings(
                        {check_id: raw.get(check_id)},
                        source,
                        partial(_located, path=source, line=where.line(("checks", check_id)) or 1),
                    )
            line = where.line(("checks",))
            checks = parse_check_settings(
                raw,
                source,
                lambda message: ConfigError(message, path=source, line=line),
                name=f"{CONFIG_FILE} {source}",
            )
        days_off, max_per_slot = _schedule_settings(fields, where)
        cycle = _cycle_settings(fields, where, source)
    except DataError as exc:
        raise ConfigError(exc.message, path=exc.path, line=exc.line, key=exc.key) from None
    return Config(
        days_off=days_off,
        max_per_slot=max_per_slot,
        caller=caller,
        fail_on=fail_on,
        region=region,
        templates=templates,
        checks=checks,
        source=source,
        **cycle,
    )
