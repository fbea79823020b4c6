package io.handraiser.handoff.crm;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.shared.Actor;
import io.handraiser.handoff.CrmReceiver;
import io.handraiser.handoff.HandoffServiceTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The webhook to the CRM on an accepted SQL, against a local receiver: signed, retried with backoff, dead-lettered, replayed. */
class CrmWebhookTest extends HandoffServiceTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void aReceiverThatFailsTwiceGetsTheSignedWebhookOnTheThirdTry() {
        rep("crm-rep", "{\"name\":\"Cleo\",\"territories\":[\"NL\"],\"tiers\":[\"A\"],\"industries\":[\"Software\"],\"capacity\":50}");
        ContactId contact = ContactId.generate();
        CRM.answerFirst(contact.toString(), 503, 500);
        double retried = count("retried");
        double delivered = count("delivered");

        Instant openedAt = accepted(contact, "Visser", "NL", "crm-rep");

        JsonNode delivery = await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOf(contact, "delivered"), found -> found != null);
        List<CrmReceiver.Received> tries = CRM.receivedFor(contact.toString());
        assertThat(tries).extracting(CrmReceiver.Received::answered).containsExactly(503, 500, 200);
        assertThat(tries).extracting(CrmReceiver.Received::deliveryId).as("one id for the receiver to drop repeats by")
                         .containsOnly(delivery.path("id").asText());
        assertThat(tries).allSatisfy(request -> assertThat(request.signature()).isEqualTo("sha256=" + hmacHex(request.body())));
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(count("retried") - retried).isEqualTo(2);
        assertThat(count("delivered") - delivered).isGreaterThanOrEqualTo(1);

        JsonNode body = JSON.readTree(tries.get(2).body());
        assertThat(body.path("type").asText()).isEqualTo("contact.accepted-as-sql");
        assertThat(body.path("contact").path("lastName").asText()).isEqualTo("Visser");
        assertThat(body.path("contact").path("country").asText()).isEqualTo("NL");
        JsonNode trail = body.path("qualification");
        assertThat(trail.path("tier").asText()).isEqualTo("A");
        assertThat(trail.path("assignee").asText()).isEqualTo("crm-rep");
        assertThat(trail.path("evidence").path("score").asInt()).isEqualTo(105);
        assertThat(trail.path("evidence").path("signals").size()).isEqualTo(3);
        assertThat(Instant.parse(trail.path("openedAt").asText()).truncatedTo(ChronoUnit.MILLIS)).as("the inbox keeps milliseconds").isEqualTo(openedAt);
        Duration timeToAccept = Duration.parse(trail.path("timeToAccept").asText());
        assertThat(Instant.parse(trail.path("acceptedAt").asText())).isEqualTo(Instant.parse(trail.path("openedAt").asText()).plus(timeToAccept));
        assertThat(trail.path("timeToAcceptSeconds").asLong()).isEqualTo(timeToAccept.toSeconds());
        assertThat(trail.path("withinSla").asBoolean()).isTrue();
    }

    @Test
    void aReceiverThatAlwaysFailsLeavesADeadLetterThatAReplayDeliversOnceTheReceiverIsFixed() {
        rep("crm-rep-be", "{\"name\":\"Bram\",\"territories\":[\"BE\"],\"tiers\":[\"A\"],\"industries\":[\"Software\"],\"capacity\":50}");
        ContactId contact = ContactId.generate();
        CRM.breakFor(contact.toString());
        double dead = count("dead");

        accepted(contact, "Peeters", "BE", "crm-rep-be");

        JsonNode letter = await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOf(contact, "dead"), found -> found != null);
        assertThat(letter.path("attempts").asInt()).isEqualTo(CRM_ATTEMPTS);
        assertThat(letter.path("lastStatus").asInt()).isEqualTo(500);
        assertThat(CRM.receivedFor(contact.toString())).hasSize(CRM_ATTEMPTS);
        assertThat(count("dead") - dead).isEqualTo(1);
        String replay = "/api/crm/deliveries/" + letter.path("id").asText() + "/replay";
        assertThat(api().post(replay, "sales", "").statusCode()).as("only admins replay").isEqualTo(403);

        CRM.fix(contact.toString());
        HttpResponse<String> replayed = api().post(replay, "admin", "");

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(JSON.readTree(replayed.body()).path("state").asText()).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOf(contact, "delivered") != null);
        assertThat(CRM.receivedFor(contact.toString())).extracting(CrmReceiver.Received::answered).containsExactly(500, 500, 500, 200);
        HttpResponse<String> again = api().post(replay, "admin", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("rule").asText()).isEqualTo("replay-only-dead");
    }

    @Test
    void badQueriesAndUnknownDeliveriesAreRefusedAsProblems() {
        HttpResponse<String> badState = api().get("/api/crm/deliveries?state=lost&limit=0", "admin");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(JSON.readTree(badState.body()).path("errors").findValuesAsString("field")).containsExactly("state", "limit");
        assertThat(api().post("/api/crm/deliveries/not-an-id/replay", "admin", "").statusCode()).isEqualTo(400);
        assertThat(api().post("/api/crm/deliveries/" + UUID.randomUUID() + "/replay", "admin", "").statusCode()).isEqualTo(404);
        assertThat(api().get("/api/crm/deliveries?state=dead", "sales").statusCode()).isEqualTo(403);
    }

    /** The contact captured in {@code country} and marked MQL, its handoff opened with {@code rep}, then accepted by the rep. */
    private Instant accepted(ContactId contact, String lastName, String country, String rep) {
        capturedAndMarkedMql(contact, lastName, country, "A", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        JsonNode item = await().atMost(Duration.ofSeconds(20)).until(() -> inbox(rep), items -> items.size() == 1).get(0);
        publish(contact, 2, new AcceptedAsSQL(contact, "budget confirmed", Actor.person(rep), Instant.now()));
        return Instant.parse(item.path("openedAt").asText());
    }

    private JsonNode deliveryOf(ContactId contact, String state) {
        HttpResponse<String> page = api().get("/api/crm/deliveries?state=" + state + "&limit=200", "admin");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        for (JsonNode delivery : JSON.readTree(page.body()).path("items")) {
            if (delivery.path("contactId").asText().equals(contact.toString())) {
                return delivery;
            }
        }
        return null;
    }

    private double count(String outcome) {
        return meters.get("handraiser.crm.deliveries").tag("outcome", outcome).counter().count();
    }

    /** What a receiver computes to verify a delivery: HMAC-SHA256 of the raw body under the shared secret, in hex. */
    private static String hmacHex(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(CRM_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
