"""Finds sentences that state a care or funding decision, which only a person may make.

The rule (documented for reviewers):

* **Always a decision** (``decision``): "you are eligible", "you qualify", "you are entitled", "you have been
  approved", "your application has been approved", "we/the council will pay", "you will not have to pay".
* **A decision only with a decision object** (``promise``): "you will get / receive / be given / be
  awarded" followed within five words by money or a service (payment, budget, funding, grant, care, support,
  carers, hours, a Blue Badge, equipment, a place, respite, an allowance, a refund...). "You will get a
  letter / a call / a copy of your support plan / an assessment / a decision" is procedure, not a
  decision, and passes (the object starts with a procedural noun).
* **General statements pass**: a phrase preceded in the same sentence by a condition ("if", "whether",
  "when", "once", "unless", "provided", "as long as", "depending", "to check", "to find out", "to see") is
  how council pages describe the rules ("If you are eligible, we will pay..."), not a decision about this
  person.

This keeps the extractive composer's quotations of council pages ("you will get a letter explaining...")
while stopping any reply, quoted or generated, that tells a resident what they will get.
"""

from __future__ import annotations

import re

__all__ = ["CareDecisionCheck"]

_DECISION = re.compile(
    r"\b(?:you\s(?:are|re|'re)\s(?:definitely\s|certainly\s)?(?:eligible|entitled)|you\s(?:definitely\s)?qualify|"
    r"you(?:\s|')(?:have|ve)\sbeen\s(?:approved|accepted|awarded)|your\s(?:application|request|claim)\s(?:has\sbeen|is)\s"
    r"(?:approved|accepted|successful)|(?:we|the council)\s(?:will|'ll|shall)\s(?:pay|fund|cover)|"
    r"we'll\s(?:pay|fund|cover)|"
    r"you\s(?:will\snot|won't|do\snot|don't)\s(?:have|need)\sto\spay)",
    re.I,
)
_PROMISE = re.compile(
    r"\byou(?:\swill|'ll)\s(?:definitely\s|certainly\s|also\s)?(?:get|receive|be\sgiven|be\sawarded|be\soffered|be\sallocated)"
    r"\s(?P<object>(?:[\w£'-]+\s){0,5}?(?:£|\d+\s(?:hours|visits)|money|payments?|direct\spayments?|personal\sbudget|budget|"
    r"funding|funded|grant|care|carers?|support|package|hours|visits|blue\sbadge|badge|equipment|adaptations?|place|"
    r"respite|allowance|benefits?|refund|discount|reduction|free|help\swith))",
    re.I,
)
_CONDITION = re.compile(
    r"\b(?:if|whether|when|once|unless|provided|as\slong\sas|depending|to\scheck|to\sfind\sout|to\ssee|"
    r"may|might|could)\b",
    re.I,
)
_PROCEDURE = re.compile(
    r"(?:(?:a|an|the|your|our|some|more)\s)?(?:\w+\s)?(?:letter|copy|call|phone\scall|email|text|visit|reply|response|"
    r"decision|assessment|reference|receipt|invitation|form|appointment|leaflet|information|details|summary|"
    r"confirmation|update|questionnaire|chance|opportunity|choice)\b",
    re.I,
)
_SENTENCES = re.compile(r"[^.!?\n]+")


class CareDecisionCheck:
    """Flags stated care decisions; see the module docstring for the exact rule."""

    def rules(self, text: str) -> list[str]:
        """``output:care_decision`` (with the phrase kind) for each offending sentence."""
        found: list[str] = []
        for sentence in _SENTENCES.finditer(text):
            s = sentence.group(0)
            for kind, pattern in (("decision", _DECISION), ("promise", _PROMISE)):
                m = pattern.search(s)
                if kind == "promise" and m and _PROCEDURE.match(m.group("object")):
                    continue
                if m and not _CONDITION.search(s[: m.start()]):
                    found.append(f"output:care_decision:{kind}")
        return list(dict.fromkeys(found))
