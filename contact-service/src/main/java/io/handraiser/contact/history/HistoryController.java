package io.handraiser.contact.history;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.shared.Actor;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration;
import io.handraiser.starter.privacy.SubjectKeys;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.ProblemAdvice;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail of one contact, read straight from its event stream (never from a snapshot): every event in
 * order with who caused it, when, why, and on what evidence.
 */
@RestController
public class HistoryController {

    static final int MAX_PAGE = 1_000;

    private final EventStore eventStore;
    private final SubjectKeys subjectKeys;

    public HistoryController(EventStore eventStore, SubjectKeys subjectKeys) {
        this.eventStore = eventStore;
        this.subjectKeys = subjectKeys;
    }

    /**
     * @param after the sequence number the previous page ended with ({@code next} of that page)
     * @param limit at most this many events
     */
    @GetMapping("/api/contacts/{id}/history")
    @PreAuthorize("hasAnyRole('auditor', 'marketing', 'sales', 'analyst', 'admin')")
    public HistoryPage history(@PathVariable ContactId id, @RequestParam(defaultValue = "-1") long after,
                               @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw BadRequest.field("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        if (after < -1) {
            throw BadRequest.field("after", "after must be a sequence number from a previous page, or absent");
        }
        DomainEventStream stream = eventStore.readEvents(id.toString(), after + 1);
        List<Entry> entries = new ArrayList<>();
        while (stream.hasNext() && entries.size() < limit) {
            entries.add(entry(stream.next()));
        }
        if (entries.isEmpty() && after < 0) {
            throw ProblemAdvice.notFound("no contact has id " + id);
        }
        Long next = stream.hasNext() ? entries.get(entries.size() - 1).sequence() : null;
        return new HistoryPage(id.toString(), subjectKeys.isErased(id.toString()), entries, next);
    }

    private static Entry entry(DomainEventMessage<?> message) {
        ContactEvent event = (ContactEvent) message.getPayload();
        return new Entry(message.getSequenceNumber(), message.getPayloadType().getSimpleName(), event.at(), event.actor(),
                         reasonOf(event), evidenceOf(event), (String) message.getMetaData().get(EventLogAutoConfiguration.REQUEST_ID),
                         event);
    }

    private static String reasonOf(ContactEvent event) {
        if (event instanceof MarkedMQL mql) {
            return mql.reason();
        }
        if (event instanceof ReturnedToNurture returned) {
            return returned.reason().name();
        }
        if (event instanceof ContactDisqualified disqualified) {
            return disqualified.reason().name();
        }
        if (event instanceof ContactRequalified requalified) {
            return requalified.reason();
        }
        if (event instanceof LifecycleStageAdvanced advanced) {
            return advanced.reason();
        }
        if (event instanceof AcceptedAsSQL accepted) {
            return accepted.note();
        }
        return null;
    }

    private static Evidence evidenceOf(ContactEvent event) {
        return event instanceof MarkedMQL mql ? mql.evidence() : null;
    }

    /**
     * @param type      the event's name, e.g. MarkedMQL
     * @param requestId the request that caused it, to find it in the logs
     * @param event     every field of the event
     */
    public record Entry(long sequence, String type, Instant at, Actor actor, String reason, Evidence evidence,
                        String requestId, ContactEvent event) {
    }

    /**
     * @param erased true when the person was erased: the events stay, their personal fields read as null
     * @param next   pass as {@code after} to read on; null on the last page
     */
    public record HistoryPage(String contactId, boolean erased, List<Entry> events, Long next) {
    }
}
