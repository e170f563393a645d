package space.tokenta.research.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import space.tokenta.research.sim.SplitMix64;

class MlpGradientTest {
    private static double loss(final Mlp net, final double[] x, final int action, final double target, final double delta) {
        return Huber.loss(net.forward(x)[action] - target, delta);
    }

    @Test
    void backpropagationMatchesCentralFiniteDifferences() {
        final Mlp net = new Mlp(new int[] {5, 7, 6, 3}, 42);
        final SplitMix64 rng = new SplitMix64(7);
        for (int trial = 0; trial < 4; trial++) {
            final double[] x = new double[5];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            final int action = trial % 3;
            // Targets both inside and outside the Huber delta exercise both branches.
            final double target = trial < 2 ? 0.3 : 25.0;
            final double delta = 1.0;
            final double[] grad = new double[net.parameters().length];
            final double[] q = net.forward(x);
            final double[] dOut = new double[3];
            dOut[action] = Huber.gradient(q[action] - target, delta);
            net.backward(dOut, grad);
            final double[] p = net.parameters();
            final double h = 1e-6;
            double maxRel = 0.0;
            for (int i = 0; i < p.length; i++) {
                final double saved = p[i];
                p[i] = saved + h;
                final double up = loss(net, x, action, target, delta);
                p[i] = saved - h;
                final double down = loss(net, x, action, target, delta);
                p[i] = saved;
                final double numeric = (up - down) / (2 * h);
                final double rel = Math.abs(numeric - grad[i]) / Math.max(1e-6, Math.abs(numeric) + Math.abs(grad[i]));
                maxRel = Math.max(maxRel, rel);
            }
            assertTrue(maxRel < 1e-4, "max relative gradient error " + maxRel);
        }
    }

    @Test
    void huberIsQuadraticInsideAndLinearOutside() {
        assertEquals(0.125, Huber.loss(0.5, 1.0), 1e-15);
        assertEquals(2.5, Huber.loss(-3.0, 1.0), 1e-15);
        assertEquals(1.0, Huber.gradient(3.0, 1.0));
        assertEquals(-0.5, Huber.gradient(-0.5, 1.0));
    }

    @Test
    void adamMovesAgainstTheGradient() {
        final double[] p = {1.0, -1.0};
        final Adam adam = new Adam(2, 0.1);
        for (int i = 0; i < 200; i++) {
            adam.step(p, new double[] {2 * p[0], 2 * p[1]});
        }
        assertTrue(Math.abs(p[0]) < 0.05 && Math.abs(p[1]) < 0.05, "Adam minimises x^2: " + p[0] + ", " + p[1]);
    }
}
