package io.handraiser.reporting.funnel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.handraiser.contract.contact.Stage;
import io.handraiser.reporting.generation.FactKind;
import io.handraiser.reporting.generation.Generation;
import io.handraiser.reporting.projection.StepType;
import org.bson.Document;
import io.handraiser.reporting.projection.ScoreFact;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads contacts' facts from one generation, one document at a time, so a report holds the figures it adds up and
 * never the whole contact base.
 */
final class ContactHistories {

    private ContactHistories() {
    }

    static void forEach(Generation generation, ReportQuery query, Consumer<ContactHistory> consumer) {
        for (Document contact : generation.collection(FactKind.CONTACTS).find(filter(query, null))) {
            consumer.accept(history(contact));
        }
    }

    /**
     * At most {@code budget} contacts in id order after {@code after} (null: from the first), along the
     * {@code _id} index, so a page costs the same wherever it starts.
     *
     * @return the id of the last contact read, or null when the collection ended before the budget did
     */
    static String forEachAfter(Generation generation, ReportQuery query, String after, int budget, Consumer<ContactHistory> consumer) {
        String last = null;
        int read = 0;
        for (Document contact : generation.collection(FactKind.CONTACTS).find(filter(query, after)).sort(Sorts.ascending("_id"))
                                          .limit(budget)) {
            consumer.accept(history(contact));
            last = contact.getString("_id");
            read++;
        }
        return read < budget ? null : last;
    }

    private static Bson filter(ReportQuery query, String after) {
        List<Bson> filters = new ArrayList<>();
        if (after != null) {
            filters.add(Filters.gt("_id", after));
        }
        if (query.source() != null) {
            filters.add(Filters.eq("source", query.source()));
        }
        if (query.campaign() != null) {
            filters.add(Filters.eq("campaign", query.campaign()));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    private static ContactHistory history(Document contact) {
        Document stored = contact.get("steps", Document.class);
        List<Step> steps = new ArrayList<>();
        if (stored != null) {
            for (Object value : stored.values()) {
                steps.add(step((Document) value));
            }
        }
        steps.sort(Comparator.comparingLong(Step::seq));
        Map<String, ScoreFact> scores = new HashMap<>();
        Document storedScores = contact.get("scores", Document.class);
        if (storedScores != null) {
            storedScores.forEach((key, value) -> scores.put(key, ScoreFact.decode((String) value)));
        }
        return new ContactHistory(contact.getString("_id"), contact.getString("source"), contact.getString("campaign"), List.copyOf(steps),
                                  scores);
    }

    private static Step step(Document step) {
        return new Step(((Number) step.get("seq")).longValue(), StepType.valueOf(step.getString("type")),
                        step.getDate("at").toInstant(), stage(step.getString("stage")), stage(step.getString("from")),
                        step.getString("tier"), step.getString("model"), step.getString("actorKind"), step.getString("reason"),
                        step.getInteger("fit"), step.getInteger("engagement"));
    }

    private static Stage stage(String name) {
        return name == null ? null : Stage.valueOf(name);
    }
}
