"""The message length cap (Settings.max_message_chars)."""

from __future__ import annotations

from guardrails.base import GuardrailResult

__all__ = ["LengthCap"]


class LengthCap:
    """Implements :class:`guardrails.base.InputGuard`: refuses messages longer than ``max_chars``.

    Refusing (rather than silently truncating) keeps a disclosure at the end of a long message from being
    cut off unseen; the caller asks for a shorter message, after running safeguarding on the whole text.
    """

    def __init__(self, max_chars: int) -> None:
        if max_chars < 1:
            raise ValueError("max_chars must be at least 1")
        self._max = max_chars

    def check(self, text: str) -> GuardrailResult:
        """``allowed`` False with rule ``length:over_cap`` when ``text`` is too long."""
        if len(text) > self._max:
            return GuardrailResult(allowed=False, rules=("length:over_cap",), text=text)
        return GuardrailResult(allowed=True, text=text)
