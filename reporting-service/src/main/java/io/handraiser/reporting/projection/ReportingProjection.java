package io.handraiser.reporting.projection;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.handoff.HandoffOpened;
import io.handraiser.contract.handoff.HandoffReassigned;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.reporting.generation.Generation;
import io.handraiser.reporting.generation.Generations;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps the reporting facts current from the event log. Writes go to every generation in
 * {@link Generations#writeTargets()}: while a rebuild fills a new generation, every event this projection handles
 * lands there too, so the rebuild only has to read up to the log's head as it was when it started.
 * <p>
 * A reset of this processor would replay into the active generation, which the idempotent writes of
 * {@link Facts} allow; there is nothing to clear. ContactErased needs no handler: no personal value is stored.
 */
@Component
@ProcessingGroup(ReportingProjection.PROCESSING_GROUP)
public class ReportingProjection {

    public static final String PROCESSING_GROUP = "reporting";

    private final Generations generations;

    public ReportingProjection(Generations generations) {
        this.generations = generations;
    }

    @EventHandler
    void on(ContactCaptured event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(MarkedMQL event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(AcceptedAsSQL event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(ReturnedToNurture event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(ContactDisqualified event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(ContactRequalified event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(LifecycleStageAdvanced event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(HandoffOpened event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(HandoffReassigned event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(HandoffEscalated event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(HandoffExpired event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(HandoffClosed event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    @EventHandler
    void on(LeadScoreChanged event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        record(event, sequence, eventId);
    }

    private void record(Object event, long sequence, String eventId) {
        List<FactWrite> writes = Facts.writesFor(event, sequence, eventId);
        for (Generation generation : generations.writeTargets()) {
            Facts.apply(generation, writes);
        }
    }
}
