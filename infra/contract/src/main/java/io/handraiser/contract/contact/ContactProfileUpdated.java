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
 * @param changes            only the profile fields that changed; apply with {@link Profile#merge}
 * @param properties         only the custom properties that changed and are not personal, name to canonical text; a
 *                           name mapped to {@code null} was cleared. Apply with {@link CustomValues#apply}
 * @param personalProperties the same for the properties defined as personal, sealed as one value under the contact's
 *                           key (see {@link ContactCaptured}); empty once the contact is erased
 */
@Revision("1")
public record ContactProfileUpdated(@DataSubject ContactId contactId, Profile changes, Actor actor, Instant at,
                                    Map<String, String> properties,
                                    @PersonalData @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> personalProperties)
        implements ContactEvent {

    public ContactProfileUpdated {
        properties = CustomValues.stored(properties);
        personalProperties = CustomValues.stored(personalProperties);
    }

    /** A profile update that changes no custom property. */
    public ContactProfileUpdated(ContactId contactId, Profile changes, Actor actor, Instant at) {
        this(contactId, changes, actor, at, Map.of(), Map.of());
    }

    /** Every custom property this update changed, personal or not; a name mapped to {@code null} was cleared. */
    @JsonIgnore
    public Map<String, String> allProperties() {
        return CustomValues.merged(properties, personalProperties);
    }
}
