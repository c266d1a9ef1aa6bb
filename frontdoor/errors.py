"""The Front Door exception tree.

Every exception we raise on purpose derives from :class:`FrontDoorError`; foreign exceptions (Chroma,
Presidio, SQLAlchemy, Twilio, LangChain) are translated at the adapter boundary with ``raise ... from exc``.

::

    FrontDoorError
    ├── ConfigurationError (ValueError)        bad settings or council YAML; names file, council, field
    │   └── UnknownCouncilError (LookupError)  a request named a council we do not serve
    ├── KnowledgeBaseError
    │   ├── DocumentLoadError                  one file could not be read (reported and skipped)
    │   └── IndexError_                        the vector or BM25 index failed
    ├── RedactionError                         analysis failed: fail closed, no model call
    ├── GuardrailError                         a guardrail could not run: fail closed, offer a person
    ├── ComposerError                          the answer composer failed (LLM down, garbage output)
    ├── StoreError                             the SQL store failed
    │   ├── NotFoundError (LookupError)        no such conversation / handoff / user
    │   └── ConflictError                      a state change lost a race (e.g. a second claim)
    ├── InputError (ValueError)                a request the resident or caller must correct
    └── AuthenticationError                    console sign-in needed, failed, or account locked
        └── PermissionDeniedError              signed in, but the role may not do this
"""

from __future__ import annotations

__all__ = [
    "AuthenticationError",
    "ComposerError",
    "ConfigurationError",
    "ConflictError",
    "DocumentLoadError",
    "FrontDoorError",
    "GuardrailError",
    "IndexError_",
    "InputError",
    "KnowledgeBaseError",
    "NotFoundError",
    "PermissionDeniedError",
    "RedactionError",
    "StoreError",
    "UnknownCouncilError",
]


class FrontDoorError(Exception):
    """Base of every error Front Door raises on purpose."""


class ConfigurationError(FrontDoorError, ValueError):
    """Settings or council YAML are invalid. The message names the file, the council and the field."""


class UnknownCouncilError(ConfigurationError, LookupError):
    """A request or command named a council this deployment does not serve."""

    def __init__(self, council_id: str) -> None:
        super().__init__(f"unknown council {council_id!r}")
        self.council_id = council_id


class KnowledgeBaseError(FrontDoorError):
    """The knowledge base could not be loaded, indexed or searched."""


class DocumentLoadError(KnowledgeBaseError):
    """One source file could not be read; ingestion reports it by name and skips it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexError_(KnowledgeBaseError):
    """The vector store or the lexical index failed."""


class RedactionError(FrontDoorError):
    """Personal-data analysis failed. The text must go to no model: fail closed."""


class GuardrailError(FrontDoorError):
    """A guardrail could not run. Fail closed: offer a person."""


class ComposerError(FrontDoorError):
    """The answer composer failed; the caller falls back or offers a person."""


class StoreError(FrontDoorError):
    """The SQL store failed."""


class NotFoundError(StoreError, LookupError):
    """No such record (conversation, handoff, account)."""


class ConflictError(StoreError):
    """A state change lost a race, e.g. a handoff already claimed by someone else."""


class InputError(FrontDoorError, ValueError):
    """The request is invalid and the sender must correct it."""


class AuthenticationError(FrontDoorError):
    """The advisor console needs a (valid) sign-in; the message never says which credential was wrong."""


class PermissionDeniedError(AuthenticationError):
    """Signed in, but this role may not do this."""
