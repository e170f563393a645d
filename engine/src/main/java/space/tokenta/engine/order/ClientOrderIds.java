package space.tokenta.engine.order;

import java.util.Arrays;
import space.tokenta.engine.collections.LongPairIndex;

/**
 * Every (account, client order id) ever placed, with its outcome, so a replayed place re-reports the
 * original outcome. Entries are append-only (insertion order is canonical).
 */
public final class ClientOrderIds {
    public long[] accountId;
    public long[] clientOrderId;
    public long[] orderId;
    public int[] instrumentId;
    public long[] parametersHash;
    /** RejectReason code of the original outcome (0 = accepted). */
    public int[] outcome;
    private int count;
    private final LongPairIndex index;

    public ClientOrderIds(final int initialCapacity) {
        accountId = new long[initialCapacity];
        clientOrderId = new long[initialCapacity];
        orderId = new long[initialCapacity];
        instrumentId = new int[initialCapacity];
        parametersHash = new long[initialCapacity];
        outcome = new int[initialCapacity];
        index = new LongPairIndex(initialCapacity);
    }

    public int count() {
        return count;
    }

    /** @return the entry for (account, client order id), or -1. */
    public int find(final long account, final long clientId) {
        return index.get(account, clientId);
    }

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
        index.put(account, clientId, entry);
    }
}
