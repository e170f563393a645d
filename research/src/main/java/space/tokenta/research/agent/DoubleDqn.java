package space.tokenta.research.agent;

import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.protocol.Action;
import space.tokenta.research.protocol.AgentEndpoint;
import space.tokenta.research.protocol.Observation;
import space.tokenta.research.sim.SplitMix64;

/**
 * Double DQN (van Hasselt, Guez and Silver, 2016): the online network picks the next action, the
 * target network values it; Huber loss, Adam, uniform replay, hard target sync every C updates,
 * epsilon-greedy exploration over the allowed actions only (action masking on both the behaviour
 * policy and the bootstrap argmax).
 */
public final class DoubleDqn implements AgentEndpoint {
    private final ResearchConfig.Agent cfg;
    private final Mlp online;
    private final Mlp target;
    private final Adam adam;
    private final ReplayBuffer replay;
    private final SplitMix64 rng;
    private final double[] grad;
    private final double[] outputGrad;
    private final double[] nextState;
    private boolean training = true;
    private long decisions;
    private long updates;
    private double lastLoss;

    public DoubleDqn(final ResearchConfig.Agent cfg, final int inputs, final int actions, final long seed) {
        this.cfg = cfg;
        final int[] sizes = new int[cfg.hidden().size() + 2];
        sizes[0] = inputs;
        for (int i = 0; i < cfg.hidden().size(); i++) {
            sizes[i + 1] = cfg.hidden().get(i);
        }
        sizes[sizes.length - 1] = actions;
        this.online = new Mlp(sizes, SplitMix64.mix(seed, 11, 0));
        this.target = new Mlp(sizes, online.parameters());
        this.adam = new Adam(online.parameters().length, cfg.learningRate());
        this.replay = new ReplayBuffer(cfg.replayCapacity(), inputs, actions);
        this.rng = new SplitMix64(SplitMix64.mix(seed, 12, 0));
        this.grad = new double[online.parameters().length];
        this.outputGrad = new double[actions];
        this.nextState = new double[inputs];
    }

    public Mlp online() {
        return online;
    }

    public void setTraining(final boolean training) {
        this.training = training;
    }

    public long updates() {
        return updates;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public double epsilon() {
        final double frac = Math.min(1.0, decisions / (double) cfg.epsilonDecayDecisions());
        return cfg.epsilonStart() + frac * (cfg.epsilonEnd() - cfg.epsilonStart());
    }

    @Override
    public Action act(final Observation obs) {
        final boolean[] mask = obs.mask();
        if (training) {
            final double eps = epsilon();
            decisions++;
            if (rng.nextDouble() < eps) {
                int allowed = 0;
                for (boolean m : mask) {
                    allowed += m ? 1 : 0;
                }
                int pick = rng.nextInt(allowed);
                for (int a = 0; a < mask.length; a++) {
                    if (mask[a] && pick-- == 0) {
                        return new Action(obs.seq(), a, 0.0);
                    }
                }
            }
        }
        final double[] q = online.forward(obs.features());
        final int a = argmax(q, mask);
        return new Action(obs.seq(), a, q[a]);
    }

    static int argmax(final double[] q, final boolean[] mask) {
        int best = -1;
        for (int a = 0; a < q.length; a++) {
            if (mask[a] && (best < 0 || q[a] > q[best])) {
                best = a;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no allowed action");
        }
        return best;
    }

    public void remember(final double[] s, final int a, final double r, final double[] next, final boolean[] nextMask, final boolean done) {
        replay.add(s, a, r, next, nextMask, done);
    }

    public int replaySize() {
        return replay.size();
    }

    /** One gradient step on a minibatch; returns the mean Huber loss. */
    public double trainStep() {
        final int batch = cfg.batchSize();
        if (replay.size() < batch) {
            return Double.NaN;
        }
        java.util.Arrays.fill(grad, 0.0);
        double loss = 0.0;
        for (int k = 0; k < batch; k++) {
            final int i = replay.sample(rng);
            double y = replay.reward(i);
            if (!replay.terminal(i)) {
                System.arraycopy(replay.nextState(i), 0, nextState, 0, nextState.length);
                final int aStar = argmax(online.forward(nextState), replay.nextMask(i));
                y += cfg.gamma() * target.forward(nextState)[aStar];
            }
            final double[] q = online.forward(replay.state(i));
            final int a = replay.action(i);
            final double error = q[a] - y;
            loss += Huber.loss(error, cfg.huberDelta());
            java.util.Arrays.fill(outputGrad, 0.0);
            outputGrad[a] = Huber.gradient(error, cfg.huberDelta()) / batch;
            online.backward(outputGrad, grad);
        }
        clip(grad, cfg.gradClipNorm());
        adam.step(online.parameters(), grad);
        updates++;
        if (updates % cfg.targetSyncUpdates() == 0) {
            target.copyFrom(online);
        }
        lastLoss = loss / batch;
        return lastLoss;
    }

    static void clip(final double[] g, final double maxNorm) {
        double sq = 0.0;
        for (double x : g) {
            sq += x * x;
        }
        final double norm = StrictMath.sqrt(sq);
        if (norm > maxNorm) {
            final double scale = maxNorm / norm;
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
        }
    }
}
