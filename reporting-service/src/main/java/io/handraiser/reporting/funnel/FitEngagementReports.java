package io.handraiser.reporting.funnel;

import io.handraiser.contract.contact.Stage;
import io.handraiser.reporting.generation.Generations;
import io.handraiser.reporting.projection.ScoreFact;
import io.handraiser.reporting.projection.StepType;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.handraiser.reporting.funnel.FunnelFigures.rate;

/**
 * Fit kept apart from engagement: the fit x engagement matrix, the contacts of one of its cells, and what became of
 * each model version's MQLs over time. Computed from the facts at each request, like the funnel, so every figure
 * can be recounted from the events (the README's Reporting section defines them).
 */
@Component
public class FitEngagementReports {

    static final String NONE = "(none)";

    private final Generations generations;

    public FitEngagementReports(Generations generations) {
        this.generations = generations;
    }

    public record Band(String band, Integer minimum) {
    }

    /**
     * @param contacts   contacts whose latest score (under the model version) was stated in the range and lies in the cell
     * @param mqls       MQL decisions in the range whose evidence lies in the cell
     * @param sqls       of those, the ones sales accepted (the next stage after the decision is SQL or beyond)
     * @param conversion sqls divided by mqls
     */
    public record Cell(String fit, String engagement, long contacts, long mqls, long sqls, Double conversion) {
    }

    /** MQL decisions without fit and engagement in their evidence (a person's, mostly), so in no cell. */
    public record Unscored(long mqls, long sqls, Double conversion) {
    }

    public record Matrix(Instant from, Instant to, String source, String campaign, String modelVersion, List<Band> fitBands,
                         List<Band> engagementBands, List<Cell> cells, Unscored unscored) {
    }

    /** @param stage the stage the contact entered last */
    public record CellContact(String contactId, String stage) {
    }

    /** @param next the {@code after} of the next page; null on the last. A page may hold fewer than asked and still have a next. */
    public record CellContacts(String fit, String engagement, List<CellContact> items, String next) {
    }

    /**
     * @param returnedByReason returns to nurture that were the decision's next step, by reason
     */
    public record QualityGroup(String modelVersion, String tier, String period, LocalDate periodStart, long mqls, long accepted,
                               long returned, Map<String, Long> returnedByReason, long leftFunnel, long open, Double acceptanceRate) {
    }

    public record ModelQuality(Instant from, Instant to, String period, List<QualityGroup> groups) {
    }

