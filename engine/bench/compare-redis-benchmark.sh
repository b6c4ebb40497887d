#!/usr/bin/env bash
# Our shard side by side with redis-server 7.0, as a user starts each, in one run; prints a
# markdown table (ours, redis, ratio ours/redis) that can replace the README's "Measured" table.
#
#   engine/bench/compare-redis-benchmark.sh [--no-replication] [--families-only]
#
# The shard is started exactly as the README says, `java -jar engine/target/syncer-shard.jar
# --port P ...` with server options only: whatever JVM options it runs with are the launcher's
# (dev.syncer.engine.launch.ServerOptions), never this script's. Its RSS is the whole process
# tree the user started (the launcher JVM and the shard JVM it re-executed), both shown.
#
#   first 5 s     a freshly started server (ours after one start and stop that made the jar's
#                 AOT cache, as any start after a jar's first does), redis-benchmark SET -P 16 (then, on another fresh
#                 start, SET -P 1), -c 50, for 5 s each: the "overall" rate at 5 s (cold JIT);
#   warmed        after the same warm-up for both (SET,GET -P 16 -n WARMUP, then -P 1 -n WARMUP/10),
#                 SET/GET -P 16 -n REQUESTS and -P 1 -n REQUESTS/5, alternating who goes first;
#   families      on the same two warmed servers, issue 10's command families: redis-benchmark's
#                 own tests (-t lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,zpopmin,lrange_100,
#                 -r 100000) and, as command lines (redis-benchmark 7.0 has no xadd test), PFADD,
#                 SETBIT and XADD, each -P 16 -n FAMILY_REQUESTS and -P 1 -n FAMILY_REQUESTS/5,
#                 alternating who goes first. SETBIT takes the random number in its key, not its
#                 offset: __rand_int__ expands to 12 zero-padded digits, and an offset with leading
#                 zeros is not an integer to Redis's string2ll (redis-server answers "ERR bit offset
#                 is not an integer or out of range" to every one, and so does the shard).
#                 Before it, both servers get the same family warm-up (each test and command
#                 line, -P 16 -n FAMILY_REQUESTS/2), as SET/GET get theirs: a JIT compiles a
#                 command's path on its first calls, which the "first 5 s" rows measure apart.
#                 --families-only runs this section alone (after the SET/GET and family warm-ups);
#   RSS           empty after start; with 100k small hashes + 100k small sets + 100k small zsets
#                 (5 short fields/members each, the same bytes sent to both); after FLUSHALL with
#                 DEBUG POPULATE 1,000,000 small strings; idle after FLUSHALL (5 s later); then
#                 after MEMORY PURGE. Those servers carry what the benchmarks and the previous
#                 data set left (a JVM gives heap back only at a full collection), so each data
#                 set is measured again in a server started for it alone ("fresh process");
#   replication   engine/bench/replication-bench.sh REPL_KEYS 100 REPL_LOAD (full syncs, partial
#                 resume, writes absorbed alone and while streaming, lag p99, catch-up).
#
# Environment: JAVA_HOME (JDK 21+), WARMUP (500000), REQUESTS (500000), FAMILY_REQUESTS (200000),
# REPL_KEYS (200000), REPL_LOAD (300000). Numbers depend on the machine and its load (printed): compare ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=engine/target/syncer-shard.jar
[[ -f $JAR ]] || { echo "missing $JAR: build it with: mvn -pl engine -am package -DskipTests" >&2; exit 2; }
for tool in redis-server redis-cli redis-benchmark python3 stdbuf; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
REPLICATION=1
ONLY_FAMILIES=0
for arg in "$@"; do
    case $arg in
        --no-replication) REPLICATION=0 ;;
        --families-only) ONLY_FAMILIES=1 REPLICATION=0 ;;
        *) echo "unknown option $arg" >&2; exit 2 ;;
    esac
done
exec python3 - "$JAR" "$JAVA" "$REPLICATION" "$ONLY_FAMILIES" <<'PY'
import os, re, socket, subprocess, sys, tempfile, time

