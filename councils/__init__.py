"""Council configuration: pydantic models of the councils YAML and the registry that loads it."""

from councils.council import Council, OpeningHours, PhoneNumbers, Theme, TimeRange
from councils.council_registry import CouncilRegistry

__all__ = ["Council", "CouncilRegistry", "OpeningHours", "PhoneNumbers", "Theme", "TimeRange"]
