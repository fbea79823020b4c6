package io.handraiser.reporting.handoff;

import com.mongodb.client.model.Filters;
import io.handraiser.contract.handoff.HandoffOutcome;
import io.handraiser.reporting.funnel.LongList;
import io.handraiser.reporting.funnel.Percentiles;
import io.handraiser.reporting.generation.FactKind;
import io.handraiser.reporting.generation.Generations;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Sales' side of the funnel, from handoff-service's events: per rep, and against the SLA. A handoff counts in a
 * range by the time it was opened.
 */
@Component
public class HandoffReports {

    static final String UNASSIGNED = "(unassigned)";
    static final String ALL = "all";
    static final String OPEN = "OPEN";

    private final Generations generations;

    public HandoffReports(Generations generations) {
        this.generations = generations;
    }

    /**
     * @param rep                    who holds the handoff: the assignee it closed with, else the latest one
     * @param medianTimeToAcceptMillis from opening to acceptance, over accepted handoffs
     */
    public record RepGroup(String rep, long handoffs, long accepted, long returned, long expired, long cancelled, long open,
                           long acceptedWithinSla, Long medianTimeToAcceptMillis, Long p90TimeToAcceptMillis) {
    }

    public record Reps(Instant from, Instant to, String tier, List<RepGroup> reps) {
    }

    /**
     * @param withinSlaShare accepted within the SLA divided by accepted
     * @param escalated      handoffs escalated at least once
     */
    public record SlaGroup(String key, long handoffs, long accepted, long acceptedWithinSla, Double withinSlaShare,
                           Long medianTimeToAcceptMillis, Long p90TimeToAcceptMillis, long expired, long escalated, long open) {
    }

    public record Sla(Instant from, Instant to, String breakdown, List<SlaGroup> groups) {
    }

    public Reps reps(Instant from, Instant to, String tier) {
        Map<String, Tally> tallies = new TreeMap<>();
        forEach(from, to, tier, handoff -> tallies.computeIfAbsent(handoff.holder(), any -> new Tally()).add(handoff));
        List<RepGroup> reps = new ArrayList<>();
        tallies.forEach((rep, t) -> {
            Percentiles toAccept = Percentiles.of(t.timesToAccept.toArray());
            reps.add(new RepGroup(rep, t.handoffs, t.count(HandoffOutcome.ACCEPTED.name()), t.count(HandoffOutcome.RETURNED.name()),
                                  t.count(HandoffOutcome.EXPIRED.name()), t.count(HandoffOutcome.CANCELLED.name()), t.count(OPEN),
                                  t.acceptedWithinSla, toAccept.median(), toAccept.p90()));
        });
        return new Reps(from, to, tier, reps);
    }

    /** @param byTier one group per tier instead of one for all */
    public Sla sla(Instant from, Instant to, boolean byTier) {
        Map<String, Tally> tallies = new TreeMap<>();
        forEach(from, to, null, handoff -> tallies.computeIfAbsent(byTier ? handoff.tierOrNone() : ALL, any -> new Tally()).add(handoff));
        List<SlaGroup> groups = new ArrayList<>();
        tallies.forEach((key, t) -> {
            Percentiles toAccept = Percentiles.of(t.timesToAccept.toArray());
            long accepted = t.count(HandoffOutcome.ACCEPTED.name());
            groups.add(new SlaGroup(key, t.handoffs, accepted, t.acceptedWithinSla,
                                    accepted == 0 ? null : Math.round(t.acceptedWithinSla * 10_000.0 / accepted) / 10_000.0,
                                    toAccept.median(), toAccept.p90(), t.count(HandoffOutcome.EXPIRED.name()), t.escalated, t.count(OPEN)));
        });
        return new Sla(from, to, byTier ? "tier" : "none", groups);
    }

    private void forEach(Instant from, Instant to, String tier, Consumer<Handoff> consumer) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.exists("openedAt"));
        if (tier != null) {
            filters.add(Filters.eq("tier", tier));
        }
        for (Document document : generations.active().collection(FactKind.HANDOFFS).find(Filters.and(filters))) {
            Handoff handoff = Handoff.of(document);
            if ((from == null || !handoff.openedAt.isBefore(from)) && (to == null || handoff.openedAt.isBefore(to))) {
                consumer.accept(handoff);
            }
        }
    }

    private static final class Tally {
        long handoffs;
        long acceptedWithinSla;
        long escalated;
        final Map<String, Long> outcomes = new TreeMap<>();
        final LongList timesToAccept = new LongList();

        void add(Handoff handoff) {
            handoffs++;
            outcomes.merge(handoff.outcome, 1L, Long::sum);
            if (HandoffOutcome.ACCEPTED.name().equals(handoff.outcome)) {
                if (handoff.openForMillis != null) {
                    timesToAccept.add(handoff.openForMillis);
                }
                acceptedWithinSla += handoff.withinSla ? 1 : 0;
            }
            escalated += handoff.escalated ? 1 : 0;
        }

        long count(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }
    }

    /** One handoff folded from its steps in sequence order. */
    private record Handoff(Instant openedAt, String tier, String holder, String outcome, Long openForMillis, boolean withinSla,
                           boolean escalated) {

        static Handoff of(Document document) {
            List<Document> steps = new ArrayList<>();
            Document stored = document.get("steps", Document.class);
            if (stored != null) {
                stored.values().forEach(step -> steps.add((Document) step));
            }
            steps.sort(Comparator.comparingLong(step -> ((Number) step.get("seq")).longValue()));
            String holder = null;
            String outcome = OPEN;
            Long openFor = null;
            boolean withinSla = false;
            boolean escalated = false;
            for (Document step : steps) {
                String type = step.getString("type");
                if (step.containsKey("assignee")) {
                    holder = step.getString("assignee");
                }
                if ("ESCALATED".equals(type)) {
                    escalated = true;
                } else if ("EXPIRED".equals(type) && OPEN.equals(outcome)) {
                    outcome = HandoffOutcome.EXPIRED.name();
                } else if ("CLOSED".equals(type)) {
                    outcome = step.getString("outcome");
                    openFor = step.get("openForMillis") == null ? null : ((Number) step.get("openForMillis")).longValue();
                    withinSla = Boolean.TRUE.equals(step.getBoolean("withinSla"));
                }
            }
            return new Handoff(((Date) document.get("openedAt")).toInstant(), document.getString("tier"),
                               holder == null ? UNASSIGNED : holder, outcome, openFor, withinSla, escalated);
        }

        String tierOrNone() {
            return tier == null ? "(none)" : tier;
        }
    }
}
