package io.cxr4j.benchmarks;

import java.util.Arrays;

/**
 * The arithmetic of {@link ServeLoadTest}: exact latency percentiles of a fixed count of requests
 * with distribution-free 95% intervals, throughput with an interval over equal parts of the run,
 * and the check that every request got exactly one answer, and its own.
 */
final class LoadStatistics {

    /** The two-sided 95% normal quantile. */
    private static final double Z95 = 1.959964;
    /** Student's t quantile (two-sided 95%) for 1 to 9 degrees of freedom. */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262};

    private LoadStatistics() {}

    /** A percentile of the sorted latencies with its 95% interval, in milliseconds. */
    record Quantile(double p, double ms, double lowMs, double highMs) {}

    /**
     * The {@code p} quantile of sorted values by the nearest-rank method (the smallest value with at
     * least {@code p} of the values at or below it), with the order statistics that bracket it with
     * at least 95% confidence whatever the distribution (ranks from the normal approximation to the
     * binomial count of values below the true quantile), clamped to the sample.
     *
     * @param sortedNanos latencies in nanoseconds, ascending, at least one
     * @param p in (0, 1]
     */
    static Quantile quantile(long[] sortedNanos, double p) {
        int n = sortedNanos.length;
        if (n == 0 || p <= 0 || p > 1) {
            throw new IllegalArgumentException("Need at least one value and p in (0, 1], had " + n + " and " + p);
        }
        int rank = Math.max(1, (int) Math.ceil(p * n - 1e-9));
        double spread = Z95 * Math.sqrt(n * p * (1 - p));
        int low = Math.max(1, (int) Math.floor(n * p - spread));
        int high = Math.min(n, (int) Math.ceil(n * p + spread) + 1);
        return new Quantile(p, ms(sortedNanos[rank - 1]), ms(sortedNanos[low - 1]), ms(sortedNanos[high - 1]));
    }

    /** Throughput of a run in requests per second, with a 95% interval over its parts. */
    record Throughput(double perSecond, double halfWidth, int parts) {}

    /**
     * Requests per second of a run that answered {@code completions.length} requests, counted from
     * {@code 0} (the start) to the last completion; the interval is Student's t over the rates of
     * {@code parts} consecutive groups of equally many completions (they are successive, not
     * independent, samples, so the interval describes how steady the run was).
     *
     * @param completionNanos when each request was answered, in nanoseconds after the start, any order
     * @param parts 2 to 10
     */
    static Throughput throughput(long[] completionNanos, int parts) {
        if (parts < 2 || parts > T95.length + 1 || completionNanos.length < parts) {
            throw new IllegalArgumentException("Need 2 to " + (T95.length + 1) + " parts of at least one request, had "
                    + parts + " parts of " + completionNanos.length + " requests");
        }
        long[] done = completionNanos.clone();
        Arrays.sort(done);
        int n = done.length;
        double[] rates = new double[parts];
        long previous = 0;
        for (int part = 0; part < parts; part++) {
            int first = part * n / parts;
            int last = (part + 1) * n / parts - 1;
            long end = done[last];
            rates[part] = (last - first + 1) / Math.max(1e-9, (end - previous) / 1e9);
            previous = end;
        }
        double mean = Arrays.stream(rates).average().orElseThrow();
        double variance = Arrays.stream(rates).map(r -> (r - mean) * (r - mean)).sum() / (parts - 1);
        double overall = n / Math.max(1e-9, done[n - 1] / 1e9);
        return new Throughput(overall, T95[parts - 2] * Math.sqrt(variance / parts), parts);
    }

    /** What became of a run's requests. */
    record Verdict(int requests, int answered, int lost, int duplicated, int refused, int mismatched, int swapped,
            double largestDeviation) {

        /** @return whether every request got exactly one 200 answer with its own image's probabilities */
        boolean clean() {
            return answered == requests && lost == 0 && duplicated == 0 && refused == 0 && mismatched == 0;
        }
    }

    /**
     * Checks every request of a run against the baseline of its image.
     *
     * @param baseline the probabilities of each image, computed one request at a time
     * @param imageOfRequest which image request {@code i} sent
     * @param answers per request, every answer received: its status, and its probabilities when the
     *     status is 200 (else null); an empty list is a lost request
     * @param tolerance the largest accepted absolute difference of a probability
     * @return counts of lost (no answer), duplicated (more than one), refused (not 200), mismatched
     *     (200, but not its image's probabilities) and, among the mismatched, swapped (another image's)
     */
    static Verdict verify(double[][] baseline, int[] imageOfRequest, java.util.List<java.util.List<Answer>> answers,
            double tolerance) {
        if (answers.size() != imageOfRequest.length) {
            throw new IllegalArgumentException(answers.size() + " answer lists for " + imageOfRequest.length + " requests");
        }
        int answered = 0;
        int lost = 0;
        int duplicated = 0;
        int refused = 0;
        int mismatched = 0;
        int swapped = 0;
        double largest = 0;
        for (int i = 0; i < imageOfRequest.length; i++) {
            java.util.List<Answer> got = answers.get(i);
            if (got.isEmpty()) {
                lost++;
                continue;
            }
            if (got.size() > 1) {
                duplicated++;
            }
            Answer answer = got.get(0);
            if (answer.status() != 200 || answer.probabilities() == null) {
                refused++;
                continue;
            }
            answered++;
            double deviation = deviation(baseline[imageOfRequest[i]], answer.probabilities());
            if (deviation > tolerance) {
                mismatched++;
                for (int other = 0; other < baseline.length; other++) {
                    if (other != imageOfRequest[i] && deviation(baseline[other], answer.probabilities()) <= tolerance) {
                        swapped++;
                        break;
                    }
                }
            } else {
                largest = Math.max(largest, deviation);
            }
        }
        return new Verdict(imageOfRequest.length, answered, lost, duplicated, refused, mismatched, swapped, largest);
    }

    /** One HTTP answer: its status and, for 200, the probabilities in the model's class order. */
    record Answer(int status, double[] probabilities) {}

    /** @return the largest absolute difference of two probability vectors; infinite when their lengths differ */
    static double deviation(double[] a, double[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }

    /**
     * The smallest difference between the baselines of two images: a swapped answer is detected only
     * when this is above the tolerance.
     */
    static double closestPair(double[][] baseline) {
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < baseline.length; i++) {
            for (int j = i + 1; j < baseline.length; j++) {
                closest = Math.min(closest, deviation(baseline[i], baseline[j]));
            }
        }
        return closest;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
