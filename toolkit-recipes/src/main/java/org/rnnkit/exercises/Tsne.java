package org.rnnkit.exercises;

import java.util.Objects;
import java.util.Random;

/**
 * Exact t-SNE (van der Maaten and Hinton 2008, "Visualizing Data using t-SNE", JMLR 9) to two
 * dimensions, for a few hundred points: O(n²) memory and time per iteration, plain double arrays.
 * (DL4J's Barnes-Hut t-SNE is not published for 1.0.0-M2.1.)
 *
 * <p>Steps, as in the paper's reference implementation: the conditional probabilities {@code
 * p(j|i)} are Gaussian in the squared Euclidean distance, each with the precision found by binary
 * search so that the row's perplexity {@code 2^H} equals the requested one; {@code P} is their
 * symmetrised average {@code (p(j|i) + p(i|j)) / 2n}. The map points start from a seeded {@code
 * N(0, 1e-4²)} and follow the gradient of {@code KL(P || Q)}, where {@code Q} uses the Student-t
 * kernel {@code 1 / (1 + |yi - yj|²)}, by gradient descent with momentum (0.5, then 0.8 after the
 * early-exaggeration phase), per-coordinate adaptive gains, and {@code P} multiplied by the
 * exaggeration factor for the first iterations. The result depends only on the input and the
 * options: the same seed gives bit-identical points.
 */
public final class Tsne {

    /**
     * t-SNE settings.
     *
     * @param perplexity effective number of neighbours per point, {@code > 1} and below the number
     *     of points
     * @param iterations gradient steps, {@code > 0}
     * @param learningRate gradient step size, {@code > 0}
     * @param earlyExaggeration factor on {@code P} during the first iterations, {@code >= 1}
     * @param exaggerationIterations how many first iterations are exaggerated (and use momentum
     *     0.5), {@code >= 0}
     * @param seed seeds the initial map points
     */
    public record Options(
            double perplexity,
            int iterations,
            double learningRate,
            double earlyExaggeration,
            int exaggerationIterations,
            long seed) {

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public Options {
            Exercises.require(
                    perplexity > 1, "perplexity must be > 1, received: perplexity=" + perplexity);
            Exercises.require(
                    iterations >= 1, "iterations must be > 0, received: iterations=" + iterations);
            Exercises.require(
                    learningRate > 0,
                    "learningRate must be > 0, received: learningRate=" + learningRate);
            Exercises.require(
                    earlyExaggeration >= 1,
                    "earlyExaggeration must be >= 1, received: earlyExaggeration="
                            + earlyExaggeration);
            Exercises.require(
                    exaggerationIterations >= 0,
                    "exaggerationIterations must be >= 0, received: exaggerationIterations="
                            + exaggerationIterations);
        }

        /**
         * Returns the paper's settings: perplexity 30, 1000 iterations, learning rate 200,
         * exaggeration 12 for 250 iterations, seed 42.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(30, 1000, 200, 12, 250, 42);
        }

        /**
         * Returns these settings with another perplexity.
         *
         * @param perplexity see {@link Options}
         * @return a copy
         * @throws IllegalArgumentException when out of range
         */
        public Options withPerplexity(double perplexity) {
            return new Options(
                    perplexity,
                    iterations,
                    learningRate,
                    earlyExaggeration,
                    exaggerationIterations,
                    seed);
        }

        /**
         * Returns these settings with another seed.
         *
         * @param seed see {@link Options}
         * @return a copy
         */
        public Options withSeed(long seed) {
            return new Options(
                    perplexity,
                    iterations,
                    learningRate,
                    earlyExaggeration,
                    exaggerationIterations,
                    seed);
        }
    }

    /**
     * The map.
     *
     * @param points {@code [n][2]} coordinates, centred on the origin, in input order
     * @param klDivergence the final {@code KL(P || Q)} (without exaggeration), in nats
     */
    public record Result(double[][] points, double klDivergence) {}

    private static final double MIN_PROBABILITY = 1e-12;
    private static final double FINAL_MOMENTUM = 0.8;
    private static final double INITIAL_MOMENTUM = 0.5;

    private Tsne() {}

