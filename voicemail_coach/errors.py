"""The one base exception and the user-facing errors derived from it."""

from __future__ import annotations


class VoicemailCoachError(Exception):
    """Base of every error voicemail-coach raises for bad input.

    Besides the message, an error carries where it was found, each attribute None when unknown:
    ``path`` (the file), ``line`` (1-based), ``key`` (the dotted key path of the bad value, e.g.
    ``referral.confirmed``) and ``prospect`` (the name of the prospect it concerns). ``str()``
    gives the line a user sees: ``path:line: message``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
        prospect: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.key = key
        self.prospect = prospect
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword attributes (errors travel back from worker processes)."""
        return (_rebuild, (type(self), self.message, self.path, self.line, self.key, self.prospect))


def _rebuild(
    kind: type[VoicemailCoachError],
    message: str,
    path: str | None,
    line: int | None,
    key: str | None,
    prospect: str | None,
) -> VoicemailCoachError:
    """Recreate an unpickled error with its attributes."""
    return kind(message, path=path, line=line, key=key, prospect=prospect)


class DataError(VoicemailCoachError):
    """A prospects or call-list file (or a record built in code) that cannot be used as it is."""


class ConfigError(VoicemailCoachError):
    """A configuration file or option that cannot be used as it is."""


class TemplateError(VoicemailCoachError):
    """A style template that cannot be found, parsed or rendered."""


class SlotError(VoicemailCoachError):
    """A proposed time that cannot be used (in the past, unknown zone, bad hours)."""
