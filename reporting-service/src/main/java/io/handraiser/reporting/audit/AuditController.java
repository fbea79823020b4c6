package io.handraiser.reporting.audit;

import com.mongodb.client.FindIterable;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.reporting.ReportingProperties;
import io.handraiser.reporting.generation.FactKind;
import io.handraiser.reporting.generation.Generations;
import io.handraiser.reporting.projection.DecisionKey;
import io.handraiser.reporting.projection.Facts;
import io.handraiser.reporting.query.Params;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who qualified whom: every qualification decision with its actor, reason and evidence, oldest first, as pages
 * of JSON or as one CSV file. Reads the decisions of the active generation only.
 */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasAnyRole('auditor', 'admin')")
public class AuditController {

    static final int DEFAULT_LIMIT = 100;
    private static final List<String> CSV_HEADER = List.of("at", "type", "contactId", "sequence", "actorKind", "actorId", "modelVersion",
                                                           "from", "to", "tier", "reason", "score", "fit", "engagement", "signals",
                                                           "eventId");

    private final Generations generations;
    private final ReportingProperties properties;

    public AuditController(Generations generations, ReportingProperties properties) {
        this.generations = generations;
        this.properties = properties;
    }

    /** @param next pass as {@code after} for the following page; null on the last one */
    public record Page(List<Map<String, Object>> decisions, String next) {
    }

    /**
     * @param type  one or more decision types (MarkedMQL, AcceptedAsSQL, ...), repeated or comma-separated
     * @param after the {@code next} of the previous page
     */
    @GetMapping("/decisions")
    public Page decisions(@RequestParam(required = false) String actor, @RequestParam(required = false) String contact,
                          @RequestParam(required = false) List<String> type, @RequestParam(required = false) String from,
                          @RequestParam(required = false) String to, @RequestParam(required = false) String after,
                          @RequestParam(required = false) String limit) {
        Params params = new Params();
        Bson filter = filter(params, actor, contact, type, from, to);
        int pageSize = limit(params, limit);
        if (after != null && !DecisionKey.isWellFormed(after)) {
            params.reject("after", "after must be the next value of a previous page");
        }
        params.check();
        Bson paged = after == null ? filter : Filters.and(filter, Filters.gt("key", after));
        List<Map<String, Object>> decisions = new ArrayList<>();
        String lastKey = null;
        boolean more = false;
        for (Document decision : find(paged).limit(pageSize + 1)) {
            if (decisions.size() == pageSize) {
                more = true;
                break;
            }
            decisions.add(body(decision));
            lastKey = decision.getString("key");
        }
        return new Page(decisions, more ? lastKey : null);
    }

    /** The same filters as {@link #decisions}, every matching decision in one file, streamed as it is read. */
    @GetMapping("/decisions.csv")
    public void csv(@RequestParam(required = false) String actor, @RequestParam(required = false) String contact,
                    @RequestParam(required = false) List<String> type, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        Params params = new Params();
        Bson filter = filter(params, actor, contact, type, from, to);
        params.check();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"decisions.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        Csv csv = new Csv(writer);
        csv.row(CSV_HEADER);
        for (Document decision : find(filter)) {
            csv.row(csvRow(decision));
        }
        writer.flush();
    }

    private FindIterable<Document> find(Bson filter) {
        return generations.active().collection(FactKind.DECISIONS).find(filter).sort(Sorts.ascending("key"));
    }

    private static Bson filter(Params params, String actor, String contact, List<String> types, String from, String to) {
        List<Bson> filters = new ArrayList<>();
        String actorId = params.text("actor", actor, 200);
        if (actorId != null) {
            filters.add(Filters.eq("actor.id", actorId));
        }
        if (contact != null) {
            try {
                filters.add(Filters.eq("contactId", ContactId.of(contact.trim()).toString()));
            } catch (IllegalArgumentException invalid) {
                params.reject("contact", invalid.getMessage());
            }
        }
        TreeSet<String> wanted = new TreeSet<>();
        if (types != null) {
            for (String listed : types) {
                for (String name : listed.split(",")) {
                    if (Facts.DECISION_TYPES.contains(name.trim())) {
                        wanted.add(name.trim());
                    } else if (!name.isBlank()) {
                        params.reject("type", "type must be among " + new TreeSet<>(Facts.DECISION_TYPES) + ", got '"
                                              + (name.length() > 60 ? name.substring(0, 60) + "..." : name) + "'");
                    }
                }
            }
        }
        if (!wanted.isEmpty()) {
            filters.add(Filters.in("type", wanted));
        }
        Instant start = params.instant("from", from);
        Instant end = params.instant("to", to);
        params.range(start, end);
        if (start != null) {
            filters.add(Filters.gte("at", Date.from(start)));
        }
        if (end != null) {
            filters.add(Filters.lt("at", Date.from(end)));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    private int limit(Params params, String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= properties.auditPageLimit()) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, with the range a valid limit has
        }
        params.reject("limit", "limit must be a whole number from 1 to " + properties.auditPageLimit());
        return DEFAULT_LIMIT;
    }

    private static Map<String, Object> body(Document decision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", decision.getString("_id"));
        body.put("at", decision.getDate("at").toInstant());
        body.put("type", decision.getString("type"));
        body.put("contactId", decision.getString("contactId"));
        body.put("sequence", decision.get("seq"));
        body.put("actor", decision.get("actor"));
        body.put("from", decision.getString("from"));
        body.put("to", decision.getString("to"));
        body.put("tier", decision.getString("tier"));
        body.put("reason", decision.getString("reason"));
        body.put("evidence", decision.get("evidence"));
        return body;
    }

    private static List<Object> csvRow(Document decision) {
        Document actor = decision.get("actor", Document.class);
        Document evidence = decision.get("evidence", Document.class);
        List<Object> row = new ArrayList<>();
        row.add(decision.getDate("at").toInstant().toString());
        row.add(decision.getString("type"));
        row.add(decision.getString("contactId"));
        row.add(decision.get("seq"));
        row.add(actor.getString("kind"));
        row.add(actor.getString("id"));
        row.add(actor.getString("modelVersion"));
        row.add(decision.getString("from"));
        row.add(decision.getString("to"));
        row.add(decision.getString("tier"));
        row.add(decision.getString("reason"));
        row.add(evidence == null ? null : evidence.get("score"));
        row.add(evidence == null ? null : evidence.get("fit"));
        row.add(evidence == null ? null : evidence.get("engagement"));
        row.add(evidence == null ? null : signals(evidence));
        row.add(decision.getString("_id"));
        return row;
    }

    /** rule:points pairs separated by semicolons, e.g. pricing-page-visit:10;demo-request:40. */
    private static String signals(Document evidence) {
        List<String> signals = new ArrayList<>();
        for (Document signal : evidence.getList("signals", Document.class, List.of())) {
            signals.add(signal.getString("rule") + ":" + signal.get("points"));
        }
        return String.join(";", signals);
    }
}
