package space.tokenta.engine.ledger;

import java.util.Arrays;
import space.tokenta.engine.Limits;
import space.tokenta.engine.collections.IndexSizing;
import space.tokenta.engine.collections.LongPairIndex;

/**
 * Open pending transfers (withdrawals and fill settlements), indexed by their 128-bit id. A
 * settlement carries its linked fee leg (buyer HOLD to FEES) in the same record. Slots are recycled;
 * {@link #sequence} gives the canonical order.
 *
 * <p>Each record is one block of {@value #STRIDE} longs in a single array (every fill writes one, and
 * free slots are handed out in ascending order, so fills write one sequential stream instead of a
 * dozen parallel arrays): id high, id low, amount, fee amount, timeout, sequence, gross notional,
 * debit and credit slots (low and high 32 bits), fee credit and seller trader slots (the same), kind
 * and liveness.
 */
public final class PendingTransfers {
    static final int STRIDE = 10;
    private static final int ID_HI = 0;
    private static final int ID_LO = 1;
    private static final int AMOUNT = 2;
    private static final int FEE_AMOUNT = 3;
    private static final int TIMEOUT_AT = 4;
    private static final int SEQUENCE = 5;
    private static final int GROSS_NOTIONAL = 6;
    /** Debit slot in the low 32 bits, credit slot in the high 32 bits. */
    private static final int DEBIT_CREDIT = 7;
    /** Fee credit slot in the low 32 bits, seller trader slot in the high 32 bits (either may be -1). */
    private static final int FEE_SELLER = 8;
    /** Kind code in the low byte, 1 in bit 8 while live. */
    private static final int KIND_LIVE = 9;
    private static final long LIVE_BIT = 1L << 8;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    private long[] data;
    private int[] freeSlots;
    private int freeCount;
    private int capacity;
    private int liveCount;
    /** External ids (withdrawals). */
    private final LongPairIndex index;
    /**
     * Engine ids (settlements; high half {@link Limits#ENGINE_TRANSFER_ID_HI}): cell {@code lo & mask}
     * onwards (linear probing, load at most 1/2) holds slot + 1 (0 = empty), confirmed against the
     * record's id. Engine ids come from a sequence, so consecutive settlements land near each other, and
     * a cell is 4 bytes where a (key, key, value) entry is 24.
     */
    private int[] engineIds;
    private int engineMask;
    private int engineCount;

    public PendingTransfers(final int initialCapacity) {
        index = new LongPairIndex(16);
        final int cells = IndexSizing.presizedBuckets(initialCapacity);
        engineIds = new int[cells];
        engineMask = cells - 1;
        grow(initialCapacity);
    }

    public int liveCount() {
        return liveCount;
    }

    public int capacity() {
        return capacity;
    }

    /** @return the slot of the pending transfer with this id, or -1. */
    public int find(final long hi, final long lo) {
        if (hi != Limits.ENGINE_TRANSFER_ID_HI) {
            return index.get(hi, lo);
        }
        final int cell = engineCell(lo);
        return cell < 0 ? -1 : engineIds[cell] - 1;
    }

    /** The cell holding engine id {@code lo}, or -1. */
    private int engineCell(final long lo) {
        final int[] t = engineIds;
        int i = (int) lo & engineMask;
        for (int probes = 0; probes <= engineMask; probes++) {
            final int cell = t[i];
            if (cell == 0) {
                return -1;
            }
            if (data[(cell - 1) * STRIDE + ID_LO] == lo) {
                return i;
            }
            i = (i + 1) & engineMask;
        }
        return -1;
    }

    private void putEngineId(final long lo, final int slot) {
        if ((engineCount + 1L) * 2 > engineIds.length) {
            final int[] old = engineIds;
            engineIds = new int[old.length * 2];
            engineMask = engineIds.length - 1;
            for (final int cell : old) {
                if (cell != 0) {
                    insertEngineId(data[(cell - 1) * STRIDE + ID_LO], cell - 1);
                }
            }
        }
        insertEngineId(lo, slot);
        engineCount++;
    }

    private void insertEngineId(final long lo, final int slot) {
        final int[] t = engineIds;
        int i = (int) lo & engineMask;
        while (t[i] != 0) {
            i = (i + 1) & engineMask;
        }
        t[i] = slot + 1;
    }

