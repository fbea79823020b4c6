package io.handraiser.handoff.crm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The CRM settings: the backoff doubles up to its cap, and a webhook without a signing secret does not start. */
class CrmPropertiesTest {

    private static CrmProperties crm(String url, String secret, Duration lease) {
        return new CrmProperties(url, secret, 8, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(1), lease,
                                 Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void theWaitDoublesAfterEachFailedTryUpToTheMaximum() {
        CrmProperties crm = crm("https://crm.example/hooks", "0123456789abcdef", Duration.ofSeconds(60));

        assertThat(crm.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(crm.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(crm.delayAfter(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(crm.delayAfter(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(crm.delayAfter(60)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void noUrlMeansNoWebhookAndAUrlNeedsASecret() {
        assertThat(crm(null, null, Duration.ofSeconds(60)).enabled()).isFalse();
        assertThat(crm(" ", null, Duration.ofSeconds(60)).enabled()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> crm("https://crm.example/hooks", "short", Duration.ofSeconds(60)))
                                            .withMessageContaining("secret");
        assertThatIllegalArgumentException().isThrownBy(() -> crm("ftp://crm.example/hooks", "0123456789abcdef", Duration.ofSeconds(60)))
                                            .withMessageContaining("http");
        assertThatIllegalArgumentException().as("a try still waiting must not be taken over")
                                            .isThrownBy(() -> crm("https://crm.example/hooks", "0123456789abcdef", Duration.ofSeconds(10)))
                                            .withMessageContaining("lease");
    }
}
