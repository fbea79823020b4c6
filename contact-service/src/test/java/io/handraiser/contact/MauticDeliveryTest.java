package io.handraiser.contact;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.handraiser.testsupport.TestMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.handraiser.contact.MauticPayloads.contact;
import static io.handraiser.contact.MauticPayloads.contactEvent;
import static io.handraiser.contact.MauticPayloads.delivery;
import static io.handraiser.contact.MauticPayloads.formSubmission;
import static io.handraiser.contact.MauticPayloads.pageHit;
import static io.handraiser.contact.MauticPayloads.visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A Mautic delivery is stored and acknowledged at once, then applied in the background under a lease. */
class MauticDeliveryTest extends ContactServiceTestBase {

    private static final String WEBHOOK = "/api/integrations/mautic/webhook";
    private static final String DELIVERIES = "/api/integrations/mautic/deliveries";
    private static final String AT = "2026-11-20T10:00:00+00:00";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSameBodyAgainAnswersTheSameDeliveryAndIsStoredOnce() {
        String body = delivery(Map.of("mautic.lead_post_save_new", List.of(contactEvent(contact(mauticId(), email(), "Ada", "CTO", "United Kingdom"), AT))));

        HttpResponse<String> first = deliver(body);
        HttpResponse<String> again = deliver(body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        String id = json(first.body()).get("deliveryId").asText();
        assertThat(json(again.body()).get("deliveryId").asText()).isEqualTo(id);
        assertThat(first.headers().firstValue("Location")).hasValue(DELIVERIES + "/" + id);
        assertThat(deliveries().countDocuments(Filters.eq("_id", id))).isEqualTo(1);
        awaitApplied(id);
    }

    @Test
    void aDeliveryDatedOutsideTheWindowOrUndatedIs400AndStoresNothing() {
        String email = email();
        Map<String, List<String>> events = Map.of("mautic.lead_post_save_new", List.of(contactEvent(contact(mauticId(), email, "Ada", "CTO", "United Kingdom"), AT)));
        String old = delivery(events, Instant.now().minus(Duration.ofMinutes(16)));
        String future = delivery(events, Instant.now().plus(Duration.ofMinutes(16)));
        String undated = "{\"mautic.lead_post_save_new\":[" + events.get("mautic.lead_post_save_new").get(0) + "]}";
        long before = deliveries().countDocuments();

        for (String body : List.of(old, future, undated)) {
            HttpResponse<String> refused = deliver(body);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(refused.body()).get("errors").toString()).contains("timestamp");
        }
        assertThat(deliveries().countDocuments()).isEqualTo(before);
        assertThat(api().get("/api/contacts?email=" + email, "marketing").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAnAdminReadsTheDeliveries() {
        assertThat(api().get(DELIVERIES, "automation").statusCode()).isEqualTo(403);
        assertThat(api().get(DELIVERIES, "admin").statusCode()).isEqualTo(200);
        assertThat(api().get(DELIVERIES + "?state=nonsense", "admin").statusCode()).isEqualTo(400);
        assertThat(api().get(DELIVERIES + "/unknown", "admin").statusCode()).isEqualTo(404);
    }

    @Test
    void aFailedEventIsListedWithItsReasonAndOnlyAnUnexpectedFailureIsRetried() {
        String body = delivery(Map.of("mautic.lead_post_save_new", List.of(
                contactEvent(contact(mauticId(), "not-an-address", "Ada", "CTO", "United Kingdom"), AT),
                contactEvent(contact(mauticId(), email(), "Ada", "CTO", "United Kingdom"), AT))));
        String id = json(deliver(body).body()).get("deliveryId").asText();
        JsonNode delivery = awaitApplied(id);

        assertThat(delivery.at("/delivery/failed").asInt()).isEqualTo(1);
        JsonNode failed = json(api().get(DELIVERIES + "/" + id + "?events=failed", "admin").body()).get("events");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("detail").asText()).contains("not an e-mail address");
        assertThat(json(api().get(DELIVERIES + "?state=failed&limit=1000", "admin").body()).get("deliveries").findValuesAsString("id")).contains(id);

        HttpResponse<String> retried = api().post(DELIVERIES + "/" + id + "/events/0/retry", "admin");
        HttpResponse<String> appliedOne = api().post(DELIVERIES + "/" + id + "/events/1/retry", "admin");

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(409);
        assertThat(json(retried.body()).get("rule").asText()).isEqualTo("event-refused-by-content");
        assertThat(appliedOne.statusCode()).as(appliedOne.body()).isEqualTo(409);
        assertThat(json(appliedOne.body()).get("rule").asText()).isEqualTo("event-not-failed");
        assertThat(TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("mautic_delivery_events")
                            .find(Filters.eq("_id", id + ":0")).first()).as("a rejected event keeps nothing of itself").doesNotContainKey("event");
    }

    @Test
    void theRawBodyIsDeletedOnceApplied() {
        String id = json(deliver(delivery(Map.of("mautic.lead_post_save_new",
                List.of(contactEvent(contact(mauticId(), email(), "Ada", "CTO", "United Kingdom"), AT))))).body()).get("deliveryId").asText();
        awaitApplied(id);
        assertThat(deliveries().find(Filters.eq("_id", id)).first()).doesNotContainKey("body");
    }

    /**
     * The worker is taken off its delivery in the middle (its lease handed to an instance that then died, as a crash
     * leaves it): the chunk it applied but did not checkpoint is applied again on resumption, and nothing is lost or
     * recorded twice.
     */
    @Test
    void aWorkerLosingItsDeliveryMidwayLosesAndDoublesNothing() {
        int contacts = 60;
        List<String> emails = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Map<String, List<String>> events = new LinkedHashMap<>();
        List<String> identified = new ArrayList<>();
        List<String> hits = new ArrayList<>();
        List<String> forms = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            emails.add(email());
            ids.add(mauticId());
            identified.add(contactEvent(contact(ids.get(i), emails.get(i), "Ada", "CTO", "United Kingdom"), AT));
            for (int hit = 0; hit < 4; hit++) {
                hits.add(pageHit(mauticId(), visitor(ids.get(i)), "https://example.com/pricing/" + hit, AT));
            }
            forms.add(formSubmission(mauticId(), "newsletter-signup", "Newsletter", visitor(ids.get(i)), AT));
        }
        events.put("mautic.lead_post_save_new", identified);
        events.put("mautic.page_on_hit", hits);
        events.put("mautic.form_on_submit", forms);
        int total = contacts * 6;
        String id = json(deliver(delivery(events)).body()).get("deliveryId").asText();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
               .until(() -> deliveries().find(Filters.eq("_id", id)).first().getInteger("next", 0) >= 50);
        long taken = deliveries().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "RUNNING")),
                Updates.combine(Updates.set("owner", "a-worker-that-died"), Updates.set("leaseUntil", Date.from(Instant.now().minusSeconds(1)))))
                                 .getMatchedCount();
        assertThat(taken).as("the delivery was still being applied").isEqualTo(1);

        JsonNode delivery = awaitApplied(id);
        assertThat(delivery.at("/delivery/attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(delivery.at("/delivery/received").asInt()).isEqualTo(total);
        assertThat(delivery.at("/delivery/applied").asInt()).isEqualTo(total);
        assertThat(delivery.at("/delivery/failed").asInt()).isZero();
        for (String email : emails) {
            HttpResponse<String> found = api().get("/api/contacts?email=" + email, "marketing");
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            String contactId = json(found.body()).get("id").asText();
            JsonNode view = awaitView(contactId, contact -> contact.at("/engagements/total").asInt() >= 5);
            assertThat(view.at("/engagements/PAGE_VIEW").asInt()).isEqualTo(4);
            assertThat(view.at("/engagements/FORM_SUBMITTED").asInt()).isEqualTo(1);
            assertThat(view.at("/engagements/total").asInt()).isEqualTo(5);
        }
    }

    private JsonNode awaitApplied(String id) {
        JsonNode[] delivery = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            HttpResponse<String> status = api().get(DELIVERIES + "/" + id + "?limit=1", "admin");
            delivery[0] = json(status.body());
            return status.statusCode() == 200 && delivery[0].at("/delivery/state").asText().equals("APPLIED");
        });
        return delivery[0];
    }

    private HttpResponse<String> deliver(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + WEBHOOK))
                                         .header("Content-Type", "application/json")
                                         .header("Webhook-Signature", MauticPayloads.signature(MAUTIC_SECRET, body))
                                         .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static MongoCollection<Document> deliveries() {
        return TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("mautic_deliveries");
    }

    private static long mauticId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    private static String email() {
        return "delivery-" + UUID.randomUUID() + "@example.com";
    }
}
