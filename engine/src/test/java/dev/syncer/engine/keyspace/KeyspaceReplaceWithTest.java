package dev.syncer.engine.keyspace;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** replaceWith moves a loaded dataset in; a snapshot running at that moment keeps the old one. */
class KeyspaceReplaceWithTest {

    private static List<String> keys(Snapshot s, int db) throws InterruptedException {
        List<String> out = new ArrayList<>();
        s.visit(db, (k, v, at) -> out.add(k.toString()));
        return out;
    }

    @Test
    void theLoadedDataReplacesTheLiveDataAndTheLoadedKeyspaceIsLeftEmpty() {
        Keyspace live = new Keyspace(16, Clock.systemUTC());
        live.db(0).put(Key.of("old"), StringValue.of("1"));
        live.db(5).put(Key.of("old5"), StringValue.of("1"));
        Keyspace loaded = new Keyspace(16, Clock.systemUTC());
        loaded.db(0).put(Key.of("new"), StringValue.of("2"));
        loaded.db(0).setExpire(Key.of("new"), Long.MAX_VALUE - 1);

        live.replaceWith(loaded);

        assertThat(live.db(0).get(Key.of("old"))).isNull();
        assertThat(live.db(0).get(Key.of("new"))).isNotNull();
        assertThat(live.db(0).expireAt(Key.of("new"))).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(live.db(0).size()).isEqualTo(1);
        assertThat(live.db(0).expiresSize()).isEqualTo(1);
        assertThat(live.db(5).size()).isZero();
        assertThat(loaded.size()).isZero();
        live.db(0).put(Key.of("after"), StringValue.of("3"));
        assertThat(live.size()).isEqualTo(2);
    }

    @Test
    void aSnapshotRunningDuringTheSwapStillSeesTheDataOfItsInstant() throws InterruptedException {
        Keyspace live = new Keyspace(16, Clock.systemUTC());
        live.db(0).put(Key.of("old"), StringValue.of("1"));
        List<Runnable> loopTasks = new ArrayList<>();
        Snapshot snapshot = live.beginSnapshot(loopTasks::add); // nothing captured yet
        Keyspace loaded = new Keyspace(16, Clock.systemUTC());
        ListValue list = new ListValue();
        loaded.db(0).put(Key.of("new"), list);

        live.replaceWith(loaded);
        while (!loopTasks.isEmpty()) {
            loopTasks.remove(0).run();
        }

        assertThat(keys(snapshot, 0)).containsExactly("old");
        snapshot.close();
        Snapshot later = live.beginSnapshot(Runnable::run);
        assertThat(live.db(0).<ListValue>getForWrite(Key.of("new"))).as("copied while a later snapshot holds it")
                .isNotSameAs(list);
        assertThat(keys(later, 0)).containsExactly("new");
        later.close();
    }
}
