package io.handraiser.scoring.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What scoring keeps of a profile between events: the attributes that identify nobody (industry, company size,
 * country, the email's domain) as they are, and of the job title, which is personal data, only the names of the
 * rules it matched under {@code modelVersion}. Another model version needs the title again, and reads it from the
 * event log.
 */
public record Facts(String industry, Integer companySize, String country, String emailDomain, List<String> jobTitleRules) {

    public Facts {
        jobTitleRules = jobTitleRules == null ? List.of() : List.copyOf(jobTitleRules);
    }

    public static Facts none() {
        return new Facts(null, null, null, null, List.of());
    }

    public static Facts of(ContactFacts facts, ScoringModel model) {
        return new Facts(facts.industry(), facts.companySize(), facts.country(), facts.emailDomain(),
                         List.copyOf(ScoringEngine.matchingRules(model, Attribute.JOB_TITLE, facts.jobTitle())));
    }

    /** This profile with the attributes a profile update changed; a null change leaves the attribute as it is. */
    public Facts merge(ContactFacts changes, ScoringModel model) {
        return new Facts(changes.industry() != null ? changes.industry() : industry,
                         changes.companySize() != null ? changes.companySize() : companySize,
                         changes.country() != null ? changes.country() : country,
                         changes.emailDomain() != null ? changes.emailDomain() : emailDomain,
                         changes.jobTitle() != null ? List.copyOf(ScoringEngine.matchingRules(model, Attribute.JOB_TITLE, changes.jobTitle()))
                                 : jobTitleRules);
    }

    /** Every profile rule and disqualifier these facts match under the model they were kept for. */
    public Set<String> matchingRules(ScoringModel model) {
        ContactFacts known = new ContactFacts(industry, companySize, country, null, emailDomain);
        Set<String> rules = new LinkedHashSet<>();
        for (Attribute attribute : Attribute.values()) {
            if (attribute != Attribute.JOB_TITLE) {
                rules.addAll(ScoringEngine.matchingRules(model, attribute, attribute.valueIn(known)));
            }
        }
        rules.addAll(jobTitleRules);
        return rules;
    }
}
