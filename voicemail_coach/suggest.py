"""Close-match hints for messages: "unknown key 'frist_name' (did you mean 'first_name'?)"."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches


def did_you_mean(word: str, known: Iterable[str], kind: str = "keys") -> str:
    """Return " (did you mean 'x'?)" for the closest known word, else " (known keys: a, b)".

    The hint is meant to follow the name of the unknown thing in a message.
    """
    options = tuple(known)
    close = get_close_matches(str(word), options, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (known {kind}: {', '.join(options)})" if options else ""
