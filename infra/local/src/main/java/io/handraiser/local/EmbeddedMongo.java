package io.handraiser.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default: a MongoDB-protocol server whose data lives in one H2 file, so contacts and the event log
 * survive a restart of the suite. H2 writes its store about once a second; the embedded server is for running
 * Handraiser on one machine, a real MongoDB (MONGODB_URI) is for keeping data that matters.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;
    private final String uri;

    private EmbeddedMongo(MongoServer server, H2Backend backend, String uri) {
        this.server = server;
        this.backend = backend;
        this.uri = uri;
    }

    public static EmbeddedMongo start(Path dataDirectory, int port) throws java.io.IOException {
        Files.createDirectories(dataDirectory);
        H2Backend backend = new IndexedH2Backend(dataDirectory.resolve("mongo.mv").toString());
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        return new EmbeddedMongo(server, backend, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }
}
