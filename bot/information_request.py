"""Whether a message asks for information anywhere in it, not only at its start.

Residents put the question last, after their circumstances, and often without a question mark: "my dad
cant swallow properly since his stroke do they do soft food", "the care home have applied for a dols for
her what is that". The safeguarding step uses this to decide whether an uncertain safeguarding flag (the
learned layer alone) may be answered from the pages as well as handed to a person
(``bot/steps/safeguarding_step.py``). A message counts when any of these holds:

* it has a question mark;
* a question word starts a direct question: "who do i ring", "what is that", "how long does it last",
  "how much", "who pays", "where can i" (not "what help she needs" or "when she gets home", which are
  parts of a statement);
* an auxiliary or modal verb comes before its subject, "do they do", "can she get", "is there", "will they
  say", "does it stop", "cant you lot", unless the word before it is itself a subject ("she can she",
  "it is there") or another verb ("can do it");
* it says so: "i was wondering", "i want to know", "can you tell me", "do you know".

Reading a statement as a question costs little where it is used: the person is handed to an advisor
either way, and an answer is added only when retrieval is confident.
"""

from __future__ import annotations

import re

__all__ = ["asks_for_information"]

_WH_QUESTION = re.compile(
    r"\b(?:who|what|where|when|which|how|why)(?:'s|s)?\s+"
    r"(?:do|does|did|can|could|should|would|will|is|are|was|were|am|has|have|happens|happened|"
    r"much|many|long|often|soon|far|old|to|about|else|kind|sort|type|exactly)\b"
    r"|\bwho\s+(?:pays|decides|arranges|sorts|helps|comes|checks|gets|looks|deals|runs|funds|provides)\b"
    r"|\b(?:whats|what's|hows|how's|wheres|where's|whos|who's)\b",
    re.IGNORECASE,
)
_AUXILIARY = (
    r"do|does|did|can|could|will|would|is|are|should|shall|may|might|have|has|was|were|am|"
    r"cant|can't|cannot|wont|won't|dont|don't|doesnt|doesn't|isnt|isn't|arent|aren't|"
    r"couldnt|couldn't|wouldnt|wouldn't|shouldnt|shouldn't"
)
_INVERTED = re.compile(
    rf"(?:^|(?<=\W))(?P<aux>{_AUXILIARY})\s+"
    r"(?:i|we|you|u|they|she|he|it|there|that|this|someone|somebody|anyone|anybody|my|me|her|his|our|"
    r"the\s+council|you\s+lot|yous)\b",
    re.IGNORECASE,
)
# A word before the verb that makes it a statement: a subject ("she can she"), or another verb ("can do it").
_SUBJECT_WORDS = (
    "i", "you", "u", "he", "she", "it", "we", "they", "there", "that", "this", "which", "who", "what",
    "someone", "somebody", "anyone", "anybody", "nobody",
)
# "may" is left out: "she turns 18 in may does it stop" is a question after the month.
_NOT_INVERTED = (
    frozenset(_SUBJECT_WORDS) | frozenset(_AUXILIARY.split("|")) | {"to", "not", "never", "just"}
) - {"may"}
_SAYS_SO = re.compile(
    r"\b(?:i\s+(?:was|am|'m|m)\s+wondering|wondering\s+(?:if|whether|about|how|what|who)|"
    r"i\s+(?:want|wanted|need|needed|would\s+like|'d\s+like|d\s+like)\s+to\s+(?:know|find\s+out|ask)|"
    r"(?:can|could)\s+(?:you|u)\s+(?:tell|let|help|explain|advise)|do\s+(?:you|u)\s+know|"
    r"any\s+(?:advice|info|information|ideas)|tell\s+me\s+(?:about|how|what|who|where|if))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z']+")


def asks_for_information(text: str) -> bool:
    """True when ``text`` asks something anywhere in it (see the module docstring for the forms)."""
    if "?" in text or _WH_QUESTION.search(text) or _SAYS_SO.search(text):
        return True
    lowered = text.lower()
    for match in _INVERTED.finditer(lowered):
        before = _WORD.findall(lowered[: match.start()])
        if not before or before[-1] not in _NOT_INVERTED:
            return True
    return False
