package io.handraiser.scoring.evaluation;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool evaluations and calibrations share: each job reads the whole log and keeps a core busy, so a
 * few at a time, and a short queue rather than an ever-growing backlog.
 */
@Component
public class JobExecutor {

    private final ThreadPoolExecutor pool;

    JobExecutor(EvaluationProperties properties) {
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.MILLISECONDS,
                                           new ArrayBlockingQueue<>(properties.queue()), runnable -> {
            Thread thread = new Thread(runnable, "evaluation-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** False when every worker is busy and the queue is full. */
    boolean offer(Runnable job) {
        try {
            pool.execute(job);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
