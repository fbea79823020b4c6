package io.handraiser.scoring.calibration;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogisticRegressionTest {

    /** Labels drawn from known log-odds: the fit finds the coefficients back. */
    @Test
    void recoversTheCoefficientsTheLabelsWereDrawnFrom() {
        Random random = new Random(1);
        int n = 20_000;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextInt(4);
            x[i][1] = random.nextBoolean() ? 1 : 0;
            double logit = -1.5 + 1.2 * x[i][0] - 0.8 * x[i][1];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
        }

        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, 0.01);

        assertThat(fit.intercept()).isCloseTo(-1.5, within(0.1));
        assertThat(fit.weights()[0]).isCloseTo(1.2, within(0.05));
        assertThat(fit.weights()[1]).isCloseTo(-0.8, within(0.1));
    }

    @Test
    void perfectlySeparatedClassesKeepFiniteWeightsUnderRegularisation() {
        double[][] x = {{0}, {0}, {1}, {1}};
        boolean[] y = {false, false, true, true};

        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, 1.0);

        assertThat(fit.weights()[0]).isPositive().isLessThan(10);
        assertThat(Double.isFinite(fit.intercept())).isTrue();
    }

    @Test
    void aFeatureThatNeverOccursGetsNoWeight() {
        double[][] x = {{1, 0}, {0, 0}, {1, 0}, {0, 0}};
        boolean[] y = {true, false, true, true};

        assertThat(LogisticRegression.fit(x, y, 1.0).weights()[1]).isZero();
    }

    @Test
    void solvesASymmetricPositiveDefiniteSystem() {
        double[] x = LogisticRegression.solve(new double[][]{{4, 2}, {2, 3}}, new double[]{2, 1});

        assertThat(x[0]).isCloseTo(0.5, within(1e-12));
        assertThat(x[1]).isCloseTo(0.0, within(1e-12));
    }
}
