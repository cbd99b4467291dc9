"""Write and coach sales voicemails: render the classic styles and score every draft."""

from .api import draft, score, styles
from .config import Config, load_config
from .data import load, parse
from .errors import ConfigError, DataError, SlotError, TemplateError, VoicemailCoachError
from .models import Book, Caller, Draft, Finding, Metrics, Prospect, Reference, Referral
from .styles import Recommendation, Style, recommend

__version__ = "0.1.0"

__all__ = [
    "Book",
    "Caller",
    "Config",
    "ConfigError",
    "DataError",
    "Draft",
    "Finding",
    "Metrics",
    "Prospect",
    "Recommendation",
    "Reference",
    "Referral",
    "SlotError",
    "Style",
    "TemplateError",
    "VoicemailCoachError",
    "__version__",
    "draft",
    "load",
    "load_config",
    "parse",
    "recommend",
    "score",
    "styles",
]
