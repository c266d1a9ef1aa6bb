"""Logging configuration for the app and CLI (libraries only add NullHandlers)."""

from __future__ import annotations

import logging
import os
import warnings

__all__ = ["configure_logging", "quiet_third_parties"]


def quiet_third_parties() -> None:
    """Keep model libraries offline and quiet (no progress bars, no hub look-ups)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    for name in ("transformers", "sentence_transformers", "presidio-analyzer", "chromadb", "httpx"):
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="spacy")


def configure_logging(level: str = "INFO") -> None:
    """Plain structured-ish logs: event name and key-values, never resident text."""
    quiet_third_parties()
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
