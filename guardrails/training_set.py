"""Loads the similarity layers' labelled sentences: curated exemplars, ``training_messages.yaml`` and
``routine_messages.yaml``.

``routine_messages.yaml`` holds routine (tier none) sentences only: questions residents ask about every adult
social care topic, and sentences from council information pages. The routine class was badly
under-represented (225 routine rows against 318 disclosures), so unseen routine wording sat nearer to a
disclosure than to anything routine; these rows give the learned layer and the semantic layer's routine
margin something to compare with.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from frontdoor.errors import GuardrailError
from guardrails.base import Category, Tier
from guardrails.learned_tier_classifier import LabelledSentence
from guardrails.pattern_library import Exemplar

__all__ = ["default_routine_path", "default_training_path", "load_training_sentences"]


def default_training_path() -> Path:
    """The bundled training file (a documented copy of the non-holdout labelled messages)."""
    return Path(str(resources.files("guardrails") / "training_messages.yaml"))


def default_routine_path() -> Path:
    """The bundled routine sentences (written questions and information-page sentences, all tier none)."""
    return Path(str(resources.files("guardrails") / "routine_messages.yaml"))


def load_training_sentences(
    exemplars: tuple[Exemplar, ...], path: Path | None = None, routine_path: Path | None = None
) -> tuple[LabelledSentence, ...]:
    """The exemplars (ids ``exemplar:...``), then the training file's messages, then the routine file's
    sentences (both ids ``train:<id>``).

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
    return curated + messages + _load_routine(routine_path or default_routine_path())


def _load_routine(source: Path) -> tuple[LabelledSentence, ...]:
    try:
        rows = yaml.safe_load(source.read_text(encoding="utf-8"))["messages"]
        return tuple(LabelledSentence(f"train:{row['id']}", str(row["text"]), None, None) for row in rows)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise GuardrailError(f"{source}: invalid safeguarding routine file: {exc}") from exc
