package io.handraiser.contact;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ContactApiTest extends ContactServiceTestBase {

    private static String uniqueEmail() {
        return "lead-" + UUID.randomUUID() + "@example.com";
    }

    private String capture(String email) {
        HttpResponse<String> created = api().post("/api/contacts", "automation",
                "{\"email\":\"" + email + "\",\"firstName\":\"Ada\",\"company\":\"Engines\",\"companySize\":120,\"country\":\"gb\","
                + "\"source\":{\"system\":\"hubspot\",\"campaign\":\"q4\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body()).get("id").asText();
    }

    private String engagement(String engagementId, String type, String extra) {
        return "{\"engagementId\":\"" + engagementId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"2026-11-20T10:00:00Z\"" + extra + "}";
    }

    @Test
    void captureIsAnUpsertByEmail() {
        String email = uniqueEmail();
        String id = capture(email);

        HttpResponse<String> again = api().post("/api/contacts", "automation",
                "{\"email\":\"" + email.toUpperCase() + "\",\"jobTitle\":\"CTO\"}");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again.body()).get("id").asText()).isEqualTo(id);
        JsonNode view = awaitView(id, contact -> contact.path("profile").path("jobTitle").asText().equals("CTO"));
        assertThat(view.get("email").asText()).isEqualTo(email);
        assertThat(view.get("stage").asText()).isEqualTo("LEAD");
        assertThat(view.path("profile").path("country").asText()).isEqualTo("GB");
        HttpResponse<String> byEmail = api().get("/api/contacts?email=" + email, "marketing");
        assertThat(byEmail.statusCode()).isEqualTo(200);
        assertThat(json(byEmail.body()).get("id").asText()).isEqualTo(id);
    }

    @Test
    void concurrentCapturesOfOneEmailMakeOneContact() throws Exception {
        String email = uniqueEmail();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<HttpResponse<String>> capture = () -> api().post("/api/contacts", "automation", "{\"email\":\"" + email + "\"}");
                responses.add(pool.submit(capture));
            }
            Set<String> ids = ConcurrentHashMap.newKeySet();
            int created = 0;
            for (Future<HttpResponse<String>> response : responses) {
                HttpResponse<String> done = response.get();
                assertThat(done.statusCode()).as(done.body()).isIn(200, 201);
                created += done.statusCode() == 201 ? 1 : 0;
                ids.add(json(done.body()).get("id").asText());
            }
            assertThat(ids).hasSize(1);
            assertThat(created).isEqualTo(1);
            awaitView(ids.iterator().next(), contact -> true);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputNamesEveryFieldAndStoresNothing() {
        String email = "not-an-address";

        HttpResponse<String> refused = api().post("/api/contacts", "automation",
                "{\"email\":\"" + email + "\",\"country\":\"England\",\"stage\":\"SQL\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(refused.body());
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("email", "profile", "stage");
        HttpResponse<String> malformed = api().post("/api/contacts", "automation", "{\"email\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(api().get("/api/contacts?email=not-an-address", "sales").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownContactsAre404() {
        String unknown = UUID.randomUUID().toString();

        assertThat(api().get("/api/contacts/" + unknown, "sales").statusCode()).isEqualTo(404);
        assertThat(api().get("/api/contacts/" + unknown + "/history", "auditor").statusCode()).isEqualTo(404);
        assertThat(api().post("/api/contacts/" + unknown + "/sql", "sales", "{}").statusCode()).isEqualTo(404);
        assertThat(api().post("/api/contacts/" + unknown + "/engagements", "automation",
                              engagement("e-1", "DEMO_REQUESTED", "")).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/contacts/not-a-uuid", "sales").statusCode()).isEqualTo(400);
        assertThat(api().get("/api/contacts?email=nobody-" + UUID.randomUUID() + "@example.com", "sales").statusCode()).isEqualTo(404);
    }

    @Test
    void engagementsAreIdempotentByTheSourcesId() {
        String id = capture(uniqueEmail());
        String pageView = engagement("hs-1", "PAGE_VIEW", ",\"detail\":{\"url\":\"https://example.com/pricing\"}");

        HttpResponse<String> first = api().post("/api/contacts/" + id + "/engagements", "automation", pageView);
        HttpResponse<String> repeat = api().post("/api/contacts/" + id + "/engagements", "automation", pageView);
        api().post("/api/contacts/" + id + "/engagements", "automation", engagement("hs-2", "WEBINAR_ATTENDED", ""));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(repeat.statusCode()).isEqualTo(202);
        JsonNode view = awaitView(id, contact -> contact.path("engagements").path("total").asInt() == 2);
        assertThat(view.path("engagements").path("PAGE_VIEW").asInt()).isEqualTo(1);
        assertThat(view.path("engagements").path("WEBINAR_ATTENDED").asInt()).isEqualTo(1);
    }

    @Test
    void anEngagementWithoutWhatItNeedsIsRefused() {
        String id = capture(uniqueEmail());

        HttpResponse<String> noUrl = api().post("/api/contacts/" + id + "/engagements", "automation", engagement("x-1", "PAGE_VIEW", ""));
        HttpResponse<String> unknownType = api().post("/api/contacts/" + id + "/engagements", "automation", engagement("x-2", "TELEPATHY", ""));
        HttpResponse<String> noTime = api().post("/api/contacts/" + id + "/engagements", "automation",
                                                 "{\"engagementId\":\"x-3\",\"type\":\"DEMO_REQUESTED\"}");

        assertThat(noUrl.statusCode()).isEqualTo(400);
        assertThat(noUrl.body()).contains("PAGE_VIEW needs detail.url");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("type must be one of");
        assertThat(noTime.statusCode()).isEqualTo(400);
        assertThat(noTime.body()).contains("occurredAt");
    }

    @Test
    void aBatchReportsEveryItemAndABadItemSinksNothingElse() {
        String email = uniqueEmail();
        String id = capture(email);
        String items = String.join(",",
                "{\"contactId\":\"" + id + "\",\"engagementId\":\"b-1\",\"type\":\"EMAIL_OPENED\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}",
                "{\"email\":\"" + email + "\",\"engagementId\":\"b-2\",\"type\":\"EMAIL_CLICKED\",\"occurredAt\":\"2026-11-20T10:01:00Z\"}",
                "{\"contactId\":\"" + id + "\",\"engagementId\":\"b-3\",\"type\":\"NOPE\",\"occurredAt\":\"2026-11-20T10:02:00Z\"}",
                "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\",\"engagementId\":\"b-4\",\"type\":\"EMAIL_OPENED\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}",
                "{\"contactId\":\"" + UUID.randomUUID() + "\",\"engagementId\":\"b-5\",\"type\":\"EMAIL_OPENED\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}");

        HttpResponse<String> response = api().post("/api/engagements/batch", "automation", "{\"items\":[" + items + "]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = json(response.body());
        assertThat(result.get("accepted").asInt()).isEqualTo(2);
        assertThat(result.get("items").findValuesAsString("status"))
                .containsExactly("ACCEPTED", "ACCEPTED", "REJECTED", "REJECTED", "NOT_FOUND");
        awaitView(id, contact -> contact.path("engagements").path("total").asInt() == 2);
    }

    @Test
    void aBatchOverTheLimitIs413() {
        String item = "{\"contactId\":\"" + UUID.randomUUID() + "\",\"engagementId\":\"x\",\"type\":\"EMAIL_OPENED\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}";
        String items = IntStream.range(0, 1001).mapToObj(i -> item).collect(Collectors.joining(","));

        HttpResponse<String> response = api().post("/api/engagements/batch", "automation", "{\"items\":[" + items + "]}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("at most 1000");
    }

    @Test
    void theQualificationJourneyIsRecordedWithWhoAndWhy() {
        String id = capture(uniqueEmail());

        assertThat(api().post("/api/contacts/" + id + "/sql", "sales", "{}").statusCode()).isEqualTo(409);
        assertThat(api().post("/api/contacts/" + id + "/mql", "automation", "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> mql = api().post("/api/contacts/" + id + "/mql", "marketing", "{\"tier\":\"A\",\"reason\":\"asked for pricing\"}");
        HttpResponse<String> twice = api().post("/api/contacts/" + id + "/mql", "marketing", "{\"tier\":\"A\",\"reason\":\"again\"}");
        HttpResponse<String> sql = api().post("/api/contacts/" + id + "/sql", "sales", "{\"note\":\"budget confirmed\"}");
        HttpResponse<String> nurture = api().post("/api/contacts/" + id + "/nurture", "sales", "{\"reason\":\"NO_BUDGET\",\"note\":\"next year\"}");
        HttpResponse<String> badReason = api().post("/api/contacts/" + id + "/nurture", "sales", "{\"reason\":\"BORED\"}");

        assertThat(mql.statusCode()).as(mql.body()).isEqualTo(200);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice.body()).get("rule").asText()).isEqualTo("already-mql");
        assertThat(sql.statusCode()).isEqualTo(200);
        assertThat(nurture.statusCode()).isEqualTo(200);
        assertThat(badReason.statusCode()).isEqualTo(400);
        awaitView(id, contact -> contact.get("stage").asText().equals("LEAD") && contact.has("lastReturnReason"));

        JsonNode history = json(api().get("/api/contacts/" + id + "/history", "auditor").body());
        assertThat(history.get("events").findValuesAsString("type"))
                .containsExactly("ContactCaptured", "MarkedMQL", "AcceptedAsSQL", "ReturnedToNurture");
        JsonNode marked = history.get("events").get(1);
        assertThat(marked.path("actor").path("id").asText()).isEqualTo("marketing-user");
        assertThat(marked.path("actor").path("kind").asText()).isEqualTo("PERSON");
        assertThat(marked.path("reason").asText()).isEqualTo("asked for pricing");
        assertThat(marked.path("requestId").asText()).isNotBlank();
        assertThat(history.get("events").get(3).path("reason").asText()).isEqualTo("NO_BUDGET");
        assertThat(api().get("/api/contacts/" + id + "/history", "automation").statusCode()).isEqualTo(403);
    }

    @Test
    void historyIsPagedWithACursor() {
        String id = capture(uniqueEmail());
        for (int i = 0; i < 4; i++) {
            api().post("/api/contacts/" + id + "/engagements", "automation", engagement("p-" + i, "EMAIL_OPENED", ""));
        }

        JsonNode first = json(api().get("/api/contacts/" + id + "/history?limit=3", "auditor").body());
        JsonNode second = json(api().get("/api/contacts/" + id + "/history?limit=3&after=" + first.get("next").asLong(), "auditor").body());

        assertThat(first.get("events").findValues("sequence")).extracting(JsonNode::asLong).containsExactly(0L, 1L, 2L);
        assertThat(second.get("events").findValues("sequence")).extracting(JsonNode::asLong).containsExactly(3L, 4L);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(api().get("/api/contacts/" + id + "/history?limit=0", "auditor").statusCode()).isEqualTo(400);
    }

    @Test
    void concurrentCommandsOnOneContactLoseNoUpdate() throws Exception {
        String id = capture(uniqueEmail());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String body = engagement("c-" + i, "EMAIL_CLICKED", "");
                sent.add(pool.submit(() -> api().post("/api/contacts/" + id + "/engagements", "automation", body)));
            }
            for (Future<HttpResponse<String>> response : sent) {
                assertThat(response.get().statusCode()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitView(id, contact -> contact.path("engagements").path("total").asInt() == 30);
        JsonNode history = json(api().get("/api/contacts/" + id + "/history?limit=1000", "auditor").body());
        assertThat(history.get("events")).hasSize(31);
    }

    @Test
    void profileUpdatesKeepWhatTheyLeaveOut() {
        String id = capture(uniqueEmail());

        HttpResponse<String> patched = api().patch("/api/contacts/" + id, "marketing", "{\"jobTitle\":\"VP Sales\",\"companySize\":300}");
        HttpResponse<String> invalid = api().patch("/api/contacts/" + id, "marketing", "{\"companySize\":0}");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode view = awaitView(id, contact -> contact.path("profile").path("jobTitle").asText().equals("VP Sales"));
        assertThat(view.path("profile").path("company").asText()).isEqualTo("Engines");
        assertThat(view.path("profile").path("companySize").asInt()).isEqualTo(300);
    }
}
