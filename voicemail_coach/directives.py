"""Inline comments that switch checks off for one template or one hand-written script.

The syntax, one comment per directive, ids separated by commas or spaces, an optional reason
after `` -- ``:

- in a template (``.j2``), a Jinja comment anywhere in the file::

      {# voicemail-coach: off weak-phrases, length.too-long -- the sign-off is a house rule #}

- in a script given to ``score``, a line of its own (anywhere; usually the first)::

      # voicemail-coach: off weak-phrases
      <!-- voicemail-coach: off length -->

  The line is taken out before the script is scored (it is not said aloud); `Script.to_file`
  maps a span of the scored text back onto the file, for SARIF and GitHub annotations.

An id is a check's (``weak-phrases``) or an outcome's (``length.too-long``); an unknown id is a
`ConfigError` naming file:line with the closest known id. The switch is laid over the config
file and the style (it beats them), under ``--check`` on the command line (which beats it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .checks import all_ids, split_id
from .config import Config
from .errors import ConfigError
from .policy.levels import Layer
from .suggest import did_you_mean

MARK = "voicemail-coach:"
_BODY = r"voicemail-coach:\s*off\b(?P<ids>[^\n]*?)"
TEMPLATE = re.compile(r"\{#-?\s*" + _BODY + r"\s*-?#\}")
SCRIPT = re.compile(r"^[ \t]*(?:#|<!--)[ \t]*" + _BODY + r"[ \t]*(?:-->)?[ \t]*\r?$", re.M)
_ANY_SCRIPT = re.compile(r"^[ \t]*(?:#|<!--)[ \t]*voicemail-coach:[^\n]*$", re.M)
_ANY_TEMPLATE = re.compile(r"\{#-?\s*voicemail-coach:.*?#\}", re.S)


@dataclass(frozen=True)
class Off:
    """One id switched off by an inline comment, and where: ``path`` (None for stdin), ``line``."""

    id: str
    path: str | None
    line: int

    @property
    def where(self) -> str:
        """Return 'FILE:LINE' (or 'standard input:LINE')."""
        return f"{self.path or 'standard input'}:{self.line}"

    def __str__(self) -> str:
        return f"{self.id} switched off by an inline comment at {self.where}"


@dataclass(frozen=True)
class Script:
    """A script as read from a file: the text to score, the ids switched off, what was cut.

    ``text`` is the file without its directive lines; ``cuts`` are (offset in ``text``, length)
    of each line taken out, in order, so that `to_file` can map spans back.
    """

    original: str
    text: str
    offs: tuple[Off, ...] = ()
    cuts: tuple[tuple[int, int], ...] = ()

    def to_file(self, span: tuple[int, int]) -> tuple[int, int]:
        """Return a span of ``text`` as a span of the file's own text."""
        return (self._shift(span[0], False), self._shift(span[1], True))

    def _shift(self, offset: int, end: bool) -> int:
        moved = offset
        for at, size in self.cuts:
            if at < offset or (at == offset and not end):
                moved += size
        return moved


def _ids(raw: str, path: str | None, line: int) -> list[str]:
    """Return the ids a directive names; ConfigError for none or an unknown one."""
    said = raw.split(" -- ", 1)[0].replace("-->", " ")
    ids = [w for w in re.split(r"[\s,]+", said) if w]
    if not ids:
        raise ConfigError(
            f"'{MARK} off' names no check; write e.g. '{MARK} off weak-phrases'",
            path=path,
            line=line,
        )
    for word in ids:
        if split_id(word) is None:
            raise ConfigError(
                f"unknown check '{word}' in an inline comment{did_you_mean(word, all_ids())}; "
                "`voicemail-coach checks` lists the ids",
                path=path,
                line=line,
            )
    return ids


def _unknown(found: re.Match[str], path: str | None, line: int) -> ConfigError:
    """Return the error for a directive that is not 'off' (the only one there is)."""
    return ConfigError(
        f"cannot read the inline comment '{' '.join(found.group(0).split())}'; write "
        f"'{MARK} off CHECK' (the only directive there is)",
        path=path,
        line=line,
    )


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def read_script(text: str, path: str | None = None) -> Script:
    """Return the script with its directive lines taken out and the ids they switch off.

    Raises ConfigError (naming path:line) for an unknown id or a malformed directive.
    """
    if MARK not in text:  # the common case costs one scan
        return Script(text, text)
    offs: list[Off] = []
    cuts: list[tuple[int, int]] = []
    kept: list[str] = []
    done = 0
    for found in _ANY_SCRIPT.finditer(text):
        line = _line(text, found.start())
        match = SCRIPT.fullmatch(found.group(0))
        if match is None:
            raise _unknown(found, path, line)
        offs.extend(Off(i, path, line) for i in _ids(match.group("ids"), path, line))
        end = found.end() + (1 if text[found.end() : found.end() + 1] == "\n" else 0)
        kept.append(text[done : found.start()])
        cuts.append((sum(len(k) for k in kept), end - found.start()))
        done = end
    kept.append(text[done:])
    return Script(text, "".join(kept), tuple(offs), tuple(cuts))


def template_offs(source: str, path: str | None = None) -> tuple[Off, ...]:
    """Return the ids a template's ``{# voicemail-coach: off ID #}`` comments switch off.

    Raises ConfigError (naming path:line) for an unknown id or a malformed directive.
    """
    if MARK not in source:
        return ()
    offs: list[Off] = []
    for found in _ANY_TEMPLATE.finditer(source):
        line = _line(source, found.start())
        match = TEMPLATE.fullmatch(found.group(0))
        if match is None:
            raise _unknown(found, path, line)
        offs.extend(Off(i, path, line) for i in _ids(match.group("ids"), path, line))
    return tuple(offs)


def switch_off(config: Config, offs: Iterable[Off]) -> Config:
    """Return the config with the ids switched off over the style and the config file.

    ``--check`` on the command line still wins: an id it names keeps the level it gives.
    """
    ids = {o.id: "off" for o in offs}
    if not ids:
        return config
    cmd = config.command_line
    layer = Layer(cmd.name, {**ids, **cmd.levels}, cmd.params)  # type: ignore[dict-item]
    return replace(config, command_line=layer)
