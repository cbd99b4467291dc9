"""The one base exception and the user-facing errors derived from it."""

from __future__ import annotations


class VoicemailCoachError(Exception):
    """Base of every error voicemail-coach raises for bad input."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message


class DataError(VoicemailCoachError):
    """A prospects or call-list file that cannot be used as it is."""


class ConfigError(VoicemailCoachError):
    """A configuration file or option that cannot be used as it is."""


class TemplateError(VoicemailCoachError):
    """A style template that cannot be found, parsed or rendered."""


class SlotError(VoicemailCoachError):
    """A proposed time that cannot be used (in the past, unknown zone, bad hours)."""
