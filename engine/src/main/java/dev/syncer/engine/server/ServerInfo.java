package dev.syncer.engine.server;

import dev.syncer.engine.keyspace.Database;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The INFO sections every shard has: server, clients, memory, stats, keyspace, and a replication
 * section for a shard without replication. Field names are Redis's, so tools that parse INFO work.
 * Other components replace or add sections ({@link Shard#addInfoSection}).
 */
final class ServerInfo {

    private ServerInfo() {
    }

    static void register(Shard shard) {
        shard.addInfoSection(section("Server", out -> {
            long uptime = (shard.clock().millis() - shard.startMillis()) / 1000;
            out.field("redis_version", "7.0.15")
                    .field("redis_mode", "standalone")
                    .field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"))
                    .field("arch_bits", 64)
                    .field("multiplexing_api", io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio")
                    .field("process_id", ProcessHandle.current().pid())
                    .field("run_id", shard.runId())
                    .field("tcp_port", shard.port())
                    .field("server_time_usec", shard.clock().millis() * 1000)
                    .field("uptime_in_seconds", uptime)
                    .field("uptime_in_days", uptime / 86400)
                    .field("hz", shard.config().get("hz"))
                    .field("executable", "syncer-shard")
                    .field("engine", "syncer-console")
                    .field("java_version", Runtime.version());
        }));
        shard.addInfoSection(section("Clients", out -> {
            int replicas = 0;
            for (ClientSession c : shard.clients()) {
                if (c.kind() == ClientSession.Kind.REPLICA) {
                    replicas++;
                }
            }
            out.field("connected_clients", shard.clientCount() - replicas)
                    .field("maxclients", shard.config().get("maxclients"))
                    .field("blocked_clients", shard.dispatcher().blockedClients() + shard.clientPause().parkedCount());
        }));
        shard.addInfoSection(section("Memory", out -> {
            // used_memory is what redis-server would hold (Eviction, ObjectSize): the JVM heap is
            // shared by every shard of the process, so it is reported apart as jvm_heap_used.
            Runtime rt = Runtime.getRuntime();
            Eviction ev = shard.eviction();
            ev.measureClients(); // the clients' buffers as they are now, not as of the last cron (a replica just killed)
            long used = ev.usedMemory();
            long rss = residentSetSize();
            long maxmemory = shard.config().getLong("maxmemory");
            out.field("used_memory", used)
                    .field("used_memory_human", human(used))
                    .field("used_memory_rss", rss)
                    .field("used_memory_rss_human", human(rss))
                    .field("used_memory_peak", ev.peak())
                    .field("used_memory_peak_human", human(ev.peak()))
                    .field("used_memory_startup", 0)
                    .field("used_memory_dataset", shard.keyspace().usedMemory())
                    .field("maxmemory", maxmemory)
                    .field("maxmemory_human", human(maxmemory))
                    .field("maxmemory_policy", shard.config().get("maxmemory-policy"))
                    .field("mem_fragmentation_ratio", String.format("%.2f", used == 0 ? 0.0 : (double) rss / used))
                    .field("mem_not_counted_for_evict", ev.notCountedForEvict())
                    .field("mem_replication_backlog", ev.replicationBacklogBytes())
                    .field("mem_total_replication_buffers", ev.totalReplicationBuffers())
                    .field("mem_clients_slaves", ev.replicaClientsMemory())
                    .field("mem_clients_normal", ev.clientsNormal())
                    .field("mem_allocator", "jvm")
                    .field("lazyfree_pending_objects", 0) // frees are never deferred
                    .field("jvm_heap_used", rt.totalMemory() - rt.freeMemory());
        }));
        shard.addInfoSection(section("Stats", out -> {
            Stats s = shard.stats();
            out.field("total_connections_received", s.connectionsReceived)
                    .field("total_commands_processed", s.commandsProcessed)
                    .field("instantaneous_ops_per_sec", s.instantaneousOpsPerSec())
                    .field("total_net_input_bytes", s.netInputBytes)
                    .field("total_net_output_bytes", s.netOutputBytes)
                    .field("instantaneous_input_kbps", String.format("%.2f", s.instantaneousInputBytesPerSec() / 1024.0))
                    .field("instantaneous_output_kbps", String.format("%.2f", s.instantaneousOutputBytesPerSec() / 1024.0))
                    .field("rejected_connections", s.rejectedConnections)
                    .field("expired_keys", s.expiredKeys)
                    .field("evicted_keys", s.evictedKeys)
                    .field("evicted_clients", s.evictedClients)
                    .field("keyspace_hits", s.keyspaceHits)
                    .field("keyspace_misses", s.keyspaceMisses)
                    .field("unexpected_error_replies", s.unexpectedErrorReplies)
                    .field("total_error_replies", s.errorReplies);
            shard.dispatcher().infoStats(out);
        }));
        shard.addInfoSection(section("CPU", out -> {
            double[] cpu = cpuSeconds();
            out.field("used_cpu_sys", String.format(java.util.Locale.ROOT, "%.6f", cpu[1]))
                    .field("used_cpu_user", String.format(java.util.Locale.ROOT, "%.6f", cpu[0]))
                    .field("used_cpu_sys_children", "0.000000")
                    .field("used_cpu_user_children", "0.000000");
        }));
        shard.addInfoSection(section("Replication", out -> out.field("role", "master")
                .field("connected_slaves", 0)));
        shard.addInfoSection(section("Keyspace", out -> {
            for (int i = 0; i < shard.keyspace().databaseCount(); i++) {
                Database db = shard.keyspace().db(i);
                if (db.size() > 0) {
                    out.field("db" + i, "keys=" + db.size() + ",expires=" + db.expiresSize() + ",avg_ttl=0");
                }
            }
        }));
    }

    static InfoSection section(String name, java.util.function.Consumer<InfoSection.InfoWriter> body) {
        return new InfoSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void write(InfoWriter out) {
                body.accept(out);
            }
        };
    }

    /** The process's user and system CPU seconds (Linux's /proc/self/stat), or the JVM's total as user time. */
    static double[] cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new double[] {Long.parseLong(f[11]) / 100.0, Long.parseLong(f[12]) / 100.0};
        } catch (Exception e) {
            return new double[] {ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0), 0};
        }
    }

    /** The process's resident set size in bytes (Linux), or the JVM's committed memory elsewhere. */
    static long residentSetSize() {
        try {
            String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(statm[1]) * 4096;
        } catch (Exception e) {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "KMGTP";
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.2f%c", v, units.charAt(u));
    }
}
