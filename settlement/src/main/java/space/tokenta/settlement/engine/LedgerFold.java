package space.tokenta.settlement.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.engine.event.NoOpEventSink;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferFlags;
import space.tokenta.engine.ledger.TransferKind;

/**
 * The engine's ledger rebuilt from its event journal: posted balance (credits minus debits posted)
 * and pending debits per (owner, purpose, asset). Double entry means the posted balances of one
 * asset always sum to zero; {@link #assetSums()} is what the tests check after every step.
 */
public final class LedgerFold extends NoOpEventSink {
    public static final int MAX_RECORDS = 50_000_000;

    /** A ledger account. */
    public record Key(long owner, AccountPurpose purpose, int assetId) implements Comparable<Key> {
        @Override
        public int compareTo(final Key o) {
            final int a = Integer.compare(assetId, o.assetId);
            if (a != 0) {
                return a;
            }
            final int p = purpose.compareTo(o.purpose);
            return p != 0 ? p : Long.compare(owner, o.owner);
        }
    }

    private final Map<Key, Long> posted = new TreeMap<>();
    private final Map<Key, Long> pendingDebits = new TreeMap<>();
    private long position;

    /** Folds the whole journal of the node in {@code nodeDirectory} as it is now. */
    public static LedgerFold of(final Path nodeDirectory) {
        final LedgerFold fold = new LedgerFold();
        try (EventLogReader reader = new EventLogReader(nodeDirectory, 0)) {
            int total = 0;
            int n;
            do {
                n = reader.poll((p, s, r, c, e) -> fold, 4_096);
                total += n;
                if (total > MAX_RECORDS) {
                    throw new IllegalStateException("journal longer than " + MAX_RECORDS + " records");
                }
            } while (n > 0);
            fold.position = reader.position();
        }
        return fold;
    }

    public long position() {
        return position;
    }

    public long posted(final long owner, final AccountPurpose purpose, final int assetId) {
        return posted.getOrDefault(new Key(owner, purpose, assetId), 0L);
    }

    public long pendingDebits(final long owner, final AccountPurpose purpose, final int assetId) {
        return pendingDebits.getOrDefault(new Key(owner, purpose, assetId), 0L);
    }

    /** Sum of posted balances per asset (zero for every asset, or the ledger is broken). */
    public Map<Integer, Long> assetSums() {
        final Map<Integer, Long> sums = new TreeMap<>();
        posted.forEach((k, v) -> sums.merge(k.assetId(), v, Long::sum));
        return sums;
    }

    public Map<Key, Long> postedBalances() {
        return Map.copyOf(posted);
    }

    @Override
    public void onTransfer(final long timestampNs, final long idHi, final long idLo, final long debitOwner,
            final AccountPurpose debitPurpose, final long creditOwner, final AccountPurpose creditPurpose,
            final int assetId, final long amount, final TransferKind kind, final int flags) {
        final Key debit = new Key(debitOwner, debitPurpose, assetId);
        final Key credit = new Key(creditOwner, creditPurpose, assetId);
        if ((flags & TransferFlags.PENDING) != 0) {
            pendingDebits.merge(debit, amount, Long::sum);
        } else if ((flags & TransferFlags.VOID_PENDING) != 0) {
            pendingDebits.merge(debit, -amount, Long::sum);
        } else {
            if ((flags & TransferFlags.POST_PENDING) != 0) {
                pendingDebits.merge(debit, -amount, Long::sum);
            }
            posted.merge(debit, -amount, Long::sum);
            posted.merge(credit, amount, Long::sum);
        }
    }

}
