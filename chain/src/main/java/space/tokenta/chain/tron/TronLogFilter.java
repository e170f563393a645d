package space.tokenta.chain.tron;

import java.util.List;
import space.tokenta.chain.rpc.JsonRpcCodec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds eth_getLogs filters for Tron's JSON-RPC subset: contract addresses go in their 0x form,
 * block numbers as hex quantities. Log addresses come back as 0x and convert with {@link TronAddress}.
 * Tron serves {@code finalized} as the latest solidified block, which is how the pool learns finality.
 */
public final class TronLogFilter {
    public static final int MAX_ADDRESSES = 64;

    private TronLogFilter() {
    }

    public static ObjectNode of(final List<TronAddress> contracts, final long fromBlock, final long toBlock, final List<String> topic0) {
        if (contracts.isEmpty() || contracts.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("1.." + MAX_ADDRESSES + " contract addresses");
        }
        if (fromBlock < 0 || toBlock < fromBlock) {
            throw new IllegalArgumentException("bad block range " + fromBlock + ".." + toBlock);
        }
        final ObjectNode filter = JsonRpcCodec.NODES.objectNode();
        filter.put("fromBlock", JsonRpcCodec.hex(fromBlock));
        filter.put("toBlock", JsonRpcCodec.hex(toBlock));
        final ArrayNode addresses = filter.putArray("address");
        contracts.forEach(a -> addresses.add(a.toEvmHex()));
        if (!topic0.isEmpty()) {
            final ArrayNode topics = filter.putArray("topics");
            final ArrayNode first = topics.addArray();
            topic0.forEach(first::add);
        }
        return filter;
    }
}
