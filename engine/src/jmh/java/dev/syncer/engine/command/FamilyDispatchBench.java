package dev.syncer.engine.command;

import dev.syncer.engine.Shards;
import dev.syncer.engine.resp.Reply;
import dev.syncer.engine.resp.RespEncoding;
import dev.syncer.engine.server.ClientSession;
import dev.syncer.engine.server.Config;
import dev.syncer.engine.server.Dispatcher;
import dev.syncer.engine.server.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue 10's command families through dispatch, as compare-redis-benchmark.sh sends them
 * (redis-benchmark -r 100000: one key per family, members "element:N" and scores with N random
 * below 100,000), on a shard built but not started. Each family's key is filled by its prepared
 * commands first, so a run measures the collection at the size the benchmark reaches. {@code spop}
 * is an SPOP and an SADD of two random members, {@code zpopminZadd} a ZPOPMIN and a ZADD of two
 * (each set stays near half the members), {@code lpushRpop} an LPUSH and an RPOP, {@code lpushLpop} an
 * LPUSH and an LPOP (the list's head changes on both: its kept size sample too). {@code zrank} and
 * {@code zrangeByRank} read the sorted set the ZADDs filled: ZRANK of a random member, ZRANGE of
 * ten members from a random rank. {@code pfcountPfadd} is a PFCOUNT of the HLL and a PFADD to it.
 * {@code setbitBitmap} sets or clears a random bit of one 1 MB
 * bitmap (a string edited in place while no snapshot shares it, copied whole otherwise).
 */
@State(Scope.Thread)
public class FamilyDispatchBench {

    private static final int MEMBERS = 100_000;
    /** Commands prepared per family: each member about twice, with different scores. */
    private static final int COMMANDS = 2 * MEMBERS;

    @Param({"sadd", "spop", "hset", "zadd", "zpopminZadd", "zrank", "zrangeByRank", "lpushRpop", "lpushLpop", "pfadd", "pfcountPfadd", "setbit", "setbitBitmap", "xadd"})
    public String family;

    private Shard shard;
    private Dispatcher dispatcher;
    private ClientSession session;
    private ByteBuf out;
    private Reply reply;
    private byte[][][] first;
    private byte[][][] second;

    @Setup(Level.Trial)
    public void setUp() {
        Config config = Shards.config();
        config.setInitial("port", "0");
        config.setInitial("save", "");
        shard = Shards.assemble(config).shard();
        dispatcher = shard.dispatcher();
        session = shard.internalClient(ClientSession.Kind.NORMAL);
        out = Unpooled.directBuffer(4096);
        reply = new Reply(out);
        first = new byte[COMMANDS][][];
        second = new byte[COMMANDS][][];
        java.util.Random random = new java.util.Random(10);
        for (int i = 0; i < COMMANDS; i++) {
            int n = random.nextInt(MEMBERS);
            String member = "element:" + (1_000_000_000_000L + n);
            String other = "element:" + (1_000_000_000_000L + random.nextInt(MEMBERS));
            first[i] = switch (family) {
                case "sadd" -> RespEncoding.argv("SADD", "myset", member);
                case "spop" -> RespEncoding.argv("SADD", "myset", member, other);
                case "hset" -> RespEncoding.argv("HSET", "myhash", member, "xxx");
                case "zadd", "zrank", "zrangeByRank" ->
                        RespEncoding.argv("ZADD", "myzset", Integer.toString(random.nextInt(MEMBERS)), member);
                case "zpopminZadd" -> RespEncoding.argv("ZADD", "myzset", Integer.toString(random.nextInt(MEMBERS)), member,
                        Integer.toString(random.nextInt(MEMBERS)), other);
                case "lpushRpop", "lpushLpop" -> RespEncoding.argv("LPUSH", "mylist", "xxx");
                case "pfadd", "pfcountPfadd" -> RespEncoding.argv("PFADD", "hll", member);
                case "setbit" -> RespEncoding.argv("SETBIT", "bits:" + n, "100", "1");
                case "setbitBitmap" -> RespEncoding.argv("SETBIT", "bitmap", Integer.toString(random.nextInt(1 << 23)),
                        Integer.toString(random.nextInt(2)));
                case "xadd" -> RespEncoding.argv("XADD", "stream", "*", "field", member);
                default -> throw new IllegalArgumentException(family);
            };
            second[i] = switch (family) {
                case "spop" -> RespEncoding.argv("SPOP", "myset");
                case "zpopminZadd" -> RespEncoding.argv("ZPOPMIN", "myzset");
                case "lpushRpop" -> RespEncoding.argv("RPOP", "mylist");
                case "lpushLpop" -> RespEncoding.argv("LPOP", "mylist");
                case "pfcountPfadd" -> RespEncoding.argv("PFCOUNT", "hll");
                default -> null;
            };
            run(first[i]);
        }
        int filled = family.startsWith("zr") ? 86_000 : 0; // about 1 - 1/e² of the members after 2 × MEMBERS ZADDs
        for (int i = 0; i < COMMANDS && filled > 0; i++) {
            if (family.equals("zrank")) {
                first[i] = RespEncoding.argv("ZRANK", "myzset", "element:" + (1_000_000_000_000L + random.nextInt(MEMBERS)));
            } else if (family.equals("zrangeByRank")) {
                int from = random.nextInt(filled);
                first[i] = RespEncoding.argv("ZRANGE", "myzset", Integer.toString(from), Integer.toString(from + 9));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
        shard.crash();
    }

    @Benchmark
    public int command() {
        int i = ThreadLocalRandom.current().nextInt(COMMANDS);
        if (second[i] != null) {
            run(second[i]);
        }
        return run(first[i]);
    }

    private int run(byte[][] argv) {
        out.clear();
        dispatcher.execute(session, argv, reply);
        return out.writerIndex();
    }
}
