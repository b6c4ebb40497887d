#!/usr/bin/env bash
# Dual-channel against single-channel full sync, under write load, one run:
#
#   engine/bench/dual-channel-bench.sh [keys=1000000] [value-bytes=100]
#
# For our shard (ours -> ours) and, when it is there, valkey-server 8 (valkey -> valkey): a primary
# with <keys> keys of <value-bytes> bytes and dual-channel-replication-enabled yes, written to by
# redis-benchmark (SET -P16 -c50) the whole time; a fresh replica syncs twice, once with
# dual-channel-replication-enabled no and once with yes. Measured on the primary: the peak of INFO
# memory's mem_clients_slaves (the replication buffer beyond repl-backlog-size, as Redis 7.0 counts
# it: zero while the held stream fits in the backlog) and of the largest replica omem in CLIENT
# LIST TYPE replica (the stream held for that replica while it takes the snapshot, wherever it is
# counted), sampled every few ms until the primary lists the replica online; and the
# time from REPLICAOF until the replica's link is up with its data loaded (master_link_status:up,
# master_sync_in_progress:0), and until it also caught up with the primary's offset of that moment
# (a single-channel replica catches up after its link is up, a dual-channel one before). Prints each number and the ratio dual/single, and the load average.
# Needs redis-benchmark, python3 and a JDK 21+ (JAVA_HOME); valkey-server from $VALKEY_SERVER or
# ~/.cache/syncer-console/peers/valkey (tools/peers.sh valkey) for the reference row.
# DUAL_BENCH_PAIRS="ours valkey ours/valkey valkey/ours" adds mixed rows (primary/replica): which
# side of a pair holds the buffer.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=engine/target/syncer-shard.jar
if [[ ! -f $JAR ]]; then
  mvn -q -o -pl engine -am package -DskipTests
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
VALKEY="${VALKEY_SERVER:-$HOME/.cache/syncer-console/peers/valkey/usr/bin/valkey-server}"
exec python3 - "$JAR" "$JAVA" "$VALKEY" "${1:-1000000}" "${2:-100}" "${DUAL_BENCH_PAIRS:-}" <<'PY'
import os, socket, subprocess, sys, tempfile, time

jar, java, valkey, keys, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
pairs = sys.argv[6].split()
procs = []

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def read(f):
    line = f.readline().rstrip(b"\r\n")
    t, rest = line[:1], line[1:]
    if t == b"+": return rest.decode()
    if t == b"-": raise RuntimeError(rest.decode())
    if t == b":": return int(rest)
    if t == b"$":
        n = int(rest)
        return None if n < 0 else f.read(n + 2)[:-2].decode("latin-1")
    if t == b"*": return [read(f) for _ in range(int(rest))]
    raise RuntimeError("bad reply %r" % line)

class Conn:
    """A kept-open connection: INFO is polled every few ms."""
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=600); self.f = self.s.makefile("rb")
    def call(self, *args):
        self.s.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a.encode()), a.encode()) for a in args))
        return read(self.f)
    def info(self, section):
        return dict(l.split(":", 1) for l in self.call("INFO", section).split("\r\n") if ":" in l and not l.startswith("#"))
    def replica_omem(self):
        lines = self.call("CLIENT", "LIST", "TYPE", "replica").splitlines()
        return max([int(f[5:]) for l in lines for f in l.split() if f.startswith("omem=")] or [0])
    def close(self): self.s.close()

def start(kind, dual):
    port, d = free_port(), tempfile.mkdtemp(prefix="bench-dual-" + kind)
    common = ["--port", str(port), "--dir", d, "--save", "", "--repl-diskless-sync", "yes",
              "--repl-diskless-sync-delay", "0", "--repl-backlog-size", "64mb",
              "--dual-channel-replication-enabled", dual]
    if kind == "ours":
        cmd = [java, "-jar", jar, "--enable-debug-command", "local"] + common
    else:
        cmd = [valkey, "--bind", "127.0.0.1", "--appendonly", "no", "--enable-debug-command", "local",
               "--logfile", os.path.join(d, "valkey.log")] + common
    p = subprocess.Popen(cmd, stdout=open(os.path.join(d, "out.log"), "w"), stderr=subprocess.STDOUT)
    procs.append(p)
    for _ in range(2400):
        try:
            c = Conn(port)
            if c.call("PING") == "PONG": c.close(); return port, p
        except Exception: time.sleep(0.05)
    raise RuntimeError(kind + " did not start, see " + d)

