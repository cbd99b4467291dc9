"""THE validator: plain data (mappings, lists, text, numbers, booleans) -> checked records.

Every source is a thin adapter over this module: the YAML reader, the CSV reader, the config
file, a style's metadata, a caller file and ``Prospect.from_dict`` all hand it plain data plus a
``Locations`` saying where each value came from, and get back records or a ``DataError`` that
names the file, the line, the key and the prospect where known.

Values are accepted as a CRM hands them over: text is text, and numbers given as text are
numbers (``attempts: "3"``), yes/no words are booleans (``confirmed: "yes"``), hours and slots
may be text (``hours: "Mon-Fri 10:00-12:00"``, ``slots: "2026-11-27 14:00; 2026-11-27 15:00"``).
The records built in code (``Hours``, ``Referral``, a ``datetime`` slot) are accepted as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from ..errors import DataError
from ..models import (
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
from ..suggest import did_you_mean
from .locations import NOWHERE, KeyPath, Locations
from .zones import to_iana

MAX_TEXT = 2_000
"""The longest text field (name, need, offer...), in characters."""
MAX_EXTRA_TEXT = 10_000
"""The longest text value under ``extra``, in characters."""
MAX_ITEMS = 1_000
"""The most keys in one ``extra`` mapping (or items in one of its lists)."""
MAX_SLOTS = 50
"""The most explicit slots one prospect may give."""
TOP_KEYS = ("caller", "prospects")
TRUE_WORDS = frozenset({"true", "yes", "on", "y", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "n", "0"})
SLOT_SEPARATOR = ";"
_COUNTRY = re.compile(r"[A-Za-z]{2}")
_SUBDIVISION = re.compile(r"(?:(?P<country>[A-Za-z]{2})-)?(?P<code>[A-Za-z0-9]{1,3})")


# --- values -----------------------------------------------------------------------------------


def kind(value: Any) -> str:
    """Name a value's shape for messages: 'a mapping', 'a list', "the text 'x'"."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if value is None:
        return "empty"
    return f"the text '{clip(str(value))}'"


def clip(value: str, size: int = 40) -> str:
    """Shorten a value for a message."""
    return value if len(value) <= size else value[: size - 3] + "..."


def fields(
    value: Any, where: Locations, path: KeyPath, what: str, known: Sequence[str]
) -> dict[str, Any]:
    """Return a mapping's entries, refusing other shapes and unknown keys (with a suggestion).

    Entries whose value is None (an empty CRM cell) are dropped.
    """
    if not isinstance(value, Mapping):
        raise where.fail(path, f"{what} must be a mapping of keys to values, not {kind(value)}")
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise where.fail(path, f"{what} has a key that is not plain text ({kind(key)})")
        if key not in known:
            raise where.fail(
                (*path, key), f"unknown key '{clip(key)}' in {what}{did_you_mean(key, known)}"
            )
        if item is not None:
            out[key] = item
    return out


