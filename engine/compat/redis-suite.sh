#!/usr/bin/env bash
# Redis 7.0.15's own test suite as the measure of a shard: runs chosen files of Redis's tests/
# against our shard and against a real redis-server in the same harness, prints per file what
# each passed, and fails when ours falls below the floor recorded in the repository.
#
#   engine/compat/redis-suite.sh --quick        the CI subset (files-quick.txt); redis-server's
#                                               numbers are read from redis-baseline.tsv
#   engine/compat/redis-suite.sh --full         every file of files-full.txt, ours and redis-server
#                                               side by side; rewrites redis-baseline.tsv
#   options: --files a,b      only these files (e.g. unit/type/incr,integration/replication-2)
#            --ours-only      do not run redis-server (use the recorded baseline)
#            --tls            every file in the suite's TLS mode (its --tls; a file listed with
#                             "tls" in files-full.txt, such as unit/tls, always runs so)
#            --redis-only     do not run the shard (to measure redis-server's numbers alone)
#            --record-floor   write ours' passed counts of this run into floor.tsv
#            --timeout S      per-file wall-clock limit in seconds (default 300)
#            --out DIR        where logs and summary.tsv go (default engine/target/compat)
#            --jar FILE       the shard launcher (default engine/target/syncer-shard.jar)
#
# Unit files run in the suite's external-server mode against one fresh server per file. The
# integration files start their own servers through the suite's src/redis-server, which here is
# redis-server-wrapper.sh starting a shard. Redis's tests are fetched at run time from Debian's
# redis source package (shared/tools/peers.sh) into a cache outside the repository, never
# committed. Tests skipped on purpose are in skip.txt, each with its reason; the suite's own
# "external:skip" tags still apply to the unit files. Needs tclsh (Debian's tcl), java 21+, and
# engine/target/syncer-shard.jar (mvn package); TLS runs also need Debian's tcl-tls and openssl,
# and use certificates made at run time by the suite's own utils/gen-test-certs.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=quick
only=""
ours_only=0
redis_only=0
record_floor=0
tls_all=0
timeout=300
out="$root/engine/target/compat"
jar="$root/engine/target/syncer-shard.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --files) only=$2; shift ;;
    --ours-only) ours_only=1 ;;
    --tls) tls_all=1 ;;
    --redis-only) redis_only=1 ;;
    --record-floor) record_floor=1 ;;
    --timeout) timeout=$2; shift ;;
    --out) out=$2; shift ;;
    --jar) jar=$2; shift ;;
    *) echo "usage: $0 [--quick|--full] [--files a,b] [--ours-only|--redis-only] [--tls] [--record-floor] [--timeout S] [--out DIR] [--jar FILE]" >&2; exit 2 ;;
  esac
  shift
done
# quick mode compares with the recorded baseline; a full run measures redis-server beside ours
[ "$mode" = quick ] && [ $redis_only = 0 ] && ours_only=1

