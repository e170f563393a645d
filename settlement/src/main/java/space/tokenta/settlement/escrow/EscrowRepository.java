package space.tokenta.settlement.escrow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * All SQL of the escrow worker. Every phase change is one UPDATE guarded by the phase it leaves
 * ({@code WHERE phase = expected}), so a stale worker can never move a row backwards.
 */
public final class EscrowRepository {
    public static final String JOURNAL_CURSOR = "escrow-settler";
    static final String COLUMNS = "escrow_id, settlement_id_hi, settlement_id_lo, trade_id, instrument_id, asset_id, "
            + "buyer_account_id, seller_account_id, amount, trade_ns, chain_id, buyer, seller, token, deal_id, "
            + "release_after, expires_at, auth_deadline, buyer_signature, phase, disputed, verdict_code, verdict, "
            + "verdict_signatures, evidence_cid, open_tx, settle_tx, engine_outcome, attempts, last_error";

    /** A fill read from the journal, as the row it becomes. */
    public record NewEscrow(long settlementIdHi, long settlementIdLo, long tradeId, int instrumentId, int assetId,
                            long buyerAccountId, long sellerAccountId, long amount, long tradeNs) {
    }

    private final DataSource dataSource;

    public EscrowRepository(final DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The journal position the worker has consumed up to (0 = nothing yet). */
    public long cursor(final String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT log_position FROM settlement_cursor WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read cursor " + name, e);
        }
    }

