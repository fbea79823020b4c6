package io.handraiser.contract.contact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a contact did, as marketing automation reports it: one of the built-in types below, or a type a deployment
 * registered in its activity catalogue ({@link io.handraiser.contract.catalogue.ActivityTypeRegistered}). An open
 * value rather than an enum, so a new activity needs no release; the built-ins keep the names an enum had, so
 * events stored before read unchanged. Whether a custom type is registered is contact-service's check, not this
 * value's: a name here only has the right shape.
 *
 * @param name upper case letters, digits and underscores, starting with a letter, at most 64 characters
 */
public record EngagementType(@JsonValue String name) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public static final EngagementType PAGE_VIEW = new EngagementType("PAGE_VIEW");
    public static final EngagementType CONTENT_DOWNLOAD = new EngagementType("CONTENT_DOWNLOAD");
    public static final EngagementType WEBINAR_REGISTERED = new EngagementType("WEBINAR_REGISTERED");
    public static final EngagementType WEBINAR_ATTENDED = new EngagementType("WEBINAR_ATTENDED");
    public static final EngagementType EMAIL_OPENED = new EngagementType("EMAIL_OPENED");
    public static final EngagementType EMAIL_CLICKED = new EngagementType("EMAIL_CLICKED");
    public static final EngagementType FORM_SUBMITTED = new EngagementType("FORM_SUBMITTED");
    public static final EngagementType DEMO_REQUESTED = new EngagementType("DEMO_REQUESTED");
    public static final EngagementType TRIAL_STARTED = new EngagementType("TRIAL_STARTED");
    public static final EngagementType CONTACT_SALES_REQUESTED = new EngagementType("CONTACT_SALES_REQUESTED");
    public static final EngagementType UNSUBSCRIBED = new EngagementType("UNSUBSCRIBED");
    public static final EngagementType EMAIL_BOUNCED = new EngagementType("EMAIL_BOUNCED");

    private static final List<EngagementType> BUILT_IN = List.of(
            PAGE_VIEW, CONTENT_DOWNLOAD, WEBINAR_REGISTERED, WEBINAR_ATTENDED, EMAIL_OPENED, EMAIL_CLICKED,
            FORM_SUBMITTED, DEMO_REQUESTED, TRIAL_STARTED, CONTACT_SALES_REQUESTED, UNSUBSCRIBED, EMAIL_BOUNCED);
    private static final Map<String, EngagementType> BUILT_IN_BY_NAME = BUILT_IN.stream()
            .collect(Collectors.toUnmodifiableMap(EngagementType::name, Function.identity()));

    public EngagementType {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("type must be upper case letters, digits and underscores starting with a letter"
                                               + " (at most 64), got '" + name + "'");
        }
    }

    /** The type named {@code name}; throws {@link IllegalArgumentException} for a name of the wrong shape. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EngagementType of(String name) {
        EngagementType builtIn = name == null ? null : BUILT_IN_BY_NAME.get(name);
        return builtIn != null ? builtIn : new EngagementType(name);
    }

    /** The types every deployment has, in the order an enum declared them. */
    public static List<EngagementType> builtIn() {
        return BUILT_IN;
    }

    public boolean isBuiltIn() {
        return BUILT_IN_BY_NAME.containsKey(name);
    }

    /**
     * Scoring rules match page views by URL and downloads by asset, so those cannot be missing. A custom type
     * requires no detail: what it needs is declared in its catalogue entry and checked by contact-service.
     */
    public void checkDetail(EngagementDetail detail) {
        if (equals(PAGE_VIEW) && (detail == null || detail.url() == null)) {
            throw new IllegalArgumentException(this + " needs detail.url");
        }
        if (equals(CONTENT_DOWNLOAD) && (detail == null || detail.asset() == null)) {
            throw new IllegalArgumentException(this + " needs detail.asset");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
