package io.cxr4j.core.metrics;

/** Quantiles for two-sided 95% intervals, kept in one place so every interval agrees. */
final class Quantiles {

    /** The 0.975 quantile of the standard normal distribution. */
    static final double Z_975 = 1.959963984540054;

    /** The 0.975 quantiles of Student's t for 1 to 30 degrees of freedom (scipy.stats.t.ppf). */
    private static final double[] T_975 = {
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252,
        2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688,
        2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845,
        2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142,
        2.045229642, 2.042272456};

    private Quantiles() {}

    /**
     * The 0.975 quantile of Student's t distribution: exact (to 9 decimals) up to 30 degrees of
     * freedom, beyond that the Cornish-Fisher expansion, which is off by less than 1e-6 there.
     *
     * @param degreesOfFreedom at least 1
     * @return the quantile
     */
    static double studentT975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("Student's t needs at least 1 degree of freedom, got "
                    + degreesOfFreedom);
        }
        if (degreesOfFreedom <= T_975.length) {
            return T_975[degreesOfFreedom - 1];
        }
        double z = Z_975;
        double v = degreesOfFreedom;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        double z9 = z7 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
                + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
    }
}
