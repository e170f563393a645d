package space.tokenta.research.agent;

/** Huber loss on the error e = prediction - target: quadratic within delta, linear outside. */
public final class Huber {
    private Huber() {}

    public static double loss(final double error, final double delta) {
        final double a = Math.abs(error);
        return a <= delta ? 0.5 * error * error : delta * (a - 0.5 * delta);
    }

    public static double gradient(final double error, final double delta) {
        return Math.max(-delta, Math.min(delta, error));
    }
}
