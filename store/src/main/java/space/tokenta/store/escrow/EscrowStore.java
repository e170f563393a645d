package space.tokenta.store.escrow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import space.tokenta.store.query.Views.EscrowView;

/**
 * Settlement's writes to the escrows table. Both writes are idempotent: inserting an escrow that
 * exists with the same settlement id changes nothing, and moving to the state it is already in
 * changes nothing. An illegal transition is refused with {@link IllegalStateException}.
 */
public final class EscrowStore {
    public static final String COLUMNS = "escrow_id, settlement_id_hi, settlement_id_lo, instrument_id, trade_id,"
            + " chain_id, buyer_account_id, seller_account_id, asset_id, amount, state, open_tx_hash, last_tx_hash,"
            + " opened_ns, updated_ns";
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_TX_HASH_LENGTH = 130;

    private final DataSource dataSource;

    public EscrowStore(final DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a new escrow in state OPENING (or returns false when it already exists). */
    public boolean insert(final String escrowId, final long settlementIdHi, final long settlementIdLo,
            final int instrumentId, final long tradeId, final int chainId, final long buyerAccountId,
            final long sellerAccountId, final int assetId, final long amount, final long openedNs)
            throws SQLException {
        checkId(escrowId);
        if (amount <= 0) {
            throw new IllegalArgumentException("escrow amount must be positive: " + amount);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO escrows (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPENING', NULL, NULL, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            int i = 1;
            ps.setString(i++, escrowId);
            ps.setLong(i++, settlementIdHi);
            ps.setLong(i++, settlementIdLo);
            ps.setInt(i++, instrumentId);
            ps.setLong(i++, tradeId);
            ps.setInt(i++, chainId);
            ps.setLong(i++, buyerAccountId);
            ps.setLong(i++, sellerAccountId);
            ps.setInt(i++, assetId);
            ps.setLong(i++, amount);
            ps.setLong(i++, openedNs);
            ps.setLong(i, openedNs);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Moves an escrow to {@code state}, recording the transaction hash that did it. Returns false
     * when it was already in that state; throws when the escrow is unknown or the move is illegal.
     */
    public boolean transition(final String escrowId, final EscrowState state, final String txHash,
            final long updatedNs) throws SQLException {
        checkId(escrowId);
        if (txHash != null && txHash.length() > MAX_TX_HASH_LENGTH) {
            throw new IllegalArgumentException("tx hash too long");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                final EscrowState current;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT state FROM escrows WHERE escrow_id = ? FOR UPDATE")) {
                    ps.setString(1, escrowId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("unknown escrow " + escrowId);
                        }
                        current = EscrowState.valueOf(rs.getString(1));
                    }
                }
                if (current == state) {
                    c.rollback();
                    return false;
                }
                if (!current.next().contains(state)) {
                    throw new IllegalStateException("escrow " + escrowId + " cannot move from " + current + " to "
                            + state);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE escrows SET state = ?, last_tx_hash = ?,"
                        + " open_tx_hash = CASE WHEN ? = 'OPEN' THEN ? ELSE open_tx_hash END, updated_ns = ?"
                        + " WHERE escrow_id = ?")) {
                    ps.setString(1, state.name());
                    ps.setString(2, txHash);
                    ps.setString(3, state.name());
                    ps.setString(4, txHash);
                    ps.setLong(5, updatedNs);
                    ps.setString(6, escrowId);
                    ps.executeUpdate();
                }
                c.commit();
                return true;
            } catch (final SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void checkId(final String escrowId) {
        if (escrowId == null || escrowId.isEmpty() || escrowId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("escrow id must be 1.." + MAX_ID_LENGTH + " characters");
        }
    }

    /** Maps a row selected with {@link #COLUMNS}. */
    public static EscrowView escrow(final ResultSet rs) throws SQLException {
        return new EscrowView(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getLong(5),
                rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getInt(9), rs.getLong(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getLong(14), rs.getLong(15));
    }
}
