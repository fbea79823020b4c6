package io.handraiser.reporting;

import io.handraiser.reporting.projection.Facts;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a generated history of 5,000 contacts, every figure of every report equals a recount from the raw events
 * read back from the log ({@link Recount}), and still does after a rebuild during which more events arrived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunnelRecountTest extends ReportingTestBase {

    static final int CONTACTS = 5_000;
    static final List<String> CONTACT_BREAKDOWNS = List.of("none", "source", "campaign");
    static final List<String> DECISION_BREAKDOWNS = List.of("none", "source", "campaign", "modelVersion", "tier");
    static final Instant MIDDLE = GeneratedHistory.START.plus(Duration.ofDays(70));
    static final Instant LATER = GeneratedHistory.START.plus(Duration.ofDays(150));
    static final int[] DEFAULT_FIT = {40, 20, 1};
    static final int[] DEFAULT_ENGAGEMENT = {60, 30, 10};

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        isolate(registry, "recount");
    }

    @BeforeAll
    void generatedHistory() {
        List<DomainEventMessage<?>> history = GeneratedHistory.of(CONTACTS, 20261123L);
        assertThat(history.stream().filter(event -> event.getType().equals("Contact")).map(DomainEventMessage::getAggregateIdentifier)
                          .distinct().count()).isEqualTo(CONTACTS);
        publishAndAwait(history);
    }

    @Test
    @Order(1)
    void everyFigureEqualsARecountFromTheEvents() throws Exception {
        assertEveryFigureMatches(recountFromTheLog());
    }

    @Test
    @Order(2)
    void aRebuildDuringWhichEventsArriveAnswersTheSameFiguresAsARecount() throws Exception {
        int before = generations.active().number();
        assertThat(api().post("/api/reports/rebuild", "admin").statusCode()).isEqualTo(202);
        List<DomainEventMessage<?>> more = GeneratedHistory.of(200, 7L);
        publish(more);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
               .until(() -> get("/api/reports/rebuild", "admin").get("state").asText(), state -> !state.equals("RUNNING"));
        JsonNode status = get("/api/reports/rebuild", "admin");
        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.get("generation").asInt()).isEqualTo(before + 1);
        assertThat(generations.active().number()).isEqualTo(before + 1);
        Recount recount = recountFromTheLog();
        // the rebuilt generation holds a step for every event of the log that reports use, the late ones included
        awaitSteps(recount.contacts.values().stream().flatMap(contact -> contact.events().stream())
                                   .filter(event -> Facts.HANDLED.contains(event.getClass())).count()
                   + recount.handoffs.values().stream().mapToLong(List::size).sum());
        // the generated score streams hold scores only, so a stream's last sequence number is its length less one
        awaitScores(recount.scores.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().size() - 1L)));
        assertEveryFigureMatches(recount);
    }

    private void assertEveryFigureMatches(Recount recount) {
        for (String breakdown : CONTACT_BREAKDOWNS) {
            for (Instant at : new Instant[]{null, MIDDLE, LATER}) {
                assertThat(stages(get("/api/reports/stages?breakdown=" + breakdown + (at == null ? "" : "&at=" + at), "analyst")))
                        .as("stages by %s at %s", breakdown, at).isEqualTo(recount.stages(at, breakdown, null));
            }
            for (String period : List.of("week", "month")) {
                assertThat(conversions(get("/api/reports/conversions?period=" + period + "&breakdown=" + breakdown, "analyst")))
                        .as("conversions by %s per %s", breakdown, period).isEqualTo(recount.conversions(period, null, null, breakdown));
            }
            assertThat(conversions(get("/api/reports/conversions?period=week&from=" + MIDDLE + "&to=" + LATER + "&breakdown=" + breakdown,
                                       "analyst")))
                    .isEqualTo(recount.conversions("week", MIDDLE, LATER, breakdown));
            assertThat(times(get("/api/reports/time-in-stage?breakdown=" + breakdown, "analyst")))
                    .as("time in stage by %s", breakdown).isEqualTo(recount.timeInStage(null, null, breakdown));
            assertThat(times(get("/api/reports/time-in-stage?from=" + MIDDLE + "&breakdown=" + breakdown, "analyst")))
                    .isEqualTo(recount.timeInStage(MIDDLE, null, breakdown));
        }
        assertThat(stages(get("/api/reports/stages?source=hubspot", "analyst"))).isEqualTo(recount.stages(null, "none", "hubspot"));
        for (String breakdown : DECISION_BREAKDOWNS) {
            assertThat(outcomes(get("/api/reports/mql-outcomes?breakdown=" + breakdown, "analyst")))
                    .as("MQL outcomes by %s", breakdown).isEqualTo(recount.mqlOutcomes(null, null, breakdown));
            assertThat(outcomes(get("/api/reports/mql-outcomes?to=" + MIDDLE + "&breakdown=" + breakdown, "analyst")))
                    .isEqualTo(recount.mqlOutcomes(null, MIDDLE, breakdown));
            assertThat(returns(get("/api/reports/returns?breakdown=" + breakdown, "analyst")))
                    .as("returns by %s", breakdown).isEqualTo(recount.returns(null, null, breakdown));
        }
        assertThat(reps(get("/api/reports/reps", "analyst"))).isEqualTo(only(recount.handoffs(null, null, Recount::holder), "handoffs",
                                                                            "ACCEPTED", "RETURNED", "EXPIRED", "CANCELLED", "OPEN",
                                                                            "withinSla", "median", "p90"));
        assertThat(sla(get("/api/reports/sla?breakdown=tier&from=" + MIDDLE, "analyst")))
                .isEqualTo(only(recount.handoffs(MIDDLE, null, Recount::tier), "handoffs", "ACCEPTED", "withinSla", "median", "p90", "EXPIRED",
                                "escalated", "OPEN"));
        assertThat(recount.scores).as("the history has scores to place in the matrix").hasSizeGreaterThan(CONTACTS / 4);
        assertThat(matrix(get("/api/reports/fit-engagement", "analyst")))
                .as("the matrix in the default bands").isEqualTo(recount.matrix(null, null, null, null, DEFAULT_FIT, DEFAULT_ENGAGEMENT));
        assertThat(matrix(get("/api/reports/fit-engagement?from=" + MIDDLE + "&to=" + LATER + "&modelVersion=v2&source=hubspot"
                              + "&fitBands=50,25,0,-10&engagementBands=80,40", "analyst")))
                .as("the matrix in other bands, filtered").isEqualTo(recount.matrix(MIDDLE, LATER, "v2", "hubspot", new int[]{50, 25, 0, -10},
                                                                                    new int[]{80, 40}));
        assertThat(matrix(get("/api/reports/fit-engagement?modelVersion=manual", "analyst")))
                .isEqualTo(recount.matrix(null, null, "manual", null, DEFAULT_FIT, DEFAULT_ENGAGEMENT));
        for (String cell : List.of("A1", "C2", "D4")) {
            assertThat(cellContacts(cell, "")).as("contacts of cell %s", cell)
                                               .isEqualTo(recount.cellContacts(cell, null, null, null, DEFAULT_FIT, DEFAULT_ENGAGEMENT));
        }
        assertThat(cellContacts("B3", "&modelVersion=v1&from=" + MIDDLE))
                .isEqualTo(recount.cellContacts("B3", MIDDLE, null, "v1", DEFAULT_FIT, DEFAULT_ENGAGEMENT));
        for (String period : List.of("week", "month")) {
            assertThat(quality(get("/api/reports/model-quality?period=" + period, "analyst")))
                    .as("model quality per %s", period).isEqualTo(recount.modelQuality(period, null, null, null));
        }
        assertThat(quality(get("/api/reports/model-quality?period=month&tier=B&to=" + MIDDLE, "analyst")))
                .isEqualTo(recount.modelQuality("month", null, MIDDLE, "B"));
        Map<String, Long> decisions = new TreeMap<>();
        String csv = api().get("/api/audit/decisions.csv", "auditor").body();
        csv.lines().skip(1).map(line -> line.split(",")[1]).forEach(type -> decisions.merge(type, 1L, Long::sum));
        assertThat(decisions).as("audit decisions by type").isEqualTo(recount.decisions());
    }

    private Recount recountFromTheLog() throws InterruptedException {
        Recount recount = new Recount();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(2, TimeUnit.SECONDS)) {
                recount.add(stream.nextAvailable().getPayload());
            }
        }
        return recount;
    }

    private static Map<String, Long> matrix(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode cell : report.get("cells")) {
            String key = cell.get("fit").asText() + cell.get("engagement").asText();
            putPositive(figures, key + "|contacts", cell.get("contacts"));
            putPositive(figures, key + "|mqls", cell.get("mqls"));
            putPositive(figures, key + "|sqls", cell.get("sqls"));
        }
        putPositive(figures, "unscored|mqls", report.get("unscored").get("mqls"));
        putPositive(figures, "unscored|sqls", report.get("unscored").get("sqls"));
        return figures;
    }

    /** Every page of a cell's contacts, 37 at a time, as id -> stage; no contact is on two pages. */
    private Map<String, String> cellContacts(String cell, String filters) {
        Map<String, String> members = new TreeMap<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/reports/fit-engagement/contacts?fit=" + cell.charAt(0) + "&engagement=" + cell.charAt(1) + "&limit=37"
                                + filters + (after == null ? "" : "&after=" + after), "analyst");
            assertThat(page.get("items").size()).isLessThanOrEqualTo(37);
            for (JsonNode item : page.get("items")) {
                assertThat(item.properties()).extracting(Map.Entry::getKey).containsExactly("contactId", "stage");
                assertThat(members.put(item.get("contactId").asText(), item.get("stage").asText())).isNull();
            }
            after = page.get("next").isNull() ? null : page.get("next").asText();
            assertThat(++pages).as("pages of cell %s", cell).isLessThan(1_000);
        } while (after != null);
        return members;
    }

    private static Map<String, Long> quality(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode group : report.get("groups")) {
            String key = group.get("modelVersion").asText() + "|" + group.get("tier").asText() + "|" + group.get("period").asText();
            for (String figure : List.of("mqls", "accepted", "returned", "leftFunnel", "open")) {
                putPositive(figures, key + "|" + figure, group.get(figure));
            }
            group.get("returnedByReason").properties().forEach(reason -> putPositive(figures, key + "|returned:" + reason.getKey(), reason.getValue()));
        }
        return figures;
    }

    private static Map<String, Long> only(Map<String, Long> figures, String... suffixes) {
        Set<String> kept = Set.of(suffixes);
        return figures.entrySet().stream().filter(entry -> kept.contains(entry.getKey().substring(entry.getKey().lastIndexOf('|') + 1)))
                      .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
    }

    private static void putPositive(Map<String, Long> figures, String key, JsonNode value) {
        if (!value.isNull() && value.asLong() > 0) {
            figures.put(key, value.asLong());
        }
    }

    private static Map<String, Long> stages(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode group : report.get("groups")) {
            String key = group.get("key").asText();
            group.get("stages").properties().forEach(stage -> putPositive(figures, key + "|" + stage.getKey(), stage.getValue()));
            putPositive(figures, key + "|disqualified", group.get("disqualified"));
        }
        return figures;
    }

    private static Map<String, Long> conversions(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode group : report.get("groups")) {
            for (JsonNode transition : group.get("transitions")) {
                for (JsonNode cohort : transition.get("cohorts")) {
                    String key = group.get("key").asText() + "|" + transition.get("from").asText() + ">" + transition.get("to").asText() + "|"
                                 + cohort.get("period").asText();
                    figures.put(key + "|entered", cohort.get("entered").asLong());
                    figures.put(key + "|converted", cohort.get("converted").asLong());
                }
            }
        }
        return figures;
    }

    private static Map<String, Long> times(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode group : report.get("groups")) {
            for (JsonNode stage : group.get("stages")) {
                if (stage.get("visits").asLong() > 0) {
                    String key = group.get("key").asText() + "|" + stage.get("stage").asText();
                    figures.put(key + "|visits", stage.get("visits").asLong());
                    figures.put(key + "|median", stage.get("medianMillis").asLong());
                    figures.put(key + "|p90", stage.get("p90Millis").asLong());
                }
            }
        }
        return figures;
    }

    private static Map<String, Long> outcomes(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode group : report.get("groups")) {
            String key = group.get("key").asText();
            for (String figure : List.of("mqls", "accepted", "returned", "leftFunnel", "open", "reachedOpportunity", "reachedCustomer")) {
                putPositive(figures, key + "|" + figure, group.get(figure));
            }
        }
        return figures;
    }

    private static Map<String, Long> returns(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode group : report.get("groups")) {
            String key = group.get("key").asText();
            putPositive(figures, key + "|returned", group.get("returned"));
            group.get("byReason").properties().forEach(reason -> putPositive(figures, key + "|" + reason.getKey(), reason.getValue()));
            group.get("byStage").properties().forEach(stage -> putPositive(figures, key + "|from " + stage.getKey(), stage.getValue()));
        }
        return figures;
    }

    private static Map<String, Long> reps(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode rep : report.get("reps")) {
            String key = rep.get("rep").asText();
            figures.put(key + "|handoffs", rep.get("handoffs").asLong());
            putPositive(figures, key + "|ACCEPTED", rep.get("accepted"));
            putPositive(figures, key + "|RETURNED", rep.get("returned"));
            putPositive(figures, key + "|EXPIRED", rep.get("expired"));
            putPositive(figures, key + "|CANCELLED", rep.get("cancelled"));
            putPositive(figures, key + "|OPEN", rep.get("open"));
            if (rep.get("accepted").asLong() > 0) {
                figures.put(key + "|withinSla", rep.get("acceptedWithinSla").asLong());
                figures.put(key + "|median", rep.get("medianTimeToAcceptMillis").asLong());
                figures.put(key + "|p90", rep.get("p90TimeToAcceptMillis").asLong());
            }
        }
        return figures;
    }

    private static Map<String, Long> sla(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (JsonNode group : report.get("groups")) {
            String key = group.get("key").asText();
            figures.put(key + "|handoffs", group.get("handoffs").asLong());
            putPositive(figures, key + "|ACCEPTED", group.get("accepted"));
            putPositive(figures, key + "|EXPIRED", group.get("expired"));
            putPositive(figures, key + "|escalated", group.get("escalated"));
            putPositive(figures, key + "|OPEN", group.get("open"));
            if (group.get("accepted").asLong() > 0) {
                figures.put(key + "|withinSla", group.get("acceptedWithinSla").asLong());
                figures.put(key + "|median", group.get("medianTimeToAcceptMillis").asLong());
                figures.put(key + "|p90", group.get("p90TimeToAcceptMillis").asLong());
            }
        }
        return figures;
    }
}
