package io.handraiser.contact;

import io.handraiser.testsupport.TestMongo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.handraiser.contact.MauticPayloads.channelChange;
import static io.handraiser.contact.MauticPayloads.contact;
import static io.handraiser.contact.MauticPayloads.contactDeleted;
import static io.handraiser.contact.MauticPayloads.contactEvent;
import static io.handraiser.contact.MauticPayloads.delivery;
import static io.handraiser.contact.MauticPayloads.emailOpen;
import static io.handraiser.contact.MauticPayloads.emailSend;
import static io.handraiser.contact.MauticPayloads.formSubmission;
import static io.handraiser.contact.MauticPayloads.pageHit;
import static io.handraiser.contact.MauticPayloads.pointsChange;
import static io.handraiser.contact.MauticPayloads.single;
import static io.handraiser.contact.MauticPayloads.visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MauticWebhookTest extends ContactServiceTestBase {

    private static final String WEBHOOK = "/api/integrations/mautic/webhook";
    private static final String AT = "2026-11-20T10:00:00+00:00";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    MeterRegistry meters;

    private static long mauticId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    private static String email() {
        return "mautic-" + UUID.randomUUID() + "@example.com";
    }

    private HttpResponse<String> deliver(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + WEBHOOK))
                                                 .header("Content-Type", "application/json")
                                                 .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Webhook-Signature", signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Delivers {@code body}, awaits it applied and answers what became of it: received, outcomes and each event. */
    private JsonNode signedDelivery(String body) {
        HttpResponse<String> response = deliver(body, MauticPayloads.signature(MAUTIC_SECRET, body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return applied(json(response.body()).get("deliveryId").asText());
    }

    private JsonNode applied(String deliveryId) {
        JsonNode[] delivery = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> status = api().get("/api/integrations/mautic/deliveries/" + deliveryId, "admin");
            delivery[0] = json(status.body());
            return status.statusCode() == 200 && delivery[0].at("/delivery/state").asText().equals("APPLIED");
        });
        ObjectNode receipt = JSON.createObjectNode();
        receipt.put("received", delivery[0].at("/delivery/received").asInt());
        receipt.set("outcomes", delivery[0].at("/delivery/outcomes"));
        receipt.set("events", delivery[0].get("events"));
        return receipt;
    }

    private static JsonNode onlyEvent(JsonNode receipt) {
        assertThat(receipt.get("received").asInt()).isEqualTo(1);
        return receipt.get("events").get(0);
    }

    /** Captures a contact through Mautic's contact-identified event and answers Handraiser's id for it. */
    private String identified(long mauticId, String email) {
        JsonNode event = onlyEvent(signedDelivery(single("mautic.lead_post_save_new",
                contactEvent(contact(mauticId, email, "Ada", "CTO", "United Kingdom"), AT))));
        assertThat(event.get("outcome").asText()).isEqualTo("CONTACT_SYNCED");
        return event.get("contactId").asText();
    }

    @Test
    void anIdentifiedContactIsCapturedWithItsFieldsMappedToTheProfile() {
        String email = email();
        String id = identified(mauticId(), email);

        JsonNode view = awaitView(id, contact -> contact.path("profile").has("jobTitle"));
        assertThat(view.get("email").asText()).isEqualTo(email);
        assertThat(view.get("stage").asText()).isEqualTo("LEAD");
        assertThat(view.at("/profile/firstName").asText()).isEqualTo("Ada");
        assertThat(view.at("/profile/lastName").asText()).isEqualTo("Lovelace");
        assertThat(view.at("/profile/company").asText()).isEqualTo("Engines Ltd");
        assertThat(view.at("/profile/jobTitle").asText()).isEqualTo("CTO");
        assertThat(view.at("/profile/country").asText()).isEqualTo("GB");
        assertThat(view.at("/profile/companySize").asInt()).isEqualTo(120);
        assertThat(view.at("/source/system").asText()).isEqualTo("mautic");
    }

    @Test
    void anUpdatedContactAndAPointsChangeBringTheProfileUpToDate() {
        long mauticId = mauticId();
        String email = email();
        String id = identified(mauticId, email);

        JsonNode updated = onlyEvent(signedDelivery(single("mautic.lead_post_save_update",
                contactEvent(contact(mauticId, email, "Ada", "Head of Marketing", "Germany"), "2026-11-20T11:00:00+00:00"))));
        JsonNode points = onlyEvent(signedDelivery(single("mautic.lead_points_change",
                pointsChange(contact(mauticId, email, "Augusta", "Head of Marketing", "Germany"), 25, 35, "2026-11-20T11:05:00+00:00"))));

        assertThat(updated.get("outcome").asText()).isEqualTo("CONTACT_SYNCED");
        assertThat(points.get("outcome").asText()).isEqualTo("CONTACT_SYNCED");
        assertThat(points.get("contactId").asText()).isEqualTo(id);
        JsonNode view = awaitView(id, contact -> contact.at("/profile/firstName").asText().equals("Augusta"));
        assertThat(view.at("/profile/jobTitle").asText()).isEqualTo("Head of Marketing");
        assertThat(view.at("/profile/country").asText()).isEqualTo("DE");
    }

    @Test
    void activityEventsRecordEngagementsWithTheirDetail() {
        long mauticId = mauticId();
        String email = email();
        String id = identified(mauticId, email);

        JsonNode hit = onlyEvent(signedDelivery(single("mautic.page_on_hit",
                pageHit(mauticId(), visitor(mauticId), "https://example.com/pricing?utm_source=newsletter", AT))));
        JsonNode form = onlyEvent(signedDelivery(single("mautic.form_on_submit",
                formSubmission(mauticId(), "newsletter-signup", "Newsletter sign-up", visitor(mauticId), AT))));
        JsonNode demo = onlyEvent(signedDelivery(single("mautic.form_on_submit",
                formSubmission(mauticId(), "demo-request", "Request a demo", visitor(mauticId), AT))));
        JsonNode open = onlyEvent(signedDelivery(single("mautic.email_on_open", emailOpen(mauticId(), visitor(mauticId), email, AT))));
        JsonNode unsubscribed = onlyEvent(signedDelivery(single("mautic.lead_channel_subscription_changed",
                channelChange(contact(mauticId, email, "Ada", "CTO", "United Kingdom"), "email", "contactable", "unsubscribed", AT))));
        JsonNode bounced = onlyEvent(signedDelivery(single("mautic.lead_channel_subscription_changed",
                channelChange(contact(mauticId, email, "Ada", "CTO", "United Kingdom"), "email", "unsubscribed", "bounced",
                              "2026-11-20T10:10:00+00:00"))));

        for (JsonNode event : List.of(hit, form, demo, open, unsubscribed, bounced)) {
            assertThat(event.get("outcome").asText()).as(event.toString()).isEqualTo("RECORDED");
            assertThat(event.get("contactId").asText()).isEqualTo(id);
        }
        JsonNode view = awaitView(id, contact -> contact.at("/engagements/total").asInt() == 6);
        assertThat(view.at("/engagements/PAGE_VIEW").asInt()).isEqualTo(1);
        assertThat(view.at("/engagements/FORM_SUBMITTED").asInt()).isEqualTo(1);
        assertThat(view.at("/engagements/DEMO_REQUESTED").asInt()).isEqualTo(1);
        assertThat(view.at("/engagements/EMAIL_OPENED").asInt()).isEqualTo(1);
        assertThat(view.at("/engagements/UNSUBSCRIBED").asInt()).isEqualTo(1);
        assertThat(view.at("/engagements/EMAIL_BOUNCED").asInt()).isEqualTo(1);

        HttpResponse<String> history = api().get("/api/contacts/" + id + "/history?limit=100", "auditor");
        assertThat(history.body()).contains("https://example.com/pricing?utm_source=newsletter", "Request a demo",
                                            "November newsletter", "mautic:page-hit:");
    }

    @Test
    void aResubscriptionAnEmailSentAndAnAnonymousVisitRecordNothing() {
        long mauticId = mauticId();
        String email = email();
        String id = identified(mauticId, email);

        JsonNode resubscribed = onlyEvent(signedDelivery(single("mautic.lead_channel_subscription_changed",
                channelChange(contact(mauticId, email, "Ada", "CTO", "United Kingdom"), "email", "unsubscribed", "contactable", AT))));
        JsonNode sent = onlyEvent(signedDelivery(single("mautic.email_on_send",
                emailSend(contact(mauticId, email, "Ada", "CTO", "United Kingdom"), "idhash-" + mauticId, AT))));
        JsonNode anonymous = onlyEvent(signedDelivery(single("mautic.page_on_hit",
                pageHit(mauticId(), visitor(mauticId()), "https://example.com/pricing", AT))));

        assertThat(resubscribed.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(sent.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(sent.get("contactId").asText()).isEqualTo(id);
        assertThat(anonymous.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(awaitView(id, contact -> true).at("/engagements/total").asInt()).isZero();
    }

    @Test
    void anEmailSentToAContactHandraiserDoesNotKnowCapturesIt() {
        String email = email();
        JsonNode sent = onlyEvent(signedDelivery(single("mautic.email_on_send",
                emailSend(contact(mauticId(), email, "Grace", "CTO", "United States"), "idhash-new", AT))));

        assertThat(sent.get("outcome").asText()).isEqualTo("CONTACT_SYNCED");
        JsonNode view = awaitView(sent.get("contactId").asText(), contact -> true);
        assertThat(view.get("email").asText()).isEqualTo(email);
        assertThat(view.at("/profile/country").asText()).isEqualTo("US");
    }

    @Test
    void anActivityOfAContactNotYetSeenCapturesItByItsEmail() {
        String email = email();
        long mauticId = mauticId();
        JsonNode open = onlyEvent(signedDelivery(single("mautic.email_on_open",
                emailOpen(mauticId(), contact(mauticId, email, "Ada", "CTO", "United Kingdom"), email, AT))));

        assertThat(open.get("outcome").asText()).isEqualTo("RECORDED");
        JsonNode view = awaitView(open.get("contactId").asText(), contact -> contact.at("/engagements/EMAIL_OPENED").asInt() == 1);
        assertThat(view.get("email").asText()).isEqualTo(email);
    }

    @Test
    void aContactDeletedInMauticIsUnlinkedNotErased() {
        long mauticId = mauticId();
        String email = email();
        String id = identified(mauticId, email);

        JsonNode deleted = onlyEvent(signedDelivery(single("mautic.lead_post_delete", contactDeleted(mauticId, email, AT))));
        JsonNode laterHit = onlyEvent(signedDelivery(single("mautic.page_on_hit",
                pageHit(mauticId(), visitor(mauticId), "https://example.com/pricing", "2026-11-21T10:00:00+00:00"))));

        assertThat(deleted.get("outcome").asText()).isEqualTo("UNLINKED");
        assertThat(deleted.get("contactId").asText()).isEqualTo(id);
        assertThat(laterHit.get("outcome").asText()).as("the Mautic id leads nowhere now").isEqualTo("IGNORED");
        JsonNode view = awaitView(id, contact -> true);
        assertThat(view.get("email").asText()).isEqualTo(email);
        assertThat(view.has("erased")).isFalse();
    }

    @Test
    void aBatchedDeliveryHandlesEveryEventOfEveryType() {
        long first = mauticId();
        long second = mauticId();
        String firstEmail = email();
        String secondEmail = email();
        Map<String, List<String>> events = new LinkedHashMap<>();
        events.put("mautic.lead_post_save_new", List.of(
                contactEvent(contact(first, firstEmail, "Ada", "CTO", "United Kingdom"), AT),
                contactEvent(contact(second, secondEmail, "Grace", "VP Marketing", "United States"), AT)));
        events.put("mautic.page_on_hit", List.of(
                pageHit(mauticId(), visitor(first), "https://example.com/pricing", AT),
                pageHit(mauticId(), visitor(first), "https://example.com/features", AT),
                pageHit(mauticId(), visitor(second), "https://example.com/pricing", AT)));
        events.put("mautic.form_on_submit", List.of(formSubmission(mauticId(), "demo-request", "Request a demo", visitor(second), AT)));
        events.put("mautic.email_on_open", List.of(emailOpen(mauticId(), visitor(first), firstEmail, AT)));

        JsonNode receipt = signedDelivery(delivery(events));

        assertThat(receipt.get("received").asInt()).isEqualTo(7);
        assertThat(receipt.at("/outcomes/CONTACT_SYNCED").asInt()).isEqualTo(2);
        assertThat(receipt.at("/outcomes/RECORDED").asInt()).isEqualTo(5);
        String firstId = receipt.get("events").get(0).get("contactId").asText();
        String secondId = receipt.get("events").get(1).get("contactId").asText();
        awaitView(firstId, contact -> contact.at("/engagements/PAGE_VIEW").asInt() == 2 && contact.at("/engagements/EMAIL_OPENED").asInt() == 1);
        awaitView(secondId, contact -> contact.at("/engagements/PAGE_VIEW").asInt() == 1 && contact.at("/engagements/DEMO_REQUESTED").asInt() == 1);
    }

    @Test
    void aRetriedDeliveryIsADuplicateAndRecordsNothingTwice() {
        long mauticId = mauticId();
        String email = email();
        Map<String, List<String>> events = new LinkedHashMap<>();
        events.put("mautic.lead_post_save_new", List.of(contactEvent(contact(mauticId, email, "Ada", "CTO", "United Kingdom"), AT)));
        events.put("mautic.page_on_hit", List.of(pageHit(mauticId(), visitor(mauticId), "https://example.com/pricing", AT)));
        events.put("mautic.email_on_open", List.of(emailOpen(mauticId(), visitor(mauticId), email, AT)));
        String body = delivery(events);

        JsonNode first = signedDelivery(body);
        String id = first.get("events").get(0).get("contactId").asText();
        JsonNode settled = awaitView(id, contact -> contact.at("/engagements/total").asInt() == 2);
        // Mautic sends a failed call again dated anew, so signed anew: a new delivery of the same events
        JsonNode retried = signedDelivery(delivery(events, Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS)));

        assertThat(retried.at("/outcomes/DUPLICATE").asInt()).isEqualTo(3);
        assertThat(retried.get("outcomes").size()).isEqualTo(1);
        HttpResponse<String> history = api().get("/api/contacts/" + id + "/history?limit=100", "auditor");
        assertThat(json(history.body()).get("events").size()).isEqualTo(3);
        assertThat(awaitView(id, contact -> true).get("version").asLong()).isEqualTo(settled.get("version").asLong());
    }

    @Test
    void aSecondSaveWithinTheSameSecondIsNotTakenForARetry() {
        long mauticId = mauticId();
        String email = email();
        String id = identified(mauticId, email);

        signedDelivery(single("mautic.lead_post_save_update", contactEvent(contact(mauticId, email, "Ada", "CFO", "United Kingdom"), AT)));
        JsonNode again = onlyEvent(signedDelivery(single("mautic.lead_post_save_update",
                contactEvent(contact(mauticId, email, "Ada", "CEO", "United Kingdom"), AT))));

        assertThat(again.get("outcome").asText()).isEqualTo("CONTACT_SYNCED");
        awaitView(id, contact -> contact.at("/profile/jobTitle").asText().equals("CEO"));
    }

    @Test
    void aWrongOrMissingSignatureIs401AndStoresNothing() {
        String email = email();
        String body = single("mautic.lead_post_save_new", contactEvent(contact(mauticId(), email, "Ada", "CTO", "United Kingdom"), AT));
        long handledBefore = handledEvents();
        long deliveriesBefore = storedDeliveries();

        HttpResponse<String> missing = deliver(body, null);
        HttpResponse<String> wrongSecret = deliver(body, MauticPayloads.signature("another-secret", body));
        HttpResponse<String> notBase64 = deliver(body, "not a signature!");
        HttpResponse<String> otherBody = deliver(body, MauticPayloads.signature(MAUTIC_SECRET, body + " "));
        HttpResponse<String> bearerInstead = api().post(WEBHOOK, "automation", body);

        for (HttpResponse<String> refused : List.of(missing, wrongSecret, notBase64, otherBody, bearerInstead)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(json(missing.body()).get("detail").asText()).contains("Webhook-Signature header is missing");
        assertThat(json(wrongSecret.body()).get("detail").asText()).contains("does not match");
        assertThat(api().get("/api/contacts?email=" + email, "marketing").statusCode()).isEqualTo(404);
        assertThat(handledEvents()).isEqualTo(handledBefore);
        assertThat(storedDeliveries()).isEqualTo(deliveriesBefore);
    }

    @Test
    void aMalformedDeliveryIs400AndStoresNothing() {
        String email = email();
        String notArrays = "{\"mautic.lead_post_save_new\":" + contactEvent(contact(mauticId(), email, "Ada", "CTO", "United Kingdom"), AT)
                           + ",\"mautic.page_on_hit\":[42],\"timestamp\":\"" + AT + "\"}";
        String notJson = "mautic.lead_post_save_new=1";
        long deliveriesBefore = storedDeliveries();

        HttpResponse<String> malformed = deliver(notArrays, MauticPayloads.signature(MAUTIC_SECRET, notArrays));
        HttpResponse<String> unreadable = deliver(notJson, MauticPayloads.signature(MAUTIC_SECRET, notJson));

        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(json(malformed.body()).get("errors").toString()).contains("mautic.lead_post_save_new", "mautic.page_on_hit[0]");
        assertThat(unreadable.statusCode()).as(unreadable.body()).isEqualTo(400);
        assertThat(api().get("/api/contacts?email=" + email, "marketing").statusCode()).isEqualTo(404);
        assertThat(storedDeliveries()).isEqualTo(deliveriesBefore);
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedAndCounted() {
        double before = unknownCount();
        Map<String, List<String>> events = new LinkedHashMap<>();
        events.put("mautic.company_post_save", List.of("{\"company\":{\"id\":7},\"timestamp\":\"" + AT + "\"}",
                                                         "{\"company\":{\"id\":8},\"timestamp\":\"" + AT + "\"}"));
        events.put("mautic.sms_on_send", List.of("{\"contact\":{\"id\":9},\"timestamp\":\"" + AT + "\"}"));

        JsonNode receipt = signedDelivery(delivery(events));

        assertThat(receipt.at("/outcomes/UNKNOWN_TYPE").asInt()).isEqualTo(3);
        assertThat(unknownCount()).isEqualTo(before + 3);
    }

    @Test
    void anEventWithAValueHandraiserCannotTakeIsRejectedAloneAndTheRestIsRecorded() {
        Map<String, List<String>> events = new LinkedHashMap<>();
        String email = email();
        events.put("mautic.lead_post_save_new", List.of(
                contactEvent(contact(mauticId(), "not-an-address", "Ada", "CTO", "United Kingdom"), AT),
                contactEvent(contact(mauticId(), email, "Ada", "CTO", "Atlantis"), AT)));

        JsonNode receipt = signedDelivery(delivery(events));

        assertThat(receipt.get("events").get(0).get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(receipt.get("events").get(0).get("detail").asText()).contains("not an e-mail address");
        JsonNode kept = receipt.get("events").get(1);
        assertThat(kept.get("outcome").asText()).isEqualTo("CONTACT_SYNCED");
        assertThat(kept.get("detail").asText()).contains("country");
        JsonNode view = awaitView(kept.get("contactId").asText(), contact -> true);
        assertThat(view.at("/profile/jobTitle").asText()).isEqualTo("CTO");
        assertThat(view.at("/profile").has("country")).isFalse();
    }

    private double unknownCount() {
        Counter counter = meters.find("handraiser.integrations.mautic.events").tags("type", "unknown", "outcome", "unknown_type").counter();
        return counter == null ? 0 : counter.count();
    }

    private static long storedDeliveries() {
        return TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("mautic_deliveries").countDocuments(new Document());
    }

    private static long handledEvents() {
        return TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("mautic_events").countDocuments(new Document());
    }
}
