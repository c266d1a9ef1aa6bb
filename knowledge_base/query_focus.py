"""Drops the parts of a message that only introduce the person, so retrieval looks at the question.

Residents often start with "My name is <PERSON_1> and my number is <PHONE_NUMBER_1>." After redaction such
a sentence carries no information need, but its words ("name", "number") dilute retrieval. A sentence is
dropped when, once placeholders and stopwords are gone, every word left is an introduction word. If that
would drop everything, the message is kept whole.
"""

from __future__ import annotations

import re

from knowledge_base.text_analysis import content_tokens

__all__ = ["focus_query"]

_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_INTRO = frozenset(
    content_tokens(
        "name names called number numbers phone mobile telephone landline address addresses live lives living email "
        "postcode date birth born nhs ni national insurance reference ref contact details mum dad wife husband son "
        "daughter mother father am aged years old speaking ringing calling behalf morning afternoon evening good "
        "hiya thanks"
    )
)


def focus_query(text: str) -> str:
    """The message without sentences that only introduce the person."""
    sentences = [s for s in _SENTENCES.split(text) if s.strip()]
    if len(sentences) < 2:
        return text
    kept = [s for s in sentences if not set(content_tokens(s)) <= _INTRO]
    return " ".join(kept) if kept else text
