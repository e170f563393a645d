package space.tokenta.research.agent;

import space.tokenta.research.sim.SplitMix64;

/** Fixed-capacity ring of transitions (s, a, r, s', mask(s')); sampling is uniform with replacement. */
public final class ReplayBuffer {
    private final int capacity;
    private final double[][] states;
    private final double[][] nextStates;
    private final boolean[][] nextMasks;
    private final int[] actions;
    private final double[] rewards;
    private final boolean[] terminal;
    private int size;
    private int head;

    public ReplayBuffer(final int capacity, final int inputs, final int actionsCount) {
        if (capacity < 1 || inputs < 1 || actionsCount < 1) {
            throw new IllegalArgumentException("replay sizes must be positive");
        }
        this.capacity = capacity;
        this.states = new double[capacity][inputs];
        this.nextStates = new double[capacity][inputs];
        this.nextMasks = new boolean[capacity][actionsCount];
        this.actions = new int[capacity];
        this.rewards = new double[capacity];
        this.terminal = new boolean[capacity];
    }

    public void add(final double[] s, final int a, final double r, final double[] next, final boolean[] nextMask, final boolean done) {
        System.arraycopy(s, 0, states[head], 0, s.length);
        System.arraycopy(next, 0, nextStates[head], 0, next.length);
        System.arraycopy(nextMask, 0, nextMasks[head], 0, nextMask.length);
        actions[head] = a;
        rewards[head] = r;
        terminal[head] = done;
        head = (head + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    public int size() {
        return size;
    }

    public int sample(final SplitMix64 rng) {
        if (size == 0) {
            throw new IllegalStateException("empty replay buffer");
        }
        return rng.nextInt(size);
    }

    double[] state(final int i) {
        return states[i];
    }

    double[] nextState(final int i) {
        return nextStates[i];
    }

    boolean[] nextMask(final int i) {
        return nextMasks[i];
    }

    int action(final int i) {
        return actions[i];
    }

    double reward(final int i) {
        return rewards[i];
    }

    boolean terminal(final int i) {
        return terminal[i];
    }
}
