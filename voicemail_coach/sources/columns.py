"""What CSV columns hold: our own names, CRM export headers, ``--map``/``--id``; the header check.

Our own columns (``COLUMNS``, plus ``extra.NAME``) and the standard export headers of HubSpot,
Salesforce, Pipedrive, Close and Apollo (``ALIASES``) are matched without regard to case,
spaces or underscores. A file that uses any CRM header is a CRM export: its other columns are
kept under ``extra`` as snake_case keys ("Lead Status" -> ``extra.lead_status``); in a file of
our own columns an unknown column is an error naming every unknown column at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import DataError
from ..models import PROSPECT_KEYS, REFERENCE_KEYS, REFERRAL_KEYS
from ..suggest import did_you_mean
from .locations import KeyPath
from .schema import MAX_ITEMS, clip

FLAT_COLUMNS = tuple(k for k in PROSPECT_KEYS if k not in ("referral", "reference", "extra"))
NESTED_COLUMNS = (
    *(f"referral.{k}" for k in REFERRAL_KEYS),
    *(f"reference.{k}" for k in REFERENCE_KEYS),
)
COLUMNS = (*FLAT_COLUMNS, *NESTED_COLUMNS)
"""Every column of our own a CSV call list may have, besides free-form ``extra.NAME`` ones."""
FIRST_NAME = ("name", "@first")
"""The key path a first-name column fills (joined with the last name into ``name``)."""
LAST_NAME = ("name", "@last")
_ALIAS_TABLE: dict[KeyPath, tuple[str, ...]] = {
    ("name",): (
        "full name",
        "contact name",
        "contact full name",
        "person name",
        "person - name",
        "contact",
        "display name",
        "lead full name",
    ),
    FIRST_NAME: (
        "first name",
        "firstname",
        "given name",
        "contact first name",
        "person - first name",
        "first",
    ),
    LAST_NAME: (
        "last name",
        "lastname",
        "surname",
        "family name",
        "contact last name",
        "person - last name",
        "last",
    ),
    ("company",): (
        "company name",
        "account name",
        "account",
        "organization",
        "organisation",
        "organization name",
        "organisation name",
        "organization - name",
        "lead name",
        "company / account",
        "employer",
    ),
    ("phone",): (
        "phone number",
        "phone",
        "mobile phone",
        "mobile phone number",
        "mobile",
        "work phone",
        "business phone",
        "direct phone",
        "direct dial",
        "corporate phone",
        "work direct phone",
        "primary phone",
        "contact phone",
        "person - phone",
        "person - phone - work",
        "person - phone - mobile",
        "phone 1",
        "home phone",
        "other phone",
        "cell phone",
    ),
    ("timezone",): (
        "time zone",
        "contact time zone",
        "person - time zone",
        "tz",
        "local time zone",
    ),
    ("id",): (
        "record id",
        "contact id",
        "lead id",
        "person id",
        "person - id",
        "contact record id",
        "apollo contact id",
        "salesforce id",
        "crm id",
        "lead_id",
        "contact_id",
    ),
    ("salutation",): ("salutation", "prefix", "title prefix"),
    ("extra", "title"): ("job title", "title", "person - job title", "position"),
    ("extra", "industry"): ("industry", "organization - industry", "company industry"),
}
ALIASES: dict[str, KeyPath] = {name: path for path, names in _ALIAS_TABLE.items() for name in names}
"""CRM export headers (normalized: lower case, single spaces) and the field each one fills."""
_CANDIDATES = frozenset({("phone",), ("company",), ("name",), ("timezone",), ("id",)})
_SEPARATORS = re.compile(r"[\s_]+")
_SLUG = re.compile(r"[^0-9a-z]+")


def normalize(title: str) -> str:
    """Return a header as matched: lower case, underscores as spaces, single spaces."""
    return _SEPARATORS.sub(" ", title.strip()).lower()


_OWN = {normalize(c): tuple(c.split(".")) for c in COLUMNS}


@dataclass(frozen=True)
class Header:
    """What each column holds (picklable; sent to worker processes with the rows).

    ``targets`` pairs column indexes with key paths; several columns may fill one path (a CRM
    export's phone columns), the first non-empty value winning (for the phone: the first valid
    one). ``crm`` says the file was recognised as a CRM export.
    """

    source: str
    targets: tuple[tuple[int, KeyPath], ...]
    width: int
    unnamed: tuple[int, ...] = ()
    crm: bool = False
    delimiter: str = ","


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """Return {"HEADER": "field"} from ``--map`` values like "Call Attempts=attempts".

    The header may hold '=' itself: the last '=' separates it from the field. Raises DataError
    for an item without '=' or with an empty side (which field names are known is checked
    against the file's header by ``read_header``).
    """
    out: dict[str, str] = {}
    for item in items:
        header, sep, field = item.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise DataError(
                f"--map '{clip(item)}' must be HEADER=field, like --map \"Call Attempts=attempts\""
            )
        out[header.strip()] = field.strip()
    return out


def _slug(title: str) -> str:
    """Return a header as an `extra` key: 'Lead Status' -> 'lead_status'."""
    return _SLUG.sub("_", title.strip().lower()).strip("_") or "column"


def _field_path(field: str, source: str, header: str) -> KeyPath:
    """Return the key path a --map field names, refusing unknown fields."""
    low = field.strip().lower()
    if low.startswith("extra.") and len(low) > len("extra."):
        return ("extra", *(p.strip() for p in field.strip().split(".")[1:]))
    if low in _OWN:
        return _OWN[low]
    raise DataError(
        f"--map '{header}={field}': unknown field '{field}'"
        f"{did_you_mean(low, (*COLUMNS, 'extra.NAME'), 'fields')}",
        path=source,
    )


def read_header(
    cells: Sequence[str],
    source: str,
    delimiter: str = ",",
    mapping: Mapping[str, str] | None = None,
    id_column: str | None = None,
) -> Header:
    """Check a header row and say what each column holds (linear in the number of columns).

    Raises DataError (at line 1) for an empty header, unknown columns in a file of our own
    columns (all named at once), a column given twice, a column and a field inside it, no
    name or company column, or more than MAX_ITEMS ``extra`` columns.
    """
    if not any(c.strip() for c in cells):
        raise DataError(
            "the file is empty; its first line must name the columns, like name,company,phone,need",
            path=source,
            line=1 if cells else None,
        )
    given = {normalize(k): _field_path(v, source, k) for k, v in (mapping or {}).items()}
    asked = {normalize(k): k.strip() for k in (mapping or {})}
    if id_column is not None:
        given[normalize(id_column)] = ("id",)
        asked[normalize(id_column)] = id_column.strip()
    titles = [normalize(c) for c in cells]
    present = set(titles)
    missing = [asked[k] for k in given if k not in present]
    if missing:
        named = [c.strip() for c in cells if c.strip()]
        raise DataError(
            f"no column named '{clip(missing[0])}' for --map/--id"
            f"{did_you_mean(missing[0], named, 'columns')}",
            path=source,
            line=1,
        )
    crm = any(t in ALIASES and t not in _OWN for t in titles)
    targets: list[tuple[int, KeyPath]] = []
    unnamed: list[int] = []
    unknown: list[str] = []
    seen: dict[KeyPath, int] = {}
    slugs: set[str] = set()
    extras = 0
    for index, (raw, title) in enumerate(zip(cells, titles, strict=True)):
        if not title:
            unnamed.append(index)
            continue
        path: KeyPath | None = given.get(title)
        if path is None and title.startswith("extra.") and len(title) > len("extra."):
            parts = [p.strip() for p in raw.strip().split(".")[1:]]
            if not all(parts):
                raise DataError(
                    f"column '{raw.strip()}' has an empty part; write it like extra.industry",
                    path=source,
                    line=1,
                )
            path = ("extra", *parts)
        if path is None:
            path = _OWN.get(title) or ALIASES.get(title)
        if path is None and crm:
            slug = _slug(raw)
            while slug in slugs:
                slug += "_"
            path = ("extra", slug)
        if path is None:
            unknown.append(raw.strip())
            continue
        if path[0] == "extra":
            extras += 1
            slugs.add(str(path[1]))
        if path in seen and path not in _CANDIDATES and path not in (FIRST_NAME, LAST_NAME):
            raise DataError(
                f"column '{raw.strip()}' is given twice (columns {seen[path] + 1} and "
                f"{index + 1}); keep one",
                path=source,
                line=1,
            )
        seen.setdefault(path, index)
        targets.append((index, path))
    if unknown:
        known = (*COLUMNS, "extra.NAME")
        listed = "; ".join(
            f"'{clip(u)}'{did_you_mean(normalize(u), known, 'columns')}" for u in unknown[:5]
        )
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        raise DataError(
            f"unknown column{'s' if len(unknown) > 1 else ''} {listed}{more}",
            path=source,
            line=1,
        )
    if extras > MAX_ITEMS:
        raise DataError(
            f"has {extras:,} extra columns; keep it under {MAX_ITEMS:,}", path=source, line=1
        )
    _refuse_nesting_clash(seen, source)
    has = {p[0] for p in seen}
    for required in ("name", "company"):
        if required not in has:
            raise DataError(
                f"no '{required}' column: the first line must name the columns, "
                "with at least name and company",
                path=source,
                line=1,
            )
    return Header(source, tuple(targets), len(cells), tuple(unnamed), crm, delimiter)


def _refuse_nesting_clash(seen: Mapping[KeyPath, int], source: str) -> None:
    """Refuse a column that holds text while another holds a field inside it (linear)."""
    leaves = {p for p in seen if p not in (FIRST_NAME, LAST_NAME)}
    for path in leaves:
        for end in range(1, len(path)):
            if path[:end] in leaves:
                raise DataError(
                    f"columns '{'.'.join(map(str, path[:end]))}' and "
                    f"'{'.'.join(map(str, path))}' cannot both be given: one holds text, "
                    "the other a field inside it",
                    path=source,
                    line=1,
                )
