package io.handraiser.contract.catalogue;

import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A custom activity type registered, or its registration changed (see {@link CatalogueEvent} for what may change):
 * the whole registration as it now stands. Built-in types ({@link EngagementType#builtIn()}) are never registered.
 * <p>
 * An engagement of this type carries, in {@code EngagementRecorded.attributes}, only the attributes named here (text,
 * never personal data: attributes are not encrypted), and in {@code EngagementRecorded.value} a number only if
 * {@code numericValue}.
 *
 * @param attributes   names matching {@code [a-z0-9_-]{1,64}}; each optional on an engagement
 * @param numericValue whether engagements carry a numeric value (seconds on site, seats, order value)
 * @param valueUnit    what the value counts, e.g. "seconds"; null without a numeric value
 * @param description  for people choosing types in rules; may be empty
 */
@Revision("1")
public record ActivityTypeRegistered(EngagementType type, List<String> attributes, boolean numericValue, String valueUnit,
                                     String description, Actor actor, Instant at) implements CatalogueEvent {

    public ActivityTypeRegistered {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        description = description == null ? "" : description;
    }
}
