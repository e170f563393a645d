package space.tokenta.settlement.indexer.deadletter;

/** A log the indexer could not apply, with why and how often it was tried. */
public record DeadLetter(long id, long chainId, long blockNumber, String blockHash, int logIndex, String reason,
                         int attempts, boolean replayed) {
}