    /**
     * Maps points to two dimensions.
     *
     * @param data {@code [n][d]} input points, {@code n > perplexity}, all rows of one length
     * @param options the settings
     * @return the two-dimensional map
     * @throws IllegalArgumentException when rows differ in length, a value is not finite, or there
     *     are not more points than the perplexity
     */
    public static Result embed(double[][] data, Options options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        int n = data.length;
        Exercises.require(
                n > options.perplexity() + 1,
                "the number of points must be > perplexity + 1, received: points="
                        + n
                        + ", perplexity="
                        + options.perplexity());
        double[][] p = jointProbabilities(squaredDistances(data), options.perplexity());
        Random random = new Random(options.seed());
        double[][] y = new double[n][2];
        for (double[] row : y) {
            row[0] = random.nextGaussian() * 1e-4;
            row[1] = random.nextGaussian() * 1e-4;
        }
        double[][] velocity = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            g[0] = 1;
            g[1] = 1;
        }
        double[][] kernel = new double[n][n];
        double[][] gradient = new double[n][2];
        for (int iteration = 0; iteration < options.iterations(); iteration++) {
            boolean early = iteration < options.exaggerationIterations();
            double exaggeration = early ? options.earlyExaggeration() : 1;
            double momentum = early ? INITIAL_MOMENTUM : FINAL_MOMENTUM;
            double sum = studentKernel(y, kernel);
            for (int i = 0; i < n; i++) {
                double gx = 0;
                double gy = 0;
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    double q = Math.max(kernel[i][j] / sum, MIN_PROBABILITY);
                    double m = (exaggeration * p[i][j] - q) * kernel[i][j];
                    gx += m * (y[i][0] - y[j][0]);
                    gy += m * (y[i][1] - y[j][1]);
                }
                gradient[i][0] = 4 * gx;
                gradient[i][1] = 4 * gy;
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 2; c++) {
                    // Delta-bar-delta gains: grow where the step keeps its direction.
                    boolean sameSign = (gradient[i][c] > 0) == (velocity[i][c] > 0);
                    gains[i][c] = Math.max(sameSign ? gains[i][c] * 0.8 : gains[i][c] + 0.2, 0.01);
                    velocity[i][c] =
                            momentum * velocity[i][c]
                                    - options.learningRate() * gains[i][c] * gradient[i][c];
                    y[i][c] += velocity[i][c];
                }
            }
            centre(y);
        }
        double sum = studentKernel(y, kernel);
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double q = Math.max(kernel[i][j] / sum, MIN_PROBABILITY);
                    kl += p[i][j] * Math.log(p[i][j] / q);
                }
            }
        }
        return new Result(y, kl);
    }

    /**
     * Measures how well a map keeps labelled groups together: the share of points whose nearest
     * other point (Euclidean) has the same label.
     *
     * @param points {@code [n][d]} points, {@code n >= 2}
     * @param labels one label per point
     * @return the agreement in [0, 1]
     * @throws IllegalArgumentException when the lengths differ or there are fewer than 2 points
     */
    public static double nearestNeighbourAgreement(double[][] points, int[] labels) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(labels, "labels");
        Exercises.require(
                points.length == labels.length && points.length >= 2,
                "points and labels must have the same length >= 2, received: points="
                        + points.length
                        + ", labels="
                        + labels.length);
        double[][] d = squaredDistances(points);
        int agree = 0;
        for (int i = 0; i < points.length; i++) {
            int best = -1;
            for (int j = 0; j < points.length; j++) {
                if (j != i && (best < 0 || d[i][j] < d[i][best])) {
                    best = j;
                }
            }
            if (labels[best] == labels[i]) {
                agree++;
            }
        }
        return agree / (double) points.length;
    }

    private static double[][] squaredDistances(double[][] data) {
        int n = data.length;
        int dim = data[0].length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            Exercises.require(
                    data[i].length == dim,
                    "every row must have length "
                            + dim
                            + ", received: data["
                            + i
                            + "].length="
                            + data[i].length);
            for (int k = 0; k < dim; k++) {
                Exercises.require(
                        Double.isFinite(data[i][k]),
                        "data must be finite, received: data[" + i + "][" + k + "]=" + data[i][k]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double diff = data[i][k] - data[j][k];
                    s += diff * diff;
                }
                d[i][j] = s;
                d[j][i] = s;
            }
        }
        return d;
    }

    /**
     * Computes the symmetric joint probabilities: per row a Gaussian whose precision is found by
     * binary search on the entropy, then {@code (P + Pᵀ) / 2n}.
     */
    private static double[][] jointProbabilities(double[][] distances, double perplexity) {
        int n = distances.length;
        double target = Math.log(perplexity);
        double[][] conditional = new double[n][n];
        for (int i = 0; i < n; i++) {
            // Distances relative to the nearest neighbour: the normalised row is the same, and
            // exp does not underflow to zero for the whole row when distances are large.
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    nearest = Math.min(nearest, distances[i][j]);
                }
            }
            double beta = 1;
            double low = Double.NEGATIVE_INFINITY;
            double high = Double.POSITIVE_INFINITY;
            double[] row = conditional[i];
            for (int attempt = 0; attempt < 100; attempt++) {
                double sum = 0;
                double weighted = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        row[j] = 0;
                        continue;
                    }
                    double shifted = distances[i][j] - nearest;
                    row[j] = Math.exp(-shifted * beta);
                    sum += row[j];
                    weighted += shifted * row[j];
                }
                double entropy = Math.log(sum) + beta * weighted / sum;
                for (int j = 0; j < n; j++) {
                    row[j] /= sum;
                }
                double difference = entropy - target;
                if (Math.abs(difference) < 1e-5) {
                    break;
                }
                if (difference > 0) {
                    low = beta;
                    beta = high == Double.POSITIVE_INFINITY ? beta * 2 : (beta + high) / 2;
                } else {
                    high = beta;
                    beta = low == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + low) / 2;
                }
            }
        }
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    p[i][j] =
                            Math.max(
                                    (conditional[i][j] + conditional[j][i]) / (2.0 * n),
                                    MIN_PROBABILITY);
                }
            }
        }
        return p;
    }

    /** Fills {@code kernel[i][j] = 1 / (1 + |yi - yj|²)} (0 on the diagonal); returns its sum. */
    private static double studentKernel(double[][] y, double[][] kernel) {
        int n = y.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            kernel[i][i] = 0;
            for (int j = i + 1; j < n; j++) {
                double dx = y[i][0] - y[j][0];
                double dy = y[i][1] - y[j][1];
                double k = 1 / (1 + dx * dx + dy * dy);
                kernel[i][j] = k;
                kernel[j][i] = k;
                sum += 2 * k;
            }
        }
        return sum;
    }

    private static void centre(double[][] y) {
        double mx = 0;
        double my = 0;
        for (double[] row : y) {
            mx += row[0];
            my += row[1];
        }
        mx /= y.length;
        my /= y.length;
        for (double[] row : y) {
            row[0] -= mx;
            row[1] -= my;
        }
    }
}
