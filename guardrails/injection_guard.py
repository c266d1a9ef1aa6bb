"""Prompt-injection and jailbreak detection on a resident's (redacted) message.

Invisible characters are stripped first, and text hidden in Unicode tag characters is decoded and checked
too. A flagged message is not allowed to reach a language model; the caller still runs the safeguarding
detector on the cleaned ``text`` (an injection never switches safeguarding off) and replies from its
extractive path or offers a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from frontdoor.errors import GuardrailError
from guardrails.base import GuardrailResult
from guardrails.invisible_characters import strip_invisible

__all__ = ["InjectionGuard", "InjectionPattern", "default_injection_patterns"]


def default_injection_patterns() -> Path:
    """The bundled pattern file."""
    return Path(str(resources.files("guardrails") / "injection_patterns.yaml"))


@dataclass(frozen=True, slots=True)
class InjectionPattern:
    """One compiled injection phrase."""

    rule_id: str
    regex: re.Pattern[str]


class InjectionGuard:
    """Implements :class:`guardrails.base.InputGuard` for prompt injection; build with :meth:`load`."""

    def __init__(self, patterns: tuple[InjectionPattern, ...]) -> None:
        self._patterns = patterns

    @classmethod
    def load(cls, path: Path | None = None) -> InjectionGuard:
        """Compile the pattern file (default: the bundled one)."""
        source = path or default_injection_patterns()
        try:
            items = yaml.safe_load(source.read_text(encoding="utf-8"))["patterns"]
            compiled = tuple(
                InjectionPattern(
                    f"injection:{i['id']}", re.compile(str(i["regex"]), re.IGNORECASE | re.MULTILINE)
                )
                for i in items
            )
        except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
            raise GuardrailError(f"{source}: invalid injection patterns: {exc}") from exc
        return cls(compiled)

    def check(self, text: str) -> GuardrailResult:
        """``allowed`` False when an injection phrase is found; ``text`` is always the cleaned message."""
        invisible = strip_invisible(text)
        rules: list[str] = []
        if invisible.tag_characters:
            rules.append("unicode:tag-characters-stripped")
        if invisible.zero_width:
            rules.append("unicode:zero-width-stripped")
        flagged = [p.rule_id for p in self._patterns if p.regex.search(invisible.text)]
        flagged += [
            f"{p.rule_id}:hidden"
            for p in self._patterns
            if invisible.hidden and p.regex.search(invisible.hidden)
        ]
        return GuardrailResult(allowed=not flagged, rules=tuple(flagged + rules), text=invisible.text)
