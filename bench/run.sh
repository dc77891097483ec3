#!/usr/bin/env bash
# Run every benchmark; arguments go to bench/run.py (e.g. --docs 100 --events 20000 for a quick try).
# On a fresh machine it first creates .venv (make install) and, unless --no-postgres is given,
# installs Debian's postgresql when its binaries are missing (the PostgreSQL figures start a server).
set -euo pipefail
cd "$(dirname "$0")/.."
make --quiet install
if [[ " $* " != *" --no-postgres "* ]] && ! command -v pg_ctl >/dev/null 2>&1 \
    && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "bench: installing postgresql (Debian) for the PostgreSQL figures" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
exec .venv/bin/python bench/run.py "$@"
