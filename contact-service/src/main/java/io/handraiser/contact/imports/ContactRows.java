package io.handraiser.contact.imports;

import io.handraiser.contact.capture.ContactCapture;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.starter.web.Fields;
import org.apache.commons.csv.CSVRecord;

import java.util.List;
import java.util.Locale;

/**
 * A contacts file: one person per row, captured as an upsert by email like {@code POST /api/contacts}. A row
 * that repeats an imported one (same email, same values) is a duplicate and sends nothing.
 */
final class ContactRows implements RowReader {

    static final String DEFAULT_SOURCE = "csv-import";
    private static final List<String> PROFILE = List.of("firstName", "lastName", "company", "jobTitle", "industry", "companySize",
                                                        "country", "phone");

    private final ColumnMapping columns;
    private final ContactCapture capture;

    ContactRows(ColumnMapping columns, ContactCapture capture) {
        this.columns = columns;
        this.capture = capture;
    }

    @Override
    public Prepared prepare(CSVRecord record) {
        Fields fields = new Fields();
        String emailCell = cell(record, "email");
        Email email = fields.value(columns.header("email"), () -> new Email(emailCell));
        Profile profile = Profile.empty();
        for (String attribute : PROFILE) {
            String value = cell(record, attribute);
            if (value != null) {
                Profile only = fields.value(columns.header(attribute), () -> only(attribute, value));
                profile = only == null ? profile : profile.merge(only);
            }
        }
        Stage stage = stage(cell(record, "stage"), fields);
        String system = cell(record, "sourceSystem");
        String campaign = cell(record, "campaign");
        Source source = fields.value(columns.header(system == null ? "campaign" : "sourceSystem"),
                                     () -> new Source(system == null ? DEFAULT_SOURCE : system, campaign));
        if (!fields.errors().isEmpty()) {
            return new Invalid(fields.errors());
        }
        Profile captured = profile;
        String key = RowReader.digest("contacts", email.value(), captured.firstName(), captured.lastName(), captured.company(),
                                      captured.jobTitle(), captured.industry(), String.valueOf(captured.companySize()), captured.country(),
                                      captured.phone(), String.valueOf(stage), source.system(), source.campaign());
        return new Ready(key, sentAs -> capture.capture(email, captured, source, stage, sentAs).contactId());
    }

    private String cell(CSVRecord record, String attribute) {
        return RowReader.cell(record, columns.header(attribute));
    }

    private Stage stage(String value, Fields fields) {
        if (value == null) {
            return null;
        }
        return fields.value(columns.header("stage"), () -> switch (value.toUpperCase(Locale.ROOT)) {
            case "SUBSCRIBER" -> Stage.SUBSCRIBER;
            case "LEAD" -> Stage.LEAD;
            default -> throw new IllegalArgumentException("a contact is imported as SUBSCRIBER or LEAD, not '" + value + "'");
        });
    }

    /** A profile with one attribute, so that a refused value is blamed on its own column. */
    private static Profile only(String attribute, String value) {
        return switch (attribute) {
            case "firstName" -> new Profile(value, null, null, null, null, null, null, null);
            case "lastName" -> new Profile(null, value, null, null, null, null, null, null);
            case "company" -> new Profile(null, null, value, null, null, null, null, null);
            case "jobTitle" -> new Profile(null, null, null, value, null, null, null, null);
            case "industry" -> new Profile(null, null, null, null, value, null, null, null);
            case "companySize" -> new Profile(null, null, null, null, null, employees(value), null, null);
            case "country" -> new Profile(null, null, null, null, null, null, value, null);
            case "phone" -> new Profile(null, null, null, null, null, null, null, value);
            default -> throw new IllegalStateException("no profile attribute " + attribute);
        };
    }

    private static Integer employees(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("companySize must be a whole number of employees, not '" + value + "'");
        }
    }
}
