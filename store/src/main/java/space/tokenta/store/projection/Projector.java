package space.tokenta.store.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.agrona.concurrent.Agent;
import space.tokenta.store.source.EventSource;
import space.tokenta.store.source.LogEntry;

/**
 * Follows an {@link EventSource} and writes the read models, one transaction per run of at most
 * {@code maxEntriesPerTransaction} entries. Run it on its own thread (an {@code AgentRunner});
 * the source is a log, so a slow database makes the projector lag, never the producer.
 */
public final class Projector implements Agent {
    public static final int MAX_ENTRIES_PER_TRANSACTION = 10_000;
    /** Pause after a failed transaction so that an unavailable database is not hammered. */
    public static final long RETRY_BACKOFF_NS = 200_000_000L;

    private final DataSource dataSource;
    private final EventSource source;
    private final int maxEntriesPerTransaction;
    private final ReadModelProjection projection;
    private final List<LogEntry> batch = new ArrayList<>();
    private volatile long projectedPosition = -1;
    private volatile long transactions;
    private volatile long eventsProjected;
    private volatile long failures;
    private long retryAtNs;

    public Projector(final DataSource dataSource, final EventSource source, final int maxEntriesPerTransaction,
            final CommitHook commitHook) {
        if (maxEntriesPerTransaction < 1 || maxEntriesPerTransaction > MAX_ENTRIES_PER_TRANSACTION) {
            throw new IllegalArgumentException("maxEntriesPerTransaction must be 1.." + MAX_ENTRIES_PER_TRANSACTION
                    + ": " + maxEntriesPerTransaction);
        }
        this.dataSource = dataSource;
        this.source = source;
        this.maxEntriesPerTransaction = maxEntriesPerTransaction;
        this.projection = new ReadModelProjection(commitHook);
    }

    @Override
    public String roleName() {
        return "tokenta-store-projector";
    }

    /** Projects at most one transaction's worth of entries; returns how many entries it wrote (0 = idle). */
    @Override
    public int doWork() throws SQLException {
        if (retryAtNs != 0 && System.nanoTime() - retryAtNs < 0) {
            return 0; // backing off after a database error
        }
        retryAtNs = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (projectedPosition < 0) {
                projectedPosition = ReadModelProjection.storedPosition(connection);
                connection.rollback();
            }
            batch.clear();
            source.poll(projectedPosition, maxEntriesPerTransaction, batch::add);
            if (batch.isEmpty()) {
                return 0;
            }
            final long before = projectedPosition;
            try {
                projectedPosition = projection.apply(connection, batch);
            } catch (final SQLException | RuntimeException e) {
                projectedPosition = -1; // re-read the stored position before the next attempt
                failures++;
                retryAtNs = System.nanoTime() + RETRY_BACKOFF_NS;
                throw e;
            }
            int written = 0;
            long events = 0;
            for (final LogEntry entry : batch) {
                if (entry.position() > before && entry.position() <= projectedPosition) {
                    written++;
                    events += entry.events().size();
                }
            }
            transactions++;
            eventsProjected += events;
            return written;
        } finally {
            batch.clear();
        }
    }

    /** Drains the source up to its current head on the calling thread (tools, rebuild, tests). */
    public long catchUp() throws SQLException {
        final long head = source.headPosition();
        long entries = 0;
        while (projectedPosition() < head) {
            final int n = doWork();
            if (n == 0 && projectedPosition() < head) {
                throw new IllegalStateException("projector stuck at " + projectedPosition + " below head " + head);
            }
            entries += n;
        }
        return entries;
    }

    /** The position committed to the database (-1 before the first duty cycle read it). */
    public long projectedPosition() {
        return projectedPosition;
    }

    /** Head position minus projected position, in log position units (0 = caught up). */
    public long lag() {
        final long projected = projectedPosition;
        return Math.max(0, source.headPosition() - Math.max(0, projected));
    }

    public long transactions() {
        return transactions;
    }

    /** Transactions that failed and were rolled back (each retried from the stored position). */
    public long failures() {
        return failures;
    }

    public long eventsProjected() {
        return eventsProjected;
    }
}
