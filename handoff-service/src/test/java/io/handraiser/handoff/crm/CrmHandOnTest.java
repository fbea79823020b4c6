package io.handraiser.handoff.crm;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.HandoffOutcome;
import io.handraiser.contract.shared.Actor;
import io.handraiser.handoff.inbox.ContactCards;
import io.handraiser.starter.privacy.SubjectKeys;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The CRM never hears of a contact erased before its acceptance reached the hand-on. */
class CrmHandOnTest {

    private static final ContactId CONTACT = ContactId.of("7c1e3f2b-9a4d-4e6b-8c5f-1d2e3f4a5b6c");

    @Test
    void anAcceptanceOfAContactErasedMeanwhileIsNeitherRecordedNorSent() throws Exception {
        CrmProperties properties = new CrmProperties("http://crm.invalid/hook", "crm-shared-secret-for-tests", 8, Duration.ofSeconds(30),
                                                     Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(60),
                                                     Duration.ofSeconds(5), Duration.ofSeconds(10));
        CrmDeliveries deliveries = mock(CrmDeliveries.class);
        ContactCards cards = mock(ContactCards.class);
        EventStore eventStore = mock(EventStore.class);
        SubjectKeys keys = mock(SubjectKeys.class);
        when(keys.isErased(CONTACT.toString())).thenReturn(true);
        CrmHandOn handOn = new CrmHandOn(properties, deliveries, cards, eventStore, keys);

        handOn.on(new HandoffClosed(HandoffId.forDecision(CONTACT, "decision-1"), CONTACT, HandoffOutcome.ACCEPTED, null, "rep-1",
                                    Duration.ofMinutes(5), true, Actor.person("rep-1"), Instant.parse("2026-12-01T10:00:00Z")));

        verify(deliveries, never()).record(any(), any(), any(), any());
        verifyNoInteractions(cards, eventStore);
    }
}
