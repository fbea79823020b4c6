package io.handraiser.scoring.engine;

/** A model together with the version it was published as; the version is what decisions name. */
public record VersionedModel(String version, ScoringModel model) {
}