def text(value: Any, where: Locations, path: KeyPath, what: str, limit: int = MAX_TEXT) -> str:
    """Return a text value stripped (numbers given by code become their digits)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise where.fail(path, f"{what} must be text, not {kind(value)}")
    out = str(value).strip()
    if len(out) > limit:
        raise where.fail(path, f"{what} is {len(out):,} characters; keep it under {limit:,}")
    return out


def optional(
    data: Mapping[str, Any], where: Locations, path: KeyPath, key: str, what: str
) -> str | None:
    """Return an optional text field, None when absent or empty."""
    if key not in data:
        return None
    return text(data[key], where, (*path, key), f"{what}.{key}") or None


def required(data: Mapping[str, Any], where: Locations, path: KeyPath, key: str, what: str) -> str:
    """Return a required, non-empty text field."""
    value = optional(data, where, path, key, what)
    if value is None:
        raise where.fail(
            (*path, key),
            f"{what} needs '{key}': add `{key}: ...` to it",
            line=where.line((*path, key)) if key in data else where.start(path),
        )
    return value


def flag(value: Any, where: Locations, path: KeyPath, what: str) -> bool:
    """Return a yes/no value: a boolean, or true/false, yes/no, on/off, y/n, 1/0 as text."""
    if isinstance(value, bool):
        return value
    word = text(value, where, path, what).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise where.fail(path, f"{what} must be true or false, not '{clip(word)}'")


def count(value: Any, where: Locations, path: KeyPath, what: str) -> int:
    """Return a whole number of zero or more (given as a number or as digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1_000_000:
        return value
    word = text(value, where, path, what) if not isinstance(value, bool) else str(value)
    if isinstance(value, float) and value.is_integer() and 0 <= value < 1_000_000:
        return int(value)
    if not word.isascii() or not word.isdigit() or len(word) > 6:
        raise where.fail(path, f"{what} must be a whole number like 0, 1 or 2, not '{clip(word)}'")
    return int(word)


def free(value: Any, where: Locations, path: KeyPath, what: str = "extra") -> Any:
    """Return free-form data copied as plain text, lists and dicts, within the size limits.

    Numbers and booleans given by code are kept; everything a file gives is text.
    """
    where.spend(path)
    if isinstance(value, str):
        if len(value) > MAX_EXTRA_TEXT:
            raise where.fail(
                path, f"{what} is {len(value):,} characters; keep it under {MAX_EXTRA_TEXT:,}"
            )
        return value
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            raise where.fail(
                path, f"{what} holds {len(value):,} items; keep it under {MAX_ITEMS:,}"
            )
        return [free(item, where, (*path, i), what) for i, item in enumerate(value)]
    if isinstance(value, Mapping):
        if len(value) > MAX_ITEMS:
            raise where.fail(path, f"{what} holds {len(value):,} keys; keep it under {MAX_ITEMS:,}")
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise where.fail(path, f"keys under '{what}' must be plain text")
            out[key] = free(item, where, (*path, key), what)
        return out
    raise where.fail(path, f"{what} must hold text, lists and mappings, not {type(value).__name__}")


def hours(value: Any, where: Locations, path: KeyPath, what: str) -> Hours:
    """Return working hours: an Hours record, or text like 'Mon-Fri 09:00-17:00'."""
    if isinstance(value, Hours):
        return value
    from ..schedule import parse_hours

    raw = text(value, where, path, what)
    try:
        return parse_hours(raw)
    except ValueError as exc:
        raise where.fail(path, f"{what}: {exc}") from None


def zone(value: Any, where: Locations, path: KeyPath, what: str) -> str:
    """Return the IANA zone a zone name means ('America/Chicago', 'Eastern', 'PST', 'GMT+1')."""
    raw = text(value, where, path, what)
    found = to_iana(raw)
    if found is None:
        raise where.fail(
            path,
            f"{what}: unknown time zone '{clip(raw)}'; use an IANA name like America/Chicago",
        )
    return found


def country(value: Any, where: Locations, path: KeyPath, what: str) -> str:
    """Return an ISO 3166-1 country code in capitals ('US', 'GB')."""
    raw = text(value, where, path, what)
    if not _COUNTRY.fullmatch(raw):
        raise where.fail(
            path, f"{what} must be a two-letter ISO country code like US or GB, not '{clip(raw)}'"
        )
    return raw.upper()


def subdivision(value: Any, where: Locations, path: KeyPath, what: str, of: str | None) -> str:
    """Return an ISO 3166-2 subdivision code without its country ('CA' for 'US-CA').

    A prefix naming another country than `of` is refused.
    """
    raw = text(value, where, path, what)
    match = _SUBDIVISION.fullmatch(raw)
    if not match:
        raise where.fail(
            path,
            f"{what} must be an ISO 3166-2 code like CA, US-CA or NSW, not '{clip(raw)}'",
        )
    prefix = match["country"]
    if prefix and of and prefix.upper() != of:
        raise where.fail(path, f"{what} '{raw}' is in {prefix.upper()}, but country is {of}")
    return match["code"].upper()


def parse_slot(raw: str) -> datetime:
    """Parse '2026-11-27 14:00' (an optional offset is kept); ValueError otherwise."""
    try:
        return datetime.fromisoformat(raw.replace("T", " "))
    except ValueError:
        raise ValueError(
            f"'{clip(raw)}' is not a date and time; write it like \"2026-11-27 14:00\""
        ) from None


def slots(value: Any, where: Locations, path: KeyPath) -> tuple[datetime, ...]:
    """Return explicit slots: a list of times, or one text of times separated by ';'."""
    if isinstance(value, str):
        items: list[Any] = [s for s in value.split(SLOT_SEPARATOR) if s.strip()]
        places: list[KeyPath] = [path] * len(items)
    elif isinstance(value, list | tuple):
        items = list(value)
        places = [(*path, i) for i in range(len(items))]
    elif isinstance(value, datetime):
        items, places = [value], [path]
    else:
        raise where.fail(path, 'slots must be a list like ["2026-11-27 14:00"]')
    if len(items) > MAX_SLOTS:
        raise where.fail(path, f"slots holds {len(items):,} times; give at most {MAX_SLOTS}")
    out = []
    for item, at in zip(items, places, strict=True):
        if isinstance(item, datetime):
            out.append(item)
            continue
        raw = text(item, where, at, "slot")
        try:
            out.append(parse_slot(raw))
        except ValueError as exc:
            raise where.fail(at, f"slot: {exc}") from None
    return tuple(out)


def caller_phone(value: str, where: Locations, path: KeyPath) -> str:
    """Refuse a caller number that is not a phone number."""
    from ..phones import normalize

    if normalize(value) is None:
        raise where.fail(
            path,
            f"caller.phone '{clip(value)}' is not a valid phone number; write it with "
            "its area code, e.g. 901-555-2120 or +44 20 7946 0958",
        )
    return value


# --- records ----------------------------------------------------------------------------------


def _place(data: Mapping[str, Any], where: Locations, path: KeyPath, what: str) -> dict[str, Any]:
    """Return country and subdivision fields, checked."""
    out: dict[str, Any] = {}
    if "country" in data:
        out["country"] = country(data["country"], where, (*path, "country"), f"{what}.country")
    if "subdivision" in data:
        out["subdivision"] = subdivision(
            data["subdivision"],
            where,
            (*path, "subdivision"),
            f"{what}.subdivision",
            out.get("country"),
        )
    return out


def caller(value: Any, where: Locations = NOWHERE, path: KeyPath = ()) -> Caller:
    """Return a validated Caller from plain data (see the module docstring for what is taken)."""
    where.raise_problem(path)
    f = fields(value, where, path, "caller", CALLER_KEYS)
    phone = caller_phone(required(f, where, path, "phone", "caller"), where, (*path, "phone"))
    return Caller(
        name=required(f, where, path, "name", "caller"),
        company=required(f, where, path, "company", "caller"),
        phone=phone,
        available=optional(f, where, path, "available", "caller"),
        hours=hours(f["hours"], where, (*path, "hours"), "caller.hours") if "hours" in f else None,
        timezone=(
            zone(f["timezone"], where, (*path, "timezone"), "caller.timezone")
            if "timezone" in f
            else None
        ),
        offer=optional(f, where, path, "offer", "caller"),
        extra=_extra(f, where, path, "caller"),
        **_place(f, where, path, "caller"),
        source=where.path,
        lines=field_lines(f, where, path),
    )


def field_lines(data: Mapping[str, Any], where: Locations, path: KeyPath) -> dict[str, int]:
    """Return the line of each text field of a record, by dotted key (for fixes that point
    at the data: ``need`` -> 4, ``reference.result`` -> 9, ``extra.industry`` -> 11)."""
    if where.path is None:
        return {}
    out: dict[str, int] = {}
    for key, value in data.items():
        inner = value.items() if isinstance(value, Mapping) else ()
        for sub, _ in inner:
            line = where.line((*path, key, sub))
            if line is not None:
                out[f"{key}.{sub}"] = line
        line = where.line((*path, key))
        if line is not None:
            out[str(key)] = line
    return out


def _extra(f: Mapping[str, Any], where: Locations, path: KeyPath, what: str) -> dict[str, Any]:
    """Return the free-form `extra` mapping ({} when absent)."""
    if "extra" not in f:
        return {}
    if not isinstance(f["extra"], Mapping):
        raise where.fail(
            (*path, "extra"), f"{what}.extra must be a mapping like {{industry: logistics}}"
        )
    out: dict[str, Any] = free(f["extra"], where, (*path, "extra"))
    return out


def _name_of(value: Any) -> str | None:
    """Return a prospect's name for messages when it has a plain one."""
    if isinstance(value, Mapping):
        name = value.get("name")
        if isinstance(name, str) and name.strip():
            return clip(name.strip(), 80)
    return None


def prospect(
    value: Any, where: Locations = NOWHERE, path: KeyPath = (), what: str = "prospect"
) -> Prospect:
    """Return a validated Prospect from plain data; DataError names the key and the prospect.

    The error's ``key`` is relative to the prospect (``referral.confirmed``), wherever the
    prospect sits in its file.
    """
    try:
        return _prospect(value, where, path, what)
    except DataError as exc:
        if exc.prospect is None:
            exc.prospect = _name_of(value)
        prefix = ".".join(str(p) for p in path)
        if prefix and exc.key is not None and exc.key.startswith(prefix + "."):
            exc.key = exc.key[len(prefix) + 1 :]
        raise


def _prospect(value: Any, where: Locations, path: KeyPath, what: str) -> Prospect:
    where.raise_problem(path)
    f = fields(value, where, path, what, PROSPECT_KEYS)
    referral = None
    if "referral" in f:
        at = (*path, "referral")
        given = f["referral"]
        if isinstance(given, Referral):
            referral = given
        else:
            r = fields(given, where, at, f"{what}.referral", REFERRAL_KEYS)
            confirmed = (
                flag(r["confirmed"], where, (*at, "confirmed"), "referral.confirmed")
                if "confirmed" in r
                else False
            )
            referral = Referral(
                by=required(r, where, at, "by", f"{what}.referral"), confirmed=confirmed
            )
    reference = None
    if "reference" in f:
        at = (*path, "reference")
        given = f["reference"]
        if isinstance(given, Reference):
            reference = given
        else:
            r = fields(given, where, at, f"{what}.reference", REFERENCE_KEYS)
            reference = Reference(
                client=required(r, where, at, "client", f"{what}.reference"),
                result=optional(r, where, at, "result", "reference"),
            )
    identity = optional(f, where, path, "id", what)
    return Prospect(
        name=required(f, where, path, "name", what),
        company=required(f, where, path, "company", what),
        salutation=optional(f, where, path, "salutation", what),
        phone=optional(f, where, path, "phone", what),
        need=optional(f, where, path, "need", what),
        referral=referral,
        reference=reference,
        attempts=count(f["attempts"], where, (*path, "attempts"), "attempts")
        if "attempts" in f
        else 0,
        slots=slots(f["slots"], where, (*path, "slots")) if "slots" in f else (),
        hours=hours(f["hours"], where, (*path, "hours"), f"{what}.hours") if "hours" in f else None,
        timezone=(
            zone(f["timezone"], where, (*path, "timezone"), f"{what}.timezone")
            if "timezone" in f
            else None
        ),
        extra=_extra(f, where, path, what),
        id=identity,
        source=where.path,
        line=where.start(path),
        **_place(f, where, path, what),
        lines=field_lines(f, where, path),
    )


def book(value: Any, where: Locations = NOWHERE) -> Book:
    """Return the caller and prospects of a prospects document's plain data.

    The data is either a mapping with ``prospects:`` (a list, or one mapping) and an optional
    ``caller:``, or a single prospect mapping (it has ``name`` and neither top-level key).
    """
    if value is None:
        raise DataError(
            "the file is empty; run `voicemail-coach init` for an example", path=where.path
        )
    if not isinstance(value, Mapping):
        raise where.fail((), f"the file must hold a mapping with 'prospects:', not {kind(value)}")
    if "name" in value and not set(value) & set(TOP_KEYS):
        return Book(caller=None, prospects=(prospect(value, where),), source=where.path)
    where.raise_problem(skip=(("caller",), ("prospects",)))
    top = fields(value, where, (), "the file", TOP_KEYS)
    found_caller = caller(top["caller"], where, ("caller",)) if "caller" in top else None
    items = prospect_items(top, where)
    prospects = tuple(prospect(item, where, at) for at, item in items)
    return Book(caller=found_caller, prospects=prospects, source=where.path)


def prospect_items(top: Mapping[str, Any], where: Locations) -> list[tuple[KeyPath, Any]]:
    """Return (key path, data) of each prospect under `prospects:`, refusing bad shapes."""
    if "prospects" not in top:
        raise where.fail((), "no prospects: add a `prospects:` list (or a single prospect)")
    seq = top["prospects"]
    if isinstance(seq, Mapping):
        return [(("prospects",), seq)]
    if not isinstance(seq, list | tuple):
        raise where.fail(
            ("prospects",), "prospects must be a list of mappings, each with name and company"
        )
    if not seq:
        raise where.fail(
            ("prospects",), "prospects is empty: add at least one with name and company"
        )
    return [(("prospects", i), item) for i, item in enumerate(seq)]
