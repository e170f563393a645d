package space.tokenta.research.eval;

import java.util.List;
import space.tokenta.research.baseline.A3Policy;
import space.tokenta.research.baseline.ChoTimeToExit;
import space.tokenta.research.baseline.GreedyMaxRsrp;
import space.tokenta.research.baseline.HandoverPolicy;
import space.tokenta.research.config.ResearchConfig;

/** The evaluated policies, in report order: the agent first, then every baseline. */
public final class Policies {
    public static final String DDQN = "ddqn";
    public static final String GREEDY = GreedyMaxRsrp.NAME;
    public static final String A3_DEFAULT = "a3-default";
    public static final String A3_TUNED = "a3-tuned";
    public static final String CHO = ChoTimeToExit.NAME;
    public static final List<String> ALL = List.of(DDQN, GREEDY, A3_DEFAULT, A3_TUNED, CHO);
    public static final List<String> BASELINES = List.of(GREEDY, A3_DEFAULT, A3_TUNED, CHO);

    private Policies() {}

    public static HandoverPolicy baseline(final String name, final ResearchConfig cfg, final A3Tuning.Point tuned) {
        final ResearchConfig.Baselines b = cfg.baselines();
        return switch (name) {
            case GREEDY -> new GreedyMaxRsrp();
            case A3_DEFAULT -> new A3Policy(A3_DEFAULT, b.a3DefaultHysteresisDb(), cfg.ticksOf(b.a3DefaultTttMs()));
            case A3_TUNED -> new A3Policy(A3_TUNED, tuned.hysteresisDb(), cfg.ticksOf(tuned.tttMs()));
            case CHO -> new ChoTimeToExit(b.choHysteresisDb(), cfg.ticksOf(b.choTttMs()), b.choServingExitS(),
                    b.choServingThresholdDbm());
            default -> throw new IllegalArgumentException("unknown baseline " + name);
        };
    }
}
