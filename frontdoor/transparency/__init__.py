"""Transparency: a decision record per turn, its CSV/JSON export, and ATRS record drafting."""

from frontdoor.transparency.atrs_drafter import AtrsDrafter, AtrsRecord, KnowledgeBaseFacts
from frontdoor.transparency.decision_exporter import DecisionExporter, ExportFormat
from frontdoor.transparency.decision_figures import DecisionFigures, percentile
from frontdoor.transparency.decision_record import DecisionRecord, DecisionSource, TurnObserver
from frontdoor.transparency.decision_record_store import DecisionRecordStore

__all__ = [
    "AtrsDrafter",
    "AtrsRecord",
    "DecisionExporter",
    "DecisionFigures",
    "DecisionRecord",
    "DecisionRecordStore",
    "DecisionSource",
    "ExportFormat",
    "KnowledgeBaseFacts",
    "TurnObserver",
    "percentile",
]
