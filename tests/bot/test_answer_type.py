"""Expected answer types: what kind of fact a question asks for, and whether a sentence states one."""

from __future__ import annotations

import pytest

from bot.answer_type import AnswerType, expected_answer_types, states

MONEY, CONTACT, TIME, AGE, COUNT = (
    AnswerType.MONEY, AnswerType.CONTACT, AnswerType.TIME, AnswerType.AGE, AnswerType.COUNT,
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("carers allowance how much", {MONEY}),
        ("do i have to pay for a blue badge", {MONEY}),
        ("is the dfg means tested", {MONEY}),
        ("what number do i ring for the OT", {CONTACT}),
        ("who helps with payroll if im employing my own carer", {CONTACT}),
        ("how long does an assessment take", {TIME}),
        ("how often does the money go in", {MONEY, TIME}),
        ("what age do you have to be for extra care housing", {AGE}),
        ("how many things do you have to not be able to do", {COUNT}),
        ("when will i hear back after my assessment", {TIME}),
        ("are you open on bank holidays", {TIME}),
        ("what happens when reablement finishes", set()),
        ("what is reablement", set()),
        ("can my mum get a grab rail", set()),
    ],
)
def test_when_question_is_read_then_the_kinds_of_fact_it_asks_for_are_found(
    question: str, expected: set[AnswerType]
) -> None:
    assert expected_answer_types(question) == expected


@pytest.mark.parametrize(
    ("answer_type", "sentence", "stated"),
    [
        (MONEY, "In 2025/26 it is £83.30 per week.", True),
        (MONEY, "It is free for up to six weeks.", True),
        (MONEY, "There is no means test for children.", True),
        (MONEY, "A social worker will visit you at home.", False),
        (CONTACT, "Call the team on 01632 960310.", True),
        (CONTACT, "Email complaints@ashbyvale.gov.uk with your reference.", True),
        (CONTACT, "If someone is in danger, call 999.", True),
        (CONTACT, "The team includes nurses and therapists.", False),
        (TIME, "We will contact you within 10 working days.", True),
        (TIME, "Payments are made every four weeks.", True),
        (TIME, "The office is open Monday to Friday, 9am to 5pm.", True),
        (TIME, "Reablement helps you regain skills.", False),
        (AGE, "You must be aged 55 or over.", True),
        (AGE, "Planning starts from age 14.", True),
        (AGE, "You can apply online.", False),
        (COUNT, "You must be unable to achieve two or more outcomes.", True),
        (COUNT, "Ask us for an assessment.", False),
    ],
)
def test_when_sentence_is_read_then_it_states_the_kind_of_fact_or_not(
    answer_type: AnswerType, sentence: str, stated: bool
) -> None:
    assert states(answer_type, sentence) is stated
