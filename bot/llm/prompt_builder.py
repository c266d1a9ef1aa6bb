"""The words sent to the model: fixed instructions, the redacted question, the numbered passages.

Nothing else is sent — no history, no names, no council records — so the provider only ever sees text
that has already been through redaction, plus the council's own published pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.llm.passage_pack import PassagePack
from councils import Council

__all__ = ["Prompt", "PromptBuilder"]

_RULES = """You answer questions from residents about {council}'s adult social care.
Use ONLY the numbered passages from the council's own pages. Follow every rule:
1. Every sentence must be supported by the passages. End each sentence with the number of the passage it \
comes from in square brackets, for example [2].
2. Copy money amounts, numbers, phone numbers, dates and e-mail addresses exactly as the passages write them.
3. Never write a web address. To point to a page, write its link token exactly as given, for example [LINK_1].
4. Words in angle brackets such as <PERSON_1> replace personal details. Never guess what they stand for.
5. Do not add advice, opinions or facts that are not in the passages. If the passages only answer part of \
the question, answer that part and set completeness to "partial". If they do not answer it, set \
completeness to "none" and leave the answer empty.
6. Keep the answer under {words} words, speaking to the resident as "you".
Reply with one JSON object and nothing else, with the keys in this order:
{{"completeness": "complete" | "partial" | "none", "passages": [numbers of the passages you used], \
"answer": "your answer"}}"""

_EASY_READ = """
7. Write in Easy Read style: plain English, short sentences of no more than 15 words, everyday words, \
one idea in each sentence. Explain any official term in simple words."""


@dataclass(frozen=True, slots=True)
class Prompt:
    """A system instruction and one user message, as plain text."""

    system: str
    user: str


class PromptBuilder:
    """Builds the prompt for one question; ``easy_read`` asks for plain-English answers."""

    def __init__(self, *, easy_read: bool = False, max_words: int = 120) -> None:
        self._easy_read = easy_read
        self._max_words = max_words

    def build(self, question: str, pack: PassagePack, council: Council) -> Prompt:
        """The prompt for ``question`` (already redacted) over ``pack``."""
        system = _RULES.format(council=council.name, words=self._max_words)
        if self._easy_read:
            system += _EASY_READ
        user = f"Question: {question.strip()}\n\nPassages:\n\n{pack.render()}"
        return Prompt(system=system, user=user)
