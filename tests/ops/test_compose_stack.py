"""docker-compose.yml: secrets required, health checks, and settings that really select the servers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from frontdoor.settings import Environment, Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
SECRETS = ("POSTGRES_PASSWORD", "FRONTDOOR_VAULT_KEY", "FRONTDOOR_SESSION_SECRET")
FERNET = "7gWPhH5DPxk3r6ZgFn0LJv1Vf5h7p2QYnJ8qgKxC1nE="


def _substitute(text: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?message}, failing like compose on a missing secret."""

    def one(m: re.Match[str]) -> str:
        name, op, arg = m.group(1), m.group(2), m.group(3) or ""
        if env.get(name):
            return env[name]
        if op == ":?":
            raise ValueError(f"required variable {name} is missing a value: {arg}")
        return arg if op == ":-" else ""

    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]  # as compose does
    return re.sub(r"\$\{([A-Z_][A-Z0-9_]*)(?:(:[-?])([^}]*))?\}", one, "\n".join(lines))


def _stack(env: dict[str, str]) -> dict[str, Any]:
    return yaml.safe_load(_substitute(COMPOSE, env))


@pytest.mark.parametrize("missing", SECRETS)
def test_when_a_secret_is_unset_then_compose_refuses_to_start(missing: str) -> None:
    env = {name: "x" for name in SECRETS if name != missing}

    with pytest.raises(ValueError, match=missing):
        _stack(env)


def test_when_secrets_set_then_every_long_running_service_has_a_health_check() -> None:
    services = _stack(dict.fromkeys(SECRETS, "x"))["services"]

    assert {"api", "chroma", "postgres", "redis", "migrate", "ingest"} <= set(services)
    for name in ("api", "chroma", "postgres", "redis"):
        assert services[name]["healthcheck"]["test"], name
    assert services["api"]["depends_on"]["ingest"]["condition"] == "service_completed_successfully"
    assert services["ingest"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_when_api_environment_loaded_then_settings_select_postgres_and_chroma_server(tmp_path: Path) -> None:
    env = {"POSTGRES_PASSWORD": "pw", "FRONTDOOR_VAULT_KEY": FERNET, "FRONTDOOR_SESSION_SECRET": "s" * 40}
    api_env = _stack(env)["services"]["api"]["environment"]
    fields = {k.removeprefix("FRONTDOOR_").lower(): v for k, v in api_env.items() if v != ""}

    settings = Settings(**{**fields, "data_dir": tmp_path})

    assert settings.environment is Environment.PRODUCTION
    assert settings.workers == 2
    assert settings.sqlalchemy_url.startswith("postgresql+psycopg://frontdoor:pw@postgres:5432/")
    assert settings.chroma_url == "http://chroma:8000"
    assert settings.redis_url and settings.log_format == "json"


def test_when_several_workers_without_chroma_server_then_settings_refuse(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="CHROMA_URL"):
        Settings(data_dir=tmp_path, workers=2)
