#!/usr/bin/env bash
# Replication benchmark: our shards (ours -> ours) against redis-server (redis -> redis), one run.
#
#   engine/bench/replication-bench.sh [keys=1000000] [value-bytes=100] [load-requests=200000]
#
# Measures, for each pair: a full sync of <keys> keys of <value-bytes> bytes, disk-backed and
# diskless (REPLICAOF until master_link_status:up); the time to resume with a partial sync after
# the replica's link is killed (until the replica applied a write sent to the primary after the kill,
# which releases an XREAD BLOCK on the replica: no polling while it runs; also the older polled
# figure, and the CPU time each process used during the unpolled resume, which a loaded machine
# does not inflate as it does the elapsed time); and the replication lag in bytes (primary's master_repl_offset
# minus the replica's, sampled every few ms) while redis-benchmark writes to the primary; the
# writes/s the primary absorbs alone and while streaming (and their ratio), and the catch-up time
# from the end of that load until the replica's offset reaches the primary's. The streaming load
# runs twice: first on the freshly synced replica ("1st load" rows: its apply path still cold JIT
# code), then again on the warmed pair (the other streaming rows). Before all that our jar is started
# and stopped once, so that its AOT cache exists and every shard of ours below starts with it, as
# any start after a jar build's first does (see launch.AotCache).
# What is polled while a time is taken goes over connections kept open: a new connection per poll
# costs our shard's loop far more than redis-server's (its accept path is cold JIT code), on the
# very loop whose resume is timed.
# Prints each number and the ratio ours/redis. Needs redis-server, redis-cli, redis-benchmark,
# python3 and a JDK 21+ (JAVA_HOME); builds engine/target/syncer-shard.jar if it is missing.
# Numbers depend on the machine and on what else runs on it: compare the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=engine/target/syncer-shard.jar
if [[ ! -f $JAR ]]; then
  mvn -q -pl engine -am package -DskipTests
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec python3 - "$JAR" "$JAVA" "${1:-1000000}" "${2:-100}" "${3:-200000}" <<'PY'
import os, socket, subprocess, sys, tempfile, time

jar, java, keys, size, load = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
procs = []

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def call(port, *args, timeout=600):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        cmd = b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a.encode()), a.encode()) for a in args)
        s.sendall(cmd)
        f = s.makefile("rb")
        return read(f)
    finally:
        s.close()

def read(f):
    line = f.readline().rstrip(b"\r\n")
    t, rest = line[:1], line[1:]
    if t == b"+": return rest.decode()
    if t == b"-": raise RuntimeError(rest.decode())
    if t == b":": return int(rest)
    if t == b"$":
        n = int(rest)
        if n < 0: return None
        data = f.read(n + 2)[:-2]; return data.decode("latin-1")
    if t == b"*": return [read(f) for _ in range(int(rest))]
    raise RuntimeError("bad reply %r" % line)

class Info:
    """A kept-open connection for fast INFO polling (a new connection per poll would load the polled server)."""
    def __init__(self, port, section="replication"):
        self.s = socket.create_connection(("127.0.0.1", port)); self.f = self.s.makefile("rb")
        self.request = b"*2\r\n$4\r\nINFO\r\n$%d\r\n%s\r\n" % (len(section), section.encode())
    def get(self):
        self.s.sendall(self.request)
        text = read(self.f)
        return dict(l.split(":", 1) for l in text.split("\r\n") if ":" in l and not l.startswith("#"))
    def send(self, *args):
        self.s.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a.encode()) for a in args))
    def call(self, *args):
        self.send(*args)
        return read(self.f)
    def close(self): self.s.close()

