"""Read prospect YAML: every scalar stays a string, structure is validated with file:line."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError
from .models import (
    CALLER_KEYS,
    PROSPECT_KEYS,
    REFERENCE_KEYS,
    REFERRAL_KEYS,
    Book,
    Caller,
    Hours,
    Prospect,
    Reference,
    Referral,
)
from .suggest import did_you_mean

try:  # libyaml's parser when available: same YAML, several times faster on big call lists
    from yaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 64 * 1024 * 1024
MIN_NODE_BUDGET = 200_000

TOP_KEYS = ("caller", "prospects")
TRUE_WORDS = frozenset({"true", "yes", "on", "y"})
FALSE_WORDS = frozenset({"false", "no", "off", "n"})
MAX_TEXT = 2_000
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map")
)  # what the base resolver gives untagged nodes; !!str, !!seq and !!map say the same


class _Reader:
    """Walk composed YAML nodes with the file name at hand for every message."""

    def __init__(self, source: str, budget: int) -> None:
        self.source = source
        self.budget = budget

    def fail(self, node: yaml.Node | None, message: str) -> DataError:
        """Return a DataError located at the node."""
        line = node.start_mark.line + 1 if node is not None else None
        return DataError(message, path=self.source, line=line)

    def spend(self, node: yaml.Node) -> None:
        """Count one node visit; refuse alias bombs before they explode, and explicit tags."""
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(
                node,
                f"YAML tags like '{_clip(node.tag)}' are not supported; "
                "remove the !!tag and write the value as text",
            )
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                "too many nested aliases (&anchor/*alias): the file expands without bound; "
                "write the values out instead of referencing them",
            )

    def mapping(self, node: yaml.Node, what: str, known: tuple[str, ...]) -> dict[str, yaml.Node]:
        """Return a mapping's keys and value nodes, refusing duplicates and unknown keys."""
        self.spend(node)
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values, not {_kind(node)}")
        out: dict[str, yaml.Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            self.spend(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, f"{what} has a key that is not plain text")
            key = key_node.value
            if key == "<<":
                raise self.fail(key_node, "merge keys (<<) are not supported; write the keys out")
            if key in out:
                first = key_lines[key]
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' in {what} (first given on line {first}); keep one",
                )
            if key not in known:
                raise self.fail(
                    key_node, f"unknown key '{key}' in {what}{did_you_mean(key, known)}"
                )
            out[key] = value_node
            key_lines[key] = key_node.start_mark.line + 1
        return out

    def text(self, node: yaml.Node, what: str, limit: int = MAX_TEXT) -> str:
        """Return a scalar exactly as written."""
        self.spend(node)
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be text, not {_kind(node)}")
        value = node.value.strip()
        if len(value) > limit:
            raise self.fail(node, f"{what} is {len(value):,} characters; keep it under {limit:,}")
        return value

    def optional(self, fields: Mapping[str, yaml.Node], key: str, what: str) -> str | None:
        """Return an optional text field, None when absent or empty."""
        if key not in fields:
            return None
        value = self.text(fields[key], f"{what}.{key}")
        return value or None

    def required(
        self, node: yaml.Node, fields: Mapping[str, yaml.Node], key: str, what: str
    ) -> str:
        """Return a required, non-empty text field."""
        value = self.optional(fields, key, what)
        if value is None:
            where = fields.get(key, node)
            raise self.fail(where, f"{what} needs '{key}': add `{key}: ...` to it")
        return value

    def flag(self, node: yaml.Node, what: str) -> bool:
        """Return a yes/no value."""
        word = self.text(node, what).lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise self.fail(node, f"{what} must be true or false, not '{word}'")

    def count(self, node: yaml.Node, what: str) -> int:
        """Return a whole number of zero or more."""
        word = self.text(node, what)
        if not word.isdigit() or len(word) > 6:
            raise self.fail(node, f"{what} must be a whole number like 0, 1 or 2, not '{word}'")
        return int(word)

    def free(self, node: yaml.Node) -> Any:
        """Return free-form data as plain strings, lists and dicts."""
        self.spend(node)
        if isinstance(node, yaml.ScalarNode):
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.free(item) for item in node.value]
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.free(key_node)
            if not isinstance(key, str):
                raise self.fail(key_node, "keys under 'extra' must be plain text")
            if key in out:
                raise self.fail(key_node, f"duplicate key '{key}' under 'extra'; keep one")
            out[key] = self.free(value_node)
        return out

    def checked(self, node: yaml.Node, what: str, parse: Callable[[str], Any]) -> Any:
        """Parse a text field, turning a ValueError into a located DataError."""
        value = self.text(node, what)
        try:
            return parse(value)
        except ValueError as exc:
            raise self.fail(node, f"{what}: {exc}") from None

    def hours(self, node: yaml.Node, what: str) -> Hours:
        """Return parsed working hours."""
        from .schedule import parse_hours

        return self.checked(node, what, parse_hours)

    def zone(self, node: yaml.Node, what: str) -> str:
        """Return a known IANA time zone name."""
        return self.checked(node, what, _check_zone)

    def caller(self, node: yaml.Node) -> Caller:
        """Return the validated caller."""
        f = self.mapping(node, "caller", CALLER_KEYS)
        phone_node = f.get("phone", node)
        phone = self.required(node, f, "phone", "caller")
        from .phones import normalize

        if normalize(phone) is None:
            raise self.fail(
                phone_node,
                f"caller.phone '{phone}' is not a valid phone number; write it with "
                "its area code, e.g. 901-555-2120 or +44 20 7946 0958",
            )
        return Caller(
            name=self.required(node, f, "name", "caller"),
            company=self.required(node, f, "company", "caller"),
            phone=phone,
            available=self.optional(f, "available", "caller"),
            hours=self.hours(f["hours"], "caller.hours") if "hours" in f else None,
            timezone=self.zone(f["timezone"], "caller.timezone") if "timezone" in f else None,
            offer=self.optional(f, "offer", "caller"),
            extra=self.free(f["extra"]) if "extra" in f else {},
        )

    def prospect(self, node: yaml.Node, what: str) -> Prospect:
        """Return one validated prospect."""
        f = self.mapping(node, what, PROSPECT_KEYS)
        referral = None
        if "referral" in f:
            r = self.mapping(f["referral"], f"{what}.referral", REFERRAL_KEYS)
            confirmed = (
                self.flag(r["confirmed"], "referral.confirmed") if "confirmed" in r else False
            )
            by = self.required(f["referral"], r, "by", f"{what}.referral")
            referral = Referral(by=by, confirmed=confirmed)
        reference = None
        if "reference" in f:
            r = self.mapping(f["reference"], f"{what}.reference", REFERENCE_KEYS)
            client = self.required(f["reference"], r, "client", f"{what}.reference")
            reference = Reference(client=client, result=self.optional(r, "result", "reference"))
        slots: tuple[datetime, ...] = ()
        if "slots" in f:
            slots_node = f["slots"]
            self.spend(slots_node)
            if isinstance(slots_node, yaml.ScalarNode):
                items = [slots_node]
            elif isinstance(slots_node, yaml.SequenceNode):
                items = list(slots_node.value)
            else:
                raise self.fail(slots_node, 'slots must be a list like ["2026-11-27 14:00"]')
            slots = tuple(self.checked(item, "slot", _parse_slot) for item in items)
        if "extra" in f and not isinstance(f["extra"], yaml.MappingNode):
            raise self.fail(
                f["extra"], f"{what}.extra must be a mapping like {{industry: logistics}}"
            )
        return Prospect(
            name=self.required(node, f, "name", what),
            company=self.required(node, f, "company", what),
            salutation=self.optional(f, "salutation", what),
            phone=self.optional(f, "phone", what),
            need=self.optional(f, "need", what),
            referral=referral,
            reference=reference,
            attempts=self.count(f["attempts"], "attempts") if "attempts" in f else 0,
            slots=slots,
            hours=self.hours(f["hours"], f"{what}.hours") if "hours" in f else None,
            timezone=self.zone(f["timezone"], f"{what}.timezone") if "timezone" in f else None,
            extra=self.free(f["extra"]) if "extra" in f else {},
            source=self.source,
            line=node.start_mark.line + 1,
        )

    def book(self, root: yaml.Node | None) -> Book:
        """Return the caller and prospects held by a document."""
        if root is None:
            raise DataError(
                "the file is empty; run `voicemail-coach init` for an example", path=self.source
            )
        if not isinstance(root, yaml.MappingNode):
            raise self.fail(
                root, f"the file must hold a mapping with 'prospects:', not {_kind(root)}"
            )
        keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
        if "name" in keys and not keys & set(TOP_KEYS):
            return Book(
                caller=None, prospects=(self.prospect(root, "prospect"),), source=self.source
            )
        top = self.mapping(root, "the file", TOP_KEYS)
        caller = self.caller(top["caller"]) if "caller" in top else None
        if "prospects" not in top:
            raise self.fail(root, "no prospects: add a `prospects:` list (or a single prospect)")
        seq = top["prospects"]
        self.spend(seq)
        if isinstance(seq, yaml.MappingNode):
            items = [seq]
        elif isinstance(seq, yaml.SequenceNode):
            items = list(seq.value)
        else:
            raise self.fail(seq, "prospects must be a list of mappings, each with name and company")
        if not items:
            raise self.fail(seq, "prospects is empty: add at least one with name and company")
        prospects = tuple(self.prospect(item, "prospect") for item in items)
        return Book(caller=caller, prospects=prospects, source=self.source)


