"""The model's structured reply, and a forgiving parser for it.

Models wrap JSON in code fences, add a sentence before it, or ignore the format altogether. The parser
takes the first JSON object that validates; failing that, plain text that cites passages inline (``[2]``)
is accepted as a partial draft — the grounding verifier still checks every sentence. Anything else is
garbage and raises :class:`~frontdoor.errors.ComposerError`.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from frontdoor.errors import ComposerError

__all__ = ["CITATION_MARK", "DraftAnswer", "parse_draft"]

CITATION_MARK = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


class DraftAnswer(BaseModel):
    """What the model must return: how complete the answer is, the passages used, and the answer."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    completeness: Literal["complete", "partial", "none"]
    passages: tuple[int, ...] = Field(default=())
    answer: str = ""

    @field_validator("completeness", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("passages", mode="before")
    @classmethod
    def _numbers(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, int | str):
            value = [value]
        return tuple(int(str(v).strip().strip("[]")) for v in value)


def parse_draft(raw: str) -> DraftAnswer:
    """Parse the model's reply; raise ComposerError if it holds neither valid JSON nor a cited answer."""
    decoder = json.JSONDecoder()
    for start in (i for i, ch in enumerate(raw) if ch == "{"):
        try:
            obj, _ = decoder.raw_decode(raw, start)
        except json.JSONDecodeError:
            continue
        if not isinstance(obj, dict):
            continue
        try:
            return DraftAnswer.model_validate(obj)
        except (ValidationError, ValueError):
            continue
    text = raw.strip()
    cited = sorted({int(n) for m in CITATION_MARK.finditer(text) for n in m.group(1).split(",")})
    if text and "{" not in text and cited:
        return DraftAnswer(completeness="partial", passages=tuple(cited), answer=text)
    raise ComposerError("the model's reply was not a usable answer")
