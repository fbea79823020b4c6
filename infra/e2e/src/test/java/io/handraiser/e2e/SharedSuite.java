package io.handraiser.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One suite (one instance of each service) for every reliability test class in this JVM: starting seven processes
 * costs a minute or more on two cores, and each class leaves the suite as it must find it, recovered. Closed when
 * JUnit closes its root context, after the last class.
 */
final class SharedSuite {

    private SharedSuite() {
    }

    /** For {@code @RegisterExtension}: the suite is there from the class's first test on. */
    static final class Extension implements BeforeAllCallback {
        private SuiteUnderTest suite;

        @Override
        public void beforeAll(ExtensionContext context) {
            suite = get(context);
        }

        SuiteUnderTest suite() {
            return suite;
        }
    }

    static SuiteUnderTest get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                      .getOrComputeIfAbsent(SharedSuite.class, key -> new Resource(start()), Resource.class).suite();
    }

    private static SuiteUnderTest start() {
        try {
            // under target, so that the next clean build removes what a test left behind
            Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "reliability-data");
            return new SuiteUnderTest(data, Map.of(), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Resource(SuiteUnderTest suite) implements AutoCloseable {
        @Override
        public void close() {
            suite.close();
        }
    }
}
