package io.handraiser.scoring.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scores a replay's contacts on several threads, each with a {@link Replay.Shard} of its own: scoring costs more
 * than reading and decoding together, and one thread alone leaves the decoders waiting. Every event of a contact
 * goes to the same worker, chosen by the contact's id, so the shard puts them in sequence order as a single replay
 * would; the replay's result merges the shards in contact id order, whatever the number of workers.
 * <p>
 * Events are handed over in small batches through bounded queues: a queue per event would cost more than the
 * scoring it spreads, and the bound keeps a slow worker from letting the reader fill the heap.
 */
final class ScoringWorkers implements ContactEventLog.Reader, AutoCloseable {

    private static final int BATCH = 256;
    private static final int BATCHES_AHEAD = 8;
    private static final List<ContactEventLog.Recorded> END = List.of();

    private final List<BlockingQueue<List<ContactEventLog.Recorded>>> queues = new ArrayList<>();
    private final List<List<ContactEventLog.Recorded>> filling = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ScoringWorkers(Replay replay, int workers) {
        for (int i = 0; i < workers; i++) {
            // shards are made here, before any thread starts, as the replay's list of shards is not thread-safe
            Replay.Shard shard = replay.shard();
            BlockingQueue<List<ContactEventLog.Recorded>> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
            queues.add(queue);
            filling.add(new ArrayList<>(BATCH));
            Thread thread = new Thread(() -> score(shard, queue), "evaluation-score-" + (threads.size() + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    @Override
    public void accept(ContactEventLog.Recorded recorded) {
        int worker = Math.floorMod(recorded.event().contactId().hashCode(), queues.size());
        List<ContactEventLog.Recorded> batch = filling.get(worker);
        batch.add(recorded);
        if (batch.size() == BATCH) {
            put(worker, batch);
            filling.set(worker, new ArrayList<>(BATCH));
        }
    }

    /** Waits until every event accepted is scored; the replay may be finished after. */
    void finish() {
        for (int worker = 0; worker < queues.size(); worker++) {
            if (!filling.get(worker).isEmpty()) {
                put(worker, filling.get(worker));
            }
            put(worker, END);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring the replay", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("scoring the replay failed", failure.get());
        }
    }

    /** Stops the workers of a replay abandoned before {@link #finish()}; no-op after it. */
    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }

    private void score(Replay.Shard shard, BlockingQueue<List<ContactEventLog.Recorded>> queue) {
        try {
            for (List<ContactEventLog.Recorded> batch = queue.take(); batch != END; batch = queue.take()) {
                // after a failure the batches are still taken, so that the reader never waits for room in vain
                if (failure.get() == null) {
                    score(shard, batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void score(Replay.Shard shard, List<ContactEventLog.Recorded> batch) {
        try {
            for (ContactEventLog.Recorded recorded : batch) {
                shard.accept(recorded.event(), recorded.sequence());
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private void put(int worker, List<ContactEventLog.Recorded> batch) {
        try {
            queues.get(worker).put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring the replay", e);
        }
    }
}
