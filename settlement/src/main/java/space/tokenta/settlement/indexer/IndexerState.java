package space.tokenta.settlement.indexer;

/** Lifecycle of one chain's indexer. HALTED is terminal until an operator intervenes. */
public enum IndexerState {
    RUNNING,
    BACKING_OFF,
    HALTED
}
