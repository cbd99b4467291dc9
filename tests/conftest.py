"""Shared fixtures: a fixed 'now', the bundled example, and no network for any test."""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "prospects.yaml"
CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=CHICAGO)  # a Monday morning


class NetworkBlocked(RuntimeError):
    """Raised when a test tries to open a network connection."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every socket connection fail, so nothing can download during a test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkBlocked("tests run offline: a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def now() -> datetime:
    """Return the fixed 'now' the tests use."""
    return NOW


@pytest.fixture(autouse=True)
def own_touch_log(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the default touch log at a fresh temporary file: no test writes the real one."""
    path = tmp_path_factory.mktemp("log") / "touches.sqlite"
    monkeypatch.setenv("VOICEMAIL_COACH_LOG", str(path))
    return path
