package io.handraiser.contact.mautic;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.ServletInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the webhook refuses before, or while, reading a body: nothing more than the limit is ever read. */
class MauticWebhookLimitsTest {

    private static final long LIMIT = 1024;

    private final AtomicLong read = new AtomicLong();

    @Test
    void withoutASecretTheAnswerIs401AndNothingIsRead() {
        MockHttpServletRequest request = request(10_000, 10_000);

        assertThatThrownBy(() -> controller(null).receive("c2ln", request))
                .isInstanceOfSatisfying(ErrorResponseException.class, refused -> assertThat(refused.getStatusCode().value()).isEqualTo(401));
        assertThat(read).hasValue(0);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413AndNothingIsRead() {
        MockHttpServletRequest request = request(LIMIT + 1, LIMIT + 1);

        assertThatThrownBy(() -> controller("secret").receive("c2ln", request))
                .isInstanceOfSatisfying(ErrorResponseException.class, refused -> assertThat(refused.getStatusCode().value()).isEqualTo(413));
        assertThat(read).hasValue(0);
    }

    @Test
    void anUndeclaredBodyIsReadNoFurtherThanTheLimit() {
        MockHttpServletRequest request = request(-1, 1_000_000);

        assertThatThrownBy(() -> controller("secret").receive("c2ln", request))
                .isInstanceOfSatisfying(ErrorResponseException.class, refused -> assertThat(refused.getStatusCode().value()).isEqualTo(413));
        assertThat(read.get()).isEqualTo(LIMIT + 1);
    }

    private MauticWebhookController controller(String secret) {
        MauticProperties mautic = new MauticProperties(secret, "mautic", null, null);
        MauticWebhookProperties webhook = new MauticWebhookProperties(DataSize.ofBytes(LIMIT), Duration.ofMinutes(15), Duration.ofSeconds(60),
                                                                      Duration.ofSeconds(1), 100, 3);
        return new MauticWebhookController(mautic, webhook, null, null, JsonMapper.builder().build(), Clock.systemUTC());
    }

    /** @param declared the Content-Length, -1 for none (chunked) */
    private MockHttpServletRequest request(long declared, long actual) {
        InputStream body = new InputStream() {
            private long left = actual;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                read.incrementAndGet();
                return 'x';
            }
        };
        MockHttpServletRequest request = new MockHttpServletRequest("POST", MauticWebhookController.PATH) {
            @Override
            public ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(body);
            }

            @Override
            public long getContentLengthLong() {
                return declared;
            }
        };
        return request;
    }
}
