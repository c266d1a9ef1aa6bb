"""Guardrail types and Protocols.

The safeguarding detector runs on every (redacted) message before retrieval, and over the recent
conversation. Every decision records the rule or exemplar that fired, so it can be explained.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from knowledge_base.base import Vectors

__all__ = [
    "CAPPED_RULE",
    "Category",
    "DetectionLayer",
    "GuardrailResult",
    "InputGuard",
    "OutputGuard",
    "SafeguardingDetector",
    "SafeguardingResult",
    "Speaker",
    "Tier",
]


class Tier(StrEnum):
    """Urgency of a safeguarding signal."""

    IMMEDIATE = "immediate"
    """Danger now or suicidal intent: tell them to call 999 now, and transfer."""
    URGENT = "urgent"
    """Abuse or neglect disclosed: the safeguarding route."""
    INFO = "info"
    """Asks how to report a concern: answer from the KB with the safeguarding numbers, offer a person."""


class Category(StrEnum):
    """Care Act 2014 statutory guidance categories, plus self-harm/suicide and immediate danger."""

    PHYSICAL = "physical"
    SEXUAL = "sexual"
    PSYCHOLOGICAL = "psychological"
    FINANCIAL = "financial"
    NEGLECT = "neglect"
    SELF_NEGLECT = "self_neglect"
    DISCRIMINATORY = "discriminatory"
    ORGANISATIONAL = "organisational"
    DOMESTIC_ABUSE = "domestic_abuse"
    MODERN_SLAVERY = "modern_slavery"
    SELF_HARM = "self_harm"
    SUICIDE = "suicide"
    IMMEDIATE_DANGER = "immediate_danger"
    REPORTING = "reporting"
    """An informational question about how to report a concern."""


CAPPED_RULE = "capped:immediate->urgent"
"""Recorded in ``SafeguardingResult.rules`` when a similarity layer's ``immediate`` guess was capped at
``urgent`` (only phrase patterns say ``immediate``; ``guardrails/safeguarding_detector.py`` step 3c)."""


class DetectionLayer(StrEnum):
    """Which of the detector's layers made the decision (its rule id says which rule or sentence)."""

    PATTERN = "pattern"
    """A curated phrase pattern, exactly or after fuzzy typo correction."""
    SEMANTIC = "semantic"
    """Similarity to a curated exemplar sentence, beating the nearest routine sentence by the margin."""
    LEARNED = "learned"
    """The learned layer alone (neither a pattern nor an exemplar fired): the least certain decision."""
    WINDOW = "window"
    """The learned layer on a window of a long message (nothing fired on the whole message)."""


class Speaker(StrEnum):
    """Whether the person speaks about themselves or about someone else."""

    SELF = "self"
    OTHER = "other"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SafeguardingResult:
    """The detector's decision for one message. ``tier`` None means nothing was detected."""

    tier: Tier | None
    category: Category | None = None
    speaker: Speaker = Speaker.UNKNOWN
    rules: tuple[str, ...] = ()
    """Ids of the patterns/exemplars that fired, e.g. ``pattern:physical:hits-me``."""
    score: float = 0.0
    layer: DetectionLayer | None = None
    """The layer that decided (None when nothing was detected)."""
    @property
    def capped(self) -> bool:
        """Whether a similarity layer guessed ``immediate`` and the guess was capped at ``urgent``."""
        return CAPPED_RULE in self.rules

    @property
    def detected(self) -> bool:
        """Whether any tier fired."""
        return self.tier is not None


class SafeguardingDetector(Protocol):
    """Detects safeguarding disclosures in redacted text. Raises GuardrailError if it cannot run."""

    def detect(
        self, message: str, history: Sequence[str] = (), vector: Vectors | None = None
    ) -> SafeguardingResult:
        """Classify ``message`` given the resident's recent earlier messages (oldest first).

        ``vector`` is the message's embedding when the caller already has it (saves a model call).
        """
        ...


@dataclass(frozen=True, slots=True)
class GuardrailResult:
    """A pass/fail from a non-safeguarding guardrail, with the rules that fired."""

    allowed: bool
    rules: tuple[str, ...] = ()
    text: str | None = None
    """The cleaned text, when the guardrail rewrites (e.g. strips invisible characters)."""


class InputGuard(Protocol):
    """Checks a resident's message before retrieval or any model (prompt injection, length)."""

    def check(self, text: str) -> GuardrailResult:
        """Whether ``text`` may go on; the result's ``text`` is the cleaned message to use instead."""
        ...


class OutputGuard(Protocol):
    """Checks a reply before it is sent (no personal data, no care decisions)."""

    def check(self, text: str) -> GuardrailResult:
        """Whether ``text`` may be sent."""
        ...
