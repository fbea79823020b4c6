package io.handraiser.scoring.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handraiser.scoring.engine.ModelParser;
import io.handraiser.scoring.engine.ScoringModel;
import io.handraiser.scoring.engine.TierRule;
import io.handraiser.scoring.evaluation.ContactOutcome;
import io.handraiser.scoring.evaluation.Replay.FeatureSnapshot;
import io.handraiser.scoring.evaluation.Replay.ReplayedContact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Fits the points of a model's rules to how judged contacts turned out, and sets tier thresholds for a target
 * precision. A pure function of its inputs: the same history and model give the same draft.
 * <ul>
 *     <li>Each judged contact (positive or negative outcome) is one example: how many times each rule's points
 *     counted for it when it was handed to sales (or judged, if it never was), and its outcome.</li>
 *     <li>A share of them, chosen by a hash of the contact id so every run picks the same ones, is held out; a
 *     logistic regression is fitted to the rest. A model's score is linear in those counts with the points as
 *     coefficients, so the fitted weights, scaled so the strongest rule gets 100, are the suggested points.</li>
 *     <li>Tiers keep their names and order. Each tier's fit bar is moved to admit the same share of contacts as
 *     before; its total bar is the lowest at which the contacts reaching the tier meet the target precision.</li>
 *     <li>The held-out contacts then give the validation precision and recall of the draft.</li>
 * </ul>
 * A rule whose weight has the opposite sign to its kind (a fit rule the history says predicts bad leads) or
 * rounds to no points is left out of the draft; a rule that never counted keeps its points, as the history says
 * nothing about it. Disqualifiers stay as they are.
 */
public final class Calibrator {

    /** The strongest rule's points in the draft: room for nuance, well within the model's limit of 1,000. */
    static final int SCALE = 100;
    /** Enough to keep weights finite for rules that separate perfectly, small next to hundreds of examples. */
    static final double L2 = 1.0;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME = 100;

    private Calibrator() {
    }

    public record Settings(double targetPrecision, double holdOut) {
    }

    /** The draft's document and the report on how it was made. */
    public record Calibration(String document, CalibrationReport report) {
    }

    private record Rule(String name, String section, int points, boolean handRaiser, boolean fit) {
    }

    private record Example(double[] units, boolean disqualified, boolean positive) {
    }

    /**
     * @param baseDocument the base model's document, whose rules keep their tests, caps and decay
     * @param describedAs  how the draft's description names the base model, e.g. "version 3"
     */
    public static Calibration calibrate(ScoringModel base, String baseDocument, String describedAs, List<ReplayedContact> contacts,
                                        Settings settings) {
        List<Rule> rules = rules(base);
        List<Example> training = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        for (ReplayedContact contact : contacts) {
            if (!contact.inRange() || contact.label() == null || contact.outcome() == ContactOutcome.UNKNOWN) {
                continue;
            }
            Example example = example(rules, contact.label(), contact.outcome() == ContactOutcome.POSITIVE);
            (heldOut(contact.contactId(), settings.holdOut()) ? validation : training).add(example);
        }
        if (training.stream().noneMatch(Example::positive) || training.stream().allMatch(Example::positive)) {
            throw new IllegalStateException("calibration needs judged contacts of both outcomes in the range; the history has "
                                             + training.stream().filter(Example::positive).count() + " positive and "
                                             + training.stream().filter(example -> !example.positive()).count() + " negative outside the hold-out");
        }

        LogisticRegression.Fit fit = LogisticRegression.fit(training.stream().map(Example::units).toArray(double[][]::new),
                                                             toArray(training.stream().map(Example::positive).toList()), L2);
        boolean[] seen = new boolean[rules.size()];
        training.forEach(example -> {
            for (int j = 0; j < seen.length; j++) {
                seen[j] |= example.units()[j] != 0;
            }
        });
        double strongest = 0;
        for (int j = 0; j < rules.size(); j++) {
            if (seen[j]) {
                strongest = Math.max(strongest, Math.abs(fit.weights()[j]));
            }
        }
        int[] points = new int[rules.size()];
        List<CalibrationReport.RuleWeight> weights = new ArrayList<>();
        for (int j = 0; j < rules.size(); j++) {
            Rule rule = rules.get(j);
            double weight = fit.weights()[j];
            String note;
            if (!seen[j]) {
                points[j] = rule.points();
                note = "kept: it never counted for a judged contact";
            } else {
                int suggested = strongest == 0 ? 0 : (int) Math.round(weight / strongest * SCALE);
                boolean negative = rule.section().equals("negative");
                if (suggested == 0) {
                    note = "left out: no measurable effect on the outcome";
                } else if (negative != suggested < 0) {
                    suggested = 0;
                    note = negative ? "left out: the history says it points at good leads" : "left out: the history says it points at bad leads";
                } else {
                    note = "fitted";
                }
                points[j] = suggested;
            }
            weights.add(new CalibrationReport.RuleWeight(rule.name(), rule.section(), rule.points(), round(weight),
                                                         points[j] == 0 ? null : points[j], note));
        }

        List<CalibrationReport.TierThreshold> tiers = tiers(base, rules, points, training, settings.targetPrecision());
        String document = draft(baseDocument, base, rules, points, tiers, describedAs, training.size(), validation.size(), settings);
        CalibrationReport report = new CalibrationReport(settings.targetPrecision(), settings.holdOut(), round(fit.intercept()),
                                                         sample(training, rules, points, tiers), sample(validation, rules, points, tiers),
                                                         weights, tiers);
        return new Calibration(document, report);
    }