def _kind(node: yaml.Node) -> str:
    """Name a node's shape for messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the text '{_clip(node.value)}'"


def _clip(value: str, size: int = 40) -> str:
    """Shorten a value for a message."""
    return value if len(value) <= size else value[: size - 3] + "..."


def _check_zone(name: str) -> str:
    """Return the name if it is a known IANA zone, else raise ValueError."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone '{_clip(name)}'; use an IANA name like America/Chicago"
        ) from None
    return name


def _parse_slot(text: str) -> datetime:
    """Parse '2026-11-27 14:00' (an optional offset is kept)."""
    try:
        return datetime.fromisoformat(text.replace("T", " "))
    except ValueError:
        raise ValueError(
            f"'{_clip(text)}' is not a date and time; write it like \"2026-11-27 14:00\""
        ) from None


def _decode(raw: bytes, source: str) -> str:
    """Decode UTF-8 (with or without a BOM), naming the line of a bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(
            "is not UTF-8 text (a bad byte here); save the file as UTF-8", path=source, line=line
        ) from None


MAX_DEPTH = 100
_BRACKET = re.compile(r"[\[\]{}]")
_DEEP_INDENT = re.compile(rf"^ {{{2 * MAX_DEPTH},}}\S", re.MULTILINE)


def _nesting_line(text: str) -> int | None:
    """Return the line where nesting passes MAX_DEPTH, else None.

    libyaml composes nodes recursively and crashes the interpreter (a segfault, not an
    exception) somewhere past 10,000 nested brackets, which fit in a few kilobytes. Brackets
    inside quotes are counted too, which can only over-count.
    """
    depth = 0
    for m in _BRACKET.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return text.count("\n", 0, m.start()) + 1
    deep = _DEEP_INDENT.search(text)
    return text.count("\n", 0, deep.start()) + 1 if deep else None


def compose(text: str, source: str) -> yaml.Node | None:
    """Parse YAML text into nodes (all scalars plain text), naming the line of a syntax error."""
    if "\x00" in text:
        raise DataError("holds binary data (a NUL byte); expected a YAML text file", path=source)
    line = _nesting_line(text)
    if line is not None:
        raise DataError(
            f"nested more than {MAX_DEPTH} levels deep; a prospect is a mapping of a few fields",
            path=source,
            line=line,
        )
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "broken YAML"
        hint = "; indent with spaces, not tabs" if "\t" in text and "tab" in str(exc) else ""
        raise DataError(f"YAML error: {problem}{hint}", path=source, line=line) from None
    except yaml.YAMLError as exc:
        raise DataError(f"YAML error: {exc}", path=source) from None


def parse(text: str, source: str = "<string>") -> Book:
    """Parse prospect YAML text into a validated Book."""
    root = compose(text, source)
    budget = max(MIN_NODE_BUDGET, 2 * len(text))
    return _Reader(source, budget).book(root)


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, refusing folders, huge files and undecodable bytes."""
    p = Path(path)
    source = str(path)
    try:
        if p.is_dir():
            raise DataError("is a folder; give a .yaml file", path=source)
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise DataError(
                f"is {size / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB, split the list",
                path=source,
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DataError("no such file; check the path", path=source) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", path=source) from None
    return _decode(raw, source)


def load(path: str | Path) -> Book:
    """Read and validate a prospects file."""
    return parse(read_text(path), str(path))
