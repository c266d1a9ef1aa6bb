"""Insights for service managers, computed from decision records, feedback and the knowledge base.

Pure: the console route gathers the inputs and renders the result. Unanswered questions are grouped into
themes by their most common shared content word — simple, explainable, and with no tuned threshold.
The advisor-time estimate states its assumptions next to the number.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.base import Outcome
from frontdoor.transparency.decision_figures import DecisionFigures
from frontdoor.transparency.decision_record import DecisionRecord
from knowledge_base.text_analysis import content_tokens

__all__ = ["DocumentInfo", "InsightsReport", "Theme", "TimeSavedAssumptions"]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One knowledge-base page as the insights see it."""

    doc_id: str
    title: str
    last_reviewed: date | None = None


@dataclass(frozen=True, slots=True)
class TimeSavedAssumptions:
    """What the time-saved estimate assumes (shown beside it)."""

    minutes_per_contact: float = 8.0
    """Advisor minutes to handle a simple information call or email."""
    share_who_would_have_contacted: float = 0.5
    """Of conversations the assistant resolved, the share that would otherwise have reached an advisor."""


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of unanswered questions sharing a word."""

    word: str
    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InsightsReport:
    """Everything the insights page shows for one council and period."""

    figures: DecisionFigures
    per_day: tuple[tuple[date, int], ...]
    themes: tuple[Theme, ...]
    past_review: tuple[DocumentInfo, ...]
    never_cited: tuple[DocumentInfo, ...]
    helpful: int
    not_helpful: int
    resolved_conversations: int
    minutes_saved: float
    assumptions: TimeSavedAssumptions

    @classmethod
    def build(
        cls,
        records: Sequence[DecisionRecord],
        documents: Sequence[DocumentInfo],
        *,
        helpful: int,
        not_helpful: int,
        today: date,
        review_after_months: int,
        assumptions: TimeSavedAssumptions | None = None,
    ) -> InsightsReport:
        """Compute the report."""
        assumptions = assumptions or TimeSavedAssumptions()
        figures = DecisionFigures.of(records)
        per_day = Counter[date]()
        seen: set[tuple[date, str]] = set()
        outcomes: dict[str, set[Outcome]] = defaultdict(set)
        for r in records:
            key = (r.created_at.date(), r.conversation_id)
            if key not in seen:
                seen.add(key)
                per_day[key[0]] += 1
            outcomes[r.conversation_id].add(r.outcome)
            if r.handoff_reason is not None:  # an answer given beside a handoff still took a person's time
                outcomes[r.conversation_id].add(Outcome.HANDOFF)
        resolved = sum(1 for o in outcomes.values() if Outcome.ANSWERED in o and Outcome.HANDOFF not in o)
        cited = set(figures.cited_docs)
        minutes = resolved * assumptions.share_who_would_have_contacted * assumptions.minutes_per_contact
        return cls(
            figures=figures,
            per_day=tuple(sorted(per_day.items())),
            themes=_themes([r.redacted_input for r in records if _unanswered(r)]),
            past_review=tuple(d for d in documents if _past_review(d, today, review_after_months)),
            never_cited=tuple(d for d in documents if d.doc_id not in cited),
            helpful=helpful,
            not_helpful=not_helpful,
            resolved_conversations=resolved,
            minutes_saved=round(minutes, 1),
            assumptions=assumptions,
        )


def _unanswered(r: DecisionRecord) -> bool:
    return r.outcome is Outcome.NO_ANSWER or r.handoff_reason == "low_confidence"


def _themes(questions: Sequence[str], limit: int = 12, examples: int = 3) -> tuple[Theme, ...]:
    """Each question joins the theme of its most frequent content word across all unanswered questions."""
    tokens = [[t for t in dict.fromkeys(content_tokens(q)) if len(t) > 2] for q in questions]
    frequency = Counter(t for ts in tokens for t in ts)
    groups: dict[str, list[str]] = defaultdict(list)
    for question, ts in zip(questions, tokens, strict=True):
        word = max(ts, key=lambda t: (frequency[t], t)) if ts else "(other)"
        groups[word].append(question)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    return tuple(Theme(word, len(qs), tuple(dict.fromkeys(qs))[:examples]) for word, qs in ordered)


def _past_review(doc: DocumentInfo, today: date, months: int) -> bool:
    if doc.last_reviewed is None:
        return False
    elapsed = (today.year - doc.last_reviewed.year) * 12 + today.month - doc.last_reviewed.month
    return elapsed > months or (elapsed == months and today.day > doc.last_reviewed.day)
