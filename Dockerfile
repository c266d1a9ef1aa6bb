# Front Door API image (also runs the Chroma server and one-shot jobs in docker-compose.yml).
# Models ship inside Python packages (all-MiniLM-L6-v2, spaCy en_core_web_sm): nothing is downloaded at run time.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    ANONYMIZED_TELEMETRY=False \
    FRONTDOOR_DATA_DIR=/data

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 frontdoor \
 && mkdir -p /data && chown frontdoor /data

WORKDIR /app
# Dependencies first, so editing code does not reinstall torch.
COPY pyproject.toml requirements.loc[k] README.m[d] ./
RUN mkdir -p frontdoor && touch frontdoor/__init__.py \
 && if [ -f requirements.lock ]; then pip install -c requirements.lock . ; else pip install . ; fi \
 && pip uninstall -y frontdoor
COPY . .
RUN if [ -f requirements.lock ]; then pip install --no-deps -c requirements.lock . ; else pip install --no-deps . ; fi

USER frontdoor
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD curl -fsS http://127.0.0.1:8000/readyz || exit 1
CMD ["frontdoor", "serve", "--host", "0.0.0.0", "--port", "8000"]
