"""E-mail addresses, validated against the bundled public-suffix snapshot with no network fetch."""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

__all__ = ["OfflineEmailRecognizer", "offline_tld_extractor"]


def offline_tld_extractor() -> tldextract.TLDExtract:
    """A TLD extractor that never touches the network or the disk.

    Presidio's own ``EmailRecognizer.validate_result`` calls the module-level ``tldextract.extract``, whose
    default instance fetches the public-suffix list over HTTP on first use and caches it under
    ``~/.cache``. We never call that: ``suffix_list_urls=()`` disables fetching, ``cache_dir=None``
    disables the cache, and ``fallback_to_snapshot=True`` uses the snapshot shipped inside the package.
    """
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail pattern, with the suffix check done by an injected offline extractor.

    This is the adapter boundary for tldextract: the analyzer registry holds this class, never
    Presidio's ``EmailRecognizer``, so no code path can reach the networked default extractor.
    """

    def __init__(self, extractor: tldextract.TLDExtract) -> None:
        self._extractor = extractor
        super().__init__()

    def validate_result(self, pattern_text: str) -> bool:
        """True when the domain ends in a known public suffix (e.g. ``.co.uk``, ``.com``)."""
        return self._extractor(pattern_text).fqdn != ""
