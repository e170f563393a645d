package space.tokenta.research.agent;

import java.nio.ByteBuffer;
import space.tokenta.research.audit.Sha256;
import space.tokenta.research.sim.SplitMix64;

/**
 * Multi-layer perceptron with ReLU hidden layers and a linear output, in plain double arithmetic
 * with a fixed evaluation order: the same seed and data give bit-identical weights. Parameters live
 * in one flat array (per layer: weights row-major [out][in], then biases) so that the optimiser,
 * the target-network copy and the hash all walk the same layout.
 */
public final class Mlp {
    private final int[] sizes;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final double[] params;
    private final double[][] activations;
    private final double[][] deltas;

    public Mlp(final int[] sizes, final long seed) {
        this(sizes, new double[parameterCount(sizes)]);
        final SplitMix64 rng = new SplitMix64(seed);
        for (int l = 0; l + 1 < sizes.length; l++) {
            final int in = sizes[l];
            final int out = sizes[l + 1];
            final double limit = StrictMath.sqrt(6.0 / in); // He-uniform for ReLU
            for (int i = 0; i < in * out; i++) {
                params[weightOffset[l] + i] = (2.0 * rng.nextDouble() - 1.0) * limit;
            }
        }
    }

    public Mlp(final int[] sizes, final double[] parameters) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output layer");
        }
        for (int s : sizes) {
            if (s < 1 || s > 4096) {
                throw new IllegalArgumentException("layer sizes are 1..4096");
            }
        }
        if (parameters.length != parameterCount(sizes)) {
            throw new IllegalArgumentException("expected " + parameterCount(sizes) + " parameters, got " + parameters.length);
        }
        this.sizes = sizes.clone();
        this.params = parameters.clone();
        this.weightOffset = new int[sizes.length - 1];
        this.biasOffset = new int[sizes.length - 1];
        int offset = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            weightOffset[l] = offset;
            offset += sizes[l] * sizes[l + 1];
            biasOffset[l] = offset;
            offset += sizes[l + 1];
        }
        this.activations = new double[sizes.length][];
        this.deltas = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            activations[l] = new double[sizes[l]];
            deltas[l] = new double[sizes[l]];
        }
    }

    public static int parameterCount(final int[] sizes) {
        int n = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            n += sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return n;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** The live parameter array (the optimiser updates it in place). */
    public double[] parameters() {
        return params;
    }

    public void copyFrom(final Mlp other) {
        if (!java.util.Arrays.equals(sizes, other.sizes)) {
            throw new IllegalArgumentException("shape mismatch");
        }
        System.arraycopy(other.params, 0, params, 0, params.length);
    }

    /** Forward pass; the returned array is reused by the next call. */
    public double[] forward(final double[] input) {
        if (input.length != sizes[0]) {
            throw new IllegalArgumentException("expected " + sizes[0] + " inputs, got " + input.length);
        }
        System.arraycopy(input, 0, activations[0], 0, input.length);
        final int last = sizes.length - 1;
        for (int l = 0; l < last; l++) {
            final double[] a = activations[l];
            final double[] z = activations[l + 1];
            final int in = sizes[l];
            final int out = sizes[l + 1];
            final int wo = weightOffset[l];
            final int bo = biasOffset[l];
            for (int o = 0; o < out; o++) {
                double sum = params[bo + o];
                final int row = wo + o * in;
                for (int i = 0; i < in; i++) {
                    sum += params[row + i] * a[i];
                }
                z[o] = (l + 1 < last && sum < 0.0) ? 0.0 : sum;
            }
        }
        return activations[last];
    }

    /**
     * Backward pass for the last {@link #forward}: adds d(loss)/d(params) to {@code grad} given
     * d(loss)/d(output).
     */
    public void backward(final double[] outputGrad, final double[] grad) {
        final int last = sizes.length - 1;
        System.arraycopy(outputGrad, 0, deltas[last], 0, sizes[last]);
        for (int l = last - 1; l >= 0; l--) {
            final double[] a = activations[l];
            final double[] d = deltas[l + 1];
            final double[] dPrev = deltas[l];
            final int in = sizes[l];
            final int out = sizes[l + 1];
            final int wo = weightOffset[l];
            final int bo = biasOffset[l];
            java.util.Arrays.fill(dPrev, 0.0);
            for (int o = 0; o < out; o++) {
                final double g = d[o];
                if (g == 0.0) {
                    continue;
                }
                grad[bo + o] += g;
                final int row = wo + o * in;
                for (int i = 0; i < in; i++) {
                    grad[row + i] += g * a[i];
                    dPrev[i] += g * params[row + i];
                }
            }
            if (l > 0) {
                for (int i = 0; i < in; i++) {
                    if (a[i] <= 0.0) {
                        dPrev[i] = 0.0; // ReLU derivative (the activation stored is post-ReLU)
                    }
                }
            }
        }
    }

    /** SHA-256 over the big-endian IEEE-754 bits of every parameter, in layout order. */
    public String weightsSha256() {
        final ByteBuffer buffer = ByteBuffer.allocate(params.length * Double.BYTES);
        for (double p : params) {
            buffer.putDouble(p);
        }
        return Sha256.hex(buffer.array());
    }
}
