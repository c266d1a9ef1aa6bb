"""The labelled answering set: questions with expected documents and facts, and unanswerable ones."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from frontdoor.errors import ConfigurationError

__all__ = ["AnswerableCase", "AnsweringSet", "UnanswerableCase", "default_set_path"]


def default_set_path(name: str = "answering.yaml") -> Path:
    """A bundled set by file name."""
    return Path(str(resources.files("frontdoor.evaluation") / "data" / name))


@dataclass(frozen=True, slots=True)
class AnswerableCase:
    """A question the council's pages answer."""

    id: str
    question: str
    channel: str
    expected_docs: tuple[str, ...]
    fact: str


@dataclass(frozen=True, slots=True)
class UnanswerableCase:
    """A question Front Door must not answer (out of scope, or not covered by the pages)."""

    id: str
    question: str
    kind: str


@dataclass(frozen=True, slots=True)
class AnsweringSet:
    """One council's labelled set."""

    council: str
    answerable: tuple[AnswerableCase, ...]
    unanswerable: tuple[UnanswerableCase, ...]
    source: str

    @classmethod
    def load(cls, path: Path) -> AnsweringSet:
        """Parse and validate the YAML."""
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            answerable = tuple(
                AnswerableCase(
                    str(c["id"]),
                    str(c["question"]),
                    str(c.get("channel", "web")),
                    tuple(str(d) for d in c["expected_docs"]),
                    str(c["fact"]),
                )
                for c in data["answerable"]
            )
            unanswerable = tuple(
                UnanswerableCase(str(c["id"]), str(c["question"]), str(c.get("kind", "not_covered")))
                for c in data["unanswerable"]
            )
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise ConfigurationError(f"{path}: invalid answering set: {exc}") from exc
        return cls(str(data["council"]), answerable, unanswerable, path.name)
