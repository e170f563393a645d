package space.tokenta.research.agent;

import space.tokenta.research.protocol.Action;
import space.tokenta.research.protocol.AgentEndpoint;
import space.tokenta.research.protocol.Observation;

/** A trained network answering greedily over the allowed actions (evaluation). Not thread-safe: one caller. */
public final class GreedyEndpoint implements AgentEndpoint {
    private final Mlp network;

    public GreedyEndpoint(final Mlp network) {
        this.network = network;
    }

    @Override
    public Action act(final Observation obs) {
        final double[] q = network.forward(obs.features());
        final int a = DoubleDqn.argmax(q, obs.mask());
        return new Action(obs.seq(), a, q[a]);
    }
}
