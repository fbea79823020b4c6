package io.handraiser.handoff.inbox;

import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffEvent;
import io.handraiser.contract.handoff.HandoffReassigned;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pushes each new or changed handoff to the reps it concerns as a server-sent event, in the inbox list's shape.
 * <p>
 * Every instance follows the event log itself, from its head at start, rather than hooking into the inbox
 * projection: with several instances the projection's segments are spread over them, and a rep's stream lives on
 * one instance only. A change is pushed once the projection shows it (the read model's sequence has reached the
 * event's), so what a rep is sent always matches what {@code GET /api/inbox} answers. Its event id is the handoff
 * and the event's sequence in the handoff's stream: one id per change, the same on every instance.
 * <p>
 * One thread follows the log, pushes and beats the heart, so an emitter is never written by two of our threads.
 */
@Component
public class InboxStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxStream.class);
    private static final int BATCH = 500;
    /** How long a read waits for the log when nothing is pending; a new event ends the wait at once. */
    private static final long IDLE_WAIT_MILLIS = 250;
    /** How soon the read model is asked again when a change waits for it. */
    private static final long PENDING_WAIT_MILLIS = 10;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final EventStore eventStore;
    private final Handoffs handoffs;
    private final InboxItems items;
    private final InboxProperties properties;
    private final Clock clock;
    private final Map<String, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    /** Changes read from the log that the read model does not show yet; the stream thread's alone. */
    private final List<Change> pending = new ArrayList<>();
    private ScheduledExecutorService thread;
    private BlockingStream<TrackedEventMessage<?>> eventLog;
    private TrackingToken position;
    private boolean positioned;
    private volatile boolean running;

    public InboxStream(EventStore eventStore, Handoffs handoffs, InboxItems items, InboxProperties properties, Clock clock,
                       MeterRegistry meters) {
        this.eventStore = eventStore;
        this.handoffs = handoffs;
        this.items = items;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("handraiser.inbox.stream.subscribers", subscribers, open -> open.values().stream().mapToInt(Set::size).sum())
             .description("open inbox streams on this instance")
             .register(meters);
    }

    /** A stream of the rep's changes from now on; the current inbox is {@code GET /api/inbox}. */
    public SseEmitter subscribe(String rep) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        subscribers.compute(rep, (key, emitters) -> {
            Set<SseEmitter> open = emitters == null ? ConcurrentHashMap.newKeySet() : emitters;
            open.add(emitter);
            return open;
        });
        emitter.onCompletion(() -> unsubscribe(rep, emitter));
        emitter.onError(failure -> unsubscribe(rep, emitter));
        // an ended stream is a normal close the client reconnects after, not the 503 an unhandled timeout becomes
        emitter.onTimeout(() -> {
            unsubscribe(rep, emitter);
            emitter.complete();
        });
        // sent at once so the client has the headers, and knows it is subscribed, before the first change
        send(rep, emitter, SseEmitter.event().comment("subscribed"));
        return emitter;
    }

    @Override
    public void start() {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread stream = new Thread(runnable, "inbox-stream");
            stream.setDaemon(true);
            return stream;
        });
        thread.scheduleWithFixedDelay(this::follow, 0, 1, TimeUnit.MILLISECONDS);
        long heartbeat = properties.heartbeat().toMillis();
        thread.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends every stream first, so the web server's graceful shutdown does not wait for connections that never end. */
    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
        subscribers.clear();
        thread.shutdownNow();
        try {
            if (thread.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                closeLog();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        try {
            if (eventLog == null) {
                if (!positioned) {
                    position = eventStore.createHeadToken();
                    positioned = true;
                }
                eventLog = eventStore.openStream(position);
            }
            long wait = pending.isEmpty() ? IDLE_WAIT_MILLIS : PENDING_WAIT_MILLIS;
            int read = 0;
            while (read < BATCH && eventLog.hasNextAvailable(read == 0 ? (int) wait : 0, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> message = eventLog.nextAvailable();
                position = message.trackingToken();
                read++;
                // the type alone decides, so the other services' events are never deserialized (nor decrypted) here
                if (HandoffEvent.class.isAssignableFrom(message.getPayloadType())
                    && message instanceof DomainEventMessage<?> change) {
                    pending.add(new Change((HandoffEvent) change.getPayload(), change.getSequenceNumber(), clock.instant()));
                }
            }
            pushWhatTheInboxShows();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Following the event log for the inbox stream failed; reopening it where it stopped", e);
            closeLog();
        }
    }

    private void pushWhatTheInboxShows() {
        Instant now = clock.instant();
        Iterator<Change> waiting = pending.iterator();
        while (waiting.hasNext()) {
            Change change = waiting.next();
            Document handoff = handoffs.findApplied(change.event().handoffId(), change.sequence()).orElse(null);
            if (handoff != null) {
                waiting.remove();
                push(change, handoff);
            } else if (now.isAfter(change.seenAt().plus(properties.projectionWait()))) {
                waiting.remove();
                log.warn("The inbox read model did not show {} of handoff {} within {}; the stream skips it",
                         change.name(), change.event().handoffId(), properties.projectionWait());
            }
        }
    }

    private void push(Change change, Document handoff) {
        Set<String> reps = new LinkedHashSet<>();
        if (handoff.getString("assignee") != null) {
            reps.add(handoff.getString("assignee"));
        }
        // the rep a handoff left learns it is gone from their inbox
        if (change.previousAssignee() != null) {
            reps.add(change.previousAssignee());
        }
        Map<String, Object> item = items.of(handoff);
        for (String rep : reps) {
            for (SseEmitter emitter : subscribers.getOrDefault(rep, Set.of())) {
                send(rep, emitter, SseEmitter.event().id(change.id()).name(change.name()).data(item, MediaType.APPLICATION_JSON));
            }
        }
    }

    private void heartbeat() {
        subscribers.forEach((rep, emitters) -> emitters.forEach(emitter -> send(rep, emitter, SseEmitter.event().comment("heartbeat"))));
    }

    private void send(String rep, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            // the client went away or the stream has ended; the servlet container completes the request itself
            unsubscribe(rep, emitter);
        }
    }

    private void unsubscribe(String rep, SseEmitter emitter) {
        subscribers.computeIfPresent(rep, (key, emitters) -> {
            emitters.remove(emitter);
            return emitters.isEmpty() ? null : emitters;
        });
    }

    private void closeLog() {
        if (eventLog != null) {
            eventLog.close();
            eventLog = null;
        }
    }

    /** @param sequence the event's place in its handoff's stream */
    private record Change(HandoffEvent event, long sequence, Instant seenAt) {

        String id() {
            return event.handoffId() + ":" + sequence;
        }

        String name() {
            return event.getClass().getSimpleName();
        }

        String previousAssignee() {
            if (event instanceof HandoffEscalated escalated) {
                return escalated.from();
            }
            return event instanceof HandoffReassigned reassigned ? reassigned.from() : null;
        }
    }
}
