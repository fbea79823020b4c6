package io.handraiser.contact.imports;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Each job's per-row error report. An error's id is its job, row and column, so a resumed job that processes
 * a row again records its error once; and the ids sort by row, so the report pages by row under the id index.
 */
@Component
class ImportErrors {

    private final MongoCollection<Document> errors;

    ImportErrors(EventLogDatabases databases) {
        this.errors = databases.service().getCollection("import_errors");
    }

    void add(List<RowError> rowErrors) {
        if (rowErrors.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(rowErrors.size());
        for (RowError error : rowErrors) {
            documents.add(new Document("_id", id(error.jobId(), error.row()) + ":" + error.column())
                    .append("jobId", error.jobId()).append("row", error.row()).append("column", error.column())
                    .append("reason", error.reason()));
        }
        try {
            errors.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyRepeats = e.getWriteErrors().stream()
                                   .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyRepeats) {
                throw e;
            }
        }
    }

    /** Up to {@code limit} errors of rows after {@code afterRow}, by row. */
    List<RowError> page(String jobId, long afterRow, int limit) {
        List<RowError> page = new ArrayList<>();
        errors.find(Filters.and(Filters.gte("_id", id(jobId, afterRow + 1)), Filters.lt("_id", jobId + ";")))
              .sort(Sorts.ascending("_id")).limit(limit)
              .forEach(error -> page.add(new RowError(jobId, ((Number) error.get("row")).longValue(), error.getString("column"),
                                                      error.getString("reason"))));
        return page;
    }

    /** ':' sorts before ';', so every error of a job lies between {@code job:} and {@code job;}. */
    private static String id(String jobId, long row) {
        return jobId + ":" + String.format(Locale.ROOT, "%012d", row);
    }

    /**
     * @param row    the row of the file as a spreadsheet shows it: the header is row 1
     * @param column the file's header of the column at fault; empty when the row as a whole was refused
     */
    record RowError(String jobId, long row, String column, String reason) {
    }
}
