"""Checks a generated answer sentence by sentence against the passages it cites.

A sentence survives only if (1) it cites at least one real passage (inline ``[n]``, else the passages the
model said it used), (2) every money amount, phone number, number, e-mail, month and weekday in it
appears in those passages (see :mod:`bot.llm.fact_extractor`), and (3) the embedding model finds a span
of one or two consecutive passage sentences whose cosine similarity to it is at least ``min_similarity``.
Web addresses that did not come from our link tokens are cut out before checking; link tokens we never
issued are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.llm.draft_answer import CITATION_MARK
from bot.llm.fact_extractor import extract_facts
from bot.llm.passage_pack import LINK_TOKEN, PassagePack
from knowledge_base.base import Embedder
from knowledge_base.chunker import split_sentences

__all__ = ["GroundingResult", "GroundingVerifier", "SentenceVerdict", "split_answer"]

_SPLIT = re.compile(r"(?<=[.!?])((?:\s*\[\d+(?:\s*,\s*\d+)*\])*)\s+(?=[A-Z0-9£\"'(<]|\[LINK_)")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_RAW_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|info|io)\b(?:/\S*)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SentenceVerdict:
    """One sentence of the draft and whether it is grounded. ``text`` keeps its markers and link tokens."""

    text: str
    passages: tuple[int, ...]
    supported: bool
    reason: str
    similarity: float = 0.0


@dataclass(frozen=True, slots=True)
class GroundingResult:
    """Verdicts for every sentence of a draft."""

    verdicts: tuple[SentenceVerdict, ...]

    @property
    def kept(self) -> tuple[SentenceVerdict, ...]:
        """The grounded sentences, in order."""
        return tuple(v for v in self.verdicts if v.supported)

    @property
    def grounded_rate(self) -> float:
        """Grounded sentences over all sentences (0.0 for an empty draft)."""
        return len(self.kept) / len(self.verdicts) if self.verdicts else 0.0


def split_answer(answer: str) -> list[str]:
    """Sentences of a generated answer; citation markers stay with the sentence they follow."""
    out: list[str] = []
    for line in answer.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        parts = _SPLIT.split(line)
        # re.split returns [sentence, markers, sentence, markers, ..., sentence]
        for i in range(0, len(parts), 2):
            sentence = (parts[i] + (parts[i + 1] if i + 1 < len(parts) else "")).strip()
            if sentence:
                out.append(sentence)
    return out


class GroundingVerifier:
    """Keeps only sentences supported by their cited passages."""

    def __init__(self, embedder: Embedder, *, min_similarity: float = 0.5, min_words: int = 3) -> None:
        self._embedder = embedder
        self._min_similarity = min_similarity
        self._min_words = min_words

    def verify(self, answer: str, used: Sequence[int], pack: PassagePack) -> GroundingResult:
        """Verdicts for each sentence of ``answer``; ``used`` is the draft's own list of passages."""
        verdicts: list[SentenceVerdict | None] = []
        pending: list[tuple[int, str, str, tuple[int, ...]]] = []
        for sentence in split_answer(answer):
            cleaned = _strip_foreign_links(sentence, pack)
            marks = tuple(int(n) for m in CITATION_MARK.finditer(cleaned) for n in m.group(1).split(","))
            cited = tuple(dict.fromkeys(n for n in (marks or tuple(used)) if pack.get(n) is not None))
            claim = " ".join(LINK_TOKEN.sub(" ", CITATION_MARK.sub(" ", cleaned)).split())
            if len(claim.split()) < self._min_words:
                verdicts.append(SentenceVerdict(cleaned, cited, False, "too_short"))
                continue
            if not cited:
                verdicts.append(SentenceVerdict(cleaned, cited, False, "no_citation"))
                continue
            source = " ".join(p.text for p in (pack.get(n) for n in cited) if p is not None)
            missing = extract_facts(claim).missing_from(extract_facts(source, spelled_numbers=True))
            if missing:
                verdicts.append(
                    SentenceVerdict(cleaned, cited, False, "unsupported_fact:" + ",".join(missing))
                )
                continue
            pending.append((len(verdicts), cleaned, claim, cited))
            verdicts.append(None)
        for index, similarity in zip(range(len(pending)), self._similarities(pending, pack), strict=True):
            slot, cleaned, _, cited = pending[index]
            ok = similarity >= self._min_similarity
            verdicts[slot] = SentenceVerdict(
                cleaned, cited, ok, "supported" if ok else "low_similarity", similarity
            )
        return GroundingResult(tuple(v for v in verdicts if v is not None))

    def _similarities(
        self, pending: list[tuple[int, str, str, tuple[int, ...]]], pack: PassagePack
    ) -> list[float]:
        if not pending:
            return []
        units: dict[int, list[str]] = {}
        for _, _, _, cited in pending:
            for n in cited:
                passage = pack.get(n)
                if passage is not None and n not in units:
                    units[n] = _units(passage.text)
        flat = [u for n in units for u in units[n]]
        owner = [n for n in units for _ in units[n]]
        vectors = self._embedder.embed([claim for _, _, claim, _ in pending] + flat)
        claims, spans = vectors[: len(pending)], vectors[len(pending) :]
        scores = claims @ spans.T if len(flat) else np.zeros((len(pending), 0), dtype=np.float32)
        out = []
        for row, (_, _, _, cited) in zip(scores, pending, strict=True):
            allowed = [s for s, n in zip(row, owner, strict=True) if n in cited]
            out.append(float(max(allowed)) if allowed else 0.0)
        return out


def _units(text: str) -> list[str]:
    """Single sentences and adjacent pairs of a passage, without link tokens and markdown emphasis."""
    sentences = [LINK_TOKEN.sub(" ", _BULLET.sub("", s)).replace("**", "") for s in split_sentences(text)]
    return sentences + [f"{a} {b}" for a, b in itertools.pairwise(sentences)]


def _strip_foreign_links(sentence: str, pack: PassagePack) -> str:
    """Drop link tokens we never issued and any raw web address (e-mails stay, for the fact check)."""
    emails: list[str] = []

    def hide(match: re.Match[str]) -> str:
        emails.append(match.group(0))
        return f"\x00{len(emails) - 1}\x00"

    text = _EMAIL.sub(hide, sentence)
    text = LINK_TOKEN.sub(lambda m: m.group(0) if m.group(0) in pack.links else "", text)
    text = _RAW_URL.sub("", text)
    # A bare name like "GOV.UK" may stay if a passage says it; passages' real addresses are tokens by now.
    passages = " ".join(p.text for p in pack.passages)
    text = _BARE_DOMAIN.sub(lambda m: m.group(0) if m.group(0) in passages else "", text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: emails[int(m.group(1))], text)
    return re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split()))
