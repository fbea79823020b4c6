package io.handraiser.scoring.evaluation;

import io.handraiser.scoring.engine.ScoringModel;
import io.handraiser.scoring.evaluation.Replay.Qualification;
import io.handraiser.scoring.evaluation.Replay.ReplayedContact;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a what-if replay found, for the contacts with an event in the range (the population): whom the candidate
 * model would have qualified and when, how that compares with the MQLs really recorded, and how both sets of
 * contacts turned out. Every list is sorted and nothing depends on the wall clock, so the same log and model give
 * the same report.
 *
 * @param eventsRead     contact events read from the log
 * @param eventsWithheld events left out because an earlier event of their contact was not in the log yet
 * @param contacts       contacts with an event in the range
 * @param outcomes       how the whole population turned out: the baseline
 * @param candidate      the contacts the candidate model would have qualified in the range
 * @param actual         the contacts really marked MQL in the range, by whatever model or person
 * @param rules          every rule of the candidate model with its lift, highest first
 */
public record EvaluationReport(long eventsRead, long eventsWithheld, long contacts, Outcomes outcomes, ModelResult candidate,
                               ModelResult actual, Overlap overlap, WouldBeMqls wouldBeMqls, List<RuleLift> rules) {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final String NO_TIER = "none";

    /**
     * @param positiveRate positive / (positive + negative); null when no contact's outcome is known
     */
    public record Outcomes(long positive, long negative, long unknown, Double positiveRate) {
        static Outcomes of(List<ReplayedContact> contacts) {
            long positive = contacts.stream().filter(contact -> contact.outcome() == ContactOutcome.POSITIVE).count();
            long negative = contacts.stream().filter(contact -> contact.outcome() == ContactOutcome.NEGATIVE).count();
            return new Outcomes(positive, negative, contacts.size() - positive - negative, ratio(positive, positive + negative));
        }
    }

    /**
     * @param qualified contacts qualified in the range
     * @param precision positive / (positive + negative) among them: how many of the judged ones sales wanted
     * @param recall    positive ones among them / positive contacts in the population: how many of the good
     *                  leads were found
     * @param byTier    by the tier of each contact's first qualification in the range
     */
    public record ModelResult(long qualified, Outcomes outcomes, Double precision, Double recall, List<TierResult> byTier) {
    }

    public record TierResult(String tier, long contacts, Outcomes outcomes) {
    }

    /** Contacts qualified by both, by the candidate only, by the recorded MQLs only. */
    public record Overlap(long both, long candidateOnly, long actualOnly) {
    }

    /**
     * @param qualifications every qualification the candidate would have stated in the range (a contact returned to
     *                       nurture may qualify again)
     * @param listed         the first {@code listLimit} of them by time, with the recorded MQL and the outcome
     */
    public record WouldBeMqls(long qualifications, List<TierTimeline> byTier, List<Listed> listed, int listLimit) {
    }

    public record TierTimeline(String tier, long qualifications, Map<String, Long> byMonth) {
    }

    /** @param actualMqlAt when the contact was really marked MQL in the range; null if it was not */
    public record Listed(String contactId, String tier, Instant at, Instant actualMqlAt, ContactOutcome outcome) {
    }

    /**
     * @param contacts     contacts of the population for whom the rule's points counted at some moment in the range
     * @param positiveRate positive / (positive + negative) among them; null when none has a known outcome
     * @param lift         positiveRate / the population's positive rate: above 1 the rule points at good leads
     */
    public record RuleLift(String rule, long contacts, long positive, long negative, Double positiveRate, Double lift) {
    }

    public static EvaluationReport of(Replay.Result replay, ScoringModel model, long eventsRead, int listLimit) {
        List<ReplayedContact> population = replay.contacts().stream().filter(ReplayedContact::inRange).toList();
        Outcomes outcomes = Outcomes.of(population);
        List<ReplayedContact> wouldBe = population.stream().filter(contact -> !contact.wouldBe().isEmpty()).toList();
        List<ReplayedContact> actual = population.stream().filter(contact -> contact.actualMql() != null).toList();
        long both = wouldBe.stream().filter(contact -> contact.actualMql() != null).count();
        return new EvaluationReport(eventsRead, replay.withheld(), population.size(), outcomes,
                                    result(wouldBe, outcomes, contact -> contact.wouldBe().get(0).tier()),
                                    result(actual, outcomes, contact -> contact.actualMql().tier()),
                                    new Overlap(both, wouldBe.size() - both, actual.size() - both),
                                    wouldBeMqls(wouldBe, listLimit), lifts(population, model, outcomes));
    }

    private static ModelResult result(List<ReplayedContact> qualified, Outcomes population, Function<ReplayedContact, String> tierOf) {
        Outcomes outcomes = Outcomes.of(qualified);
        Map<String, List<ReplayedContact>> byTier = new TreeMap<>();
        qualified.forEach(contact -> byTier.computeIfAbsent(tierName(tierOf.apply(contact)), tier -> new ArrayList<>()).add(contact));
        List<TierResult> tiers = byTier.entrySet().stream()
                                       .map(tier -> new TierResult(tier.getKey(), tier.getValue().size(), Outcomes.of(tier.getValue())))
                                       .toList();
        return new ModelResult(qualified.size(), outcomes, outcomes.positiveRate(), ratio(outcomes.positive(), population.positive()), tiers);
    }

    private static WouldBeMqls wouldBeMqls(List<ReplayedContact> wouldBe, int listLimit) {
        List<Listed> all = new ArrayList<>();
        for (ReplayedContact contact : wouldBe) {
            for (Qualification qualification : contact.wouldBe()) {
                all.add(new Listed(contact.contactId(), qualification.tier(), qualification.at(),
                                   contact.actualMql() == null ? null : contact.actualMql().at(), contact.outcome()));
            }
        }
        all.sort(Comparator.comparing(Listed::at).thenComparing(Listed::contactId));
        Map<String, Map<String, Long>> months = new TreeMap<>();
        all.forEach(listed -> months.computeIfAbsent(tierName(listed.tier()), tier -> new TreeMap<>())
                                    .merge(MONTH.format(listed.at()), 1L, Long::sum));
        List<TierTimeline> byTier = months.entrySet().stream()
                                          .map(tier -> new TierTimeline(tier.getKey(), tier.getValue().values().stream().mapToLong(Long::longValue).sum(),
                                                                        tier.getValue()))
                                          .toList();
        return new WouldBeMqls(all.size(), byTier, List.copyOf(all.subList(0, Math.min(listLimit, all.size()))), listLimit);
    }

    /** One walk over the population, gathering each contact under the rules that counted for it. */
    private static List<RuleLift> lifts(List<ReplayedContact> population, ScoringModel model, Outcomes baseline) {
        Map<String, List<ReplayedContact>> withRule = new LinkedHashMap<>();
        Stream.concat(model.attributeRules().map(rule -> rule.name()), model.activityRules().map(rule -> rule.name()))
              .forEach(rule -> withRule.put(rule, new ArrayList<>()));
        model.disqualifiers().forEach(rule -> withRule.putIfAbsent(rule.name(), new ArrayList<>()));
        for (ReplayedContact contact : population) {
            for (String rule : contact.rulesCounted()) {
                List<ReplayedContact> with = withRule.get(rule);
                if (with != null) {
                    with.add(contact);
                }
            }
        }
        List<RuleLift> lifts = new ArrayList<>(withRule.size());
        withRule.forEach((rule, with) -> {
            Outcomes outcomes = Outcomes.of(with);
            Double lift = outcomes.positiveRate() == null || baseline.positiveRate() == null || baseline.positiveRate() == 0 ? null
                    : round(outcomes.positiveRate() / baseline.positiveRate());
            lifts.add(new RuleLift(rule, with.size(), outcomes.positive(), outcomes.negative(), outcomes.positiveRate(), lift));
        });
        lifts.sort(Comparator.comparing((RuleLift lift) -> lift.lift() == null ? Double.NEGATIVE_INFINITY : lift.lift()).reversed()
                             .thenComparing(RuleLift::rule));
        return lifts;
    }

    private static String tierName(String tier) {
        return tier == null ? NO_TIER : tier;
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    /** Four decimals: enough to compare models, and a report reads the same on every machine. */
    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
