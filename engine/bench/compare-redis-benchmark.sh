#!/usr/bin/env bash
# Compares a syncer shard with a real redis-server on this machine, in the same run:
#   1. throughput: redis-benchmark -t set,get -c 50 -n 1000000 -q, pipelined (-P 16) and not (-P 1);
#   2. memory: RSS of both processes empty and after loading 1,000,000 small string keys
#      (DEBUG POPULATE 1000000: keys "key:N", values "value:N", on both servers).
# Builds nothing: run `mvn -pl engine -am package -DskipTests` first (needs engine/target/syncer-shard.jar).
#
# The shard runs on the JVM with the flags in SHARD_JVM_OPTS (stated in the output). The heap is
# capped at 2 GB, enough for 1M keys; ParallelGC is used because this is a throughput test and the
# shard is single-threaded; no pre-touch, so RSS is what the JVM really uses; Netty's buffer leak
# detector (a development aid that samples allocations) is off, as in production. Before measuring, both
# servers get the same short warm-up run (the JVM compiles its hot path on the fly; Redis needs none,
# but gets it too so the conditions are equal). Both servers listen on free loopback ports.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$HERE/../target/syncer-shard.jar}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SHARD_JVM_OPTS="${SHARD_JVM_OPTS:--Xmx2g -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled}"
REQUESTS="${REQUESTS:-1000000}"
CLIENTS="${CLIENTS:-50}"
KEYS="${KEYS:-1000000}"

[ -f "$JAR" ] || { echo "missing $JAR: build it with: mvn -pl engine -am package -DskipTests" >&2; exit 2; }
for tool in redis-server redis-cli redis-benchmark "$JAVA"; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done

java_major="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}')"
[ "${java_major:-0}" -ge 21 ] || { echo "$JAVA is Java ${java_major:-?}; the shard needs 21+ (set JAVA_HOME)" >&2; exit 2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

WORK="$(mktemp -d)"
SHARD_PID=""
REDIS_PID=""
cleanup() {
    [ -n "$SHARD_PID" ] && kill "$SHARD_PID" 2>/dev/null || true
    [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

SHARD_PORT="$(free_port)"
REDIS_PORT="$(free_port)"
while [ "$REDIS_PORT" = "$SHARD_PORT" ]; do REDIS_PORT="$(free_port)"; done

# shellcheck disable=SC2086
"$JAVA" $SHARD_JVM_OPTS -jar "$JAR" --port "$SHARD_PORT" --bind 127.0.0.1 --save "" --dir "$WORK" \
    >"$WORK/shard.log" 2>&1 &
SHARD_PID=$!
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    --enable-debug-command local --dir "$WORK" --logfile "$WORK/redis.log" &
REDIS_PID=$!

wait_ready() {
    for _ in $(seq 1 100); do
        redis-cli -p "$1" PING >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "server on port $1 did not start" >&2
    cat "$WORK"/*.log >&2
    exit 1
}
wait_ready "$SHARD_PORT"
wait_ready "$REDIS_PORT"

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# Prints "TEST ops" per test from redis-benchmark -q output (progress lines end in \r).
bench() {
    local port=$1; shift
    redis-benchmark -h 127.0.0.1 -p "$port" -q "$@" 2>&1 | tr '\r' '\n' |
        awk -F': ' '/requests per second/ { split($2, v, " "); print $1, v[1] }'
}

echo "syncer shard: $JAR on port $SHARD_PORT (pid $SHARD_PID), JVM: $("$JAVA" -version 2>&1 | head -1), flags: $SHARD_JVM_OPTS"
echo "redis-server: $(redis-server --version | awk '{print $3}') on port $REDIS_PORT (pid $REDIS_PID)"
echo "machine: $(nproc) cores; redis-benchmark runs on the same machine"
echo

echo "warm-up (not measured): redis-benchmark -t set,get -P 16 -c $CLIENTS -n 200000 against both"
bench "$SHARD_PORT" -t set,get -P 16 -c "$CLIENTS" -n 200000 >/dev/null
bench "$REDIS_PORT" -t set,get -P 16 -c "$CLIENTS" -n 200000 >/dev/null
redis-cli -p "$SHARD_PORT" FLUSHALL >/dev/null
redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
echo

printf '%-26s %14s %14s %8s\n' "throughput (ops/s)" "syncer" "redis" "ratio"
for pipeline in 16 1; do
    ours="$(bench "$SHARD_PORT" -t set,get -P "$pipeline" -c "$CLIENTS" -n "$REQUESTS")"
    theirs="$(bench "$REDIS_PORT" -t set,get -P "$pipeline" -c "$CLIENTS" -n "$REQUESTS")"
    for test in SET GET; do
        o="$(awk -v t="$test" '$1 == t {print $2}' <<<"$ours")"
        r="$(awk -v t="$test" '$1 == t {print $2}' <<<"$theirs")"
        printf '%-26s %14s %14s %8s\n' "$test -P $pipeline -c $CLIENTS" "${o:-failed}" "${r:-failed}" "$(ratio "${o:-0}" "${r:-0}")"
    done
done
echo

redis-cli -p "$SHARD_PORT" FLUSHALL >/dev/null
redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
ours_empty="$(rss_kb "$SHARD_PID")"
theirs_empty="$(rss_kb "$REDIS_PID")"
redis-cli -p "$SHARD_PORT" DEBUG POPULATE "$KEYS" >/dev/null
redis-cli -p "$REDIS_PORT" DEBUG POPULATE "$KEYS" >/dev/null
ours_keys="$(redis-cli -p "$SHARD_PORT" DBSIZE)"
theirs_keys="$(redis-cli -p "$REDIS_PORT" DBSIZE)"
ours_full="$(rss_kb "$SHARD_PID")"
theirs_full="$(rss_kb "$REDIS_PID")"
printf '%-26s %14s %14s %8s\n' "memory (VmRSS, MB)" "syncer" "redis" "ratio"
printf '%-26s %14s %14s %8s\n' "after the benchmark, empty" "$((ours_empty / 1024))" "$((theirs_empty / 1024))" "$(ratio "$ours_empty" "$theirs_empty")"
printf '%-26s %14s %14s %8s\n' "with $KEYS keys" "$((ours_full / 1024))" "$((theirs_full / 1024))" "$(ratio "$ours_full" "$theirs_full")"
printf '%-26s %14s %14s\n' "keys (DBSIZE)" "$ours_keys" "$theirs_keys"
