"""Write and coach sales voicemails: render the classic styles and score every draft.

Names are imported on first use (PEP 562), so `import voicemail_coach` and the command line's
cold start stay cheap: `score` never loads Jinja or YAML.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_WHERE = {
    "draft": "api",
    "draft_many": "api",
    "Drafter": "drafting",
    "DraftFailure": "models",
    "Skipped": "models",
    "CallbackNumber": "models",
    "TimeMention": "models",
    "score": "api",
    "styles": "api",
    "Config": "config",
    "load_config": "config",
    "load": "sources",
    "parse": "sources",
    "ConfigError": "errors",
    "DataError": "errors",
    "SlotError": "errors",
    "TemplateError": "errors",
    "VoicemailCoachError": "errors",
    "Book": "models",
    "Caller": "models",
    "Draft": "models",
    "Finding": "models",
    "Metrics": "models",
    "Prospect": "models",
    "Reference": "models",
    "Referral": "models",
    "Recommendation": "policy.recommend",
    "Style": "catalog",
    "recommend": "policy.recommend",
}

__all__ = [
    "Book",
    "CallbackNumber",
    "Caller",
    "Config",
    "ConfigError",
    "DataError",
    "Draft",
    "DraftFailure",
    "Drafter",
    "Finding",
    "Metrics",
    "Prospect",
    "Recommendation",
    "Reference",
    "Referral",
    "Skipped",
    "SlotError",
    "Style",
    "TemplateError",
    "TimeMention",
    "VoicemailCoachError",
    "__version__",
    "draft",
    "draft_many",
    "load",
    "load_config",
    "parse",
    "recommend",
    "score",
    "styles",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is used."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'voicemail_coach' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names."""
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .api import draft, draft_many, score, styles
    from .catalog import Style
    from .config import Config, load_config
    from .drafting import Drafter
    from .errors import ConfigError, DataError, SlotError, TemplateError, VoicemailCoachError
    from .models import (
        Book,
        CallbackNumber,
        Caller,
        Draft,
        DraftFailure,
        Finding,
        Metrics,
        Prospect,
        Reference,
        Referral,
        Skipped,
        TimeMention,
    )
    from .policy.recommend import Recommendation, recommend
    from .sources import load, parse
