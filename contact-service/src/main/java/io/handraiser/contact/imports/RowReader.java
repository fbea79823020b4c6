package io.handraiser.contact.imports;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.starter.web.FieldError;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.messaging.MetaData;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Reads one row of a kind of file into what importing it takes, or into every reason it cannot be imported. */
interface RowReader {

    Prepared prepare(CSVRecord record);

    sealed interface Prepared permits Invalid, Ready {
    }

    /** @param errors each naming the file's column at fault */
    record Invalid(List<FieldError> errors) implements Prepared {
    }

    /**
     * @param key     what makes a repeat of this row a duplicate
     * @param command sends the row's commands and answers the contact they went to; throws
     *                {@link io.handraiser.starter.web.BadRequest} naming the column when the row cannot apply
     */
    record Ready(String key, RowCommand command) implements Prepared {
    }

    @FunctionalInterface
    interface RowCommand {
        ContactId apply(MetaData sentAs);
    }

    /** The row's cell for {@code header}; null for an absent column or a blank cell. */
    static String cell(CSVRecord record, String header) {
        if (header == null || !record.isSet(header)) {
            return null;
        }
        String value = record.get(header);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A digest of the parts, joined unambiguously, so the key carries no value in the clear. */
    static String digest(String kind, String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(kind.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                sha256.update((byte) 0);
                sha256.update(Integer.toString(part == null ? -1 : bytes.length).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(bytes);
            }
            return kind + ":" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
