"""The model's reply is parsed forgivingly, and garbage is refused."""

from __future__ import annotations

import pytest

from bot.llm.draft_answer import DraftAnswer, parse_draft
from frontdoor.errors import ComposerError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            '{"completeness": "complete", "passages": [1, 2], "answer": "A [1]."}',
            DraftAnswer(completeness="complete", passages=(1, 2), answer="A [1]."),
        ),
        (
            '```json\n{"completeness": "Partial", "passages": ["2"], "answer": "B [2]."}\n```',
            DraftAnswer(completeness="partial", passages=(2,), answer="B [2]."),
        ),
        (
            'Answer: {"answer": "C [1].", "passages": 1, "completeness": "complete"} Hope it helps!',
            DraftAnswer(completeness="complete", passages=(1,), answer="C [1]."),
        ),
        ('{"completeness": "none", "passages": [], "answer": ""}', DraftAnswer(completeness="none")),
        (
            '{"note": "thinking"} {"completeness": "complete", "passages": [3], "answer": "D [3]."}',
            DraftAnswer(completeness="complete", passages=(3,), answer="D [3]."),
        ),
        (
            "The badge costs £10 [1]. It lasts up to 3 years [1, 2].",
            DraftAnswer(
                completeness="partial",
                passages=(1, 2),
                answer="The badge costs £10 [1]. It lasts up to 3 years [1, 2].",
            ),
        ),
    ],
)
def test_when_reply_holds_a_draft_then_parsed(raw: str, expected: DraftAnswer) -> None:
    assert parse_draft(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "I'm sorry, I can't help with that.",
        '{"completeness": "complete", "passages": [1], "answer": "cut off',
        '{"completeness": "maybe", "passages": [1], "answer": "A [1]."}',
        '{"passages": [1], "answer": "no completeness [1]."}',
        "<html>502 Bad Gateway</html>",
    ],
)
def test_when_reply_is_garbage_then_composer_error(raw: str) -> None:
    with pytest.raises(ComposerError):
        parse_draft(raw)
