"""The output check: no reply may carry someone's personal data or state a care decision."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlparse

from councils.council import Council
from guardrails.base import GuardrailResult
from guardrails.care_decision_check import CareDecisionCheck
from guardrails.personal_data_scan import PersonalDataScan

__all__ = ["ReplyOutputGuard"]

_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?) ?\d[A-Z]{2}\b")


class ReplyOutputGuard:
    """Implements :class:`guardrails.base.OutputGuard` for one council.

    Allowed: the council's published numbers, the national lines (999, 111, 116 123, 18001), the council's
    email address and any address at its own domains, and the postcode of its published address. Anything
    else that looks like a phone, NHS or National Insurance number, email address or postcode blocks the
    reply, as does a stated care decision (:mod:`guardrails.care_decision_check`).
    """

    def __init__(self, scan: PersonalDataScan, decisions: CareDecisionCheck | None = None) -> None:
        self._scan = scan
        self._decisions = decisions or CareDecisionCheck()

    @classmethod
    def for_council(cls, council: Council, extra_numbers: Iterable[str] = ()) -> ReplyOutputGuard:
        """The guard for ``council``; ``extra_numbers`` are other published numbers its pages quote."""
        domains = {urlparse(str(council.website)).hostname or ""}
        if council.email:
            domains.add(council.email.rsplit("@", 1)[-1])
        domains |= {d[4:] for d in domains if d.startswith("www.")}
        postcodes = _POSTCODE.findall(council.address or "")
        scan = PersonalDataScan.build(
            [*council.published_numbers(), *extra_numbers],
            [council.email] if council.email else [],
            sorted(d for d in domains if d),
            postcodes,
        )
        return cls(scan)

    def check(self, text: str) -> GuardrailResult:
        """``allowed`` False with ``output:*`` rules when the reply must not be sent as it is."""
        rules = self._scan.rules(text) + self._decisions.rules(text)
        return GuardrailResult(allowed=not rules, rules=tuple(rules))
