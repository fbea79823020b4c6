package io.handraiser.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.handraiser.testsupport.TestMongo;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A slow writer without a seam in the engine: a client whose command listener holds one thread's insert into
 * the commit log after the engine has chosen its position, until the test lets it go.
 */
final class HeldInsert implements CommandListener, AutoCloseable {

    private final CountDownLatch reachedInsert = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final MongoClient client;
    private volatile Thread heldThread;

    HeldInsert() {
        client = MongoClients.create(MongoClientSettings.builder()
                                                       .applyConnectionString(new ConnectionString(TestMongo.uri()))
                                                       .addCommandListener(this)
                                                       .build());
    }

    MongoClient client() {
        return client;
    }

    void hold(Thread thread) {
        heldThread = thread;
    }

    void awaitHeld() throws InterruptedException {
        if (!reachedInsert.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the held writer never reached its insert");
        }
    }

    void release() {
        heldThread = null;
        released.countDown();
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        boolean commitInsert = "insert".equals(event.getCommandName())
                && "commits".equals(event.getCommand().getString("insert").getValue());
        if (commitInsert && Thread.currentThread() == heldThread) {
            reachedInsert.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        release();
        client.close();
    }
}
