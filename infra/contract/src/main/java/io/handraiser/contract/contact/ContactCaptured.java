package io.handraiser.contract.contact;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.handraiser.contract.catalogue.CustomValues;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import io.handraiser.contract.shared.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/**
 * @param properties         the contact's custom properties that are not personal, name to canonical text
 *                           ({@link io.handraiser.contract.catalogue.PropertyType#canonical}); empty if none (and in
 *                           events stored before custom properties existed)
 * @param personalProperties the custom properties defined as personal, sealed as one value under the contact's key by
 *                           the event log's serializer (so their names are not readable either) and left out when
 *                           empty; after erasure it reads as empty. A reader wants {@link #allProperties()}
 */
@Revision("1")
public record ContactCaptured(@DataSubject ContactId contactId, @PersonalData Email email, Profile profile, Source source, Stage stage,
                              Actor actor, Instant at, Map<String, String> properties,
                              @PersonalData @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> personalProperties)
        implements ContactEvent {

    public ContactCaptured {
        properties = CustomValues.stored(properties);
        personalProperties = CustomValues.stored(personalProperties);
    }

    /** A contact captured without custom properties. */
    public ContactCaptured(ContactId contactId, Email email, Profile profile, Source source, Stage stage, Actor actor, Instant at) {
        this(contactId, email, profile, source, stage, actor, at, Map.of(), Map.of());
    }

    /** Every custom property the contact was captured with, personal or not (personal ones absent once erased). */
    @JsonIgnore
    public Map<String, String> allProperties() {
        return CustomValues.merged(properties, personalProperties);
    }
}
