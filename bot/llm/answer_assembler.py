"""Turns the verified sentences of a draft into a :class:`~bot.base.Composition`.

Cited passages are renumbered 1..k in order of first use, each sentence ends with its new markers, link
tokens become the council's addresses, and the usual "talk to a person" line is added by the same
``answer.j2`` template the extractive composer uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.base import Citation, Composition
from bot.llm.draft_answer import CITATION_MARK
from bot.llm.grounding_verifier import SentenceVerdict
from bot.llm.passage_pack import PassagePack
from bot.llm.readability import flesch_reading_ease
from bot.reply_templates import ReplyTemplates
from councils import Council

__all__ = ["AnswerAssembler", "AssembledAnswer"]


@dataclass(frozen=True, slots=True)
class AssembledAnswer:
    """The composition and its answer sentences (what the stream sends, one by one)."""

    composition: Composition
    sentences: tuple[str, ...]


class AnswerAssembler:
    """Builds the reply text and citations from verified sentences."""

    def __init__(self, templates: ReplyTemplates) -> None:
        self._templates = templates

    def assemble(
        self,
        kept: Sequence[SentenceVerdict],
        pack: PassagePack,
        council: Council,
        *,
        model: str,
        grounded_rate: float,
    ) -> AssembledAnswer:
        """The composition for ``kept`` (non-empty) sentences."""
        numbering: dict[int, int] = {}
        for verdict in kept:
            for n in verdict.passages:
                numbering.setdefault(n, len(numbering) + 1)
        sentences = []
        for verdict in kept:
            body = pack.restore_links(CITATION_MARK.sub("", verdict.text))
            body = " ".join(body.split()).replace(" .", ".").replace(" ,", ",")
            marks = ", ".join(str(numbering[n]) for n in verdict.passages)
            sentences.append(f"{body} [{marks}]")
        citations = []
        for old, new in sorted(numbering.items(), key=lambda item: item[1]):
            passage = pack.get(old)
            assert passage is not None  # the verifier only keeps real passages
            chunk = passage.chunk
            citations.append(
                Citation(
                    n=new,
                    doc_id=chunk.doc_id,
                    title=chunk.title,
                    url=chunk.url,
                    section=chunk.section,
                    quote=pack.restore_links(passage.text),
                )
            )
        answer = " ".join(sentences)
        text = self._templates.render("answer.j2", intro=answer, parts=[], notes=[], council=council)
        composition = Composition(
            text=text,
            citations=tuple(citations),
            composer="llm",
            model=model,
            grounded_rate=grounded_rate,
            readability=flesch_reading_ease(answer),
        )
        return AssembledAnswer(composition, tuple(sentences))
