package space.tokenta.settlement.engine;

import java.nio.file.Path;
import java.util.Optional;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.engine.ledger.TransferFlags;

/**
 * How the engine finished a pending transfer, read from its journal: used when a POST or VOID comes
 * back NOT_FOUND (after a crash, the earlier attempt may have applied it; or the engine's own
 * settlement timeout voided it), so the stored outcome says which.
 */
public final class TransferHistory {
    public static final int MAX_RECORDS = 50_000_000;

    /** How the pending transfer ended. */
    public enum Finish {
        POSTED, VOIDED, VOIDED_BY_TIMEOUT
    }

    private TransferHistory() {
    }

    public static Optional<Finish> finish(final Path nodeDirectory, final long idHi, final long idLo) {
        final RecordingEventSink sink = new RecordingEventSink();
        Finish found = null;
        try (EventLogReader reader = new EventLogReader(nodeDirectory, 0)) {
            int total = 0;
            int n;
            do {
                n = reader.poll((p, s, r, c, e) -> sink, 1_024);
                total += n;
                for (final Event event : sink.events()) {
                    if (event instanceof Event.Transfer t && t.idHi() == idHi && t.idLo() == idLo) {
                        if ((t.flags() & TransferFlags.POST_PENDING) != 0) {
                            found = Finish.POSTED;
                        } else if ((t.flags() & TransferFlags.VOID_PENDING) != 0) {
                            found = (t.flags() & TransferFlags.TIMEOUT) != 0 ? Finish.VOIDED_BY_TIMEOUT : Finish.VOIDED;
                        }
                    }
                }
                sink.clear();
                if (total > MAX_RECORDS) {
                    throw new IllegalStateException("journal longer than " + MAX_RECORDS + " records");
                }
            } while (n > 0);
        }
        return Optional.ofNullable(found);
    }
}
