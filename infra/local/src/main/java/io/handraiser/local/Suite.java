package io.handraiser.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Handraiser's services as processes of this machine, each from its runnable jar: started with the settings every
 * instance shares plus its own, waited on until healthy, stopped (or killed) one by one or all at once. The launcher
 * runs the suite with it, the end-to-end and reliability tests run it the same way.
 * <p>
 * Once stopping everything has begun no new process starts, so Ctrl-C while the suite is still starting leaves
 * nothing running behind it.
 */
public final class Suite implements AutoCloseable {

    public record Service(String name, int port) {
        public Path jar(Path root) {
            return root.resolve(name).resolve("target").resolve(name + "-exec.jar");
        }

        public boolean isGateway() {
            return name.equals("gateway");
        }
    }

    /** The services on their default ports, the gateway last: it is the door, opened when the rooms are ready. */
    public static final List<Service> SERVICES = List.of(new Service("contact-service", 8081),
                                                         new Service("scoring-service", 8082),
                                                         new Service("handoff-service", 8083),
                                                         new Service("reporting-service", 8084),
                                                         new Service("gateway", 8080));

    /**
     * One process of a service; several instances of a service differ in name and port.
     *
     * @param environment this instance's own settings, over the suite's
     */
    public record Instance(Service service, String name, int port, Map<String, String> environment) {
        public Instance(Service service) {
            this(service, service.name(), service.port(), Map.of());
        }

        public URI url() {
            return URI.create("http://localhost:" + port);
        }
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STARTUP_NOTICE = Duration.ofSeconds(30);

    private final Path root;
    private final Path logs;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private boolean stopping;

    /**
     * @param root        the repository, where each service's jar is built
     * @param logs        where each instance's output goes, one file per instance name, appended to
     * @param jvmOptions  for every instance's JVM
     * @param environment for every instance (MongoDB, token secret, ...)
     */
    public Suite(Path root, Path logs, List<String> jvmOptions, Map<String, String> environment) throws IOException {
        this.root = root;
        this.logs = Files.createDirectories(logs);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
    }

    public Path log(Instance instance) {
        return logs.resolve(instance.name() + ".log");
    }

    public synchronized Process start(Instance instance) throws IOException {
        if (stopping) {
            throw new IllegalStateException("the suite is stopping");
        }
        Process previous = running.get(instance.name());
        if (previous != null && previous.isAlive()) {
            throw new IllegalStateException(instance.name() + " is running already");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(instance.service().jar(root).toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(instance.port()));
        builder.environment().putAll(instance.environment());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(instance).toFile()));
        Process process = builder.start();
        running.put(instance.name(), process);
        return process;
    }

    /** @param progress told every half minute that the wait goes on, so a slow start does not look like a hang */
    public void awaitHealthy(Instance instance, Duration timeout, Runnable progress) throws InterruptedException {
        Process process = process(instance);
        URI health = URI.create("http://127.0.0.1:" + instance.port() + "/actuator/health");
        Instant deadline = Instant.now().plus(timeout);
        Instant nextNotice = Instant.now().plus(STARTUP_NOTICE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(instance.name() + " stopped while starting (exit " + process.exitValue() + "); see "
                                                + log(instance));
            }
            if (isUp(health)) {
                return;
            }
            if (Instant.now().isAfter(nextNotice)) {
                progress.run();
                nextNotice = Instant.now().plus(STARTUP_NOTICE);
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(instance.name() + " was not healthy within " + timeout + "; see " + log(instance));
    }

    public void awaitHealthy(Instance instance, Duration timeout) throws InterruptedException {
        awaitHealthy(instance, timeout, () -> { });
    }

    public boolean isUp(Instance instance) throws InterruptedException {
        return isUp(URI.create("http://127.0.0.1:" + instance.port() + "/actuator/health"));
    }

    private boolean isUp(URI health) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                                                       HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** As Ctrl-C or an orchestrator would: the instance shuts down in order, releasing what it holds. */
    public void stop(Instance instance) throws InterruptedException {
        Process process = process(instance);
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** As a crash would: SIGKILL, no shutdown hook runs, nothing is released. */
    public void kill(Instance instance) throws InterruptedException {
        Process process = process(instance);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public synchronized boolean stopping() {
        return stopping;
    }

    private synchronized Process process(Instance instance) {
        Process process = running.get(instance.name());
        if (process == null) {
            throw new IllegalStateException(instance.name() + " was never started");
        }
        return process;
    }

    /** Every process at once, with one deadline for all: a service still starting may not stop on request at all. */
    @Override
    public void close() {
        List<Process> processes;
        synchronized (this) {
            stopping = true;
            processes = List.copyOf(running.values());
        }
        processes.forEach(Process::destroy);
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        for (Process process : processes) {
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
