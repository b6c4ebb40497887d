package dev.syncer.engine.server;

import dev.syncer.engine.Shards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** maxmemory-clients as Redis 7.0 reads it: bytes or a percentage of maxmemory, never below 128 KB when on. */
class ClientEvictionTest {

    @Test
    void theLimitIsBytesOrAPercentageOfMaxmemoryAndNeverTiny() {
        assertThat(ClientEviction.limit("0", 100 << 20)).isZero();
        assertThat(ClientEviction.limit("3145728", 0)).isEqualTo(3145728);
        assertThat(ClientEviction.limit("10%", 100 << 20)).isEqualTo(10 << 20);
        assertThat(ClientEviction.limit("10%", 0)).as("a percentage of no maxmemory is off").isZero();
        assertThat(ClientEviction.limit("1000", 0)).isEqualTo(ClientEviction.MIN_LIMIT);
    }

    @Test
    void theSettingTakesMemoryUnitsAndPercentages() {
        assertThat(ClientEviction.parse("3mb")).isEqualTo("3145728");
        assertThat(ClientEviction.parse("25%")).isEqualTo("25%");
        assertThatThrownBy(() -> ClientEviction.parse("x%")).hasMessage("argument must be a memory or percent value");
        assertThatThrownBy(() -> ClientEviction.parse("-1%")).hasMessage("argument must be a memory or percent value");
        assertThat(ClientEviction.parse("100%")).isEqualTo("100%");
        assertThatThrownBy(() -> ClientEviction.parse("200%")).hasMessage("percentage argument must be less or equal to 100");
        assertThatThrownBy(() -> ClientEviction.parse("lots")).hasMessage("argument must be a memory value");
    }

    @Test
    void theKeptLimitFollowsConfigSetOfEitherSetting() {
        Config config = Shards.config();
        config.setInitial("port", "0");
        config.setInitial("save", "");
        Shard shard = Shards.assemble(config).shard();
        try {
            ClientEviction eviction = shard.clientEviction();
            assertThat(eviction.limit()).isZero();
            config.set("maxmemory-clients", "10%");
            assertThat(eviction.limit()).as("a percentage of no maxmemory is off").isZero();
            config.set("maxmemory", "100mb");
            assertThat(eviction.limit()).isEqualTo(10 << 20);
            config.set("maxmemory-clients", "3mb");
            assertThat(eviction.limit()).isEqualTo(3 << 20);
            config.set("maxmemory-clients", "0");
            assertThat(eviction.limit()).isZero();
        } finally {
            shard.crash();
        }
    }
}
