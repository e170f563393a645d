package space.tokenta.research.protocol;

/**
 * What the environment sends the agent for decision {@code seq}: the simulated tick it describes,
 * the feature vector and which actions are allowed. Action 0 is "stay".
 */
public record Observation(long seq, int tick, double[] features, boolean[] mask) {
    public Observation {
        if (seq < 0 || features == null || mask == null || mask.length == 0 || !mask[0]) {
            throw new IllegalArgumentException("observation needs seq >= 0, features and a mask allowing stay");
        }
    }
}
