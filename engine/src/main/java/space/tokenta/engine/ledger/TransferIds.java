package space.tokenta.engine.ledger;

import java.util.Arrays;
import space.tokenta.engine.collections.IndexSizing;
import space.tokenta.engine.collections.LongPairIndex;

/** Every external transfer id ever used (deposit chain event ids, withdrawal ids): permanent idempotency keys, append-only. */
public final class TransferIds {
    public long[] idHi;
    public long[] idLo;
    private int count;
    private final LongPairIndex index;

    public TransferIds(final int initialCapacity) {
        idHi = new long[initialCapacity];
        idLo = new long[initialCapacity];
        index = new LongPairIndex(IndexSizing.presizedBuckets(initialCapacity) / 2);
    }

    public int count() {
        return count;
    }

    public boolean contains(final long hi, final long lo) {
        return index.get(hi, lo) != LongPairIndex.MISSING;
    }

    public void add(final long hi, final long lo) {
        if (count == idHi.length) {
            idHi = Arrays.copyOf(idHi, count * 2);
            idLo = Arrays.copyOf(idLo, count * 2);
        }
        idHi[count] = hi;
        idLo[count] = lo;
        index.put(hi, lo, count);
        count++;
    }
}
