package io.handraiser.scoring.scores;

import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * Follows every contact's events in the shared log and keeps its score. Events of one contact arrive in order
 * (the processor sequences by aggregate); a repeated delivery is recognised by its sequence number.
 */
@Component
@ProcessingGroup(ContactEventsScoring.PROCESSING_GROUP)
class ContactEventsScoring {

    static final String PROCESSING_GROUP = "lead-scores";

    private final LeadScoreKeeper keeper;

    ContactEventsScoring(LeadScoreKeeper keeper) {
        this.keeper = keeper;
    }

    @EventHandler
    void on(ContactEvent event, @SequenceNumber long sequence,
            @MetaDataValue(EventLogAutoConfiguration.REQUEST_ID) String requestId) {
        keeper.apply(event, sequence, requestId);
    }
}
