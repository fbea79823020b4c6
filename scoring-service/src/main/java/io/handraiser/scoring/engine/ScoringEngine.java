package io.handraiser.scoring.engine;

import io.handraiser.scoring.engine.Score.Explained;
import io.handraiser.scoring.engine.Score.Kind;
import io.handraiser.scoring.engine.Score.Occurrence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores a contact under a model. A pure function of its arguments: the time is passed in and nothing is read
 * from a clock, a database or a framework, so the same facts, engagements and instant always give the same
 * score, and a candidate model can be replayed against history with the very code that scores live.
 * <p>
 * It works in two steps so that scoring need not keep personal data: {@link #matchingRules} and {@link #ruleFor}
 * reduce a profile and an engagement to the names of the rules they match (the values themselves can then be
 * forgotten), and {@link #evaluate} turns matched rules and dated engagements into a score at an instant.
 * <p>
 * {@link #evaluate} and {@link #matchingRules} run for every event of a replay, so they loop over the model's lists
 * rather than build streams: the streams' allocations dominated a replay's profile.
 */
public final class ScoringEngine {

    private static final Comparator<MatchedEngagement> NEWEST_FIRST =
            Comparator.comparing(MatchedEngagement::occurredAt).reversed().thenComparing(MatchedEngagement::id);

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
        Set<String> names = new LinkedHashSet<>();
        addMatching(model.fit(), facts, names);
        addMatching(model.negativeFit(), facts, names);
        for (Disqualifier rule : model.disqualifiers()) {
            if (rule.matches(facts)) {
                names.add(rule.name());
            }
        }
        return names;
    }

    private static void addMatching(List<AttributeRule> rules, ContactFacts facts, Set<String> names) {
        for (AttributeRule rule : rules) {
            if (rule.matches(facts)) {
                names.add(rule.name());
            }
        }
    }

    /** Names of the profile rules and disqualifiers about {@code attribute} that {@code value} matches. */
    public static Set<String> matchingRules(ScoringModel model, Attribute attribute, Object value) {
        Set<String> names = new LinkedHashSet<>();
        addMatching(model.fit(), attribute, value, names);
        addMatching(model.negativeFit(), attribute, value, names);
        for (Disqualifier rule : model.disqualifiers()) {
            if (rule.attribute() == attribute && rule.condition().test(value)) {
                names.add(rule.name());
            }
        }
        return names;
    }

    private static void addMatching(List<AttributeRule> rules, Attribute attribute, Object value, Set<String> names) {
        for (AttributeRule rule : rules) {
            if (rule.attribute() == attribute && rule.condition().test(value)) {
                names.add(rule.name());
            }
        }
    }

    /**
     * The one rule the engagement counts for: the first match among hand-raisers, negative and engagement rules, the
     * order of {@link ScoringModel#activityRules()}.
     */
    public static Optional<MatchedEngagement> ruleFor(ScoringModel model, Engagement engagement) {
        ActivityRule rule = firstMatching(model.handRaisers(), engagement);
        if (rule == null) {
            rule = firstMatching(model.negativeEngagement(), engagement);
        }
        if (rule == null) {
            rule = firstMatching(model.engagement(), engagement);
        }
        return rule == null ? Optional.empty()
                : Optional.of(new MatchedEngagement(engagement.id(), engagement.type(), engagement.occurredAt(), rule.name()));
    }

    private static ActivityRule firstMatching(List<ActivityRule> rules, Engagement engagement) {
        for (ActivityRule rule : rules) {
            if (rule.matches(engagement)) {
                return rule;
            }
        }
        return null;
    }

    /**
     * The score at {@code now} of a contact matching {@code profileRules} with these engagements. Rule names the
     * model does not know (matched under another version) count nothing.
     */
    public static Score evaluate(ScoringModel model, Set<String> profileRules, Collection<MatchedEngagement> engagements, Instant now) {
        List<Explained> signals = new ArrayList<>();
        addProfileSignals(model.fit(), Kind.FIT, profileRules, signals);
        addProfileSignals(model.negativeFit(), Kind.NEGATIVE_FIT, profileRules, signals);
        Disqualifier disqualifier = null;
        for (Disqualifier rule : model.disqualifiers()) {
            if (profileRules.contains(rule.name())) {
                disqualifier = rule;
                break;
            }
        }
        if (disqualifier != null) {
            signals.add(new Explained(disqualifier.name(), Kind.DISQUALIFIER, 0, disqualifier.describe(), List.of(), null, null));
        }

        Map<String, List<MatchedEngagement>> byRule = new HashMap<>();
        for (MatchedEngagement engagement : engagements) {
            byRule.computeIfAbsent(engagement.rule(), rule -> new ArrayList<>()).add(engagement);
        }
        // the order of activityRules(): the first hand-raiser that counts is the one named
        addActivitySignals(model, model.handRaisers(), byRule, now, signals);
        addActivitySignals(model, model.negativeEngagement(), byRule, now, signals);
        addActivitySignals(model, model.engagement(), byRule, now, signals);

        int fit = 0;
        int engagement = 0;
        Instant nextChangeAt = null;
        String handRaiser = null;
        for (Explained signal : signals) {
            if (signal.isFit()) {
                fit += signal.points();
            } else {
                engagement += signal.points();
            }
            nextChangeAt = earliest(nextChangeAt, signal.nextChangeAt());
            if (signal.kind() == Kind.HAND_RAISER && handRaiser == null) {
                handRaiser = signal.rule();
            }
        }
        TierRule tier = disqualifier != null ? null : tierReached(model, fit, fit + engagement, handRaiser != null);
        String reason = tier == null ? null : reason(tier, fit, fit + engagement, handRaiser);
        return new Score(fit, engagement, tier == null ? null : tier.tier(), disqualifier, handRaiser, reason, signals, nextChangeAt);
    }

    /** The first tier whose fit is reached, and whose total too unless a hand-raiser counts. */
    private static TierRule tierReached(ScoringModel model, int fit, int total, boolean handRaised) {
        for (TierRule tier : model.tiers()) {
            if (fit >= tier.minFit() && (handRaised || total >= tier.minTotal())) {
                return tier;
            }
        }
        return null;
    }

    private static void addProfileSignals(List<AttributeRule> rules, Kind kind, Set<String> profileRules, List<Explained> signals) {
        for (AttributeRule rule : rules) {
            if (profileRules.contains(rule.name())) {
                signals.add(profileSignal(rule, kind));
            }
        }
    }

    private static void addActivitySignals(ScoringModel model, List<ActivityRule> rules, Map<String, List<MatchedEngagement>> byRule,
                                           Instant now, List<Explained> signals) {
        for (ActivityRule rule : rules) {
            List<MatchedEngagement> occurrences = byRule.get(rule.name());
            Explained signal = occurrences == null ? null : activitySignal(model, rule, occurrences, now);
            if (signal != null) {
                signals.add(signal);
            }
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b != null && b.isBefore(a) ? b : a;
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
        List<MatchedEngagement> newestFirst = new ArrayList<>(occurrences);
        newestFirst.sort(NEWEST_FIRST);
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
        int points = 0;
        Instant nextChangeAt = null;
        // null as soon as one occurrence never expires
        Instant expiresAt = counted.get(0).expiresAt();
        for (Occurrence occurrence : counted) {
            points += occurrence.points();
            nextChangeAt = earliest(nextChangeAt, occurrence.nextChangeAt());
            if (expiresAt != null && (occurrence.expiresAt() == null || occurrence.expiresAt().isAfter(expiresAt))) {
                expiresAt = occurrence.expiresAt();
            }
        }
        Kind kind = model.isHandRaiser(rule.name()) ? Kind.HAND_RAISER
                : model.isNegative(rule.name()) ? Kind.NEGATIVE_ENGAGEMENT : Kind.ENGAGEMENT;
        String detail = counted.size() + " x " + rule.describe();
        return new Explained(rule.name(), kind, points, detail, counted, nextChangeAt, expiresAt);
    }

    /**
     * The engagements a score at {@code now} or later can still use, in their order: each still worth points (points
     * only fade, so one worth nothing now is worth nothing later), and of a capped rule only the newest
     * {@code cap.max} of those. A capped rule counts its occurrences newest first; time only ages them and a new
     * engagement only adds one, so an occurrence outside the newest maximum now never counts again. Without that, a
     * contact that keeps viewing the pricing page grows its stored score, and the work for each of its events,
     * without end.
     */
    public static List<MatchedEngagement> worthKeeping(ScoringModel model, List<MatchedEngagement> engagements, Instant now) {
        List<MatchedEngagement> kept = new ArrayList<>(engagements.size());
        Map<String, Integer> cappedCounts = null;
        boolean overACap = false;
        // a loop, not a stream: it runs for every event a replay applies, and the usual contact is under every cap
        for (MatchedEngagement engagement : engagements) {
            ActivityRule rule = model.activityRule(engagement.rule());
            if (rule == null || rule.pointsAt(engagement.occurredAt(), now) == 0) {
                continue;
            }
            kept.add(engagement);
            if (rule.cap() != null) {
                if (cappedCounts == null) {
                    cappedCounts = new HashMap<>();
                }
                overACap |= cappedCounts.merge(rule.name(), 1, Integer::sum) > rule.cap().max();
            }
        }
        return overACap ? withinCaps(model, kept) : kept;
    }

    private static List<MatchedEngagement> withinCaps(ScoringModel model, List<MatchedEngagement> worthPoints) {
        Map<String, List<MatchedEngagement>> byCappedRule = new HashMap<>();
        for (MatchedEngagement engagement : worthPoints) {
            if (model.activityRule(engagement.rule()).cap() != null) {
                byCappedRule.computeIfAbsent(engagement.rule(), rule -> new ArrayList<>()).add(engagement);
            }
        }
        Set<MatchedEngagement> beyondCaps = new HashSet<>();
        byCappedRule.forEach((rule, occurrences) -> {
            occurrences.sort(NEWEST_FIRST);
            beyondCaps.addAll(occurrences.subList(Math.min(model.activityRule(rule).cap().max(), occurrences.size()), occurrences.size()));
        });
        List<MatchedEngagement> kept = new ArrayList<>(worthPoints.size() - beyondCaps.size());
        for (MatchedEngagement engagement : worthPoints) {
            if (!beyondCaps.contains(engagement)) {
                kept.add(engagement);
            }
        }
        return kept;
    }
}
