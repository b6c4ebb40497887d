package dev.syncer.engine.command;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SpecMemoTest {

    private static CommandSpec spec(String name) {
        return CommandSpec.of(name, -1, 0, 0, 0, ctx -> { });
    }

    @Test
    void answersForTheSpecAskedAndWorksOutAgainOnlyWhenItChangesOrIsForgotten() {
        AtomicInteger asked = new AtomicInteger();
        SpecMemo<String> memo = new SpecMemo<>(s -> s.name() + asked.incrementAndGet());
        CommandSpec set = spec("set");
        CommandSpec client = spec("client");
        assertThat(memo.of(set)).isEqualTo("set1");
        assertThat(memo.of(set)).isEqualTo("set1"); // a pipeline of SETs asks once
        assertThat(memo.of(client)).isEqualTo("client2");
        assertThat(memo.of(set)).isEqualTo("set3");
        assertThat(memo.of(spec("set"))).isEqualTo("set4"); // another row of the same name is another spec
        memo.forget();
        assertThat(memo.of(set)).isEqualTo("set5");
    }
}
