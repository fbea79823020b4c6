package io.handraiser.contact.mautic;

import io.handraiser.starter.web.BadRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Where a Mautic webhook points: {@code POST /api/integrations/mautic/webhook}. No token: Mautic cannot send one.
 * What authenticates a delivery is its {@code Webhook-Signature} over the raw body. Nothing is read from a request
 * that cannot succeed (no secret configured, no signature, a declared length over the limit); the body is read at
 * most up to the limit, into the signature's MAC as it comes. A signed, well-formed and fresh delivery is stored and
 * answered 202 with its id at once; {@link MauticDeliveryWorker} applies it in the background, and
 * {@code GET /api/integrations/mautic/deliveries/{id}} shows what became of each event. Mautic waits about 15 s per
 * call and switches off a webhook that keeps failing, so the answer never waits for the events to be applied.
 */
@RestController
public class MauticWebhookController {

    static final String PATH = "/api/integrations/mautic/webhook";
    private static final Logger log = LoggerFactory.getLogger(MauticWebhookController.class);
    private static final int READ_BUFFER = 64 * 1024;

    private final MauticSignature signature;
    private final MauticDeliveryStore store;
    private final MauticDeliveryWorker worker;
    private final MauticWebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    public MauticWebhookController(MauticProperties mautic, MauticWebhookProperties properties, MauticDeliveryStore store,
                                   MauticDeliveryWorker worker, JsonMapper json, Clock clock) {
        this.signature = new MauticSignature(mautic.secret());
        this.store = store;
        this.worker = worker;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        if (!signature.configured()) {
            log.warn("Mautic webhooks are refused: set handraiser.integrations.mautic.secret to the webhook's secret to accept them");
        }
    }

    @PostMapping(PATH)
    public ResponseEntity<Receipt> receive(@RequestHeader(name = "Webhook-Signature", required = false) String offered,
                                           HttpServletRequest request) throws IOException {
        if (!signature.configured()) {
            throw unauthorized("Mautic webhooks are not enabled here: no secret is configured "
                               + "(handraiser.integrations.mautic.secret), so no signature can be checked");
        }
        if (offered == null || offered.isBlank()) {
            throw unauthorized("the Webhook-Signature header is missing: Mautic signs every delivery with the webhook's secret");
        }
        long limit = properties.maxBody().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        Mac mac = signature.begin();
        byte[] raw = readAtMost(request.getInputStream(), limit, mac);
        if (!signature.matches(mac.doFinal(), offered)) {
            throw unauthorized("the Webhook-Signature does not match the body: check that the webhook's secret in Mautic "
                               + "is the one configured here");
        }
        MauticDeliveryBody delivery = MauticDeliveryBody.read(json, raw);
        String id = idOf(raw);
        Instant now = clock.instant();
        // a known body is the same delivery: its id again, whatever its age, since it is never applied twice
        if (store.find(id).isEmpty()) {
            checkFresh(delivery.timestamp(), now);
            store.store(id, raw, delivery.events().size(), now);
            worker.wakeUp();
        }
        String state = store.find(id).map(stored -> stored.getString("state")).orElseThrow();
        return ResponseEntity.accepted().location(URI.create(MauticDeliveriesController.PATH + "/" + id))
                             .body(new Receipt(id, delivery.events().size(), state));
    }

    private void checkFresh(String timestamp, Instant now) {
        Instant sent = MauticEvent.instant(timestamp);
        if (sent == null) {
            throw BadRequest.field(MauticDeliveryBody.TIMESTAMP, "required: Mautic dates every delivery when it sends it (ISO-8601), "
                                                                 + "and a delivery without a date could be a captured one played again");
        }
        Duration window = properties.timestampWindow();
        if (Duration.between(sent, now).abs().compareTo(window) > 0) {
            throw BadRequest.field(MauticDeliveryBody.TIMESTAMP, "the delivery is dated " + sent + ", more than " + window
                                                                 + " from now (" + now + "): a delivery captured and played again later is refused; "
                                                                 + "check the clocks of Mautic and Handraiser");
        }
    }

    /** Reads the body into the MAC, refusing it as soon as it passes {@code limit}, whatever length it declared. */
    private static byte[] readAtMost(InputStream body, long limit, Mac mac) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[READ_BUFFER];
        long total = 0;
        int read;
        while ((read = body.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - total))) > 0) {
            total += read;
            if (total > limit) {
                throw tooLarge(limit);
            }
            mac.update(buffer, 0, read);
            raw.write(buffer, 0, read);
        }
        return raw.toByteArray();
    }

    /** The same bytes make the same id, so a repeated delivery is recognised before anything is stored twice. */
    private static String idOf(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ErrorResponseException unauthorized(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Signature refused");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
    }

    private static ErrorResponseException tooLarge(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "a Mautic delivery holds at most " + limit + " bytes (handraiser.integrations.mautic.webhook.max-body): "
                + "lower the number of events Mautic sends per webhook call");
        problem.setTitle("Delivery too large");
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }

    /**
     * @param deliveryId the delivery's id, the same for the same body
     * @param received   how many events it holds
     * @param state      QUEUED, RUNNING or APPLIED
     */
    public record Receipt(String deliveryId, int received, String state) {
    }
}
