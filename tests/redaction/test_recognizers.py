"""Truth tables, one recognizer at a time, on the real spaCy engine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from councils import CouncilRegistry
from redaction.name_gazetteer import NameGazetteer
from redaction.recognizers.bank_account_recognizer import BankAccountRecognizer
from redaction.recognizers.council_reference_recognizer import CouncilReferenceRecognizer
from redaction.recognizers.date_of_birth_recognizer import DateOfBirthRecognizer
from redaction.recognizers.email_recognizer import OfflineEmailRecognizer, offline_tld_extractor
from redaction.recognizers.gb_phone_recognizer import GbPhoneRecognizer
from redaction.recognizers.name_cue_recognizer import NameCueRecognizer
from redaction.recognizers.name_pair_recognizer import NamePairRecognizer
from redaction.recognizers.sort_code_recognizer import SortCodeRecognizer
from redaction.recognizers.spoken_email_recognizer import SpokenEmailRecognizer
from redaction.recognizers.spoken_form_recognizer import SpokenFormRecognizer
from redaction.recognizers.street_address_recognizer import StreetAddressRecognizer

Analyze = Callable[..., list[tuple[str, str]]]
GAZETTEER = NameGazetteer.from_names_package()


def _found(analyze_with: Analyze, recognizer: object, text: str) -> list[str]:
    return [value for _, value in analyze_with(recognizer, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me on 07700 900123 please", ["07700 900123"]),
        ("landline 0161 496 0732", ["0161 496 0732"]),
        ("mobile +44 7911 123456", ["+44 7911 123456"]),
        ("ring 020 7946 0321 after six", ["020 7946 0321"]),
        ("is £23,250 the limit", []),
        ("she has 14 hours of care a week", []),
        ("born 12/04/1950", []),
    ],
)
def test_when_gb_phone_text_then_numbers_found(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    assert _found(analyze_with, GbPhoneRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he was born on 3 March 1942", ["3 March 1942"]),
        ("DOB 12/04/1950", ["12/04/1950"]),
        ("date of birth is the fifth of june nineteen thirty eight", ["fifth of june nineteen thirty eight"]),
        ("d.o.b. 01/01/1945", ["01/01/1945"]),
        ("her date of birth twelve oh four nineteen fifty", ["twelve oh four nineteen fifty"]),
        ("the assessment is on Tuesday 3 March", []),
        ("she came over in 1961", []),
        ("I waited 6 weeks", []),
    ],
)
def test_when_date_of_birth_text_then_dates_found(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    found = _found(analyze_with, DateOfBirthRecognizer(), text)
    assert [f.removeprefix("the ") for f in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm at Flat 2, 14 Mill Lane now", ["Flat 2, 14 Mill Lane"]),
        ("I live at 23 acacia avenue", ["23 acacia avenue"]),
        ("mrs begum at number nine station road", ["number nine station road"]),
        ("Flat 4b, Willow Court, AV4 2JN", ["Flat 4b, Willow Court"]),
        ("31 The Crescent", ["31 The Crescent"]),
        ("it's going to take 2 weeks either way", []),
        ("the carer comes 4 times a day", []),
        ("is £23,250 the limit", []),
        ("the office at Civic Centre, Market Street", []),
    ],
)
def test_when_address_text_then_streets_found(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    assert _found(analyze_with, StreetAddressRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sort code 40-47-84", ["40-47-84"]),
        ("sort code 20 00 00 acc no 55779911", ["20 00 00"]),
        ("pay it into 30-96-34 31926819", ["30-96-34"]),
        ("the bank sort is 112233", ["112233"]),
        ("room 12 on floor 3", []),
    ],
)
def test_when_sort_code_text_then_found(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    assert _found(analyze_with, SortCodeRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("account 31926819", ["31926819"]),
        ("acc no. 55779911", ["55779911"]),
        ("30-96-34 31926819", ["31926819"]),
        ("reference 31926819", []),
    ],
)
def test_when_account_text_then_found(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    assert _found(analyze_with, BankAccountRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our case reference is ASC-1234567", ["ASC-1234567"]),
        ("ref ASC00481236", ["ASC00481236"]),
        ("client number NM4418207", ["NM4418207"]),
        ("the ASC team", []),
        ("NM12 is not one", []),
    ],
)
def test_when_council_reference_then_found(
    analyze_with: Analyze, councils: CouncilRegistry, text: str, expected: list[str]
) -> None:
    found = [v for r in CouncilReferenceRecognizer.for_councils(list(councils)) for v in _found(analyze_with, r, text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email siobhan.murphy@gmail.com", ["siobhan.murphy@gmail.com"]),
        ("mohammed.iqbal77@outlook.co.uk", ["mohammed.iqbal77@outlook.co.uk"]),
        ("not an address: name@localhost", []),
    ],
)
def test_when_email_then_validated_offline(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    assert _found(analyze_with, OfflineEmailRecognizer(offline_tld_extractor()), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my email is john dot smith at gmail dot com", ["john dot smith at gmail dot com"]),
        ("it's dawn holloway at btinternet dot com", ["dawn holloway at btinternet dot com"]),
        ("look at this dot here", []),
    ],
)
def test_when_spoken_email_then_found(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    assert _found(analyze_with, SpokenEmailRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my number is oh seven seven double oh nine hundred one two three",
            [("PHONE_NUMBER", "oh seven seven double oh nine hundred one two three")],
        ),
        ("the postcode is W N one two A B", [("UK_POSTCODE", "W N one two A B")]),
        (
            "my N I number is Q Q one two three four five six C",
            [("UK_NINO", "Q Q one two three four five six C")],
        ),
        (
            "his NHS number is nine four three four seven six five nine one nine",
            [("UK_NHS", "nine four three four seven six five nine one nine")],
        ),
        ("sort code is four oh four seven eight four", [("UK_SORT_CODE", "four oh four seven eight four")]),
        (
            "account number three one nine two six eight one nine",
            [("UK_BANK_ACCOUNT", "three one nine two six eight one nine")],
        ),
        (
            "the reference is A S C dash double seven eight one two oh three",
            [("COUNCIL_REFERENCE", "A S C dash double seven eight one two oh three")],
        ),
        ("my name's mark evans e v a n s", [("PERSON", "e v a n s")]),
        (
            "er it's seven seven double three oh one two three four five",
            [("PHONE_NUMBER", "seven seven double three oh one two three four five")],
        ),
        ("she needs two carers twice a day for about forty five minutes", []),
        ("oh no, one or two of them", []),
    ],
)
def test_when_spoken_forms_then_transcoded(
    analyze_with: Analyze, councils: CouncilRegistry, text: str, expected: list[tuple[str, str]]
) -> None:
    assert analyze_with(SpokenFormRecognizer(list(councils)), text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yeah hi my name is grace okafor and i'm calling", ["grace okafor"]),
        ("I'm writing about Mr Patel at the flat", ["Patel"]),
        ("My son Will Nguyen is 19", ["Will Nguyen"]),
        ("this is hope calling from her phone", ["hope"]),
        ("I spoke to Ayesha at the council", ["Ayesha"]),
        ("this is kwabena speaking", ["kwabena"]),
        ("i'm chidi okeke and i need help", ["chidi okeke"]),
        ("it's tuesday today", []),
        ("It's Tuesday today", []),
        ("it's raining again", []),
        ("i'm fine thanks", []),
        ("im strugling to cope", []),  # a typo one keystroke from a word is not a name
        ("this is rediculous", []),
        ("I'm exausted.", []),
        ("i'm realy worried about my mum", []),
        ("i'm oluwaseun and i need help", ["oluwaseun"]),
        ("my husband's called frank and he's ninety", ["frank"]),
        ("I'm worried about my mum", []),
        ("this is urgent", []),
        ("I hope you can help", []),
        ("my mum moved to Leeds", []),
    ],
)
def test_when_name_cue_then_name_found(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    assert (
        _found(
            analyze_with,
            NameCueRecognizer(GAZETTEER.first_names, GAZETTEER.surnames, GAZETTEER.english_words),
            text,
        )
        == expected
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call Grace Okafor on Monday", ["Grace Okafor"]),
        ("Mark Evans here", ["Mark Evans"]),
        ("Will the council pay?", []),
        ("i hope young people get help", []),
    ],
)
def test_when_name_pair_then_found(analyze_with: Analyze, text: str, expected: list[str]) -> None:
    assert _found(analyze_with, NamePairRecognizer(GAZETTEER.first_names, GAZETTEER.surnames), text) == expected
