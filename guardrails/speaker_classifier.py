"""Decides whether a disclosure is about the person writing (self) or about someone else (other)."""

from __future__ import annotations

import re

from guardrails.base import Speaker

__all__ = ["SpeakerClassifier"]

_RELATIONS = (
    r"mum|mom|mam|mother|mummy|dad|father|daddy|nan|nana|nanna|nanny|gran|granny|grandma|grandmother|"
    r"grandad|granddad|grandpa|grandfather|husband|hubby|wife|partner|boyfriend|girlfriend|fiance|fiancee|"
    r"son|daughter|brother|sister|uncle|aunt|auntie|aunty|niece|nephew|cousin|stepdad|stepmum|neighbour|"
    r"neighbor|friend|client|resident|residents|tenant|relative|grandson|granddaughter|patient|patients|"
    r"lady|man|woman|gentleman|child|kids|people|person|adult|adults|service users?|colleague|lodger|flatmate"
)
# Words that make the writer the adult at risk: object/reflexive first person, or "my" + a possession.
_SELF_VICTIM = re.compile(
    r"\b(?:me|myself|my self|us|mine)\b|\bmy\s(?!(?:\w+\s)?(?:" + _RELATIONS + r")\b)\w+"
)
_SELF_SUBJECT = re.compile(r"\b(?:i|i am|we)\b")
_OTHER = re.compile(
    r"\b(?:he|she|him|her|herself|himself|they|them|themselves|their|his|hers|ph_[a-z_]+_\d+|someone|somebody)\b"
    r"|\b(?:my|his|her|their|our|the|a|an)\s(?:\w+\s){0,2}(?:" + _RELATIONS + r")\b"
)
_SENTENCE = re.compile(r"[^.]+")
# "my husband is violent": an abusive partner named by the writer makes the writer the one at risk.
_MY_PARTNER = re.compile(
    r"^my\s(?:ex\s)?(?:husband|hubby|wife|partner|boyfriend|girlfriend|bf|gf|fiance|fiancee|ex|other half)"
    r"\b\s?"
)
# Subject pronouns of someone acting on the writer ("he hits me") do not make it about someone else.
_REPORTER = re.compile(
    r"\b(?:i am worried|i think|i am concerned|i noticed|i have noticed|i saw|i heard|i visit)\b"
)


class SpeakerClassifier:
    """Heuristic, explainable speaker detection over normalised text (see TextNormaliser)."""

    def classify(self, text: str, start: int | None = None, end: int | None = None) -> Speaker:
        """Who is at risk in the match ``text[start:end]``; without a span, in the whole text."""
        if start is not None and end is not None:
            span = text[start:end]
            if _SELF_VICTIM.search(span):
                return Speaker.SELF
            partner = _MY_PARTNER.match(span)
            if partner and not _OTHER.search(span[partner.end() :]):
                return Speaker.SELF
            if _OTHER.search(span):
                return Speaker.OTHER
            return self._clause(self._sentence_around(text, start, end))
        return self._clause(text)

    @staticmethod
    def _sentence_around(text: str, start: int, end: int) -> str:
        for m in _SENTENCE.finditer(text):
            if m.start() <= start < m.end() or m.start() < end <= m.end():
                return m.group(0)
        return text

    @staticmethod
    def _clause(text: str) -> Speaker:
        other = _OTHER.search(text) is not None
        if re.search(r"\b(?:me|myself|my self)\b", text) and not _REPORTER.search(text):
            return Speaker.SELF
        if other:
            return Speaker.OTHER
        if _SELF_SUBJECT.search(text) or _SELF_VICTIM.search(text):
            return Speaker.SELF
        return Speaker.UNKNOWN