    private static List<Rule> rules(ScoringModel model) {
        List<Rule> rules = new ArrayList<>();
        model.fit().forEach(rule -> rules.add(new Rule(rule.name(), "fit", rule.points(), false, true)));
        model.negativeFit().forEach(rule -> rules.add(new Rule(rule.name(), "negative", rule.points(), false, true)));
        model.engagement().forEach(rule -> rules.add(new Rule(rule.name(), "engagement", rule.points(), false, false)));
        model.negativeEngagement().forEach(rule -> rules.add(new Rule(rule.name(), "negative", rule.points(), false, false)));
        model.handRaisers().forEach(rule -> rules.add(new Rule(rule.name(), "handRaisers", rule.points(), true, false)));
        return rules;
    }

    private static Example example(List<Rule> rules, FeatureSnapshot snapshot, boolean positive) {
        double[] units = new double[rules.size()];
        for (int j = 0; j < rules.size(); j++) {
            units[j] = snapshot.ruleUnits().getOrDefault(rules.get(j).name(), 0.0);
        }
        return new Example(units, snapshot.disqualified(), positive);
    }

    static boolean heldOut(String contactId, double share) {
        CRC32 hash = new CRC32();
        hash.update(contactId.getBytes(StandardCharsets.UTF_8));
        return hash.getValue() % 10_000 < Math.round(share * 10_000);
    }

    /** Fit and total of an example under {@code points}. */
    private static int[] score(Example example, List<Rule> rules, int[] points) {
        double fit = 0;
        double total = 0;
        for (int j = 0; j < rules.size(); j++) {
            double value = points[j] * example.units()[j];
            total += value;
            if (rules.get(j).fit()) {
                fit += value;
            }
        }
        return new int[]{(int) Math.round(fit), (int) Math.round(total)};
    }

    private static boolean handRaised(Example example, List<Rule> rules, int[] points) {
        for (int j = 0; j < rules.size(); j++) {
            if (rules.get(j).handRaiser() && points[j] != 0 && example.units()[j] > 0) {
                return true;
            }
        }
        return false;
    }

    private static List<CalibrationReport.TierThreshold> tiers(ScoringModel base, List<Rule> rules, int[] points, List<Example> training,
                                                               double target) {
        int[] basePoints = rules.stream().mapToInt(Rule::points).toArray();
        int[] oldFits = training.stream().mapToInt(example -> score(example, rules, basePoints)[0]).toArray();
        Integer[] newFits = training.stream().map(example -> score(example, rules, points)[0]).toArray(Integer[]::new);
        Integer[] newFitsDescending = newFits.clone();
        Arrays.sort(newFitsDescending, (a, b) -> Integer.compare(b, a));
        List<CalibrationReport.TierThreshold> tiers = new ArrayList<>();
        for (TierRule tier : base.tiers()) {
            long reaching = Arrays.stream(oldFits).filter(fit -> fit >= tier.minFit()).count();
            int minFit = clamp(reaching == 0 ? newFitsDescending[0] + 1 : newFitsDescending[(int) reaching - 1]);
            List<Example> eligible = new ArrayList<>();
            for (int i = 0; i < training.size(); i++) {
                if (newFits[i] >= minFit && !training.get(i).disqualified()) {
                    eligible.add(training.get(i));
                }
            }
            TreeSet<Integer> totals = new TreeSet<>();
            eligible.forEach(example -> totals.add(score(example, rules, points)[1]));
            int best = totals.isEmpty() ? Integer.MAX_VALUE : totals.last() + 1;
            Double bestPrecision = null;
            boolean reached = false;
            for (int threshold : totals) {
                Double precision = precision(eligible, example -> score(example, rules, points)[1] >= threshold
                                                                  || handRaised(example, rules, points));
                if (precision != null && precision >= target) {
                    best = threshold;
                    bestPrecision = precision;
                    reached = true;
                    break;
                }
                if (precision != null && (bestPrecision == null || precision > bestPrecision)) {
                    best = threshold;
                    bestPrecision = precision;
                }
            }
            tiers.add(new CalibrationReport.TierThreshold(tier.tier().name(), minFit, clamp(best),
                                                          bestPrecision == null ? null : round(bestPrecision), reached));
        }
        return tiers;
    }

