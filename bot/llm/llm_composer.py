"""A :class:`~bot.base.Composer` that writes answers with a chat model, then keeps only what is grounded.

Per question: number the retrieved passages (links tokenised) → ask the model for JSON (answer, passages
used, completeness) → verify every sentence against its cited passages → reply with what survives.
"none" from the model means no answer (the pipeline offers a person). The extractive composer answers
instead whenever the breaker is open, the call fails or times out, the output is garbage, or fewer than
``min_grounded_rate`` of the draft's sentences are grounded.

Streaming (:meth:`LlmComposer.stream`) verifies the whole draft first and then sends it sentence by
sentence: the verifier needs the model's list of passages and its completeness flag, and a sentence
sent to a resident cannot be taken back if a later check fails. Time to first sentence is therefore the
model's full latency; the answer is capped at ~120 words so this stays short.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import replace

from bot.base import Composer, Composition
from bot.llm.answer_assembler import AnswerAssembler, AssembledAnswer
from bot.llm.circuit_breaker import CircuitBreaker
from bot.llm.composer_stats import ComposerStats, StatsRecorder
from bot.llm.draft_answer import parse_draft
from bot.llm.grounding_verifier import GroundingVerifier
from bot.llm.model_client import ModelClient
from bot.llm.passage_pack import PassagePack
from bot.llm.prompt_builder import Prompt, PromptBuilder
from bot.llm.stream_events import AnswerDone, AnswerSentence, StreamEvent
from councils import Council
from frontdoor.errors import ComposerError
from knowledge_base.base import RetrievalResult

__all__ = ["LlmComposer"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


class LlmComposer:
    """Generated, verified answers with the extractive composer as the safety net."""

    name = "llm"

    def __init__(
        self,
        client: ModelClient,
        verifier: GroundingVerifier,
        fallback: Composer,
        *,
        model_name: str,
        breaker: CircuitBreaker,
        prompts: PromptBuilder,
        assembler: AnswerAssembler,
        max_passages: int = 5,
        min_grounded_rate: float = 0.5,
    ) -> None:
        self._client = client
        self._verifier = verifier
        self._fallback = fallback
        self._model_name = model_name
        self._breaker = breaker
        self._prompts = prompts
        self._assembler = assembler
        self._max_passages = max_passages
        self._min_rate = min_grounded_rate
        self._stats = StatsRecorder()

    def compose(self, question: str, retrieval: RetrievalResult, council: Council) -> Composition | None:
        """A verified generated answer, the extractive answer, or None (see the module docstring)."""
        assembled, fallback = self._run_sync(question, retrieval, council)
        return assembled.composition if assembled else fallback

    async def stream(
        self, question: str, retrieval: RetrievalResult, council: Council
    ) -> AsyncIterator[StreamEvent]:
        """Verified answer sentences one by one, then :class:`AnswerDone` with the whole composition."""
        assembled, fallback = await self._run_async(question, retrieval, council)
        if assembled is not None:
            for sentence in assembled.sentences:
                yield AnswerSentence(sentence)
            yield AnswerDone(assembled.composition)
            return
        if fallback is not None:
            for line in (p for p in fallback.text.split("\n\n") if p.strip()):
                yield AnswerSentence(line.strip())
        yield AnswerDone(fallback)

    @property
    def model_name(self) -> str:
        """``provider:model`` as configured, e.g. ``azure:gpt-4o`` (for reports)."""
        return self._model_name

    def stats(self) -> ComposerStats:
        """Counts so far (grounded-sentence rate, fallbacks, failures)."""
        return self._stats.snapshot()

    def close(self) -> None:
        """Release the model client's worker threads."""
        self._client.close()

    def _run_sync(
        self, question: str, retrieval: RetrievalResult, council: Council
    ) -> tuple[AssembledAnswer | None, Composition | None]:
        started = self._start(question, retrieval, council)
        if isinstance(started, str):
            return None, self._use_fallback(started, question, retrieval, council)
        pack, prompt = started
        try:
            raw = self._client.complete(prompt)
        except ComposerError as exc:
            return None, self._failed(exc, question, retrieval, council)
        return self._finish(raw, pack, question, retrieval, council)

    async def _run_async(
        self, question: str, retrieval: RetrievalResult, council: Council
    ) -> tuple[AssembledAnswer | None, Composition | None]:
        started = self._start(question, retrieval, council)
        if isinstance(started, str):
            return None, await asyncio.to_thread(self._use_fallback, started, question, retrieval, council)
        pack, prompt = started
        try:
            raw = await self._client.acomplete(prompt)
        except ComposerError as exc:
            return None, await asyncio.to_thread(self._failed, exc, question, retrieval, council)
        return await asyncio.to_thread(self._finish, raw, pack, question, retrieval, council)

    def _start(
        self, question: str, retrieval: RetrievalResult, council: Council
    ) -> tuple[PassagePack, Prompt] | str:
        self._stats.add(questions=1)
        if not retrieval.chunks:
            return "no_passages"
        if not self._breaker.allow():
            self._stats.add(breaker_skips=1)
            return "breaker_open"
        self._stats.add(model_calls=1)
        pack = PassagePack.from_retrieval(retrieval, self._max_passages)
        return pack, self._prompts.build(question, pack, council)

    def _finish(
        self, raw: str, pack: PassagePack, question: str, retrieval: RetrievalResult, council: Council
    ) -> tuple[AssembledAnswer | None, Composition | None]:
        try:
            draft = parse_draft(raw)
        except ComposerError as exc:
            return None, self._failed(exc, question, retrieval, council)
        self._breaker.record_success()
        if draft.completeness == "none" or not draft.answer.strip():
            self._stats.add(declined=1)
            log.info("llm.declined", extra={"council": council.id})
            return None, None
        result = self._verifier.verify(draft.answer, draft.passages, pack)
        kept = len(result.kept)
        self._stats.add(drafts_verified=1, sentences_total=len(result.verdicts), sentences_grounded=kept)
        log.info(
            "llm.verified", extra={"sentences": len(result.verdicts), "grounded": kept, "council": council.id}
        )
        if kept == 0 or result.grounded_rate < self._min_rate:
            fallback = self._use_fallback("ungrounded", question, retrieval, council)
            if fallback is not None:
                return None, _with_rate(fallback, result.grounded_rate)
            return None, None
        return self._assembler.assemble(
            result.kept, pack, council, model=self._model_name, grounded_rate=result.grounded_rate
        ), None

    def _failed(
        self, exc: ComposerError, question: str, retrieval: RetrievalResult, council: Council
    ) -> Composition | None:
        self._breaker.record_failure()
        self._stats.add(model_failures=1)
        log.warning("llm.failed", extra={"error": str(exc), "breaker": self._breaker.state.value})
        return self._use_fallback("model_failed", question, retrieval, council)

    def _use_fallback(
        self, reason: str, question: str, retrieval: RetrievalResult, council: Council
    ) -> Composition | None:
        self._stats.add(fallbacks=1)
        log.info("llm.fallback", extra={"reason": reason, "council": council.id})
        return self._fallback.compose(question, retrieval, council)


def _with_rate(composition: Composition, rate: float) -> Composition:
    return replace(composition, grounded_rate=rate)
