"""Types the conversation core speaks in: turns in, replies out, typed outcomes, and its Protocols."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from councils import Council
    from knowledge_base.base import RetrievalResult

__all__ = [
    "Channel",
    "Citation",
    "Composer",
    "Composition",
    "HandoffInfo",
    "HandoffReason",
    "Outcome",
    "Priority",
    "Reply",
    "Turn",
]


class Channel(StrEnum):
    """Where a turn came from."""

    WEB = "web"
    PHONE = "phone"


class Outcome(StrEnum):
    """How a turn ended."""

    ANSWERED = "answered"
    HANDOFF = "handoff"
    NO_ANSWER = "no_answer"


class HandoffReason(StrEnum):
    """Why a conversation went to a person."""

    SAFEGUARDING = "safeguarding"
    CRISIS = "crisis"
    LOW_CONFIDENCE = "low_confidence"
    REQUESTED = "requested"
    REDACTION_FAILURE = "redaction_failure"
    ERROR = "error"


class Priority(IntEnum):
    """Queue priority: higher is more urgent (immediate > urgent > requested > low confidence)."""

    LOW_CONFIDENCE = 10
    REQUESTED = 20
    URGENT = 30
    IMMEDIATE = 40


@dataclass(frozen=True, slots=True)
class Turn:
    """One message from a resident or caller. ``text`` is raw: only the redact step may read it."""

    text: str
    council_id: str
    channel: Channel = Channel.WEB
    conversation_id: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered source quoted in a reply. Field names are the public API's."""

    n: int
    doc_id: str
    title: str
    url: str
    section: str
    quote: str


@dataclass(frozen=True, slots=True)
class HandoffInfo:
    """The handoff a turn created or joined."""

    id: str
    reason: HandoffReason
    priority: Priority
    message: str
    category: str | None = None
    tier: str | None = None
    position: int | None = None
    """Place in the queue (1 = next) while waiting; None once claimed or when it became a callback."""
    status: str | None = None
    """``waiting``, ``claimed`` or ``callback`` (nobody could take it: out of hours or unclaimed in time)."""


@dataclass(frozen=True, slots=True)
class Composition:
    """What a composer returns: the reply text (redacted world only) and the citations it used."""

    text: str
    citations: tuple[Citation, ...]
    composer: str = "extractive"
    model: str | None = None
    grounded_rate: float | None = None
    """Share of a generated draft's sentences that passed the grounding verifier; None if none was verified."""
    readability: float | None = None
    """Flesch reading ease of a generated answer (higher is easier); None for extractive answers."""


@dataclass(frozen=True, slots=True)
class Reply:
    """What the core returns to a channel for one turn."""

    conversation_id: str
    outcome: Outcome
    text: str
    citations: tuple[Citation, ...] = ()
    handoff: HandoffInfo | None = None
    confidence: float = 0.0
    rules_fired: tuple[str, ...] = field(default=())
    silent: bool = False
    """True when a person owns the conversation: the bot says nothing."""


class Composer(Protocol):
    """Turns a redacted question and retrieved passages into an answer with citations."""

    def compose(self, question: str, retrieval: RetrievalResult, council: Council) -> Composition | None:
        """Return an answer, or ``None`` when the passages do not answer the question."""
        ...
