package io.handraiser.contract.catalogue;

import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Objects;

/** Registers a custom activity type, or changes its registration as {@link CatalogueEvent} allows. */
public record RegisterActivityType(EngagementType type, List<String> attributes, boolean numericValue, String valueUnit,
                                   String description) {

    public static final int MAX_ATTRIBUTES = 50;
    public static final int MAX_UNIT_LENGTH = 50;

    public RegisterActivityType {
        Objects.requireNonNull(type, "type is required");
        if (type.isBuiltIn()) {
            throw new IllegalArgumentException(type + " is a built-in type and cannot be registered");
        }
        attributes = CustomValues.names(attributes, "attributes");
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("attributes has more than " + MAX_ATTRIBUTES + " names");
        }
        valueUnit = valueUnit == null || valueUnit.isBlank() ? null : valueUnit.trim();
        Text.requireMaxLength(valueUnit, MAX_UNIT_LENGTH, "valueUnit");
        if (valueUnit != null && !numericValue) {
            throw new IllegalArgumentException("valueUnit is only for a type with a numeric value");
        }
        description = description == null ? "" : description.trim();
        Text.requireMaxLength(description, DefineProperty.MAX_DESCRIPTION_LENGTH, "description");
    }

    /** The catalogue entry's identity in the event log, apart from contacts' and properties'. */
    @TargetAggregateIdentifier
    public String entryId() {
        return "activity-type:" + type.name();
    }
}
