package space.tokenta.settlement.indexer;

/**
 * Bounds of one chain's indexer.
 *
 * @param windowBlocks        recent (number, hash, parent) kept for reorg detection; a deeper reorg halts
 * @param rangeBlocks         blocks per backfill range (final blocks only)
 * @param tipBatchBlocks      unfinalized blocks processed per duty cycle
 * @param maxEventAttempts    failures of one log before it goes to the dead letters
 * @param backoffInitialMs    first backoff after a failed cycle (doubles)
 * @param backoffMaxMs        backoff ceiling
 * @param deliverBatch        final events handed to the sink per cycle
 */
public record IndexerConfig(long chainId, String contract, long startBlock, int windowBlocks, int rangeBlocks,
                            int tipBatchBlocks, int maxEventAttempts, long backoffInitialMs, long backoffMaxMs,
                            int deliverBatch) {
    public static final int MAX_WINDOW = 100_000;
    public static final int MAX_RANGE = 100_000;

    public IndexerConfig {
        check(chainId > 0, "chainId > 0");
        check(contract != null && contract.matches("0x[0-9a-fA-F]{40}"), "contract is a 0x address");
        check(startBlock >= 0, "startBlock >= 0");
        check(windowBlocks >= 2 && windowBlocks <= MAX_WINDOW, "windowBlocks in [2, " + MAX_WINDOW + "]");
        check(rangeBlocks >= 1 && rangeBlocks <= MAX_RANGE, "rangeBlocks in [1, " + MAX_RANGE + "]");
        check(tipBatchBlocks >= 1 && tipBatchBlocks <= 10_000, "tipBatchBlocks in [1, 10000]");
        check(maxEventAttempts >= 1 && maxEventAttempts <= 100, "maxEventAttempts in [1, 100]");
        check(backoffInitialMs >= 1 && backoffInitialMs <= backoffMaxMs && backoffMaxMs <= 60_000,
                "1 <= backoffInitialMs <= backoffMaxMs <= 60000");
        check(deliverBatch >= 1 && deliverBatch <= 10_000, "deliverBatch in [1, 10000]");
        contract = contract.toLowerCase(java.util.Locale.ROOT);
    }

    public static IndexerConfig defaults(final long chainId, final String contract, final long startBlock) {
        return new IndexerConfig(chainId, contract, startBlock, 128, 2_000, 64, 3, 10, 2_000, 1_000);
    }

    public IndexerConfig withWindow(final int blocks) {
        return new IndexerConfig(chainId, contract, startBlock, blocks, rangeBlocks, tipBatchBlocks, maxEventAttempts,
                backoffInitialMs, backoffMaxMs, deliverBatch);
    }

    public IndexerConfig withRange(final int blocks) {
        return new IndexerConfig(chainId, contract, startBlock, windowBlocks, blocks, tipBatchBlocks, maxEventAttempts,
                backoffInitialMs, backoffMaxMs, deliverBatch);
    }

    private static void check(final boolean ok, final String rule) {
        if (!ok) {
            throw new IllegalArgumentException("indexer config: " + rule);
        }
    }
}
