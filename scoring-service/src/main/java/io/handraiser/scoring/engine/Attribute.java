package io.handraiser.scoring.engine;

import java.util.Arrays;
import java.util.Optional;

/** The profile attributes fit rules can look at, by the name a model document uses for them. */
public enum Attribute {
    INDUSTRY("industry"),
    COMPANY_SIZE("companySize"),
    COUNTRY("country"),
    JOB_TITLE("jobTitle"),
    EMAIL_DOMAIN("emailDomain");

    private final String key;

    Attribute(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean isNumeric() {
        return this == COMPANY_SIZE;
    }

    public static Optional<Attribute> byKey(String key) {
        return Arrays.stream(values()).filter(attribute -> attribute.key.equals(key)).findFirst();
    }

    public Object valueIn(ContactFacts facts) {
        return switch (this) {
            case INDUSTRY -> facts.industry();
            case COMPANY_SIZE -> facts.companySize();
            case COUNTRY -> facts.country();
            case JOB_TITLE -> facts.jobTitle();
            case EMAIL_DOMAIN -> facts.emailDomain();
        };
    }
}
