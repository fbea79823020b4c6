package io.handraiser.reporting;

import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.handoff.HandoffOutcome;
import com.mongodb.client.MongoDatabase;
import io.handraiser.reporting.generation.FactKind;
import io.handraiser.reporting.projection.Facts;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report on a history small enough to count by hand. Week 45 of 2026 starts on Monday 2 November.
 * <ul>
 *   <li>A (hubspot, q4): LEAD, MQL by model v1 (tier A) a day later, SQL, OPPORTUNITY, CUSTOMER</li>
 *   <li>B (hubspot, q4): LEAD, MQL by v1 (tier B), returned NO_BUDGET, MQL again by v2 (tier A)</li>
 *   <li>C (website): SUBSCRIBER, disqualified as a student</li>
 *   <li>D (website), a week later: LEAD, MQL by a person (tier A), SQL, returned NOT_READY from SQL</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiTest extends ReportingTestBase {

    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long DAY = Duration.ofDays(1).toMillis();

    final List<DomainEventMessage<?>> history = new ArrayList<>();
    ContactStory a;
    ContactStory b;
    ContactStory d;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        isolate(registry, "reports_api");
    }

    static Instant day(double days) {
        return T0.plusMillis((long) (days * DAY));
    }

    @BeforeAll
    void history() {
        a = ContactStory.captured(T0, "hubspot", "q4").mql(day(1), "A", "v1").sql(day(3))
                        .advanced(day(10), Stage.OPPORTUNITY).advanced(day(20), Stage.CUSTOMER);
        b = ContactStory.captured(T0.plusMillis(HOUR), "hubspot", "q4").engaged(day(1.5)).mql(day(2), "B", "v1")
                        .returned(day(4), ReturnReason.NO_BUDGET).mql(day(9), "A", "v2");
        ContactStory c = ContactStory.captured(T0.plusMillis(2 * HOUR), "website", null, Stage.SUBSCRIBER)
                                     .disqualified(day(1), DisqualificationReason.STUDENT);
        d = ContactStory.captured(day(7), "website", null).mql(day(8), "A", null).sql(day(9)).returned(day(12), ReturnReason.NOT_READY);
        for (ContactStory story : List.of(a, b, c, d)) {
            history.addAll(story.events());
        }
        history.addAll(HandoffStory.opened(a.id(), "A", day(1), Duration.ofDays(1), "ana").closed(day(3), HandoffOutcome.ACCEPTED).events());
        history.addAll(HandoffStory.opened(b.id(), "B", day(2), Duration.ofDays(2), "bo").reassigned(day(2).plusMillis(HOUR), "ana")
                                   .closed(day(4), HandoffOutcome.RETURNED).events());
        history.addAll(HandoffStory.opened(d.id(), "A", day(8), Duration.ofDays(1), null).escalated(day(8).plusMillis(4 * HOUR), "cy")
                                   .closed(day(8).plusMillis(20 * HOUR), HandoffOutcome.ACCEPTED).events());
        history.addAll(HandoffStory.opened(b.id(), "A", day(9), Duration.ofDays(1), "bo").expired(day(11)).events());
        publishAndAwait(history);
    }

    @Test
    void stageCountsNowAndAtAnEarlierMoment() {
        JsonNode now = get("/api/reports/stages", "analyst").get("groups").get(0);
        assertThat(now.get("key").asText()).isEqualTo("all");
        assertThat(stages(now)).isEqualTo("SUBSCRIBER=1 LEAD=1 MQL=1 SQL=0 OPPORTUNITY=0 CUSTOMER=1 EVANGELIST=0 OTHER=0");
        assertThat(now.get("total").asLong()).isEqualTo(4);
        assertThat(now.get("disqualified").asLong()).isEqualTo(1);

        JsonNode earlier = get("/api/reports/stages?at=" + day(5), "analyst").get("groups").get(0);
        assertThat(stages(earlier)).as("D was not captured yet; B was back to LEAD").isEqualTo(
                "SUBSCRIBER=1 LEAD=1 MQL=0 SQL=1 OPPORTUNITY=0 CUSTOMER=0 EVANGELIST=0 OTHER=0");
    }

    @Test
    void stageCountsBySourceAndFilteredByCampaign() {
        JsonNode groups = get("/api/reports/stages?breakdown=source", "analyst").get("groups");
        assertThat(groups.get(0).get("key").asText()).isEqualTo("hubspot");
        assertThat(stages(groups.get(0))).isEqualTo("SUBSCRIBER=0 LEAD=0 MQL=1 SQL=0 OPPORTUNITY=0 CUSTOMER=1 EVANGELIST=0 OTHER=0");
        assertThat(groups.get(1).get("key").asText()).isEqualTo("website");
        assertThat(groups.get(1).get("disqualified").asLong()).isEqualTo(1);

        JsonNode q4 = get("/api/reports/stages?campaign=q4&breakdown=campaign", "admin").get("groups");
        assertThat(q4).hasSize(1);
        assertThat(q4.get(0).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void conversionPerWeeklyCohortCountsTheFirstEntryAndAnyLaterStage() {
        JsonNode transitions = get("/api/reports/conversions?period=week", "analyst").get("groups").get(0).get("transitions");
        assertThat(cohorts(transitions.get(0))).isEqualTo("LEAD>MQL 2026-W45 2/2, 2026-W46 1/1");
        assertThat(cohorts(transitions.get(1))).isEqualTo("MQL>SQL 2026-W45 2/1, 2026-W46 1/1");
        assertThat(cohorts(transitions.get(2))).isEqualTo("SQL>OPPORTUNITY 2026-W45 1/1, 2026-W46 1/0");
        assertThat(cohorts(transitions.get(3))).isEqualTo("OPPORTUNITY>CUSTOMER 2026-W46 1/1");
        assertThat(transitions.get(1).get("rate").asDouble()).isEqualTo(0.6667);

        JsonNode monthly = get("/api/reports/conversions?period=month&from=2026-11-09", "analyst").get("groups").get(0).get("transitions");
        assertThat(cohorts(monthly.get(0))).as("only D first became a LEAD from the 9th").isEqualTo("LEAD>MQL 2026-11 1/1");
    }

    @Test
    void timeInStageIsTheMedianAndP90OfCompletedStays() {
        JsonNode stages = get("/api/reports/time-in-stage", "analyst").get("groups").get(0).get("stages");
        assertThat(stay(stages, "LEAD")).isEqualTo(new long[]{4, DAY, 5 * DAY});
        assertThat(stay(stages, "MQL")).isEqualTo(new long[]{3, 2 * DAY, 2 * DAY});
        assertThat(stay(stages, "SQL")).isEqualTo(new long[]{2, 3 * DAY, 7 * DAY});
        assertThat(stay(stages, "OPPORTUNITY")).isEqualTo(new long[]{1, 10 * DAY, 10 * DAY});
        assertThat(stay(stages, "CUSTOMER")[0]).as("a stay still going is not counted").isZero();
    }

    @Test
    void mqlOutcomesByModelVersionAndTier() {
        JsonNode byModel = get("/api/reports/mql-outcomes?breakdown=modelVersion", "analyst").get("groups");
        assertThat(outcomes(byModel)).containsExactly("manual mqls=1 accepted=1 returned=0 open=0 opportunity=0 customer=0",
                                                      "v1 mqls=2 accepted=1 returned=1 open=0 opportunity=1 customer=1",
                                                      "v2 mqls=1 accepted=0 returned=0 open=1 opportunity=0 customer=0");
        JsonNode byTier = get("/api/reports/mql-outcomes?breakdown=tier", "analyst").get("groups");
        assertThat(outcomes(byTier)).containsExactly("A mqls=3 accepted=2 returned=0 open=1 opportunity=1 customer=1",
                                                     "B mqls=1 accepted=0 returned=1 open=0 opportunity=0 customer=0");
        JsonNode onlyV1 = get("/api/reports/mql-outcomes?modelVersion=v1&tier=B", "analyst").get("groups");
        assertThat(outcomes(onlyV1)).containsExactly("all mqls=1 accepted=0 returned=1 open=0 opportunity=0 customer=0");
    }

    @Test
    void returnsToNurtureByReasonAndByTheModelThatQualified() {
        JsonNode all = get("/api/reports/returns", "analyst").get("groups").get(0);
        assertThat(all.get("returned").asLong()).isEqualTo(2);
        assertThat(all.get("byReason").get("NO_BUDGET").asLong()).isEqualTo(1);
        assertThat(all.get("byReason").get("NOT_READY").asLong()).isEqualTo(1);
        assertThat(all.get("byReason").get("BAD_FIT").asLong()).isZero();
        assertThat(all.get("byStage").get("MQL").asLong()).isEqualTo(1);
        assertThat(all.get("byStage").get("SQL").asLong()).isEqualTo(1);

        JsonNode byModel = get("/api/reports/returns?breakdown=modelVersion", "analyst").get("groups");
        assertThat(byModel.get(0).get("key").asText()).isEqualTo("manual");
        assertThat(byModel.get(0).get("byReason").get("NOT_READY").asLong()).isEqualTo(1);
        assertThat(byModel.get(1).get("key").asText()).isEqualTo("v1");
        assertThat(byModel.get(1).get("byReason").get("NO_BUDGET").asLong()).isEqualTo(1);
    }

    @Test
    void repsAreCountedByWhoHeldTheHandoffWhenItClosed() {
        JsonNode reps = get("/api/reports/reps", "analyst").get("reps");
        assertThat(reps).hasSize(3);
        assertThat(rep(reps.get(0))).isEqualTo("ana handoffs=2 accepted=1 returned=1 expired=0 withinSla=0 median=" + 2 * DAY);
        assertThat(rep(reps.get(1))).isEqualTo("bo handoffs=1 accepted=0 returned=0 expired=1 withinSla=0 median=null");
        assertThat(rep(reps.get(2))).isEqualTo("cy handoffs=1 accepted=1 returned=0 expired=0 withinSla=1 median=" + 20 * HOUR);
    }

    @Test
    void slaShowsTimeToAcceptShareWithinSlaAndExpiries() {
        JsonNode all = get("/api/reports/sla", "analyst").get("groups").get(0);
        assertThat(all.get("handoffs").asLong()).isEqualTo(4);
        assertThat(all.get("accepted").asLong()).isEqualTo(2);
        assertThat(all.get("acceptedWithinSla").asLong()).isEqualTo(1);
        assertThat(all.get("withinSlaShare").asDouble()).isEqualTo(0.5);
        assertThat(all.get("medianTimeToAcceptMillis").asLong()).isEqualTo(20 * HOUR);
        assertThat(all.get("p90TimeToAcceptMillis").asLong()).isEqualTo(2 * DAY);
        assertThat(all.get("expired").asLong()).isEqualTo(1);
        assertThat(all.get("escalated").asLong()).isEqualTo(1);

        JsonNode byTier = get("/api/reports/sla?breakdown=tier&from=" + T0 + "&to=" + day(30), "analyst").get("groups");
        assertThat(byTier.get(0).get("key").asText()).isEqualTo("A");
        assertThat(byTier.get(0).get("handoffs").asLong()).isEqualTo(3);
        assertThat(byTier.get(1).get("key").asText()).isEqualTo("B");
        assertThat(byTier.get(1).get("accepted").asLong()).isZero();
    }

    @Test
    void aRedeliveredEventChangesNoFigure() {
        String before = api().get("/api/reports/conversions", "analyst").body() + api().get("/api/reports/sla", "analyst").body();
        for (DomainEventMessage<?> event : history) {
            if (Facts.HANDLED.contains(event.getPayloadType())) {
                Facts.apply(generations.active(), Facts.writesFor(event.getPayload(), event.getSequenceNumber(), event.getIdentifier()));
            }
        }
        String after = api().get("/api/reports/conversions", "analyst").body() + api().get("/api/reports/sla", "analyst").body();
        assertThat(after).isEqualTo(before);
        assertThat(get("/api/audit/decisions?limit=1000", "auditor").get("decisions")).hasSize(11);
    }

    @Test
    void storesNoPersonalData() {
        List<String> personal = new ArrayList<>();
        for (ContactStory story : List.of(a, b, d)) {
            String tag = story.id().toString().substring(0, 8);
            personal.addAll(List.of("person-" + tag, "First" + tag, "Last" + tag, "Company" + tag, "Title" + tag, "+44 " + tag,
                                    "budget confirmed by", "call back later", "student address", "acme.test"));
        }
        String reportingDatabase = generations.active().collection(FactKind.CONTACTS).getNamespace().getDatabaseName();
        List<String> found = new ArrayList<>();
        MongoDatabase database = TestMongo.client().getDatabase(reportingDatabase);
        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                String text = document.toJson();
                personal.stream().filter(text::contains).forEach(value -> found.add(collection + ": " + value));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void badFiltersAreRefusedWithEveryProblemNamed() {
        HttpResponse<String> response = api().get("/api/reports/conversions?from=yesterday&period=fortnight&breakdown=tier", "analyst");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("from", "period", "breakdown");

        assertThat(api().get("/api/reports/stages?from=2026-11-01", "analyst").statusCode()).as("a range does not apply").isEqualTo(400);
        assertThat(api().get("/api/reports/time-in-stage?from=2026-11-09&to=2026-11-02", "analyst").statusCode()).isEqualTo(400);
        assertThat(api().get("/api/reports/mql-outcomes?tier=lower", "analyst").statusCode()).isEqualTo(400);
        assertThat(api().get("/api/reports/sla?breakdown=source", "analyst").statusCode()).isEqualTo(400);
        assertThat(api().get("/api/reports/reps?to=2026-13-01", "analyst").statusCode()).isEqualTo(400);
        assertThat(api().get("/api/reports/stages?at=" + "9".repeat(500), "analyst").statusCode()).isEqualTo(400);
    }

    @Test
    void reportsAreForAnalystsAndAdmins() {
        assertThat(api().get("/api/reports/stages", null).statusCode()).isEqualTo(401);
        assertThat(api().get("/api/reports/stages", "sales").statusCode()).isEqualTo(403);
        assertThat(api().get("/api/reports/stages", "auditor").statusCode()).isEqualTo(403);
        assertThat(api().get("/api/reports/stages", "admin").statusCode()).isEqualTo(200);
        assertThat(api().get("/api/audit/decisions", "analyst").statusCode()).isEqualTo(403);
        assertThat(api().post("/api/reports/rebuild", "analyst").statusCode()).isEqualTo(403);
    }

    private static String stages(JsonNode group) {
        StringBuilder text = new StringBuilder();
        group.get("stages").properties().forEach(entry -> text.append(text.isEmpty() ? "" : " ").append(entry.getKey()).append('=')
                                                            .append(entry.getValue().asLong()));
        return text.toString();
    }

    private static String cohorts(JsonNode transition) {
        StringBuilder text = new StringBuilder(transition.get("from").asText() + ">" + transition.get("to").asText());
        String separator = " ";
        for (JsonNode cohort : transition.get("cohorts")) {
            text.append(separator).append(cohort.get("period").asText()).append(' ').append(cohort.get("entered").asLong()).append('/')
                .append(cohort.get("converted").asLong());
            separator = ", ";
        }
        return text.toString();
    }

    private static long[] stay(JsonNode stages, String stage) {
        for (JsonNode node : stages) {
            if (node.get("stage").asText().equals(stage)) {
                return new long[]{node.get("visits").asLong(), node.path("medianMillis").asLong(), node.path("p90Millis").asLong()};
            }
        }
        throw new AssertionError("no stage " + stage);
    }

    private static List<String> outcomes(JsonNode groups) {
        List<String> lines = new ArrayList<>();
        groups.forEach(group -> lines.add(group.get("key").asText() + " mqls=" + group.get("mqls") + " accepted=" + group.get("accepted")
                                          + " returned=" + group.get("returned") + " open=" + group.get("open") + " opportunity="
                                          + group.get("reachedOpportunity") + " customer=" + group.get("reachedCustomer")));
        return lines;
    }

    private static String rep(JsonNode rep) {
        return rep.get("rep").asText() + " handoffs=" + rep.get("handoffs") + " accepted=" + rep.get("accepted") + " returned="
               + rep.get("returned") + " expired=" + rep.get("expired") + " withinSla=" + rep.get("acceptedWithinSla") + " median="
               + rep.get("medianTimeToAcceptMillis");
    }
}
