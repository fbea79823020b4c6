package io.handraiser.reporting.funnel;

import com.mongodb.client.model.Filters;
import io.handraiser.contract.contact.Stage;
import io.handraiser.reporting.generation.FactKind;
import io.handraiser.reporting.generation.Generation;
import io.handraiser.reporting.projection.StepType;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads contacts' facts from one generation, one document at a time, so a report holds the figures it adds up and
 * never the whole contact base.
 */
final class ContactHistories {

    private ContactHistories() {
    }

    static void forEach(Generation generation, ReportQuery query, Consumer<ContactHistory> consumer) {
        List<Bson> filters = new ArrayList<>();
        if (query.source() != null) {
            filters.add(Filters.eq("source", query.source()));
        }
        if (query.campaign() != null) {
            filters.add(Filters.eq("campaign", query.campaign()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        for (Document contact : generation.collection(FactKind.CONTACTS).find(filter)) {
            consumer.accept(history(contact));
        }
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
        return new ContactHistory(contact.getString("_id"), contact.getString("source"), contact.getString("campaign"), List.copyOf(steps));
    }

    private static Step step(Document step) {
        return new Step(((Number) step.get("seq")).longValue(), StepType.valueOf(step.getString("type")),
                        step.getDate("at").toInstant(), stage(step.getString("stage")), stage(step.getString("from")),
                        step.getString("tier"), step.getString("model"), step.getString("actorKind"), step.getString("reason"));
    }

    private static Stage stage(String name) {
        return name == null ? null : Stage.valueOf(name);
    }
}
