"""Front Door: a safe front-door assistant for UK councils' Adult Social Care.

This package is the composition root: settings, council configuration, the FastAPI app factory, the HTTP
API and the ``frontdoor`` command line. The conversation core lives in :mod:`bot`; backends live in
:mod:`knowledge_base`, :mod:`redaction`, :mod:`guardrails` and :mod:`storage`.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
