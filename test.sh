#!/usr/bin/env bash
# Runs every test: installs and starts what the tests need, runs `dotnet test Citations.sln` (arguments are passed
# on), and stops what it started. The README's second set-up command; `.ci/run` calls exactly this.
#
# What it provides (each step is skipped when already there; installing needs root and apt-get):
#   jing                 RELAX NG validation of the embedded CSL files (Debian package jing)
#   Node + citeproc-js   the reference CSL processor the agreement tests compare with (Debian nodejs and npm when
#                        missing): `npm ci` of
#                        ../shared/tools/csl-reference into a cache folder, exported as NODE_PATH
#   Chromium             headless browser for the HTML report tests (Debian package chromium), exported as
#                        CITATIONS_CHROMIUM
#   PostgreSQL           a throw-away server (Debian package postgresql; build/postgres-test-server.sh: initdb into a
#                        temporary folder, run as the non-root user postgres, 127.0.0.1 only), its connection string
#                        exported as CITATIONS_TEST_POSTGRES, stopped and deleted when the tests end
# Overrides: CITATIONS_TEST_CACHE (default ~/.cache/citations-tests), CITATIONS_SHARED_CSL, CITATIONS_CSL_REFERENCE.
set -euo pipefail
cd "$(dirname "$0")"

cache="${CITATIONS_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/citations-tests}"
mkdir -p "$cache"
apt_updated=0

note() { echo "test.sh: $*" >&2; }

# Installs a Debian package when COMMAND is missing; says so (and lets the tests fail clearly) when it cannot.
need_package() {
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    note "$command is missing and cannot be installed here (needs root and apt-get: apt-get install $package)"
    return 0
  fi
  if [ "$apt_updated" = "0" ] && ! apt-get install -y -q "$package" >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    apt_updated=1
  fi
  command -v "$command" >/dev/null 2>&1 || apt-get install -y -q "$package" >/dev/null 2>&1 \
    || note "could not install $package"
}

# The citeproc-js harness's npm packages, installed once per lock file into the cache (../shared may be read-only).
setup_reference() {
  local tool="${CITATIONS_CSL_REFERENCE:-$PWD/../shared/tools/csl-reference}"
  [ -f "$tool/package-lock.json" ] || { note "no citeproc-js harness at $tool"; return 0; }
  command -v npm >/dev/null 2>&1 || { note "npm is missing: the agreement tests cannot run citeproc-js"; return 0; }
  local key
  key=$(sha1sum "$tool/package-lock.json" | cut -c1-12)
  local dir="$cache/csl-reference-$key"
  if [ ! -d "$dir/node_modules" ]; then
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    cp "$tool/package.json" "$tool/package-lock.json" "$dir.tmp/"
    if (cd "$dir.tmp" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
      rm -rf "$dir" && mv "$dir.tmp" "$dir"
    else
      note "npm ci failed for the citeproc-js harness"
      return 0
    fi
  fi
  export NODE_PATH="$dir/node_modules${NODE_PATH:+:$NODE_PATH}"
}

need_package jing jing
need_package chromium chromium
need_package node nodejs
need_package npm npm
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  need_package pg_ctlcluster postgresql
fi
command -v chromium >/dev/null 2>&1 && export CITATIONS_CHROMIUM="${CITATIONS_CHROMIUM:-$(command -v chromium)}"
setup_reference

# A PostgreSQL server for the history-store and shared-run tests, unless the caller gives one.
if [ -z "${CITATIONS_TEST_POSTGRES:-}" ]; then
  pg_parent=$(mktemp -d -t citations-pg.XXXXXX)
  chmod 755 "$pg_parent"
  trap 'build/postgres-test-server.sh stop "$pg_parent/server"; rm -rf "$pg_parent"' EXIT
  if connection=$(build/postgres-test-server.sh start "$pg_parent/server"); then
    export CITATIONS_TEST_POSTGRES="$connection"
  else
    note "could not start PostgreSQL: the tests that need it fail under CI=true"
  fi
fi

dotnet test Citations.sln "$@"
