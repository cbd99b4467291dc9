"""Whole files: a prospects book, a caller file, any small YAML file as plain data."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import DataError
from ..models import Book, Caller, Prospect
from . import schema
from .files import read_text, source_name
from .yaml_source import Item, ListReader, Parsed
from .yaml_source import parse as parse_yaml


def check_top(reader: ListReader) -> Caller | None:
    """Check a YAML prospects file as a whole (shape, top-level keys); return its caller.

    Raises DataError for an empty file, a root that is not a mapping, unknown or duplicate
    top-level keys, a caller that does not validate, or a missing or empty `prospects:`.
    """
    top, where = reader.top, reader.where
    if top is None:
        raise DataError(
            "the file is empty; run `voicemail-coach init` for an example", path=where.path
        )
    if not isinstance(top, Mapping):
        raise where.fail(
            (), f"the file must hold a mapping with 'prospects:', not {schema.kind(top)}"
        )
    if reader.single:
        return None
    where.raise_problem(skip=(("caller",), ("prospects",)))
    fields = schema.fields(top, where, (), "the file", schema.TOP_KEYS)
    caller = schema.caller(fields["caller"], where, ("caller",)) if "caller" in fields else None
    schema.prospect_items(fields, where)
    return caller


def parse(text: str, source: str = "<string>") -> Book:
    """Parse prospect YAML text into a validated Book; DataError names file:line and key.

    Parameters:
        text: the YAML, in the shape `load` reads.
        source: the name messages and ``Prospect.source`` give the text (default
            ``<string>``).

    The rules for values, zones and hours are those of `load`. Each prospect is validated as
    it is read and only its record kept, so memory follows the records, not the file's parse
    tree. The file's shape and caller are checked before the first bad prospect is reported.
    Raises DataError for the first problem.
    """
    results: list[Prospect | DataError] = []

    def check(item: Item) -> None:
        try:
            results.append(schema.prospect(item.parsed.data, item.parsed.where))
        except DataError as exc:
            results.append(exc)

    reader = ListReader(text, source, check)
    if reader.single:
        return schema.book(reader.top, reader.where)
    caller = check_top(reader)
    if isinstance(reader.top["prospects"], Mapping):  # one prospect, not in a list
        results = [schema.prospect(reader.top["prospects"], reader.where, ("prospects",))]
    prospects = []
    for result in results:
        if isinstance(result, DataError):
            raise result
        prospects.append(result)
    return Book(caller=caller, prospects=tuple(prospects), source=source)


def load(path: str | Path) -> Book:
    """Read and validate a prospects file (``-`` reads standard input) into a `Book`.

    Parameters:
        path: a YAML file with ``caller:`` (optional) and ``prospects:`` (a list, or one
            mapping), or a single prospect mapping; ``-`` for standard input.

    Returns a Book: ``caller`` (None when the file has none: pass one to `draft`, or put it
    in voicemail-coach.yaml) and ``prospects``, in file order, each knowing its file and line
    (``Prospect.where``, and the line of each field for fixes that point at the data). Every
    scalar stays the text written (``phone: 0412555017`` keeps its zero). Zones: a
    ``timezone:`` may be an IANA name or a common one ("Eastern", "PST", "US/Central",
    "(GMT-05:00) Eastern Time (US & Canada)"), stored as the IANA name; without one, drafting
    takes the zone of the prospect's phone number, else the caller's. ``hours`` default to
    Mon-Fri 09:00-17:00 in the prospect's own zone.

    Raises DataError with ``path``, ``line``, ``key`` and ``prospect`` set where known, for an
    unreadable file (missing, a folder, not a regular file, over 64 MiB, not UTF-8), broken
    YAML (an unquoted ``: `` inside a value gets a hint to quote it), an unknown key (with
    the closest known one), or the first prospect or caller value that is not usable (an
    invalid caller phone, an unknown zone, a slot that cannot be read).
    """
    return parse(read_text(path), source_name(path))


def read_yaml(path: str | Path) -> Parsed:
    """Read a small YAML file (config, caller) as plain data with its Locations."""
    return parse_yaml(read_text(path), source_name(path))


def read_caller(path: str | Path) -> Caller:
    """Read a caller from a YAML file: one with a ``caller:`` section, or the mapping itself."""
    data, where = read_yaml(path)
    if data is None:
        raise DataError(
            "the file is empty; it needs a caller: name, company and phone", path=where.path
        )
    if isinstance(data, Mapping) and "caller" in data:
        return schema.caller(data["caller"], where, ("caller",))
    return schema.caller(data, where)
