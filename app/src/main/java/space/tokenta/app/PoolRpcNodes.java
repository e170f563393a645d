package space.tokenta.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import space.tokenta.chain.health.UpstreamHealth;
import space.tokenta.chain.rpc.Upstream;
import space.tokenta.chain.rpc.UpstreamPool;
import space.tokenta.chain.status.ChainStatus;
import space.tokenta.chain.status.UpstreamStatus;
import space.tokenta.gateway.port.RpcNodes;

/** The gateway's RPC Nodes port over the chain module's upstream pools (one per chain, by name). */
final class PoolRpcNodes implements RpcNodes {
    private static final double MICROS_PER_MS = 1_000.0;
    private final List<UpstreamPool> pools;

    PoolRpcNodes(final Map<String, UpstreamPool> poolsByName) {
        this.pools = poolsByName.values().stream()
                .sorted(java.util.Comparator.comparingLong(p -> p.config().profile().chainId())).toList();
    }

    @Override
    public Optional<List<ChainNodes>> chains() {
        final List<ChainNodes> out = new ArrayList<>(pools.size());
        for (final UpstreamPool pool : pools) {
            final ChainStatus status = pool.status();
            final List<UpstreamNode> upstreams = new ArrayList<>(status.upstreams().size());
            for (final UpstreamStatus u : status.upstreams()) {
                final Upstream upstream = pool.find(u.id());
                // p99 from the same latency window the pool's status reads p50 and p90 from
                final long p99Micros = upstream == null ? -1 : p99(upstream.health());
                upstreams.add(new UpstreamNode(u.id(), u.online(), u.state(), ms(u.p50LatencyMicros()), ms(p99Micros),
                        u.headBlock(), u.lagBlocks()));
            }
            out.add(new ChainNodes(status.chainId(), status.chain(), status.online(), status.total(), status.headBlock(),
                    status.finalizedBlock(), status.maxLagBlocks(), ms(status.p50LatencyMicros()), upstreams));
        }
        return Optional.of(out);
    }

    private static long p99(final UpstreamHealth health) {
        return health.latencyQuantileMicros(0.99);
    }

    /** Milliseconds to 0.01 ms; -1 (no requests yet) stays -1. */
    private static double ms(final long micros) {
        return micros < 0 ? -1 : Math.round(micros / MICROS_PER_MS * 100) / 100.0;
    }
}
