package io.handraiser.contact.policy;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnToNurture;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class HandoffExpiryPolicyTest {

    private static final HandoffExpired EXPIRED = new HandoffExpired(HandoffId.of("9d1c0b7a-2f3e-4a5b-8c6d-7e8f9a0b1c2d"),
                                                                     ContactId.of("3f2b7c1e-9a4d-4e6b-8c5f-1d2e3f4a5b6c"), "rep-2", 2,
                                                                     Actor.system("handoff-service", null), Instant.parse("2026-11-23T10:00:00Z"));

    private final CommandGateway commands = mock(CommandGateway.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HandoffExpiryPolicy policy = new HandoffExpiryPolicy(commands, meters);

    @Test
    void anExpiredHandoffReturnsTheContactToNurtureAsTheHandoffService() {
        policy.on(EXPIRED);

        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().getPayload()).isEqualTo(new ReturnToNurture(EXPIRED.contactId(), ReturnReason.SLA_EXPIRED, null));
        assertThat(sent.getValue().getMetaData().get(Actor.META_DATA_KEY)).isEqualTo(HandoffExpiryPolicy.HANDOFF_SERVICE);
    }

    @Test
    void aContactThatMovedOnRefusesAndTheRefusalIsCountedNotRetried() {
        when(commands.sendAndWait(any(CommandMessage.class))).thenThrow(new RuleViolation("return-requires-mql-or-sql", "already a customer"));

        policy.on(EXPIRED);

        assertThat(meters.counter("handraiser.policy.decisions", "policy", "handoff-expiry", "outcome", "refused-return-requires-mql-or-sql")
                         .count()).isEqualTo(1);
    }
}
