package io.handraiser.scoring;

import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.contract.shared.Actor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes contact events into the shared log as contact-service would, and reads back what scoring stated, so
 * scoring is tested through its real event processor without contact-service running.
 */
public final class ContactLog {

    public static final Actor AUTOMATION = Actor.person("hubspot-sync");

    private final EventStore eventStore;
    private final Clock clock;
    private final Map<ContactId, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final AtomicLong engagementIds = new AtomicLong();

    public ContactLog(EventStore eventStore, Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
    }

    public ContactId capture(String email, Profile profile) {
        ContactId id = ContactId.generate();
        append(new ContactCaptured(id, new Email(email), profile, Source.of("hubspot"), Stage.LEAD, AUTOMATION, clock.instant()));
        return id;
    }

    /** A head of marketing at an IT company: fit 45 under the default model. */
    public ContactId captureHeadOfMarketing() {
        return capture("ada-" + engagementIds.incrementAndGet() + "@acme.io",
                       new Profile("Ada", "Lovelace", "Acme", "Head of Marketing", "Information Technology", null, null, "+44 20 0000"));
    }

    public void engagement(ContactId id, EngagementType type, EngagementDetail detail, Instant occurredAt) {
        append(new EngagementRecorded(id, "e-" + engagementIds.incrementAndGet(), type, occurredAt, detail, Source.of("website"),
                                      AUTOMATION, clock.instant()));
    }

    public void pricingVisit(ContactId id) {
        engagement(id, EngagementType.PAGE_VIEW, EngagementDetail.page("https://handraiser.example/pricing?email=ada@acme.io"), clock.instant());
    }

    public void guideDownload(ContactId id) {
        engagement(id, EngagementType.CONTENT_DOWNLOAD, EngagementDetail.asset("marketing-ops-guide.pdf"), clock.instant());
    }

    public void append(ContactEvent event) {
        long sequence = sequences.computeIfAbsent(event.contactId(), id -> new AtomicLong()).getAndIncrement();
        eventStore.publish(new GenericDomainEventMessage<>("Contact", event.contactId().toString(), sequence, event, Map.of()));
    }

    /** Everything scoring stated about the contact, in order. */
    public List<LeadScoreEvent> scoringFacts(ContactId id) {
        List<LeadScoreEvent> facts = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents("lead-score-" + id, 0);
        stream.asStream().forEach(message -> facts.add((LeadScoreEvent) message.getPayload()));
        return facts;
    }
}
