"""Money, phone numbers, numbers, e-mails and dates in a claim must appear in its source."""

from __future__ import annotations

import pytest

from bot.llm.fact_extractor import extract_facts

SOURCE = (
    "The badge costs **£10**. Capital over £23,250 means you pay in full. Call 01632 960100, Monday to "
    "Friday "
    "8:30am to 5pm, or email adultcare@ashbyvale.gov.uk. Reablement is free for up to six weeks. "
    "Charges rise on 7 April 2026 by 2.5%. Write to Civic Centre, Ashby Vale AV1 1AA."
)


@pytest.mark.parametrize(
    ("claim", "missing"),
    [
        ("The badge costs £10.", []),
        ("The badge costs £15.", ["£15", "15"]),
        ("Above £23250 you pay the full cost.", []),
        ("Above £23,500 you pay the full cost.", ["£23500", "23500"]),
        ("Call 01632 960100.", []),
        ("Call +44 1632 960100.", []),
        ("Call 01632960100 on weekdays.", []),
        ("Call 01632 960101.", ["01632960101"]),
        ("Lines are open 8:30am to 5pm.", []),
        ("Lines are open 9am to 5pm.", ["9"]),
        ("Lines are open Monday to Saturday.", ["saturday"]),
        ("Reablement is free for up to 6 weeks.", []),
        ("Reablement is free for up to 8 weeks.", ["8"]),
        ("Charges rise on 7 April 2026.", []),
        ("Charges rise on 7 May 2026.", ["may"]),
        ("Charges rise by 2.5%.", []),
        ("Charges rise by 3%.", ["3"]),
        ("Email adultcare@ashbyvale.gov.uk.", []),
        ("Email help@ashbyvale.gov.uk.", ["help@ashbyvale.gov.uk"]),
        ("<PERSON_1> can call us.", []),
        ("No numbers here at all.", []),
        ("Write to the Civic Centre, AV1 1AA.", []),
        ("Write to the Civic Centre, AV2 1AA.", ["AV21AA"]),
    ],
)
def test_when_claim_states_a_fact_then_it_must_be_in_the_source(claim: str, missing: list[str]) -> None:
    assert extract_facts(claim).missing_from(extract_facts(SOURCE, spelled_numbers=True)) == missing