jar, java, replication, only_families = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1"
WARMUP = int(os.environ.get("WARMUP", "500000"))
REQUESTS = int(os.environ.get("REQUESTS", "500000"))
FAMILY_REQUESTS = int(os.environ.get("FAMILY_REQUESTS", "200000"))
FAMILY_TESTS = "lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,zpopmin,lrange_100"
FAMILY_COMMANDS = (("PFADD hll __rand_int__", ["PFADD", "hll", "__rand_int__"]),
                   ("SETBIT bits:__rand_int__ 100 1", ["SETBIT", "bits:__rand_int__", "100", "1"]),
                   ("XADD stream * field __rand_int__", ["XADD", "stream", "*", "field", "__rand_int__"]))
REPL_KEYS = os.environ.get("REPL_KEYS", "200000")
REPL_LOAD = os.environ.get("REPL_LOAD", "300000")
procs = []
rows = []  # (what, ours, redis, ratio)

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def call(port, *args):
    s = socket.create_connection(("127.0.0.1", port), timeout=600)
    try:
        s.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in (x.encode() for x in args)))
        return s.makefile("rb").readline().rstrip(b"\r\n").decode()
    finally:
        s.close()

def start(kind):
    port, d = free_port(), tempfile.mkdtemp(prefix="compare-" + kind)
    common = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", d, "--enable-debug-command", "local"]
    if kind == "ours":
        cmd = [java, "-jar", jar] + common  # as the README starts it
    else:
        cmd = ["redis-server", "--appendonly", "no", "--logfile", os.path.join(d, "redis.log")] + common
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(p)
    deadline = time.time() + 180  # a JVM's start on a busy machine (and the AOT cache's training start) takes a while
    while time.time() < deadline:
        try:
            if call(port, "PING") == "+PONG": return port, p
        except OSError: time.sleep(0.02)
    raise RuntimeError(kind + " did not start")

def stop(p, patience=30):
    p.terminate()
    try: p.wait(patience)
    except subprocess.TimeoutExpired: p.kill(); p.wait()

def tree(pid):
    """pid and its descendants (a JVM starts children from any of its threads)."""
    out = [pid]
    try:
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, task)) as f:
                for c in f.read().split(): out += tree(int(c))
    except OSError: pass
    return out

def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
    except OSError: return 0

def rss(p):
    """(whole tree, the largest process) in MB."""
    sizes = [rss_kb(x) for x in tree(p.pid)]
    return sum(sizes) / 1024, max(sizes) / 1024

def bench(port, *args):
    """{test: requests/s} from redis-benchmark -q."""
    out = subprocess.run(["redis-benchmark", "-p", str(port), "-q", "-c", "50"] + [str(a) for a in args],
                         capture_output=True, text=True).stdout.replace("\r", "\n")
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^([^:\n]+): ([\d.]+) requests per second", out, re.M)}

def bench_command(port, argv, *args):
    """requests/s of one command line (redis-benchmark -q prints "<command>: N requests per second")."""
    out = subprocess.run(["redis-benchmark", "-p", str(port), "-q", "-c", "50"] + [str(a) for a in args] + argv,
                         capture_output=True, text=True).stdout.replace("\r", "\n")
    rates = re.findall(r": ([\d.]+) requests per second", out)
    return float(rates[-1]) if rates else 0.0

