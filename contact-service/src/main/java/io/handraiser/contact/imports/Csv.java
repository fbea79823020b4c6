package io.handraiser.contact.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The CSV dialect imports read: RFC 4180, UTF-8 (a spreadsheet's byte-order mark is skipped), the first row names the columns. */
final class Csv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                                                             .setIgnoreEmptyLines(true)
                                                             .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Csv() {
    }

    /**
     * A parser that reads {@code file} record by record, never more than its buffer ahead.
     *
     * @throws IllegalArgumentException when the header row names a column twice
     */
    static CSVParser parse(InputStream file) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(file);
        buffered.mark(BYTE_ORDER_MARK.length);
        byte[] start = buffered.readNBytes(BYTE_ORDER_MARK.length);
        if (!Arrays.equals(start, BYTE_ORDER_MARK)) {
            buffered.reset();
        }
        return CSVParser.builder().setReader(new InputStreamReader(buffered, StandardCharsets.UTF_8)).setFormat(FORMAT).get();
    }
}
