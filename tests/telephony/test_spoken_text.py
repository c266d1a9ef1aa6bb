"""Truth tables for rendering for the ear: URLs, bracket citations, money, phone numbers, Markdown."""

from __future__ import annotations

import pytest

from bot.base import Citation
from telephony.caller_words import is_goodbye, is_no, is_yes, mentions_reference_number
from telephony.spoken_numbers import number_in_words, speak_money, speak_phone_number
from telephony.spoken_text import sentences_for_the_ear, text_for_the_ear

BLUE_BADGE = Citation(1, "blue-badge", "Blue Badges", "https://www.ashbyvale.gov.uk/blue-badge", "Apply", "q")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apply at https://www.ashbyvale.gov.uk/blue-badge.", "Apply at the council's page on Blue Badges."),
        (
            "Apply at https://www.ashbyvale.gov.uk/blue-badge/ today.",
            "Apply at the council's page on Blue Badges today.",
        ),
        ("See www.gov.uk/apply-blue-badge for details.", "See a web page for details."),
        ("Use [the online form](https://example.org/form).", "Use the online form."),
        ("You can get one [1].", "You can get one."),
        ("It is free [1][2] for carers [1, 2].", "It is free for carers."),
        (
            "**Upper capital limit: £23,250.**",
            "Upper capital limit: twenty three thousand, two hundred and fifty pounds.",
        ),
        ("It costs £10 for 3 years.", "It costs ten pounds for 3 years."),
        ("Up to £1,000 or less.", "Up to one thousand pounds or less."),
        ("A fee of £9.50 applies.", "A fee of nine pounds and fifty pence applies."),
        ("Call 01632 960100 today.", "Call zero one six three two, nine six zero, one zero zero today."),
        ("Call 0300 123 4567.", "Call zero three zero zero, one two three, four five six seven."),
        ("Ring +441632960200 now.", "Ring zero one six three two, nine six zero, two zero zero now."),
        ("Call 999 now.", "Call nine nine nine now."),
        ("Samaritans: 116 123.", "Samaritans: one one six, one two three."),
        ("Email adultcare@ashbyvale.gov.uk.", "Email adultcare at ashbyvale dot gov dot uk."),
        ("e.g. a ramp", "For example a ramp."),
        ("Aged 18 to 64, for 12 weeks.", "Aged 18 to 64, for 12 weeks."),
    ],
)
def test_when_answer_has_written_forms_then_the_ear_gets_spoken_forms(text: str, expected: str) -> None:
    assert text_for_the_ear(text, (BLUE_BADGE,)) == expected


def test_when_answer_has_headings_and_bullets_then_each_becomes_a_short_sentence() -> None:
    text = "# Blue Badges\n\nYou may qualify if:\n- you get PIP\n- you are registered blind\n"

    assert sentences_for_the_ear(text) == (
        "Blue Badges.",
        "You may qualify if.",
        "You get PIP.",
        "You are registered blind.",
    )


def test_when_answer_is_long_then_it_is_cut_to_the_sentence_limit() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(20))

    assert len(sentences_for_the_ear(text, max_sentences=5)) == 5


def test_when_spoken_text_is_rendered_then_no_url_or_bracket_survives() -> None:
    text = "See https://www.ashbyvale.gov.uk/blue-badge [1] and http://x.example/a?b=c [2]."

    spoken = text_for_the_ear(text, (BLUE_BADGE,))

    assert "http" not in spoken and "www" not in spoken and "[" not in spoken


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (40, "forty"),
        (101, "one hundred and one"),
        (1001, "one thousand and one"),
        (14250, "fourteen thousand, two hundred and fifty"),
        (23250, "twenty three thousand, two hundred and fifty"),
        (1_000_000, "one million"),
    ],
)
def test_when_number_is_spelled_then_british_words(n: int, words: str) -> None:
    assert number_in_words(n) == words


@pytest.mark.parametrize(
    ("pounds", "pence", "words"),
    [(1, 0, "one pound"), (0, 50, "fifty pence"), (0, 1, "one penny"), (2, 5, "two pounds and five pence")],
)
def test_when_money_is_spoken_then_pounds_and_pence(pounds: int, pence: int, words: str) -> None:
    assert speak_money(pounds, pence) == words


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        ("020 7946 0000", "zero two zero, seven nine four six, zero zero zero zero"),
        ("01632960100", "zero one six three two, nine six zero, one zero zero"),
        (
            "18001 01632 960100",
            "one eight zero zero one, zero one six three two, nine six zero, one zero zero",
        ),
    ],
)
def test_when_phone_number_is_spoken_then_digits_in_groups(number: str, spoken: str) -> None:
    assert speak_phone_number(number) == spoken


@pytest.mark.parametrize(
    ("speech", "yes", "no", "goodbye"),
    [
        ("Yes please.", True, False, False),
        ("okay", True, False, False),
        ("no thanks", False, True, True),
        ("No, that's all, thanks.", False, False, True),
        ("Goodbye.", False, False, True),
        ("no, I am not okay", False, False, False),
        ("yes but my dad hits me", False, False, False),
        ("no I want to ask about blue badges", False, False, False),
    ],
)
def test_when_caller_answers_briefly_then_only_whole_short_answers_count(
    speech: str, yes: bool, no: bool, goodbye: bool
) -> None:
    assert (is_yes(speech), is_no(speech), is_goodbye(speech)) == (yes, no, goodbye)


@pytest.mark.parametrize(
    ("speech", "mentions"),
    [
        ("I'm ringing about my case number", True),
        ("my reference number is on the letter", True),
        ("what's the client number for my mum", True),
        ("the case for a ramp", False),
        ("how do I refer someone", False),
    ],
)
def test_when_caller_mentions_a_reference_number_then_keypad_is_offered(speech: str, mentions: bool) -> None:
    assert mentions_reference_number(speech) is mentions