def warm_families(port):
    """The families' warm-up, the same for both kinds: every measured test and command line, -P 16."""
    bench(port, "-t", FAMILY_TESTS, "-r", 100000, "-P", 16, "-n", FAMILY_REQUESTS // 2)
    for name, argv in FAMILY_COMMANDS:
        bench_command(port, argv, "-r", 100000, "-P", 16, "-n", FAMILY_REQUESTS // 2)

def families(ours, redis):
    """issue 10's families on two warmed servers, ours vs redis, alternating who goes first."""
    for i, pipeline in enumerate((16, 1)):
        n = FAMILY_REQUESTS if pipeline == 16 else FAMILY_REQUESTS // 5
        order = [("ours", ours), ("redis", redis)][::1 if i % 2 == 0 else -1]
        got = {}
        for kind, port in order:
            call(port, "FLUSHALL")
            got[kind] = bench(port, "-t", FAMILY_TESTS, "-r", 100000, "-P", pipeline, "-n", n)
            for name, argv in FAMILY_COMMANDS:
                got[kind][name] = bench_command(port, argv, "-r", 100000, "-P", pipeline, "-n", n)
        for test in list(got["redis"]):
            row("%s -P %d -c 50 (ops/s)" % (test, pipeline), got["ours"].get(test, 0), got["redis"][test])

def first_seconds(port, pipeline, seconds=5):
    """The overall SET rate redis-benchmark reports after `seconds` against a fresh server."""
    b = subprocess.Popen(["stdbuf", "-o0", "redis-benchmark", "-p", str(port), "-q", "-c", "50", "-t", "set", "-P", str(pipeline),
                          "-n", "1000000000"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    b.kill(); out = b.communicate()[0].decode().replace("\r", "\n")
    rates = re.findall(r"rps=[\d.]+ \(overall: ([\d.]+)\)", out)
    return float(rates[-1]) if rates else 0.0

def ratio(o, r): return "%.2f" % (o / r) if r else "-"

def row(what, o, r, fmt="%.0f"):
    rows.append((what, fmt % o, fmt % r, ratio(o, r)))

def collections_file():
    """100k small hashes, sets and zsets (5 short fields/members each), as one RESP stream."""
    path = os.path.join(tempfile.mkdtemp(prefix="compare-data"), "collections.resp")
    def cmd(*a):
        return b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a)
    with open(path, "wb") as f:
        for i in range(100000):
            n = b"%d" % i
            f.write(cmd(b"HSET", b"hash:" + n, *sum(([b"field%d" % k, b"value:" + n] for k in range(5)), [])))
            f.write(cmd(b"SADD", b"set:" + n, *[b"member:%d" % (i + k) for k in range(5)]))
            f.write(cmd(b"ZADD", b"zset:" + n, *sum(([b"%d" % k, b"member:%d" % (i + k)] for k in range(5)), [])))
    return path

def pipe(port, path):
    with open(path, "rb") as f:
        subprocess.run(["redis-cli", "-p", str(port), "--pipe"], stdin=f, stdout=subprocess.DEVNULL, check=True)

def load(): return os.getloadavg()[0]

def print_table(load_start, jvm_options):
    print("Measured %s on %d cores, load average %.1f at start, %.1f at end; JDK %s; shard launched as"
          " `java -jar syncer-shard.jar`, its JVM: `%s`" % (time.strftime("%Y-%m-%d"), os.cpu_count(), load_start,
          load(), subprocess.run([java, "-version"], capture_output=True, text=True).stderr.split('"')[1],
          " ".join(jvm_options)))
    print()
    print("| What | Ours | redis-server | Ratio ours/redis |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        print("| %s | %s | %s | %s |" % r)

try:
    load_start = load()
    jvm_options = ["(see the launcher)"]
    if only_families:
        ours, op = start("ours")
        redis, rp = start("redis")
        for port in (ours, redis):
            bench(port, "-t", "set,get", "-P", 16, "-n", WARMUP)
            warm_families(port)
        families(ours, redis)
        stop(op); stop(rp)
        raise SystemExit(print_table(load_start, jvm_options))
    # 0. the first start of a jar build trains its AOT cache (written as it exits, see AotCache):
    #    done here once, so the cold runs below start as every later start of the jar does
    port, p = start("ours"); stop(p, patience=300)  # writing the cache takes a while on a busy machine
    # 1. cold: the first 5 s of a server just started, each kind on its own
    cold = {}
    for pipeline in (16, 1):
        for kind in ("ours", "redis"):
            port, p = start(kind)
            if kind == "ours" and pipeline == 16:
                child = max(tree(p.pid), key=rss_kb)
                with open("/proc/%d/cmdline" % child) as f:
                    argv = f.read().split("\0")
                jvm_options = argv[1:argv.index("-cp")] if "-cp" in argv else ["(not relaunched)"]
            cold[kind, pipeline] = first_seconds(port, pipeline)
            stop(p)
    # 2. one server each for the rest
    ours, op = start("ours")
    redis, rp = start("redis")
    time.sleep(1)
    empty = rss(op), rss(rp)
    for port in (ours, redis):
        bench(port, "-t", "set,get", "-P", 16, "-n", WARMUP)
        bench(port, "-t", "set,get", "-P", 1, "-n", WARMUP // 10)
    warm = {}
    for i, pipeline in enumerate((16, 1)):
        n = REQUESTS if pipeline == 16 else REQUESTS // 5
        order = [("ours", ours), ("redis", redis)][::1 if i % 2 == 0 else -1]
        for kind, port in order:
            warm[kind, pipeline] = bench(port, "-t", "set,get", "-P", pipeline, "-n", n)
    for pipeline in (16, 1):
        row("first 5 s, SET -P %d -c 50, fresh start (ops/s)" % pipeline, cold["ours", pipeline],
            cold["redis", pipeline])
    for pipeline in (16, 1):
        for test in ("SET", "GET"):
            row("%s -P %d -c 50, warmed (ops/s)" % (test, pipeline), warm["ours", pipeline].get(test, 0),
                warm["redis", pipeline].get(test, 0))
    for port in (ours, redis): warm_families(port)
    families(ours, redis)
    for port in (ours, redis): call(port, "FLUSHALL")
    data = collections_file()
    for port in (ours, redis): pipe(port, data)
    colls = rss(op), rss(rp)
    for port in (ours, redis):
        call(port, "FLUSHALL")
        call(port, "DEBUG", "POPULATE", "1000000")
    strings = rss(op), rss(rp)
    for port in (ours, redis): call(port, "FLUSHALL")
    time.sleep(5)
    idle = rss(op), rss(rp)
    for port in (ours, redis): call(port, "MEMORY", "PURGE")
    purged = rss(op), rss(rp)
    stop(op); stop(rp)
    # 3. each data set in a server started for it alone: its own cost, nothing left from before
    fresh = {}
    for what in ("collections", "strings"):
        for kind in ("ours", "redis"):
            port, p = start(kind)
            if what == "collections": pipe(port, data)
            else: call(port, "DEBUG", "POPULATE", "1000000")
            fresh[what, kind] = rss(p)
            stop(p)
    for what, (o, r) in (("RSS empty, after start", empty), ("RSS, 100k small hashes + sets + zsets", colls),
                         ("RSS, 1M small strings (DEBUG POPULATE)", strings),
                         ("RSS idle after FLUSHALL (5 s)", idle),
                         ("RSS idle after FLUSHALL, then MEMORY PURGE", purged),
                         ("RSS, 100k small hashes + sets + zsets, fresh process", (fresh["collections", "ours"], fresh["collections", "redis"])),
                         ("RSS, 1M small strings (DEBUG POPULATE), fresh process", (fresh["strings", "ours"], fresh["strings", "redis"]))):
        rows.append((what + " (MB; shard JVM alone)", "%.0f (%.0f)" % o[:2], "%.0f" % r[0], ratio(o[0], r[0])))
    if replication:
        print("running replication-bench.sh %s 100 %s ..." % (REPL_KEYS, REPL_LOAD), file=sys.stderr, flush=True)
        out = subprocess.run(["engine/bench/replication-bench.sh", REPL_KEYS, "100", REPL_LOAD],
                             capture_output=True, text=True).stdout
        names = {"full sync, disk (s)": "full sync %s keys x 100 B, disk (s)" % REPL_KEYS,
                 "full sync, diskless (s)": "full sync, diskless (s)",
                 "partial resume, median (s)": "partial resume, median (s)",
                 "writes alone (SET/s)": "writes a primary absorbs alone, SET -P 16 (ops/s)",
                 "writes streaming (SET/s)": "writes absorbed while streaming to a replica (ops/s)",
                 "streaming / alone": "streaming / alone",
                 "lag p99 (bytes)": "replica lag p99 under that load (bytes)",
                 "catch-up after load (s)": "catch-up after the load (s)",
                 "lag p99, 1st load (bytes)": "replica lag p99, first load after its sync (bytes)",
                 "catch-up, 1st load (s)": "catch-up after that first load (s)",
                 "writes, 1st load (SET/s)": "writes absorbed during that first load (ops/s)"}
        for line in out.splitlines():
            m = re.match(r"^(.+?)\s{2,}(\S+)\s+(\S+)\s+(\S+)$", line)
            if m and m.group(1).strip() in names:
                rows.append((names[m.group(1).strip()], m.group(2), m.group(3), m.group(4)))
    print_table(load_start, jvm_options)
finally:
    for p in procs:
        if p.poll() is None:
            for pid in tree(p.pid)[::-1]:
                try: os.kill(pid, 9)
                except OSError: pass
PY
