package io.handraiser.handoff.journey;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.HandoffOutcome;
import io.handraiser.handoff.Api;
import io.handraiser.handoff.CrmReceiver;
import io.handraiser.handoff.inbox.ContactCards;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journey across both services on one event log: contact-service captures a lead and marketing marks
 * it MQL, handoff-service routes it into the rep's inbox, the rep accepts it through contact-service, and the
 * handoff closes with the time it took to accept, which goes on to the CRM.
 */
class MqlToSqlJourneyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final CrmReceiver CRM = CrmReceiver.start();
    static TwoServices services;

    @BeforeAll
    static void start() {
        services = new TwoServices("journey", "--handraiser.handoff.crm.url=" + CRM.url(), "--handraiser.handoff.crm.secret=journey-crm-secret-0123",
                                   "--handraiser.handoff.crm.poll-interval=50ms");
    }

    @AfterAll
    static void stop() {
        services.close();
        CRM.close();
    }

    @Test
    void anMqlMarkedInContactServiceIsAcceptedFromTheRepsInboxAndTheHandoffClosesWithItsTimeToAccept() {
        Api contacts = services.contactApi();
        Api handoffs = services.handoffApi();
        HttpResponse<String> rep = handoffs.put("/api/reps/ana", "admin", "{\"name\":\"Ana\",\"territories\":[\"SE\"],\"tiers\":[\"A\"],\"capacity\":10}");
        assertThat(rep.statusCode()).as(rep.body()).isEqualTo(200);
        HttpResponse<String> captured = contacts.post("/api/contacts", "automation",
                "{\"email\":\"lena-" + UUID.randomUUID() + "@acme.se\",\"firstName\":\"Lena\",\"lastName\":\"Lind\",\"company\":\"Acme AB\","
                + "\"industry\":\"Software\",\"country\":\"SE\",\"source\":{\"system\":\"hubspot\"}}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        String contact = JSON.readTree(captured.body()).path("id").asText();
        // routing reads the contact's country from handoff-service's contact cards, which may lag an MQL marked the same instant
        await().atMost(Duration.ofSeconds(30)).until(() -> services.handoff.getBean(ContactCards.class).find(ContactId.of(contact)).isPresent());

        HttpResponse<String> marked = contacts.post("/api/contacts/" + contact + "/mql", "marketing", "{\"tier\":\"A\",\"reason\":\"asked for a demo at the fair\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);

        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> inbox(handoffs, "ana"), items -> items.size() == 1).get(0);
        assertThat(item.path("contactId").asText()).isEqualTo(contact);
        assertThat(item.path("contact").path("lastName").asText()).isEqualTo("Lind");
        assertThat(item.path("tier").asText()).isEqualTo("A");
        assertThat(item.path("sla").asText()).isEqualTo("ON_TRACK");
        String handoff = item.path("handoffId").asText();

        HttpResponse<String> accepted = contacts.post("/api/contacts/" + contact + "/sql", "sales", "ana", "{\"note\":\"budget confirmed\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(handoffs, "ana").isEmpty());
        EventStore log = services.handoff.getBean(EventStore.class);
        HandoffClosed closed = await().atMost(Duration.ofSeconds(30)).until(() -> closedEvent(log, handoff), found -> found != null);
        assertThat(closed.outcome()).isEqualTo(HandoffOutcome.ACCEPTED);
        assertThat(closed.assignee()).isEqualTo("ana");
        assertThat(closed.openFor()).isPositive().isLessThan(Duration.ofMinutes(1));
        assertThat(closed.withinSla()).isTrue();
        assertThat(JSON.readTree(contacts.get("/api/contacts/" + contact, "sales").body()).path("stage").asText()).isEqualTo("SQL");

        CrmReceiver.Received webhook = await().atMost(Duration.ofSeconds(30)).until(() -> CRM.receivedFor(contact), all -> !all.isEmpty()).get(0);
        JsonNode trail = JSON.readTree(webhook.body()).path("qualification");
        assertThat(trail.path("assignee").asText()).isEqualTo("ana");
        assertThat(Duration.parse(trail.path("timeToAccept").asText())).isEqualTo(closed.openFor());
    }

    private static JsonNode inbox(Api handoffs, String rep) {
        HttpResponse<String> response = handoffs.get("/api/inbox", "sales", rep);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HandoffClosed closedEvent(EventStore log, String handoff) {
        return log.readEvents(HandoffId.of(handoff).toString()).asStream().map(event -> event.getPayload())
                  .filter(HandoffClosed.class::isInstance).map(HandoffClosed.class::cast).findFirst().orElse(null);
    }
}
