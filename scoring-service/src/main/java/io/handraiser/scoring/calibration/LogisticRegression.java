package io.handraiser.scoring.calibration;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares).
 * <p>
 * Written here rather than taken from a library: Apache Commons Math 3 has no logistic regression (and its last
 * release is from 2016), Tribuo fits it by stochastic gradient descent inside a framework of datasets, feature
 * maps and provenance that would outweigh the lines below, and Smile's licence does not suit us. Our
 * problems are small (a weight per rule, at most a few hundred, and one row per judged contact), where Newton's
 * method converges in a handful of exact steps, needs no learning rate, and gives the same weights on every run.
 */
public final class LogisticRegression {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-9;
    /** A whisper of regularisation on the intercept too, so the system stays solvable when one class is rare. */
    private static final double INTERCEPT_RIDGE = 1e-6;

    private LogisticRegression() {
    }

    /** @param weights one per feature; {@code intercept} is the log-odds with every feature at zero */
    public record Fit(double intercept, double[] weights) {
    }

    /**
     * Minimises the summed log-loss plus {@code lambda / 2} times the squared weights (the intercept is not
     * penalised).
     *
     * @param features one row per example, all of the same length
     * @param labels   true for a positive example
     */
    public static Fit fit(double[][] features, boolean[] labels, double lambda) {
        int n = features.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("needs at least one example and one label per example");
        }
        int d = features[0].length + 1;
        double[] beta = new double[d];
        double loss = loss(features, labels, beta, lambda);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < n; i++) {
                double[] row = withIntercept(features[i]);
                double p = sigmoid(dot(row, beta));
                double error = p - (labels[i] ? 1 : 0);
                double weight = Math.max(p * (1 - p), 1e-12);
                for (int j = 0; j < d; j++) {
                    gradient[j] += error * row[j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j][k] += weight * row[j] * row[k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                double ridge = j == 0 ? INTERCEPT_RIDGE : lambda;
                gradient[j] += ridge * beta[j];
                hessian[j][j] += ridge;
                for (int k = 0; k < j; k++) {
                    hessian[k][j] = hessian[j][k];
                }
            }
            double[] step = solve(hessian, gradient);
            // halve a step that would not lower the loss: Newton's full step can overshoot far from the optimum
            double scale = 1;
            double[] next = new double[d];
            double nextLoss;
            do {
                for (int j = 0; j < d; j++) {
                    next[j] = beta[j] - scale * step[j];
                }
                nextLoss = loss(features, labels, next, lambda);
                scale /= 2;
            } while (nextLoss > loss && scale > 1e-10);
            double change = loss - nextLoss;
            beta = next;
            loss = nextLoss;
            if (Math.abs(change) < TOLERANCE) {
                break;
            }
        }
        double[] weights = new double[d - 1];
        System.arraycopy(beta, 1, weights, 0, d - 1);
        return new Fit(beta[0], weights);
    }

    private static double loss(double[][] features, boolean[] labels, double[] beta, double lambda) {
        double total = 0;
        for (int i = 0; i < features.length; i++) {
            double z = dot(withIntercept(features[i]), beta);
            // log(1 + e^z) - y z, written to stay finite for large |z|
            total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (labels[i] ? z : 0);
        }
        double penalty = INTERCEPT_RIDGE * beta[0] * beta[0];
        for (int j = 1; j < beta.length; j++) {
            penalty += lambda * beta[j] * beta[j];
        }
        return total + penalty / 2;
    }

    /** Solves {@code a x = b} for a symmetric positive definite {@code a} by Cholesky decomposition. */
    static double[] solve(double[][] a, double[] b) {
        int d = b.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (sum <= 0) {
                        throw new IllegalStateException("the system is not positive definite");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < d; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double[] withIntercept(double[] features) {
        double[] row = new double[features.length + 1];
        row[0] = 1;
        System.arraycopy(features, 0, row, 1, features.length);
        return row;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
