#!/usr/bin/env bash
# A throwaway PostgreSQL server for Care's tests and benchmarks (issue 12), idempotent.
#
#   scripts/postgres.sh [start]   install Debian's postgresql when initdb is missing, create a cluster
#                                 (UTF-8, C.UTF-8) in $CARE_PG_DIR, start it on a free loopback port
#                                 with trust authentication (socket in the data folder), and write
#                                 $CARE_PG_DIR/env: `export CARE_TEST_POSTGRES='Host=127.0.0.1;Port=…;Username=postgres'`.
#                                 A second start reuses the running server and prints the same line.
#   scripts/postgres.sh stop      stops the server (the data folder stays; `clean` removes it).
#   scripts/postgres.sh clean     stops the server and removes $CARE_PG_DIR.
#   scripts/postgres.sh env       prints the env file's line (exit 1 when not started).
#
# CARE_PG_DIR defaults to /tmp/care-postgres-<worktree name>, so worktrees do not share a server.
# initdb and postgres refuse to run as root and there is no systemd on CI machines: as root the
# server runs as the `postgres` user through runuser. Use `source "$CARE_PG_DIR/env"` afterwards.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${CARE_PG_DIR:-/tmp/care-postgres-$(basename "$repo")}"
data="$dir/data"
env_file="$dir/env"
log="$dir/server.log"

find_bin() {
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    local candidate
    candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then
        echo "$candidate"
    fi
}

as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "postgres.sh: no free loopback port found" >&2
    exit 1
}

install_postgres() {
    if [[ "$(id -u)" != 0 ]]; then
        echo "postgres.sh: initdb not found and not root: install Debian's postgresql package" >&2
        exit 1
    fi
    echo "postgres.sh: installing Debian's postgresql (initdb not found)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2
}

start() {
    local bin
    bin="$(find_bin)"
    if [[ -z "$bin" ]]; then
        install_postgres
        bin="$(find_bin)"
        [[ -n "$bin" ]] || { echo "postgres.sh: postgresql installed but initdb still not found" >&2; exit 1; }
    fi
    mkdir -p "$dir"
    chmod 0755 "$dir"
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres: "$dir"
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
        rm -rf "$data"
        as_owner "$bin/initdb" -D "$data" --encoding=UTF8 --locale=C.UTF-8 --auth=trust --username=postgres >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; echo "postgres.sh: initdb failed (log above)" >&2; exit 1; }
    fi
    if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && [[ -f "$env_file" ]]; then
        cat "$env_file"
        return
    fi
    local port
    port="$(free_port)"
    # Loopback only, socket in the data folder (/var/run/postgresql may not exist), fsync on (the
    # benchmarks measure durable commits), enough connections for parallel test classes.
    as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c max_connections=200 -c shared_buffers=256MB" >/dev/null \
        || { tail -n 20 "$log" >&2; echo "postgres.sh: the server did not start (log above: $log)" >&2; exit 1; }
    echo "export CARE_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres'" >"$env_file"
    chmod 0644 "$env_file"
    cat "$env_file"
}

stop() {
    local bin
    bin="$(find_bin)"
    if [[ -n "$bin" && -f "$data/PG_VERSION" ]]; then
        as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -f "$env_file"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    clean) stop; rm -rf "$dir" ;;
    env) [[ -f "$env_file" ]] && cat "$env_file" || exit 1 ;;
    *) echo "usage: scripts/postgres.sh [start|stop|clean|env]" >&2; exit 2 ;;
esac
