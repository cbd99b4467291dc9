"""Whole files: a prospects book, a caller file, any small YAML file as plain data."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import DataError
from ..models import Book, Caller
from . import schema
from .files import read_text, source_name
from .yaml_source import Parsed
from .yaml_source import parse as parse_yaml


def parse(text: str, source: str = "<string>") -> Book:
    """Parse prospect YAML text into a validated Book; DataError names file:line and key."""
    data, where = parse_yaml(text, source)
    return schema.book(data, where)


def load(path: str | Path) -> Book:
    """Read and validate a prospects file (``-`` reads standard input).

    Raises DataError with ``path``, ``line``, ``key`` and ``prospect`` set where known, for an
    unreadable file (missing, a folder, not a regular file, over 64 MiB, not UTF-8), broken
    YAML, or the first prospect or caller value that is not usable.
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
