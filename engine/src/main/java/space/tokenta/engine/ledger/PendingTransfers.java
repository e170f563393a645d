package space.tokenta.engine.ledger;

import java.util.Arrays;
import space.tokenta.engine.Limits;
import space.tokenta.engine.collections.IndexSizing;
import space.tokenta.engine.collections.LongPairIndex;

/**
 * Open pending transfers (withdrawals and fill settlements), indexed by their 128-bit id. A
 * settlement carries its linked fee leg (buyer HOLD to FEES) in the same record. Slots are recycled;
 * {@link #sequence} gives the canonical order.
 */
public final class PendingTransfers {
    public long[] idHi;
    public long[] idLo;
    public int[] debitSlot;
    public int[] creditSlot;
    public long[] amount;
    public int[] feeCreditSlot;
    public long[] feeAmount;
    public byte[] kind;
    public long[] timeoutAtNs;
    public long[] sequence;
    /** Settlements: the seller's trader slot and gross notional (released from its exposure on post/void). */
    public int[] sellerTraderSlot;
    public long[] grossNotional;
    public boolean[] live;
    private int[] freeSlots;
    private int freeCount;
    private int capacity;
    private int liveCount;
    private final LongPairIndex index;

    public PendingTransfers(final int initialCapacity) {
        index = new LongPairIndex(IndexSizing.presizedBuckets(initialCapacity) / 2, Limits.ENGINE_TRANSFER_ID_HI);
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
        return index.get(hi, lo);
    }

    public int add(final long hi, final long lo, final TransferKind transferKind, final int debit, final int credit,
            final long transferAmount, final long seq) {
        if (freeCount == 0) {
            grow(capacity * 2);
        }
        final int slot = freeSlots[--freeCount];
        idHi[slot] = hi;
        idLo[slot] = lo;
        kind[slot] = (byte) transferKind.code();
        debitSlot[slot] = debit;
        creditSlot[slot] = credit;
        amount[slot] = transferAmount;
        feeCreditSlot[slot] = -1;
        feeAmount[slot] = 0;
        timeoutAtNs[slot] = 0;
        sequence[slot] = seq;
        sellerTraderSlot[slot] = -1;
        grossNotional[slot] = 0;
        live[slot] = true;
        index.put(hi, lo, slot);
        liveCount++;
        return slot;
    }

    public void remove(final int slot) {
        if (!live[slot]) {
            throw new IllegalStateException("pending transfer slot not live: " + slot);
        }
        index.remove(idHi[slot], idLo[slot]);
        live[slot] = false;
        freeSlots[freeCount++] = slot;
        liveCount--;
    }

    public TransferKind kindOf(final int slot) {
        return TransferKind.fromCode(kind[slot]);
    }

    private void grow(final int newCapacity) {
        final int old = capacity;
        idHi = Arrays.copyOf(idHi == null ? new long[0] : idHi, newCapacity);
        idLo = Arrays.copyOf(idLo == null ? new long[0] : idLo, newCapacity);
        debitSlot = Arrays.copyOf(debitSlot == null ? new int[0] : debitSlot, newCapacity);
        creditSlot = Arrays.copyOf(creditSlot == null ? new int[0] : creditSlot, newCapacity);
        amount = Arrays.copyOf(amount == null ? new long[0] : amount, newCapacity);
        feeCreditSlot = Arrays.copyOf(feeCreditSlot == null ? new int[0] : feeCreditSlot, newCapacity);
        feeAmount = Arrays.copyOf(feeAmount == null ? new long[0] : feeAmount, newCapacity);
        kind = Arrays.copyOf(kind == null ? new byte[0] : kind, newCapacity);
        timeoutAtNs = Arrays.copyOf(timeoutAtNs == null ? new long[0] : timeoutAtNs, newCapacity);
        sequence = Arrays.copyOf(sequence == null ? new long[0] : sequence, newCapacity);
        sellerTraderSlot = Arrays.copyOf(sellerTraderSlot == null ? new int[0] : sellerTraderSlot, newCapacity);
        grossNotional = Arrays.copyOf(grossNotional == null ? new long[0] : grossNotional, newCapacity);
        live = Arrays.copyOf(live == null ? new boolean[0] : live, newCapacity);
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
