"""Run the command line as `python -m voicemail_coach`."""

from .cli import main

main()
