package space.tokenta.store.projection;

/**
 * Called around the commit of each projection transaction (fault injection in tests: throwing
 * from {@link #beforeCommit} rolls the batch back; halting the process in either simulates a crash).
 */
public interface CommitHook {
    CommitHook NONE = new CommitHook() {
    };

    default void beforeCommit(long fromPosition, long toPosition) {
    }

    default void afterCommit(long fromPosition, long toPosition) {
    }
}
