"""Council YAML validation: errors name the file, the council and the field; opening hours and bank holidays."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from councils import CouncilRegistry
from frontdoor.errors import ConfigurationError, UnknownCouncilError
from frontdoor.settings import default_councils_file


def _sample() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(default_councils_file().read_text())


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda c: c["phones"].pop("safeguarding"), "phones.safeguarding"),
        (lambda c: c.update(website="not a url"), "website"),
        (lambda c: c.update(id="Bad Id!"), "id"),
        (lambda c: c["opening_hours"].update(monday={"open": "17:00", "close": "09:00"}), "opening_hours.monday"),
        (lambda c: c["theme"].update(primary_colour="blue"), "theme.primary_colour"),
        (lambda c: c.update(surprise=1), "surprise"),
    ],
)
def test_when_council_is_invalid_then_error_names_file_council_and_field(tmp_path: Path, mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    data = _sample()
    mutate(data["councils"][1])
    path = tmp_path / "councils.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(ConfigurationError) as info:
        CouncilRegistry.from_yaml(path)
    message = str(info.value)
    council_named = "'Bad Id!'" if field == "id" else "'northmoor'"
    assert str(path) in message and council_named in message and field in message


def test_when_council_unknown_then_lookup_error() -> None:
    registry = CouncilRegistry.from_yaml(default_councils_file())
    with pytest.raises(UnknownCouncilError):
        registry.get("atlantis")


@pytest.mark.parametrize(
    ("when_utc", "is_open"),
    [
        (datetime(2026, 11, 25, 10, 0, tzinfo=UTC), True),  # Wednesday 10:00 GMT
        (datetime(2026, 11, 25, 17, 30, tzinfo=UTC), False),  # after closing
        (datetime(2026, 11, 28, 10, 0, tzinfo=UTC), False),  # Saturday
        (datetime(2026, 12, 25, 10, 0, tzinfo=UTC), False),  # Christmas Day, a Friday
        (datetime(2026, 8, 31, 10, 0, tzinfo=UTC), False),  # August bank holiday (England)
        (datetime(2026, 7, 1, 7, 45, tzinfo=UTC), True),  # 08:45 BST
        (datetime(2026, 7, 1, 16, 5, tzinfo=UTC), False),  # 17:05 BST
    ],
)
def test_when_time_given_then_opening_hours_follow_london_time_and_bank_holidays(
    when_utc: datetime, is_open: bool
) -> None:
    council = CouncilRegistry.from_yaml(default_councils_file()).get("ashby-vale")
    assert council.opening_hours.is_open(when_utc) is is_open


def test_when_careline_number_called_then_council_found() -> None:
    registry = CouncilRegistry.from_yaml(default_councils_file())
    found = registry.by_phone_number("+441632961000")
    assert found is not None and found.id == "northmoor"
    assert registry.by_phone_number("+440000000000") is None
