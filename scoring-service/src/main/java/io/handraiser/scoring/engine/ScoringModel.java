package io.handraiser.scoring.engine;

import java.util.List;
import java.util.stream.Stream;

/**
 * A scoring model: marketing's criteria for who is ready for sales, as data. Built by {@link ModelParser} from a
 * model document, which validates it; immutable once built.
 *
 * @param fit                profile rules with positive points: who the person is
 * @param engagement         behaviour rules with positive points: what the person did
 * @param negativeFit        profile rules with negative points (student address, free mail)
 * @param negativeEngagement behaviour rules with negative points (unsubscribed, bounced)
 * @param disqualifiers      profile tests that rule the contact out (competitors, listed firms)
 * @param handRaisers        behaviour that qualifies at once when the fit reaches a tier (demo request, trial)
 * @param tiers              highest first; the first one reached is the contact's tier
 */
public record ScoringModel(String name, String description, List<AttributeRule> fit, List<ActivityRule> engagement,
                           List<AttributeRule> negativeFit, List<ActivityRule> negativeEngagement,
                           List<Disqualifier> disqualifiers, List<ActivityRule> handRaisers, List<TierRule> tiers) {

    public ScoringModel {
        fit = List.copyOf(fit);
        engagement = List.copyOf(engagement);
        negativeFit = List.copyOf(negativeFit);
        negativeEngagement = List.copyOf(negativeEngagement);
        disqualifiers = List.copyOf(disqualifiers);
        handRaisers = List.copyOf(handRaisers);
        tiers = List.copyOf(tiers);
    }

    /**
     * The behaviour rules in the order an engagement is matched against them: an engagement counts for the first
     * rule it matches only, so a buying guide that is also a guide counts once, as the hand-raiser.
     */
    public Stream<ActivityRule> activityRules() {
        return Stream.of(handRaisers, negativeEngagement, engagement).flatMap(List::stream);
    }

    public Stream<AttributeRule> attributeRules() {
        return Stream.concat(fit.stream(), negativeFit.stream());
    }

    // the lookups below run for every score a replay evaluates, hence loops rather than streams

    public ActivityRule activityRule(String name) {
        ActivityRule rule = named(handRaisers, name);
        if (rule == null) {
            rule = named(negativeEngagement, name);
        }
        return rule != null ? rule : named(engagement, name);
    }

    public boolean isHandRaiser(String ruleName) {
        return named(handRaisers, ruleName) != null;
    }

    public boolean isNegative(String ruleName) {
        for (AttributeRule rule : negativeFit) {
            if (rule.name().equals(ruleName)) {
                return true;
            }
        }
        return named(negativeEngagement, ruleName) != null;
    }

    private static ActivityRule named(List<ActivityRule> rules, String name) {
        for (ActivityRule rule : rules) {
            if (rule.name().equals(name)) {
                return rule;
            }
        }
        return null;
    }
}