    private static Double precision(List<Example> examples, Predicate<Example> predicted) {
        long positive = 0;
        long all = 0;
        for (Example example : examples) {
            if (predicted.test(example)) {
                all++;
                positive += example.positive() ? 1 : 0;
            }
        }
        return all == 0 ? null : (double) positive / all;
    }

    private static boolean qualifies(Example example, List<Rule> rules, int[] points, List<CalibrationReport.TierThreshold> tiers) {
        if (example.disqualified()) {
            return false;
        }
        int[] score = score(example, rules, points);
        boolean handRaised = handRaised(example, rules, points);
        return tiers.stream().anyMatch(tier -> score[0] >= tier.minFit() && (handRaised || score[1] >= tier.minTotal()));
    }

    private static CalibrationReport.Sample sample(List<Example> examples, List<Rule> rules, int[] points,
                                                   List<CalibrationReport.TierThreshold> tiers) {
        long positive = examples.stream().filter(Example::positive).count();
        long qualified = 0;
        long found = 0;
        for (Example example : examples) {
            if (qualifies(example, rules, points, tiers)) {
                qualified++;
                found += example.positive() ? 1 : 0;
            }
        }
        return new CalibrationReport.Sample(examples.size(), positive, examples.size() - positive, qualified,
                                            qualified == 0 ? null : round((double) found / qualified),
                                            positive == 0 ? null : round((double) found / positive));
    }

    private static String draft(String baseDocument, ScoringModel base, List<Rule> rules, int[] points,
                                List<CalibrationReport.TierThreshold> tiers, String describedAs, int trained, int heldOut, Settings settings) {
        ObjectNode draft;
        try {
            draft = (ObjectNode) JSON.readTree(baseDocument);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the base model's document is not JSON", e);
        }
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int j = 0; j < rules.size(); j++) {
            byName.put(rules.get(j).name(), points[j]);
        }
        Set<String> sections = new HashSet<>(List.of("fit", "engagement", "negative", "handRaisers"));
        for (String section : sections) {
            JsonNode list = draft.get(section);
            if (list instanceof ArrayNode array) {
                for (int i = array.size() - 1; i >= 0; i--) {
                    Integer suggested = byName.get(array.get(i).path("name").asText());
                    if (suggested == null || suggested == 0) {
                        array.remove(i);
                    } else {
                        ((ObjectNode) array.get(i)).put("points", suggested);
                    }
                }
            }
        }
        ArrayNode tierNodes = draft.putArray("tiers");
        tiers.forEach(tier -> tierNodes.addObject().put("name", tier.tier()).put("minFit", tier.minFit()).put("minTotal", tier.minTotal()));
        String suffix = " (calibrated)";
        String name = base.name().length() + suffix.length() > MAX_NAME ? base.name().substring(0, MAX_NAME - suffix.length()) : base.name();
        draft.put("name", name + suffix);
        draft.put("description", "Points fitted by logistic regression to " + trained + " judged contacts of the recorded history ("
                                 + heldOut + " more held out for validation), starting from " + describedAs
                                 + "; tier totals set for a precision of " + settings.targetPrecision() + ".");
        String document = draft.toString();
        // the draft must be a model like any other; a failure here is a bug in this class, not the caller's input
        ModelParser.parse(document);
        return document;
    }

    /** Within the bounds the model format allows a tier. */
    private static int clamp(long value) {
        return (int) Math.max(-100_000, Math.min(100_000, value));
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] array = new boolean[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
