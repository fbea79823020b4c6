package io.handraiser.scoring.calibration;

import io.handraiser.scoring.engine.ModelParser;
import io.handraiser.scoring.engine.ScoringModel;
import io.handraiser.scoring.engine.VersionedModel;
import io.handraiser.scoring.evaluation.PlantedHistories;
import io.handraiser.scoring.evaluation.Replay;
import io.handraiser.scoring.evaluation.TimeRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CalibratorTest {

    static final Calibrator.Settings SETTINGS = new Calibrator.Settings(0.8, 0.3);

    static Calibrator.Calibration calibrate() {
        ScoringModel flat = ModelParser.parse(PlantedHistories.flatModel());
        Replay replay = new Replay(new VersionedModel("7", flat), TimeRange.ALL);
        PlantedHistories.feed(replay, 3_000, 42);
        return Calibrator.calibrate(flat, PlantedHistories.flatModel(), "version 7 (flat)", replay.finish().contacts(), SETTINGS);
    }

    @Test
    void thePlantedRuleCarriesTheWeight() {
        CalibrationReport report = calibrate().report();

        report.rules().forEach(rule -> System.out.printf("calibrated %-20s coefficient %8.4f points %s (%s)%n", rule.rule(), rule.coefficient(),
                                                         rule.suggestedPoints(), rule.note()));
        System.out.printf("calibration: tiers %s; training precision %s recall %s (%d judged); validation precision %s recall %s (%d judged)%n",
                          report.tiers(), report.training().precision(), report.training().recall(), report.training().contacts(),
                          report.validation().precision(), report.validation().recall(), report.validation().contacts());
        assertThat(report.rules()).filteredOn(rule -> rule.rule().equals("pricing-page-visit"))
                                  .singleElement().satisfies(rule -> assertThat(rule.suggestedPoints()).isEqualTo(Calibrator.SCALE));
        assertThat(report.rules()).filteredOn(rule -> !rule.rule().equals("pricing-page-visit"))
                                  .allSatisfy(rule -> assertThat(rule.suggestedPoints() == null ? 0 : rule.suggestedPoints()).isLessThan(25));
        assertThat(report.validation().precision()).isGreaterThan(0.8);
        assertThat(report.validation().recall()).isGreaterThan(0.7);
        assertThat(report.tiers()).singleElement().satisfies(tier -> assertThat(tier.targetReached()).isTrue());
    }

    @Test
    void theDraftIsAModelLikeAnyOtherAndTheSameEveryTime() {
        Calibrator.Calibration calibration = calibrate();

        ScoringModel draft = ModelParser.parse(calibration.document());
        assertThat(draft.name()).isEqualTo("flat (calibrated)");
        assertThat(draft.engagement()).extracting(rule -> rule.name()).contains("pricing-page-visit");
        assertThat(calibrate()).isEqualTo(calibration);
    }

    @Test
    void theHoldOutIsChosenByContactIdAlone() {
        List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h");

        assertThat(ids.stream().map(id -> Calibrator.heldOut(id, 0.3)).toList())
                .isEqualTo(ids.stream().map(id -> Calibrator.heldOut(id, 0.3)).toList());
        long heldOut = java.util.stream.IntStream.range(0, 10_000).filter(i -> Calibrator.heldOut("contact-" + i, 0.3)).count();
        assertThat(heldOut).isBetween(2_800L, 3_200L);
    }
}
