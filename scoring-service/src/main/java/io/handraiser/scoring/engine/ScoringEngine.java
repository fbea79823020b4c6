package io.handraiser.scoring.engine;

import io.handraiser.scoring.engine.Score.Explained;
import io.handraiser.scoring.engine.Score.Kind;
import io.handraiser.scoring.engine.Score.Occurrence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores a contact under a model. A pure function of its arguments: the time is passed in and nothing is read
 * from a clock, a database or a framework, so the same facts, engagements and instant always give the same
 * score, and a candidate model can be replayed against history with the very code that scores live.
 * <p>
 * It works in two steps so that scoring need not keep personal data: {@link #matchingRules} and {@link #ruleFor}
 * reduce a profile and an engagement to the names of the rules they match (the values themselves can then be
 * forgotten), and {@link #evaluate} turns matched rules and dated engagements into a score at an instant.
 */
public final class ScoringEngine {

    private ScoringEngine() {
    }

    /** The score of a contact with these facts and engagements at {@code now}. */
    public static Score score(ScoringModel model, ContactFacts facts, Collection<Engagement> engagements, Instant now) {
        List<MatchedEngagement> matched = engagements.stream()
                                                     .flatMap(engagement -> ruleFor(model, engagement).stream())
                                                     .toList();
        return evaluate(model, matchingRules(model, facts), matched, now);
    }

    /** Names of the profile rules and disqualifiers the facts match. */
    public static Set<String> matchingRules(ScoringModel model, ContactFacts facts) {
        Set<String> names = model.attributeRules().filter(rule -> rule.matches(facts)).map(AttributeRule::name)
                                 .collect(Collectors.toCollection(LinkedHashSet::new));
        model.disqualifiers().stream().filter(rule -> rule.matches(facts)).forEach(rule -> names.add(rule.name()));
        return names;
    }

    /** Names of the profile rules and disqualifiers about {@code attribute} that {@code value} matches. */
    public static Set<String> matchingRules(ScoringModel model, Attribute attribute, Object value) {
        Set<String> names = model.attributeRules().filter(rule -> rule.attribute() == attribute && rule.condition().test(value))
                                 .map(AttributeRule::name).collect(Collectors.toCollection(LinkedHashSet::new));
        model.disqualifiers().stream().filter(rule -> rule.attribute() == attribute && rule.condition().test(value))
             .forEach(rule -> names.add(rule.name()));
        return names;
    }

    /** The one rule the engagement counts for: the first match among hand-raisers, negative and engagement rules. */
    public static Optional<MatchedEngagement> ruleFor(ScoringModel model, Engagement engagement) {
        return model.activityRules().filter(rule -> rule.matches(engagement)).findFirst()
                    .map(rule -> new MatchedEngagement(engagement.id(), engagement.type(), engagement.occurredAt(), rule.name()));
    }

    /**
     * The score at {@code now} of a contact matching {@code profileRules} with these engagements. Rule names the
     * model does not know (matched under another version) count nothing.
     */
    public static Score evaluate(ScoringModel model, Set<String> profileRules, Collection<MatchedEngagement> engagements, Instant now) {
        List<Explained> signals = new ArrayList<>();
        model.fit().stream().filter(rule -> profileRules.contains(rule.name()))
             .forEach(rule -> signals.add(profileSignal(rule, Kind.FIT)));
        model.negativeFit().stream().filter(rule -> profileRules.contains(rule.name()))
             .forEach(rule -> signals.add(profileSignal(rule, Kind.NEGATIVE_FIT)));
        Disqualifier disqualifier = model.disqualifiers().stream().filter(rule -> profileRules.contains(rule.name())).findFirst().orElse(null);
        if (disqualifier != null) {
            signals.add(new Explained(disqualifier.name(), Kind.DISQUALIFIER, 0, disqualifier.describe(), List.of(), null, null));
        }

        Map<String, List<MatchedEngagement>> byRule = new LinkedHashMap<>();
        engagements.forEach(engagement -> byRule.computeIfAbsent(engagement.rule(), rule -> new ArrayList<>()).add(engagement));
        String handRaiser = null;
        for (ActivityRule rule : model.activityRules().toList()) {
            List<MatchedEngagement> occurrences = byRule.get(rule.name());
            Explained signal = occurrences == null ? null : activitySignal(model, rule, occurrences, now);
            if (signal != null) {
                signals.add(signal);
                if (signal.kind() == Kind.HAND_RAISER && handRaiser == null) {
                    handRaiser = rule.name();
                }
            }
        }

        int fit = signals.stream().filter(Explained::isFit).mapToInt(Explained::points).sum();
        int engagement = signals.stream().filter(signal -> !signal.isFit()).mapToInt(Explained::points).sum();
        Instant nextChangeAt = signals.stream().map(Explained::nextChangeAt).filter(Objects::nonNull)
                                      .min(Comparator.naturalOrder()).orElse(null);
        TierRule tier = disqualifier != null ? null : tierReached(model, fit, fit + engagement, handRaiser != null);
        String reason = tier == null ? null : reason(tier, fit, fit + engagement, handRaiser);
        return new Score(fit, engagement, tier == null ? null : tier.tier(), disqualifier, handRaiser, reason, signals, nextChangeAt);
    }

    /** The first tier whose fit is reached, and whose total too unless a hand-raiser counts. */
    private static TierRule tierReached(ScoringModel model, int fit, int total, boolean handRaised) {
        return model.tiers().stream().filter(tier -> fit >= tier.minFit() && (handRaised || total >= tier.minTotal()))
                    .findFirst().orElse(null);
    }

    private static String reason(TierRule tier, int fit, int total, String handRaiser) {
        if (handRaiser != null && total < tier.minTotal()) {
            return "hand-raiser " + handRaiser + " with fit " + fit + " >= " + tier.minFit() + ": tier " + tier.tier();
        }
        return "tier " + tier.tier() + ": fit " + fit + " >= " + tier.minFit() + " and total " + total + " >= " + tier.minTotal();
    }

    private static Explained profileSignal(AttributeRule rule, Kind kind) {
        return new Explained(rule.name(), kind, rule.points(), rule.describe(), List.of(), null, null);
    }

    /**
     * The most recent occurrences count first: they are worth the most under decay, and they stay in the cap's
     * window longest. Ties in time are broken by id so the choice never depends on arrival order.
     */
    private static Explained activitySignal(ScoringModel model, ActivityRule rule, List<MatchedEngagement> occurrences, Instant now) {
        List<MatchedEngagement> newestFirst = occurrences.stream()
                .sorted(Comparator.comparing(MatchedEngagement::occurredAt).reversed().thenComparing(MatchedEngagement::id))
                .toList();
        List<Occurrence> counted = new ArrayList<>();
        for (MatchedEngagement occurrence : newestFirst) {
            if (rule.cap() != null && counted.size() >= rule.cap().max()) {
                break;
            }
            int points = rule.pointsAt(occurrence.occurredAt(), now);
            if (points != 0) {
                counted.add(new Occurrence(occurrence.id(), occurrence.occurredAt(), points,
                                           rule.changesAfter(occurrence.occurredAt(), now), rule.expiresAt(occurrence.occurredAt())));
            }
        }
        if (counted.isEmpty()) {
            return null;
        }
        int points = counted.stream().mapToInt(Occurrence::points).sum();
        Instant nextChangeAt = counted.stream().map(Occurrence::nextChangeAt).filter(Objects::nonNull)
                                      .min(Comparator.naturalOrder()).orElse(null);
        Instant expiresAt = counted.stream().anyMatch(occurrence -> occurrence.expiresAt() == null) ? null
                : counted.stream().map(Occurrence::expiresAt).max(Comparator.naturalOrder()).orElseThrow();
        Kind kind = model.isHandRaiser(rule.name()) ? Kind.HAND_RAISER
                : model.isNegative(rule.name()) ? Kind.NEGATIVE_ENGAGEMENT : Kind.ENGAGEMENT;
        String detail = counted.size() + " x " + rule.describe();
        return new Explained(rule.name(), kind, points, detail, counted, nextChangeAt, expiresAt);
    }

    /** True while the engagement can still add points under the model at {@code now} or later. */
    public static boolean stillCounts(ScoringModel model, MatchedEngagement engagement, Instant now) {
        ActivityRule rule = model.activityRule(engagement.rule());
        return rule != null && rule.pointsAt(engagement.occurredAt(), now) != 0;
    }
}
