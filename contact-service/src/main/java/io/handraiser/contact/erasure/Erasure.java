package io.handraiser.contact.erasure;

import io.handraiser.contact.capture.EmailClaims;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.starter.privacy.SubjectKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * What makes an erasure final once {@code ContactErased} is recorded: the contact's key is destroyed (so its
 * personal data in the event log, snapshots and dead letters reads as null everywhere) and its email claim is
 * freed (so the person can be captured again, as a new contact). The DELETE request does this at once; this
 * handler does it again from the event log, so a crash between the event and the key destruction cannot leave
 * a contact half erased. Both steps are idempotent.
 */
@Component
@ProcessingGroup(Erasure.PROCESSING_GROUP)
public class Erasure {

    public static final String PROCESSING_GROUP = "erasure";

    private final SubjectKeys keys;
    private final EmailClaims claims;
    private final Counter erasures;

    public Erasure(SubjectKeys keys, EmailClaims claims, MeterRegistry meters) {
        this.keys = keys;
        this.claims = claims;
        this.erasures = Counter.builder("handraiser.contacts.erased").description("contacts whose personal data was erased")
                               .register(meters);
    }

    @EventHandler
    void on(ContactErased event) {
        complete(event.contactId());
        erasures.increment();
    }

    void complete(ContactId contact) {
        keys.erase(contact.toString());
        claims.release(contact);
    }
}
