#!/usr/bin/env bash
# Server CPU per request, ours against redis-server 7.0, on a shared machine where wall-clock
# throughput is noise: user+sys ticks of /proc/PID/stat before and after a fixed number of
# pipelined requests, divided by the requests.
#
#   engine/bench/cpu-per-request.sh [jar...]     (default engine/target/syncer-shard.jar)
#
# Starts one redis-server and one shard per jar (`java -jar JAR --port P --save ''`,
# SYNCER_NO_AOT=1 so that no start trains a cache), warms each shard twice with SET, GET, LPUSH
# and SADD (-P 16 -n 500000 -r 100000), then per test group and repetition runs redis-benchmark
# -P 16 -n N -r 100000 against redis-server and each shard, the shards in reverse order every
# other repetition, printing µs of CPU per request and the ratio to redis-server's. Give two jars
# (say, a copy of the jar before a change and the one after) to compare them in the same run.
# REPS (3), N (1000000), TESTS ("set,get lpush,sadd") and WARMUP (500000) set the rest; CMDS runs
# command lines too, separated by ';' (say CMDS='PFADD hll __rand_int__;XADD stream * field __rand_int__',
# as compare-redis-benchmark.sh runs them), each N requests. KEYRANGE (100000) is the measured runs'
# -r; KEYRANGE= (empty) runs them on redis-benchmark's one key, as compare-redis-benchmark.sh's warmed
# SET/GET rows do: no keyspace cache misses, so the per-command path's own cost shows. JAVA_HOME must be JDK 21+.
# DATASIZE sets the measured runs' -d (value bytes; redis-benchmark's 3 when empty).
# REPL=backlog or REPL=stream measures a primary that feeds a replication stream: after the warm-up
# every server (CONFIG SET repl-backlog-size BACKLOG, 64mb) gets a replica of its own kind (ours:
# the same jar), attached until its link is up; with backlog the replica is then killed, so the
# primary keeps feeding its backlog alone (replication-bench.sh's "writes alone" row); with stream
# it stays, is warmed with one WARMUP load, and each run also prints the replica's CPU per request
# applied (r=, rjarN=), taken once its master_repl_offset reached the primary's. Say
# REPL=backlog TESTS=set DATASIZE=100.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${REPS:-3}; N=${N:-1000000}; TESTS=${TESTS:-"set,get lpush,sadd"}; WARMUP=${WARMUP:-500000}; CMDS=${CMDS:-}
KEYRANGE=${KEYRANGE-100000}; RANGE=(); [ -n "$KEYRANGE" ] && RANGE=(-r "$KEYRANGE")
DATASIZE=${DATASIZE:-}; [ -n "$DATASIZE" ] && RANGE+=(-d "$DATASIZE")
REPL=${REPL:-}; BACKLOG=${BACKLOG:-64mb}
[ $# -gt 0 ] || set -- engine/target/syncer-shard.jar
export SYNCER_NO_AOT=1
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_ping() { for _ in $(seq 1 600); do redis-cli -p "$1" ping 2>/dev/null | grep -q PONG && return 0; sleep 0.2; done; return 1; }
per_request() { echo "$1 $2" | awk '{printf "%.3f", $1 * 1000000 / 100 / $2}'; } # ticks are 1/100 s
LOGS=$(mktemp -d)
RP=$(freeport); redis-server --port "$RP" --save '' --appendonly no >"$LOGS/redis.log" 2>&1 &
RPID=$!
SP=(); SPID=()
for jar in "$@"; do
  p=$(freeport); "$JAVA" -jar "$jar" --port "$p" --save '' >"$LOGS/shard-$p.log" 2>&1 &
  SPID+=($!); SP+=("$p")
done
RR=(); RRPID=() # REPL: the replica of redis-server, then of each shard, in SP's order
trap 'kill $RPID "${SPID[@]}" "${RRPID[@]}" 2>/dev/null; wait; rm -rf "$LOGS"' EXIT
wait_ping "$RP"
for p in "${SP[@]}"; do wait_ping "$p"; done
redis-benchmark -p "$RP" -t set,get -P 16 -n "$WARMUP" -q >/dev/null 2>&1
for p in "${SP[@]}"; do for _ in 1 2; do
  redis-benchmark -p "$p" -t set,get,lpush,sadd -P 16 -n "$WARMUP" -r 100000 -q >/dev/null 2>&1
done; done
J=${#SP[@]}
offset() { redis-cli -p "$1" info replication | tr -d '\r' | sed -n 's/^master_repl_offset://p'; }
synced() { # until the replica on port $2 has applied all its primary on port $1 fed
  for _ in $(seq 1 3000); do [ "$(offset "$1")" = "$(offset "$2")" ] && return 0; sleep 0.1; done; return 1
}
if [ -n "$REPL" ]; then
  p=$(freeport); redis-server --port "$p" --save '' --appendonly no >"$LOGS/redis-replica.log" 2>&1 &
  RRPID+=($!); RR+=("$p")
  for jar in "$@"; do
    p=$(freeport); "$JAVA" -jar "$jar" --port "$p" --save '' >"$LOGS/replica-$p.log" 2>&1 &
    RRPID+=($!); RR+=("$p")
  done
  PRIMARIES=("$RP" "${SP[@]}")
  for i in "${!RR[@]}"; do
    wait_ping "${RR[$i]}"
    redis-cli -p "${PRIMARIES[$i]}" config set repl-backlog-size "$BACKLOG" >/dev/null
    redis-cli -p "${RR[$i]}" replicaof 127.0.0.1 "${PRIMARIES[$i]}" >/dev/null
  done
  for i in "${!RR[@]}"; do
    for _ in $(seq 1 3000); do
      redis-cli -p "${RR[$i]}" info replication | grep -q 'master_link_status:up' && break; sleep 0.2
    done
    if [ "$REPL" = backlog ]; then
      kill "${RRPID[$i]}"
    else
      redis-benchmark -p "${PRIMARIES[$i]}" -t set -P 16 -n "$WARMUP" "${RANGE[@]}" -q >/dev/null 2>&1
    fi
  done
fi
# CPU per request of a primary ($1: 0 is redis-server, j+1 shard j) over the run of "${@:2}"
# requests, and in stream mode its replica's (REPLICA) once it applied them.
measure() {
  local i=$1 pid port ra rb; shift
  if [ "$i" -eq 0 ]; then pid=$RPID port=$RP; else pid=${SPID[$((i - 1))]} port=${SP[$((i - 1))]}; fi
  if [ "$REPL" = stream ]; then ra=$(ticks "${RRPID[$i]}"); fi
  local a; a=$(ticks "$pid"); redis-benchmark -p "$port" "${@:2}" >/dev/null 2>&1; local b; b=$(ticks "$pid")
  US=$(per_request $((b - a)) "$1"); REPLICA=
  if [ "$REPL" = stream ]; then
    synced "$port" "${RR[$i]}"; rb=$(ticks "${RRPID[$i]}"); REPLICA=$(per_request $((rb - ra)) "$1")
  fi
}
# One group: LABEL, the requests it makes, then redis-benchmark's arguments after -p PORT.
group() {
  local label=$1 n=$2; shift 2
  for r in $(seq 1 "$REPS"); do
    line="$label rep$r load=$(cut -d' ' -f1 /proc/loadavg)"
    measure 0 "$n" "$@"; redis=$US; rredis=$REPLICA; line="$line redis=${redis}us${REPLICA:+ r=${REPLICA}us}"
    order=$(seq 0 $((J - 1))); [ $((r % 2)) -eq 0 ] && order=$(seq $((J - 1)) -1 0)
    for j in $order; do
      measure $((j + 1)) "$n" "$@"
      line="$line jar$j=${US}us ratio$j=$(echo "$US $redis" | awk '{printf "%.2f", $1 / $2}')"
      if [ -n "$REPLICA" ]; then
        line="$line rjar$j=${REPLICA}us rratio$j=$(echo "$REPLICA $rredis" | awk '{printf "%.2f", $1 / $2}')"
      fi
    done
    echo "$line"
  done
}
for t in $TESTS; do
  group "$t" $(( N * $(echo "$t" | tr ',' '\n' | wc -l) )) -t "$t" -P 16 -n "$N" "${RANGE[@]}" -q
done
IFS=';' read -r -a cmds <<< "$CMDS"
for c in "${cmds[@]}"; do
  read -r -a argv <<< "$c"
  [ ${#argv[@]} -gt 0 ] && group "${argv[0]}" "$N" -P 16 -n "$N" "${RANGE[@]}" -q "${argv[@]}"
done
