package space.tokenta.engine.ledger;

import java.util.Arrays;
import org.agrona.collections.Long2LongHashMap;

/**
 * Double-entry ledger accounts in the TigerBeetle manner: each account (owner, asset, purpose) keeps
 * debits/credits posted and pending; a transfer always debits one account and credits another by the
 * same amount, so per asset all balances sum to zero.
 *
 * <p>Accounts are addressed by a <em>cell</em>: the four balances of an account are four adjacent
 * longs (32 bytes), and cells come in pairs (64 bytes): a trader's AVAILABLE and HOLD accounts of one
 * asset share a pair, AVAILABLE in the even cell and HOLD in the odd one, so a hold or a release
 * (AVAILABLE to HOLD and back) touches one block of memory instead of two far apart. Other accounts
 * (FEES, OMNIBUS) take a pair of their own. Owner, asset, purpose and flags sit in a separate,
 * denser array (read for events); the flags again in one byte per cell, so the flag check of every
 * debit reads a table of a few kilobytes rather than the account's metadata line.
 *
 * <p>Cells are physical; the canonical order of accounts is their creation order ({@link #cellAt},
 * {@link #creationIndex}), which snapshots use. Cells are never reused or moved.
 */
public final class Ledger {
    public static final int FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS = 1;
    private static final int CELL_LONGS = 4;
    private static final int DEBITS_POSTED = 0;
    private static final int CREDITS_POSTED = 1;
    private static final int DEBITS_PENDING = 2;
    private static final int CREDITS_PENDING = 3;
    private static final int META_LONGS = 2;
    private static final int OWNER = 0;
    private static final int ASSET_PURPOSE_FLAGS = 1; // asset in the low int, purpose in bits 32-39, flags 40-47
    private static final int NONE = -1;

    private long[] balances;
    private long[] meta;
    private byte[] flagsByCell;
    private int[] cellByCreation;
    private int[] creationByCell;
    /** Accounts created. */
    private int count;
    /** Cells allocated (two per pair, used or not). */
    private int cellCount;
    private final Long2LongHashMap cellByKey;

    public Ledger(final int initialCapacity) {
        final int cells = Math.max(2, initialCapacity + (initialCapacity & 1));
        balances = new long[cells * CELL_LONGS];
        meta = new long[cells * META_LONGS];
        flagsByCell = new byte[cells];
        cellByCreation = new int[cells];
        creationByCell = new int[cells];
        // pre-sized: accounts open lazily while trading (a seller's AVAILABLE at its first fill), and
        // the hot paths find ledger cells through the traders' caches rather than this map
        cellByKey = new Long2LongHashMap(initialCapacity * 2, 0.5f, -1L);
    }

    /** Accounts created. */
    public int count() {
        return count;
    }

    /** Cells allocated: every cell is below this (arrays indexed by cell need this length). */
    public int cellCount() {
        return cellCount;
    }

    /** The cell of the account created {@code creationIndex}-th (0-based). */
    public int cellAt(final int creationIndex) {
        return cellByCreation[creationIndex];
    }

    /** The creation index (canonical number) of the account in {@code cell}. */
    public int creationIndex(final int cell) {
        return creationByCell[cell];
    }

    private static long key(final long owner, final int assetId, final AccountPurpose purpose) {
        return (owner << 18) | ((long) assetId << 2) | purpose.code();
    }

    /** @return the cell of (owner, asset, purpose), or -1. */
    public int find(final long owner, final int assetId, final AccountPurpose purpose) {
        return (int) cellByKey.get(key(owner, assetId, purpose));
    }

    /** @return the cell of (owner, asset, purpose), creating the account (zero balances) if needed. */
    public int open(final long accountOwner, final int asset, final AccountPurpose accountPurpose) {
        final long key = key(accountOwner, asset, accountPurpose);
        final long existing = cellByKey.get(key);
        if (existing >= 0) {
            return (int) existing;
        }
        final boolean paired = accountPurpose == AccountPurpose.AVAILABLE || accountPurpose == AccountPurpose.HOLD;
        int cell = NONE;
        if (paired) {
            final AccountPurpose partner = accountPurpose == AccountPurpose.AVAILABLE
                    ? AccountPurpose.HOLD : AccountPurpose.AVAILABLE;
            final long partnerCell = cellByKey.get(key(accountOwner, asset, partner));
            if (partnerCell >= 0) {
                cell = (int) partnerCell ^ 1;
            }
        }
        if (cell == NONE) {
            if (cellCount + 2 > cellByCreation.length) {
                grow(cellByCreation.length * 2);
            }
            cell = cellCount + (accountPurpose == AccountPurpose.HOLD ? 1 : 0);
            creationByCell[cellCount] = NONE;
            creationByCell[cellCount + 1] = NONE;
            cellCount += 2;
        }
        Arrays.fill(balances, cell * CELL_LONGS, cell * CELL_LONGS + CELL_LONGS, 0);
        final int accountFlags = paired ? FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS : 0;
        meta[cell * META_LONGS + OWNER] = accountOwner;
        meta[cell * META_LONGS + ASSET_PURPOSE_FLAGS] = (asset & 0xFFFF_FFFFL) | ((long) accountPurpose.code() << 32)
                | ((long) accountFlags << 40);
        flagsByCell[cell] = (byte) accountFlags;
        cellByCreation[count] = cell;
        creationByCell[cell] = count;
        count++;
        cellByKey.put(key, cell);
        return cell;
    }

