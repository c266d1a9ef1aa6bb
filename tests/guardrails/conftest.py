"""Guardrail fixtures: the real detector (patterns + fuzzy + the packaged embedding model), built once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from councils.council import Council
from guardrails.safeguarding_detector import LayeredSafeguardingDetector
from guardrails.safeguarding_detector_provider import build_safeguarding_detector

SAMPLE_COUNCILS = Path(__file__).resolve().parents[2] / "frontdoor" / "sample" / "councils.yaml"


@pytest.fixture(scope="session")
def detector(embedder: Any) -> LayeredSafeguardingDetector:
    """All three layers, on the real packaged model."""
    return build_safeguarding_detector(embedder)


@pytest.fixture(scope="session")
def pattern_detector() -> LayeredSafeguardingDetector:
    """Patterns and fuzzy matching only (no embedding model)."""
    return build_safeguarding_detector(None)


@pytest.fixture(scope="session")
def ashby_vale() -> Council:
    """The first sample council (Ashby Vale: 08:30-17:00 weekdays, England bank holidays)."""
    data = yaml.safe_load(SAMPLE_COUNCILS.read_text(encoding="utf-8"))
    return Council(**data["councils"][0])
