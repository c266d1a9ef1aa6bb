"""The default :class:`~bot.base.Composer`: quotes the council's own sentences, verbatim, with citations.
(Table rows are quoted as their cells joined, without the pipes, rule rows and header rows of Markdown.)

It never writes a claim of its own. From the best passages it picks the sentences that best match the
question — by meaning (the query-to-sentence similarities retrieval found with the sentence vectors stored
at ingest), by shared words, and by stating the kind of fact asked for (an amount for "how much", a number
for "who do I ring"; ``bot/answer_type.py``) — keeping them in the page's order, and cites each page by
number. Shared words that are also in the passage's headings do not count: every sentence of the "Carer's
Allowance" section is about Carer's Allowance, so those words cannot tell which sentence answers. When the
top page's second-best passage has nearly as good a fused score as its best, both are quoted from, since a
page often states a fact in the section after the one that matched. The only words that are not the
council's are the fixed connecting phrases in ``bot/templates/answer.j2``.

Measured 2026-11-26 (fact-in-answer rate over answerable questions, before -> after the answer-type bonus,
the heading discount and the relaxed same-page rule; the bonus, 0.75, was chosen on the main set, where
0.75 and 1.0 tied): main 0.540 -> 0.579; holdout 0.433 -> 0.500; blind holdout2 0.463 -> 0.522.

When the question asks for a kind of fact and none of the best page's chosen sentences states one, the best
sentence that does from that page's other retrieved passages is added (a page often gives the phone number
or the price in its own "How to order" or "Cost" section, which the question's other words did not match).
Measured 2026-12-07, fact-in-answer before -> after: main 0.651 -> 0.659; holdout 0.700 -> 0.733; blind
holdout 2 0.597 -> 0.642; unseen council 0.529 -> 0.529. Nothing else moves (the gate has already decided).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer_type import AnswerType, expected_answer_types, states
from bot.base import Citation, Composition
from bot.reply_templates import ReplyTemplates
from councils import Council
from knowledge_base.base import RetrievalResult, RetrievedChunk
from knowledge_base.chunker import split_sentences
from knowledge_base.text_analysis import content_tokens

__all__ = ["ExtractiveComposer"]

# Markdown tables (and HTML tables the loaders turned into them) arrive one row per "sentence". A rule row
# ("|---|---|") says nothing, and neither does a header row in a quote: both are skipped. A data row is quoted
# with its cells joined and a full stop ("Hot two-course lunch: £6.20."): the same words, without the pipes.
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_TABLE_ROW = re.compile(r"^\|.*\|$")


@dataclass(frozen=True, slots=True)
class _Part:
    n: int
    quote: str


@dataclass(frozen=True, slots=True)
class _Sentence:
    order: tuple[int, int]
    """(chunk position in the page, sentence index in the chunk): the page's reading order."""
    text: str
    score: float


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
        answer_type_bonus: float = 0.75,
    ) -> None:
        self._templates = templates
        self._answer_bonus = answer_type_bonus
        self._max_sources = max_sources
        self._max_sentences = max_sentences
        self._second_ratio = second_source_ratio

    def compose(self, question: str, retrieval: RetrievalResult, council: Council) -> Composition | None:
        """Quote the best sentences, or None if no passage shares anything with the question."""
        if not retrieval.chunks:
            return None
        chosen = self._choose_chunks(retrieval.chunks)
        q_tokens = set(content_tokens(question))
        wanted = expected_answer_types(question)
        citations: list[Citation] = []
        parts: list[_Part] = []
        for i, group in enumerate(chosen):
            limit = self._max_sentences if i == 0 else max(1, self._max_sentences - 1)
            # The best page's other retrieved passages may hold the kind of fact asked for.
            page = group[0].chunk.doc_id
            rest = [rc for rc in retrieval.chunks if rc.chunk.doc_id == page and rc not in group] if i == 0 else []
            quote = self._quote(group, q_tokens, wanted, retrieval.sentence_similarity, limit, rest)
            if not quote:
                continue
            n = len(citations) + 1
            rc = group[0]
            sections = list(dict.fromkeys(g.chunk.section for g in group))
            citations.append(
                Citation(
                    n=n,
                    doc_id=rc.chunk.doc_id,
                    title=rc.chunk.title,
                    url=rc.chunk.url,
                    section="; ".join(sections),
                    quote=quote,
                )
            )
            parts.append(_Part(n=n, quote=quote))
        if not citations:
            return None
        intro = f"Here is what {council.name}'s pages say:"
        text = self._templates.render("answer.j2", intro=intro, parts=parts, notes=[], council=council)
        return Composition(text=text, citations=tuple(citations), composer=self.name)

    def _choose_chunks(self, chunks: tuple[RetrievedChunk, ...]) -> list[list[RetrievedChunk]]:
        """Groups of passages to quote, one group per page: the best page may contribute two passages."""
        best = chunks[0]
        chosen = [[best]]
        for rc in chunks[1:]:
            close = (
                rc.score >= best.score * self._second_ratio
                and rc.dense_similarity >= best.dense_similarity * self._second_ratio
            )
            if rc.chunk.doc_id == best.chunk.doc_id:
                # Another passage of the same page needs only a close fused score: the page is already the
                # best match, and its facts often sit in the section after the one whose words matched.
                if rc.score >= best.score * self._second_ratio and len(chosen[0]) < 2:
                    chosen[0].append(rc)
                continue
            if len(chosen) < self._max_sources and close and rc.chunk.doc_id not in {g[0].chunk.doc_id for g in chosen}:
                chosen.append([rc])
        return chosen

    def _quote(
        self,
        group: list[RetrievedChunk],
        q_tokens: set[str],
        wanted: frozenset[AnswerType],
        similarity: dict[str, float],
        limit: int,
        rest: list[RetrievedChunk],
    ) -> str:
        """The best ``limit`` sentences of the group's passages, verbatim and in the page's order; plus, when
        none of them states the kind of fact asked for, the best sentence of ``rest`` (the same page's other
        retrieved passages) that does."""
        sentences = self._sentences(group, q_tokens, wanted, similarity)
        if not sentences:
            return ""
        if len(group) == 1 and sum(len(s.text.split()) for s in sentences) <= 70:
            best = sentences
        else:
            best = sorted(sentences, key=lambda s: (-s.score, s.order))[: limit + len(group) - 1]
        if wanted and rest and not any(states(t, s.text) for s in best for t in wanted):
            candidates = self._sentences(rest, q_tokens, wanted, similarity)
            stating = [s for s in candidates if any(states(t, s.text) for t in wanted)]
            if stating:
                best = [*best, min(stating, key=lambda s: (-s.score, s.order))]
        return " ".join(s.text for s in sorted(best, key=lambda s: s.order))

    def _sentences(
        self,
        group: list[RetrievedChunk],
        q_tokens: set[str],
        wanted: frozenset[AnswerType],
        similarity: dict[str, float],
    ) -> list[_Sentence]:
        """Each sentence scored by meaning (query similarity; 0 if not among the nearest) plus shared words,
        plus ``answer_type_bonus`` when it states the kind of fact the question asks for (``bot/answer_type``)."""
        out: list[_Sentence] = []
        for rc in group:
            # Words of the passage's headings say what the whole passage is about, not which sentence answers.
            telling = q_tokens - set(content_tokens(f"{rc.chunk.title} {rc.chunk.section}"))
            split = split_sentences(rc.chunk.text)
            for idx, raw in enumerate(split):
                following = split[idx + 1] if idx + 1 < len(split) else ""
                if _TABLE_RULE.match(raw) or (_TABLE_ROW.match(raw) and _TABLE_RULE.match(following)):
                    continue
                sentence = _as_prose(raw)
                overlap = len(set(content_tokens(sentence)) & telling) / max(len(q_tokens), 1)
                semantic = max(similarity.get(f"{rc.chunk.chunk_id}#{idx}", 0.0), 0.0)
                bonus = self._answer_bonus if any(states(t, sentence) for t in wanted) else 0.0
                out.append(_Sentence((rc.chunk.position, idx), sentence, overlap + semantic + bonus))
        return out


def _as_prose(sentence: str) -> str:
    """A table row's cells joined ("Frozen main meal: £4.60"); any other sentence as it stands."""
    if not _TABLE_ROW.match(sentence):
        return sentence
    cells = [c.strip() for c in sentence.strip("|").split("|") if c.strip()]
    if not cells:
        return sentence
    row = ": ".join(cells[:2]) + "".join(f"; {c}" for c in cells[2:])
    return row if row[-1] in ".!?" else f"{row}."  # rows read one after another
