"""Which web origins may embed the widget and call the resident API: each council's ``allowed_origins``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from councils import Council

__all__ = ["AllowedOrigins", "normalise_origin"]


def normalise_origin(value: str) -> str | None:
    """``scheme://host[:port]`` in lower case, dropping default ports; None if ``value`` is not an origin."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default = 443 if parts.scheme == "https" else 80
    host = parts.hostname.lower()
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


@dataclass(frozen=True, slots=True)
class AllowedOrigins:
    """Allowed origins per council, and their union (for requests that name no council, e.g. a preflight)."""

    by_council: dict[str, frozenset[str]]

    @classmethod
    def from_councils(cls, councils: Iterable[Council]) -> AllowedOrigins:
        """Normalise every council's list; entries that are not origins are ignored."""
        table: dict[str, frozenset[str]] = {}
        for council in councils:
            origins = (normalise_origin(o) for o in council.allowed_origins)
            table[council.id] = frozenset(o for o in origins if o)
        return cls(table)

    @property
    def all(self) -> frozenset[str]:
        """Every origin any council allows."""
        return frozenset().union(*self.by_council.values()) if self.by_council else frozenset()

    def allows(self, origin: str | None, council_id: str | None = None) -> bool:
        """Whether ``origin`` is allowed for ``council_id`` (or for any council when None)."""
        wanted = normalise_origin(origin) if origin else None
        if wanted is None:
            return False
        pool = self.by_council.get(council_id, frozenset()) if council_id else self.all
        return wanted in pool

    def frame_ancestors(self, council_id: str | None = None) -> str:
        """The CSP ``frame-ancestors`` source list: 'self' plus the allowed origins, sorted."""
        pool = self.by_council.get(council_id, frozenset()) if council_id else self.all
        return " ".join(["'self'", *sorted(pool)])
