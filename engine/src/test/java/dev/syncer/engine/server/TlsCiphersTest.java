package dev.syncer.engine.server;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsCiphersTest {

    private static final String ECDHE_128 = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    private static final String ECDHE_256 = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    private static final String TLS13 = "TLS_AES_128_GCM_SHA256";
    private static final String RSA_128 = "TLS_RSA_WITH_AES_128_CBC_SHA256";
    private static final String RSA_256 = "TLS_RSA_WITH_AES_256_CBC_SHA256";
    private static final List<String> DEFAULTS = List.of(TLS13, ECDHE_256, ECDHE_128);
    private static final Set<String> SUPPORTED = Set.of(TLS13, "TLS_AES_256_GCM_SHA384", ECDHE_256, ECDHE_128,
            RSA_128, RSA_256);

    @Test
    void emptySettingsKeepTheJdkDefaults() {
        assertThat(TlsCiphers.resolve("", "", DEFAULTS, List.of(), SUPPORTED)).isNull();
    }

    @Test
    void openSslNamesAreConvertedAndTls13SuitesKept() {
        assertThat(TlsCiphers.resolve("ECDHE-RSA-AES128-GCM-SHA256", "", DEFAULTS, List.of(), SUPPORTED))
                .containsExactly(ECDHE_128, TLS13);
        assertThat(TlsCiphers.resolve("AES128-SHA256", "", DEFAULTS, List.of(), SUPPORTED))
                .containsExactly(RSA_128, TLS13);
    }

    @Test
    void defaultMinusASuiteRemovesIt() {
        assertThat(TlsCiphers.resolve("DEFAULT:-ECDHE-RSA-AES256-GCM-SHA384", "", DEFAULTS, List.of(), SUPPORTED))
                .containsExactly(ECDHE_128, TLS13);
        assertThat(TlsCiphers.resolve("!ECDHE-RSA-AES256-GCM-SHA384:HIGH", "", DEFAULTS, List.of(), SUPPORTED))
                .containsExactly(ECDHE_128, TLS13);
    }

    @Test
    void ciphersuitesNameTheTls13Ones() {
        assertThat(TlsCiphers.resolve("", "TLS_AES_256_GCM_SHA384", DEFAULTS, List.of(), SUPPORTED))
                .containsExactly(ECDHE_256, ECDHE_128, "TLS_AES_256_GCM_SHA384");
    }

    @Test
    void openSslAliasesHoldTheStaticRsaSuitesOnceTheProcessMayNegotiateThem() {
        List<String> staticRsa = List.of(RSA_256, RSA_128);
        assertThat(TlsCiphers.resolve("DEFAULT:-AES128-SHA256", "", DEFAULTS, staticRsa, SUPPORTED))
                .containsExactly(ECDHE_256, ECDHE_128, RSA_256, TLS13);
        assertThat(TlsCiphers.resolve("AES128-SHA256:AES256-SHA256", "", DEFAULTS, staticRsa, SUPPORTED))
                .containsExactly(RSA_128, RSA_256, TLS13);
    }

    @Test
    void withTheBanLiftedEmptySettingsNameTheJdkPolicysSuitesOnly() {
        assertThat(TlsCiphers.resolve("", "", DEFAULTS, List.of(RSA_256, RSA_128), SUPPORTED))
                .containsExactlyElementsOf(DEFAULTS);
    }

    @Test
    void anAdditionNothingNamesIsRefused() {
        assertThatThrownBy(() -> TlsCiphers.resolve("NO-SUCH-CIPHER", "", DEFAULTS, List.of(), SUPPORTED))
                .hasMessageContaining("NO-SUCH-CIPHER");
        assertThatThrownBy(() -> TlsCiphers.resolve("", "ECDHE-RSA-AES128-GCM-SHA256", DEFAULTS, List.of(), SUPPORTED))
                .hasMessageContaining("TLS 1.3");
    }
}
