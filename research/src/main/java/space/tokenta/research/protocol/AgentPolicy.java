package space.tokenta.research.protocol;

import space.tokenta.research.agent.FeatureEncoder;
import space.tokenta.research.baseline.A3Event;
import space.tokenta.research.baseline.HandoverPolicy;
import space.tokenta.research.sim.ConnectionState;
import space.tokenta.research.sim.EventSink;
import space.tokenta.research.sim.MeasurementView;
import space.tokenta.research.sim.Simulator;

/**
 * The environment's side of the synchronous protocol. Every decision period, while connected, it
 * sends observation {@code seq = n} through the port and applies the answer at the same simulated
 * tick. On any fallback (exception, NaN, invalid action, out-of-order tag, deadline miss) it applies
 * the A3 rule instead, whose timers it keeps running every tick for exactly this purpose, and logs
 * the reason.
 */
public final class AgentPolicy implements HandoverPolicy {
    /** Sees each accepted or fallen-back decision (training uses it to build transitions). */
    public interface Listener {
        void onDecision(Observation observation, Decision decision, MeasurementView view);
    }

    public static final String NAME = "ddqn";
    private final FeatureEncoder encoder;
    private final DecisionPort port;
    private final A3Event fallbackRule;
    private final int periodTicks;
    private final EventSink events;
    private final Listener listener;
    private final LatencyRecorder latency;
    private long seq;

    public AgentPolicy(final FeatureEncoder encoder, final DecisionPort port, final A3Event fallbackRule,
                       final int periodTicks, final EventSink events, final Listener listener,
                       final LatencyRecorder latency) {
        if (periodTicks < 1) {
            throw new IllegalArgumentException("decision period must be at least one tick");
        }
        this.encoder = encoder;
        this.port = port;
        this.fallbackRule = fallbackRule;
        this.periodTicks = periodTicks;
        this.events = events;
        this.listener = listener;
        this.latency = latency;
    }

    @Override
    public String name() {
        return NAME;
    }

    public long lastSeq() {
        return seq;
    }

    @Override
    public int onTick(final MeasurementView view) {
        final int a3Target = fallbackRule.update(view);
        if (view.state() != ConnectionState.CONNECTED || view.tick() % periodTicks != 0) {
            return Simulator.STAY;
        }
        final Observation obs = encoder.encode(++seq, view, fallbackRule);
        final Decision decision = port.decide(obs);
        view.metrics().decisions++;
        if (latency != null) {
            latency.record(decision);
        }
        if (listener != null) {
            listener.onDecision(obs, decision, view);
        }
        if (!decision.accepted()) {
            view.metrics().fallbacks++;
            events.fallback(view.tick(), decision.seq(), decision.fallback().name());
            return a3Target;
        }
        return encoder.cellFor(decision.index());
    }
}
