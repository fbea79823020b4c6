package io.handraiser.reporting.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffEvent;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.handoff.HandoffOpened;
import io.handraiser.contract.handoff.HandoffReassigned;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.contract.shared.Actor;
import io.handraiser.reporting.generation.FactKind;
import io.handraiser.reporting.generation.Generation;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an event into the facts reports are computed from, and writes them. Shared by the live projection and
 * the rebuild, so both produce exactly the same documents.
 * <p>
 * Every write is idempotent and order-insensitive: a contact's or handoff's steps are a map keyed by the event's
 * sequence number ({@code steps.e7}), set by upsert, and a decision is inserted once under its event id. A
 * redelivered event rewrites the same value, and two writers (the live projection and a rebuild) may apply one
 * contact's events in any interleaving and still leave the same document; reports sort the steps by sequence.
 * <p>
 * Only anonymous facts are kept: ids, stages, times, sources, campaigns, tiers, model versions, actors, structured
 * reasons and scores. No email, name or note is ever read out of an event, and a signal's {@code detail} (what
 * matched, possibly a URL or a job title) is left out of the evidence, so erasing a contact needs nothing here.
 */
public final class Facts {

    /** The events reports are made of; every other event is skipped without being deserialized. */
    public static final Set<Class<?>> HANDLED = Set.of(ContactCaptured.class, MarkedMQL.class, AcceptedAsSQL.class,
                                                       ReturnedToNurture.class, ContactDisqualified.class, ContactRequalified.class,
                                                       LifecycleStageAdvanced.class, HandoffOpened.class, HandoffReassigned.class,
                                                       HandoffEscalated.class, HandoffExpired.class, HandoffClosed.class,
                                                       LeadScoreChanged.class);

    /** The contact field holding its latest score under any model; {@link #scoreField} for one model version. */
    public static final String LATEST_SCORE = "scores.latest";

    /** The decision types of the audit: the event names. */
    public static final Set<String> DECISION_TYPES = Set.of("MarkedMQL", "AcceptedAsSQL", "ReturnedToNurture", "ContactDisqualified",
                                                            "ContactRequalified", "LifecycleStageAdvanced");

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private Facts() {
    }

