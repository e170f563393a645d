package space.tokenta.engine.ledger;

import java.util.Arrays;
import org.agrona.collections.Long2LongHashMap;

/**
 * Double-entry ledger accounts in the TigerBeetle manner: each account (owner, asset, purpose) keeps
 * debits/credits posted and pending; a transfer always debits one account and credits another by the
 * same amount, so per asset all balances sum to zero. One account is 8 adjacent longs (one cache
 * line). Slots are assigned in creation order and never reused (creation order is canonical state).
 */
public final class Ledger {
    public static final int FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS = 1;
    private static final int STRIDE = 8;
    private static final int OWNER = 0;
    private static final int ASSET_PURPOSE_FLAGS = 1; // asset in the low int, purpose in bits 32-39, flags 40-47
    private static final int DEBITS_POSTED = 2;
    private static final int CREDITS_POSTED = 3;
    private static final int DEBITS_PENDING = 4;
    private static final int CREDITS_PENDING = 5;

    private long[] data;
    private int count;
    private final Long2LongHashMap slotByKey;

    public Ledger(final int initialCapacity) {
        data = new long[initialCapacity * STRIDE];
        // pre-sized: accounts open lazily while trading (a seller's AVAILABLE at its first fill), and
        // the hot paths find ledger slots through the traders' caches rather than this map
        slotByKey = new Long2LongHashMap(initialCapacity * 2, 0.5f, -1L);
    }

    public int count() {
        return count;
    }

    private static long key(final long owner, final int assetId, final AccountPurpose purpose) {
        return (owner << 18) | ((long) assetId << 2) | purpose.code();
    }

    /** @return the slot of (owner, asset, purpose), or -1. */
    public int find(final long owner, final int assetId, final AccountPurpose purpose) {
        return (int) slotByKey.get(key(owner, assetId, purpose));
    }

    /** @return the slot of (owner, asset, purpose), creating the account (zero balances) if needed. */
    public int open(final long accountOwner, final int asset, final AccountPurpose accountPurpose) {
        final long key = key(accountOwner, asset, accountPurpose);
        final long existing = slotByKey.get(key);
        if (existing >= 0) {
            return (int) existing;
        }
        if ((count + 1) * STRIDE > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        final int slot = count++;
        final int base = slot * STRIDE;
        Arrays.fill(data, base, base + STRIDE, 0);
        final int accountFlags = accountPurpose == AccountPurpose.AVAILABLE || accountPurpose == AccountPurpose.HOLD
                ? FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS : 0;
        data[base + OWNER] = accountOwner;
        data[base + ASSET_PURPOSE_FLAGS] = (asset & 0xFFFF_FFFFL) | ((long) accountPurpose.code() << 32)
                | ((long) accountFlags << 40);
        slotByKey.put(key, slot);
        return slot;
    }

    public long owner(final int slot) {
        return data[slot * STRIDE + OWNER];
    }

    public int assetId(final int slot) {
        return (int) data[slot * STRIDE + ASSET_PURPOSE_FLAGS];
    }

    public int purposeCode(final int slot) {
        return (int) (data[slot * STRIDE + ASSET_PURPOSE_FLAGS] >>> 32) & 0xFF;
    }

    public AccountPurpose purposeOf(final int slot) {
        return AccountPurpose.fromCode(purposeCode(slot));
    }

    public int flags(final int slot) {
        return (int) (data[slot * STRIDE + ASSET_PURPOSE_FLAGS] >>> 40) & 0xFF;
    }

    public long debitsPosted(final int slot) {
        return data[slot * STRIDE + DEBITS_POSTED];
    }

    public long creditsPosted(final int slot) {
        return data[slot * STRIDE + CREDITS_POSTED];
    }

    public long debitsPending(final int slot) {
        return data[slot * STRIDE + DEBITS_PENDING];
    }

    public long creditsPending(final int slot) {
        return data[slot * STRIDE + CREDITS_PENDING];
    }

    /** Spendable balance: credits posted minus debits posted minus debits pending. */
    public long available(final int slot) {
        final int base = slot * STRIDE;
        return data[base + CREDITS_POSTED] - data[base + DEBITS_POSTED] - data[base + DEBITS_PENDING];
    }

    /** Posted balance: credits posted minus debits posted. */
    public long postedBalance(final int slot) {
        final int base = slot * STRIDE;
        return data[base + CREDITS_POSTED] - data[base + DEBITS_POSTED];
    }

    /** A posted transfer; the debit account's flags are checked (a violation is a bug upstream). */
    public void post(final int debit, final int credit, final long amount) {
        data[debit * STRIDE + DEBITS_POSTED] += amount;
        data[credit * STRIDE + CREDITS_POSTED] += amount;
        checkFlags(debit);
    }

    public void reservePending(final int debit, final int credit, final long amount) {
        data[debit * STRIDE + DEBITS_PENDING] += amount;
        data[credit * STRIDE + CREDITS_PENDING] += amount;
        checkFlags(debit);
    }

    public void postPending(final int debit, final int credit, final long amount) {
        final int d = debit * STRIDE;
        final int c = credit * STRIDE;
        data[d + DEBITS_PENDING] -= amount;
        data[c + CREDITS_PENDING] -= amount;
        data[d + DEBITS_POSTED] += amount;
        data[c + CREDITS_POSTED] += amount;
    }

    public void voidPending(final int debit, final int credit, final long amount) {
        data[debit * STRIDE + DEBITS_PENDING] -= amount;
        data[credit * STRIDE + CREDITS_PENDING] -= amount;
    }

    private void checkFlags(final int slot) {
        final int base = slot * STRIDE;
        if ((flags(slot) & FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS) != 0
                && data[base + DEBITS_POSTED] + data[base + DEBITS_PENDING] > data[base + CREDITS_POSTED]) {
            throw new IllegalStateException("debits exceed credits on ledger account " + owner(slot) + "/"
                    + assetId(slot) + "/" + purposeOf(slot));
        }
    }

    /** Restores one account exactly (snapshot restore); must be called in creation order. */
    public void restoreAccount(final long accountOwner, final int asset, final AccountPurpose accountPurpose,
            final long debitsPostedValue, final long creditsPostedValue, final long debitsPendingValue,
            final long creditsPendingValue) {
        final int base = open(accountOwner, asset, accountPurpose) * STRIDE;
        data[base + DEBITS_POSTED] = debitsPostedValue;
        data[base + CREDITS_POSTED] = creditsPostedValue;
        data[base + DEBITS_PENDING] = debitsPendingValue;
        data[base + CREDITS_PENDING] = creditsPendingValue;
    }
}
