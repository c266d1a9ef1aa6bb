"""Drafts an Algorithmic Transparency Recording Standard (ATRS) record from configuration and measurements.

Pure: it takes the council, the settings, the knowledge-base facts and the measured figures, and returns
a record whose every sentence is either a fact of this deployment or an explicit ``[TO COMPLETE: ...]``
for the council to write (owners, impact assessments). Sections follow the ATRS template: tier 1 and
tier 2 sections 1-6.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.base import Outcome
from councils import Council
from frontdoor.settings import Settings
from frontdoor.transparency.decision_figures import DecisionFigures

__all__ = ["AtrsDrafter", "AtrsRecord", "KnowledgeBaseFacts"]

TODO = "[TO COMPLETE: {}]"


@dataclass(frozen=True, slots=True)
class KnowledgeBaseFacts:
    """What the council's knowledge base holds."""

    documents: int
    chunks: int
    embedding_model: str


@dataclass(frozen=True, slots=True)
class AtrsRecord:
    """A drafted record: ordered sections of (field, answer) pairs."""

    council_id: str
    drafted_on: date
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

    def to_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {
            "council_id": self.council_id,
            "drafted_on": self.drafted_on.isoformat(),
            "sections": [
                {"title": title, "fields": [{"field": f, "answer": a} for f, a in fields]}
                for title, fields in self.sections
            ],
        }

    def to_markdown(self) -> str:
        """Markdown for review and publication."""
        lines = [
            f"# Algorithmic Transparency Record (draft) — {self.council_id}",
            "",
            f"Drafted by `frontdoor atrs` on {self.drafted_on.isoformat()}. Review every answer; "
            "complete each `[TO COMPLETE]`.",
            "",
        ]
        for title, fields in self.sections:
            lines += [f"## {title}", ""]
            for name, answer in fields:
                lines += [f"**{name}**", "", answer, ""]
        return "\n".join(lines)


