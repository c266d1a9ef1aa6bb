"""People's names after a cue: "my name is grace okafor", "Mrs O'Brien", "my son Will", "this is hope".

spaCy's small model misses names in lower-case transcripts and names that are also words. After a cue
we read the following tokens with spaCy's tags, a first-name/surname gazetteer and an English
dictionary: a *strong* cue ("my name is", "called", a title, a relation such as "my mum") accepts any
name-like token; a *weak* cue ("I'm", "this is", "it's") accepts a first token only if it is a known
first name, a capitalised proper noun, or no English word at all ("this is kwabena"), so "I'm worried"
and "this is urgent" stay.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["NOT_NAMES", "RELATIONS", "NameCueRecognizer"]


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one string (easier to read and edit than a list literal)."""
    return tuple(text.split())


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """Cue phrases separated by ``|``, each as the spaCy tokens it is made of."""
    return tuple(tuple(phrase.split()) for phrase in text.split("|") if phrase.strip())


RELATIONS = _words(
    """
    mum mother mom dad father son daughter husband wife partner brother sister nan nana nanna gran
    granny grandma grandmother grandad granddad grandpa grandfather neighbour neighbor friend aunt
    auntie aunty uncle niece nephew cousin carer stepmother stepfather stepson stepdaughter fiance
    fiancee
    """
)
STRONG_CUES: tuple[tuple[str, ...], ...] = (
    *_phrases(
        """
        my name is | my name 's | name is | name 's | called | named | surname | first name | last name |
        full name | forename | mr | mrs | ms | miss | mx | dr | mr . | mrs . | ms . | dr .
        """
    ),
    *(("my", relation) for relation in RELATIONS),
    *(("my", relation, ",") for relation in RELATIONS),
)
WEAK_CUES: tuple[tuple[str, ...], ...] = (
    *_phrases(
        """
        i 'm | i m | im | i am | this is | it 's | its | it s | speak to | speaking to | ask for | carer for |
        caring for | contact : | contact | hi , | hello , | dear | spoke to | spoken to | talked to |
        talking to | spoke with | speak with
        """
    ),
    *(("my", relation, "is") for relation in RELATIONS),
    *(("my", relation, "'s") for relation in RELATIONS),
)
NOT_NAMES = (frozenset(STOP_WORDS) - {"will", "may"}) | frozenset(
    _words(
        """
    erm um er uh ah yeah yes no hi hello hiya okay ok sorry please thanks just calling
    ringing phoning speaking writing asking looking trying worried concerned fine good here there
    now again also still lives lived living keeps kept needs needed has had wants wanted went goes
    fell falls died passed moved gets got uses used cares struggles suffers receives pays paid sir
    madam dear carer social worker care home the council team doctor gp nurse because about really
    called named monday tuesday wednesday thursday friday saturday sunday january february march july
    september october november december
    """
    )
)
_CUES_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
for _cue, _strong in [*((c, True) for c in STRONG_CUES), *((c, False) for c in WEAK_CUES)]:
    _CUES_BY_FIRST_WORD.setdefault(_cue[0], []).append((_cue, _strong))
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit_away(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X", "INTJ"})


class NameCueRecognizer(EntityRecognizer):
    """Names after cue phrases, read with spaCy tokens; gazetteers come from the provider (lower case)."""

    STRONG_SCORE = 0.8
    TYPO_TARGET_LENGTH = 8
    FOLLOWERS = frozenset({"and", "speaking", "calling", "here", "from", "again", "ringing", "phoning", "i", "my"})
    WEAK_SCORE = 0.7
    MAX_TOKENS = 3

    def __init__(
        self, first_names: frozenset[str], surnames: frozenset[str], dictionary: frozenset[str] = frozenset()
    ) -> None:
        self._first_names = first_names
        self._surnames = surnames
        self._dictionary = dictionary
        super().__init__(supported_entities=["PERSON"], name="NameCueRecognizer", supported_language="en")

    def _unfamiliar(self, token: Any) -> bool:
        """Not an English word in any form ("oluwaseun", "kwabena"): after a cue, most likely a name."""
        word = token.text.lower()
        if not self._dictionary or len(word) < 3 or word in self._dictionary:
            return False
        if token.lemma_.lower() in self._dictionary:
            return False
        # One keystroke from a long English word is a typo ("strugling", "exausted"), not a name. Only long
        # targets count: the dictionary is full of rare short words one edit from names ("wabena", "tomas").
        return not any(len(near) >= self.TYPO_TARGET_LENGTH for near in self._dictionary & _one_edit_away(word))

    def load(self) -> None:
        """Nothing to load: gazetteers are passed in."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Names following strong or weak cues."""
        if nlp_artifacts is None or nlp_artifacts.tokens is None or "PERSON" not in entities:
            return []
        doc = list(nlp_artifacts.tokens)  # materialise once: spaCy builds a Token object per access
        words = [t.text.lower() for t in doc]
        results: list[RecognizerResult] = []
        for i, word in enumerate(words):
            for cue, strong in _CUES_BY_FIRST_WORD.get(word, ()):
                if tuple(words[i : i + len(cue)]) != cue:
                    continue
                span = self._name_after(doc, i + len(cue), strong)
                if span is not None:
                    score = self.STRONG_SCORE if strong else self.WEAK_SCORE
                    results.append(
                        RecognizerResult(
                            "PERSON",
                            span[0],
                            span[1],
                            score,
                            recognition_metadata={
                                RecognizerResult.RECOGNIZER_NAME_KEY: "NameCueRecognizer",
                                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                            },
                        )
                    )
        return results

    def _surname_follows(self, tokens: list[Any]) -> bool:
        """ "deepak sharma": an unknown first word is accepted when a known surname follows it."""
        if len(tokens) < 2:
            return False
        word = tokens[1].text.lower()
        return word in self._surnames and word not in NOT_NAMES

    def _ends_like_a_name(self, doc: list[Any], index: int) -> bool:
        """What follows an unfamiliar word fits a name ("this is kwabena speaking", "i'm chidi okeke and"),
        not a sentence going on ("i'm realy worried")."""
        if index + 1 >= len(doc):
            return True
        following = doc[index + 1]
        word = following.text.lower()
        return (
            following.is_punct
            or word in self.FOLLOWERS
            or word in self._surnames
            or self._unfamiliar(following)
            or following.text[:1].isupper()
        )

    def _name_after(self, doc: list[Any], first: int, strong: bool) -> tuple[int, int] | None:
        tokens = doc[first : first + self.MAX_TOKENS]
        taken = []
        for position, token in enumerate(tokens):
            word = token.text.lower()
            if not token.text.replace("'", "").replace("-", "").isalpha() or word in NOT_NAMES:
                break
            known = word in self._first_names or (position > 0 and word in self._surnames)
            capital = token.text[0].isupper()
            unfamiliar = self._unfamiliar(token)
            if position == 0 and not strong:
                vouched = known or (capital and token.pos_ == "PROPN") or self._surname_follows(tokens)
                if not vouched and not (unfamiliar and self._ends_like_a_name(doc, first)):
                    break
            if not (known or capital or unfamiliar or token.pos_ in _NAME_POS):
                break
            taken.append(token)
        if not taken:
            return None
        return taken[0].idx, taken[-1].idx + len(taken[-1].text)
