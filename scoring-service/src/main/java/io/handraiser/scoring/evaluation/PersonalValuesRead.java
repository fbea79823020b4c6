package io.handraiser.scoring.evaluation;

import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.scoring.engine.Attribute;
import io.handraiser.scoring.engine.AttributeRule;
import io.handraiser.scoring.engine.Disqualifier;
import io.handraiser.scoring.engine.ScoringModel;
import io.handraiser.starter.privacy.PersonalValueSelection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The personal values of contact events that a model's rules can read, for a replay to open those and leave every
 * other one shut: opening a value (AES-GCM) is the dearest part of reading an event, and most personal values are
 * never scored. Scoring reads three: the job title and the e-mail's domain, only through profile rules and
 * disqualifiers testing them, and a page's URL, only through behaviour rules with a URL pattern ({@code
 * ContactHistory}, {@code ActivityRule}). Names, company, phone and notes are read by no rule. A value left shut reads
 * as {@code null}, so for a model that does not test it the replay is the same as with it open.
 */
final class PersonalValuesRead {

    private PersonalValuesRead() {
    }

    static PersonalValueSelection by(ScoringModel model) {
        Set<Attribute> tested = new HashSet<>();
        model.attributeRules().map(AttributeRule::attribute).forEach(tested::add);
        model.disqualifiers().stream().map(Disqualifier::attribute).forEach(tested::add);
        Map<Class<?>, Set<String>> opened = new HashMap<>();
        if (tested.contains(Attribute.JOB_TITLE)) {
            add(opened, ContactCaptured.class, "profile.jobTitle");
            add(opened, ContactProfileUpdated.class, "changes.jobTitle");
        }
        if (tested.contains(Attribute.EMAIL_DOMAIN)) {
            add(opened, ContactCaptured.class, "email");
        }
        if (model.activityRules().anyMatch(rule -> rule.urlPattern() != null)) {
            add(opened, EngagementRecorded.class, "detail.url");
        }
        return PersonalValueSelection.only(opened);
    }

    private static void add(Map<Class<?>, Set<String>> opened, Class<?> type, String path) {
        opened.computeIfAbsent(type, any -> new HashSet<>()).add(path);
    }
}
