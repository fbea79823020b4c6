package io.handraiser.contact;

import io.handraiser.testsupport.TestMongo;
import io.handraiser.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoubleConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test (no *Test name, so the ordinary build skips it): measures, in one run against contact-service
 * directly, Mautic page hits accepted per second against the same engagements posted to
 * {@code /api/engagements/batch}, and CSV rows imported per second for a streamed 100,000-row engagements file.
 * <pre>./mvnw -pl contact-service verify -Dtest=IntegrationsBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 *     [-Dbenchmark.hits=2000] [-Dbenchmark.rows=100000]</pre>
 */
class IntegrationsBenchmark extends ContactServiceTestBase {

    private static final int CONTACTS = 100;
    private static final int BATCH = 50;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Double> acknowledgements = new ArrayList<>();

    @Test
    void mauticPageHitsAgainstTheBatchApiAndCsvRowsPerSecond() {
        int hits = Integer.getInteger("benchmark.hits", 2_000);
        int rows = Integer.getInteger("benchmark.rows", 100_000);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = new ArrayList<>();
        List<Long> mauticIds = new ArrayList<>();
        StringBuilder contacts = new StringBuilder("email,firstName,company\n");
        for (int i = 0; i < CONTACTS; i++) {
            emails.add("bench-" + run + "-" + i + "@example.com");
            mauticIds.add(Math.abs(UUID.randomUUID().getMostSignificantBits()));
            contacts.append(emails.get(i)).append(",Ada,Engines\n");
        }
        JsonNode contactImport = awaitDone(post("/api/integrations/contacts/import", "text/csv", contacts.toString(), true), Duration.ofMinutes(2));
        linkMauticIds(emails, mauticIds);

        // warm both paths so that neither pays for class loading and JIT alone
        mautic(mauticIds, 200, "warm-" + run);
        batchApi(emails, 200, "warm-" + run);

        acknowledgements.clear();
        double mauticPerSecond = mautic(mauticIds, hits, run);
        List<Double> acked = acknowledgements.stream().sorted().toList();
        double batchPerSecond = batchApi(emails, hits, run);

        long heapBefore = usedHeap();
        long[] peakHeap = {heapBefore};
        double[] midway = {0};
        long started = System.nanoTime();
        HttpResponse<String> accepted = post("/api/integrations/engagements/import", "text/csv",
                                             engagementsFile(emails, rows, run), true);
        JsonNode job = awaitDone(accepted, Duration.ofMinutes(30), progress -> {
            peakHeap[0] = Math.max(peakHeap[0], usedHeap());
            if (progress > 0 && progress < 1) {
                midway[0] = progress;
            }
        });
        double importSeconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(Locale.ROOT, "%n=== integrations benchmark (contact-service directly, %s MongoDB) ===%n",
                          TestMongo.source());
        System.out.printf(Locale.ROOT, "Mautic page hits applied: %d in deliveries of %d: %.0f events/s (202 to applied, one delivery at a time)%n",
                          hits, BATCH, mauticPerSecond);
        System.out.printf(Locale.ROOT, "Mautic acknowledgement latency: median %.1f ms, max %.1f ms over %d deliveries%n",
                          acked.get(acked.size() / 2), acked.get(acked.size() - 1), acked.size());
        System.out.printf(Locale.ROOT, "same engagements via /api/engagements/batch (%d per batch): %.0f items/s%n", BATCH, batchPerSecond);
        System.out.printf(Locale.ROOT, "ratio Mautic webhook / batch API: %.2f%n", mauticPerSecond / batchPerSecond);
        System.out.printf(Locale.ROOT, "CSV contacts import: %d rows, %s rows/s (job's own figure)%n", CONTACTS, contactImport.get("rowsPerSecond"));
        System.out.printf(Locale.ROOT, "CSV engagements import: %d rows streamed, %d imported in %.1f s: %.0f rows/s end to end, %s rows/s job's own figure%n",
                          rows, job.at("/rows/imported").asLong(), importSeconds, rows / importSeconds, job.get("rowsPerSecond"));
        System.out.printf(Locale.ROOT, "CSV import rate / batch API rate: %.2f%n", (rows / importSeconds) / batchPerSecond);
        System.out.printf(Locale.ROOT, "heap used before the import %d MB, highest seen while it ran %d MB (the embedded server's data lives in the same heap); progress seen midway: %.2f%n",
                          heapBefore >> 20, peakHeap[0] >> 20, midway[0]);

        assertThat(job.at("/rows/imported").asLong()).isEqualTo(rows);
        assertThat(midway[0]).as("progress is visible while the file streams").isBetween(0.0, 1.0);
    }

