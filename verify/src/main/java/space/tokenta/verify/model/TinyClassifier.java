package space.tokenta.verify.model;

/**
 * A small linear classifier whose weights are the traded bytes: classes × features signed bytes,
 * prediction = argmax over classes of the dot product (ties to the lower class).
 */
public record TinyClassifier(byte[] weights, int features, int classes)
{
    public static final int MAX_FEATURES = 4096;
    public static final int MAX_CLASSES = 256;

    public TinyClassifier
    {
        if (features < 1 || features > MAX_FEATURES || classes < 2 || classes > MAX_CLASSES || weights.length != features * classes)
        {
            throw new IllegalArgumentException("weights must be classes × features signed bytes");
        }
        weights = weights.clone();
    }

    @Override
    public byte[] weights()
    {
        return weights.clone();
    }

    public int predict(final int[] input)
    {
        if (input.length != features)
        {
            throw new IllegalArgumentException("input has " + input.length + " features, model " + features);
        }
        int best = 0;
        long bestScore = Long.MIN_VALUE;
        for (int c = 0; c < classes; c++)
        {
            long score = 0;
            for (int j = 0; j < features; j++)
            {
                score += (long)weights[c * features + j] * input[j];
            }
            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }
}
