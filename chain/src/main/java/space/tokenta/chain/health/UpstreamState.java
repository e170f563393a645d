package space.tokenta.chain.health;

/** Whether an upstream takes part in selection. */
public enum UpstreamState {
    /** Not yet probed. */
    UNKNOWN,
    /** In rotation. */
    ACTIVE,
    /** Out of rotation (probe failures, lag, syncing, fork); probed until it recovers. */
    QUARANTINED,
    /** Removed from the pool; in-flight requests finish, nothing new is sent. */
    REMOVED
}