    /**
     * Inserts the fills (a fill already stored is skipped: its settlement id is unique) and moves the
     * cursor, in one transaction. @return rows inserted
     */
    public int ingest(final List<NewEscrow> fills, final String cursorName, final long position) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int inserted = 0;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO settlement_escrows (escrow_id, "
                        + "settlement_id_hi, settlement_id_lo, trade_id, instrument_id, asset_id, buyer_account_id, "
                        + "seller_account_id, amount, trade_ns, phase) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW') "
                        + "ON CONFLICT DO NOTHING")) {
                    for (final NewEscrow f : fills) {
                        int i = 1;
                        s.setString(i++, EscrowRow.escrowId(f.tradeId()));
                        s.setLong(i++, f.settlementIdHi());
                        s.setLong(i++, f.settlementIdLo());
                        s.setLong(i++, f.tradeId());
                        s.setInt(i++, f.instrumentId());
                        s.setInt(i++, f.assetId());
                        s.setLong(i++, f.buyerAccountId());
                        s.setLong(i++, f.sellerAccountId());
                        s.setLong(i++, f.amount());
                        s.setLong(i, f.tradeNs());
                        inserted += s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO settlement_cursor (name, log_position) "
                        + "VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET log_position = EXCLUDED.log_position "
                        + "WHERE settlement_cursor.log_position < EXCLUDED.log_position")) {
                    s.setString(1, cursorName);
                    s.setLong(2, position);
                    s.executeUpdate();
                }
                c.commit();
                return inserted;
            } catch (final SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot store fills", e);
        }
    }

    /** Escrows not final whose next attempt is due, oldest trade first. */
    public List<EscrowRow> due(final long nowMs, final int limit) {
        return query("SELECT " + COLUMNS + " FROM settlement_escrows WHERE phase NOT IN ('RELEASED', 'REFUNDED') "
                + "AND next_attempt_ms <= ? ORDER BY trade_id LIMIT ?", nowMs, limit);
    }

    public Optional<EscrowRow> find(final String escrowId) {
        final List<EscrowRow> rows = query("SELECT " + COLUMNS + " FROM settlement_escrows WHERE escrow_id = ?", escrowId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every escrow, oldest first (reconciliation and tests; bounded by {@code limit}). */
    /**
     * Escrows per phase, with the amount opened on chain and not yet settled (phases OPEN to AWAITING_FINAL):
     * {@code phase → [count, amount]}.
     */
    public java.util.Map<EscrowPhase, long[]> countByPhase() {
        final java.util.Map<EscrowPhase, long[]> out = new java.util.EnumMap<>(EscrowPhase.class);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT phase, count(*), coalesce(sum(amount), 0) FROM settlement_escrows GROUP BY phase");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(EscrowPhase.valueOf(r.getString(1)), new long[] {r.getLong(2), r.getLong(3)});
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("counting escrows by phase failed", e);
        }
        return out;
    }

    public List<EscrowRow> all(final int limit) {
        return query("SELECT " + COLUMNS + " FROM settlement_escrows ORDER BY trade_id LIMIT ?", limit);
    }

    /**
     * Moves {@code escrowId} from {@code expected} to {@code next}, setting {@code assignments}
     * ("col = ?, col = ?") to {@code values}; resets the retry counter. @return false when the row was
     * not in {@code expected} (another step moved it)
     */
    public boolean advance(final String escrowId, final EscrowPhase expected, final EscrowPhase next,
            final String assignments, final Object... values) {
        final String sql = "UPDATE settlement_escrows SET phase = ?, attempts = 0, next_attempt_ms = 0, last_error = NULL"
                + (assignments.isEmpty() ? "" : ", " + assignments) + " WHERE escrow_id = ? AND phase = ?";
        final Object[] all = new Object[values.length + 3];
        all[0] = next.name();
        System.arraycopy(values, 0, all, 1, values.length);
        all[values.length + 1] = escrowId;
        all[values.length + 2] = expected.name();
        return update(sql, all) == 1;
    }

    /** Sets columns without a phase change. */
    public void set(final String escrowId, final String assignments, final Object... values) {
        final Object[] all = new Object[values.length + 1];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = escrowId;
        update("UPDATE settlement_escrows SET " + assignments + " WHERE escrow_id = ?", all);
    }

    /** Looks at the row again no sooner than {@code atMs} (a wait, not a failure). */
    public void waitUntil(final String escrowId, final long atMs) {
        update("UPDATE settlement_escrows SET next_attempt_ms = ? WHERE escrow_id = ?", atMs, escrowId);
    }

    /** Records a failed step and when to retry it. */
    public void failed(final String escrowId, final int attempts, final long retryAtMs, final String error) {
        update("UPDATE settlement_escrows SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE escrow_id = ?",
                attempts, retryAtMs, error.length() > 1_000 ? error.substring(0, 1_000) : error, escrowId);
    }

    /**
     * The indexer's view of a deal when it is final: its derived state (OPEN, DISPUTED, RELEASED,
     * REFUNDED) if the block of its last event is at or below the chain's final block; else empty.
     */
    public Optional<String> finalDealState(final long chainId, final String dealId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT d.state FROM deals d JOIN indexer_checkpoint k ON k.chain_id = d.chain_id "
                        + "WHERE d.chain_id = ? AND d.deal_id = ? AND d.updated_block <= k.final_number "
                        + "AND d.updated_block <= k.block_number")) {
            s.setLong(1, chainId);
            s.setString(2, dealId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read the indexer's deal " + dealId, e);
        }
    }

    private int update(final String sql, final Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            return s.executeUpdate();
        } catch (final SQLException e) {
            throw new IllegalStateException("escrow update failed: " + e.getMessage(), e);
        }
    }

    private List<EscrowRow> query(final String sql, final Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            final List<EscrowRow> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new IllegalStateException("escrow query failed: " + e.getMessage(), e);
        }
    }

    private static void bind(final PreparedStatement s, final Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }

    private static EscrowRow row(final ResultSet r) throws SQLException {
        return new EscrowRow(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getInt(5), r.getInt(6),
                r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), (Long) r.getObject(11), r.getString(12),
                r.getString(13), r.getString(14), r.getString(15), (Long) r.getObject(16), (Long) r.getObject(17),
                (Long) r.getObject(18), r.getString(19), EscrowPhase.valueOf(r.getString(20)), r.getBoolean(21),
                (Integer) r.getObject(22), r.getString(23), r.getString(24), r.getString(25), r.getString(26),
                r.getString(27), r.getString(28), r.getInt(29), r.getString(30));
    }
}
