#!/usr/bin/env bash
# Installed as src/redis-server in the copy of Redis's tests that runs against our shard: Redis's
# suite starts "src/redis-server <config file> [--name value ...]" for its integration files
# (replication, psync2, failover, ...); this starts a shard with the same config file instead
# (the launcher reads a redis.conf, and CONFIG REWRITE writes it back, as redis-server does).
#
# Directives the shard does not know (it lists what it knows: CONFIG GET * of a shard of this
# build, in $SYNCER_SHARD_CONFIGS) are commented out in the file, and such "--name value"
# arguments left out, because the launcher refuses unknown settings as redis-server does; the
# suite's default.conf carries many that change nothing measured here (logo, pidfile, daemonize,
# fsync policy). The server log names them.
#
# Environment (set by redis-suite.sh): SYNCER_SHARD_JAR, SYNCER_SHARD_CONFIGS, SYNCER_JAVA.
set -euo pipefail

# As redis-server, the config file is optional: "src/redis-server --user foo --user foo" has none.
conf=()
if [ $# -gt 0 ] && [[ $1 != -* ]]; then
  conf=("$1")
  shift
fi

declare -A known=()
while read -r name; do
  [ -n "$name" ] && known[$name]=1
done <"$SYNCER_SHARD_CONFIGS"
known[user]=1 # ACL users: the launcher reads "user" lines, which CONFIG GET does not list

dropped=()
if [ ${#conf[@]} -gt 0 ]; then
  filtered=$(mktemp "${conf[0]}.XXXXXX")
  while IFS= read -r line; do
    read -r name _ <<<"$line" || true
    if [ -n "$name" ] && [[ $name != '#'* ]] && [ -z "${known[${name,,}]:-}" ]; then
      dropped+=("$name")
      line="# not known to the shard, left out by the redis-server wrapper: $line"
    fi
    printf '%s\n' "$line"
  done <"${conf[0]}" >"$filtered"
  mv "$filtered" "${conf[0]}"
fi

args=()
while [ $# -gt 0 ]; do
  name=${1#--}
  shift
  values=()
  while [ $# -gt 0 ] && [[ $1 != --* ]]; do
    values+=("$1")
    shift
  done
  if [ -n "${known[${name,,}]:-}" ]; then
    args+=("--$name" "${values[@]}")
  else
    dropped+=("$name")
  fi
done

if [ ${#dropped[@]} -gt 0 ]; then
  echo "redis-server wrapper: settings the shard does not know, left out: ${dropped[*]}"
fi
# The shard logs on stderr; the suite reads its start-up line ("... PID: <pid>", exec keeps this
# script's pid for java) and "Ready to accept connections" from the stdout log.
# C1 only (TieredStopAtLevel=1): an integration file runs several fresh shards for tens of seconds
# on 2 shared cores, where compiling is 45 % of their CPU and C2 code never pays back (psync2's
# chain of 5: 1.1-2.6 ms of CPU per INCR over the 5 JVMs in the first 3000, 0.76 ms with C1 only).
exec "$SYNCER_JAVA" -XX:+UseSerialGC -Xmx512m -XX:TieredStopAtLevel=1 -jar "$SYNCER_SHARD_JAR" "${conf[@]}" "${args[@]}" 2>&1
