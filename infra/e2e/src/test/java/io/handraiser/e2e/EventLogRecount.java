package io.handraiser.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened, counted from the event log alone, independently of every read model: per contact its stage, its
 * engagements and its qualification episodes; per engagement id how often it was recorded; the handoffs opened.
 * Reads the stored documents directly, so none of the services' code takes part in the recount.
 */
final class EventLogRecount {

    private static final String CONTACT_EVENTS = "io.handraiser.contract.contact.";

    /** @param doubleMqls contacts marked MQL a second time without a return to nurture in between */
    record Counts(long events, Map<String, Integer> engagementRecordings, Map<String, String> stages, Map<String, Long> engagements,
                  Map<String, Long> mqls, Map<String, Long> handoffsOpened, List<String> doubleMqls) {

        Map<String, Long> funnel() {
            Map<String, Long> funnel = new TreeMap<>();
            stages.values().forEach(stage -> funnel.merge(stage, 1L, Long::sum));
            return funnel;
        }

        long recordedMoreThanOnce() {
            return engagementRecordings.values().stream().filter(times -> times > 1).count();
        }

        /** Contacts with more handoffs than qualifications: a handoff opened twice for one MQL. */
        List<String> doubledHandoffs() {
            return handoffsOpened.entrySet().stream().filter(opened -> opened.getValue() > mqls.getOrDefault(opened.getKey(), 0L))
                                 .map(Map.Entry::getKey).toList();
        }
    }

    private record Event(String type, long sequence, JsonNode payload) {
    }

    static Counts count(MongoClient mongo) {
        Map<String, List<Event>> contacts = new HashMap<>();
        Map<String, Long> handoffs = new HashMap<>();
        long events = 0;
        for (Document commit : mongo.getDatabase("events").getCollection("commits").find()) {
            List<Document> inCommit = commit.getList("events", Document.class);
            if (inCommit == null) {
                continue;
            }
            for (Document event : inCommit) {
                events++;
                String type = event.getString("payloadType");
                if (type.startsWith(CONTACT_EVENTS)) {
                    contacts.computeIfAbsent(event.getString("aggregateId"), id -> new ArrayList<>())
                            .add(new Event(type.substring(CONTACT_EVENTS.length()), event.get("sequence", Number.class).longValue(),
                                           read(event.getString("payload"))));
                } else if (type.endsWith(".HandoffOpened")) {
                    handoffs.merge(read(event.getString("payload")).path("contactId").asText(), 1L, Long::sum);
                }
            }
        }
        Map<String, Integer> recordings = new HashMap<>();
        Map<String, String> stages = new HashMap<>();
        Map<String, Long> engagements = new HashMap<>();
        Map<String, Long> mqls = new HashMap<>();
        List<String> doubleMqls = new ArrayList<>();
        contacts.forEach((contact, history) -> {
            history.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            String stage = null;
            long engaged = 0;
            long marked = 0;
            boolean inEpisode = false;
            for (Event event : history) {
                switch (event.type()) {
                    case "ContactCaptured" -> stage = event.payload().path("stage").asText();
                    case "EngagementRecorded" -> {
                        engaged++;
                        recordings.merge(event.payload().path("engagementId").asText(), 1, Integer::sum);
                    }
                    case "MarkedMQL" -> {
                        if (inEpisode) {
                            doubleMqls.add(contact);
                        }
                        inEpisode = true;
                        marked++;
                        stage = "MQL";
                    }
                    case "AcceptedAsSQL" -> stage = "SQL";
                    case "ReturnedToNurture" -> {
                        inEpisode = false;
                        stage = "LEAD";
                    }
                    case "LifecycleStageAdvanced" -> stage = event.payload().path("to").asText();
                    default -> {
                    }
                }
            }
            if (stage != null) {
                stages.put(contact, stage);
            }
            engagements.put(contact, engaged);
            if (marked > 0) {
                mqls.put(contact, marked);
            }
        });
        return new Counts(events, recordings, stages, engagements, mqls, handoffs, doubleMqls);
    }

    private static JsonNode read(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
