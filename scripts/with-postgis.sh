#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 + PostGIS 3 cluster: installs the Debian package
# when missing (as root), starts a cluster owned by `postgres` on a free loopback port in a temp dir,
# exports TEST_DATABASE_URL, runs "$@", then stops and removes the cluster whatever happened.
# Usage: bash scripts/with-postgis.sh npx vitest run test/storage/postgis-store.test.ts
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "用法：bash scripts/with-postgis.sh <命令> [参数…]" >&2
  exit 2
fi

pg_bin=/usr/lib/postgresql/15/bin

if ! ls /usr/share/postgresql/15/extension/postgis.control >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "缺少 PostGIS：请以 root 运行，或先执行 apt-get install -y postgresql-15-postgis-3" >&2
    exit 1
  fi
  apt-get install -y postgresql-15-postgis-3 >/dev/null
fi

# PostgreSQL refuses to run as root: the cluster belongs to `postgres` (or to us when not root)
if [ "$(id -u)" -eq 0 ]; then
  as_owner() { su postgres -s /bin/bash -c "$*"; }
else
  as_owner() { bash -c "$*"; }
fi

dir=$(mktemp -d /tmp/with-postgis.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"

cleanup() {
  as_owner "$pg_bin/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# a free loopback port: ask the kernel for one (a race with another process is unlikely and fails loudly)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

as_owner "$pg_bin/initdb -D '$dir/data' -A trust -U postgres" >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
# fsync off: a test cluster that dies is thrown away anyway, and it saves minutes of disk waits
as_owner "$pg_bin/pg_ctl -D '$dir/data' -w -l '$dir/log' -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null || {
  cat "$dir/log" >&2
  exit 1
}

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostGIS 测试集群：$TEST_DATABASE_URL（$dir）" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
