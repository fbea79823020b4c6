package io.handraiser.scoring.engine;

/**
 * What fit rules look at, as the contact events last stated it. Held in memory only: the job title is personal
 * data and the email domain is all that is kept of the address.
 */
public record ContactFacts(String industry, Integer companySize, String country, String jobTitle, String emailDomain) {

    public static ContactFacts unknown() {
        return new ContactFacts(null, null, null, null, null);
    }
}
