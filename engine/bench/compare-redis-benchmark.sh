#!/usr/bin/env bash
# Compares a syncer shard with a real redis-server on this machine, in the same run:
#   1. throughput: redis-benchmark -t set,get -c 50 -n 1000000 -q, pipelined (-P 16) and not (-P 1);
#   2. memory: RSS of both processes empty and after loading 1,000,000 small string keys
#      (DEBUG POPULATE 1000000: keys "key:N", values "value:N", on both servers).
# Builds nothing: run `mvn -pl engine -am package -DskipTests` first (needs engine/target/syncer-shard.jar).
#
# The shard runs on the JVM with the flags in SHARD_JVM_OPTS (stated in the output):
#   -Xmx2g                    heap cap, enough for 1M keys;
#   -XX:+UseSerialGC -Xmn64m  one event-loop thread needs no parallel collector: same CPU per request
#                             as ParallelGC here, far less idle heap (no pre-touch: RSS is real use);
#   -Dio.netty.leakDetection.level=disabled   Netty's sampling buffer-leak detector is a development
#                             aid, off in production;
#   --sun-misc-unsafe-memory-access=allow     without it Netty 4.2 on Java 25+ gives up its Unsafe
#                             buffer access for checked ByteBuffers (about 8% more CPU here).
# Before measuring, both servers get the same warm-up runs: the JVM compiles its hot path on the
# fly, for some seconds, on threads that compete with the measured runs on a small machine; Redis
# needs none but gets it too, so the conditions are equal. Both listen on free loopback ports.
# On a shared machine single runs swing widely, so each throughput figure is the median of ROUNDS
# runs (default 3), alternating which server goes first; every run's figure is printed too.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$HERE/../target/syncer-shard.jar}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SHARD_JVM_OPTS="${SHARD_JVM_OPTS:--Xmx2g -XX:+UseSerialGC -Xmn64m -Dio.netty.leakDetection.level=disabled --sun-misc-unsafe-memory-access=allow}"
REQUESTS="${REQUESTS:-1000000}"
CLIENTS="${CLIENTS:-50}"
KEYS="${KEYS:-1000000}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-1000000}"

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
    --enable-debug-command local \
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

echo "warm-up (not measured): redis-benchmark -t set,get -P 16 -c $CLIENTS -n $WARMUP, then -P 1 -n $((WARMUP / 10)), against both"
for port in "$SHARD_PORT" "$REDIS_PORT"; do
    bench "$port" -t set,get -P 16 -c "$CLIENTS" -n "$WARMUP" >/dev/null
    bench "$port" -t set,get -P 1 -c "$CLIENTS" -n "$((WARMUP / 10))" >/dev/null
done
redis-cli -p "$SHARD_PORT" FLUSHALL >/dev/null
redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
echo

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR] = $1} END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A runs
for pipeline in 16 1; do
    for round in $(seq 1 "$ROUNDS"); do
        order="$SHARD_PORT $REDIS_PORT"
        [ $((round % 2)) -eq 0 ] && order="$REDIS_PORT $SHARD_PORT"
        for port in $order; do
            who=syncer
            [ "$port" = "$REDIS_PORT" ] && who=redis
            while read -r test ops; do
                runs[$who,$test,$pipeline]="${runs[$who,$test,$pipeline]:-} $ops"
            done < <(bench "$port" -t set,get -P "$pipeline" -c "$CLIENTS" -n "$REQUESTS")
        done
    done
done
printf '%-26s %14s %14s %8s   %s\n' "throughput (ops/s, median)" "syncer" "redis" "ratio" "runs: syncer | redis"
for pipeline in 16 1; do
    for test in SET GET; do
        o="$(median <<<"${runs[syncer,$test,$pipeline]:-}")"
        r="$(median <<<"${runs[redis,$test,$pipeline]:-}")"
        printf '%-26s %14.0f %14.0f %8s   %s |%s\n' "$test -P $pipeline -c $CLIENTS" "$o" "$r" "$(ratio "$o" "$r")" \
            "${runs[syncer,$test,$pipeline]:-}" "${runs[redis,$test,$pipeline]:-}"
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
