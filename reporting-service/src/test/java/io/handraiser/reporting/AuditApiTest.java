package io.handraiser.reporting;

import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.shared.Actor;
import io.handraiser.reporting.generation.FactKind;
import io.handraiser.reporting.generation.Generation;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
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
import static org.awaitility.Awaitility.await;

/** Who qualified whom: filters, cursor paging and the CSV export of the audit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest extends ReportingTestBase {

    static final Instant T0 = Instant.parse("2026-10-05T08:00:00Z");

    final List<DomainEventMessage<?>> history = new ArrayList<>();
    ContactStory scored;
    ContactStory manual;
    ContactStory student;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        isolate(registry, "audit_api");
    }

    @BeforeAll
    void history() {
        scored = ContactStory.captured(T0, "hubspot", "q4").mql(T0.plusSeconds(60), "A", "v7").sql(T0.plusSeconds(120))
                             .advanced(T0.plusSeconds(180), Stage.OPPORTUNITY);
        // the same millisecond as the scored contact's MQL: paging must neither skip nor repeat either
        manual = ContactStory.captured(T0, "website", null).mql(T0.plusSeconds(60), "B", null)
                             .returned(T0.plusSeconds(240), ReturnReason.BAD_FIT);
        student = ContactStory.captured(T0, "website", null).disqualified(T0.plusSeconds(300), DisqualificationReason.STUDENT);
        history.addAll(scored.events());
        history.addAll(manual.events());
        history.addAll(student.events());
        // reasons a person typed, which a spreadsheet must not run as formulas
        history.add(new GenericDomainEventMessage<>("Contact", student.id().toString(), student.events().size(),
                                                    new ContactRequalified(student.id(), "=HYPERLINK(\"http://evil.test\",\"x\")",
                                                                           Actor.person("mia"), T0.plusSeconds(360))));
        history.add(new GenericDomainEventMessage<>("Contact", scored.id().toString(), scored.events().size(),
                                                    new LifecycleStageAdvanced(scored.id(), Stage.OPPORTUNITY, Stage.CUSTOMER,
                                                                               "-2+3, \"signed\"\nat last", Actor.person("ana"),
                                                                               T0.plusSeconds(420))));
        publishAndAwait(history);
    }

    @Test
    void everyDecisionInTimeOrderWithActorReasonAndEvidence() {
        JsonNode decisions = get("/api/audit/decisions", "auditor").get("decisions");
        assertThat(decisions.findValuesAsString("type")).containsExactly("MarkedMQL", "MarkedMQL", "AcceptedAsSQL", "LifecycleStageAdvanced",
                                                                        "ReturnedToNurture", "ContactDisqualified", "ContactRequalified",
                                                                        "LifecycleStageAdvanced");
        JsonNode systemMql = find(decisions, "MarkedMQL", scored);
        assertThat(systemMql.get("actor").get("kind").asText()).isEqualTo("SYSTEM");
        assertThat(systemMql.get("actor").get("modelVersion").asText()).isEqualTo("v7");
        assertThat(systemMql.get("tier").asText()).isEqualTo("A");
        assertThat(systemMql.get("reason").asText()).isEqualTo("score reached tier A");
        assertThat(systemMql.get("evidence").get("score").asInt()).isEqualTo(75);
        assertThat(systemMql.get("evidence").get("signals").get(0).get("rule").asText()).isEqualTo("pricing-page-visit");
        assertThat(systemMql.get("evidence").get("signals").get(0).has("detail")).as("what matched may be personal").isFalse();
        JsonNode returned = find(decisions, "ReturnedToNurture", manual);
        assertThat(returned.get("reason").asText()).isEqualTo("BAD_FIT");
        assertThat(returned.get("from").asText()).isEqualTo("MQL");
        assertThat(returned.get("actor").get("id").asText()).isEqualTo("ana");
    }

    @Test
    void pagesFollowTheCursorWithoutSkippingOrRepeating() {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/audit/decisions?limit=3" + (next == null ? "" : "&after=" + next.replace("|", "%7C")), "admin");
            page.get("decisions").forEach(decision -> seen.add(decision.get("eventId").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void filtersByActorContactTypeAndTime() {
        assertThat(get("/api/audit/decisions?actor=scoring-service", "auditor").get("decisions")).hasSize(1);
        assertThat(get("/api/audit/decisions?actor=ana", "auditor").get("decisions").findValuesAsString("type"))
                .containsExactly("AcceptedAsSQL", "LifecycleStageAdvanced", "ReturnedToNurture", "LifecycleStageAdvanced");
        assertThat(get("/api/audit/decisions?contact=" + manual.id(), "auditor").get("decisions")).hasSize(2);
        assertThat(get("/api/audit/decisions?type=MarkedMQL,ContactDisqualified", "auditor").get("decisions")).hasSize(3);
        assertThat(get("/api/audit/decisions?type=MarkedMQL&type=ReturnedToNurture", "auditor").get("decisions")).hasSize(3);
        assertThat(get("/api/audit/decisions?from=" + T0.plusSeconds(120) + "&to=" + T0.plusSeconds(300), "auditor").get("decisions")
                           .findValuesAsString("type")).containsExactly("AcceptedAsSQL", "LifecycleStageAdvanced", "ReturnedToNurture");
    }

    @Test
    void csvExportQuotesAndDisarmsFormulas() {
        HttpResponse<String> response = api().get("/api/audit/decisions.csv?contact=" + student.id(), "auditor");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String[] lines = response.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("at,type,contactId,sequence,actorKind,actorId,modelVersion,from,to,tier,reason,score,fit,engagement,"
                                       + "signals,eventId");
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).contains(",\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",");

        String scoredCsv = api().get("/api/audit/decisions.csv?contact=" + scored.id(), "admin").body();
        assertThat(scoredCsv).contains(",\"'-2+3, \"\"signed\"\"\nat last\",");
        assertThat(scoredCsv).contains(",75,30,45,pricing-page-visit:45,");
    }

    @Test
    void badFiltersAreRefused() {
        HttpResponse<String> response = api().get("/api/audit/decisions?limit=0&after=nonsense&type=Hired&contact=42&from=soon", "auditor");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("limit", "after", "type", "contact", "from");
        assertThat(api().get("/api/audit/decisions?limit=lots", "auditor").statusCode()).isEqualTo(400);
        assertThat(api().get("/api/audit/decisions.csv?type=Nope", "auditor").statusCode()).isEqualTo(400);
    }

    @Test
    void theAuditIsForAuditorsAndAdmins() {
        assertThat(api().get("/api/audit/decisions", null).statusCode()).isEqualTo(401);
        assertThat(api().get("/api/audit/decisions", "analyst").statusCode()).isEqualTo(403);
        assertThat(api().get("/api/audit/decisions.csv", "marketing").statusCode()).isEqualTo(403);
    }

    @Test
    void whileARebuildFillsANewGenerationTheOldAnswersAndNewEventsReachBoth() {
        Generation active = generations.active();
        Generation building = generations.startBuilding();
        try {
            assertThat(api().post("/api/reports/rebuild", "admin").statusCode()).as("one rebuild at a time").isEqualTo(409);
            assertThat(get("/api/audit/decisions", "auditor").get("decisions")).as("the active generation answers").hasSize(8);
            ContactStory late = ContactStory.captured(T0.plusSeconds(900), "website", "late");
            publish(late.events());
            await().atMost(Duration.ofSeconds(30)).until(() -> contactIn(building, late) && contactIn(active, late));
        } finally {
            generations.abandon(building);
        }
        assertThat(generations.active()).isEqualTo(active);
    }

    private static boolean contactIn(Generation generation, ContactStory contact) {
        return generation.collection(FactKind.CONTACTS)
                         .countDocuments(new Document("_id", contact.id().toString())) == 1;
    }

    private static JsonNode find(JsonNode decisions, String type, ContactStory contact) {
        for (JsonNode decision : decisions) {
            if (decision.get("type").asText().equals(type) && decision.get("contactId").asText().equals(contact.id().toString())) {
                return decision;
            }
        }
        throw new AssertionError("no " + type + " of " + contact.id());
    }
}
