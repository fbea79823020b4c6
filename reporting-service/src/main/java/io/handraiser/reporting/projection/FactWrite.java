package io.handraiser.reporting.projection;

import com.mongodb.client.model.WriteModel;
import io.handraiser.reporting.generation.FactKind;
import org.bson.Document;

/** One idempotent write an event causes in one collection of a generation. */
public record FactWrite(FactKind kind, WriteModel<Document> model) {
}
