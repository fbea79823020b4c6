package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.Profile;

import java.util.ArrayList;
import java.util.List;

/**
 * A contact's profile and engagements as its events state them, with every value rules may test: what a model
 * version new to this contact is matched against. Built in memory from the event log and dropped after use.
 */
public final class ContactHistory {

    private ContactFacts facts = ContactFacts.unknown();
    private final List<Engagement> engagements = new ArrayList<>();

    public static ContactHistory of(Iterable<? extends ContactEvent> events) {
        ContactHistory history = new ContactHistory();
        events.forEach(history::apply);
        return history;
    }

    public void apply(ContactEvent event) {
        if (event instanceof ContactCaptured captured) {
            facts = factsOf(captured.profile(), captured.email() == null ? null : captured.email().domain());
        } else if (event instanceof ContactProfileUpdated updated) {
            ContactFacts changes = factsOf(updated.changes(), null);
            facts = new ContactFacts(pick(changes.industry(), facts.industry()), pick(changes.companySize(), facts.companySize()),
                                     pick(changes.country(), facts.country()), pick(changes.jobTitle(), facts.jobTitle()),
                                     facts.emailDomain());
        } else if (event instanceof EngagementRecorded recorded) {
            engagements.add(engagementOf(recorded));
        }
    }

    public ContactFacts facts() {
        return facts;
    }

    public List<Engagement> engagements() {
        return List.copyOf(engagements);
    }

    public static ContactFacts factsOf(Profile profile, String emailDomain) {
        if (profile == null) {
            return new ContactFacts(null, null, null, null, emailDomain);
        }
        return new ContactFacts(profile.industry(), profile.companySize(), profile.country(), profile.jobTitle(), emailDomain);
    }

    public static Engagement engagementOf(EngagementRecorded recorded) {
        return new Engagement(recorded.engagementId(), recorded.type(), recorded.occurredAt(),
                              recorded.detail() == null ? null : recorded.detail().url(),
                              recorded.detail() == null ? null : recorded.detail().asset());
    }

    private static <T> T pick(T change, T current) {
        return change != null ? change : current;
    }
}
