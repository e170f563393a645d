package space.tokenta.engine.order;

import java.util.Arrays;

/**
 * Every (account, client order id) ever placed, with its outcome, so a replayed place re-reports the
 * original outcome. Entries are append-only (insertion order is canonical) and each is one block of
 * {@value #ENTRY_STRIDE} longs: account id, client order id, order id, parameters hash, instrument id
 * (low 32 bits) and outcome code (high 32 bits).
 *
 * <p>Clients count their ids up, so almost every new id is above every id its account used before.
 * Such an id is appended to its account's <em>run</em>: the account's entries in ascending client
 * order id, one contiguous segment of a shared arena (a power of two of at least
 * {@value #FIRST_RUN_CAPACITY} cells, moved to a segment twice the size when full). Appending writes the
 * cell after the account's last one, which stays cached while the account keeps placing, where a hash
 * index wrote a random bucket of a multi-megabyte table on every place; a lookup is a binary search of
 * the account's run. An id that is not above the account's highest (out of order) goes to a small
 * hash index instead, which a lookup consults when the run does not hold the id.
 *
 * <p>Which of the two holds an entry is decided by the caller ({@code ascending}: the id is above the
 * account's highest so far), so the layout depends only on the order of insertion: a restored engine
 * rebuilds the same runs.
 */
public final class ClientOrderIds {
    static final int ENTRY_STRIDE = 5;
    private static final int ACCOUNT = 0;
    private static final int CLIENT_ID = 1;
    private static final int ORDER_ID = 2;
    private static final int PARAMETERS_HASH = 3;
    private static final int INSTRUMENT_OUTCOME = 4;
    private static final long LOW_32 = 0xFFFF_FFFFL;
    static final int FIRST_RUN_CAPACITY = 4;
    private static final int RUN_STRIDE = 2;
    private static final int MIN_INDEX_BUCKETS = 1 << 12;
    private static final long ENTRY_MASK = 0xFFFF_FFFFL;
    /** A binary search over at most 2^31 cells takes at most this many halvings. */
    private static final int MAX_SEARCH_STEPS = 32;

    private long[] entries;
    private int count;

    /** Per trader slot: the start of its run in {@link #arena} and the run's length. */
    private int[] runs;
    /** Entry numbers, grouped into runs. */
    private int[] arena;
    private int arenaTop;

    /** Out-of-order entries: their entry numbers, and an open-addressing index over them. */
    private int[] unordered;
    private int unorderedCount;
    private long[] buckets;
    private int mask;

    public ClientOrderIds(final int initialCapacity) {
        entries = new long[Math.multiplyExact(Math.max(1, initialCapacity), ENTRY_STRIDE)];
        runs = new int[64 * RUN_STRIDE];
        // runs of n entries occupy fewer than 4n cells of arena in all (every segment they left included)
        arena = new int[(int) Math.min(1 << 30, 4L * Math.max(16, initialCapacity))];
        unordered = new int[64];
        buckets = new long[MIN_INDEX_BUCKETS];
        mask = MIN_INDEX_BUCKETS - 1;
    }

    public int count() {
        return count;
    }

    public long accountId(final int entry) {
        return entries[entry * ENTRY_STRIDE + ACCOUNT];
    }

    public long clientOrderId(final int entry) {
        return entries[entry * ENTRY_STRIDE + CLIENT_ID];
    }

    public long orderId(final int entry) {
        return entries[entry * ENTRY_STRIDE + ORDER_ID];
    }

    public long parametersHash(final int entry) {
        return entries[entry * ENTRY_STRIDE + PARAMETERS_HASH];
    }

    public int instrumentId(final int entry) {
        return (int) entries[entry * ENTRY_STRIDE + INSTRUMENT_OUTCOME];
    }

    /** RejectReason code of the original outcome (0 = accepted). */
    public int outcome(final int entry) {
        return (int) (entries[entry * ENTRY_STRIDE + INSTRUMENT_OUTCOME] >>> 32);
    }

    private static long hash(final long account, final long clientId) {
        long h = account * 0x9E3779B97F4A7C15L ^ clientId;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }

    /** @return the entry for (account, client order id) of the trader in {@code traderSlot}, or -1. */
    public int find(final int traderSlot, final long account, final long clientId) {
        final int inRun = findInRun(traderSlot, clientId);
        if (inRun >= 0) {
            return inRun;
        }
        if (unorderedCount == 0) {
            return -1;
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
                if (accountId(entry) == account && clientOrderId(entry) == clientId) {
                    return entry;
                }
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private int findInRun(final int traderSlot, final long clientId) {
        if (traderSlot * RUN_STRIDE >= runs.length) {
            return -1;
        }
        final int start = runs[traderSlot * RUN_STRIDE];
        int low = 0;
        int high = runs[traderSlot * RUN_STRIDE + 1] - 1;
        for (int steps = 0; low <= high && steps < MAX_SEARCH_STEPS; steps++) {
            final int middle = (low + high) >>> 1;
            final int entry = arena[start + middle];
            final long id = clientOrderId(entry);
            if (id < clientId) {
                low = middle + 1;
            } else if (id > clientId) {
                high = middle - 1;
            } else {
                return entry;
            }
        }
        return -1;
    }

    /**
     * Appends an entry; (account, client order id) must not be present (callers {@link #find} first).
     *
     * @param ascending the id is above every client order id this trader used before (it then joins
     *                  the trader's run; otherwise the out-of-order index)
     */
    public void add(final int traderSlot, final boolean ascending, final long account, final long clientId,
            final long order, final int instrument, final long parametersHash, final int outcomeCode) {
        if (traderSlot < 0) {
            throw new IllegalArgumentException("negative trader slot");
        }
        if ((count + 1L) * ENTRY_STRIDE > entries.length) {
            entries = Arrays.copyOf(entries, Math.multiplyExact(entries.length, 2));
        }
        final int entry = count++;
        final long[] e = entries;
        final int at = entry * ENTRY_STRIDE;
        e[at + ACCOUNT] = account;
        e[at + CLIENT_ID] = clientId;
        e[at + ORDER_ID] = order;
        e[at + PARAMETERS_HASH] = parametersHash;
        e[at + INSTRUMENT_OUTCOME] = (instrument & LOW_32) | ((long) outcomeCode << 32);
        if (ascending) {
            appendToRun(traderSlot, entry);
        } else {
            addUnordered(entry);
        }
    }

    private void appendToRun(final int traderSlot, final int entry) {
        if (traderSlot * RUN_STRIDE >= runs.length) {
            runs = Arrays.copyOf(runs, Math.max(runs.length * 2, (traderSlot + 1) * RUN_STRIDE));
        }
        final int r = traderSlot * RUN_STRIDE;
        final int length = runs[r + 1];
        assert length == 0 || clientOrderId(arena[runs[r] + length - 1]) < clientOrderId(entry)
                : "run must ascend";
        if (length == 0) {
            runs[r] = reserve(FIRST_RUN_CAPACITY);
        } else if (length >= FIRST_RUN_CAPACITY && (length & (length - 1)) == 0) {
            // full: move to a segment twice the size (the old one is not reused)
            final int moved = reserve(length * 2);
            System.arraycopy(arena, runs[r], arena, moved, length);
            runs[r] = moved;
        }
        arena[runs[r] + length] = entry;
        runs[r + 1] = length + 1;
    }

    /** @return the start of a fresh arena segment of {@code cells} cells */
    private int reserve(final int cells) {
        if ((long) arenaTop + cells > arena.length) {
            arena = Arrays.copyOf(arena, Math.toIntExact(Math.max((long) arena.length * 2, (long) arenaTop + cells)));
        }
        final int start = arenaTop;
        arenaTop += cells;
        return start;
    }

    private void addUnordered(final int entry) {
        if (unorderedCount == unordered.length) {
            unordered = Arrays.copyOf(unordered, unorderedCount * 2);
        }
        unordered[unorderedCount++] = entry;
        if ((long) unorderedCount * 2 > buckets.length) {
            buckets = new long[buckets.length * 2];
            mask = buckets.length - 1;
            for (int i = 0; i < unorderedCount; i++) {
                insert(unordered[i]);
            }
        } else {
            insert(entry);
        }
    }

    private void insert(final int entry) {
        final long h = hash(accountId(entry), clientOrderId(entry));
        final long[] t = buckets;
        int i = (int) h & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = (h & ~ENTRY_MASK) | (entry + 1L);
    }
}