def start(kind, extra=()):
    port, d = free_port(), tempfile.mkdtemp(prefix="bench-" + kind)
    common = ["--port", str(port), "--dir", d, "--save", "", "--repl-diskless-sync-delay", "0",
              "--repl-backlog-size", "64mb"] + list(extra)
    if kind == "ours":
        # as the README starts it: the launcher picks its own JVM options
        cmd = [java, "-jar", jar, "--enable-debug-command", "local"] + common
    else:
        cmd = ["redis-server", "--bind", "127.0.0.1", "--appendonly", "no", "--enable-debug-command", "local",
               "--logfile", os.path.join(d, "redis.log")] + common
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(p)
    deadline = time.time() + 180  # a JVM's start on a busy machine (the training start's most) takes a while
    while time.time() < deadline:
        try:
            if call(port, "PING", timeout=1) == "PONG": return port, p
        except Exception: time.sleep(0.05)
    raise RuntimeError(kind + " did not start")

def train_cache():
    """The first start of a jar build is its AOT cache's training run (see launch.AotCache): it syncs
    shards of its own in the background and writes the cache as it exits cleanly. Done here once, so
    that every server below starts as any later start of the jar does; a training run killed with
    SIGKILL writes nothing, and each start would be a training run again, its workload sharing the
    cores with the sync and the load being measured."""
    t0 = time.time(); port, p = start("ours")
    with open("/proc/%d/cmdline" % p.pid) as f: training = "-XX:AOTCacheOutput=" in f.read()
    p.terminate()
    # the stop waits for the training workload, then the cache's assembly (minutes on a busy machine)
    try: p.wait(900)
    except subprocess.TimeoutExpired: p.kill(); p.wait()
    print("  ours: AOT cache %s" % ("trained in %.0f s" % (time.time() - t0) if training else "there already"), flush=True)

def wait_up(info, since, deadline=900):
    while time.time() - since < deadline:
        i = info.get()
        if i.get("master_link_status") == "up" and i.get("master_sync_in_progress") == "0": return time.time() - since
        time.sleep(0.005)
    raise RuntimeError("sync did not finish")

def cpu_ms(pid, thread=None):
    """CPU time the process has used, all its threads (a JVM's compiler threads too), in ms, from
    /proc's per-thread schedstat (ns): what survives a loaded machine, unlike the elapsed time.
    With thread, only the threads whose name starts so (the serving thread: ours "shard-", its
    event loop; redis-server's main thread carries the process's name)."""
    total = 0
    for task in os.listdir("/proc/%d/task" % pid):
        try:
            if thread:
                with open("/proc/%d/task/%s/comm" % (pid, task)) as f:
                    if not f.read().startswith(thread): continue
            with open("/proc/%d/task/%s/schedstat" % (pid, task)) as f: total += int(f.read().split()[0])
        except (OSError, ValueError): pass  # a thread that just ended
    return total / 1e6

