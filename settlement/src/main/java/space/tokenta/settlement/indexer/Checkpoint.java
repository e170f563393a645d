package space.tokenta.settlement.indexer;

/** The last block applied (with its hash), the highest final block, the state and why it halted. */
public record Checkpoint(long chainId, long blockNumber, String blockHash, long finalNumber, IndexerState state,
                         String haltReason) {
}
