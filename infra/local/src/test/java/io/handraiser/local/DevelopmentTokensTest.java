package io.handraiser.local;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentTokensTest {

    @Test
    void mintsAnHs256TokenWithSubjectRolesAndExpiry() throws Exception {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        DevelopmentTokens tokens = new DevelopmentTokens(Launcher.DEVELOPMENT_SECRET, Clock.fixed(now, ZoneOffset.UTC));

        SignedJWT token = SignedJWT.parse(tokens.mint("dev-sales", Duration.ofHours(12), "sales"));

        assertThat(token.verify(new MACVerifier(Launcher.DEVELOPMENT_SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("dev-sales");
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("sales");
        assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(now.plus(Duration.ofHours(12)));
    }
}
