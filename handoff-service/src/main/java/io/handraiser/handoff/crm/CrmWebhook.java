package io.handraiser.handoff.crm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the recorded deliveries to the CRM: POST of the stored JSON body, signed with HMAC-SHA256 under the
 * shared secret ({@value #SIGNATURE}: {@code sha256=<lower-case hex>} over the raw body bytes) and named by
 * {@value #DELIVERY}, the same on every try, so the receiver can drop a repeat. Any 2xx delivers; anything else,
 * or no answer in time, is tried again after an exponentially growing wait, and after the last try the delivery
 * is a dead letter until an admin replays it. Runs only when a CRM url is configured.
 */
@Component
public class CrmWebhook implements SmartLifecycle {

    public static final String SIGNATURE = "X-Handraiser-Signature";
    public static final String DELIVERY = "X-Handraiser-Delivery";
    private static final Logger log = LoggerFactory.getLogger(CrmWebhook.class);
    private static final String HMAC = "HmacSHA256";
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final CrmProperties properties;
    private final CrmDeliveries deliveries;
    private final Clock clock;
    private final Counter delivered;
    private final Counter retried;
    private final Counter dead;
    private HttpClient http;
    private ScheduledExecutorService poller;
    private volatile boolean running;

    public CrmWebhook(CrmProperties properties, CrmDeliveries deliveries, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.clock = clock;
        this.delivered = outcome(meters, "delivered", "deliveries the CRM accepted");
        this.retried = outcome(meters, "retried", "failed tries that will be tried again");
        this.dead = outcome(meters, "dead", "deliveries given up after the last try: dead letters");
    }

    private static Counter outcome(MeterRegistry meters, String outcome, String description) {
        return Counter.builder("handraiser.crm.deliveries").tag("outcome", outcome).description(description).register(meters);
    }

    @Override
    public void start() {
        running = true;
        if (!properties.enabled()) {
            log.info("No handraiser.handoff.crm.url: accepted SQLs are not handed on to a CRM");
            return;
        }
        http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "crm-webhook");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::sendDue, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A try cut short here keeps its lease and is tried again once the lease runs out, here or on another instance. */
    @Override
    public void stop() {
        running = false;
        if (poller == null) {
            return;
        }
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
    public boolean isRunning() {
        return running;
    }

    private void sendDue() {
        try {
            Document due;
            while (running && (due = deliveries.claimNextDue(properties.lease())) != null) {
                send(due);
            }
        } catch (RuntimeException e) {
            log.warn("Looking for due CRM deliveries failed; trying again in {}", properties.pollInterval(), e);
        }
    }

    private void send(Document delivery) {
        String id = delivery.getString("_id");
        String body = delivery.getString(CrmDeliveries.BODY);
        int attempt = delivery.getInteger(CrmDeliveries.ATTEMPTS);
        Integer status = null;
        String failure;
        try {
            HttpRequest request = HttpRequest.newBuilder(properties.endpoint())
                                             .timeout(properties.requestTimeout())
                                             .header("Content-Type", "application/json")
                                             .header(DELIVERY, id)
                                             .header(SIGNATURE, "sha256=" + sign(body))
                                             .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                             .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                deliveries.delivered(delivery, status);
                delivered.increment();
                return;
            }
            failure = "the CRM answered " + status;
        } catch (IOException e) {
            failure = "no answer from the CRM: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= properties.attempts()) {
            deliveries.dead(delivery, status, failure);
            dead.increment();
            log.warn("CRM delivery {} failed on its last try ({} of {}): {}; it is a dead letter until replayed", id, attempt,
                     properties.attempts(), failure);
        } else {
            Duration wait = properties.delayAfter(attempt);
            deliveries.retryAt(delivery, clock.instant().plus(wait), status, failure);
            retried.increment();
            log.info("CRM delivery {} failed on try {} of {}: {}; trying again in {}", id, attempt, properties.attempts(), failure, wait);
        }
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), HMAC));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK; this one lacks it", e);
        }
    }
}
