package io.handraiser.contract.catalogue;

import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Objects;

/** Defines a custom contact property, or changes its definition as {@link CatalogueEvent} allows. */
public record DefineProperty(String name, PropertyType type, List<String> options, boolean personal, String description) {

    public static final int MAX_OPTIONS = 200;
    public static final int MAX_OPTION_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    public DefineProperty {
        CustomValues.requireName(name, "name");
        Objects.requireNonNull(type, "type is required");
        options = options == null ? List.of() : List.copyOf(options);
        if (type == PropertyType.ONE_OF && options.isEmpty()) {
            throw new IllegalArgumentException("options are required for a ONE_OF property");
        }
        if (type != PropertyType.ONE_OF && !options.isEmpty()) {
            throw new IllegalArgumentException("options are only for a ONE_OF property, not " + type);
        }
        if (options.size() > MAX_OPTIONS) {
            throw new IllegalArgumentException("options has more than " + MAX_OPTIONS + " values");
        }
        for (String option : options) {
            Text.requireNonBlank(option, "options[" + options.indexOf(option) + "]");
            Text.requireMaxLength(option, MAX_OPTION_LENGTH, "options[" + options.indexOf(option) + "]");
            if (!option.equals(option.trim())) {
                throw new IllegalArgumentException("options[" + options.indexOf(option) + "] has surrounding blanks");
            }
        }
        if (options.stream().distinct().count() != options.size()) {
            throw new IllegalArgumentException("options names a value twice: " + options);
        }
        description = description == null ? "" : description.trim();
        Text.requireMaxLength(description, MAX_DESCRIPTION_LENGTH, "description");
    }

    /** The catalogue entry's identity in the event log, apart from contacts' and activity types'. */
    @TargetAggregateIdentifier
    public String entryId() {
        return "property:" + name;
    }
}
