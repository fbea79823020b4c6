package io.handraiser.reporting.funnel;

import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.Stage;
import io.handraiser.reporting.funnel.FunnelFigures.Cohort;
import io.handraiser.reporting.funnel.FunnelFigures.ConversionGroup;
import io.handraiser.reporting.funnel.FunnelFigures.Conversions;
import io.handraiser.reporting.funnel.FunnelFigures.MqlOutcomes;
import io.handraiser.reporting.funnel.FunnelFigures.OutcomeGroup;
import io.handraiser.reporting.funnel.FunnelFigures.ReturnGroup;
import io.handraiser.reporting.funnel.FunnelFigures.Returns;
import io.handraiser.reporting.funnel.FunnelFigures.StageCounts;
import io.handraiser.reporting.funnel.FunnelFigures.StageGroup;
import io.handraiser.reporting.funnel.FunnelFigures.StageTime;
import io.handraiser.reporting.funnel.FunnelFigures.TimeGroup;
import io.handraiser.reporting.funnel.FunnelFigures.TimeInStage;
import io.handraiser.reporting.funnel.FunnelFigures.Transition;
import io.handraiser.reporting.generation.Generations;
import io.handraiser.reporting.projection.StepType;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static io.handraiser.reporting.funnel.FunnelFigures.rate;

/**
 * The funnel, computed from the per-contact steps of the active generation at each request. Every figure is
 * defined on the steps alone (see the README's Reporting section), so it can be recounted from the events.
 */
@Component
public class FunnelReports {

    /** The steps of the funnel whose conversion is reported. */
    static final List<Stage[]> TRANSITIONS = List.of(new Stage[]{Stage.LEAD, Stage.MQL}, new Stage[]{Stage.MQL, Stage.SQL},
                                                     new Stage[]{Stage.SQL, Stage.OPPORTUNITY},
                                                     new Stage[]{Stage.OPPORTUNITY, Stage.CUSTOMER});

    private final Generations generations;

    public FunnelReports(Generations generations) {
        this.generations = generations;
    }