    /** Backward-shift deletion: later cells of the probe run move into the hole unless their home is after it. */
    private void removeEngineId(final long lo) {
        final int start = engineCell(lo);
        if (start < 0) {
            throw new IllegalStateException("engine transfer id not indexed: " + lo);
        }
        final int[] t = engineIds;
        int hole = start;
        int i = (start + 1) & engineMask;
        for (int probes = 0; probes <= engineMask && t[i] != 0; probes++) {
            final int home = (int) data[(t[i] - 1) * STRIDE + ID_LO] & engineMask;
            final boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                t[hole] = t[i];
                hole = i;
            }
            i = (i + 1) & engineMask;
        }
        t[hole] = 0;
        engineCount--;
    }

    private static long pair(final int low, final int high) {
        return (low & LOW_32) | ((long) high << 32);
    }

    /** A pending transfer without a fee leg or seller (a withdrawal). @return its slot */
    public int add(final long hi, final long lo, final TransferKind transferKind, final int debit, final int credit,
            final long transferAmount, final long seq, final long timeoutAt) {
        return add(hi, lo, transferKind, debit, credit, transferAmount, seq, timeoutAt, -1, 0, -1, 0);
    }

    /** Writes the whole record at once. @return its slot */
    public int add(final long hi, final long lo, final TransferKind transferKind, final int debit, final int credit,
            final long transferAmount, final long seq, final long timeoutAt, final int feeCredit, final long fee,
            final int sellerTrader, final long gross) {
        if (freeCount == 0) {
            grow(capacity * 2);
        }
        final int slot = freeSlots[--freeCount];
        final long[] d = data;
        final int at = slot * STRIDE;
        d[at + ID_HI] = hi;
        d[at + ID_LO] = lo;
        d[at + AMOUNT] = transferAmount;
        d[at + FEE_AMOUNT] = fee;
        d[at + TIMEOUT_AT] = timeoutAt;
        d[at + SEQUENCE] = seq;
        d[at + GROSS_NOTIONAL] = gross;
        d[at + DEBIT_CREDIT] = pair(debit, credit);
        d[at + FEE_SELLER] = pair(feeCredit, sellerTrader);
        d[at + KIND_LIVE] = (transferKind.code() & 0xFF) | LIVE_BIT;
        if (hi == Limits.ENGINE_TRANSFER_ID_HI) {
            putEngineId(lo, slot);
        } else {
            index.put(hi, lo, slot);
        }
        liveCount++;
        return slot;
    }

    public void remove(final int slot) {
        if (!live(slot)) {
            throw new IllegalStateException("pending transfer slot not live: " + slot);
        }
        final int at = slot * STRIDE;
        if (data[at + ID_HI] == Limits.ENGINE_TRANSFER_ID_HI) {
            removeEngineId(data[at + ID_LO]);
        } else {
            index.remove(data[at + ID_HI], data[at + ID_LO]);
        }
        data[at + KIND_LIVE] &= ~LIVE_BIT;
        freeSlots[freeCount++] = slot;
        liveCount--;
    }

    public boolean live(final int slot) {
        return (data[slot * STRIDE + KIND_LIVE] & LIVE_BIT) != 0;
    }

    public long idHi(final int slot) {
        return data[slot * STRIDE + ID_HI];
    }

    public long idLo(final int slot) {
        return data[slot * STRIDE + ID_LO];
    }

    public long amount(final int slot) {
        return data[slot * STRIDE + AMOUNT];
    }

    public long feeAmount(final int slot) {
        return data[slot * STRIDE + FEE_AMOUNT];
    }

    public long timeoutAtNs(final int slot) {
        return data[slot * STRIDE + TIMEOUT_AT];
    }

    public long sequence(final int slot) {
        return data[slot * STRIDE + SEQUENCE];
    }

    /** Settlements: the seller's gross notional (released from its exposure on post/void). */
    public long grossNotional(final int slot) {
        return data[slot * STRIDE + GROSS_NOTIONAL];
    }

    public int debitSlot(final int slot) {
        return (int) data[slot * STRIDE + DEBIT_CREDIT];
    }

    public int creditSlot(final int slot) {
        return (int) (data[slot * STRIDE + DEBIT_CREDIT] >> 32);
    }

    /** Settlements: the FEES ledger slot of the linked fee leg; -1 otherwise. */
    public int feeCreditSlot(final int slot) {
        return (int) data[slot * STRIDE + FEE_SELLER];
    }

    /** Settlements: the seller's trader slot; -1 otherwise. */
    public int sellerTraderSlot(final int slot) {
        return (int) (data[slot * STRIDE + FEE_SELLER] >> 32);
    }

    public int kindCode(final int slot) {
        return (int) (data[slot * STRIDE + KIND_LIVE] & 0xFF);
    }

    public TransferKind kindOf(final int slot) {
        return TransferKind.fromCode(kindCode(slot));
    }

    private void grow(final int newCapacity) {
        final int old = capacity;
        data = Arrays.copyOf(data == null ? new long[0] : data, Math.multiplyExact(newCapacity, STRIDE));
        final int[] newFree = new int[newCapacity];
        if (freeSlots != null) {
            System.arraycopy(freeSlots, 0, newFree, 0, freeCount);
        }
        freeSlots = newFree;
        for (int slot = newCapacity - 1; slot >= old; slot--) {
            freeSlots[freeCount++] = slot;
        }
        capacity = newCapacity;
    }
}
