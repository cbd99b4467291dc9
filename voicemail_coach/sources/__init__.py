"""Bytes -> records: every way data comes in, over one validator.

* ``files``: read a file once, bounded; refuse folders, FIFOs, devices; decode UTF-8.
* ``schema``: THE validator over plain data plus ``Locations`` (``locations``: where each
  value came from).
* ``yaml_source``: YAML text -> plain data (scalars stay as written) and Locations.
* ``csv_source``: CSV -> plain data per row; CRM export headers; rows that cannot be lost.
* ``books``: a prospects file, a caller file. ``lists``: call lists row by row, for batch.
"""

from __future__ import annotations

from .books import load, parse, read_caller, read_yaml
from .columns import parse_mapping
from .files import MAX_BYTES, read_bytes, read_text
from .lists import CallList, Row, open_list, to_prospect
from .locations import Location, Locations

__all__ = [
    "MAX_BYTES",
    "CallList",
    "Location",
    "Locations",
    "Row",
    "load",
    "open_list",
    "parse",
    "parse_mapping",
    "read_bytes",
    "read_caller",
    "read_text",
    "read_yaml",
    "to_prospect",
]
