package space.tokenta.verify.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A verifier-held evaluation set: inputs with the labels the genuine model gives them. */
public record GoldenSet(List<Item> items)
{
    public static final int MAX_ITEMS = 10_000;

    /** One golden input and its label. */
    public record Item(int[] input, int label)
    {
    }

    public GoldenSet
    {
        if (items.isEmpty() || items.size() > MAX_ITEMS)
        {
            throw new IllegalArgumentException("golden set of 1.." + MAX_ITEMS + " items");
        }
        items = List.copyOf(items);
    }

    /** Labels random inputs with the genuine model (done once, when the model is graded). */
    public static GoldenSet label(final TinyClassifier genuine, final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final int[] input = new int[genuine.features()];
            for (int j = 0; j < input.length; j++)
            {
                input[j] = random.nextInt(-16, 17);
            }
            items.add(new Item(input, genuine.predict(input)));
        }
        return new GoldenSet(items);
    }
}