[ -f "$jar" ] || { echo "missing $jar: build first (mvn -DskipTests package)" >&2; exit 2; }
command -v tclsh >/dev/null || { echo "tclsh is needed (Debian: apt-get install tcl)" >&2; exit 2; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# The shards start with the harness's own JVM options, in one JVM: the suite waits only seconds for a
# server's PID line, and the launcher's re-exec (a second JVM start) can miss that on a loaded machine.
export SYNCER_NO_RELAUNCH=1
redis_server=$(command -v redis-server || true)
[ $ours_only = 1 ] || [ -n "$redis_server" ] || { echo "redis-server is needed for a side-by-side run" >&2; exit 2; }

# ---- Redis's tests, cached outside the repository -------------------------------------------
cache="${XDG_CACHE_HOME:-$HOME/.cache}/syncer-console/redis-src"
src=$(ls -d "$cache"/redis-7.0.15 2>/dev/null || true)
if [ -z "$src" ] || [ ! -f "$src/tests/test_helper.tcl" ]; then
  shared=${SYNCER_SHARED:-$root/../shared}
  [ -x "$shared/tools/peers.sh" ] || { echo "no $shared/tools/peers.sh to fetch Redis's tests (set SYNCER_SHARED)" >&2; exit 2; }
  "$shared/tools/peers.sh" redis-src "$cache" >/dev/null
  src="$cache/redis-7.0.15"
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/syncer-compat.XXXXXX")
groups="$work/groups" # process groups this script started (their leaders' pids), one a line
: >"$groups"
cleanup() {
  while read -r pg; do kill -KILL -- "-$pg" 2>/dev/null || true; done <"$groups"
  rm -rf "$work"
}
trap cleanup EXIT

# A tree per side: the suite's tests/ and a src/ holding the binaries it starts.
tree() { # side
  local t="$work/$1"
  mkdir -p "$t/src"
  cp -r "$src/tests" "$t/tests"
  for b in redis-cli redis-benchmark redis-check-aof redis-check-rdb; do
    [ -x "/usr/bin/$b" ] && ln -s "/usr/bin/$b" "$t/src/$b"
  done
  [ -d "$work/tls/tests/tls" ] && cp -r "$work/tls/tests/tls" "$t/tests/tls"
  if [ "$1" = ours ]; then
    cp "$here/redis-server-wrapper.sh" "$t/src/redis-server"
    chmod +x "$t/src/redis-server"
  elif [ -n "$redis_server" ]; then
    ln -s "$redis_server" "$t/src/redis-server"
  fi
  echo "$t"
}

# ---- which files, which tests skipped ----------------------------------------------------------
list() { grep -v '^\s*\(#\|$\)' "$1" | sed 's/\s*#.*$//'; }
# A files-*.txt line is "file [local]": "local" runs a unit file as the integration files run (the
# suite starts its servers, through src/redis-server), for files whose tests all need that.
if [ -n "$only" ]; then
  files=$(tr ',' '\n' <<<"$only" | while read -r f; do grep -m1 "^$f\(\s\|$\)" "$here/files-full.txt" || echo "$f"; done | sed 's/\s*#.*$//')
else
  files=$(list "$here/files-$mode.txt")
fi
skipfile="$work/skip.txt"
# skip.txt lines are "test name<TAB># why"; the suite wants the bare names
sed 's/\t.*$//' "$here/skip.txt" | grep -v '^\s*\(#\|$\)' >"$skipfile" || true

free_port() {
  local p
  while :; do
    # below the suite's own ports (base ports from 21100, below) and below the kernel's ephemeral
    # range (32768 up by default), from which outgoing connections take their local ports: a port
    # in that range that was free when picked can be someone's by the time a server binds it
    p=$((11000 + RANDOM % 10000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

wait_ping() { # port [tls] [pid: give up once it has ended]
  local tls=()
  [ "${2:-0}" = 1 ] && tls=(--tls --cacert "$work/tls/tests/tls/ca.crt" --cert "$work/tls/tests/tls/client.crt" \
    --key "$work/tls/tests/tls/client.key")
  for _ in $(seq 300); do
    [ "$(redis-cli "${tls[@]}" -p "$1" ping 2>/dev/null </dev/null)" = PONG ] && return 0
    [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null && return 1
    sleep 0.1
  done
  return 1
}

# Starts a process in a group of its own (so it and all it spawns can be ended together); prints its pid.
spawn() { # log cmd...
  local log=$1
  shift
  setsid "$@" >"$log" 2>&1 </dev/null &
  echo $! >>"$groups"
  echo $!
}

stop_group() { # pgid
  kill -TERM -- "-$1" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 -- "-$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$1" 2>/dev/null || true
  sed -i "/^$1\$/d" "$groups" # ended: its id may be reused by others' processes from now on
}

# With TLS, the settings a server of the suite's external mode starts with (the suite's own
# certificates, as its start_server gives them); the plain port is then a free one nobody uses.
tls_server_args() { # port
  local d="$work/tls/tests/tls"
  echo --port "$(free_port)" --tls-port "$1" --tls-cert-file "$d/server.crt" --tls-key-file "$d/server.key" \
    --tls-client-cert-file "$d/client.crt" --tls-client-key-file "$d/client.key" --tls-dh-params-file "$d/redis.dh" \
    --tls-ca-cert-file "$d/ca.crt" --tls-replication yes
}

# Runs one file on one side; prints "passed failed skipped status seconds".
run_file() { # side file [local] [tls]
  local side=$1 file=$2 how=${3:-} t="$work/$1" name=${2//\//_}
  local log="$out/$1/$name.log" server_pg="" args=(--single "$file" --durable --timeout "$timeout" --skipfile "$skipfile")
  local tls=$tls_all server_tls=()
  [[ " $how " == *" tls "* ]] && tls=1
  mkdir -p "$out/$side"
  local start=$SECONDS
  if [ $tls = 1 ]; then
    args+=(--tls)
  fi
  if [[ $file == unit/* ]] && [[ " $how " != *" local "* ]]; then
    local port dir="$work/$side-data-$name" try up=0
    mkdir -p "$dir"
    # A port free when picked can be taken before the server binds it (the kernel hands ports of
    # this range to outgoing connections too): a server that did not come up gets another port.
    for try in 1 2 3; do
      port=$(free_port)
      # shellcheck disable=SC2207 # paths without spaces (mktemp's)
      [ $tls = 1 ] && server_tls=($(tls_server_args "$port"))
      if [ "$side" = ours ]; then
        server_pg=$(spawn "$out/$side/$name.server.log" "$java" -XX:+UseSerialGC -Xmx1g -jar "$jar" --port "$port" --dir "$dir" --save "" \
          --enable-debug-command yes --enable-protected-configs yes "${server_tls[@]}")
      else
        server_pg=$(spawn "$out/$side/$name.server.log" "$redis_server" --port "$port" --dir "$dir" --save "" \
          --enable-debug-command yes --enable-protected-configs yes --daemonize no "${server_tls[@]}")
      fi
      if wait_ping "$port" "$tls" "$server_pg"; then
        up=1
        break
      fi
      stop_group "$server_pg"
      echo "$side $file: no server on port $port (try $try), $(tail -1 "$out/$side/$name.server.log" 2>/dev/null)" >&2
    done
    if [ $up = 0 ]; then
      echo "0 0 0 no-server $((SECONDS - start))"
      return
    fi
    args+=(--host 127.0.0.1 --port "$port")
  else
    args+=(--dont-clean) # the servers' logs are kept beside the suite's (below)
  fi
  local pg status=done attempt
  for attempt in 1 2 3; do
    # the suite's own ports (its test server just below, its servers from there, each also
    # + 10000): a random block, so that runs side by side on one machine rarely meet; when they
    # do, the suite cannot listen and the file is started again
    pg=$(cd "$t" && TERM=dumb spawn "$log" tclsh tests/test_helper.tcl "${args[@]}" \
      --baseport $((21100 + (RANDOM % 45) * 400)) --portcount 300)
    local listening=1
    for _ in $(seq 600); do # until the suite listens (it names the file it tests) or gives up
      if grep -q "couldn't open socket: address already in use" "$log"; then listening=0; break; fi
      grep -q '^Testing \|^\[ready\]' "$log" || ! kill -0 "$pg" 2>/dev/null && break
      sleep 0.1
    done
    [ $listening = 1 ] && break
    stop_group "$pg"
  done
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pg" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      status=timeout
      echo "[timeout]: $file exceeded ${timeout}s, stopped" >>"$log"
      break
    fi
    sleep 1
  done
  stop_group "$pg" # the suite's servers too, when it started any
  [ -n "$server_pg" ] && stop_group "$server_pg"
  # each server the suite started logged to tests/tmp/<server dir>/stdout: kept as <name>.servers/
  rm -rf "$out/$side/$name.servers"
  local srv
  for srv in "$t"/tests/tmp/server*; do
    [ -f "$srv/stdout" ] || continue
    mkdir -p "$out/$side/$name.servers"
    cp "$srv/stdout" "$out/$side/$name.servers/${srv##*/}.log"
  done
  rm -rf "$t"/tests/tmp/server*
  grep -q '^\[exception\]' "$log" && status=exception
  local passed failed skipped
  passed=$(grep -c '^\[ok\]:' "$log" || true)
  failed=$(grep -c '^\[err\]:' "$log" || true)
  skipped=$(grep -c '^\[skip\]:' "$log" || true)
  echo "$passed $failed $skipped $status $((SECONDS - start))"
}

# ---- run ---------------------------------------------------------------------------------------
# TLS: the suite's certificates (tests/tls), made once by its own script and copied into each tree;
# the DH parameters it also wants are RFC 7919's ffdhe2048 group, made first (generating new ones
# takes minutes on a busy machine), which it then keeps.
if [ $tls_all = 1 ] || grep -q '\stls\b' <<<"$files"; then
  echo 'package require tls' | tclsh >/dev/null 2>&1 || { echo "TLS runs need Tcl's tls package (Debian: apt-get install tcl-tls)" >&2; exit 2; }
  mkdir -p "$work/tls/tests/tls"
  openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$work/tls/tests/tls/redis.dh" >/dev/null 2>&1
  (cd "$work/tls" && bash "$src/utils/gen-test-certs.sh") >"$work/tls/gen-test-certs.log" 2>&1 \
    || { echo "making the suite's TLS certificates failed:" >&2; cat "$work/tls/gen-test-certs.log" >&2; exit 1; }
fi
[ $ours_only = 1 ] || tree real >/dev/null
tree ours >/dev/null

# the settings a shard of this build knows, so the wrapper passes only those (see the wrapper)
export SYNCER_SHARD_JAR="$jar" SYNCER_JAVA="$java" SYNCER_SHARD_CONFIGS="$work/shard-configs.txt"
for try in 1 2 3; do # another port when the picked one was taken before the bind (as in run_file)
  probe_port=$(free_port)
  probe=$(spawn "$work/probe.log" "$java" -jar "$jar" --port "$probe_port" --dir "$work" --save "")
  wait_ping "$probe_port" 0 "$probe" && break
  stop_group "$probe"
  [ "$try" = 3 ] && { echo "a shard from $jar did not start:" >&2; cat "$work/probe.log" >&2; exit 1; }
done
redis-cli -p "$probe_port" config get '*' | awk 'NR % 2 == 1' >"$SYNCER_SHARD_CONFIGS"
stop_group "$probe"

baseline="$here/redis-baseline.tsv"
floor="$here/floor.tsv"
lookup() { awk -F'\t' -v f="$2" -v c="$3" '$1 == f {print $c; found=1} END {if (!found) print ""}' "$1" 2>/dev/null || true; }

summary="$out/summary.tsv"
printf 'file\tredis_passed\tredis_failed\tredis_status\tours_passed\tours_failed\tours_skipped\tours_status\tours_seconds\tfloor\n' >"$summary"
below=0
while read -r f how; do
  if [ $ours_only = 1 ]; then
    rp=$(lookup "$baseline" "$f" 2)
    rf=$(lookup "$baseline" "$f" 3)
    rstatus=$(lookup "$baseline" "$f" 4)
  else
    read -r rp rf _ rstatus rsec < <(run_file real "$f" "$how")
    echo "redis-server  $f: passed $rp, failed $rf ($rstatus, ${rsec}s)" >&2
  fi
  if [ $redis_only = 1 ]; then
    op="" of="" os="" ostatus="" osec=""
  else
    read -r op of os ostatus osec < <(run_file ours "$f" "$how")
  fi
  min=$(lookup "$floor" "$f" 2)
  echo "shard         $f: passed $op, failed $of ($ostatus, ${osec}s)${min:+, floor $min}" >&2
  if [ -n "$min" ] && [ -n "$op" ] && [ "$op" -lt "$min" ]; then
    echo "BELOW FLOOR: $f passed $op < $min" >&2
    below=1
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$rp" "$rf" "$rstatus" "$op" "$of" "$os" "$ostatus" "$osec" "$min" >>"$summary"
done <<<"$files"

# ---- report --------------------------------------------------------------------------------------
"$here/report.sh" "$summary"

if [ $ours_only = 0 ] && [ -z "$only" ] && [ "$mode" = full ]; then
  { printf 'file\tredis_passed\tredis_failed\tredis_status\n'; awk -F'\t' 'NR > 1 {print $1 "\t" $2 "\t" $3 "\t" $4}' "$summary"; } >"$baseline"
  echo "recorded redis-server's numbers in $baseline" >&2
fi
if [ $record_floor = 1 ]; then
  tmp=$(mktemp)
  { printf 'file\tours_min_passed\n'
    awk -F'\t' 'FNR == 1 {next} NR == FNR {run[$1] = $5; next} !($1 in run) {print $1 "\t" $2}' "$summary" "$floor" 2>/dev/null || true
    awk -F'\t' 'NR > 1 {print $1 "\t" $5}' "$summary"
  } | awk -F'\t' 'NR == 1 || !seen[$1]++' | { read -r head; echo "$head"; sort; } >"$tmp"
  mv "$tmp" "$floor"
  echo "recorded ours' passed counts as the floor in $floor" >&2
fi
if [ $below = 1 ]; then
  echo "the shard passed fewer tests than the floor in $floor" >&2
  exit 1
fi
