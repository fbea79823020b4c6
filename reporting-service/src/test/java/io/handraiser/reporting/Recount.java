package io.handraiser.reporting;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffEvent;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.handoff.HandoffOpened;
import io.handraiser.contract.handoff.HandoffReassigned;
import io.handraiser.contract.scoring.LeadScoreChanged;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The report figures counted again, straight from the event payloads read back from the log, without any of the
 * service's code: the README's definitions, written the plainest way. Each figure is a map entry such as
 * {@code "hubspot|MQL" -> 17}, the form the test also puts the API's answers in.
 */
final class Recount {

    /** One contact's events in order, and where it came from. */
    record Contact(ContactCaptured captured, List<ContactEvent> events) {
        String key(String breakdown) {
            return switch (breakdown) {
                case "source" -> captured.source().system();
                case "campaign" -> captured.source().campaign() == null ? "(none)" : captured.source().campaign();
                default -> "all";
            };
        }
    }

    final Map<String, Contact> contacts = new LinkedHashMap<>();
    final Map<String, List<HandoffEvent>> handoffs = new LinkedHashMap<>();
    /** Each contact's scores in the order the log holds them. */
    final Map<String, List<LeadScoreChanged>> scores = new LinkedHashMap<>();

    void add(Object payload) {
        if (payload instanceof ContactCaptured captured) {
            contacts.put(captured.contactId().toString(), new Contact(captured, new ArrayList<>(List.of(captured))));
        } else if (payload instanceof ContactEvent event) {
            contacts.get(event.contactId().toString()).events().add(event);
        } else if (payload instanceof HandoffEvent event) {
            handoffs.computeIfAbsent(event.handoffId().toString(), id -> new ArrayList<>()).add(event);
        } else if (payload instanceof LeadScoreChanged score) {
            scores.computeIfAbsent(score.contactId().toString(), id -> new ArrayList<>()).add(score);
        }
    }

    static Stage entered(ContactEvent event) {
        if (event instanceof ContactCaptured captured) {
            return captured.stage();
        } else if (event instanceof MarkedMQL) {
            return Stage.MQL;
        } else if (event instanceof AcceptedAsSQL) {
            return Stage.SQL;
        } else if (event instanceof ReturnedToNurture) {
            return Stage.LEAD;
        } else if (event instanceof LifecycleStageAdvanced advanced) {
            return advanced.to();
        }
        return null;
    }

    static boolean atOrBeyond(Stage stage, Stage target) {
        return stage != null && stage != Stage.OTHER && stage.ordinal() >= target.ordinal();
    }

