package space.tokenta.research.agent;

/** Adam (Kingma and Ba, 2015) with bias correction, over a flat parameter array. */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private long steps;

    public Adam(final int parameters, final double learningRate) {
        if (parameters <= 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("parameters and learning rate must be positive");
        }
        this.learningRate = learningRate;
        this.m = new double[parameters];
        this.v = new double[parameters];
    }

    public void step(final double[] params, final double[] grad) {
        if (params.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("size mismatch");
        }
        steps++;
        final double c1 = 1.0 - StrictMath.pow(BETA1, steps);
        final double c2 = 1.0 - StrictMath.pow(BETA2, steps);
        for (int i = 0; i < params.length; i++) {
            final double g = grad[i];
            m[i] = BETA1 * m[i] + (1.0 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1.0 - BETA2) * g * g;
            params[i] -= learningRate * (m[i] / c1) / (StrictMath.sqrt(v[i] / c2) + EPSILON);
        }
    }

    public long steps() {
        return steps;
    }
}
