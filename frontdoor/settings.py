"""Typed settings for one Front Door deployment.

Built once by :func:`frontdoor.app.create_app` (or the CLI) and passed to whatever needs it; nothing else
reads the environment. Every variable carries the ``FRONTDOOR_`` prefix, e.g. ``FRONTDOOR_DATA_DIR``.
Council-specific data (names, numbers, hours, handoff targets) lives in the councils YAML, not here.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Environment", "Settings", "default_councils_file"]


def default_councils_file() -> Path:
    """The bundled sample councils file (two fictional councils)."""
    return Path(str(resources.files("frontdoor") / "sample" / "councils.yaml"))


def _default_data_dir() -> Path:
    return Path.cwd() / "data"


class Environment(StrEnum):
    """Where the service runs. Production refuses placeholder secrets."""

    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every knob of a deployment. See the configuration table in README.md."""

    model_config = SettingsConfigDict(env_prefix="FRONTDOOR_", env_file=None, extra="ignore")

    environment: Environment = Field(
        default=Environment.DEVELOPMENT, description="development, test or production (refuses placeholder secrets)"
    )
    councils_file: Path = Field(default_factory=default_councils_file, description="Councils YAML (validated)")
    data_dir: Path = Field(default_factory=_default_data_dir, description="Embedded Chroma and SQLite live here")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default SQLite at DATA_DIR/frontdoor.db"
    )
    chroma_url: str | None = Field(
        default=None, description="http(s)://host:port of a Chroma server; default embedded under DATA_DIR"
    )
    workers: int = Field(default=1, ge=1, description="uvicorn workers; >1 requires CHROMA_URL")
    public_base_url: str = Field(
        default="http://127.0.0.1:8000", description="Public URL (Twilio signatures, cookies' Secure flag)"
    )

    # Models (offline). None means "the packaged model".
    embedding_model_path: Path | None = Field(default=None, description="Model folder; default: packaged MiniLM")
    spacy_model_path: Path | None = Field(default=None, description="spaCy model folder; default: packaged")
    embedder_backend: Literal["onnx", "onnx-int8", "torch"] = Field(
        default="onnx", description="onnx (exported once to DATA_DIR/models), onnx-int8 or torch; change re-embeds"
    )
    blas_threads: int = Field(
        default=1, ge=1, le=64,
        description="Threads per BLAS call (numpy/OpenBLAS); requests already run in parallel, so 1 (see cpu_threads)",
    )

    # Retrieval and answering.
    retrieval_top_k: int = Field(default=5, ge=1, le=20, description="Passages handed to the composer")
    candidate_k: int = Field(default=20, ge=1, le=100, description="Candidates from each of dense and BM25")
    answer_threshold: float | None = Field(
        default=None, ge=0.0, le=1.0, description="min confidence to answer; default: the calibrated threshold"
    )
    max_message_chars: int = Field(default=2000, ge=1, description="Longest message accepted")
    review_after_months: int = Field(default=12, ge=1, description="Pages older than this are flagged")

    # Redaction and the vault.
    vault_key: SecretStr | None = Field(default=None, description="Fernet key for the originals vault")
    retention_days: int = Field(default=30, ge=1, description="Vault originals kept this long (frontdoor purge)")
    redaction_score_threshold: float = Field(default=0.5, ge=0.0, le=1.0, description="Presidio score to redact")

    # Advisor console.
    session_secret: SecretStr = Field(
        default=SecretStr("dev-only-insecure-session-secret"), description="Signs console sessions/CSRF"
    )
    session_minutes: int = Field(default=480, ge=1, description="Advisor session lifetime")
    handoff_claim_timeout_minutes: int = Field(
        default=10, ge=1, description="Unclaimed this long: callback + out-of-hours numbers"
    )

    # Web widget and public API protection (web_widget/).
    quick_exit_url: str = Field(default="https://www.bbc.co.uk/weather", description="Where Quick exit goes")
    api_rate_limit_per_minute: int = Field(default=20, ge=1, description="Resident API posts per client per minute")
    api_rate_limit_burst: int = Field(default=8, ge=1, description="Posts a client may send at once")
    trust_forwarded_for: bool = Field(default=False, description="Key rate limits on X-Forwarded-For (behind a proxy)")

    # Telephony.
    twilio_auth_token: SecretStr | None = Field(default=None, description="Validates X-Twilio-Signature")
    twilio_account_sid: str | None = Field(default=None, description="For texting page links (with consent)")

    # Generated answers (bot/llm). Off by default; every sentence is verified against cited passages.
    llm_provider: Literal["none", "openai", "azure", "ollama"] = "none"
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible /v1 URL, Azure endpoint or Ollama URL"
    )
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_seconds: float = Field(default=8.0, gt=0)
    llm_easy_read: bool = False
    llm_azure_api_version: str = "2024-10-21"
    llm_azure_deployment: str | None = None

    log_level: str = Field(default="INFO", description="Python log level")
    log_format: Literal["text", "json"] = Field(default="text", description="json: one JSON object per line")
    prometheus_multiproc_dir: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("PROMETHEUS_MULTIPROC_DIR", "prometheus_multiproc_dir"),
        description="Set by `frontdoor serve` with several workers so /metrics sums every worker",
    )

    # Operations (issue 9): channel switches route a channel straight to people; shared state across workers.
    chat_bot_enabled: bool = Field(default=True, description="False: web chat goes straight to a person")
    phone_bot_enabled: bool = Field(default=True, description="False: calls go straight to a person")
    redis_url: str | None = Field(default=None, description="redis://host:port/db for shared rate limits/sessions")

    # Safeguarding (issue 4): see bot/steps/safeguarding_step.py.
    safeguarding_answer_alongside: bool = Field(
        default=True,
        description="False: a question only the learned layer flags gets the safeguarding handoff and no answer",
    )

    @model_validator(mode="after")
    def _check_production(self) -> Settings:
        if self.environment is Environment.PRODUCTION:
            if self.vault_key is None:
                raise ValueError("FRONTDOOR_VAULT_KEY is required in production")
            if self.session_secret.get_secret_value().startswith("dev-only"):
                raise ValueError("FRONTDOOR_SESSION_SECRET must be set in production")
        if self.workers > 1 and not self.chroma_url:
            raise ValueError(
                "FRONTDOOR_WORKERS > 1 requires FRONTDOOR_CHROMA_URL: embedded Chroma is not safe across processes"
            )
        return self

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL, defaulting to SQLite under the data dir."""
        return self.database_url or f"sqlite:///{self.data_dir / 'frontdoor.db'}"

    @property
    def chroma_dir(self) -> Path:
        """Where embedded Chroma persists."""
        return self.data_dir / "chroma"

    @property
    def model_cache_dir(self) -> Path:
        """Where models exported at first start (ONNX) are kept."""
        return self.data_dir / "models"
