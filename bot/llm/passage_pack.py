"""The numbered passages a model may use, with every link swapped for a token it cannot alter.

The model sees ``[LINK_1]`` where the page said ``https://www.ashbyvale.gov.uk/...``; only tokens we
issued are turned back into addresses, so a model cannot invent a URL that survives into a reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge_base.base import Chunk, RetrievalResult

__all__ = ["LINK_TOKEN", "Passage", "PassagePack"]

LINK_TOKEN = re.compile(r"\[LINK_(\d+)\]")
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\]]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\""


@dataclass(frozen=True, slots=True)
class Passage:
    """One passage as the model sees it: its number, its chunk, and its text with links tokenised."""

    n: int
    chunk: Chunk
    text: str
    page_token: str


@dataclass(frozen=True, slots=True)
class PassagePack:
    """Numbered passages (1-based) and the link tokens issued for them."""

    passages: tuple[Passage, ...]
    links: dict[str, str]
    """Token (``[LINK_3]``) to the address it stands for."""

    @classmethod
    def from_retrieval(cls, retrieval: RetrievalResult, max_passages: int) -> PassagePack:
        """Number the best ``max_passages`` chunks and tokenise their links."""
        links: dict[str, str] = {}
        by_url: dict[str, str] = {}

        def token_for(url: str) -> str:
            if url not in by_url:
                by_url[url] = f"[LINK_{len(by_url) + 1}]"
                links[by_url[url]] = url
            return by_url[url]

        def swap(match: re.Match[str]) -> str:
            raw = match.group(0)
            url = raw.rstrip(_TRAILING)
            return token_for(url) + raw[len(url) :]

        passages = []
        for n, rc in enumerate(retrieval.chunks[:max_passages], start=1):
            page = token_for(rc.chunk.url)
            text = _MARKDOWN_LINK.sub(lambda m: f"{m.group(1)} {token_for(m.group(2))}", rc.chunk.text)
            text = _URL.sub(swap, text)
            passages.append(Passage(n=n, chunk=rc.chunk, text=text, page_token=page))
        return cls(passages=tuple(passages), links=links)

    def get(self, n: int) -> Passage | None:
        """Passage number ``n``, or None if there is no such passage."""
        return self.passages[n - 1] if 1 <= n <= len(self.passages) else None

    def restore_links(self, text: str) -> str:
        """Replace issued tokens with their addresses and drop any token we never issued."""
        return LINK_TOKEN.sub(lambda m: self.links.get(m.group(0), ""), text)

    def render(self) -> str:
        """The passages block of the prompt."""
        return "\n\n".join(
            f"[{p.n}] {p.chunk.title} — {p.chunk.section} (page: {p.page_token})\n{p.text}"
            for p in self.passages
        )
