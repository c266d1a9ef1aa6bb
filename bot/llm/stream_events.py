"""What :meth:`bot.llm.llm_composer.LlmComposer.stream` yields: answer sentences, then one final event."""

from __future__ import annotations

from dataclasses import dataclass

from bot.base import Composition

__all__ = ["AnswerDone", "AnswerSentence", "StreamEvent"]


@dataclass(frozen=True, slots=True)
class AnswerSentence:
    """One verified sentence (or, after a fallback, one paragraph of the extractive answer)."""

    text: str


@dataclass(frozen=True, slots=True)
class AnswerDone:
    """The end of the stream: the whole composition (its text and citations), or None for no answer."""

    composition: Composition | None


StreamEvent = AnswerSentence | AnswerDone
