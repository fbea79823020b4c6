package io.handraiser.handoff.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.HandoffOpened;
import io.handraiser.contract.handoff.HandoffReassigned;
import io.handraiser.contract.handoff.HandoffReminded;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.starter.eventlog.EventSerialization;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sales inbox read model: one document per handoff with its assignee, SLA and evidence. Each document keeps
 * the sequence number of the last event applied, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup("inbox")
public class Handoffs {

    public static final String OPEN = "OPEN";
    private static final String LAST_SEQUENCE = "lastSequence";
    private static final ObjectMapper JSON = EventSerialization.objectMapper();

    private final MongoCollection<Document> handoffs;

    public Handoffs(EventLogDatabases databases) {
        this.handoffs = databases.service().getCollection("handoffs");
    }

    public Optional<Document> find(HandoffId id) {
        return Optional.ofNullable(handoffs.find(Filters.eq("_id", id.toString())).first());
    }

    /** The handoff as it stands once the event at {@code sequence} of its stream has been applied; empty until then. */
    public Optional<Document> findApplied(HandoffId id, long sequence) {
        return Optional.ofNullable(handoffs.find(Filters.and(Filters.eq("_id", id.toString()), Filters.gte(LAST_SEQUENCE, sequence))).first());
    }

    public List<Document> openFor(String assignee) {
        return handoffs.find(Filters.and(Filters.eq("status", OPEN), Filters.eq("assignee", assignee)))
                       .sort(Sorts.ascending("dueAt")).into(new ArrayList<>());
    }

    public List<Document> unassigned() {
        return handoffs.find(Filters.and(Filters.eq("status", OPEN), Filters.eq("assignee", null)))
                       .sort(Sorts.ascending("dueAt")).into(new ArrayList<>());
    }

    public long openCountFor(String assignee) {
        return handoffs.countDocuments(Filters.and(Filters.eq("status", OPEN), Filters.eq("assignee", assignee)));
    }

    @EventHandler
    void on(HandoffOpened event, @SequenceNumber long sequence) {
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = event.evidence() == null ? null : JSON.convertValue(event.evidence(), Map.class);
        Document handoff = new Document("_id", event.handoffId().toString())
                .append(LAST_SEQUENCE, sequence)
                .append("contactId", event.contactId().toString())
                .append("tier", event.tier().name())
                .append("evidence", evidence == null ? null : new Document(evidence))
                .append("assignee", event.assignee())
                .append("status", OPEN)
                .append("openedAt", Date.from(event.at()))
                .append("dueAt", Date.from(event.dueAt()))
                .append("reminded", false)
                .append("escalations", 0)
                .append("updatedAt", Date.from(event.at()));
        try {
            handoffs.insertOne(handoff);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @EventHandler
    void on(HandoffReminded event, @SequenceNumber long sequence) {
        apply(event.handoffId(), sequence, event.at(), Updates.set("reminded", true));
    }

    @EventHandler
    void on(HandoffEscalated event, @SequenceNumber long sequence) {
        apply(event.handoffId(), sequence, event.at(),
              Updates.combine(Updates.set("assignee", event.to()), Updates.set("escalations", event.escalations()),
                              Updates.set("dueAt", Date.from(event.dueAt())), Updates.set("reminded", false)));
    }

    @EventHandler
    void on(HandoffReassigned event, @SequenceNumber long sequence) {
        apply(event.handoffId(), sequence, event.at(), Updates.set("assignee", event.to()));
    }

    @EventHandler
    void on(HandoffExpired event, @SequenceNumber long sequence) {
        apply(event.handoffId(), sequence, event.at(), Updates.combine(Updates.set("status", "EXPIRED"), Updates.set("closedAt", Date.from(event.at()))));
    }

    @EventHandler
    void on(HandoffClosed event, @SequenceNumber long sequence) {
        apply(event.handoffId(), sequence, event.at(),
              Updates.combine(Updates.set("status", event.outcome().name()), Updates.set("closedAt", Date.from(event.at())),
                              Updates.set("reason", event.reason()), Updates.set("openForSeconds", event.openFor().toSeconds()),
                              Updates.set("withinSla", event.withinSla())));
    }

    @ResetHandler
    void rebuildFromNothing() {
        handoffs.deleteMany(new Document());
    }

    private void apply(HandoffId id, long sequence, Instant at, Bson update) {
        handoffs.updateOne(Filters.and(Filters.eq("_id", id.toString()), Filters.lt(LAST_SEQUENCE, sequence)),
                           Updates.combine(update, Updates.set(LAST_SEQUENCE, sequence), Updates.set("updatedAt", Date.from(at))));
    }
}
