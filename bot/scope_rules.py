"""Out-of-scope topics from YAML: what Front Door does not answer, and where to go instead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from councils import Council
from frontdoor.errors import ConfigurationError

__all__ = ["ScopeMatch", "ScopeRules"]


@dataclass(frozen=True, slots=True)
class ScopeMatch:
    """An out-of-scope topic that matched, and the redirect to give."""

    topic: str
    reply: str
    matched: str = ""
    """The words of the message that matched (e.g. "parking ticket")."""


@dataclass(frozen=True, slots=True)
class _Topic:
    id: str
    always: bool
    patterns: tuple[re.Pattern[str], ...]
    reply: str


class ScopeRules:
    """Matches messages against out-of-scope topics."""

    def __init__(self, topics: list[_Topic]) -> None:
        self._topics = topics

    @classmethod
    def load(cls, path: Path | None = None) -> ScopeRules:
        """Load the YAML (the bundled file by default)."""
        target = path or Path(str(resources.files("bot") / "out_of_scope.yaml"))
        try:
            data = yaml.safe_load(target.read_text(encoding="utf-8"))
            topics = [
                _Topic(
                    id=str(t["id"]),
                    always=bool(t.get("always", False)),
                    patterns=tuple(re.compile(p, re.IGNORECASE) for p in t["patterns"]),
                    reply=str(t["reply"]),
                )
                for t in data["topics"]
            ]
        except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
            raise ConfigurationError(f"{target}: invalid out-of-scope rules: {exc}") from exc
        return cls(topics)

    def match(self, text: str, council: Council, *, always_only: bool) -> ScopeMatch | None:
        """The first topic matching ``text`` (only ``always`` topics when ``always_only``)."""
        for topic in self._topics:
            if always_only and not topic.always:
                continue
            found = next((m for m in (p.search(text) for p in topic.patterns) if m), None)
            if found:
                reply = topic.reply.format(
                    council_name=council.name,
                    website=str(council.website).rstrip("/"),
                    front_door=council.phones.front_door,
                )
                return ScopeMatch(topic=topic.id, reply=reply, matched=found.group(0))
        return None
