package io.handraiser.reporting.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV that is safe to open in a spreadsheet. A text cell that starts with {@code = + - @}, a tab or a
 * carriage return gets a leading apostrophe, so a reason typed by someone cannot run as a formula (CSV injection);
 * numbers are written by the exporter from integers and need no guard.
 */
final class Csv {

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    void row(List<?> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
