package space.tokenta.engine.order;

import java.util.Arrays;
import space.tokenta.engine.collections.IndexSizing;

/**
 * Every (account, client order id) ever placed, with its outcome, so a replayed place re-reports the
 * original outcome. Entries are append-only (insertion order is canonical).
 *
 * <p>The index is one {@code long[]} of 8-byte buckets (a 32-bit fingerprint of the key and the entry
 * number + 1), open addressing with linear probing, load at most 1/2: a third of a 24-byte
 * (key, key, value) bucket, so more of it stays cached; a place looks up a fresh id in one bucket, and
 * only a fingerprint match reads the entry itself. Pre-sized as {@link IndexSizing#presizedBuckets}.
 *
 * <p>New entries reach the index in batches of {@link #INSERT_BATCH}: a fresh key's bucket is a random
 * place in a table of megabytes, so each insert is a cache miss; inserted one per command, every miss
 * stalls its command, while a batch's inserts are independent and their misses overlap. Until its batch
 * is inserted an entry is found by scanning the few un-indexed entries (at most INSERT_BATCH - 1).
 */
public final class ClientOrderIds {
    private static final int MIN_INDEX_BUCKETS = 1 << 12;
    private static final long ENTRY_MASK = 0xFFFF_FFFFL;
    /** Entries appended before they are inserted into the index together. */
    static final int INSERT_BATCH = 16;

    public long[] accountId;
    public long[] clientOrderId;
    public long[] orderId;
    public int[] instrumentId;
    public long[] parametersHash;
    /** RejectReason code of the original outcome (0 = accepted). */
    public int[] outcome;
    private int count;
    /** Entries {@code [0, indexed)} are in the index; {@code [indexed, count)} are not yet. */
    private int indexed;
    private long[] buckets;
    private int mask;

    public ClientOrderIds(final int initialCapacity) {
        accountId = new long[initialCapacity];
        clientOrderId = new long[initialCapacity];
        orderId = new long[initialCapacity];
        instrumentId = new int[initialCapacity];
        parametersHash = new long[initialCapacity];
        outcome = new int[initialCapacity];
        final int bucketCount = Math.max(MIN_INDEX_BUCKETS, IndexSizing.presizedBuckets(initialCapacity));
        buckets = new long[bucketCount];
        mask = bucketCount - 1;
    }

    public int count() {
        return count;
    }

    private static long hash(final long account, final long clientId) {
        long h = account * 0x9E3779B97F4A7C15L ^ clientId;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }

    /** @return the entry for (account, client order id), or -1. */
    public int find(final long account, final long clientId) {
        for (int entry = indexed; entry < count; entry++) {
            if (accountId[entry] == account && clientOrderId[entry] == clientId) {
                return entry;
            }
        }
        final long h = hash(account, clientId);
        final int fingerprint = (int) (h >>> 32);
        final long[] t = buckets;
        int i = (int) h & mask;
        for (int probes = 0; probes <= mask; probes++) {
            final long bucket = t[i];
            if (bucket == 0) {
                return -1;
            }
            if ((int) (bucket >>> 32) == fingerprint) {
                final int entry = (int) (bucket & ENTRY_MASK) - 1;
                if (accountId[entry] == account && clientOrderId[entry] == clientId) {
                    return entry;
                }
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Appends an entry; (account, client order id) must not be present (callers {@link #find} first). */
    public void add(final long account, final long clientId, final long order, final int instrument,
            final long hash, final int outcomeCode) {
        if (count == accountId.length) {
            final int capacity = count * 2;
            accountId = Arrays.copyOf(accountId, capacity);
            clientOrderId = Arrays.copyOf(clientOrderId, capacity);
            orderId = Arrays.copyOf(orderId, capacity);
            instrumentId = Arrays.copyOf(instrumentId, capacity);
            parametersHash = Arrays.copyOf(parametersHash, capacity);
            outcome = Arrays.copyOf(outcome, capacity);
        }
        final int entry = count++;
        accountId[entry] = account;
        clientOrderId[entry] = clientId;
        orderId[entry] = order;
        instrumentId[entry] = instrument;
        parametersHash[entry] = hash;
        outcome[entry] = outcomeCode;
        if ((long) count * 2 > buckets.length) {
            rebuild(buckets.length * 2);
        } else if (count - indexed == INSERT_BATCH) {
            for (int e = indexed; e < count; e++) {
                insert(e);
            }
            indexed = count;
        }
    }

    private void insert(final int entry) {
        final long h = hash(accountId[entry], clientOrderId[entry]);
        final long[] t = buckets;
        int i = (int) h & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = (h & ~ENTRY_MASK) | (entry + 1L);
    }

    private void rebuild(final int bucketCount) {
        buckets = new long[bucketCount];
        mask = bucketCount - 1;
        for (int entry = 0; entry < count; entry++) {
            insert(entry);
        }
        indexed = count;
    }
}
