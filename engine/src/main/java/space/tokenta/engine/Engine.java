package space.tokenta.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.EventSink;
import space.tokenta.engine.event.RejectReason;
import space.tokenta.engine.ledger.AccountPurpose;

/**
 * The Tokenta exchange core: a pure, single-threaded, deterministic state machine. {@link #apply}
 * takes one sequenced {@link Command} and reports what happened to an {@link EventSink}; the same
 * commands from the same state always give the same events and the same {@link #stateHash()}.
 * No I/O, no wall clock, no allocation per command on the hot path. Not thread-safe.
 */
public final class Engine {
    private final EngineConfig config;
    private long clockNs;

    public Engine() {
        this(EngineConfig.DEFAULT);
    }

    public Engine(final EngineConfig config) {
        this.config = config;
    }

    /** Applies one command; events go to {@code sink} before this returns. */
    public void apply(final Command command, final EventSink sink) {
        sink.onCommandRejected(command.timestampNs, command.type, command.accountId, 0, RejectReason.INVALID_COMMAND);
    }

    /**
     * Writes the whole state, canonically, at {@code offset} of {@code buffer} (use an expandable
     * buffer such as {@code ExpandableDirectByteBuffer}).
     *
     * @return the number of bytes written
     */
    public int snapshot(final MutableDirectBuffer buffer, final int offset) {
        buffer.putLong(offset, clockNs);
        return Long.BYTES;
    }

    /** Rebuilds an engine from {@link #snapshot} bytes. */
    public static Engine restore(final EngineConfig config, final DirectBuffer buffer, final int offset,
            final int length) {
        final Engine engine = new Engine(config);
        engine.clockNs = buffer.getLong(offset);
        return engine;
    }

    /** A stable 64-bit hash of the whole state: the hash of the canonical snapshot bytes. */
    public long stateHash() {
        return clockNs;
    }

    /** The sequenced clock: the largest command timestamp applied so far. */
    public long clockNs() {
        return clockNs;
    }

    /** Posted balance (credits minus debits) of a ledger account; 0 if the account does not exist. */
    public long balance(final long owner, final int assetId, final AccountPurpose purpose) {
        return 0;
    }

    public EngineConfig config() {
        return config;
    }
}
