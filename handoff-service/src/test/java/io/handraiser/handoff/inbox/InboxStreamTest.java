package io.handraiser.handoff.inbox;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.handoff.EventStream;
import io.handraiser.handoff.HandoffServiceTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /api/inbox/stream over real HTTP: a rep's new and changed handoffs as server-sent events. */
class InboxStreamTest extends HandoffServiceTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void aRepIsSentEachNewAndChangedHandoffOnceInTheInboxListsShape() {
        rep("stream-rep", "{\"name\":\"Sam\",\"territories\":[\"AT\"],\"tiers\":[\"B\"],\"industries\":[\"Software\"],\"capacity\":5}");
        rep("stream-rep-2", "{\"name\":\"Sue\",\"territories\":[\"CH\"],\"capacity\":5}");
        ContactId contact = ContactId.generate();

        try (EventStream stream = api().stream("/api/inbox/stream", "sales", "stream-rep")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            capturedAndMarkedMql(contact, "Huber", "AT", "B", Instant.now().truncatedTo(ChronoUnit.MILLIS));

            EventStream.Event opened = await().atMost(Duration.ofSeconds(20)).until(() -> changesOf(stream, contact), changes -> !changes.isEmpty()).get(0);
            assertThat(opened.name()).isEqualTo("HandoffOpened");
            JsonNode streamed = JSON.readTree(opened.data());
            assertThat(streamed.path("contact").path("lastName").asText()).isEqualTo("Huber");
            assertThat(streamed.path("assignee").asText()).isEqualTo("stream-rep");
            assertThat(streamed).as("the same item GET /api/inbox lists").isEqualTo(inbox("stream-rep").get(0));
            String handoff = streamed.path("handoffId").asText();

            HttpResponse<String> reassigned = api().post("/api/inbox/handoffs/" + handoff + "/reassign", "admin", "{\"to\":\"stream-rep-2\"}");
            assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(200);

            List<EventStream.Event> changes = await().atMost(Duration.ofSeconds(20)).until(() -> changesOf(stream, contact), all -> all.size() >= 2);
            assertThat(changes).extracting(EventStream.Event::name).as("each change once, in order").containsExactly("HandoffOpened", "HandoffReassigned");
            assertThat(changes).extracting(EventStream.Event::id).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith(handoff + ":"));
            assertThat(JSON.readTree(changes.get(1).data()).path("assignee").asText()).as("the handoff left this rep").isEqualTo("stream-rep-2");
            assertThat(inbox("stream-rep").size()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.comments() >= 3);
        }

        await("a closed stream is let go at the next heartbeat").atMost(Duration.ofSeconds(10))
               .until(() -> meters.get("handraiser.inbox.stream.subscribers").gauge().value() == 0);
    }

    @Test
    void anotherRepsChangesStayOffTheStream() {
        rep("quiet-rep", "{\"name\":\"Quinn\",\"territories\":[\"PT\"],\"tiers\":[\"B\"],\"industries\":[\"Software\"],\"capacity\":5}");
        rep("busy-rep", "{\"name\":\"Bo\",\"territories\":[\"ES\"],\"tiers\":[\"B\"],\"industries\":[\"Software\"],\"capacity\":5}");
        ContactId elsewhere = ContactId.generate();
        ContactId mine = ContactId.generate();

        try (EventStream stream = api().stream("/api/inbox/stream", "sales", "quiet-rep")) {
            capturedAndMarkedMql(elsewhere, "Ortega", "ES", "B", Instant.now());
            await().atMost(Duration.ofSeconds(20)).until(() -> inbox("busy-rep").size() == 1);
            capturedAndMarkedMql(mine, "Pereira", "PT", "B", Instant.now());

            await().atMost(Duration.ofSeconds(20)).until(() -> !changesOf(stream, mine).isEmpty());
            assertThat(changesOf(stream, elsewhere)).as("changed before this rep's own, and never sent").isEmpty();
        }
    }

    @Test
    void onlySalesAndAdminsOpenTheStream() {
        try (EventStream marketing = api().stream("/api/inbox/stream", "marketing", "marketer-1")) {
            assertThat(marketing.status()).isEqualTo(403);
            assertThat(marketing.contentType()).contains("problem+json");
        }
        try (EventStream anonymous = api().stream("/api/inbox/stream", null, null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    private static List<EventStream.Event> changesOf(EventStream stream, ContactId contact) {
        return stream.events().stream().filter(event -> JSON.readTree(event.data()).path("contactId").asText().equals(contact.toString())).toList();
    }
}