    public Matrix matrix(ReportQuery query, Bands fit, Bands engagement) {
        long[][][] cells = new long[fit.count()][engagement.count()][3];
        long[] unscored = new long[2];
        ContactHistories.forEach(generations.active(), query, contact -> {
            ScoreFact score = contact.score(query.modelVersion());
            if (score != null && query.inRange(score.at())) {
                cells[fit.of(score.fit())][engagement.of(score.engagement())][0]++;
            }
            List<Step> steps = contact.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step mql = steps.get(i);
                if (mql.type() != StepType.MQL || !query.inRange(mql.at())
                    || (query.modelVersion() != null && !query.modelVersion().equals(Breakdown.modelOf(mql)))) {
                    continue;
                }
                boolean accepted = accepted(steps, i);
                long[] figures = mql.fit() == null || mql.engagement() == null ? unscored
                        : cells[fit.of(mql.fit())][engagement.of(mql.engagement())];
                int first = figures == unscored ? 0 : 1;
                figures[first]++;
                figures[first + 1] += accepted ? 1 : 0;
            }
        });
        List<Cell> result = new ArrayList<>();
        for (int f = 0; f < fit.count(); f++) {
            for (int e = 0; e < engagement.count(); e++) {
                long[] figures = cells[f][e];
                result.add(new Cell(fit.name(f), engagement.name(e), figures[0], figures[1], figures[2], rate(figures[2], figures[1])));
            }
        }
        return new Matrix(query.from(), query.to(), query.source(), query.campaign(), query.modelVersion(), bands(fit), bands(engagement),
                          result, new Unscored(unscored[0], unscored[1], rate(unscored[1], unscored[0])));
    }

    /**
     * One page of the contacts a cell counts, in id order: ids and stages only, no personal data. Reads at most
     * {@code budget} contacts, so a sparse cell of a large base costs the same per page as a full one.
     */
    public CellContacts contacts(ReportQuery query, Bands fit, int fitBand, Bands engagement, int engagementBand, String after, int limit,
                                 int budget) {
        List<CellContact> items = new ArrayList<>();
        String[] lastMatched = {null};
        String lastRead = ContactHistories.forEachAfter(generations.active(), query, after, budget, contact -> {
            if (items.size() == limit) {
                return;
            }
            ScoreFact score = contact.score(query.modelVersion());
            if (score != null && query.inRange(score.at()) && fit.of(score.fit()) == fitBand
                && engagement.of(score.engagement()) == engagementBand) {
                Stage stage = contact.stage();
                items.add(new CellContact(contact.id(), stage == null ? null : stage.name()));
                lastMatched[0] = contact.id();
            }
        });
        String next = items.size() == limit ? lastMatched[0] : lastRead;
        return new CellContacts(fit.name(fitBand), engagement.name(engagementBand), items, next);
    }

    /** What became of the MQL decisions in the range, per model version, tier and period of the decision. */
    public ModelQuality modelQuality(ReportQuery query) {
        Map<String, Map<String, TreeMap<LocalDate, long[]>>> groups = new TreeMap<>();
        Map<String, Map<String, Map<LocalDate, Map<String, Long>>>> reasons = new TreeMap<>();
        ContactHistories.forEach(generations.active(), query, contact -> {
            List<Step> steps = contact.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step mql = steps.get(i);
                String model = Breakdown.modelOf(mql);
                String tier = mql.tier() == null ? NONE : mql.tier();
                if (mql.type() != StepType.MQL || !query.inRange(mql.at()) || (query.modelVersion() != null && !query.modelVersion().equals(model))
                    || (query.tier() != null && !query.tier().equals(mql.tier()))) {
                    continue;
                }
                LocalDate period = query.period().start(mql.at());
                long[] figures = groups.computeIfAbsent(model, any -> new TreeMap<>()).computeIfAbsent(tier, any -> new TreeMap<>())
                                       .computeIfAbsent(period, any -> new long[5]);
                figures[0]++;
                Step next = nextStage(steps, i);
                if (next == null) {
                    figures[4]++;
                } else if (next.type() == StepType.RETURNED) {
                    figures[2]++;
                    reasons.computeIfAbsent(model, any -> new TreeMap<>()).computeIfAbsent(tier, any -> new TreeMap<>())
                           .computeIfAbsent(period, any -> new TreeMap<>()).merge(next.reason(), 1L, Long::sum);
                } else if (next.stage() == Stage.OTHER) {
                    figures[3]++;
                } else {
                    figures[1]++;
                }
            }
        });
        List<QualityGroup> result = new ArrayList<>();
        groups.forEach((model, byTier) -> byTier.forEach((tier, byPeriod) -> byPeriod.forEach((start, f) -> {
            Map<String, Long> byReason = new LinkedHashMap<>(reasons.getOrDefault(model, Map.of()).getOrDefault(tier, Map.of())
                                                                    .getOrDefault(start, Map.of()));
            result.add(new QualityGroup(model, tier, query.period().label(start), start, f[0], f[1], f[2], byReason, f[3], f[4],
                                        rate(f[1], f[0])));
        })));
        return new ModelQuality(query.from(), query.to(), query.period().parameterValue(), result);
    }

    /** Accepted as mql-outcomes counts it: the decision's next stage is neither a return nor OTHER. */
    static boolean accepted(List<Step> steps, int mql) {
        Step next = nextStage(steps, mql);
        return next != null && next.type() != StepType.RETURNED && next.stage() != Stage.OTHER;
    }

    /** The first step after the MQL decision at {@code mql} that enters a stage, before the contact's next MQL; null if none. */
    static Step nextStage(List<Step> steps, int mql) {
        for (int j = mql + 1; j < steps.size() && steps.get(j).type() != StepType.MQL; j++) {
            if (steps.get(j).entersStage()) {
                return steps.get(j);
            }
        }
        return null;
    }

    private static List<Band> bands(Bands bands) {
        List<Band> result = new ArrayList<>();
        for (int i = 0; i < bands.count(); i++) {
            result.add(new Band(bands.name(i), bands.minimum(i)));
        }
        return result;
    }
}
