package space.tokenta.research.agent;

import space.tokenta.research.baseline.A3Event;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.eval.EpisodeRunner;
import space.tokenta.research.eval.Seeds;
import space.tokenta.research.protocol.AgentPolicy;
import space.tokenta.research.protocol.Decision;
import space.tokenta.research.protocol.DirectPort;
import space.tokenta.research.protocol.Observation;
import space.tokenta.research.sim.EpisodeMetrics;
import space.tokenta.research.sim.EventSink;
import space.tokenta.research.sim.MeasurementView;

/**
 * Trains one Double-DQN agent for one seed on the training-seed episodes. The agent runs on the
 * environment's thread (no deadline) so that the learned weights depend only on the seed and config.
 */
public final class Trainer {
    /** What training produced. */
    public record Result(long seed, Mlp network, int episodes, long decisions, long updates, double finalEpsilon,
                         double meanRewardLastEpisodes, double lastLoss, double elapsedS) {}

    private Trainer() {}

    public static Result train(final ResearchConfig cfg, final long seed) {
        final long start = System.nanoTime();
        final FeatureEncoder encoder = new FeatureEncoder(cfg);
        final DoubleDqn agent = new DoubleDqn(cfg.agent(), encoder.inputs(), encoder.actions(), seed);
        final ResearchConfig.Agent a = cfg.agent();
        final RewardFunction reward = new RewardFunction(cfg);
        final int episodes = cfg.run().trainEpisodes();
        final int tail = Math.max(1, Math.min(10, episodes / 4));
        double tailReward = 0.0;
        long decisions = 0;
        for (int ep = 0; ep < episodes; ep++) {
            final TransitionBuilder builder = new TransitionBuilder(agent, reward, a.trainEveryDecisions(), a.warmupDecisions(), decisions);
            final AgentPolicy policy = new AgentPolicy(encoder, new DirectPort(agent),
                    new A3Event(cfg.baselines().a3DefaultHysteresisDb(), 0.0, cfg.ticksOf(cfg.baselines().a3DefaultTttMs())),
                    a.decisionPeriodTicks(), EventSink.NONE, builder, null);
            final EpisodeMetrics m = EpisodeRunner.run(cfg, Seeds.training(seed, ep), policy, EventSink.NONE);
            decisions = builder.decisions;
            if (ep >= episodes - tail) {
                tailReward += builder.episodeReward + builder.pendingReward(m);
            }
        }
        return new Result(seed, agent.online(), episodes, decisions, agent.updates(), agent.epsilon(),
                tailReward / tail, agent.lastLoss(), (System.nanoTime() - start) / 1e9);
    }

    /** Pairs consecutive decisions into transitions and schedules gradient steps. */
    private static final class TransitionBuilder implements AgentPolicy.Listener {
        private final DoubleDqn agent;
        private final RewardFunction reward;
        private final int trainEvery;
        private final int warmup;
        private double[] previousState;
        private int previousAction = -1;
        private long decisions;
        private double episodeReward;
        private boolean marked;

        TransitionBuilder(final DoubleDqn agent, final RewardFunction reward, final int trainEvery, final int warmup,
                          final long decisionsSoFar) {
            this.agent = agent;
            this.reward = reward;
            this.trainEvery = trainEvery;
            this.warmup = warmup;
            this.decisions = decisionsSoFar;
        }

        @Override
        public void onDecision(final Observation obs, final Decision decision, final MeasurementView view) {
            if (!marked) {
                reward.mark(view.metrics());
                marked = true;
            }
            if (previousState != null) {
                // The reward between two decisions includes everything the environment did in between.
                final double r = reward.since(view.metrics());
                episodeReward += r;
                agent.remember(previousState, previousAction, r, obs.features(), obs.mask(), false);
            } else {
                reward.mark(view.metrics());
            }
            if (decision.accepted()) {
                previousState = obs.features().clone();
                previousAction = decision.index();
            } else {
                previousState = null;
            }
            decisions++;
            if (decisions >= warmup && decisions % trainEvery == 0) {
                agent.trainStep();
            }
        }

        double pendingReward(final EpisodeMetrics m) {
            return marked ? reward.since(m) : 0.0;
        }
    }
}
