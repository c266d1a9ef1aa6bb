"""``frontdoor eval``: retrieval and answering quality on a labelled set, through the real pipeline.

Retrieval figures (Recall@k, MRR) rank *documents* by the first appearance of each document among the
retrieved chunks for the redacted question. Answer figures run each question through the whole
conversation core (redact → safeguarding → retrieve → compose → output check) as a fresh conversation.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.base import Channel, Outcome, Turn
from frontdoor.container import Services
from frontdoor.evaluation.answering_set import AnsweringSet
from knowledge_base.query_focus import focus_query

__all__ = ["AnsweringReport", "CaseResult", "evaluate_answering"]


@dataclass(frozen=True, slots=True)
class CaseResult:
    """One question's result (the question as redacted, never the original)."""

    id: str
    answerable: bool
    redacted_question: str
    ranked_docs: tuple[str, ...]
    outcome: str
    confidence: float
    fact_found: bool
    features: dict[str, float]
    rules: tuple[str, ...] = ()
    expected_docs: tuple[str, ...] = ()
    grounded_rate: float | None = None
    seconds: float = 0.0
    reply: str = ""
    handed_over: bool = False
    """A person was asked for as well (an answered reply can carry a safeguarding handoff)."""


@dataclass(frozen=True, slots=True)
class AnsweringReport:
    """Figures over a set."""

    set_name: str
    composer: str
    n_answerable: int
    n_unanswerable: int
    recall_at: dict[int, float]
    mrr: float
    answered_rate: float
    fact_in_answer_rate: float
    fact_when_answered_rate: float
    unanswerable_not_answered: float
    grounded_sentence_rate: float | None
    answered_with_handoff: int
    """Answerable questions answered *and* handed to a person (a question only the learned safeguarding
    layer flagged; ``bot/steps/safeguarding_step.py``)."""
    p50_ms: float
    p95_ms: float
    cases: tuple[CaseResult, ...] = field(repr=False, default=())

    def table(self) -> str:
        """Printable figures."""
        rows = [
            ("set", self.set_name),
            ("composer", self.composer),
            ("answerable / unanswerable", f"{self.n_answerable} / {self.n_unanswerable}"),
            *((f"Recall@{k}", f"{v:.3f}") for k, v in sorted(self.recall_at.items())),
            ("MRR", f"{self.mrr:.3f}"),
            ("answered rate (answerable)", f"{self.answered_rate:.3f}"),
            ("  of which also handed to a person", f"{self.answered_with_handoff}"),
            ("fact-in-answer rate (answerable)", f"{self.fact_in_answer_rate:.3f}"),
            ("fact-in-answer rate (when answered)", f"{self.fact_when_answered_rate:.3f}"),
            ("unanswerable not answered", f"{self.unanswerable_not_answered:.3f}"),
            (
                "grounded-sentence rate",
                "n/a (extractive quotes only)"
                if self.grounded_sentence_rate is None
                else f"{self.grounded_sentence_rate:.3f}",
            ),
            ("turn latency p50 / p95", f"{self.p50_ms:.1f} / {self.p95_ms:.1f} ms"),
        ]
        width = max(len(k) for k, _ in rows)
        return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def evaluate_answering(
    services: Services,
    labelled: AnsweringSet,
    progress: Callable[[int, int], None] | None = None,
    *,
    retrieval_only: bool = False,
) -> AnsweringReport:
    """Run every question through retrieval and (unless ``retrieval_only``) the full core."""
    council = services.councils.get(labelled.council)
    cases: list[CaseResult] = []
    latencies: list[float] = []
    llm = services.extras.get("llm_composer")
    items = [(c, True) for c in labelled.answerable] + [(u, False) for u in labelled.unanswerable]
    for i, (case, answerable) in enumerate(items, start=1):
        redacted = services.redactor.redact(case.question, council_id=council.id).text
        retrieval = services.retriever.search(focus_query(redacted), council.id, 10)
        ranked: list[str] = []
        for rc in retrieval.chunks:
            if rc.chunk.doc_id not in ranked:
                ranked.append(rc.chunk.doc_id)
        channel = Channel.PHONE if getattr(case, "channel", "web") == "phone" else Channel.WEB
        before = llm.stats() if llm is not None else None
        started = time.perf_counter()
        reply = None if retrieval_only else services.conversations.handle_sync(Turn(case.question, council.id, channel))
        elapsed = time.perf_counter() - started
        latencies.append(elapsed)
        fact = getattr(case, "fact", "")
        answered = reply is not None and reply.outcome is Outcome.ANSWERED
        cases.append(
            CaseResult(
                id=case.id,
                answerable=answerable,
                redacted_question=redacted,
                ranked_docs=tuple(ranked),
                outcome=reply.outcome.value if reply else "not_run",
                confidence=reply.confidence if reply else retrieval.confidence,
                rules=reply.rules_fired if reply else (),
                fact_found=bool(fact) and answered and fact.lower() in reply.text.lower(),  # type: ignore[union-attr]
                features=dict(retrieval.features),
                expected_docs=tuple(getattr(case, "expected_docs", ())),
                grounded_rate=llm.stats().since(before).grounded_rate
                if llm is not None and before is not None
                else None,
                seconds=elapsed,
                reply=reply.text if reply else "",
                handed_over=reply is not None and reply.handoff is not None,
            )
        )
        if progress:
            progress(i, len(items))
    composer = f"llm ({llm.model_name}) with extractive fallback" if llm is not None else "extractive"
    return _summarise(labelled.source, composer, cases, latencies)


def _summarise(name: str, composer: str, cases: list[CaseResult], latencies: list[float]) -> AnsweringReport:
    ans = [c for c in cases if c.answerable]
    una = [c for c in cases if not c.answerable]

    def rank(c: CaseResult) -> int | None:
        for i, d in enumerate(c.ranked_docs, start=1):
            if d in c.expected_docs:
                return i
        return None

    ranks = [rank(c) for c in ans]
    recall = {k: sum(1 for r in ranks if r is not None and r <= k) / max(len(ans), 1) for k in (1, 3, 5)}
    mrr = sum(1.0 / r for r in ranks if r) / max(len(ans), 1)
    answered = [c for c in ans if c.outcome == "answered"]
    grounded = [c.grounded_rate for c in cases if c.grounded_rate is not None]
    ms = sorted(x * 1000 for x in latencies)
    return AnsweringReport(
        set_name=name,
        composer=composer,
        n_answerable=len(ans),
        n_unanswerable=len(una),
        recall_at=recall,
        mrr=mrr,
        answered_rate=len(answered) / max(len(ans), 1),
        fact_in_answer_rate=sum(c.fact_found for c in ans) / max(len(ans), 1),
        fact_when_answered_rate=sum(c.fact_found for c in answered) / max(len(answered), 1),
        unanswerable_not_answered=sum(c.outcome != "answered" for c in una) / max(len(una), 1),
        grounded_sentence_rate=statistics.fmean(grounded) if grounded else None,
        answered_with_handoff=sum(c.handed_over for c in answered),
        p50_ms=ms[len(ms) // 2] if ms else 0.0,
        p95_ms=ms[min(len(ms) - 1, int(len(ms) * 0.95))] if ms else 0.0,
        cases=tuple(cases),
    )
