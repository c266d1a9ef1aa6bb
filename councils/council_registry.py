"""Loads and holds the councils this deployment serves, from one YAML file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml
from pydantic import ValidationError

from councils.council import Council
from frontdoor.errors import ConfigurationError, UnknownCouncilError

__all__ = ["CouncilRegistry"]


class CouncilRegistry:
    """The councils of one deployment, looked up by id or by careline number."""

    def __init__(self, councils: list[Council], source: Path | None = None) -> None:
        if not councils:
            raise ConfigurationError(f"{source or 'councils'}: no councils defined")
        self._by_id: dict[str, Council] = {}
        for council in councils:
            if council.id in self._by_id:
                raise ConfigurationError(f"{source}: council {council.id!r}: duplicate id")
            self._by_id[council.id] = council
        self.source = source

    @classmethod
    def from_yaml(cls, path: Path) -> CouncilRegistry:
        """Load and validate ``path``. Errors name the file, the council and the field."""
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigurationError(f"{path}: cannot read councils file: {exc}") from exc
        except yaml.YAMLError as exc:
            raise ConfigurationError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("councils"), list):
            raise ConfigurationError(f"{path}: expected a mapping with a 'councils' list")
        councils = []
        for index, entry in enumerate(raw["councils"]):
            name = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
            try:
                councils.append(Council.model_validate(entry))
            except ValidationError as exc:
                problems = "; ".join(
                    f"field {'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in exc.errors()
                )
                raise ConfigurationError(f"{path}: council {name!r}: {problems}") from exc
        return cls(councils, source=path)

    def get(self, council_id: str) -> Council:
        """The council with this id, or :class:`UnknownCouncilError`."""
        try:
            return self._by_id[council_id]
        except KeyError:
            raise UnknownCouncilError(council_id) from None

    def by_phone_number(self, number: str) -> Council | None:
        """The council whose careline number was called (E.164 match), if any."""
        wanted = number.replace(" ", "")
        for council in self._by_id.values():
            if any(n.replace(" ", "") == wanted for n in council.phones.careline):
                return council
        return None

    @property
    def default(self) -> Council:
        """The first council in the file; used when a request names none."""
        return next(iter(self._by_id.values()))

    def __iter__(self) -> Iterator[Council]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self) -> list[str]:
        """Every council id, in file order."""
        return list(self._by_id)
