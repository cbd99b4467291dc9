"""Write and coach sales voicemails: render the classic styles and score every draft."""

__version__ = "0.1.0"
