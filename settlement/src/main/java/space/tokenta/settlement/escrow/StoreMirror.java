package space.tokenta.settlement.escrow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import space.tokenta.store.escrow.EscrowState;
import space.tokenta.store.escrow.EscrowStore;

/**
 * Keeps the store's {@code escrows} read-model row in step with settlement's own row, through the
 * store's {@link EscrowStore} (idempotent insert and transitions). After a restart the read model
 * may lag several states; it is walked forward along the legal path.
 */
public final class StoreMirror {
    private static final List<EscrowState> PATH = List.of(EscrowState.OPENING, EscrowState.OPEN, EscrowState.DELIVERED);

    private final DataSource dataSource;
    private final EscrowStore store;

    public StoreMirror(final DataSource dataSource) {
        this.dataSource = dataSource;
        this.store = new EscrowStore(dataSource);
    }

    public void mirror(final EscrowRow row, final String txHash) {
        if (row.chainId() == null) {
            return;
        }
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        final EscrowState target = row.phase().storeState(row.disputed());
        try {
            store.insert(row.escrowId(), row.settlementIdHi(), row.settlementIdLo(), row.instrumentId(), row.tradeId(),
                    (int) (long) row.chainId(), row.buyerAccountId(), row.sellerAccountId(), row.assetId(), row.amount(),
                    row.tradeNs());
            for (final EscrowState next : path(current(row.escrowId()), target)) {
                store.transition(row.escrowId(), next, txHash, nowNs);
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot mirror " + row.escrowId() + " into the read model", e);
        }
    }

    /** The legal read-model transitions from {@code current} to {@code target} (empty when already there). */
    static List<EscrowState> path(final EscrowState current, final EscrowState target) {
        final List<EscrowState> steps = new java.util.ArrayList<>();
        EscrowState at = current;
        for (int step = 0; step < 6 && at != target; step++) {
            at = at.next().contains(target) ? target : nextOnPath(at);
            steps.add(at);
        }
        if (at != target) {
            throw new IllegalStateException("no legal read-model path from " + current + " to " + target);
        }
        return steps;
    }

    private static EscrowState nextOnPath(final EscrowState current) {
        final int i = PATH.indexOf(current);
        if (i < 0 || i + 1 >= PATH.size()) {
            throw new IllegalStateException("no legal read-model path from " + current);
        }
        return PATH.get(i + 1);
    }

    private EscrowState current(final String escrowId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT state FROM escrows WHERE escrow_id = ?")) {
            s.setString(1, escrowId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("escrow " + escrowId + " missing from the read model");
                }
                return EscrowState.valueOf(r.getString(1));
            }
        }
    }
}
