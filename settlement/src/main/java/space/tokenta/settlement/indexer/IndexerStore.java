package space.tokenta.settlement.indexer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import space.tokenta.chain.escrow.EscrowEvent;

/**
 * The indexer's SQL. Every method that changes state runs in one transaction: a block (or a range
 * of final blocks) with its checkpoint, a rollback with its checkpoint, a finality step with its
 * outbox rows.
 */
public final class IndexerStore {
    private final DataSource dataSource;

    public IndexerStore(final DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    interface TxBody<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T inTx(final TxBody<T> body) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                final T result = body.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** A database failure (connection lost, server down): the indexer backs off and retries. */
    public static final class StoreException extends RuntimeException {
        public StoreException(final SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    public Optional<Checkpoint> checkpoint(final long chainId) {
        return inTx(c -> checkpoint(c, chainId));
    }

    /** Dead letters of a chain not replayed yet. */
    public long deadLetterCount(final long chainId) {
        return inTx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM dead_letters WHERE chain_id = ? AND NOT replayed")) {
                s.setLong(1, chainId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    private static Optional<Checkpoint> checkpoint(final Connection c, final long chainId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT block_number, block_hash, final_number, state, halt_reason FROM indexer_checkpoint WHERE chain_id = ?")) {
            s.setLong(1, chainId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Checkpoint(chainId, r.getLong(1), r.getString(2), r.getLong(3),
                        IndexerState.valueOf(r.getString(4)), r.getString(5)));
            }
        }
    }

    public void initCheckpoint(final long chainId, final long blockNumber, final String blockHash) {
        inTx(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO indexer_checkpoint VALUES (?, ?, ?, ?, 'RUNNING', NULL) "
                    + "ON CONFLICT (chain_id) DO NOTHING")) {
                s.setLong(1, chainId);
                s.setLong(2, blockNumber);
                s.setString(3, blockHash);
                s.setLong(4, blockNumber);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Applies blocks (each with its decoded logs) and moves the checkpoint to the last one, in one transaction. */
    public void applyBlocks(final long chainId, final List<BlockHeader> headers, final List<List<DecodedLog>> logs,
                            final BlockHeader checkpoint, final int windowBlocks) {
        if (headers.size() != logs.size()) {
            throw new IllegalArgumentException("one log list per block");
        }
        inTx(c -> {
            for (int i = 0; i < headers.size(); i++) {
                insertBlock(c, chainId, headers.get(i));
                for (final DecodedLog log : logs.get(i)) {
                    applyLog(c, chainId, log);
                }
            }
            moveCheckpoint(c, chainId, checkpoint.number(), checkpoint.hash());
            try (PreparedStatement s = c.prepareStatement("DELETE FROM indexer_blocks WHERE chain_id = ? AND block_number <= ?")) {
                s.setLong(1, chainId);
                s.setLong(2, checkpoint.number() - windowBlocks);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static void insertBlock(final Connection c, final long chainId, final BlockHeader h) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO indexer_blocks VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (chain_id, block_number) DO UPDATE SET block_hash = EXCLUDED.block_hash, parent_hash = EXCLUDED.parent_hash")) {
            s.setLong(1, chainId);
            s.setLong(2, h.number());
            s.setString(3, h.hash());
            s.setString(4, h.parentHash());
            s.executeUpdate();
        }
    }

    private static void moveCheckpoint(final Connection c, final long chainId, final long number, final String hash)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE indexer_checkpoint SET block_number = ?, block_hash = ? WHERE chain_id = ? AND state <> 'HALTED'")) {
            s.setLong(1, number);
            s.setString(2, hash);
            s.setLong(3, chainId);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("checkpoint of chain " + chainId + " missing or halted");
            }
        }
    }

    /** One log: a dead letter, or its event row and the rows it derives. */
    static void applyLog(final Connection c, final long chainId, final DecodedLog log) throws SQLException {
        if (log.event() == null) {
            deadLetter(c, chainId, log.log().getBlockNumber().longValueExact(), log.log().getBlockHash(),
                    log.log().getLogIndex().intValueExact(), log.deadReason(), log.attempts(), DecodedLog.rawJson(log.log()));
            return;
        }
        applyEvent(c, chainId, log, true);
    }

    /** A dead letter's event applied on replay; false (and nothing written) when its deal is still unknown. */
    public static boolean applyReplayed(final Connection c, final long chainId, final DecodedLog log) throws SQLException {
        if (log.event() == null) {
            throw new IllegalArgumentException("only decoded logs are replayed");
        }
        return applyEvent(c, chainId, log, false);
    }

    private static boolean applyEvent(final Connection c, final long chainId, final DecodedLog log,
                                      final boolean deadLetterUnknownDeal) throws SQLException {
        final EventRow row = EventRow.of(chainId, log.event());
        String dealState = null;
        DealRow openedDeal = null;
        if (row.dealId() != null) {
            final String before = dealState(c, chainId, row.dealId());
            try {
                dealState = EventRow.nextDealState(before, row.kind());
            } catch (EventRow.UnknownDealException e) {
                if (deadLetterUnknownDeal) {
                    deadLetter(c, chainId, row.blockNumber(), row.blockHash(), row.logIndex(), e.getMessage(), 1,
                            DecodedLog.rawJson(log.log()));
                }
                return false;
            }
            if (log.event() instanceof EscrowEvent.DealOpened o) {
                openedDeal = new DealRow(chainId, row.dealId(), o.buyer(), o.seller(), o.token(), o.amount(), "OPEN",
                        row.blockNumber(), row.blockNumber());
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO escrow_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, row.chainEventId());
            s.setLong(2, chainId);
            s.setLong(3, row.blockNumber());
            s.setString(4, row.blockHash());
            s.setInt(5, row.logIndex());
            s.setString(6, row.txHash());
            s.setString(7, row.kind());
            s.setString(8, row.dealId());
            s.setString(9, row.detail());
            s.executeUpdate();
        }
        if (log.event() instanceof EscrowEvent.Deposited d) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO deposits VALUES (?, ?, ?, ?, ?, ?, FALSE)")) {
                s.setString(1, row.chainEventId());
                s.setLong(2, chainId);
                s.setLong(3, row.blockNumber());
                s.setString(4, d.account());
                s.setString(5, d.token());
                s.setBigDecimal(6, new BigDecimal(d.amount()));
                s.executeUpdate();
            }
        }
        if (openedDeal != null) {
            upsertDeal(c, openedDeal);
        } else if (row.dealId() != null) {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE deals SET state = ?, updated_block = ? WHERE chain_id = ? AND deal_id = ?")) {
                s.setString(1, dealState);
                s.setLong(2, row.blockNumber());
                s.setLong(3, chainId);
                s.setString(4, row.dealId());
                s.executeUpdate();
            }
        }
        return true;
    }

