#!/usr/bin/env bash
# Start the services the scaled test matrix needs, on loopback, and export their URLs for pytest.
#
#   source .ci/services.sh      # from .ci/run (it must be *sourced* so the exports reach pytest)
#
# Idempotent and quick: a service that already answers is left alone. Sets
#   FRONTDOOR_TEST_DATABASE_URL  postgresql+psycopg://postgres@127.0.0.1:5432/test
#   FRONTDOOR_TEST_REDIS_URL     redis://127.0.0.1:6379/15
#   FRONTDOOR_TEST_CHROMA_URL    http://127.0.0.1:<free port>   (a `chroma run` server on a temp dir)
# A service that cannot be started is reported and its variable left unset: locally its tests skip and the
# embedded defaults still run; with CI=true they fail (FRONTDOOR_TEST_REQUIRE_SERVICES=1).

_fd_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_fd_venv="${FRONTDOOR_VENV:-$_fd_root/.venv}"

_fd_port_open() {  # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

_fd_wait_port() {  # host port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    _fd_port_open "$1" "$2" && return 0
    sleep 0.1
  done
  return 1
}

_fd_start_postgres() {
  if ! _fd_port_open 127.0.0.1 5432; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
      echo "services: installing postgresql" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
        || { echo "services: cannot install postgresql" >&2; return 1; }
    fi
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    # Trust on loopback only: a throwaway CI database, never a deployment.
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
      sed -i -E 's/^(local|host)(\s+all\s+all\s+.*)\s(peer|md5|scram-sha-256)$/\1\2 trust/' "$hba"
      grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
      grep -q '^local all all trust' "$hba" || sed -i '1i local all all trust' "$hba"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    # The package's postinst may already have started it with the old pg_hba.conf.
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload >/dev/null 2>&1 || true
    _fd_wait_port 127.0.0.1 5432 30 || { echo "services: postgresql did not start" >&2; return 1; }
  fi
  if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" 2>/dev/null | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE test" >/dev/null 2>&1 \
      || su postgres -c "psql -qc 'CREATE DATABASE test'" >/dev/null 2>&1 \
      || { echo "services: cannot create database 'test'" >&2; return 1; }
  fi
  export FRONTDOOR_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:5432/test"
}

_fd_start_redis() {
  if ! _fd_port_open 127.0.0.1 6379; then
    if ! command -v redis-server >/dev/null 2>&1; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null 2>&1 \
        || { echo "services: cannot install redis-server" >&2; return 1; }
    fi
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    _fd_wait_port 127.0.0.1 6379 10 || { echo "services: redis did not start" >&2; return 1; }
  fi
  export FRONTDOOR_TEST_REDIS_URL="redis://127.0.0.1:6379/15"
}

_fd_start_chroma() {
  if [ -n "${FRONTDOOR_TEST_CHROMA_URL:-}" ] && _fd_port_open 127.0.0.1 "${FRONTDOOR_TEST_CHROMA_URL##*:}"; then
    return 0
  fi
  if [ ! -x "$_fd_venv/bin/chroma" ]; then
    # A fresh clone has no venv yet: build it now (`make test` would do the same a moment later).
    make -C "$_fd_root" install-dev >/dev/null || { echo "services: cannot build the venv" >&2; return 1; }
  fi
  local port dir
  port="$("$_fd_venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  dir="$(mktemp -d -t frontdoor-chroma.XXXXXX)"
  nohup "$_fd_venv/bin/chroma" run --path "$dir" --host 127.0.0.1 --port "$port" >"$dir.log" 2>&1 &
  FRONTDOOR_TEST_CHROMA_PID=$!
  export FRONTDOOR_TEST_CHROMA_PID
  _fd_wait_port 127.0.0.1 "$port" 60 || { echo "services: chroma did not start (see $dir.log)" >&2; return 1; }
  export FRONTDOOR_TEST_CHROMA_URL="http://127.0.0.1:$port"
}

# In CI the server variants must run, not skip: the test plugin fails instead when a URL is missing.
if [ "${CI:-}" = "true" ]; then
  export FRONTDOOR_TEST_REQUIRE_SERVICES=1
fi

_fd_start_postgres || true
_fd_start_redis || true
_fd_start_chroma || true
echo "services: database=${FRONTDOOR_TEST_DATABASE_URL:-none} chroma=${FRONTDOOR_TEST_CHROMA_URL:-none} redis=${FRONTDOOR_TEST_REDIS_URL:-none}" >&2
