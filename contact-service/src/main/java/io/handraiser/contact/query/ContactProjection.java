package io.handraiser.contact.query;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.shared.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

/** Keeps {@link ContactViews} up to date from the Contact events; a replay rebuilds it from nothing. */
@Component
@ProcessingGroup(ContactProjection.PROCESSING_GROUP)
public class ContactProjection {

    public static final String PROCESSING_GROUP = "contact-view";

    private static final List<String> PERSONAL_PROFILE_FIELDS = Arrays.stream(Profile.class.getRecordComponents())
                                                                      .filter(component -> component.isAnnotationPresent(PersonalData.class))
                                                                      .map(RecordComponent::getName)
                                                                      .toList();

    private final ContactViews views;

    public ContactProjection(ContactViews views) {
        this.views = views;
    }

    @EventHandler
    void on(ContactCaptured event, @SequenceNumber long sequence) {
        Document contact = new Document("stage", event.stage().name())
                .append("disqualified", false)
                .append("profile", profile(event.profile()))
                .append("source", event.source() == null ? null
                        : new Document("system", event.source().system()).append("campaign", event.source().campaign()))
                .append("engagements", new Document("total", 0))
                .append("capturedAt", Date.from(event.at()))
                .append("updatedAt", Date.from(event.at()));
        if (event.email() != null) {
            contact.append(ContactViews.EMAIL, event.email().value());
        }
        views.create(event.contactId().toString(), sequence, contact);
    }

    @EventHandler
    void on(ContactProfileUpdated event, @SequenceNumber long sequence) {
        List<Bson> changes = new ArrayList<>();
        profile(event.changes()).forEach((field, value) -> changes.add(set("profile." + field, value)));
        changes.add(set("updatedAt", Date.from(event.at())));
        views.apply(event.contactId().toString(), sequence, combine(changes));
    }

    @EventHandler
    void on(EngagementRecorded event, @SequenceNumber long sequence) {
        views.apply(event.contactId().toString(), sequence,
                    combine(inc("engagements.total", 1), inc("engagements." + event.type().name(), 1),
                            max("engagements.lastOccurredAt", Date.from(event.occurredAt())),
                            set("updatedAt", Date.from(event.at()))));
    }

    @EventHandler
    void on(MarkedMQL event, @SequenceNumber long sequence) {
        views.apply(event.contactId().toString(), sequence,
                    combine(stage(Stage.MQL, event.at()), set("tier", event.tier().name()), set("mqlAt", Date.from(event.at()))));
    }

    @EventHandler
    void on(AcceptedAsSQL event, @SequenceNumber long sequence) {
        views.apply(event.contactId().toString(), sequence, combine(stage(Stage.SQL, event.at()), set("sqlAt", Date.from(event.at()))));
    }

    @EventHandler
    void on(ReturnedToNurture event, @SequenceNumber long sequence) {
        views.apply(event.contactId().toString(), sequence,
                    combine(stage(Stage.LEAD, event.at()), set("tier", null), set("lastReturnReason", event.reason().name())));
    }

    @EventHandler
    void on(ContactDisqualified event, @SequenceNumber long sequence) {
        views.apply(event.contactId().toString(), sequence,
                    combine(set("disqualified", true), set("disqualificationReason", event.reason().name()),
                            set("updatedAt", Date.from(event.at()))));
    }

    @EventHandler
    void on(ContactRequalified event, @SequenceNumber long sequence) {
        views.apply(event.contactId().toString(), sequence,
                    combine(set("disqualified", false), set("disqualificationReason", null), set("updatedAt", Date.from(event.at()))));
    }

    @EventHandler
    void on(LifecycleStageAdvanced event, @SequenceNumber long sequence) {
        views.apply(event.contactId().toString(), sequence, stage(event.to(), event.at()));
    }

    /** Keeps what the funnel counts (stage, tier, engagement counts, firmographics); drops who the person was. */
    @EventHandler
    void on(ContactErased event, @SequenceNumber long sequence) {
        List<Bson> changes = new ArrayList<>();
        changes.add(unset(ContactViews.EMAIL));
        PERSONAL_PROFILE_FIELDS.forEach(field -> changes.add(unset("profile." + field)));
        changes.add(set("erased", true));
        changes.add(set("erasedAt", Date.from(event.at())));
        changes.add(set("updatedAt", Date.from(event.at())));
        views.apply(event.contactId().toString(), sequence, combine(changes));
    }

    @ResetHandler
    void rebuildFromNothing() {
        views.deleteAll();
    }

    private static Bson stage(Stage stage, Instant at) {
        return combine(set("stage", stage.name()), set("stageSince", Date.from(at)), set("updatedAt", Date.from(at)));
    }

    private static Document profile(Profile profile) {
        Document document = new Document();
        putIfSet(document, "firstName", profile.firstName());
        putIfSet(document, "lastName", profile.lastName());
        putIfSet(document, "company", profile.company());
        putIfSet(document, "jobTitle", profile.jobTitle());
        putIfSet(document, "industry", profile.industry());
        putIfSet(document, "companySize", profile.companySize());
        putIfSet(document, "country", profile.country());
        putIfSet(document, "phone", profile.phone());
        return document;
    }

    private static void putIfSet(Document document, String field, Object value) {
        if (value != null) {
            document.put(field, value);
        }
    }
}
