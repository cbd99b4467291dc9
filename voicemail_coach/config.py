"""Settings: per-check levels and thresholds, the caller profile, template folders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .checks import BY_ID, Check
from .errors import ConfigError, DataError
from .models import LEVELS, Caller, Level
from .suggest import did_you_mean

CONFIG_KEYS = ("caller", "fail_on", "region", "templates", "checks")
FAIL_ON = (*LEVELS, "never")
OFF = "off"


@dataclass(frozen=True)
class CheckSetting:
    """How one check runs: on or off, a level that replaces its own, its thresholds."""

    enabled: bool | None = None
    level: Level | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """Everything a config file can set; the defaults live in code."""

    caller: Caller | None = None
    fail_on: str = "error"
    region: str = "US"
    templates: tuple[str, ...] = ()
    checks: Mapping[str, CheckSetting] = field(default_factory=dict)
    source: str | None = None

    def merged(self, overrides: Mapping[str, CheckSetting]) -> Config:
        """Return a copy with other check settings laid over these (e.g. a style's)."""
        checks = dict(self.checks)
        for check_id, setting in overrides.items():
            base = checks.get(check_id, CheckSetting())
            checks[check_id] = CheckSetting(
                enabled=setting.enabled if base.enabled is None else base.enabled,
                level=base.level or setting.level,
                params={**setting.params, **base.params},
            )
        return replace(self, checks=checks)

    def for_style(self, checks: Mapping[str, Any], source: str) -> Config:
        """Return a copy with a style's check settings laid under this config's own."""
        return self.merged(parse_check_settings(dict(checks), source))

    def setting(self, check: Check) -> tuple[bool, Level | None, Mapping[str, Any]]:
        """Return (enabled, level override, thresholds) for a check."""
        s = self.checks.get(check.id, CheckSetting())
        return s.enabled is not False, s.level, {**check.params, **s.params}


def parse_check_settings(raw: Any, where: str, fail: Any = None) -> dict[str, CheckSetting]:
    """Validate {check-id: level | off | {level:, threshold: value}} from a config or a style."""

    def error(message: str) -> ConfigError:
        return fail(message) if fail else ConfigError(f"{where}: {message}")

    if not isinstance(raw, dict):
        raise error("checks must be a mapping of check id to a level or settings")
    out: dict[str, CheckSetting] = {}
    for check_id, value in raw.items():
        check = BY_ID.get(check_id)
        if check is None:
            raise error(f"unknown check '{check_id}'{did_you_mean(check_id, tuple(BY_ID))}")
        if isinstance(value, str):
            out[check_id] = _level_setting(value, check_id, error)
            continue
        if not isinstance(value, dict):
            raise error(
                f"checks.{check_id} must be a level (off, suggestion, warning, error) "
                "or a mapping of thresholds"
            )
        value = dict(value)  # never consume the caller's mapping (a style's metadata is reused)
        setting = _level_setting(value.pop("level", ""), check_id, error)
        params: dict[str, Any] = {}
        for key, given in value.items():
            if key not in check.params:
                known = tuple(check.params) or ("level",)
                raise error(
                    f"unknown setting '{key}' for check {check_id}{did_you_mean(key, known)}"
                )
            params[key] = _param(given, check.params[key], f"checks.{check_id}.{key}", error)
        out[check_id] = replace(setting, params=params)
    return out


def _level_setting(value: Any, check_id: str, error: Any) -> CheckSetting:
    """Return the setting a bare level word means."""
    if value in ("", None):
        return CheckSetting()
    word = str(value).strip().lower()
    if word in (OFF, "false", "no"):
        return CheckSetting(enabled=False)
    if word in LEVELS:
        return CheckSetting(level=word)  # type: ignore[arg-type]
    raise error(
        f"checks.{check_id}: level must be off, suggestion, warning or error, not '{value}'"
    )


def _param(given: Any, default: Any, what: str, error: Any) -> Any:
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


def load_config(path: str | Path) -> Config:
    """Read and validate a voicemail-coach.yaml config file."""
    from . import data

    source = str(path)
    try:
        raw_text = data.read_text(path)
        root = data.compose(raw_text, source)
    except DataError as exc:
        raise ConfigError(exc.message, path=exc.path, line=exc.line) from None
    if root is None:
        return Config(source=source)
    reader = data._Reader(source, max(data.MIN_NODE_BUDGET, 2 * len(raw_text)))
    try:
        fields = reader.mapping(root, "the config", CONFIG_KEYS)
        caller = reader.caller(fields["caller"]) if "caller" in fields else None
        fail_on = reader.text(fields["fail_on"], "fail_on") if "fail_on" in fields else "error"
        if fail_on not in FAIL_ON:
            raise reader.fail(fields["fail_on"], f"fail_on must be one of {', '.join(FAIL_ON)}")
        region = reader.text(fields["region"], "region").upper() if "region" in fields else "US"
        templates: tuple[str, ...] = ()
        if "templates" in fields:
            found = reader.free(fields["templates"])
            items = found if isinstance(found, list) else [found]
            if not all(isinstance(i, str) for i in items):
                raise reader.fail(fields["templates"], "templates must be a list of folders")
            base = Path(source).parent
            templates = tuple(str((base / i).expanduser()) for i in items)
        checks: dict[str, CheckSetting] = {}
        if "checks" in fields:
            node = fields["checks"]
            checks = parse_check_settings(
                reader.free(node),
                source,
                lambda message: ConfigError(message, path=source, line=node.start_mark.line + 1),
            )
    except DataError as exc:
        raise ConfigError(exc.message, path=exc.path, line=exc.line) from None
    return Config(
        caller=caller,
        fail_on=fail_on,
        region=region,
        templates=templates,
        checks=checks,
        source=source,
    )
