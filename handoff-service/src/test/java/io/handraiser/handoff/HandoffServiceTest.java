package io.handraiser.handoff;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.shared.Actor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** handoff-service on MongoDB, fed through the event log the way contact-service feeds it, read over HTTP. */
class HandoffServiceTest extends HandoffServiceTestBase {

    @Test
    void anMqlReachesTheRoutedRepsInboxWithItsEvidenceAndLeavesItWhenAccepted() {
        rep("rep-de", "{\"name\":\"Dora\",\"territories\":[\"de\"],\"tiers\":[\"A\"],\"capacity\":5}");
        rep("rep-any", "{\"name\":\"Any\",\"capacity\":5}");
        ContactId contact = ContactId.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(contact, 0, new ContactCaptured(contact, new Email("greta@example.de"),
                                                new Profile("Greta", "Gruber", "Acme GmbH", "Head of IT", "Software", 300, "DE", null),
                                                Source.of("hubspot"), Stage.LEAD, Actor.person("automation-user"), now));
        awaitCard(contact);
        publish(contact, 1, new MarkedMQL(contact, Stage.LEAD, Tier.of("A"), "score 105", evidence(), SCORING, now));

        JsonNode item = await().atMost(Duration.ofSeconds(20)).until(() -> inbox("rep-de"), items -> items.size() == 1).get(0);
        assertThat(item.get("contactId").asText()).isEqualTo(contact.toString());
        assertThat(item.path("contact").path("lastName").asText()).isEqualTo("Gruber");
        assertThat(item.path("evidence").path("score").asInt()).isEqualTo(105);
        assertThat(item.path("evidence").path("signals").size()).isEqualTo(3);
        assertThat(item.get("sla").asText()).isEqualTo("ON_TRACK");
        assertThat(Duration.between(now, Instant.parse(item.get("dueAt").asText()))).isEqualTo(Duration.ofHours(4));
        assertThat(inbox("rep-any").size()).as("the more specific rep wins").isZero();
        String handoff = item.get("handoffId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingDeadlinesOf(handoff) == 2);

        publish(contact, 2, new AcceptedAsSQL(contact, null, Actor.person("rep-de"), now.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox("rep-de").isEmpty() && pendingDeadlinesOf(handoff) == 0);
    }

    @Test
    void aRepWithBadSettingsIsRefusedFieldByFieldAndOnlyAdminsSetReps() {
        HttpResponse<String> bad = api().put("/api/reps/rep-x", "admin", "{\"territories\":[\"Germany\"],\"capacity\":0}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(bad.body()).contains("name", "territories", "capacity");
        assertThat(api().get("/api/reps/rep-x", "sales").statusCode()).isEqualTo(404);
        assertThat(api().put("/api/reps/rep-x", "sales", "{\"name\":\"X\",\"capacity\":3}").statusCode()).isEqualTo(403);
    }
}
