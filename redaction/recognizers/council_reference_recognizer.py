"""A council's own case or client references, from ``case_reference_patterns`` in the councils YAML."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from councils.council import CaseReferencePattern, Council

__all__ = ["CouncilReferenceRecognizer"]


class CouncilReferenceRecognizer(PatternRecognizer):
    """One recognizer per council; its patterns are that council's formats, scored 0.8 (they are specific
    by construction) and raised by the council's own context words."""

    SCORE = 0.8

    def __init__(self, council_id: str, patterns: list[CaseReferencePattern]) -> None:
        super().__init__(
            supported_entity="COUNCIL_REFERENCE",
            patterns=[Pattern(p.name, p.regex, self.SCORE) for p in patterns],
            context=sorted({word for p in patterns for word in p.context}),
            name=f"CouncilReferenceRecognizer[{council_id}]",
        )

    @classmethod
    def for_councils(cls, councils: list[Council]) -> list[CouncilReferenceRecognizer]:
        """One recognizer for each council that declares reference patterns."""
        return [cls(c.id, list(c.case_reference_patterns)) for c in councils if c.case_reference_patterns]