    /** Identifies every contact to Mautic's integration, so that page hits may carry the Mautic id alone, as Mautic sends them. */
    private void linkMauticIds(List<String> emails, List<Long> mauticIds) {
        List<String> identified = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            identified.add(MauticPayloads.contactEvent(MauticPayloads.contact(mauticIds.get(i), emails.get(i), "Ada", "CTO", "United Kingdom"),
                                                       "2026-11-01T00:00:00+00:00"));
        }
        for (int from = 0; from < identified.size(); from += BATCH) {
            deliver(MauticPayloads.delivery(Map.of("mautic.lead_post_save_new", identified.subList(from, Math.min(from + BATCH, identified.size())))));
        }
    }

    private double mautic(List<Long> mauticIds, int hits, String run) {
        long started = System.nanoTime();
        for (int from = 0; from < hits; from += BATCH) {
            List<String> events = new ArrayList<>();
            for (int i = from; i < Math.min(from + BATCH, hits); i++) {
                long hitId = Math.abs((run + "-" + i).hashCode()) * 1_000_000L + i;
                events.add(MauticPayloads.pageHit(hitId, MauticPayloads.visitor(mauticIds.get(i % mauticIds.size())),
                                                  "https://example.com/pricing?run=" + run, START.plusSeconds(i).toString()));
            }
            JsonNode receipt = deliver(MauticPayloads.delivery(Map.of("mautic.page_on_hit", events)));
            assertThat(receipt.at("/outcomes/RECORDED").asInt()).as(receipt.toString()).isEqualTo(events.size());
        }
        return hits / ((System.nanoTime() - started) / 1e9);
    }

    private double batchApi(List<String> emails, int items, String run) {
        long started = System.nanoTime();
        for (int from = 0; from < items; from += BATCH) {
            StringBuilder batch = new StringBuilder("{\"items\":[");
            for (int i = from; i < Math.min(from + BATCH, items); i++) {
                batch.append(i > from ? "," : "").append("{\"email\":\"").append(emails.get(i % emails.size()))
                     .append("\",\"engagementId\":\"batch-").append(run).append('-').append(i)
                     .append("\",\"type\":\"PAGE_VIEW\",\"occurredAt\":\"").append(START.plusSeconds(i))
                     .append("\",\"detail\":{\"url\":\"https://example.com/pricing?run=").append(run).append("\"}}");
            }
            HttpResponse<String> response = post("/api/engagements/batch", "application/json", batch.append("]}").toString(), false);
            assertThat(json(response.body()).get("rejected").asInt()).as(response.body()).isZero();
        }
        return items / ((System.nanoTime() - started) / 1e9);
    }

    /** The file as a stream made row by row while it is sent: the benchmark never holds it either. */
    private static InputStream engagementsFile(List<String> emails, int rows, String run) {
        Enumeration<InputStream> parts = new Enumeration<>() {
            private int row = -1;

            @Override
            public boolean hasMoreElements() {
                return row < rows;
            }

            @Override
            public InputStream nextElement() {
                String line = row < 0 ? "email,type,occurredAt,url\n"
                        : emails.get(row % emails.size()) + ",PAGE_VIEW," + START.plusSeconds(row) + ",https://example.com/docs/" + run + "/" + row + "\n";
                row++;
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(parts);
    }

    /** Delivers {@code body}, noting how long the acknowledgement took, and answers the delivery once applied. */
    private JsonNode deliver(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/integrations/mautic/webhook"))
                                         .header("Content-Type", "application/json")
                                         .header("Webhook-Signature", MauticPayloads.signature(MAUTIC_SECRET, body))
                                         .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        HttpResponse<String> response = send(request);
        acknowledgements.add((System.nanoTime() - sent) / 1e6);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json(response.body()).get("deliveryId").asText();
        JsonNode[] delivery = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
            delivery[0] = json(api().get("/api/integrations/mautic/deliveries/" + id + "?limit=1", "admin").body()).get("delivery");
            return delivery[0].get("state").asText().equals("APPLIED");
        });
        return delivery[0];
    }

    private HttpResponse<String> post(String path, String contentType, Object body, boolean expectAccepted) {
        HttpRequest.BodyPublisher publisher = body instanceof InputStream stream
                ? HttpRequest.BodyPublishers.ofInputStream(() -> stream)
                : HttpRequest.BodyPublishers.ofString((String) body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                         .header("Content-Type", contentType)
                                         .header("Authorization", TestTokens.bearer("bench", "automation"))
                                         .POST(publisher).build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectAccepted ? 202 : 200);
        return response;
    }

    private JsonNode awaitDone(HttpResponse<String> accepted, Duration patience) {
        return awaitDone(accepted, patience, progress -> { });
    }

    private JsonNode awaitDone(HttpResponse<String> accepted, Duration patience, DoubleConsumer onProgress) {
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode[] job = new JsonNode[1];
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> {
            job[0] = json(api().get(location, "automation").body());
            onProgress.accept(job[0].get("progress").asDouble());
            return job[0].get("state").asText().equals("DONE") || job[0].get("state").asText().equals("FAILED");
        });
        assertThat(job[0].get("state").asText()).as(job[0].toString()).isEqualTo("DONE");
        return job[0];
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
