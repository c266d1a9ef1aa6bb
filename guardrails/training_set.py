"""Loads the learned layer's training sentences: the curated exemplars plus ``training_messages.yaml``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from frontdoor.errors import GuardrailError
from guardrails.base import Category, Tier
from guardrails.learned_tier_classifier import LabelledSentence
from guardrails.pattern_library import Exemplar

__all__ = ["default_training_path", "load_training_sentences"]


def default_training_path() -> Path:
    """The bundled training file (a documented copy of the non-holdout labelled messages)."""
    return Path(str(resources.files("guardrails") / "training_messages.yaml"))


def load_training_sentences(
    exemplars: tuple[Exemplar, ...], path: Path | None = None
) -> tuple[LabelledSentence, ...]:
    """The exemplars (ids ``exemplar:...``) followed by the training file's messages (ids ``train:<id>``).

    Raises GuardrailError naming the file if it cannot be read or a row is invalid.
    """
    source = path or default_training_path()
    try:
        rows = yaml.safe_load(source.read_text(encoding="utf-8"))["messages"]
        messages = tuple(
            LabelledSentence(
                rule_id=f"train:{row['id']}",
                text=str(row["text"]),
                tier=None if row["tier"] == "none" else Tier(row["tier"]),
                category=None if row["category"] == "none" else Category(row["category"]),
            )
            for row in rows
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise GuardrailError(f"{source}: invalid safeguarding training file: {exc}") from exc
    curated = tuple(LabelledSentence(e.rule_id, e.text, e.tier, e.category) for e in exemplars)
    return curated + messages
