package io.handraiser.contact;

import io.handraiser.testsupport.TestMongo;
import io.handraiser.testsupport.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ImportApiTest extends ContactServiceTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> upload(String kind, String query, String csv, String role) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/integrations/" + kind + "/import" + query))
                                                 .header("Content-Type", "text/csv")
                                                 .POST(HttpRequest.BodyPublishers.ofString(csv));
        return send(request, role);
    }

    HttpResponse<String> uploadMultipart(String kind, String mapping, String csv) {
        String boundary = "handraiser-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + mapping.substring(0, mapping.indexOf('='))
                      + "\"\r\n\r\n" + mapping.substring(mapping.indexOf('=') + 1) + "\r\n"
                      + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
                      + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/integrations/" + kind + "/import"))
                                                 .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                                 .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(request, "automation");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String role) {
        if (role != null) {
            request.header("Authorization", TestTokens.bearer(role + "-user", role));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The job once it is DONE; imports run in the background. */
    JsonNode awaitDone(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            job[0] = json(api().get(location, "automation").body());
            return !job[0].get("state").asText().matches("QUEUED|RUNNING");
        });
        assertThat(job[0].get("state").asText()).as(job[0].toString()).isEqualTo("DONE");
        return job[0];
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void aContactsFileImportsGoodRowsReportsBadOnesAndSkipsDuplicates() {
        String ada = unique("ada");
        String grace = unique("grace");
        String alan = unique("alan");
        String csv = "E-Mail,First Name,Last Name,Company,Job Title,Company Size,Country,Stage,Campaign\n"
                     + ada + ",Ada,Lovelace,Engines Ltd,CTO,120,gb,LEAD,backfill\n"
                     + grace + ",Grace,Hopper,\"Navy, US\",Rear Admiral,5000,US,SUBSCRIBER,backfill\n"
                     + "not-an-address,Bad,Row,,,,,,\n"
                     + ada + ",Ada,Lovelace,Engines Ltd,CTO,120,gb,LEAD,backfill\n"
                     + alan + ",Alan,Turing,,,many,Britain,OPPORTUNITY,\n"
                     + alan + ",Alan,Turing,Bletchley,,,GB,,\n";

        JsonNode job = awaitDone(upload("contacts", "?map.email=E-Mail", csv, "automation"));

        assertThat(job.at("/rows/processed").asLong()).isEqualTo(6);
        assertThat(job.at("/rows/imported").asLong()).isEqualTo(3);
        assertThat(job.at("/rows/duplicates").asLong()).isEqualTo(1);
        assertThat(job.at("/rows/failed").asLong()).isEqualTo(2);
        assertThat(job.get("createdBy").asText()).isEqualTo("automation-user");
        assertThat(job.get("mapping").get("email").asText()).isEqualTo("E-Mail");

        JsonNode errors = json(api().get(job.get("errors").asText(), "automation").body()).get("errors");
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0).get("row").asLong()).isEqualTo(4);
        assertThat(errors.get(0).get("column").asText()).isEqualTo("E-Mail");
        assertThat(errors.findValuesAsString("column")).containsExactly("E-Mail", "Company Size", "Country", "Stage");
        assertThat(errors.get(1).get("row").asLong()).isEqualTo(6);

        JsonNode adaView = contactByEmail(ada);
        assertThat(adaView.at("/profile/country").asText()).isEqualTo("GB");
        assertThat(adaView.at("/source/campaign").asText()).isEqualTo("backfill");
        assertThat(contactByEmail(grace).at("/profile/company").asText()).isEqualTo("Navy, US");
        assertThat(contactByEmail(grace).get("stage").asText()).isEqualTo("SUBSCRIBER");
        assertThat(contactByEmail(alan).at("/profile/company").asText()).isEqualTo("Bletchley");
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        String email = unique("rerun");
        String contacts = "email,firstName,jobTitle\n" + email + ",Ada,CTO\n";
        awaitDone(upload("contacts", "", contacts, "automation"));
        String id = contactByEmail(email).get("id").asText();
        String engagements = "email,type,occurredAt,url\n"
                             + email + ",PAGE_VIEW,2026-11-20T10:00:00Z,https://example.com/pricing\n"
                             + email + ",PAGE_VIEW,2026-11-20T10:05:00Z,https://example.com/pricing\n"
                             + email + ",PAGE_VIEW,2026-11-20T10:00:00Z,https://example.com/pricing\n";
        JsonNode first = awaitDone(upload("engagements", "", engagements, "automation"));
        JsonNode settled = awaitView(id, contact -> contact.at("/engagements/PAGE_VIEW").asInt() == 2);

        JsonNode contactsAgain = awaitDone(upload("contacts", "", contacts, "automation"));
        JsonNode engagementsAgain = awaitDone(upload("engagements", "", engagements, "automation"));

        assertThat(first.at("/rows/imported").asLong()).isEqualTo(2);
        assertThat(first.at("/rows/duplicates").asLong()).isEqualTo(1);
        assertThat(contactsAgain.at("/rows/duplicates").asLong()).isEqualTo(1);
        assertThat(contactsAgain.at("/rows/imported").asLong()).isZero();
        assertThat(engagementsAgain.at("/rows/duplicates").asLong()).isEqualTo(3);
        assertThat(engagementsAgain.at("/rows/imported").asLong()).isZero();
        HttpResponse<String> history = api().get("/api/contacts/" + id + "/history?limit=100", "auditor");
        assertThat(json(history.body()).get("events").size()).isEqualTo(3);
        assertThat(awaitView(id, contact -> true).get("version").asLong()).isEqualTo(settled.get("version").asLong());
    }

    @Test
    void anEngagementsFileReportsEveryBadRowByColumn() {
        String email = unique("engaged");
        awaitDone(upload("contacts", "", "email\n" + email + "\n", "automation"));
        String id = contactByEmail(email).get("id").asText();
        String csv = "contactId,email,engagementId,type,occurredAt,url,asset,form\n"
                     + ",%s,hs-1,DEMO_REQUESTED,2026-11-20T10:00:00Z,,,demo\n".formatted(email)
                     + "%s,,hs-2,CONTENT_DOWNLOAD,2026-11-20T10:01:00+01:00,,buying-guide.pdf,\n".formatted(id)
                     + ",%s,hs-3,PAGE_VIEW,2026-11-20T10:02:00Z,,,\n".formatted(email)
                     + ",%s,hs-4,WEBINAR,yesterday,,,\n".formatted(email)
                     + ",%s,hs-5,PAGE_VIEW,2026-11-20T10:03:00Z,https://example.com,,\n".formatted(unique("unknown"))
                     + "%s,,hs-6,PAGE_VIEW,2026-11-20T10:03:00Z,https://example.com,,\n".formatted(UUID.randomUUID())
                     + ",%s,hs-1,DEMO_REQUESTED,2026-11-20T10:00:00Z,,,demo\n".formatted(email)
                     + ",%s,hs-7,PAGE_VIEW\n".formatted(email);

        JsonNode job = awaitDone(upload("engagements", "", csv, "admin"));

        assertThat(job.at("/rows/imported").asLong()).isEqualTo(2);
        assertThat(job.at("/rows/duplicates").asLong()).isEqualTo(1);
        assertThat(job.at("/rows/failed").asLong()).isEqualTo(5);
        JsonNode errors = json(api().get(job.get("errors").asText() + "?limit=3", "automation").body());
        assertThat(errors.get("errors")).hasSize(3);
        assertThat(errors.get("errors").findValuesAsString("column")).containsExactly("url", "occurredAt", "type");
        JsonNode rest = json(api().get(job.get("errors").asText() + "?after=" + errors.get("next").asLong(), "automation").body());
        assertThat(rest.get("errors").findValuesAsString("row")).containsExactly("6", "7", "9");
        assertThat(rest.get("errors").findValuesAsString("column")).containsExactly("email", "contactId", "");
        awaitView(id, contact -> contact.at("/engagements/DEMO_REQUESTED").asInt() == 1
                                 && contact.at("/engagements/CONTENT_DOWNLOAD").asInt() == 1);
    }

    @Test
    void aMultipartUploadWithAHeaderMappingImports() {
        String email = unique("multipart");
        JsonNode job = awaitDone(uploadMultipart("contacts", "map.jobTitle=Position", "email,Position\n" + email + ",CMO\n"));

        assertThat(job.at("/rows/imported").asLong()).isEqualTo(1);
        assertThat(contactByEmail(email).at("/profile/jobTitle").asText()).isEqualTo("CMO");
    }

    @Test
    void badUploadsAreRefusedClearlyAndQueueNothing() {
        long jobsBefore = jobs();

        HttpResponse<String> missingColumn = upload("engagements", "", "email,url\nx@example.com,https://example.com\n", "automation");
        HttpResponse<String> unknownMapping = upload("contacts", "?map.shoeSize=Shoes&map.firstName=Vorname", "email\nx@example.com\n", "automation");
        HttpResponse<String> empty = upload("contacts", "", "", "automation");
        HttpResponse<String> duplicateHeader = upload("contacts", "", "email,email\nx@example.com,y@example.com\n", "automation");
        HttpResponse<String> openQuote = upload("contacts", "", "\"email,firstName\nx@example.com,Ada\n", "automation");
        HttpResponse<String> unknownKind = upload("companies", "", "email\nx@example.com\n", "automation");
        HttpResponse<String> anonymous = upload("contacts", "", "email\nx@example.com\n", null);
        HttpResponse<String> salesRep = upload("contacts", "", "email\nx@example.com\n", "sales");

        assertThat(missingColumn.statusCode()).as(missingColumn.body()).isEqualTo(400);
        assertThat(json(missingColumn.body()).get("errors").findValuesAsString("field")).contains("type", "occurredAt");
        assertThat(unknownMapping.statusCode()).isEqualTo(400);
        assertThat(json(unknownMapping.body()).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("map.shoeSize", "map.firstName");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(duplicateHeader.statusCode()).as(duplicateHeader.body()).isEqualTo(400);
        assertThat(openQuote.statusCode()).as(openQuote.body()).isEqualTo(400);
        assertThat(unknownKind.statusCode()).isEqualTo(404);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(salesRep.statusCode()).isEqualTo(403);
        for (HttpResponse<String> refused : List.of(missingColumn, unknownMapping, empty, duplicateHeader, openQuote, unknownKind)) {
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(jobs()).isEqualTo(jobsBefore);
        assertThat(TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("import_files.files").countDocuments())
                .as("refused files are not kept").isEqualTo(runningFiles());
        assertThat(api().get("/api/integrations/imports/" + UUID.randomUUID(), "automation").statusCode()).isEqualTo(404);
    }

    private JsonNode contactByEmail(String email) {
        HttpResponse<String>[] found = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> (found[0] = api().get("/api/contacts?email=" + email, "sales")).statusCode() == 200);
        return json(found[0].body());
    }

    private static long jobs() {
        return TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("import_jobs").countDocuments();
    }

    /** Files of jobs not finished yet: a finished job's file is deleted with it. */
    private static long runningFiles() {
        return TestMongo.client().getDatabase(SERVICE_DATABASE).getCollection("import_jobs")
                        .countDocuments(new Document("state", new Document("$in", List.of("QUEUED", "RUNNING"))));
    }
}
