package io.handraiser.contract.contact;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.handraiser.contract.shared.PersonalData;
import io.handraiser.contract.shared.Text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What marketing knows about who a contact is: the fit side of qualification. Every field is
 * optional; a profile update carries only the fields that change, and {@link #merge} applies it.
 *
 * @param companySize number of employees
 * @param country     ISO 3166-1 alpha-2 code, upper case
 */
public record Profile(@PersonalData String firstName, @PersonalData String lastName,
                      @PersonalData String company, @PersonalData String jobTitle,
                      String industry, Integer companySize, String country, @PersonalData String phone) {

    private static final int MAX_LENGTH = 200;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Profile {
        firstName = clean(firstName, "profile.firstName");
        lastName = clean(lastName, "profile.lastName");
        company = clean(company, "profile.company");
        jobTitle = clean(jobTitle, "profile.jobTitle");
        industry = clean(industry, "profile.industry");
        phone = clean(phone, "profile.phone");
        country = clean(country, "profile.country");
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!COUNTRY.matcher(country).matches()) {
                throw new IllegalArgumentException("profile.country must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
            }
        }
        if (companySize != null && companySize < 1) {
            throw new IllegalArgumentException("profile.companySize must be at least 1");
        }
    }

    public static Profile empty() {
        return new Profile(null, null, null, null, null, null, null, null);
    }

    /** This profile with every field that {@code changes} sets taking its new value. */
    public Profile merge(Profile changes) {
        return new Profile(
                pick(changes.firstName, firstName), pick(changes.lastName, lastName),
                pick(changes.company, company), pick(changes.jobTitle, jobTitle),
                pick(changes.industry, industry), pick(changes.companySize, companySize),
                pick(changes.country, country), pick(changes.phone, phone));
    }

    /** The fields of {@code changes} that differ from this profile; empty when nothing changes. */
    public Profile changesFrom(Profile changes) {
        return new Profile(
                differing(changes.firstName, firstName), differing(changes.lastName, lastName),
                differing(changes.company, company), differing(changes.jobTitle, jobTitle),
                differing(changes.industry, industry), differing(changes.companySize, companySize),
                differing(changes.country, country), differing(changes.phone, phone));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return equals(empty());
    }

    private static String clean(String value, String what) {
        Text.requireMaxLength(value, MAX_LENGTH, what);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <T> T pick(T change, T current) {
        return change != null ? change : current;
    }

    private static <T> T differing(T change, T current) {
        return change != null && !change.equals(current) ? change : null;
    }
}
