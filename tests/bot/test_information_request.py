"""Whether a message asks for information anywhere in it (bot/information_request.py)."""

from __future__ import annotations

import pytest

from bot.information_request import asks_for_information


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # a question mark, anywhere
        ("is my mum entitled to help?", True),
        ("she's 90. any help out there?", True),
        # a question word starting a direct question, after the circumstances
        ("my dad has dementia now what happens with his house", True),
        ("the hospital rang about discharge who do i speak to", True),
        ("she's been told she needs a dols what is that", True),
        ("how long does reablement last", True),
        ("mum goes into respite next week who pays for it", True),
        ("whats the number for the blue badge team", True),
        # an auxiliary before its subject, mid-sentence, no punctuation
        ("my dad cant swallow since his stroke do they do soft food", True),
        ("my wife keeps falling can she get a pendant alarm", True),
        ("she turns 18 in may does it all stop then", True),
        ("he has capacity apparently cant you lot do anything", True),
        ("somebody told us there's a disregard is that right", True),
        # saying so
        ("i was wondering about getting a rail by the bath", True),
        ("i need to know about direct payments for my son", True),
        ("can you tell me about carers assessments", True),
        # statements: a question word inside a statement, or a verb after its subject
        ("the carer is rough when she washes me and leaves me sore", False),
        ("she can do it herself when she gets home and sees what help she needs", False),
        ("he is my carer and he is there every day", False),
        ("my son takes half my pension every month", False),
        ("nobody knows what she does all day", False),
        ("", False),
    ],
)
def test_when_message_is_read_then_a_question_anywhere_is_found(text: str, asks: bool) -> None:
    assert asks_for_information(text) is asks
