"""The redactor end to end on real Presidio + spaCy: types, keep-list, placeholders, fail closed, threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

from frontdoor.errors import RedactionError
from redaction.base import PlaceholderMap
from redaction.keep_list import KeepList
from redaction.presidio_redactor import PresidioRedactor
from redaction.recognizers import REDACTED_ENTITIES


@pytest.mark.parametrize(
    ("text", "expected_types"),
    [
        ("Her NHS number is 943 476 5919", ["UK_NHS"]),
        ("ticket 943 476 5918 from the hospital", []),  # bad check digit and no cue: kept
        ("NHS number 943 476 5918", ["UK_NHS"]),  # a mistyped NHS number after its cue is still redacted
        ("my NI number is AB 12 34 56 C", ["UK_NINO"]),
        ("My postcode is AV1 3XY", ["UK_POSTCODE"]),
        ("her passport number is 502135326", ["UK_PASSPORT"]),
        ("Driving licence SMITH710238JA9AB", ["UK_DRIVING_LICENCE"]),
        ("You can reach me on 07700 900123", ["PHONE_NUMBER"]),
        ("email me at siobhan.murphy@gmail.com", ["EMAIL_ADDRESS"]),
        ("Hi, my name is Grace Okafor", ["PERSON"]),
        ("she was born on 3 March 1942", ["DATE_OF_BIRTH"]),
        ("I live at 23 acacia avenue", ["STREET_ADDRESS"]),
        ("sort code 40-47-84, account 31926819", ["UK_SORT_CODE", "UK_BANK_ACCOUNT"]),
        ("Our case reference is ASC-1234567", ["COUNCIL_REFERENCE"]),
    ],
)
def test_when_uk_personal_data_then_redacted_with_its_type(
    redactor: PresidioRedactor, text: str, expected_types: list[str]
) -> None:
    result = redactor.redact(text)
    assert [e.type for e in result.entities] == expected_types
    for original in result.originals.values():
        assert original not in result.text


@pytest.mark.parametrize(
    "text",
    [
        "I live in Ashby Vale, what help is there?",
        "Is £23,250 the limit for paying for your own care?",
        "Should I call 01632 960100 or use this chat?",
        "is it the same number oh one six three two nine six oh one double oh",
        "can I email adultcare@ashbyvale.gov.uk instead?",
        "Is the office at Civic Centre, Market Street, Ashby Vale AV1 1AA open?",
        "Can I get Attendance Allowance and Pension Credit at the same time?",
        "The care worker comes 4 times a day for 30 minutes",
        "I hope you can help me",
        "Will the council pay for a care home?",
        "My mum moved from Leeds to Northmoor last year",
        "Can you ring the Age UK advice line on 0800 678 1602 for me?",
        "Do I need Deprivation of Liberty Safeguards or the Court of Protection?",
        "Mum goes to the day centre on Wednesdays",
        "Dear Sir or Madam, I should be grateful if you would tell me the savings limit.",
    ],
)
def test_when_public_or_non_personal_text_then_unchanged(redactor: PresidioRedactor, text: str) -> None:
    result = redactor.redact(text)
    assert result.text == text
    assert not result.changed


def test_when_same_value_in_later_turn_then_same_placeholder(redactor: PresidioRedactor) -> None:
    placeholders = PlaceholderMap()
    first = redactor.redact("My name is Grace Okafor, call 07700 900123", placeholders=placeholders)
    second = redactor.redact("It's grace okafor again. My other number is 07911 123456", placeholders=placeholders)
    third = redactor.redact("Please use 07700 900123 not the other one", placeholders=placeholders)
    assert first.text == "My name is <PERSON_1>, call <PHONE_NUMBER_1>"
    assert "<PERSON_1>" in second.text and "<PHONE_NUMBER_2>" in second.text
    assert third.text == "Please use <PHONE_NUMBER_1> not the other one"


def test_when_no_map_given_then_numbering_starts_fresh(redactor: PresidioRedactor) -> None:
    assert redactor.redact("call 07911 123456").text == "call <PHONE_NUMBER_1>"
    assert redactor.redact("call 07700 900123").text == "call <PHONE_NUMBER_1>"


def test_when_entities_returned_then_offsets_point_into_the_original(redactor: PresidioRedactor) -> None:
    text = "Mr Patel lives at Flat 2, 14 Mill Lane, AV3 4RT"
    result = redactor.redact(text)
    assert {text[e.start : e.end] for e in result.entities} == {"Patel", "Flat 2, 14 Mill Lane", "AV3 4RT"}
    assert result.originals == {e.placeholder: text[e.start : e.end] for e in result.entities}


class _ExplodingRecognizer(EntityRecognizer):
    """A real recognizer that fails, as a broken model or a regex timeout would."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="Exploding")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        raise RuntimeError("model crashed")


def test_when_analysis_raises_then_redaction_error_and_no_text(nlp_engine: NlpEngine, councils: object) -> None:
    analyzer = AnalyzerEngine(registry=RecognizerRegistry([_ExplodingRecognizer()]), nlp_engine=nlp_engine)
    broken = PresidioRedactor(
        analyzer,
        keep_list=KeepList.from_councils(councils),  # type: ignore[arg-type]
        entities=REDACTED_ENTITIES,
    )
    with pytest.raises(RedactionError) as caught:
        broken.redact("My name is Grace Okafor")
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert "Grace" not in str(caught.value)


def test_when_called_from_many_threads_then_results_match_serial(redactor: PresidioRedactor) -> None:
    texts = [f"My name is Grace Okafor, ring 07700 900{n:03d}, I live at {n} Mill Lane" for n in range(40)]
    serial = [redactor.redact(t).text for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda t: redactor.redact(t).text, texts))
    assert threaded == serial
