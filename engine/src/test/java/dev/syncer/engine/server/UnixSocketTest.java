package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnixSocketTest {

    @Test
    void unixsocketpermIsOctalAsRedisParsesAndPrintsIt() {
        assertThat(UnixSocket.octalPermission("700")).isEqualTo("700");
        assertThat(UnixSocket.octalPermission("0755")).isEqualTo("755");
        assertThat(UnixSocket.octalPermission("0")).isEqualTo("0");
        assertThatThrownBy(() -> UnixSocket.octalPermission("778")).hasMessage("argument couldn't be parsed as an octal number");
        assertThatThrownBy(() -> UnixSocket.octalPermission("1000")).hasMessage("argument must be between 0 and 777 inclusive");
    }

    @Test
    void modeBitsBecomePosixPermissions() {
        assertThat(PosixFilePermissions.toString(UnixSocket.permissions(0700))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(UnixSocket.permissions(0751))).isEqualTo("rwxr-x--x");
        assertThat(PosixFilePermissions.toString(UnixSocket.permissions(0))).isEqualTo("---------");
    }

    @Test
    void aRelativePathIsUnderDirAsAfterRedissChdir() {
        assertThat(UnixSocket.resolve("/data", "redis.sock")).isEqualTo(Path.of("/data/redis.sock"));
        assertThat(UnixSocket.resolve("/data", "/run/redis.sock")).isEqualTo(Path.of("/run/redis.sock"));
    }
}