class AtrsDrafter:
    """Builds an :class:`AtrsRecord` for one council."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def draft(
        self, council: Council, figures: DecisionFigures, kb: KnowledgeBaseFacts, today: date
    ) -> AtrsRecord:
        """The draft record."""
        s = self._settings
        generated = s.llm_provider != "none"
        if generated:
            composer = (
                f"a large language model ({s.llm_provider}, model {s.llm_model or 'unspecified'}) writes "
                "answers only from the retrieved passages; every sentence is checked against them"
            )
        else:
            composer = "an extractive composer quotes the council's pages; no generative model writes text"
        period = (
            f"{figures.first:%d %B %Y} to {figures.last:%d %B %Y}"
            if figures.first and figures.last
            else "no turns recorded yet"
        )
        handoffs = _counts(figures.handoff_reasons)
        channels = _counts(figures.channels)
        tier1 = (
            ("Name", f"{council.name} Adult Social Care front-door assistant (Front Door)"),
            (
                "Description",
                (
                    "A web chat and telephone assistant that answers general questions about adult social "
                    f"care using only {council.name}'s published pages, cites its sources, and passes people "
                    "to council staff when they ask, when it is not confident, or when it detects a "
                    "safeguarding concern. It makes no decisions about anyone's care, eligibility or money."
                ),
            ),
            ("Website", str(council.website)),
            ("Contact email", council.email or TODO.format("contact email")),
        )
        owner = (
            ("Organisation", council.name),
            ("Team", "Adult Social Care front door"),
            ("Senior responsible owner", TODO.format("role of the senior responsible owner")),
            (
                "Third-party involvement",
                (
                    "Open-source software (Front Door, Chroma, Presidio, spaCy, sentence-transformers) run "
                    "by the council"
                    + (f"; generated answers call {s.llm_provider}" if generated else "")
                    + "."
                ),
            ),
        )
        rationale = (
            (
                "Detailed description",
                (
                    "Each message is stripped of personal data (Presidio with UK recognisers), checked for "
                    "safeguarding signals and prompt injection, then matched against the council's pages by "
                    f"hybrid search ({kb.embedding_model} embeddings and BM25). A calibrated confidence "
                    f"decides whether to answer (threshold {_threshold(s):.2f}); {composer}."
                ),
            ),
            (
                "Scope",
                (
                    "General information and signposting for adults, carers and professionals. Out of "
                    "scope: assessments, eligibility decisions, medical or legal advice."
                ),
            ),
            ("Benefit", TODO.format("expected benefit, e.g. advisor time released for complex calls")),
            ("Previous process", TODO.format("how these enquiries were handled before")),
            ("Alternatives considered", TODO.format("alternatives and why this was chosen")),
        )
        process = (
            (
                "Process integration",
                (
                    "Answers are information only. Handoffs join the advisor queue with a redacted summary; "
                    "safeguarding disclosures are prioritised and given emergency numbers."
                ),
            ),
            ("Provided information", "Every answer lists the council pages it quotes, with links."),
            (
                "Frequency and scale of usage",
                (
                    f"Measured over {period}: {figures.turns} messages in {figures.conversations} "
                    f"conversations (by channel: {channels}). Answered {figures.rate(Outcome.ANSWERED):.1%}, "
                    f"handed to a person {figures.rate(Outcome.HANDOFF):.1%}, no answer "
                    f"{figures.rate(Outcome.NO_ANSWER):.1%}. Handoffs by reason: {handoffs}. Median response "
                    f"{figures.latency_p50_ms:.0f} ms, 95th percentile {figures.latency_p95_ms:.0f} ms."
                ),
            ),
            (
                "Human decisions and review",
                (
                    "Anyone can ask for a person at any point. Advisors see the redacted conversation and "
                    "what the assistant said and cited. Each channel's assistant can be switched off, "
                    f"routing everyone to people ({figures.bot_off_turns} messages went that way)."
                ),
            ),
            ("Appeals and review", f"Through the council's complaints process ({council.website})."),
        )
        tool = (
            (
                "System architecture",
                (
                    "Channel adapters (web widget, telephony) → redact → guardrails → retrieve → compose → "
                    "output guardrails; an SQL store for redacted records and the handoff queue."
                ),
            ),
            ("Phase", TODO.format("pilot / production")),
            (
                "Maintenance",
                (
                    "Pages are re-ingested when they change; pages unreviewed for "
                    f"{s.review_after_months} months are flagged. Every turn is kept as a decision record "
                    "(redacted input, sources and scores, rules fired, outcome, composer, latency)."
                ),
            ),
            (
                "Models",
                f"Embeddings: {kb.embedding_model}. Redaction: spaCy NER with Presidio. "
                f"Answers: {composer}.",
            ),
        )
        data = (
            ("Source data", f"{kb.documents} council pages ({kb.chunks} passages), no personal data"),
            (
                "Personal data",
                (
                    "Residents' messages are redacted before any model or store sees them; originals are "
                    f"encrypted in a vault and deleted after {s.retention_days} days. Redactions in the "
                    f"period by type: {_counts(figures.redactions)}."
                ),
            ),
            ("Data sharing", f"Redacted text is sent to {s.llm_provider}." if generated else "None."),
            ("Data access and storage", "Council-hosted database; advisors and supervisors by role."),
        )
        risks = (
            ("Impact assessments", TODO.format("DPIA and equality impact assessment references")),
            (
                "Risks and mitigations",
                (
                    "Wrong or outdated answer: answers only from council pages, cited; questions below the "
                    "threshold go to a person. Missed safeguarding: detection before retrieval, emergency "
                    "numbers in every safeguarding reply, prioritised handoff. Personal data exposure: "
                    "redaction before any processing, failing closed if it cannot run."
                ),
            ),
        )
        return AtrsRecord(
            council.id,
            today,
            (
                ("Tier 1", tier1),
                ("1. Owner and responsibility", owner),
                ("2. Description and rationale", rationale),
                ("3. Decision-making process", process),
                ("4. Tool specification", tool),
                ("5. Data specification", data),
                ("6. Risks, mitigations and impact assessments", risks),
            ),
        )


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"


def _threshold(settings: Settings) -> float:
    """The answer threshold in force: the configured one, else the calibrated one."""
    from knowledge_base.confidence_model import ConfidenceModel

    configured = settings.answer_threshold
    return configured if configured is not None else ConfidenceModel.load().threshold
