package io.handraiser.starter.deadline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Deadlines kept in the service's MongoDB database, so a reminder or an SLA expiry scheduled before a restart still
 * fires after it. Axon's persistent deadline managers need Quartz, JobRunr or db-scheduler on a JDBC or a
 * transactional store; none of them is made for the embedded server or for MongoDB without transactions.
 * <p>
 * Each deadline is one document. Any instance of the service may fire it: a poller claims a due deadline with a
 * lease ({@code findOneAndUpdate}, atomic on one document), fires it, and deletes it. An instance that dies while
 * firing leaves a lease that runs out, and another instance fires the deadline again: delivery is at least once,
 * so deadline handlers must be idempotent, as event handlers already are. A deadline no component can take yet
 * (the sagas are still starting) is kept and retried, never dropped.
 */
public class MongoDeadlineManager extends AbstractDeadlineManager {

    public static final String COLLECTION = "deadlines";

    private static final Logger log = LoggerFactory.getLogger(MongoDeadlineManager.class);
    private static final String NAME = "name";
    private static final String SCOPE = "scope";
    private static final String SCOPE_TYPE = "scopeType";
    private static final String PAYLOAD = "payload";
    private static final String PAYLOAD_TYPE = "payloadType";
    private static final String PAYLOAD_REVISION = "payloadRevision";
    private static final String META_DATA = "metaData";
    private static final String MESSAGE_ID = "messageId";
    private static final String DUE = "due";
    private static final String LEASED_UNTIL = "leasedUntil";
    private static final String ATTEMPTS = "attempts";
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final MongoCollection<Document> deadlines;
    private final Supplier<ScopeAwareProvider> scopes;
    private final Serializer serializer;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final ScheduledExecutorService poller;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * @param scopes       supplies the sagas and aggregates deadlines fire into; a supplier because they are
     *                     configured after this manager
     * @param pollInterval how often due deadlines are looked for; a deadline fires at most this late
     * @param lease        how long one attempt may take before another instance may fire the deadline again
     */
    public MongoDeadlineManager(MongoDatabase database, Supplier<ScopeAwareProvider> scopes, Serializer serializer, Clock clock,
                                Duration pollInterval, Duration lease) {
        this.deadlines = database.getCollection(COLLECTION);
        this.scopes = scopes;
        this.serializer = serializer;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
        deadlines.createIndex(Indexes.ascending(DUE), new IndexOptions().name(DUE));
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts firing; call it once the application is ready (the auto-configuration does, on
     * {@code ApplicationReadyEvent}). Earlier, a deadline that fell due while the service was down could fire before
     * Axon has subscribed the command handlers its saga sends to, and would wait out its whole lease to fire again.
     */
    public void start() {
        if (started.compareAndSet(false, true)) {
            poller.scheduleWithFixedDelay(this::fireDueDeadlines, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Lets a deadline being fired finish briefly, then interrupts it: an interrupted firing rolls back and fires
     * again once its lease runs out, so stopping never waits on a database that is itself going away.
     */
    @Override
    public void shutdown() {
        poller.shutdown();
        try {
            if (!poller.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                poller.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> message = processDispatchInterceptors(
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime));
        String scheduleId = UUID.randomUUID().toString();
        SerializedObject<String> scope = serializer.serialize(deadlineScope, String.class);
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        Document deadline = new Document("_id", scheduleId)
                .append(NAME, deadlineName)
                .append(SCOPE_TYPE, scope.getType().getName())
                .append(SCOPE, scope.getData())
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData())
                .append(MESSAGE_ID, message.getIdentifier())
                .append(DUE, Date.from(triggerDateTime))
                .append(LEASED_UNTIL, new Date(0))
                .append(ATTEMPTS, 0);
        runOnPrepareCommitOrNow(() -> deadlines.insertOne(deadline));
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> deadlines.deleteOne(Filters.and(Filters.eq("_id", scheduleId), Filters.eq(NAME, deadlineName))));
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> deadlines.deleteMany(Filters.eq(NAME, deadlineName)));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        String serializedScope = serializer.serialize(scope, String.class).getData();
        runOnPrepareCommitOrNow(() -> deadlines.deleteMany(Filters.and(Filters.eq(NAME, deadlineName), Filters.eq(SCOPE, serializedScope))));
    }

    /** How many deadlines wait to fire, for health and tests. */
    public long pending() {
        return deadlines.countDocuments();
    }

    private void fireDueDeadlines() {
        try {
            Document due;
            while (!poller.isShutdown() && (due = claimNextDue()) != null) {
                if (fire(due)) {
                    deadlines.deleteOne(Filters.and(Filters.eq("_id", due.get("_id")), Filters.eq(LEASED_UNTIL, due.get(LEASED_UNTIL))));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Looking for due deadlines failed; trying again in {}", pollInterval, e);
        }
    }

    private Document claimNextDue() {
        Date now = Date.from(clock.instant());
        return deadlines.findOneAndUpdate(Filters.and(Filters.lte(DUE, now), Filters.lte(LEASED_UNTIL, now)),
                                          Updates.combine(Updates.set(LEASED_UNTIL, Date.from(clock.instant().plus(lease))),
                                                          Updates.inc(ATTEMPTS, 1)),
                                          new FindOneAndUpdateOptions().sort(Sorts.ascending(DUE)).returnDocument(ReturnDocument.AFTER));
    }

    /** @return true when the deadline reached its handler and the handler succeeded */
    private boolean fire(Document due) {
        String name = due.getString(NAME);
        try {
            ScopeDescriptor scope = serializer.deserialize(new SimpleSerializedObject<>(
                    due.getString(SCOPE), String.class, new SimpleSerializedType(due.getString(SCOPE_TYPE), null)));
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(
                    due.getString(PAYLOAD), String.class, new SimpleSerializedType(due.getString(PAYLOAD_TYPE), due.getString(PAYLOAD_REVISION))));
            MetaData metaData = serializer.deserialize(new SimpleSerializedObject<>(
                    due.getString(META_DATA), String.class, serializer.typeForClass(MetaData.class)));
            DeadlineMessage<Object> message = new GenericDeadlineMessage<>(name, due.getString(MESSAGE_ID), payload, metaData,
                                                                           due.getDate(DUE).toInstant());
            List<ScopeAware> receivers = scopes.get().provideScopeAwareStream(scope).filter(receiver -> receiver.canResolve(scope)).toList();
            if (receivers.isEmpty()) {
                log.info("Deadline {} ({}) has no receiver for {} yet; it stays and is tried again", name, due.get("_id"), scope.scopeDescription());
                return false;
            }
            DefaultUnitOfWork<DeadlineMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
            DefaultInterceptorChain<DeadlineMessage<?>> chain = new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors(), deadline -> {
                for (ScopeAware receiver : receivers) {
                    receiver.send(deadline, scope);
                }
                return null;
            });
            ResultMessage<?> result = unitOfWork.executeWithResult(chain::proceed, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                log.warn("Deadline {} ({}) failed on attempt {}; it fires again after its lease", name, due.get("_id"), due.get(ATTEMPTS),
                         result.exceptionResult());
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("Deadline {} ({}) could not be fired on attempt {}; it fires again after its lease", name, due.get("_id"),
                     due.get(ATTEMPTS), e);
            return false;
        }
    }
}