    private static void upsertDeal(final Connection c, final DealRow d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (chain_id, deal_id) DO UPDATE SET state = EXCLUDED.state, updated_block = EXCLUDED.updated_block")) {
            s.setLong(1, d.chainId());
            s.setString(2, d.dealId());
            s.setString(3, d.buyer());
            s.setString(4, d.seller());
            s.setString(5, d.token());
            s.setBigDecimal(6, new BigDecimal(d.amount()));
            s.setString(7, d.state());
            s.setLong(8, d.openedBlock());
            s.setLong(9, d.updatedBlock());
            s.executeUpdate();
        }
    }

    private static String dealState(final Connection c, final long chainId, final String dealId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM deals WHERE chain_id = ? AND deal_id = ?")) {
            s.setLong(1, chainId);
            s.setString(2, dealId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    static void deadLetter(final Connection c, final long chainId, final long blockNumber, final String blockHash,
                           final int logIndex, final String reason, final int attempts, final String raw) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dead_letters (chain_id, block_number, block_hash, log_index, "
                + "reason, attempts, raw_log) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chain_id, block_hash, log_index) "
                + "DO UPDATE SET reason = EXCLUDED.reason, attempts = dead_letters.attempts + EXCLUDED.attempts")) {
            s.setLong(1, chainId);
            s.setLong(2, blockNumber);
            s.setString(3, blockHash.toLowerCase(java.util.Locale.ROOT));
            s.setInt(4, logIndex);
            s.setString(5, reason.length() > 1_000 ? reason.substring(0, 1_000) : reason);
            s.setInt(6, attempts);
            s.setString(7, raw);
            s.executeUpdate();
        }
    }

    /** The stored hash at a height inside the window, if any. */
    public Optional<String> storedHash(final long chainId, final long number) {
        return inTx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT block_hash FROM indexer_blocks WHERE chain_id = ? AND block_number = ?")) {
                s.setLong(1, chainId);
                s.setLong(2, number);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Deletes every derived row above {@code forkNumber}, re-folds the deals those rows touched from the
     * remaining events, and moves the checkpoint to the fork block, in one transaction. Returns the
     * number of blocks rolled back.
     */
    public long rollbackTo(final long chainId, final long forkNumber, final String forkHash) {
        return inTx(c -> {
            final Checkpoint cp = checkpoint(c, chainId).orElseThrow();
            if (forkNumber < cp.finalNumber()) {
                throw new IllegalStateException("rollback below the final block " + cp.finalNumber());
            }
            final Set<String> deals = new LinkedHashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT deal_id FROM escrow_events "
                    + "WHERE chain_id = ? AND block_number > ? AND deal_id IS NOT NULL")) {
                s.setLong(1, chainId);
                s.setLong(2, forkNumber);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        deals.add(r.getString(1));
                    }
                }
            }
            for (final String table : List.of("escrow_events", "deposits", "indexer_blocks", "dead_letters", "final_events")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE chain_id = ? AND block_number > ?")) {
                    s.setLong(1, chainId);
                    s.setLong(2, forkNumber);
                    final int deleted = s.executeUpdate();
                    if (table.equals("final_events") && deleted > 0) {
                        throw new IllegalStateException("final events above the fork point " + forkNumber);
                    }
                }
            }
            for (final String dealId : deals) {
                refoldDeal(c, chainId, dealId);
            }
            moveCheckpoint(c, chainId, forkNumber, forkHash);
            return cp.blockNumber() - forkNumber;
        });
    }

    private static void refoldDeal(final Connection c, final long chainId, final String dealId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM deals WHERE chain_id = ? AND deal_id = ?")) {
            s.setLong(1, chainId);
            s.setString(2, dealId);
            s.executeUpdate();
        }
        DealRow deal = null;
        try (PreparedStatement s = c.prepareStatement("SELECT kind, detail, block_number FROM escrow_events "
                + "WHERE chain_id = ? AND deal_id = ? ORDER BY block_number, log_index")) {
            s.setLong(1, chainId);
            s.setString(2, dealId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    final String kind = r.getString(1);
                    final long block = r.getLong(3);
                    if (kind.equals("DealOpened")) {
                        final String[] f = r.getString(2).split(" ");
                        deal = new DealRow(chainId, dealId, f[0], f[1], f[2], new BigInteger(f[3]), "OPEN", block, block);
                    } else if (deal != null) {
                        deal = new DealRow(chainId, dealId, deal.buyer(), deal.seller(), deal.token(), deal.amount(),
                                EventRow.nextDealState(deal.state(), kind), deal.openedBlock(), block);
                    }
                }
            }
        }
        if (deal != null) {
            upsertDeal(c, deal);
        }
    }

    /**
     * Marks deposits at or below {@code finalNumber} final and puts them in the outbox, in one
     * transaction. Returns the new final number.
     */
    public long markFinal(final long chainId, final long finalNumber) {
        return inTx(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO final_events "
                    + "SELECT chain_event_id, chain_id, block_number, 'CreditDeposit', account, token, amount, FALSE FROM deposits "
                    + "WHERE chain_id = ? AND block_number <= ? AND NOT is_final ON CONFLICT (chain_event_id) DO NOTHING")) {
                s.setLong(1, chainId);
                s.setLong(2, finalNumber);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE deposits SET is_final = TRUE WHERE chain_id = ? AND block_number <= ? AND NOT is_final")) {
                s.setLong(1, chainId);
                s.setLong(2, finalNumber);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE indexer_checkpoint SET final_number = GREATEST(final_number, ?) WHERE chain_id = ?")) {
                s.setLong(1, finalNumber);
                s.setLong(2, chainId);
                s.executeUpdate();
            }
            return finalNumber;
        });
    }

    public List<CreditDeposit> undelivered(final long chainId, final int limit) {
        return inTx(c -> {
            final List<CreditDeposit> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT chain_event_id, block_number, account, token, amount "
                    + "FROM final_events WHERE chain_id = ? AND NOT delivered ORDER BY block_number, chain_event_id LIMIT ?")) {
                s.setLong(1, chainId);
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new CreditDeposit(r.getString(1), chainId, r.getLong(2), r.getString(3), r.getString(4),
                                r.getBigDecimal(5).toBigIntegerExact()));
                    }
                }
            }
            return out;
        });
    }

    public void markDelivered(final String chainEventId) {
        inTx(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE final_events SET delivered = TRUE WHERE chain_event_id = ?")) {
                s.setString(1, chainEventId);
                s.executeUpdate();
            }
            return null;
        });
    }

    public void halt(final long chainId, final String reason) {
        inTx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE indexer_checkpoint SET state = 'HALTED', halt_reason = ? WHERE chain_id = ?")) {
                s.setString(1, reason);
                s.setLong(2, chainId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO indexer_alerts (chain_id, kind, message) VALUES (?, 'HALTED', ?)")) {
                s.setLong(1, chainId);
                s.setString(2, reason);
                s.executeUpdate();
            }
            return null;
        });
    }

    public List<String> alerts(final long chainId) {
        return inTx(c -> {
            final List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT kind || ': ' || message FROM indexer_alerts WHERE chain_id = ? ORDER BY id")) {
                s.setLong(1, chainId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Derived rows at or below {@code upToBlock}, keyed for comparison with the fold. */
    public Map<String, EventRow> events(final long chainId, final long upToBlock) {
        return inTx(c -> {
            final Map<String, EventRow> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT chain_event_id, block_number, block_hash, log_index, tx_hash, kind, "
                    + "deal_id, detail FROM escrow_events WHERE chain_id = ? AND block_number <= ? ORDER BY block_number, log_index")) {
                s.setLong(1, chainId);
                s.setLong(2, upToBlock);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), new EventRow(r.getString(1), chainId, r.getLong(2), r.getString(3),
                                r.getInt(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
                    }
                }
            }
            return out;
        });
    }

    public Map<String, DepositRow> deposits(final long chainId, final long upToBlock) {
        return inTx(c -> {
            final Map<String, DepositRow> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT chain_event_id, block_number, account, token, amount, is_final "
                    + "FROM deposits WHERE chain_id = ? AND block_number <= ? ORDER BY block_number, chain_event_id")) {
                s.setLong(1, chainId);
                s.setLong(2, upToBlock);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), new DepositRow(r.getString(1), chainId, r.getLong(2), r.getString(3),
                                r.getString(4), r.getBigDecimal(5).toBigIntegerExact(), r.getBoolean(6)));
                    }
                }
            }
            return out;
        });
    }

    public Map<String, DealRow> deals(final long chainId) {
        return inTx(c -> {
            final Map<String, DealRow> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT deal_id, buyer, seller, token, amount, state, opened_block, "
                    + "updated_block FROM deals WHERE chain_id = ? ORDER BY deal_id")) {
                s.setLong(1, chainId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), new DealRow(chainId, r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4), r.getBigDecimal(5).toBigIntegerExact(), r.getString(6), r.getLong(7), r.getLong(8)));
                    }
                }
            }
            return out;
        });
    }

    /** Final events in the outbox: chain event id → block number. */
    public Map<String, Long> finalEvents(final long chainId) {
        return inTx(c -> {
            final Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT chain_event_id, block_number FROM final_events WHERE chain_id = ?")) {
                s.setLong(1, chainId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            return out;
        });
    }
}
