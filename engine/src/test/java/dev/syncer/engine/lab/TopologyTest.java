package dev.syncer.engine.lab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {

    @Test
    void defaultLabHasThreeClustersAnActiveActiveAndAPlainDatabase() {
        Topology t = Topology.defaultLab();
        assertThat(t.clusters()).extracting(Topology.ClusterSpec::name).containsExactly("east", "west", "north");
        assertThat(t.databases()).hasSize(2);
        Topology.DatabaseSpec shop = t.databases().get(0);
        assertThat(shop.activeActive()).isTrue();
        assertThat(shop.clusters()).containsExactly("east", "west", "north");
        Topology.DatabaseSpec cache = t.databases().get(1);
        assertThat(cache.activeActive()).isFalse();
        assertThat(cache.replicas()).isEqualTo(2);
        assertThat(cache.chained()).isEqualTo(1);
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> Topology.parse("cluster a nodes=2\ndatabase d plain nowhere replicas=1\n"))
                .hasMessageContaining("line 2").hasMessageContaining("unknown cluster nowhere");
        assertThatThrownBy(() -> Topology.parse("cluster a\ndatabase d active-active a\n"))
                .hasMessageContaining("at least two clusters");
        assertThatThrownBy(() -> Topology.parse("# nothing\n")).hasMessageContaining("no cluster");
    }
}