def online(info, port):
    return any(k.startswith("slave") and ("port=%d," % port) in v and "state=online" in v for k, v in info.items())

def sync(kind, primary, pconn, dual):
    replica, proc = start(kind, dual)
    rconn = Conn(replica)
    peak = opeak = 0
    t0 = time.time(); rconn.call("REPLICAOF", "127.0.0.1", str(primary))
    took = caught = target = None
    while caught is None:
        peak = max(peak, int(pconn.info("memory")["mem_clients_slaves"]))
        opeak = max(opeak, pconn.replica_omem())
        r = rconn.info("replication")
        if took is None and r.get("master_link_status") == "up" and r.get("master_sync_in_progress") == "0":
            took = time.time() - t0; target = int(pconn.info("replication")["master_repl_offset"])
        if took is not None and int(r["master_repl_offset"]) >= target and online(pconn.info("replication"), replica):
            caught = time.time() - t0
        if time.time() - t0 > 900: raise RuntimeError("sync did not finish")
        time.sleep(0.003)
    phases = ""
    if kind == "ours":
        events, waited = rconn.call("SYNCEVENTS"), time.time()
        while not events and time.time() - waited < 60:  # a dual-channel sync's event ends once its held stream is applied
            time.sleep(0.2); events = rconn.call("SYNCEVENTS")
        last = dict(zip(events[-1][0::2], events[-1][1::2])) if events else {}
        phases = last.get("phases", "(no event)") + ("; " + last["detail"] if last.get("detail") else "")
    rconn.close(); proc.kill(); proc.wait()
    return (peak, opeak), took, caught, phases

def bench(pair):
    kind, rkind = (pair.split("/") + [pair])[:2]  # primary/replica; one name: both
    primary, _ = start(kind, "yes")
    pconn = Conn(primary)
    pconn.call("DEBUG", "POPULATE", str(keys), "key", str(size))
    load = subprocess.Popen(["redis-benchmark", "-p", str(primary), "-t", "set", "-n", "100000000", "-d", str(size),
                             "-r", str(keys), "-c", "50", "-P", "16", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(load)
    try:
        time.sleep(2)  # the load is running at full speed before the first sync
        sync(rkind, primary, pconn, "no")  # warm-up (our JIT): not counted
        out = {}
        for mode, dual in (("single", "no"), ("dual", "yes")):
            peak, took, caught, phases = sync(rkind, primary, pconn, dual)
            out[mode] = (peak, took, caught)
            if phases: print("  %s %s-channel phases: %s" % (pair, mode, phases), flush=True)
        return out
    finally:
        load.kill(); load.wait(); pconn.close()

ratio = lambda d, s: ("%.2f" % (d / s)) if s else "-"
try:
    print("keys=%d value=%dB, SET load -P16 -c50 during each sync; load average %s"
          % (keys, size, " ".join(open("/proc/loadavg").read().split()[:3])), flush=True)
    kinds = pairs or ["ours"] + (["valkey"] if os.path.exists(valkey) else [])
    rows = []  # each pair's row as it finishes: a pair that fails (a replica dropped for its output buffer) costs only its row
    for k in kinds:
        try:
            r = bench(k)
        except Exception as e:
            rows.append("%-12s failed: %s" % (k, e)); print("  " + rows[-1], flush=True); continue
        finally:
            for p in procs:  # this pair's servers: the next pair runs alone
                if p.poll() is None: p.kill(); p.wait()
        ((ps, os_), ts, cs), ((pd, od), td, cd) = r["single"], r["dual"]
        rows.append("%-12s %13d %13d %8s | %13d %13d %8s | %9.2f %9.2f %5.2f | %9.2f %9.2f %5.2f"
                    % (k, ps, pd, ratio(pd, ps), os_, od, ratio(od, os_), ts, td, td / ts, cs, cd, cd / cs))
        print("  " + rows[-1], flush=True)
    print("%-12s %13s %13s %8s | %13s %13s %8s | %9s %9s %5s | %9s %9s %5s" % ("server", "buf single B", "buf dual B",
          "buf d/s", "omem single B", "omem dual B", "omem d/s", "up sgl s", "up dual s", "d/s", "cau sgl s", "cau dual s", "d/s"))
    print("\n".join(rows))
    print("buf: peak mem_clients_slaves on the primary; omem: peak of the largest replica omem in its CLIENT LIST;"
          " up: until the replica's link is up with its data;"
          " cau: until it also reached the primary's offset of that moment and the primary lists it online")
    print("load average after: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
finally:
    for p in procs:
        if p.poll() is None: p.kill()
PY