    /** How many contacts were in each stage at {@code query.at()} (now when null): the last stage entered by then. */
    public StageCounts stages(ReportQuery query) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Long> disqualified = new TreeMap<>();
        ContactHistories.forEach(generations.active(), query, contact -> {
            Stage stage = null;
            boolean isDisqualified = false;
            for (Step step : contact.steps()) {
                if (query.at() != null && step.at().isAfter(query.at())) {
                    continue;
                }
                if (step.entersStage()) {
                    stage = step.stage();
                } else if (step.type() == StepType.DISQUALIFIED) {
                    isDisqualified = true;
                } else if (step.type() == StepType.REQUALIFIED) {
                    isDisqualified = false;
                }
            }
            if (stage != null) {
                String key = query.breakdown().keyOf(contact);
                counts.computeIfAbsent(key, any -> new long[Stage.values().length])[stage.ordinal()]++;
                if (isDisqualified) {
                    disqualified.merge(key, 1L, Long::sum);
                }
            }
        });
        List<StageGroup> groups = new ArrayList<>();
        counts.forEach((key, perStage) -> {
            Map<String, Long> stages = new LinkedHashMap<>();
            long total = 0;
            for (Stage stage : Stage.values()) {
                stages.put(stage.name(), perStage[stage.ordinal()]);
                total += perStage[stage.ordinal()];
            }
            groups.add(new StageGroup(key, stages, total, disqualified.getOrDefault(key, 0L)));
        });
        return new StageCounts(query.at(), query.breakdown().parameterValue(), groups);
    }

    /**
     * For each step of the funnel A to B: the contacts whose first entry into A falls in the range, by the period
     * of that entry, and how many of them later entered B or a stage beyond it (skipping B counts as passing it).
     */
    public Conversions conversions(ReportQuery query) {
        Map<String, Map<Integer, TreeMap<LocalDate, long[]>>> groups = new TreeMap<>();
        ContactHistories.forEach(generations.active(), query, contact -> {
            List<Step> steps = contact.steps();
            for (int t = 0; t < TRANSITIONS.size(); t++) {
                Stage earlier = TRANSITIONS.get(t)[0];
                Stage later = TRANSITIONS.get(t)[1];
                int entry = firstEntry(steps, earlier);
                if (entry < 0 || !query.inRange(steps.get(entry).at())) {
                    continue;
                }
                boolean converted = false;
                for (int i = entry + 1; i < steps.size() && !converted; i++) {
                    Stage stage = steps.get(i).stage();
                    converted = stage != null && (stage == later || stage.isAfter(later));
                }
                long[] cohort = groups.computeIfAbsent(query.breakdown().keyOf(contact), key -> new TreeMap<>())
                                      .computeIfAbsent(t, any -> new TreeMap<>())
                                      .computeIfAbsent(query.period().start(steps.get(entry).at()), any -> new long[2]);
                cohort[0]++;
                cohort[1] += converted ? 1 : 0;
            }
        });
        List<ConversionGroup> result = new ArrayList<>();
        groups.forEach((key, byTransition) -> {
            List<Transition> transitions = new ArrayList<>();
            for (int t = 0; t < TRANSITIONS.size(); t++) {
                List<Cohort> cohorts = new ArrayList<>();
                long entered = 0;
                long converted = 0;
                for (Map.Entry<LocalDate, long[]> cohort : byTransition.getOrDefault(t, new TreeMap<>()).entrySet()) {
                    long[] figures = cohort.getValue();
                    cohorts.add(new Cohort(query.period().label(cohort.getKey()), cohort.getKey(), figures[0], figures[1],
                                           rate(figures[1], figures[0])));
                    entered += figures[0];
                    converted += figures[1];
                }
                transitions.add(new Transition(TRANSITIONS.get(t)[0].name(), TRANSITIONS.get(t)[1].name(), entered, converted,
                                               rate(converted, entered), cohorts));
            }
            result.add(new ConversionGroup(key, transitions));
        });
        return new Conversions(query.period().parameterValue(), query.from(), query.to(), query.breakdown().parameterValue(), result);
    }

    /** Median and p90 of completed stays per stage: from entering a stage to entering the next, for stays begun in the range. */
    public TimeInStage timeInStage(ReportQuery query) {
        Map<String, Map<Stage, LongList>> durations = new TreeMap<>();
        ContactHistories.forEach(generations.active(), query, contact -> {
            Step stay = null;
            for (Step step : contact.steps()) {
                if (!step.entersStage()) {
                    continue;
                }
                if (stay != null && query.inRange(stay.at())) {
                    durations.computeIfAbsent(query.breakdown().keyOf(contact), key -> new TreeMap<>())
                             .computeIfAbsent(stay.stage(), any -> new LongList())
                             .add(step.at().toEpochMilli() - stay.at().toEpochMilli());
                }
                stay = step;
            }
        });
        List<TimeGroup> groups = new ArrayList<>();
        durations.forEach((key, byStage) -> {
            List<StageTime> stages = new ArrayList<>();
            for (Stage stage : Stage.values()) {
                Percentiles percentiles = Percentiles.of(byStage.getOrDefault(stage, new LongList()).toArray());
                stages.add(new StageTime(stage.name(), percentiles.count(), percentiles.median(), percentiles.p90()));
            }
            groups.add(new TimeGroup(key, stages));
        });
        return new TimeInStage(query.from(), query.to(), query.breakdown().parameterValue(), groups);
    }

    /**
     * What became of each MQL decision in the range: judged by the steps after it, up to the contact's next MQL
     * decision. Grouped by source, campaign, model version or tier: which of them produce leads sales accepts and
     * that close.
     */
    public MqlOutcomes mqlOutcomes(ReportQuery query) {
        Map<String, long[]> groups = new TreeMap<>();
        ContactHistories.forEach(generations.active(), query, contact -> {
            List<Step> steps = contact.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step mql = steps.get(i);
                if (mql.type() != StepType.MQL || !query.inRange(mql.at()) || !matches(query, mql)) {
                    continue;
                }
                long[] figures = groups.computeIfAbsent(query.breakdown().keyOf(contact, mql), key -> new long[7]);
                figures[0]++;
                Step next = null;
                boolean opportunity = false;
                boolean customer = false;
                for (int j = i + 1; j < steps.size() && steps.get(j).type() != StepType.MQL; j++) {
                    Stage stage = steps.get(j).stage();
                    if (stage == null) {
                        continue;
                    }
                    next = next == null ? steps.get(j) : next;
                    opportunity |= stage == Stage.OPPORTUNITY || stage.isAfter(Stage.OPPORTUNITY);
                    customer |= stage == Stage.CUSTOMER || stage.isAfter(Stage.CUSTOMER);
                }
                if (next == null) {
                    figures[4]++;
                } else if (next.type() == StepType.RETURNED) {
                    figures[2]++;
                } else if (next.stage() == Stage.OTHER) {
                    figures[3]++;
                } else {
                    figures[1]++;
                }
                figures[5] += opportunity ? 1 : 0;
                figures[6] += customer ? 1 : 0;
            }
        });
        List<OutcomeGroup> result = new ArrayList<>();
        groups.forEach((key, f) -> result.add(new OutcomeGroup(key, f[0], f[1], f[2], f[3], f[4], f[5], f[6], rate(f[1], f[0]))));
        return new MqlOutcomes(query.from(), query.to(), query.breakdown().parameterValue(), result);
    }

    /**
     * Every return to nurture in the range by reason and by the stage it came from; a model-version or tier
     * breakdown (and filter) attributes a return to the contact's MQL decision before it.
     */
    public Returns returns(ReportQuery query) {
        Map<String, Map<String, Long>> byReason = new TreeMap<>();
        Map<String, Map<String, Long>> byStage = new TreeMap<>();
        ContactHistories.forEach(generations.active(), query, contact -> {
            Step mql = null;
            for (Step step : contact.steps()) {
                if (step.type() == StepType.MQL) {
                    mql = step;
                }
                if (step.type() != StepType.RETURNED || !query.inRange(step.at()) || !matches(query, mql)) {
                    continue;
                }
                String key = query.breakdown().keyOf(contact, mql);
                byReason.computeIfAbsent(key, any -> zeros(ReturnReason.values(), ReturnReason::name)).merge(step.reason(), 1L, Long::sum);
                byStage.computeIfAbsent(key, any -> zeros(new Stage[]{Stage.MQL, Stage.SQL}, Stage::name))
                       .merge(step.from().name(), 1L, Long::sum);
            }
        });
        List<ReturnGroup> groups = new ArrayList<>();
        byReason.forEach((key, reasons) -> groups.add(
                new ReturnGroup(key, reasons.values().stream().mapToLong(Long::longValue).sum(), reasons, byStage.get(key))));
        return new Returns(query.from(), query.to(), query.breakdown().parameterValue(), groups);
    }

    private static boolean matches(ReportQuery query, Step mql) {
        if (query.modelVersion() != null && !query.modelVersion().equals(Breakdown.modelOf(mql))) {
            return false;
        }
        return query.tier() == null || (mql != null && query.tier().equals(mql.tier()));
    }

    private static int firstEntry(List<Step> steps, Stage stage) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).stage() == stage) {
                return i;
            }
        }
        return -1;
    }

    private static <T> Map<String, Long> zeros(T[] values, Function<T, String> name) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        for (T value : values) {
            zeros.put(name.apply(value), 0L);
        }
        return zeros;
    }
}
