"""The default :class:`~bot.base.Composer`: quotes the council's own sentences, verbatim, with citations.

It never writes a claim of its own. From the best passages it picks the sentences that share most words
with the question, keeping them in the page's order, and cites each page by number. The only words that
are not the council's are the fixed connecting phrases in ``bot/templates/answer.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.base import Citation, Composition
from bot.reply_templates import ReplyTemplates
from councils import Council
from knowledge_base.base import RetrievalResult, RetrievedChunk
from knowledge_base.chunker import split_sentences
from knowledge_base.text_analysis import content_tokens

__all__ = ["ExtractiveComposer"]

_MONEY_WORDS = {"cost", "much", "price", "charg", "pay", "fee", "money", "afford", "limit", "rate", "amount"}


@dataclass(frozen=True, slots=True)
class _Part:
    n: int
    quote: str


class ExtractiveComposer:
    """Quotes up to ``max_sentences`` sentences from up to ``max_sources`` pages."""

    name = "extractive"

    def __init__(
        self,
        templates: ReplyTemplates,
        *,
        max_sources: int = 2,
        max_sentences: int = 3,
        second_source_ratio: float = 0.9,
    ) -> None:
        self._templates = templates
        self._max_sources = max_sources
        self._max_sentences = max_sentences
        self._second_ratio = second_source_ratio

    def compose(self, question: str, retrieval: RetrievalResult, council: Council) -> Composition | None:
        """Quote the best sentences, or None if no passage shares anything with the question."""
        if not retrieval.chunks:
            return None
        chosen = self._choose_chunks(retrieval.chunks)
        q_tokens = set(content_tokens(question))
        citations: list[Citation] = []
        parts: list[_Part] = []
        for i, rc in enumerate(chosen):
            quote = self._quote(rc, q_tokens, self._max_sentences if i == 0 else max(1, self._max_sentences - 1))
            if not quote:
                continue
            n = len(citations) + 1
            citations.append(
                Citation(
                    n=n,
                    doc_id=rc.chunk.doc_id,
                    title=rc.chunk.title,
                    url=rc.chunk.url,
                    section=rc.chunk.section,
                    quote=quote,
                )
            )
            parts.append(_Part(n=n, quote=quote))
        if not citations:
            return None
        intro = f"Here is what {council.name}'s pages say:"
        text = self._templates.render("answer.j2", intro=intro, parts=parts, notes=[], council=council)
        return Composition(text=text, citations=tuple(citations), composer=self.name)

    def _choose_chunks(self, chunks: tuple[RetrievedChunk, ...]) -> list[RetrievedChunk]:
        best = chunks[0]
        chosen = [best]
        for rc in chunks[1:]:
            if len(chosen) >= self._max_sources:
                break
            if rc.chunk.doc_id in {c.chunk.doc_id for c in chosen}:
                continue
            if (
                rc.score >= best.score * self._second_ratio
                and rc.dense_similarity >= best.dense_similarity * self._second_ratio
            ):
                chosen.append(rc)
        return chosen

    def _quote(self, rc: RetrievedChunk, q_tokens: set[str], limit: int) -> str:
        sentences = split_sentences(rc.chunk.text)
        if not sentences:
            return ""
        if sum(len(s.split()) for s in sentences) <= 70:
            return " ".join(sentences)
        wants_money = bool(q_tokens & _MONEY_WORDS) or any(t.startswith(tuple(_MONEY_WORDS)) for t in q_tokens)
        scored = []
        for idx, sentence in enumerate(sentences):
            tokens = set(content_tokens(sentence))
            overlap = len(tokens & q_tokens)
            bonus = 0.5 if wants_money and ("£" in sentence or "%" in sentence) else 0.0
            scored.append((overlap + bonus - idx * 0.01, idx))
        keep = sorted(idx for _, idx in sorted(scored, reverse=True)[:limit])
        return " ".join(sentences[i] for i in keep)
