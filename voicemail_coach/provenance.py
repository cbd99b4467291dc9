"""Fixes that point at the data: which field of the prospects file a finding's text came from.

After a draft is rendered, each text field of the prospect and the caller (``need``,
``reference.result``, ``caller.offer``, ...) is looked for in the draft. A finding whose span
overlaps one gets that field (the one it overlaps most), with the file and line the field was
read from; every finding with a span also gets the start of its sentence, quoted. A ``length``
finding (about the whole draft, no span) gets the longest field said in the draft, when one
runs to `LONG_FIELD` words or more: that is the part of the script the data controls.

Only checks whose finding is about the words themselves are mapped onto a field (`MAPPED`): a
missing callback number or opening is not a field's fault.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from .models import Caller, Draft, FieldRef, Finding, Prospect
from .text import sentence_spans

MAPPED = frozenset({"clarity", "weak-phrases", "placeholders", "relative-day", "length"})
"""Checks whose findings may name the field their text came from."""
VERBS = {"clarity": "shorten", "length": "shorten", "placeholders": "fill in"}
"""What to do to the field, by check (default: reword)."""
QUOTE_WORDS = 6
"""How many words of the sentence a quote keeps before '...'."""
LONG_FIELD = 8
"""The fewest words of a field that a length finding points at."""
MIN_CHARS = 4
"""Shorter field values ('HR', 'Bo') are not looked for: they would match by chance."""

Occurrence = tuple[int, int, FieldRef]


def _values(prefix: str, record: Any, lines: Mapping[str, int]) -> Iterator[tuple[str, str]]:
    """Yield (dotted name, text) of each text field of a record, nested ones included."""
    for key, value in vars(record).items() if hasattr(record, "__dict__") else ():
        if key in ("source", "line", "lines", "id", "phone", "timezone", "hours", "slots"):
            continue
        if isinstance(value, str):
            yield prefix + key, value
        elif isinstance(value, Mapping):
            for sub, inner in value.items():
                if isinstance(inner, str):
                    yield f"{prefix}{key}.{sub}", inner
        elif hasattr(value, "__dataclass_fields__"):
            for sub in value.__dataclass_fields__:
                inner = getattr(value, sub)
                if isinstance(inner, str):
                    yield f"{prefix}{key}.{sub}", inner


def occurrences(text: str, prospect: Prospect, caller: Caller | None) -> list[Occurrence]:
    """Return (start, end, field) for every place a field's value is said in the text."""
    found: list[Occurrence] = []
    records: list[tuple[str, Any, str | None, Mapping[str, int]]] = [
        ("", prospect, prospect.source, prospect.lines)
    ]
    if caller is not None:
        records.append(("caller.", caller, caller.source, caller.lines))
    folded = text.casefold()
    for prefix, record, path, lines in records:
        for name, value in _values(prefix, record, lines):
            said = " ".join(value.split()).casefold()
            if len(said) < MIN_CHARS:
                continue
            ref = FieldRef(name, path, lines.get(name.removeprefix(prefix)))
            start = folded.find(said)
            while start >= 0:
                found.append((start, start + len(said), ref))
                start = folded.find(said, start + len(said))
    return found


def quote(text: str, span: tuple[int, int]) -> str:
    """Return the start of the sentence holding the span, e.g. "I'm calling about the...".

    The first `QUOTE_WORDS` words, with '...' when the sentence goes on.
    """
    at = min(span)
    sentence = next(((s, e) for s, e in sentence_spans(text) if s <= at < e), None)
    start, end = sentence if sentence else (at, max(span))
    words = text[start:end].split()
    if len(words) <= QUOTE_WORDS:
        return " ".join(words)
    return " ".join(words[:QUOTE_WORDS]).rstrip(",;:") + "..."


def _field(finding: Finding, found: list[Occurrence]) -> FieldRef | None:
    """Return the field a finding's text came from, or None."""
    if finding.check not in MAPPED:
        return None
    if finding.span is None:
        if finding.check != "length":
            return None
        longest = max(found, key=lambda o: o[1] - o[0], default=None)
        if longest is None:
            return None
        return longest[2]
    start, end = sorted(finding.span)
    best: tuple[int, FieldRef] | None = None
    for s, e, ref in found:
        overlap = min(end, e) - max(start, s)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, ref)
    return best[1] if best else None


def annotate(draft: Draft, prospect: Prospect, caller: Caller | None) -> Draft:
    """Return the draft with each finding's ``quote`` and ``field`` filled in where known."""
    if not draft.findings:
        return draft
    if all(f.check not in MAPPED and f.span is None for f in draft.findings):
        return draft
    found = occurrences(draft.text, prospect, caller)
    long_enough = [o for o in found if len(draft.text[o[0] : o[1]].split()) >= LONG_FIELD]
    out: list[Finding] = []
    for f in draft.findings:
        if f.check not in MAPPED and f.span is None:
            out.append(f)
            continue
        pool = long_enough if f.span is None else found
        out.append(
            replace(
                f,
                quote=quote(draft.text, f.span) if f.span is not None else None,
                field=_field(f, pool),
            )
        )
    return replace(draft, findings=tuple(out))


def fix(finding: Finding) -> str | None:
    """Return the line that points at the data: "'I'm calling about...': shorten `need:` at
    prospects.yaml:4", or just the quote, or None when the finding has neither."""
    parts = []
    if finding.quote:
        parts.append(f"'{finding.quote}'")
    if finding.field is not None:
        ref = finding.field
        verb = VERBS.get(finding.check, "reword")
        at = f" at {ref.where}" if ref.where else ""
        parts.append(f"{verb} `{ref.name}:`{at}")
    return ": ".join(parts) if parts else None
