package io.handraiser.scoring.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The B2B model shipped with Handraiser, active until marketing publishes its own. */
public final class DefaultModel {

    static final String RESOURCE = "/io/handraiser/scoring/default-model.json";

    private DefaultModel() {
    }

    public static String document() {
        try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default model " + RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ScoringModel parsed() {
        return ModelParser.parse(document());
    }
}