    /** The writes {@code payload} causes; none for an event reports do not use. */
    public static List<FactWrite> writesFor(Object payload, long sequence, String eventId) {
        List<FactWrite> writes = new ArrayList<>(2);
        if (payload instanceof ContactEvent event) {
            Document step = contactStep(event, sequence);
            if (step != null) {
                List<Bson> updates = new ArrayList<>();
                updates.add(Updates.set("steps.e" + sequence, step));
                if (event instanceof ContactCaptured captured) {
                    updates.add(Updates.set("source", captured.source() == null ? null : captured.source().system()));
                    updates.add(Updates.set("campaign", captured.source() == null ? null : captured.source().campaign()));
                    updates.add(Updates.set("capturedAt", date(captured.at())));
                }
                writes.add(upsert(FactKind.CONTACTS, event.contactId().toString(), Updates.combine(updates)));
            }
            Document decision = decision(event, sequence);
            if (decision != null) {
                writes.add(upsert(FactKind.DECISIONS, eventId, new Document("$setOnInsert", decision)));
            }
        } else if (payload instanceof HandoffEvent event) {
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.set("steps.e" + sequence, handoffStep(event, sequence)));
            if (event instanceof HandoffOpened opened) {
                updates.add(Updates.set("contactId", opened.contactId().toString()));
                updates.add(Updates.set("tier", opened.tier() == null ? null : opened.tier().name()));
                updates.add(Updates.set("openedAt", date(opened.at())));
                updates.add(Updates.set("dueAt", date(opened.dueAt())));
            }
            writes.add(upsert(FactKind.HANDOFFS, event.handoffId().toString(), Updates.combine(updates)));
        } else if (payload instanceof LeadScoreChanged score && score.evidence() != null && score.evidence().fit() != null
                   && score.evidence().engagement() != null) {
            String value = ScoreFact.encode(sequence, score.at(), score.evidence().fit(), score.evidence().engagement(),
                                            score.tier() == null ? null : score.tier().name());
            writes.add(upsert(FactKind.CONTACTS, score.contactId().toString(),
                              Updates.combine(Updates.max(LATEST_SCORE, value), Updates.max(scoreField(score.modelVersion()), value))));
        }
        return writes;
    }

    /**
     * Where a contact's latest score under {@code modelVersion} is kept. A version is a short token in practice
     * ("3"); anything outside {@code [A-Za-z0-9_-]} is replaced so that no version can name another field.
     */
    public static String scoreField(String modelVersion) {
        String version = modelVersion == null ? "" : modelVersion.replaceAll("[^A-Za-z0-9_-]", "_");
        return "scores.v_" + version;
    }

    /** Applies {@code writes} to {@code generation}, one unordered bulk write per collection. */
    public static void apply(Generation generation, List<FactWrite> writes) {
        Map<FactKind, List<WriteModel<Document>>> byKind = new EnumMap<>(FactKind.class);
        for (FactWrite write : writes) {
            byKind.computeIfAbsent(write.kind(), kind -> new ArrayList<>()).add(write.model());
        }
        byKind.forEach((kind, models) -> bulkWrite(generation, kind, models));
    }

    /**
     * Two writers upserting one new document at once (the live projection and a rebuild) can lose the race on
     * {@code _id}; the loser's write then matches the winner's document, so retrying the refused ones settles it.
     */
    private static void bulkWrite(Generation generation, FactKind kind, List<WriteModel<Document>> models) {
        try {
            generation.collection(kind).bulkWrite(models, UNORDERED);
        } catch (MongoBulkWriteException failure) {
            List<WriteModel<Document>> retry = new ArrayList<>();
            for (BulkWriteError error : failure.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw failure;
                }
                retry.add(models.get(error.getIndex()));
            }
            generation.collection(kind).bulkWrite(retry, UNORDERED);
        }
    }

    private static FactWrite upsert(FactKind kind, String id, Bson update) {
        return new FactWrite(kind, new UpdateOneModel<>(Filters.eq("_id", id), update, UPSERT));
    }

    private static Document contactStep(ContactEvent event, long sequence) {
        Document step = new Document("seq", sequence).append("at", date(event.at()));
        if (event instanceof ContactCaptured captured) {
            step.append("type", StepType.CAPTURED.name()).append("stage", name(captured.stage()));
        } else if (event instanceof MarkedMQL mql) {
            step.append("type", StepType.MQL.name()).append("stage", Stage.MQL.name()).append("from", name(mql.from()))
                .append("tier", mql.tier().name()).append("model", mql.actor().modelVersion())
                .append("fit", mql.evidence() == null ? null : mql.evidence().fit())
                .append("engagement", mql.evidence() == null ? null : mql.evidence().engagement());
        } else if (event instanceof AcceptedAsSQL) {
            step.append("type", StepType.SQL.name()).append("stage", Stage.SQL.name());
        } else if (event instanceof ReturnedToNurture returned) {
            step.append("type", StepType.RETURNED.name()).append("stage", Stage.LEAD.name()).append("from", name(returned.from()))
                .append("reason", returned.reason().name());
        } else if (event instanceof ContactDisqualified disqualified) {
            step.append("type", StepType.DISQUALIFIED.name()).append("reason", disqualified.reason().name());
        } else if (event instanceof ContactRequalified) {
            step.append("type", StepType.REQUALIFIED.name());
        } else if (event instanceof LifecycleStageAdvanced advanced) {
            step.append("type", StepType.ADVANCED.name()).append("stage", name(advanced.to())).append("from", name(advanced.from()));
        } else {
            return null;
        }
        return step.append("actorKind", event.actor().kind().name()).append("actorId", event.actor().id());
    }

    private static Document decision(ContactEvent event, long sequence) {
        String type = event.getClass().getSimpleName();
        if (!DECISION_TYPES.contains(type)) {
            return null;
        }
        Document decision = new Document("key", DecisionKey.of(event.at(), event.contactId().toString(), sequence))
                .append("contactId", event.contactId().toString())
                .append("seq", sequence)
                .append("type", type)
                .append("at", date(event.at()))
                .append("actor", actor(event.actor()));
        if (event instanceof MarkedMQL mql) {
            decision.append("from", name(mql.from())).append("to", Stage.MQL.name()).append("tier", mql.tier().name())
                    .append("reason", mql.reason()).append("evidence", evidence(mql.evidence()));
        } else if (event instanceof AcceptedAsSQL) {
            decision.append("from", Stage.MQL.name()).append("to", Stage.SQL.name());
        } else if (event instanceof ReturnedToNurture returned) {
            decision.append("from", name(returned.from())).append("to", Stage.LEAD.name()).append("reason", returned.reason().name());
        } else if (event instanceof ContactDisqualified disqualified) {
            decision.append("reason", disqualified.reason().name());
        } else if (event instanceof ContactRequalified requalified) {
            decision.append("reason", requalified.reason());
        } else if (event instanceof LifecycleStageAdvanced advanced) {
            decision.append("from", name(advanced.from())).append("to", name(advanced.to())).append("reason", advanced.reason());
        }
        return decision;
    }

    private static Document handoffStep(HandoffEvent event, long sequence) {
        Document step = new Document("seq", sequence).append("at", date(event.at()));
        if (event instanceof HandoffOpened opened) {
            step.append("type", "OPENED").append("assignee", opened.assignee());
        } else if (event instanceof HandoffReassigned reassigned) {
            step.append("type", "REASSIGNED").append("assignee", reassigned.to());
        } else if (event instanceof HandoffEscalated escalated) {
            step.append("type", "ESCALATED").append("assignee", escalated.to());
        } else if (event instanceof HandoffExpired) {
            step.append("type", "EXPIRED");
        } else if (event instanceof HandoffClosed closed) {
            step.append("type", "CLOSED").append("assignee", closed.assignee()).append("outcome", closed.outcome().name())
                .append("reason", closed.reason()).append("withinSla", closed.withinSla())
                .append("openForMillis", closed.openFor() == null ? null : closed.openFor().toMillis());
        }
        return step;
    }

    private static Document actor(Actor actor) {
        return new Document("kind", actor.kind().name()).append("id", actor.id()).append("modelVersion", actor.modelVersion());
    }

    private static Document evidence(Evidence evidence) {
        if (evidence == null) {
            return null;
        }
        List<Document> signals = evidence.signals().stream()
                                         .map(signal -> new Document("rule", signal.rule()).append("points", signal.points()))
                                         .toList();
        return new Document("score", evidence.score()).append("fit", evidence.fit()).append("engagement", evidence.engagement())
                                                      .append("signals", signals);
    }

    private static String name(Stage stage) {
        return stage == null ? null : stage.name();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
