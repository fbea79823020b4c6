package io.handraiser.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.handraiser.e2e.Http.Reply;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole suite as separate processes, driven through the gateway only, as marketing automation, sales, analysts
 * and auditors use it: a lead engages until scoring marks it MQL, handoff routes it to the right rep, whose inbox
 * and event stream show it, the rep accepts it and the CRM hears of it; a second lead is returned to nurture, a
 * third one's SLA runs out; the reports and the dashboard agree with what happened. Scoring and handoff run as two
 * instances each: they share the event processors' segments, nothing is marked or handed off twice, and stopping
 * one instance hands its segments to the other.
 * <p>
 * The tests share one suite, whose start takes minutes, and run in order: the reports check the whole history.
 * Only the ownership of segments and the absence of doubles are read from MongoDB directly; the API has no view of
 * either, and should not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteEndToEndTest {

    private static final String CRM_SECRET = "end-to-end-crm-secret-0123456789";
    /** Tier B's SLA in this suite; tier A keeps its 4 hours so that nothing else expires during the test. */
    private static final Duration TIER_B_SLA = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final List<String> SHARED_PROCESSORS = List.of("scoring:lead-scores", "handoff:HandoffSagaProcessor", "handoff:inbox");

    private CrmEndpoint crm;
    private SuiteUnderTest suite;
    private Http gateway;
    private final List<String> contacts = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTheSuite(@TempDir Path data) throws Exception {
        crm = new CrmEndpoint(CRM_SECRET);
        suite = new SuiteUnderTest(data, Map.of("handoff-service", """
                {"handraiser": {"handoff": {"sla": {"B": "%s"}, "max-escalations": 0,
                                            "crm": {"url": "%s", "secret": "%s", "poll-interval": "200ms"}}}}
                """.formatted(TIER_B_SLA, crm.url(), CRM_SECRET)), 2);
        gateway = new Http(suite.gateway());
        Reply ana = gateway.put("/api/reps/ana", token("admin"), """
                {"name": "Ana", "territories": ["SE"], "tiers": ["A"], "capacity": 100}""");
        assertThat(ana.status()).as(ana.toString()).isEqualTo(200);
        Reply bo = gateway.put("/api/reps/bo", token("admin"), """
                {"name": "Bo", "tiers": ["B"], "capacity": 100}""");
        assertThat(bo.status()).as(bo.toString()).isEqualTo(200);
    }

    @AfterAll
    void stopTheSuite() {
        if (suite != null) {
            suite.close();
        }
        if (crm != null) {
            crm.close();
        }
    }

    @Test
    @Order(1)
    void aLeadThatAsksForADemoIsMarkedMqlHandedToTheRightRepAcceptedAndSentToTheCrm() {
        List<String> stream = subscribeToInbox("ana");
        String lead = captureTierA("ada");
        engage(lead, "PAGE_VIEW", "{\"url\":\"https://handraiser.example/pricing\"}");
        engage(lead, "DEMO_REQUESTED", null);

        JsonNode mql = awaitHistoryEntry(lead, "MarkedMQL");
        assertThat(mql.path("actor").path("id").asText()).isEqualTo("scoring-service");
        assertThat(mql.path("event").path("tier").asText()).isEqualTo("A");
        JsonNode evidence = mql.path("evidence");
        assertThat(evidence.path("score").asInt()).isEqualTo(135);
        assertThat(evidence.path("signals").findValuesAsText("rule")).contains("demo-request", "pricing-page-visit", "marketing-leader");

        JsonNode item = awaitInboxItem("ana", lead);
        assertThat(item.path("tier").asText()).isEqualTo("A");
        assertThat(inbox("bo")).as("a tier A lead in Sweden is Ana's, not Bo's").noneMatch(other -> other.path("contactId").asText().equals(lead));
        await().atMost(PATIENCE).until(() -> stream.stream().anyMatch(line -> line.startsWith("data:") && line.contains(lead)));

        Reply accepted = gateway.post("/api/inbox/" + lead + "/accept", token("ana", "sales"), "{\"note\":\"budget confirmed\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> contact(lead).path("stage").asText().equals("SQL"));
        await().atMost(PATIENCE).until(() -> inbox("ana").stream().noneMatch(open -> open.path("contactId").asText().equals(lead)));

        CrmEndpoint.Delivery delivery = await().atMost(PATIENCE).until(() -> crm.deliveriesFor(lead), found -> !found.isEmpty()).get(0);
        assertThat(delivery.signedWithTheSecret()).isTrue();
        assertThat(delivery.body().path("qualification").path("assignee").asText()).isEqualTo("ana");
    }

    @Test
    @Order(2)
    void aLeadReturnedToNurtureCarriesItsReason() {
        String lead = captureTierA("bea");
        engage(lead, "DEMO_REQUESTED", null);
        awaitInboxItem("ana", lead);

        Reply returned = gateway.post("/api/inbox/" + lead + "/return", token("ana", "sales"),
                                      "{\"reason\":\"NOT_READY\",\"note\":\"call again in spring\"}");
        assertThat(returned.status()).as(returned.toString()).isEqualTo(200);

        JsonNode entry = awaitHistoryEntry(lead, "ReturnedToNurture");
        assertThat(entry.path("reason").asText()).isEqualTo("NOT_READY");
        assertThat(entry.path("actor").path("id").asText()).isEqualTo("ana");
        await().atMost(PATIENCE).until(() -> inbox("ana").stream().noneMatch(open -> open.path("contactId").asText().equals(lead)));
    }

    @Test
    @Order(3)
    void aLeadNobodyAnswersWithinTheSlaReturnsToNurture() {
        String lead = captureTierB("cai");
        engage(lead, "DEMO_REQUESTED", null);
        JsonNode item = awaitInboxItem("bo", lead);
        assertThat(item.path("tier").asText()).isEqualTo("B");

        JsonNode expired = awaitHistoryEntry(lead, "ReturnedToNurture");
        assertThat(expired.path("reason").asText()).isEqualTo("SLA_EXPIRED");
        await().atMost(PATIENCE).until(() -> inbox("bo").stream().noneMatch(open -> open.path("contactId").asText().equals(lead)));
    }

    @Test
    @Order(4)
    void twoInstancesShareTheSegmentsAndNothingIsMarkedOrHandedOffTwice() {
        for (String processor : SHARED_PROCESSORS) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(segmentOwners(processor).keySet())
                    .as(processor + " is worked on by both instances")
                    .hasSize(2));
        }
        qualifyLeadsForAna("lead", 24);
        assertEveryQualifiedLeadOnce();
    }

    @Test
    @Order(5)
    void stoppingAnInstanceHandsItsSegmentsToTheOther() throws InterruptedException {
        suite.stop("scoring-2");
        suite.stop("handoff-2");
        for (String processor : SHARED_PROCESSORS) {
            String survivor = processor.startsWith("scoring") ? "scoring-1" : "handoff-1";
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(segmentOwners(processor))
                    .as(processor + " is all " + survivor + "'s")
                    .containsOnlyKeys(suite.owner(survivor))
                    .containsValue(16L));
        }
        qualifyLeadsForAna("later", 6);
        assertEveryQualifiedLeadOnce();
    }

    @Test
    @Order(6)
    void theFunnelAndTheAuditAgreeWithWhatHappened() {
        Map<String, Long> stages = new TreeMap<>();
        for (String lead : contacts) {
            stages.merge(contact(lead).path("stage").asText(), 1L, Long::sum);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode funnel = gateway.get("/api/reports/stages", token("analyst")).body().path("groups").get(0).path("stages");
            Map<String, Long> reported = new TreeMap<>();
            funnel.fields().forEachRemaining(stage -> {
                if (stage.getValue().asLong() > 0) {
                    reported.put(stage.getKey(), stage.getValue().asLong());
                }
            });
            assertThat(reported).isEqualTo(stages);
        });
        assertThat(stages).containsEntry("SQL", 1L);

        String accepted = contacts.get(0);
        JsonNode decisions = gateway.get("/api/audit/decisions?contact=" + accepted, token("auditor")).body().path("decisions");
        Map<String, String> deciders = StreamSupport.stream(decisions.spliterator(), false)
                                                    .collect(Collectors.toMap(decision -> decision.path("type").asText(),
                                                                              decision -> decision.path("actor").path("id").asText(),
                                                                              (first, second) -> first));
        assertThat(deciders).containsEntry("MarkedMQL", "scoring-service").containsEntry("AcceptedAsSQL", "ana");

        JsonNode returns = gateway.get("/api/reports/returns", token("analyst")).body();
        assertThat(returns.toString()).contains("NOT_READY").contains("SLA_EXPIRED");
    }

    @Test
    @Order(7)
    void theDashboardShowsTheFunnelInABrowser() {
        File chromium = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser");
        File chromedriver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        assumeTrue(chromium != null && chromedriver != null,
                   "headless Chromium is not installed (apt-get install chromium chromium-driver); the dashboard check is skipped");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build();
        WebDriver browser = new ChromeDriver(service, new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,2400"));
        try {
            browser.get(gateway.uri("/dashboard").toString());
            browser.findElement(By.id("token")).sendKeys(token("analyst"));
            browser.findElement(By.id("save-token")).click();
            JavascriptExecutor page = (JavascriptExecutor) browser;
            await().atMost(PATIENCE).until(() -> "loaded".equals(page.executeScript("return document.body.dataset.state;")));
            JsonNode funnel = gateway.get("/api/reports/stages", token("analyst")).body().path("groups").get(0).path("stages");
            for (String stage : List.of("LEAD", "MQL", "SQL")) {
                assertThat(browser.findElement(By.cssSelector("#stage-table tr[data-stage='" + stage + "'] td[data-group='all']")).getText())
                        .as(stage).isEqualTo(funnel.path(stage).asText());
            }
            assertThat(page.executeScript("return window.Chart.getChart('funnel-chart') != null;")).isEqualTo(true);
        } finally {
            browser.quit();
        }
    }

    /** Tier A leads in Sweden that ask for a demo, each awaited in Ana's inbox. */
    private void qualifyLeadsForAna(String name, int count) {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String lead = captureTierA(name + i);
            engage(lead, "DEMO_REQUESTED", null);
            leads.add(lead);
        }
        for (String lead : leads) {
            awaitInboxItem("ana", lead);
        }
    }

    private void assertEveryQualifiedLeadOnce() {
        Map<String, Long> marked = new HashMap<>();
        Map<String, Long> handedOff = new HashMap<>();
        MongoCollection<Document> commits = suite.mongo().getDatabase("events").getCollection("commits");
        for (Document commit : commits.find(Filters.in("events.payloadType", Set.of(
                "io.handraiser.contract.contact.MarkedMQL", "io.handraiser.contract.handoff.HandoffOpened")))) {
            for (Document event : commit.getList("events", Document.class)) {
                String type = event.getString("payloadType");
                if (type.endsWith(".MarkedMQL")) {
                    marked.merge(event.getString("aggregateId"), 1L, Long::sum);
                } else if (type.endsWith(".HandoffOpened")) {
                    handedOff.merge(readTree(event.getString("payload")).path("contactId").asText(), 1L, Long::sum);
                }
            }
        }
        assertThat(marked.keySet()).as("every lead of this test asked for a demo").containsAll(contacts);
        for (String lead : contacts) {
            assertThat(marked.get(lead)).as("MarkedMQL of " + lead).isEqualTo(1L);
            assertThat(handedOff.get(lead)).as("HandoffOpened of " + lead).isEqualTo(1L);
        }
    }

    /** Owner (its process id) to the number of segments it holds; unclaimed segments are not counted. */
    private Map<String, Long> segmentOwners(String processor) {
        String[] databaseAndName = processor.split(":");
        Map<String, Long> owners = new HashMap<>();
        for (Document token : suite.mongo().getDatabase(databaseAndName[0]).getCollection("trackingtokens")
                                   .find(Filters.eq("processorName", databaseAndName[1]))) {
            String owner = token.getString("owner");
            if (owner != null) {
                owners.merge(owner.substring(0, owner.indexOf('@') + 1), 1L, Long::sum);
            }
        }
        return owners;
    }

    private String captureTierA(String name) {
        return capture(name, "\"jobTitle\":\"VP Marketing\",\"industry\":\"Software\",\"companySize\":120,\"country\":\"SE\"");
    }

    /** Fit 20 (the industry only): a hand-raiser qualifies it at once, as tier B. */
    private String captureTierB(String name) {
        return capture(name, "\"jobTitle\":\"Buyer\",\"industry\":\"Software\",\"country\":\"BR\"");
    }

    private String capture(String name, String profile) {
        Reply captured = gateway.post("/api/contacts", token("automation"), """
                {"email":"%s-%s@acme.example","firstName":"%s","company":"Acme",%s,"source":{"system":"hubspot","campaign":"e2e"}}"""
                .formatted(name, UUID.randomUUID(), name, profile));
        assertThat(captured.status()).as(captured.toString()).isEqualTo(201);
        String id = captured.body().path("id").asText();
        contacts.add(id);
        return id;
    }

    private void engage(String contact, String type, String detail) {
        Reply recorded = gateway.post("/api/contacts/" + contact + "/engagements", token("automation"),
                "{\"engagementId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + Instant.now() + "\""
                + (detail == null ? "" : ",\"detail\":" + detail) + "}");
        assertThat(recorded.status()).as(recorded.toString()).isBetween(200, 202);
    }

    private JsonNode contact(String id) {
        Reply contact = gateway.get("/api/contacts/" + id, token("sales"));
        assertThat(contact.status()).as(contact.toString()).isEqualTo(200);
        return contact.body();
    }

    private JsonNode awaitHistoryEntry(String contact, String type) {
        return await().atMost(PATIENCE).until(() -> {
            for (JsonNode entry : gateway.get("/api/contacts/" + contact + "/history", token("auditor")).body().path("events")) {
                if (entry.path("type").asText().equals(type)) {
                    return entry;
                }
            }
            return null;
        }, entry -> entry != null);
    }

    private List<JsonNode> inbox(String rep) {
        Reply inbox = gateway.get("/api/inbox", token(rep, "sales"));
        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        inbox.body().forEach(items::add);
        return items;
    }

    private JsonNode awaitInboxItem(String rep, String contact) {
        try {
            return await().atMost(PATIENCE).until(() -> inbox(rep).stream().filter(item -> item.path("contactId").asText().equals(contact))
                                                                   .findFirst().orElse(null), item -> item != null);
        } catch (ConditionTimeoutException stalled) {
            throw new AssertionError("no item for " + contact + " in " + rep + "'s inbox after " + PATIENCE + whereTheLeadStopped(contact), stalled);
        }
    }

    /**
     * A lead passes contact-service, scoring, contact-service again and handoff on its way to an inbox; when it does
     * not arrive, this says at which step it stopped.
     */
    private String whereTheLeadStopped(String contact) {
        StringBuilder trace = new StringBuilder();
        List<String> recorded = new ArrayList<>();
        gateway.get("/api/contacts/" + contact + "/history", token("auditor")).body().path("events")
               .forEach(event -> recorded.add(event.path("type").asText()));
        trace.append("\n  its events: ").append(recorded);
        trace.append("\n  its score: ").append(gateway.get("/api/scores/" + contact, token("analyst")));
        for (String service : List.of("contact", "scoring", "handoff", "reporting")) {
            trace.append("\n  dead letters of ").append(service).append(": ")
                 .append(gateway.get("/api/admin/" + service + "/dead-letters", token("admin")));
        }
        for (String processor : SHARED_PROCESSORS) {
            trace.append("\n  segments of ").append(processor).append(" by owner: ").append(segmentOwners(processor));
        }
        return trace.toString();
    }

    /** The rep's event stream through the gateway, every line as it arrives, until the suite stops. */
    private List<String> subscribeToInbox(String rep) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/api/inbox/stream"))
                                         .header("Accept", "text/event-stream")
                                         .header("Authorization", "Bearer " + token(rep, "sales")).build();
        CompletableFuture<HttpResponse<Stream<String>>> response =
                gateway.client().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(stream -> stream.body().forEach(lines::add));
        await().atMost(PATIENCE).until(() -> lines.contains(":subscribed"));
        return lines;
    }

    private String token(String role) {
        return suite.token("e2e-" + role, role);
    }

    private String token(String subject, String role) {
        return suite.token(subject, role);
    }

    private static JsonNode readTree(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static File firstExisting(String... paths) {
        for (String path : paths) {
            File file = new File(path);
            if (file.canExecute()) {
                return file;
            }
        }
        return null;
    }
}
