#!/usr/bin/env bash
# A private PostgreSQL server for `npm run bench -- --statement-stats`:
# pg_stat_statements must be preloaded, which takes a server start of its
# own, so the bench gets one on a free port instead of restarting yours.
#
#   bench/scripts/statement-stats-server.sh start [port]   # default 5433; prints the --postgres URL
#   bench/scripts/statement-stats-server.sh stop [port]    # stops it and deletes its data
#
# Its settings are PostgreSQL's defaults (fsync and synchronous_commit on,
# 128 MB shared_buffers, autovacuum on) plus the extension; its data lives
# in ${TMPDIR:-/tmp}/taskloom-statement-stats-<port>.
set -euo pipefail

command=${1:-}
port=${2:-5433}
data="${TMPDIR:-/tmp}/taskloom-statement-stats-${port}"
bin=$(pg_config --bindir)

# initdb and the server refuse to run as root: as root, run them as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    if [ ! -d "$data" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres "$data"
      as_owner "$bin/initdb" -D "$data" -A trust -U postgres >/dev/null
      cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track_planning = on
CONF
    fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port"
    ;;
  stop)
    if [ -d "$data" ]; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
      rm -rf "$data"
    fi
    ;;
  *)
    echo "usage: $0 start|stop [port]" >&2
    exit 2
    ;;
esac
