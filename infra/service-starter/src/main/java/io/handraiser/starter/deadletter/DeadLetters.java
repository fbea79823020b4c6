package io.handraiser.starter.deadletter;

import com.mongodb.client.MongoCollection;
import io.handraiser.starter.web.ProblemAdvice;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEntry;
import org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEventEntry;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEntry.indexSortAscending;
import static org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEntry.processingGroupAndSequenceIdentifierFilter;
import static org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEntry.processingGroupFilter;
import static org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEntry.sequenceIdentifierIterator;

/**
 * The dead-letter queues of this service's processing groups, for an operator: what is parked and why, and a way to
 * put it through the handlers again once the cause is fixed, or to give it up.
 * <p>
 * Letters are read straight from the queue's documents rather than through Axon's queue, which deserializes every
 * letter's event, tracking token and diagnostics: a letter that cannot be read back must still be shown, since it is
 * likely the one that needs looking at. Retries go through the group's own dead-letter processor, which runs the
 * group's handlers and interceptors and keeps a sequence's letters in order.
 */
public class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final MongoCollection<Document> letters;
    private final Serializer serializer;

    /**
     * @param letters    the collection every group's {@code MongoSequencedDeadLetterQueue} writes to
     * @param serializer the serializer the queues wrote diagnostics with
     */
    public DeadLetters(EventProcessingConfiguration processing, MongoCollection<Document> letters, Serializer serializer) {
        this.processing = processing;
        this.letters = letters;
        this.serializer = serializer;
    }

    /** The processing groups that dead-letter, in name order; sagas' groups do not. */
    public List<String> groups() {
        return processing.eventProcessors().keySet().stream()
                         .filter(group -> processing.sequencedDeadLetterProcessor(group).isPresent())
                         .sorted()
                         .toList();
    }

    public GroupSummary summary(String group) {
        requireGroup(group);
        return new GroupSummary(group, sequenceIds(group).size(), letters.countDocuments(processingGroupFilter(group)));
    }

    /** Sequences in identifier order after {@code after} (null for the first page), each with its first letters. */
    public SequencePage page(String group, String after, int limit, int lettersPerSequence) {
        GroupSummary summary = summary(group);
        List<String> ids = sequenceIds(group).stream().filter(id -> after == null || id.compareTo(after) > 0).limit(limit).toList();
        List<Sequence> sequences = new ArrayList<>();
        for (String id : ids) {
            List<Letter> first = new ArrayList<>();
            letters.find(processingGroupAndSequenceIdentifierFilter(group, id)).sort(indexSortAscending()).limit(lettersPerSequence)
                   .forEach(document -> first.add(letter(new DeadLetterEntry(document))));
            sequences.add(new Sequence(id, size(group, id), first));
        }
        String next = ids.size() < limit ? null : ids.get(ids.size() - 1);
        return new SequencePage(summary.group(), summary.sequences(), summary.letters(), sequences, next);
    }

    /**
     * Puts each named sequence, or the first {@code limit} sequences of the group, through the group's handlers again,
     * one sequence after the other on the caller's thread. A sequence whose first letter fails again stops there and
     * keeps its letters, with the new cause.
     */
    public RetryReport retry(String group, String onlySequence, int limit) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = requireGroup(group);
        List<String> sequences;
        if (onlySequence != null) {
            requireSequence(group, onlySequence);
            sequences = List.of(onlySequence);
        } else {
            sequences = sequenceIds(group).stream().limit(limit).toList();
        }
        List<SequenceRetry> results = new ArrayList<>();
        for (String sequence : sequences) {
            results.add(retry(group, processor, sequence));
        }
        return RetryReport.of(group, results, sequenceIds(group).size());
    }

    /** Deletes a sequence's letters: the group never handles those events. */
    public long evict(String group, String sequence) {
        requireGroup(group);
        requireSequence(group, sequence);
        return letters.deleteMany(processingGroupAndSequenceIdentifierFilter(group, sequence)).getDeletedCount();
    }

    /** Letters waiting per group. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String group : groups()) {
            counts.put(group, letters.countDocuments(processingGroupFilter(group)));
        }
        return counts;
    }

    private SequenceRetry retry(String group, SequencedDeadLetterProcessor<EventMessage<?>> processor, String sequence) {
        DeadLetterEntry headBefore = head(group, sequence);
        long before = size(group, sequence);
        boolean completed = headBefore != null && processor.process(
                letter -> letter instanceof MongoDeadLetter<?> parked && sequence.equals(parked.sequenceIdentifier()));
        DeadLetterEntry headAfter = head(group, sequence);
        long left = size(group, sequence);
        Outcome outcome;
        if (completed) {
            outcome = Outcome.PROCESSED;
        } else if (headBefore == null || headAfter == null || !touched(headBefore, headAfter)) {
            // taken by another instance's retry, still within its claim, or finished by it
            outcome = Outcome.SKIPPED;
        } else {
            outcome = Outcome.FAILED;
        }
        return new SequenceRetry(sequence, outcome, before, left, outcome == Outcome.FAILED ? cause(headAfter) : null);
    }

    /** A failed retry moves the head on (some letters went through) or stamps it with a new touch and cause. */
    private static boolean touched(DeadLetterEntry before, DeadLetterEntry after) {
        return before.getIndex() != after.getIndex() || !Objects.equals(before.getLastTouched(), after.getLastTouched());
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> requireGroup(String group) {
        return processing.sequencedDeadLetterProcessor(group).orElseThrow(() -> ProblemAdvice.notFound(
                "no processing group '" + group + "' with a dead-letter queue here; there are " + groups()));
    }

    private void requireSequence(String group, String sequence) {
        if (size(group, sequence) == 0) {
            throw ProblemAdvice.notFound("processing group '" + group + "' has no dead letters in sequence '" + sequence + "'");
        }
    }

    private List<String> sequenceIds(String group) {
        return sequenceIdentifierIterator(letters, group).into(new ArrayList<>()).stream().sorted().toList();
    }

    private long size(String group, String sequence) {
        return letters.countDocuments(processingGroupAndSequenceIdentifierFilter(group, sequence));
    }

    private DeadLetterEntry head(String group, String sequence) {
        Document first = letters.find(processingGroupAndSequenceIdentifierFilter(group, sequence)).sort(indexSortAscending()).first();
        return first == null ? null : new DeadLetterEntry(first);
    }

    private Letter letter(DeadLetterEntry entry) {
        DeadLetterEventEntry event = entry.getMessage(EventEntryConfiguration.getDefault());
        SerializedType type = event.getPayload().getType();
        Map<String, ?> diagnostics = serializer.deserialize(entry.getDiagnostics());
        return new Letter(entry.getIndex(), event.getEventIdentifier(), type.getName(), type.getRevision(), event.getTimestamp(),
                          event.getType(), event.getAggregateIdentifier(),
                          event.getAggregateIdentifier() == null ? null : event.getSequenceNumber(),
                          cause(entry), entry.getEnqueuedAt(), entry.getLastTouched(), entry.getProcessingStarted(), diagnostics);
    }

    private static Cause cause(DeadLetterEntry entry) {
        return entry.getCauseType() == null ? null : new Cause(entry.getCauseType(), entry.getCauseMessage());
    }

    /** How many sequences and letters one group holds. */
    public record GroupSummary(String group, long sequences, long letters) {
    }

    /**
     * @param items the page's sequences
     * @param next  the {@code after} of the following page; null on the last
     */
    public record SequencePage(String group, long sequences, long letters, List<Sequence> items, String next) {
    }

    /**
     * The events of one sequence (one aggregate, under the default sequencing policy) that wait, in order.
     *
     * @param sequence the sequence identifier: the contact's, handoff's or other aggregate's id
     * @param size     how many letters the sequence holds; {@code letters} may show fewer
     */
    public record Sequence(String sequence, long size, List<Letter> letters) {
    }

    /**
     * One parked event.
     *
     * @param index             its place in the sequence
     * @param eventType         the payload type as serialized, so it shows even when the class is gone
     * @param eventTime         when the event happened
     * @param aggregateType     null for an event no aggregate applied
     * @param cause             why the handler refused it; null for a letter parked only because an earlier
     *                          letter of its sequence waits
     * @param processingStarted when a retry claimed it; a claim runs out after 30 s
     * @param diagnostics       what the enqueue policy recorded with it
     */
    public record Letter(long index, String eventId, String eventType, String eventRevision, Instant eventTime, String aggregateType,
                         String aggregateId, Long aggregateSequence, Cause cause, Instant enqueuedAt, Instant lastTouched,
                         Instant processingStarted, Map<String, ?> diagnostics) {
    }

    public record Cause(String type, String message) {
    }

    public enum Outcome { PROCESSED, FAILED, SKIPPED }

    /**
     * @param lettersBefore letters of the sequence when the retry began
     * @param lettersLeft   letters still waiting: those from the one that failed again on, or any that arrived meanwhile
     * @param cause         why the letter at the head failed again; null unless FAILED
     */
    public record SequenceRetry(String sequence, Outcome outcome, long lettersBefore, long lettersLeft, Cause cause) {
    }

    /**
     * @param retried       sequences this retry took up, the skipped ones included
     * @param sequencesLeft sequences the group holds after the retry, the failed ones included
     */
    public record RetryReport(String group, int retried, long processed, long failed, long skipped, long sequencesLeft,
                              List<SequenceRetry> sequences) {

        static RetryReport of(String group, List<SequenceRetry> sequences, long sequencesLeft) {
            return new RetryReport(group, sequences.size(), count(sequences, Outcome.PROCESSED), count(sequences, Outcome.FAILED),
                                   count(sequences, Outcome.SKIPPED), sequencesLeft, sequences);
        }

        private static long count(List<SequenceRetry> sequences, Outcome outcome) {
            return sequences.stream().filter(sequence -> sequence.outcome() == outcome).count();
        }
    }
}
