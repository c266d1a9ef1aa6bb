"""Short answers a caller gives to the careline's own questions (yes, no, goodbye) and a mention of a
reference number. Pure; they read the raw speech in memory only and never keep or log it."""

from __future__ import annotations

import re

__all__ = ["is_goodbye", "is_no", "is_yes", "mentions_reference_number"]

# Whole-utterance matches only: anything longer goes through the core, so a disclosure is never swallowed.
_POLITE = r"([ ,]+(please|thanks?|thank you|cheers|go ahead|go on|that'?s fine|that would be great))*$"
_YES = re.compile(
    r"^(yes|yeah|yep|yup|please|ok|okay|sure|go on|go ahead|please do|text me|send it|"
    r"yes please|text it|send me a text)" + _POLITE,
    re.IGNORECASE,
)
_NO = re.compile(r"^(no|nope|no thanks?|no thank you|no need|not now|don'?t bother)" + _POLITE, re.IGNORECASE)
_GOODBYE = re.compile(
    r"^(no(pe)?|no thanks?|no thank you|nothing( else)?|that'?s (all|it|everything)|(good)?bye|goodbye|"
    r"i'?m (done|fine|ok(ay)?)|all done)"
    r"([ ,]+(thanks?|thank you|that'?s all|that'?s it|bye|goodbye|cheers))*$",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"\b(my|a|the|our|his|her|their)\s+(council\s+|case\s+|client\s+|customer\s+|reference\s+)?"
    r"(reference|ref|case|client|customer|account)\s*(number|no|code)\b",
    re.IGNORECASE,
)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ,]", " ", text).split()).strip(" ,")


def is_yes(speech: str) -> bool:
    """A short agreement ("yes please", "go ahead")."""
    return bool(_YES.match(_words(speech)))


def is_no(speech: str) -> bool:
    """A short refusal ("no thanks")."""
    return bool(_NO.match(_words(speech)))


def is_goodbye(speech: str) -> bool:
    """The caller has finished ("no, that's all, thanks", "goodbye")."""
    return bool(_GOODBYE.match(_words(speech)))


def mentions_reference_number(speech: str) -> bool:
    """The caller talks about their reference, case or client number (best typed on the keypad)."""
    return bool(_REFERENCE.search(speech))
