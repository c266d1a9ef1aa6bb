"""The resident's web chat widget: the embeddable script, its per-council config, a demo council page, and
the protections of the public API (CSP and security headers, council-scoped CORS, per-client rate limits).

Embed with ``<script src="https://HOST/widget.js" data-council="ID" defer></script>``.
"""

from web_widget.installer import install_web_widget

__all__ = ["install_web_widget"]
