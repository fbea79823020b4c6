package io.handraiser.contract.catalogue;

import io.handraiser.contract.shared.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A custom contact property defined, or its definition changed (see {@link CatalogueEvent} for what may change):
 * the whole definition as it now stands, so the latest fact for a name is its definition.
 * <p>
 * Values travel in {@code ContactCaptured.properties} and {@code ContactProfileUpdated.properties} as canonical text
 * ({@link PropertyType#canonical}); the values of a {@code personal} property travel in {@code personalProperties}
 * instead, encrypted under the contact's key, and read as absent once the contact is erased.
 *
 * @param name        matches {@code [a-z0-9_-]{1,64}}
 * @param options     the allowed values of a {@link PropertyType#ONE_OF} property, in display order; empty otherwise
 * @param personal    whether values identify or describe a person (encrypted per contact, gone on erasure)
 * @param description for people choosing properties in rules; may be empty
 */
@Revision("1")
public record PropertyDefined(String name, PropertyType type, List<String> options, boolean personal, String description,
                              Actor actor, Instant at) implements CatalogueEvent {

    public PropertyDefined {
        options = options == null ? List.of() : List.copyOf(options);
        description = description == null ? "" : description;
    }
}
