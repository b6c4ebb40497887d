package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONFIG GET's view of the settings: hidden ones only by name, as Redis's HIDDEN_CONFIG. */
class ConfigTest {

    private static Config withHidden() {
        Config c = new Config();
        c.define("key-load-delay", "0", Config::integer, true);
        c.markHidden("key-load-delay");
        c.define("sealed", "a", s -> s, false);
        c.markHidden("sealed");
        c.alias("sealed-alias", "sealed");
        return c;
    }

    @Test
    void aPatternNeverMatchesAHiddenSetting() {
        Config c = withHidden();
        assertThat(c.matching("*")).doesNotContainKeys("key-load-delay", "sealed", "sealed-alias").containsKey("maxmemory");
        assertThat(c.matching("key-load-*")).isEmpty();
        assertThat(c.matching("sealed?alias")).isEmpty();
    }

    @Test
    void aHiddenSettingIsReturnedWhenNamed() {
        Config c = withHidden();
        assertThat(c.matching("key-load-delay")).containsExactly(java.util.Map.entry("key-load-delay", "0"));
        assertThat(c.matching("SEALED-ALIAS")).containsExactly(java.util.Map.entry("sealed-alias", "a"));
        assertThat(c.matching("maxmemory")).containsExactly(java.util.Map.entry("maxmemory", "0"));
        assertThat(c.matching("no-such-setting")).isEmpty();
    }

    @Test
    void aHiddenImmutableSettingStillRefusesConfigSet() {
        Config c = withHidden();
        assertThatThrownBy(() -> c.set("sealed", "a")).hasMessage("can't set immutable config");
        c.set("key-load-delay", "-10");
        assertThat(c.getLong("key-load-delay")).isEqualTo(-10);
    }
}
