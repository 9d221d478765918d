#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests and benchmarks: initdb into a temporary folder, listen on 127.0.0.1
# only (no Unix socket outside that folder), trust authentication for loopback, stopped and deleted by `stop`.
#
#   build/postgres-test-server.sh start DIR   prints the connection string (Npgsql keywords) on standard output
#   build/postgres-test-server.sh stop DIR    stops the server and deletes DIR
#
# As root, the server runs as the non-root user `postgres` (initdb refuses root). The server binaries are Debian's
# (package postgresql; /usr/lib/postgresql/<major>/bin); test.sh installs the package when they are missing.
# Overrides: CITATIONS_PG_BIN (folder of initdb/pg_ctl), CITATIONS_PG_PORT (default: a free port).
set -euo pipefail

action=${1:-}; dir=${2:-}
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

find_bin() {
  if [ -n "${CITATIONS_PG_BIN:-}" ]; then echo "$CITATIONS_PG_BIN"; return; fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then echo "$candidate"; return; fi
  dirname "$(command -v initdb)"
}

# Runs a command as the server's user: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "$action" in
  start)
    bin=$(find_bin)
    [ -x "$bin/initdb" ] || { echo "postgres-test-server: initdb not found (apt-get install postgresql)" >&2; exit 1; }
    rm -rf "$dir" && mkdir -p "$dir"
    if [ "$(id -u)" = "0" ] && ! su postgres -s /bin/sh -c "test -x $(printf '%q' "$(dirname "$dir")")"; then
      echo "postgres-test-server: user postgres cannot enter $(dirname "$dir") (chmod 755 it)" >&2; exit 1
    fi
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    chmod 700 "$dir"
    port=${CITATIONS_PG_PORT:-$(free_port)}
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" > "$dir/port"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    bin=$(find_bin)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