    private void grow(final int cells) {
        balances = Arrays.copyOf(balances, cells * CELL_LONGS);
        meta = Arrays.copyOf(meta, cells * META_LONGS);
        flagsByCell = Arrays.copyOf(flagsByCell, cells);
        cellByCreation = Arrays.copyOf(cellByCreation, cells);
        creationByCell = Arrays.copyOf(creationByCell, cells);
    }

    /** The HOLD cell paired with an AVAILABLE cell (same owner and asset; the account may not exist yet). */
    public static int holdCellOf(final int availableCell) {
        return availableCell | 1;
    }

    public long owner(final int cell) {
        return meta[cell * META_LONGS + OWNER];
    }

    public int assetId(final int cell) {
        return (int) meta[cell * META_LONGS + ASSET_PURPOSE_FLAGS];
    }

    public int purposeCode(final int cell) {
        return (int) (meta[cell * META_LONGS + ASSET_PURPOSE_FLAGS] >>> 32) & 0xFF;
    }

    public AccountPurpose purposeOf(final int cell) {
        return AccountPurpose.fromCode(purposeCode(cell));
    }

    public int flags(final int cell) {
        return flagsByCell[cell] & 0xFF;
    }

    public long debitsPosted(final int cell) {
        return balances[cell * CELL_LONGS + DEBITS_POSTED];
    }

    public long creditsPosted(final int cell) {
        return balances[cell * CELL_LONGS + CREDITS_POSTED];
    }

    public long debitsPending(final int cell) {
        return balances[cell * CELL_LONGS + DEBITS_PENDING];
    }

    public long creditsPending(final int cell) {
        return balances[cell * CELL_LONGS + CREDITS_PENDING];
    }

    /** Spendable balance: credits posted minus debits posted minus debits pending. */
    public long available(final int cell) {
        final int base = cell * CELL_LONGS;
        return balances[base + CREDITS_POSTED] - balances[base + DEBITS_POSTED] - balances[base + DEBITS_PENDING];
    }

    /** Posted balance: credits posted minus debits posted. */
    public long postedBalance(final int cell) {
        final int base = cell * CELL_LONGS;
        return balances[base + CREDITS_POSTED] - balances[base + DEBITS_POSTED];
    }

    /** A posted transfer; the debit account's flags are checked (a violation is a bug upstream). */
    public void post(final int debit, final int credit, final long amount) {
        balances[debit * CELL_LONGS + DEBITS_POSTED] += amount;
        balances[credit * CELL_LONGS + CREDITS_POSTED] += amount;
        checkFlags(debit);
    }

    public void reservePending(final int debit, final int credit, final long amount) {
        balances[debit * CELL_LONGS + DEBITS_PENDING] += amount;
        balances[credit * CELL_LONGS + CREDITS_PENDING] += amount;
        checkFlags(debit);
    }

    public void postPending(final int debit, final int credit, final long amount) {
        final int d = debit * CELL_LONGS;
        final int c = credit * CELL_LONGS;
        balances[d + DEBITS_PENDING] -= amount;
        balances[c + CREDITS_PENDING] -= amount;
        balances[d + DEBITS_POSTED] += amount;
        balances[c + CREDITS_POSTED] += amount;
    }

    public void voidPending(final int debit, final int credit, final long amount) {
        balances[debit * CELL_LONGS + DEBITS_PENDING] -= amount;
        balances[credit * CELL_LONGS + CREDITS_PENDING] -= amount;
    }

    private void checkFlags(final int cell) {
        final int base = cell * CELL_LONGS;
        // the balances were just written (cached); the flags are read only when debits exceed credits
        if (balances[base + DEBITS_POSTED] + balances[base + DEBITS_PENDING] > balances[base + CREDITS_POSTED]
                && (flags(cell) & FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS) != 0) {
            throw new IllegalStateException("debits exceed credits on ledger account " + owner(cell) + "/"
                    + assetId(cell) + "/" + purposeOf(cell));
        }
    }

    /** Restores one account exactly (snapshot restore); must be called in creation order. */
    public void restoreAccount(final long accountOwner, final int asset, final AccountPurpose accountPurpose,
            final long debitsPostedValue, final long creditsPostedValue, final long debitsPendingValue,
            final long creditsPendingValue) {
        final int base = open(accountOwner, asset, accountPurpose) * CELL_LONGS;
        balances[base + DEBITS_POSTED] = debitsPostedValue;
        balances[base + CREDITS_POSTED] = creditsPostedValue;
        balances[base + DEBITS_PENDING] = debitsPendingValue;
        balances[base + CREDITS_PENDING] = creditsPendingValue;
    }
}
