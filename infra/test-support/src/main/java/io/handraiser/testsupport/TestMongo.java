package io.handraiser.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way a test gets MongoDB: {@code MONGODB_URI} when set, else a Testcontainers replica set when a
 * Docker engine answers, else the embedded MongoDB-protocol server. The server is started once per JVM and
 * shared; tests isolate themselves by database name ({@link #freshDatabaseName(String)}).
 */
public final class TestMongo {

    public enum Source { MONGODB_URI, TESTCONTAINERS, EMBEDDED }

    private static final AtomicLong databaseCounter = new AtomicLong();
    private static volatile Server server;
    private static volatile MongoClient client;

    private TestMongo() {
    }

    public static String uri() {
        return server().uri();
    }

    public static Source source() {
        return server().source();
    }

    /** A client shared by every test of this JVM; never close it. */
    public static MongoClient client() {
        if (client == null) {
            synchronized (TestMongo.class) {
                if (client == null) {
                    client = MongoClients.create(uri());
                }
            }
        }
        return client;
    }

    public static String freshDatabaseName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + databaseCounter.incrementAndGet();
    }

    public static MongoDatabase freshDatabase(String prefix) {
        return client().getDatabase(freshDatabaseName(prefix));
    }

    /** The URI with a fresh database name as its path, for configuration that takes a URI only. */
    public static String uriWithFreshDatabase(String prefix) {
        String uri = uri();
        int optionsStart = uri.indexOf('?');
        String options = optionsStart < 0 ? "" : uri.substring(optionsStart);
        String withoutOptions = optionsStart < 0 ? uri : uri.substring(0, optionsStart);
        int pathStart = withoutOptions.indexOf('/', withoutOptions.indexOf("://") + 3);
        String hosts = pathStart < 0 ? withoutOptions : withoutOptions.substring(0, pathStart);
        return hosts + "/" + freshDatabaseName(prefix) + options;
    }

    private static Server server() {
        if (server == null) {
            synchronized (TestMongo.class) {
                if (server == null) {
                    server = start();
                }
            }
        }
        return server;
    }

    private static Server start() {
        String configured = System.getenv("MONGODB_URI");
        if (configured != null && !configured.isBlank()) {
            return new Server(configured, Source.MONGODB_URI);
        }
        if (dockerAvailable()) {
            MongoDBContainer container = new MongoDBContainer("mongo:8.0");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-mongo-container-stop"));
            return new Server(container.getReplicaSetUrl("test"), Source.TESTCONTAINERS);
        }
        MongoServer embedded = new MongoServer(new MemoryBackend());
        InetSocketAddress address = embedded.bind();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::shutdownNow, "test-mongo-embedded-stop"));
        return new Server("mongodb://127.0.0.1:" + address.getPort(), Source.EMBEDDED);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }

    private record Server(String uri, Source source) {
    }
}
