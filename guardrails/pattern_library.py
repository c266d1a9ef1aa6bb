"""The curated safeguarding vocabulary: regex patterns and exemplar sentences per category, from YAML.

Each ``guardrails/patterns/<category>.yaml`` names its category, its default tier, its patterns (``id`` and
``regex``, optionally a stronger ``tier``) and its exemplar sentences for the semantic layer.
``lexicon.yaml`` holds the macros (``%REL%``, ``%OBJ%``...) the regexes share, the text-speak map, the
fuzzy-matching vocabulary and the immediacy cues (``guardrails/immediacy_cues.py``). Everything is loaded and
compiled once; a bad file raises GuardrailError naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontdoor.errors import GuardrailError
from guardrails.base import Category, Tier
from guardrails.immediacy_cues import ImmediacyCues

__all__ = ["Exemplar", "PatternLibrary", "PatternRule", "default_patterns_dir"]

_MACRO = re.compile(r"%([A-Z0-9_]+)%")


def default_patterns_dir() -> Path:
    """The bundled pattern files."""
    return Path(str(resources.files("guardrails") / "patterns"))


@dataclass(frozen=True, slots=True)
class PatternRule:
    """One compiled phrase pattern; ``rule_id`` reads ``pattern:<category>:<id>``."""

    rule_id: str
    category: Category
    tier: Tier
    regex: re.Pattern[str]
    topic: bool = False
    """Names a kind of harm ("modern slavery") rather than describing it happening to someone."""
    wish: bool = False
    """A wish to die or not to be here, without a plan, means or time (see ``intent_denial``)."""


@dataclass(frozen=True, slots=True)
class Exemplar:
    """A curated sentence for the semantic layer. ``category``/``tier`` None marks a routine sentence."""

    rule_id: str
    text: str
    category: Category | None
    tier: Tier | None


@dataclass(frozen=True, slots=True)
class PatternLibrary:
    """Every compiled pattern and exemplar, plus the shared lexicon."""

    rules: tuple[PatternRule, ...]
    exemplars: tuple[Exemplar, ...]
    textspeak: dict[str, str]
    fuzzy_keywords: frozenset[str]
    fuzzy_protected: frozenset[str]
    immediacy: ImmediacyCues
    intent_denial: re.Pattern[str] | None = None
    """The resident's own words denying a plan or intent ("i am not going to do anything", "no plan"):
    lowers a ``wish`` rule's ``immediate`` to ``urgent`` (``lexicon.yaml`` ``intent_denied``)."""

    @classmethod
    def load(cls, directory: Path | None = None) -> PatternLibrary:
        """Read and compile ``directory`` (default: the bundled patterns)."""
        folder = directory or default_patterns_dir()
        lexicon = _read(folder / "lexicon.yaml")
        macros: dict[str, str] = {k: str(v).strip() for k, v in lexicon.get("macros", {}).items()}
        rules: list[PatternRule] = []
        exemplars: list[Exemplar] = []
        for path in sorted(folder.glob("*.yaml")):
            if path.name == "lexicon.yaml":
                continue
            data = _read(path)
            try:
                category = None if data["category"] == "none" else Category(data["category"])
                tier = None if data["tier"] == "none" else Tier(data["tier"])
                for item in data.get("patterns", []):
                    if category is None:
                        raise ValueError("routine files carry exemplars only")
                    rule_tier = Tier(item.get("tier", tier))
                    regex = re.compile(_expand(str(item["regex"]), macros))
                    rule_id = f"pattern:{category}:{item['id']}"
                    rules.append(
                        PatternRule(
                            rule_id,
                            category,
                            rule_tier,
                            regex,
                            bool(item.get("topic", False)),
                            bool(item.get("wish", False)),
                        )
                    )
                for n, item in enumerate(data.get("exemplars", []), start=1):
                    ex_tier = Tier(item["tier"]) if "tier" in item else tier
                    name = category.value if category else "routine"
                    exemplars.append(Exemplar(f"exemplar:{name}:{n}", str(item["text"]), category, ex_tier))
            except (KeyError, ValueError, TypeError, re.error) as exc:
                raise GuardrailError(f"{path}: invalid safeguarding pattern file: {exc}") from exc
        fuzzy = lexicon.get("fuzzy", {})
        try:
            immediacy = ImmediacyCues.from_lexicon(lexicon.get("immediacy", {}))
            denied = [str(p) for p in lexicon.get("intent_denied", [])]
            intent_denial = re.compile(r"\b(?:" + "|".join(denied) + r")\b") if denied else None
        except (ValueError, TypeError, re.error) as exc:
            raise GuardrailError(f"{folder / 'lexicon.yaml'}: invalid immediacy cues or intent_denied: {exc}") from exc
        return cls(
            rules=tuple(rules),
            exemplars=tuple(exemplars),
            textspeak={str(k): str(v) for k, v in lexicon.get("textspeak", {}).items()},
            fuzzy_keywords=frozenset(str(w) for w in fuzzy.get("keywords", [])),
            fuzzy_protected=frozenset(str(w) for w in fuzzy.get("protected", [])),
            immediacy=immediacy,
            intent_denial=intent_denial,
        )


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GuardrailError(f"{path}: cannot read safeguarding patterns: {exc}") from exc
    if not isinstance(data, dict):
        raise GuardrailError(f"{path}: expected a mapping")
    return data


def _expand(regex: str, macros: dict[str, str]) -> str:
    for _ in range(10):
        expanded = _MACRO.sub(lambda m: macros[m.group(1)], regex)
        if expanded == regex:
            return expanded
        regex = expanded
    raise ValueError(f"macro expansion does not terminate: {regex[:80]}")
