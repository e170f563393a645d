package space.tokenta.engine.ledger;

import java.util.Arrays;
import org.agrona.collections.Long2LongHashMap;

/**
 * Double-entry ledger accounts in the TigerBeetle manner: each account (owner, asset, purpose) keeps
 * debits/credits posted and pending; a transfer always debits one account and credits another by the
 * same amount, so per asset all balances sum to zero. Slots are assigned in creation order and never
 * reused (creation order is part of the canonical state).
 */
public final class Ledger {
    public static final int FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS = 1;

    public long[] owner;
    public int[] assetId;
    public byte[] purpose;
    public int[] flags;
    public long[] debitsPosted;
    public long[] creditsPosted;
    public long[] debitsPending;
    public long[] creditsPending;
    private int count;
    private final Long2LongHashMap slotByKey;

    public Ledger(final int initialCapacity) {
        owner = new long[initialCapacity];
        assetId = new int[initialCapacity];
        purpose = new byte[initialCapacity];
        flags = new int[initialCapacity];
        debitsPosted = new long[initialCapacity];
        creditsPosted = new long[initialCapacity];
        debitsPending = new long[initialCapacity];
        creditsPending = new long[initialCapacity];
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
        if (count == owner.length) {
            grow(count * 2);
        }
        final int slot = count++;
        owner[slot] = accountOwner;
        assetId[slot] = asset;
        purpose[slot] = (byte) accountPurpose.code();
        flags[slot] = accountPurpose == AccountPurpose.AVAILABLE || accountPurpose == AccountPurpose.HOLD
                ? FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS : 0;
        debitsPosted[slot] = 0;
        creditsPosted[slot] = 0;
        debitsPending[slot] = 0;
        creditsPending[slot] = 0;
        slotByKey.put(key, slot);
        return slot;
    }

    /** Spendable balance: credits posted minus debits posted minus debits pending. */
    public long available(final int slot) {
        return creditsPosted[slot] - debitsPosted[slot] - debitsPending[slot];
    }

    /** Posted balance: credits posted minus debits posted. */
    public long postedBalance(final int slot) {
        return creditsPosted[slot] - debitsPosted[slot];
    }

    public AccountPurpose purposeOf(final int slot) {
        return AccountPurpose.fromCode(purpose[slot]);
    }

    /** A posted transfer; the caller has checked the debit account's flags. */
    public void post(final int debit, final int credit, final long amount) {
        debitsPosted[debit] += amount;
        creditsPosted[credit] += amount;
        checkFlags(debit);
    }

    public void reservePending(final int debit, final int credit, final long amount) {
        debitsPending[debit] += amount;
        creditsPending[credit] += amount;
        checkFlags(debit);
    }

    public void postPending(final int debit, final int credit, final long amount) {
        debitsPending[debit] -= amount;
        creditsPending[credit] -= amount;
        debitsPosted[debit] += amount;
        creditsPosted[credit] += amount;
    }

    public void voidPending(final int debit, final int credit, final long amount) {
        debitsPending[debit] -= amount;
        creditsPending[credit] -= amount;
    }

    private void checkFlags(final int slot) {
        if ((flags[slot] & FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS) != 0
                && debitsPosted[slot] + debitsPending[slot] > creditsPosted[slot]) {
            throw new IllegalStateException("debits exceed credits on ledger account " + owner[slot] + "/"
                    + assetId[slot] + "/" + purposeOf(slot));
        }
    }

    /** Restores one account exactly (snapshot restore); must be called in creation order. */
    public void restoreAccount(final long accountOwner, final int asset, final AccountPurpose accountPurpose,
            final long debitsPostedValue, final long creditsPostedValue, final long debitsPendingValue,
            final long creditsPendingValue) {
        final int slot = open(accountOwner, asset, accountPurpose);
        debitsPosted[slot] = debitsPostedValue;
        creditsPosted[slot] = creditsPostedValue;
        debitsPending[slot] = debitsPendingValue;
        creditsPending[slot] = creditsPendingValue;
    }

    private void grow(final int capacity) {
        owner = Arrays.copyOf(owner, capacity);
        assetId = Arrays.copyOf(assetId, capacity);
        purpose = Arrays.copyOf(purpose, capacity);
        flags = Arrays.copyOf(flags, capacity);
        debitsPosted = Arrays.copyOf(debitsPosted, capacity);
        creditsPosted = Arrays.copyOf(creditsPosted, capacity);
        debitsPending = Arrays.copyOf(debitsPending, capacity);
        creditsPending = Arrays.copyOf(creditsPending, capacity);
    }
}