    static boolean in(Instant at, Instant from, Instant to) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    static String period(Instant at, String period) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        if (period.equals("month")) {
            return String.format("%d-%02d", day.getYear(), day.getMonthValue());
        }
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Nearest rank: the value at position ceil(p * n) of the sorted values. */
    static Long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return null;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(percent * sorted.length / 100.0);
        return sorted[Math.max(rank, 1) - 1];
    }

    Map<String, Long> stages(Instant at, String breakdown, String source) {
        Map<String, Long> figures = new TreeMap<>();
        for (Contact contact : contacts.values()) {
            if (source != null && !source.equals(contact.captured().source().system())) {
                continue;
            }
            Stage stage = null;
            boolean disqualified = false;
            for (ContactEvent event : contact.events()) {
                if (at != null && event.at().isAfter(at)) {
                    continue;
                }
                stage = entered(event) != null ? entered(event) : stage;
                disqualified = event instanceof ContactDisqualified || (disqualified && !(event instanceof ContactRequalified));
            }
            if (stage != null) {
                figures.merge(contact.key(breakdown) + "|" + stage, 1L, Long::sum);
                if (disqualified) {
                    figures.merge(contact.key(breakdown) + "|disqualified", 1L, Long::sum);
                }
            }
        }
        return figures;
    }

    Map<String, Long> conversions(String period, Instant from, Instant to, String breakdown) {
        Stage[][] steps = {{Stage.LEAD, Stage.MQL}, {Stage.MQL, Stage.SQL}, {Stage.SQL, Stage.OPPORTUNITY}, {Stage.OPPORTUNITY, Stage.CUSTOMER}};
        Map<String, Long> figures = new TreeMap<>();
        for (Contact contact : contacts.values()) {
            for (Stage[] step : steps) {
                List<ContactEvent> events = contact.events();
                int first = -1;
                for (int i = 0; i < events.size() && first < 0; i++) {
                    first = entered(events.get(i)) == step[0] ? i : -1;
                }
                if (first < 0 || !in(events.get(first).at(), from, to)) {
                    continue;
                }
                boolean converted = events.subList(first + 1, events.size()).stream().anyMatch(e -> atOrBeyond(entered(e), step[1]));
                String key = contact.key(breakdown) + "|" + step[0] + ">" + step[1] + "|" + period(events.get(first).at(), period);
                figures.merge(key + "|entered", 1L, Long::sum);
                figures.merge(key + "|converted", converted ? 1L : 0L, Long::sum);
            }
        }
        return figures;
    }

    Map<String, Long> timeInStage(Instant from, Instant to, String breakdown) {
        Map<String, List<Long>> stays = new TreeMap<>();
        for (Contact contact : contacts.values()) {
            ContactEvent stay = null;
            for (ContactEvent event : contact.events()) {
                if (entered(event) == null) {
                    continue;
                }
                if (stay != null && in(stay.at(), from, to)) {
                    stays.computeIfAbsent(contact.key(breakdown) + "|" + entered(stay), k -> new ArrayList<>())
                         .add(event.at().toEpochMilli() - stay.at().toEpochMilli());
                }
                stay = event;
            }
        }
        Map<String, Long> figures = new TreeMap<>();
        stays.forEach((key, values) -> {
            figures.put(key + "|visits", (long) values.size());
            figures.put(key + "|median", percentile(values, 50));
            figures.put(key + "|p90", percentile(values, 90));
        });
        return figures;
    }

    static String model(MarkedMQL mql) {
        if (mql == null) {
            return "(none)";
        }
        return mql.actor().isPerson() ? "manual" : mql.actor().modelVersion() == null ? "(none)" : mql.actor().modelVersion();
    }

    static String decisionKey(Contact contact, MarkedMQL mql, String breakdown) {
        return switch (breakdown) {
            case "modelVersion" -> model(mql);
            case "tier" -> mql == null ? "(none)" : mql.tier().name();
            default -> contact.key(breakdown);
        };
    }

    Map<String, Long> mqlOutcomes(Instant from, Instant to, String breakdown) {
        Map<String, Long> figures = new TreeMap<>();
        for (Contact contact : contacts.values()) {
            List<ContactEvent> events = contact.events();
            for (int i = 0; i < events.size(); i++) {
                if (!(events.get(i) instanceof MarkedMQL mql) || !in(mql.at(), from, to)) {
                    continue;
                }
                String key = decisionKey(contact, mql, breakdown);
                List<ContactEvent> after = new ArrayList<>();
                for (int j = i + 1; j < events.size() && !(events.get(j) instanceof MarkedMQL); j++) {
                    if (entered(events.get(j)) != null) {
                        after.add(events.get(j));
                    }
                }
                String outcome = after.isEmpty() ? "open" : after.get(0) instanceof ReturnedToNurture ? "returned"
                        : entered(after.get(0)) == Stage.OTHER ? "leftFunnel" : "accepted";
                figures.merge(key + "|mqls", 1L, Long::sum);
                figures.merge(key + "|" + outcome, 1L, Long::sum);
                if (after.stream().anyMatch(e -> atOrBeyond(entered(e), Stage.OPPORTUNITY))) {
                    figures.merge(key + "|reachedOpportunity", 1L, Long::sum);
                }
                if (after.stream().anyMatch(e -> atOrBeyond(entered(e), Stage.CUSTOMER))) {
                    figures.merge(key + "|reachedCustomer", 1L, Long::sum);
                }
            }
        }
        return figures;
    }

    Map<String, Long> returns(Instant from, Instant to, String breakdown) {
        Map<String, Long> figures = new TreeMap<>();
        for (Contact contact : contacts.values()) {
            MarkedMQL lastMql = null;
            for (ContactEvent event : contact.events()) {
                lastMql = event instanceof MarkedMQL mql ? mql : lastMql;
                if (event instanceof ReturnedToNurture returned && in(returned.at(), from, to)) {
                    String key = decisionKey(contact, lastMql, breakdown);
                    figures.merge(key + "|returned", 1L, Long::sum);
                    figures.merge(key + "|" + returned.reason(), 1L, Long::sum);
                    figures.merge(key + "|from " + returned.from(), 1L, Long::sum);
                }
            }
        }
        return figures;
    }

    /** Per handoff: who held it last, how it ended, the time to accept and SLA; keyed by {@code keyOf}. */
    Map<String, Long> handoffs(Instant from, Instant to, Function<List<HandoffEvent>, String> keyOf) {
        Map<String, Long> figures = new TreeMap<>();
        Map<String, List<Long>> times = new TreeMap<>();
        for (List<HandoffEvent> events : handoffs.values()) {
            HandoffOpened opened = (HandoffOpened) events.get(0);
            if (!in(opened.at(), from, to)) {
                continue;
            }
            String key = keyOf.apply(events);
            String outcome = "OPEN";
            for (HandoffEvent event : events) {
                if (event instanceof HandoffExpired && outcome.equals("OPEN")) {
                    outcome = "EXPIRED";
                }
                if (event instanceof HandoffClosed closed) {
                    outcome = closed.outcome().name();
                    if (closed.outcome().name().equals("ACCEPTED")) {
                        times.computeIfAbsent(key, k -> new ArrayList<>()).add(closed.openFor().toMillis());
                        figures.merge(key + "|withinSla", closed.withinSla() ? 1L : 0L, Long::sum);
                    }
                }
            }
            figures.merge(key + "|handoffs", 1L, Long::sum);
            figures.merge(key + "|" + outcome, 1L, Long::sum);
            if (events.stream().anyMatch(HandoffEscalated.class::isInstance)) {
                figures.merge(key + "|escalated", 1L, Long::sum);
            }
        }
        times.forEach((key, values) -> {
            figures.put(key + "|median", percentile(values, 50));
            figures.put(key + "|p90", percentile(values, 90));
        });
        return figures;
    }

    static String holder(List<HandoffEvent> events) {
        String holder = null;
        for (HandoffEvent event : events) {
            if (event instanceof HandoffOpened opened) {
                holder = opened.assignee();
            } else if (event instanceof HandoffReassigned reassigned) {
                holder = reassigned.to();
            } else if (event instanceof HandoffEscalated escalated) {
                holder = escalated.to();
            } else if (event instanceof HandoffClosed closed) {
                holder = closed.assignee();
            }
        }
        return holder == null ? "(unassigned)" : holder;
    }

    static String tier(List<HandoffEvent> events) {
        return ((HandoffOpened) events.get(0)).tier().name();
    }

    Map<String, Long> decisions() {
        Map<String, Long> figures = new TreeMap<>();
        List<String> types = Arrays.asList("MarkedMQL", "AcceptedAsSQL", "ReturnedToNurture", "ContactDisqualified", "ContactRequalified",
                                           "LifecycleStageAdvanced");
        contacts.values().forEach(contact -> contact.events().stream().map(event -> event.getClass().getSimpleName())
                                                    .filter(types::contains).forEach(type -> figures.merge(type, 1L, Long::sum)));
        return figures;
    }

    /** The band of {@code score} given the lowest score of each band, highest first: A, B, ... or 1, 2, ... */
    static String band(int score, int[] minimums, boolean letters) {
        int band = 0;
        while (band < minimums.length && score < minimums[band]) {
            band++;
        }
        return letters ? String.valueOf((char) ('A' + band)) : String.valueOf(band + 1);
    }

    /** Whether sales accepted the MQL decision at {@code index}: its next stage, before another MQL, is SQL or beyond. */
    static boolean accepted(List<ContactEvent> events, int index) {
        for (int j = index + 1; j < events.size() && !(events.get(j) instanceof MarkedMQL); j++) {
            Stage stage = entered(events.get(j));
            if (stage != null) {
                return !(events.get(j) instanceof ReturnedToNurture) && stage != Stage.OTHER;
            }
        }
        return false;
    }

    /** A contact's last score under {@code modelVersion} (any when null); null if it has none. */
    LeadScoreChanged latestScore(String contactId, String modelVersion) {
        LeadScoreChanged latest = null;
        for (LeadScoreChanged score : scores.getOrDefault(contactId, List.of())) {
            latest = modelVersion == null || modelVersion.equals(score.modelVersion()) ? score : latest;
        }
        return latest;
    }

    /** The matrix as {@code "B3|contacts" -> 12}, {@code "unscored|mqls" -> 4}. */
    Map<String, Long> matrix(Instant from, Instant to, String modelVersion, String source, int[] fit, int[] engagement) {
        Map<String, Long> figures = new TreeMap<>();
        for (Contact contact : contacts.values()) {
            if (source != null && !source.equals(contact.captured().source().system())) {
                continue;
            }
            LeadScoreChanged latest = latestScore(contact.captured().contactId().toString(), modelVersion);
            if (latest != null && in(latest.at(), from, to)) {
                figures.merge(band(latest.evidence().fit(), fit, true) + band(latest.evidence().engagement(), engagement, false) + "|contacts",
                              1L, Long::sum);
            }
            List<ContactEvent> events = contact.events();
            for (int i = 0; i < events.size(); i++) {
                if (!(events.get(i) instanceof MarkedMQL mql) || !in(mql.at(), from, to)
                    || (modelVersion != null && !modelVersion.equals(model(mql)))) {
                    continue;
                }
                String cell = mql.evidence().fit() == null || mql.evidence().engagement() == null ? "unscored"
                        : band(mql.evidence().fit(), fit, true) + band(mql.evidence().engagement(), engagement, false);
                figures.merge(cell + "|mqls", 1L, Long::sum);
                if (accepted(events, i)) {
                    figures.merge(cell + "|sqls", 1L, Long::sum);
                }
            }
        }
        return figures;
    }

    /** The contacts one cell counts, as {@code id -> last stage entered}. */
    Map<String, String> cellContacts(String cell, Instant from, Instant to, String modelVersion, int[] fit, int[] engagement) {
        Map<String, String> members = new TreeMap<>();
        for (Contact contact : contacts.values()) {
            String id = contact.captured().contactId().toString();
            LeadScoreChanged latest = latestScore(id, modelVersion);
            if (latest != null && in(latest.at(), from, to)
                && cell.equals(band(latest.evidence().fit(), fit, true) + band(latest.evidence().engagement(), engagement, false))) {
                Stage stage = null;
                for (ContactEvent event : contact.events()) {
                    stage = entered(event) != null ? entered(event) : stage;
                }
                members.put(id, String.valueOf(stage));
            }
        }
        return members;
    }

    /** MQL outcomes per model version, tier and period of the decision: {@code "v2|A|2026-W21|returned:NO_BUDGET" -> 3}. */
    Map<String, Long> modelQuality(String period, Instant from, Instant to, String tier) {
        Map<String, Long> figures = new TreeMap<>();
        for (Contact contact : contacts.values()) {
            List<ContactEvent> events = contact.events();
            for (int i = 0; i < events.size(); i++) {
                if (!(events.get(i) instanceof MarkedMQL mql) || !in(mql.at(), from, to) || (tier != null && !tier.equals(mql.tier().name()))) {
                    continue;
                }
                String key = model(mql) + "|" + mql.tier().name() + "|" + period(mql.at(), period);
                ContactEvent next = null;
                for (int j = i + 1; j < events.size() && !(events.get(j) instanceof MarkedMQL) && next == null; j++) {
                    next = entered(events.get(j)) != null ? events.get(j) : null;
                }
                String outcome = next == null ? "open" : next instanceof ReturnedToNurture ? "returned"
                        : entered(next) == Stage.OTHER ? "leftFunnel" : "accepted";
                figures.merge(key + "|mqls", 1L, Long::sum);
                figures.merge(key + "|" + outcome, 1L, Long::sum);
                if (next instanceof ReturnedToNurture returned) {
                    figures.merge(key + "|returned:" + returned.reason(), 1L, Long::sum);
                }
            }
        }
        return figures;
    }
}
