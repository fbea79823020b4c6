package io.handraiser.scoring.evaluation;

/** The planted history for tests of other packages. */
public final class PlantedHistories {

    private PlantedHistories() {
    }

    public static String flatModel() {
        return PlantedHistory.FLAT_MODEL;
    }

    public static void feed(Replay replay, int contacts, long seed) {
        PlantedHistory.generate(contacts, seed).events.forEach(recorded -> replay.accept(recorded.event(), recorded.sequence()));
    }
}
