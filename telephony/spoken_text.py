"""Turns a chat answer into short sentences for the ear. Pure: text and citations in, sentences out.

* No URL is read aloud: a cited page becomes "the council's page on <title>", any other link "a web
  page"; a Markdown link keeps only its words.
* Bracket citations ([1], [1, 2]) and Markdown marks (**, #, bullets, table pipes) are dropped.
* Money is said in words and phone numbers digit by digit in groups (:mod:`telephony.spoken_numbers`).
* Abbreviations a voice stumbles on are said in full; long sentences are cut at semicolons.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.base import Citation
from telephony.spoken_numbers import speak_phone_numbers_and_money

__all__ = ["MAX_SPOKEN_SENTENCES", "sentences_for_the_ear", "text_for_the_ear"]

MAX_SPOKEN_SENTENCES = 8
"""A caller cannot scroll back: longer answers are cut and the full pages offered by text message."""

_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_CITATION = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+", re.MULTILINE)
_HEADING = re.compile(r"^\s*#+\s*", re.MULTILINE)
_EMPHASIS = re.compile(r"\*\*|__|`")
_SPOKEN_ABBREVIATIONS = (
    (re.compile(r"\be\.g\.", re.IGNORECASE), "for example"),
    (re.compile(r"\bi\.e\.", re.IGNORECASE), "that is"),
    (re.compile(r"\betc\.", re.IGNORECASE), "and so on"),
    (re.compile(r"\bapprox\.", re.IGNORECASE), "about"),
    (re.compile(r"\bNo\.\s?(?=\d)"), "number "),
    (re.compile(r"&"), " and "),
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(•-])")
_LONG_SENTENCE_WORDS = 30


def text_for_the_ear(text: str, citations: Sequence[Citation] = ()) -> str:
    """The answer rewritten for speech, as one string (sentences joined by spaces)."""
    return " ".join(sentences_for_the_ear(text, citations))


def sentences_for_the_ear(
    text: str, citations: Sequence[Citation] = (), max_sentences: int = MAX_SPOKEN_SENTENCES
) -> tuple[str, ...]:
    """Short spoken sentences of ``text``; at most ``max_sentences``."""
    titles = {_strip_slash(c.url): c.title for c in citations if c.url}
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _URL.sub(lambda m: _page_name(m.group(0), titles), text)
    text = _EMAIL.sub(lambda m: f"{m.group(1)} at {m.group(2).replace('.', ' dot ')}", text)
    text = _CITATION.sub("", text)
    text = _HEADING.sub("", text)
    text = _BULLET.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("|", ", ")
    for pattern, words in _SPOKEN_ABBREVIATIONS:
        text = pattern.sub(words, text)
    text = speak_phone_numbers_and_money(text)
    sentences: list[str] = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(line):
            sentences.extend(_short(sentence))
    return tuple(sentences[:max_sentences])


def _page_name(url: str, titles: dict[str, str]) -> str:
    title = titles.get(_strip_slash(url if "://" in url else f"https://{url}"))
    return f"the council's page on {title}" if title else "a web page"


def _strip_slash(url: str) -> str:
    return url.rstrip("/").lower()


def _short(sentence: str) -> list[str]:
    sentence = " ".join(sentence.replace(" ,", ",").split()).strip(" ,;:").lstrip("-*• ")
    if not sentence or not re.search(r"[A-Za-z0-9]", sentence):
        return []
    parts = [sentence]
    if len(sentence.split()) > _LONG_SENTENCE_WORDS and ";" in sentence:
        parts = [p.strip(" ,") for p in sentence.split(";") if p.strip(" ,")]
    return [_capitalised(p if p[-1] in ".!?" else p + ".") for p in parts]


def _capitalised(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]