def resume_times(pinfo, rinfo, pstats, waiter, rclients, pids, loop):
    """Medians of 7 partial resumes after CLIENT KILL TYPE master on the replica, each timed two ways,
    alternating: until an XADD sent to the primary after the kill is applied by the replica (it releases
    an XREAD BLOCK there: nothing is asked of either server while the time runs; the same XADD timed with
    the link up, before each kill, is that mark's own share), and as before, by
    polling the primary's sync_partial_ok every ms, then the replica's link status (those INFO calls
    run on the very loops that serve the resume: 0.05 ms each on redis-server, 0.4-1.5 ms on ours).
    The unpolled ones also give the CPU each process (pids: primary, replica) used meanwhile, and
    that of its serving thread alone (loop: the thread name's start): the rest is a JVM's JIT
    compiler and GC threads, which redis-server does not have."""
    pinfo.call("XADD", "resume-mark", "*", "n", "0")
    while waiter.call("EXISTS", "resume-mark") != 1: time.sleep(0.01)
    def marked(kill, cpu):
        """From just before the kill (if any) until the XADD sent after it released the XREAD on the
        replica; appends to cpu the [primary, replica, primary loop, replica loop] CPU ms used meanwhile."""
        waiter.send("XREAD", "BLOCK", "0", "STREAMS", "resume-mark", "$")
        while rclients.get()["blocked_clients"] == "0": time.sleep(0.001)
        c0 = [cpu_ms(p) for p in pids] + [cpu_ms(p, loop) for p in pids]
        t0 = time.time()
        if kill: rinfo.call("CLIENT", "KILL", "TYPE", "master")
        pinfo.call("XADD", "resume-mark", "*", "n", "1")  # in the backlog the replica resumes from
        if read(waiter.f) is None: raise RuntimeError("XREAD timed out")
        elapsed = time.time() - t0
        cpu.append([now - c for now, c in zip([cpu_ms(p) for p in pids] + [cpu_ms(p, loop) for p in pids], c0)])
        return elapsed
    unpolled, polled, linked, cpu, linked_cpu = [], [], [], [], []
    for _ in range(7):  # the median of several: one resume is a few ms, easily disturbed
        partial_before = pstats.get()["sync_partial_ok"]
        linked.append(marked(False, linked_cpu))  # the same write with the link up: what of the resume is the mark's own path
        time.sleep(0.05)
        unpolled.append(marked(True, cpu))
        wait_up(rinfo, time.time())
        if pstats.get()["sync_partial_ok"] == partial_before: raise RuntimeError("not a partial resync")
        time.sleep(0.2)
        partial_before = pstats.get()["sync_partial_ok"]
        t0 = time.time(); rinfo.call("CLIENT", "KILL", "TYPE", "master")
        while pstats.get()["sync_partial_ok"] == partial_before:  # CLIENT KILL acts after its reply
            if time.time() - t0 > 60: raise RuntimeError("no partial resync")
            time.sleep(0.001)
        polled.append(wait_up(rinfo, t0))
        time.sleep(0.2)
    median = lambda v: sorted(v)[len(v) // 2]
    return (median(unpolled), median(polled), median(linked), median([c[1] for c in cpu]),
            median([c[0] for c in cpu]), median([c[0] + c[1] for c in linked_cpu]),
            median([c[3] for c in cpu]), median([c[2] for c in cpu]))

def load_cmd(port, n):
    return ["redis-benchmark", "-p", str(port), "-t", "set", "-n", str(n), "-d", str(size),
            "-r", str(keys), "-c", "50", "-P", "16", "-q"]

def rate(text):
    """requests per second from redis-benchmark -q output ("SET: 123456.79 requests per second")."""
    last = text.replace("\r", "\n").strip().splitlines()[-1]
    return float(last.split(":", 1)[1].split("requests")[0])

def stream_load(primary, pinfo, rinfo):
    """One write load on the primary with its replica attached: the lag sampled while it runs, the
    catch-up after it, the writes/s it reached."""
    b = subprocess.Popen(load_cmd(primary, load), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lags = []
    while b.poll() is None:
        p_off = int(pinfo.get()["master_repl_offset"]); r_off = int(rinfo.get()["master_repl_offset"])
        lags.append(max(0, p_off - r_off)); time.sleep(0.005)
    # Catch-up: from the end of the load until the replica's offset reaches the primary's.
    t0 = time.time(); target = int(pinfo.get()["master_repl_offset"])
    while int(rinfo.get()["master_repl_offset"]) < target:
        if time.time() - t0 > 120: raise RuntimeError("replica did not catch up")
        time.sleep(0.001)
    caught_up = time.time() - t0
    lags.sort()
    return {"catch-up": caught_up, "rate": rate(b.stdout.read()),
            "lag p50": lags[len(lags) // 2] if lags else 0, "lag p99": lags[int(len(lags) * 0.99)] if lags else 0}

def bench(kind):
    out = {}
    primary, pproc = start(kind)
    call(primary, "DEBUG", "POPULATE", str(keys), "key", str(size))
    assert call(primary, "DBSIZE") == keys
    # Warm-up, the same for both kinds: one full sync and a write burst with the replica attached
    # (our JIT compiles the snapshot, load and stream paths; Redis is unaffected).
    warm, wproc = start(kind)
    winfo = Info(warm)
    t0 = time.time(); call(warm, "REPLICAOF", "127.0.0.1", str(primary)); wait_up(winfo, t0)
    subprocess.run(load_cmd(primary, load), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    winfo.close(); wproc.kill(); wproc.wait()
    # The same load with no replica attached: what the primary absorbs alone, once warm.
    out["writes alone (SET/s)"] = rate(subprocess.run(load_cmd(primary, load), capture_output=True, text=True).stdout)
    for mode in ("disk", "diskless"):
        call(primary, "CONFIG", "SET", "repl-diskless-sync", "no" if mode == "disk" else "yes")
        replica, proc = start(kind)
        info = Info(replica)
        t0 = time.time(); call(replica, "REPLICAOF", "127.0.0.1", str(primary))
        out["full sync, %s (s)" % mode] = wait_up(info, t0)
        info.close()
        if kind == "ours":  # where the time went, from the replica's sync event log
            events = call(replica, "SYNCEVENTS")
            fields = dict(zip(events[-1][0::2], events[-1][1::2]))
            print("  ours, %s full sync phases: %s" % (mode, fields["phases"]), flush=True)
        if mode == "disk": proc.kill(); proc.wait()
    pinfo, rinfo, pstats = Info(primary), Info(replica), Info(primary, "stats")
    resumes, polled, linked, rcpu, pcpu, linked_cpu, rloop, ploop = resume_times(
        pinfo, rinfo, pstats, Info(replica), Info(replica, "clients"), (pproc.pid, proc.pid),
        "shard-" if kind == "ours" else "redis-server")
    out["partial resume, median (s)"] = resumes
    out["  same write, link up (s)"] = linked
    out["resume CPU, replica (ms)"] = rcpu
    out["resume CPU, primary (ms)"] = pcpu
    out["  replica's loop thread (ms)"] = rloop
    out["  primary's loop thread (ms)"] = ploop
    out["  same write CPU, both (ms)"] = linked_cpu
    out["resume, polled (s)"] = polled
    # The replica is a process started for the full sync above: the first load it streams runs its
    # apply path (decoder, dispatch, keyspace) as cold JIT code, which the primary's warm-up
    # compiled only in the primary. That load is measured on its own ("1st load" rows: a freshly
    # synced replica), then the same load again, the replica now warmed as the primary was.
    first = stream_load(primary, pinfo, rinfo)
    out["lag p99, 1st load (bytes)"] = first["lag p99"]
    out["catch-up, 1st load (s)"] = first["catch-up"]
    out["writes, 1st load (SET/s)"] = first["rate"]
    warmed = stream_load(primary, pinfo, rinfo)
    out["catch-up after load (s)"] = warmed["catch-up"]
    out["lag p50 (bytes)"] = warmed["lag p50"]
    out["lag p99 (bytes)"] = warmed["lag p99"]
    out["writes streaming (SET/s)"] = warmed["rate"]
    out["streaming / alone"] = warmed["rate"] / out["writes alone (SET/s)"]
    pinfo.close(); rinfo.close(); pstats.close()
    return out

try:
    print("keys=%d value=%dB load=%d SETs (pipelined 16, 50 clients)" % (keys, size, load), flush=True)
    train_cache()
    results = {k: bench(k) for k in ("ours", "redis")}
    for p in procs: p.kill()
    print("%-26s %14s %14s %8s" % ("metric", "ours->ours", "redis->redis", "ratio"))
    for metric in results["ours"]:
        o, r = results["ours"][metric], results["redis"][metric]
        if isinstance(o, str):
            print("%-26s %14s %14s" % (metric, o, r)); continue
        ratio = ("%.2f" % (o / r)) if r else "-"
        fmt = "%14.3f" if isinstance(o, float) else "%14d"
        print(("%-26s " + fmt + " " + fmt + " %8s") % (metric, o, r, ratio))
finally:
    for p in procs:
        if p.poll() is None: p.kill()
PY
