package space.tokenta.gateway.port;

import java.util.List;
import java.util.Optional;

/**
 * The node's JSON-RPC upstream pools per chain, for the terminal's RPC Nodes panel. Implemented where
 * the pools live (the app wiring over the chain module); the gateway only reads it. Answers from memory.
 */
@FunctionalInterface
public interface RpcNodes {
    /** A node without chains. */
    RpcNodes NONE = Optional::empty;

    /** Every configured chain's pool status; empty when this node runs no chains. */
    Optional<List<ChainNodes>> chains();

    /**
     * One chain's pool: upstreams online of total, the pool's best and finalized heads, the largest lag of
     * an online upstream behind the best head, and the median of the online upstreams' p50 latencies.
     */
    record ChainNodes(long chainId, String name, int online, int total, long headBlock, long finalizedBlock,
                      long lagBlocks, double latencyP50Ms, List<UpstreamNode> upstreams) {
    }

    /** One upstream endpoint: healthy = in rotation; latencies from its recent requests (-1 when none yet). */
    record UpstreamNode(String name, boolean healthy, String state, double latencyP50Ms, double latencyP99Ms,
                        long headBlock, long lagBlocks) {
    }
}
