#!/usr/bin/env bash
# Installed as src/redis-server in the copy of Redis's tests that runs against our shard: Redis's
# suite starts "src/redis-server <config file> [--name value ...]" for its integration files
# (replication, psync2, failover, ...); this starts a shard with the same settings instead.
#
# Every "directive value..." line of the config file and every "--name value" argument becomes the
# launcher's "--name value". Directives the shard does not know (listed by CONFIG GET * of a shard
# of this build, in $SYNCER_SHARD_CONFIGS) are dropped and named in the server log, because the
# launcher refuses unknown options where redis-server would know them; the suite's default.conf
# carries many that change nothing a test measures here (logo, pidfile, daemonize, fsync policy).
#
# Environment (set by redis-suite.sh): SYNCER_SHARD_JAR, SYNCER_SHARD_CONFIGS, SYNCER_JAVA.
set -euo pipefail

conf=$1
shift

# The suite finds the server's pid in its log ("... PID: <pid>"); exec keeps this pid for java.
echo "syncer-shard started by redis-server wrapper, PID: $$"

declare -A known=()
while read -r name; do
  [ -n "$name" ] && known[$name]=1
done <"$SYNCER_SHARD_CONFIGS"

args=()
dropped=()
# unquote: the suite writes Tcl values, so an empty one appears as '', "" or {}
unquote() {
  local v=$1
  case "$v" in
    "''" | '""' | '{}') v="" ;;
    \"*\") v=${v#\"}; v=${v%\"} ;;
    \'*\') v=${v#\'}; v=${v%\'} ;;
    \{*\}) v=${v#\{}; v=${v%\}} ;;
  esac
  printf '%s' "$v"
}
add() { # name value...
  local name=${1,,}
  shift
  if [ -z "${known[$name]:-}" ]; then
    dropped+=("$name")
    return
  fi
  args+=("--$name")
  local joined
  joined=$(unquote "$*")
  if [ -n "$joined" ]; then
    read -r -a words <<<"$joined"
    args+=("${words[@]}")
  else
    args+=("")
  fi
}

while read -r name rest; do
  case "$name" in '' | '#'*) continue ;; esac
  add "$name" $rest
done <"$conf"

# "--name value [value...]" after the config file, as redis-server takes them
while [ $# -gt 0 ]; do
  name=${1#--}
  shift
  values=()
  while [ $# -gt 0 ] && [[ $1 != --* ]]; do
    values+=("$1")
    shift
  done
  add "$name" "${values[@]}"
done

if [ ${#dropped[@]} -gt 0 ]; then
  echo "redis-server wrapper: directives the shard does not know, not passed: ${dropped[*]}"
fi
# The shard logs on stderr; the suite reads "Ready to accept connections" from the stdout log.
exec "$SYNCER_JAVA" -XX:+UseSerialGC -Xmx512m -jar "$SYNCER_SHARD_JAR" "${args[@]}" 2>&1
