package io.handraiser.contact.mautic;

import io.handraiser.contact.mautic.MauticProperties.FieldMapping;
import io.handraiser.contract.contact.Profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a Mautic contact's fields into a Handraiser profile by the configured mapping. A value the profile
 * refuses (a country Mautic spells in a way no ISO code matches, a company size that is not a number) is left
 * out and reported, so one odd field does not lose the rest of the contact.
 */
final class ProfileMapping {

    /** Mautic stores countries by English name ("United Kingdom"); profiles keep ISO 3166-1 alpha-2 codes. */
    private static final Map<String, String> COUNTRY_CODES = countryCodes();

    private final FieldMapping mapping;

    ProfileMapping(FieldMapping mapping) {
        this.mapping = mapping;
    }

    Mapped profile(MauticContact contact) {
        List<String> skipped = new ArrayList<>();
        String firstName = checked("firstName", contact.field(mapping.firstName()), v -> new Profile(v, null, null, null, null, null, null, null), skipped);
        String lastName = checked("lastName", contact.field(mapping.lastName()), v -> new Profile(null, v, null, null, null, null, null, null), skipped);
        String company = checked("company", contact.field(mapping.company()), v -> new Profile(null, null, v, null, null, null, null, null), skipped);
        String jobTitle = checked("jobTitle", contact.field(mapping.jobTitle()), v -> new Profile(null, null, null, v, null, null, null, null), skipped);
        String industry = checked("industry", contact.field(mapping.industry()), v -> new Profile(null, null, null, null, v, null, null, null), skipped);
        String phone = checked("phone", contact.field(mapping.phone()), v -> new Profile(null, null, null, null, null, null, null, v), skipped);
        String country = checked("country", countryCode(contact.field(mapping.country())),
                                 v -> new Profile(null, null, null, null, null, null, v, null), skipped);
        Integer companySize = companySize(contact.field(mapping.companySize()), skipped);
        return new Mapped(new Profile(firstName, lastName, company, jobTitle, industry, companySize, country, phone), skipped);
    }

    private static String checked(String attribute, String value, Function<String, Profile> probe, List<String> skipped) {
        if (value == null) {
            return null;
        }
        try {
            probe.apply(value);
            return value;
        } catch (IllegalArgumentException refused) {
            skipped.add(attribute + ": " + refused.getMessage());
            return null;
        }
    }

    private static Integer companySize(String value, List<String> skipped) {
        if (value == null) {
            return null;
        }
        try {
            int size = (int) Double.parseDouble(value);
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, like a size below one
        }
        skipped.add("companySize: '" + value + "' is not a number of employees");
        return null;
    }

    private static String countryCode(String value) {
        if (value == null) {
            return null;
        }
        String code = COUNTRY_CODES.get(value.toLowerCase(Locale.ROOT));
        return code != null ? code : value;
    }

    private static Map<String, String> countryCodes() {
        Map<String, String> codes = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            codes.put(new Locale("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
        }
        // common spellings the JDK names differently
        codes.put("united states of america", "US");
        codes.put("russian federation", "RU");
        codes.put("korea, republic of", "KR");
        codes.put("viet nam", "VN");
        codes.put("czech republic", "CZ");
        return Map.copyOf(codes);
    }

    /** @param skipped the fields left out, each with the reason */
    record Mapped(Profile profile, List<String> skipped) {
    }
}
