"""Generated answers through LangChain, grounded in cited council passages or not given at all.

LangChain, openai and ollama types stay inside this package. Callers need only
:func:`build_llm_composer` (returns None when ``FRONTDOOR_LLM_PROVIDER=none``) and the
:class:`~bot.base.Composer` protocol; the SSE route uses :meth:`LlmComposer.stream`.
"""

from bot.llm.circuit_breaker import BreakerState, CircuitBreaker
from bot.llm.composer_stats import ComposerStats
from bot.llm.grounding_verifier import GroundingResult, GroundingVerifier, SentenceVerdict
from bot.llm.llm_composer import LlmComposer
from bot.llm.llm_composer_builder import build_llm_composer, compose_with_model
from bot.llm.stream_events import AnswerDone, AnswerSentence, StreamEvent

__all__ = [
    "AnswerDone",
    "AnswerSentence",
    "BreakerState",
    "CircuitBreaker",
    "ComposerStats",
    "GroundingResult",
    "GroundingVerifier",
    "LlmComposer",
    "SentenceVerdict",
    "StreamEvent",
    "build_llm_composer",
    "compose_with_model",
]
