package space.tokenta.settlement.withdraw;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import space.tokenta.chain.escrow.ContractCallException;
import space.tokenta.engine.Limits;
import space.tokenta.settlement.ActivityLog;
import space.tokenta.settlement.SettlementConfig;
import space.tokenta.settlement.SettlementMetrics;
import space.tokenta.settlement.account.AccountDirectory;
import space.tokenta.settlement.account.Wallets;
import space.tokenta.settlement.engine.EngineCommands;
import space.tokenta.settlement.engine.TransferIds;
import space.tokenta.settlement.escrow.EscrowChain;

/**
 * Withdrawals, a {@link #doWork()} duty cycle: engine hold (REQUEST_WITHDRAWAL, idempotent by the
 * transfer id derived from the withdrawal id) → the user's own {@code withdraw} on chain (the escrow
 * pays only {@code msg.sender}; in dev the user's key comes from {@link Wallets}) → the indexer's
 * final {@code Withdrawn} event → POST; a withdraw the chain refuses → VOID (funds back).
 *
 * <p>Resuming SENDING after a crash: if the sender's nonce (mempool included) moved past the stored
 * one, the withdrawal went out and its event is looked up once final; if not, it is sent again. A
 * withdrawal is never voided unless the chain refused it, so funds cannot leave twice.
 */
public final class WithdrawalProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(WithdrawalProcessor.class);
    static final String COLUMNS = "withdrawal_id, transfer_id_hi, transfer_id_lo, chain_id, account_id, asset_id, "
            + "address, token, amount, phase, sender_nonce, start_block, tx_hash, engine_outcome, attempts, last_error";

    private final SettlementConfig config;
    private final Map<Long, EscrowChain> chains = new HashMap<>();
    private final AccountDirectory directory;
    private final Wallets wallets;
    private final EngineCommands engine;
    private final DataSource dataSource;
    private final ActivityLog activity;
    private final SettlementMetrics metrics;

    public WithdrawalProcessor(final SettlementConfig config, final List<EscrowChain> chains,
            final AccountDirectory directory, final Wallets wallets, final EngineCommands engine,
            final DataSource dataSource, final ActivityLog activity, final SettlementMetrics metrics) {
        this.config = config;
        chains.forEach(c -> this.chains.put(c.chainId(), c));
        this.directory = directory;
        this.wallets = wallets;
        this.engine = engine;
        this.dataSource = dataSource;
        this.activity = activity;
        this.metrics = metrics;
    }

    /**
     * Records a withdrawal request (any thread). The same id again changes nothing.
     *
     * @throws IllegalArgumentException for an unknown chain or account, or an amount out of range
     */
    public boolean request(final String withdrawalId, final long chainId, final long accountId, final long amount) {
        if (withdrawalId == null || withdrawalId.isEmpty() || withdrawalId.length() > 64) {
            throw new IllegalArgumentException("withdrawal id must be 1..64 characters");
        }
        if (amount <= 0 || amount > Limits.MAX_AMOUNT) {
            throw new IllegalArgumentException("amount in (0, " + Limits.MAX_AMOUNT + "]");
        }
        final SettlementConfig.Chain chain = config.chain(chainId);
        final String address = directory.addressOf(chainId, accountId)
                .orElseThrow(() -> new IllegalArgumentException("account " + accountId + " has no address on chain " + chainId));
        final long[] id = TransferIds.of(TransferIds.WITHDRAWAL_DOMAIN, withdrawalId);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO settlement_withdrawals (withdrawal_id, transfer_id_hi, transfer_id_lo, chain_id, account_id, "
                        + "asset_id, address, token, amount, phase) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED') "
                        + "ON CONFLICT DO NOTHING")) {
            int i = 1;
            s.setString(i++, withdrawalId);
            s.setLong(i++, id[0]);
            s.setLong(i++, id[1]);
            s.setLong(i++, chainId);
            s.setLong(i++, accountId);
            s.setInt(i++, chain.assetId());
            s.setString(i++, address);
            s.setString(i++, chain.token());
            s.setLong(i, amount);
            return s.executeUpdate() == 1;
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot record withdrawal " + withdrawalId, e);
        }
    }

    public int doWork() {
        int work = 0;
        for (final WithdrawalRow row : query("SELECT " + COLUMNS + " FROM settlement_withdrawals WHERE phase NOT IN "
                + "('POSTED', 'VOIDED', 'REJECTED') AND next_attempt_ms <= ? ORDER BY withdrawal_id LIMIT ?",
                System.currentTimeMillis(), config.workBatch())) {
            try {
                if (step(row)) {
                    work++;
                }
            } catch (final RuntimeException e) {
                metrics.stepFailures.incrementAndGet();
                final int attempts = row.attempts() + 1;
                LOG.warn("withdrawal {} {} failed (attempt {}): {}", row.withdrawalId(), row.phase(), attempts, e.toString());
                update("UPDATE settlement_withdrawals SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE withdrawal_id = ?",
                        attempts, System.currentTimeMillis() + config.backoffMs(attempts), String.valueOf(e.getMessage()),
                        row.withdrawalId());
            }
        }
        return work;
    }

    boolean step(final WithdrawalRow row) {
        final EscrowChain chain = chains.get(row.chainId());
        switch (row.phase()) {
            case REQUESTED -> {
                final EngineCommands.Result r = engine.requestWithdrawal(new long[] {row.transferIdHi(), row.transferIdLo()},
                        (int) row.chainId(), row.accountId(), row.assetId(), row.amount());
                final WithdrawalPhase next = r.outcome() == EngineCommands.Outcome.REJECTED ? WithdrawalPhase.REJECTED
                        : WithdrawalPhase.HELD;
                advance(row, next, "engine_outcome = ?", "HOLD " + r.detail());
                return true;
            }
            case HELD -> {
                if (wallets.credentials(row.chainId(), row.address()).isEmpty()) {
                    return voidHold(row, "no key sends for " + row.address());
                }
                advance(row, WithdrawalPhase.SENDING, "sender_nonce = ?, start_block = ?", chain.nonce(row.address()),
                        chain.headBlock());
                return true;
            }
            case SENDING -> {
                final Credentials key = wallets.credentials(row.chainId(), row.address()).orElseThrow();
                if (chain.nonce(row.address()) > row.senderNonce()) {
                    final Optional<String> tx = findWithdrawn(row);
                    if (tx.isEmpty()) {
                        wait(row);
                        return false;
                    }
                    advance(row, WithdrawalPhase.SENT, "tx_hash = ?", tx.get());
                    return true;
                }
                final TransactionReceipt receipt;
                try {
                    receipt = chain.as(key).withdraw(row.token(), java.math.BigInteger.valueOf(row.amount()));
                } catch (final ContractCallException e) {
                    return voidHold(row, "chain refused: " + e.errorName().orElse(e.getMessage()));
                }
                advance(row, WithdrawalPhase.SENT, "tx_hash = ?", receipt.getTransactionHash());
                activity.add("WDRL", row.withdrawalId(), "withdraw " + row.amount() + " to " + row.address() + " · tx "
                        + receipt.getTransactionHash());
                return true;
            }
            case SENT -> {
                if (!withdrawnFinal(row)) {
                    wait(row);
                    return false;
                }
                final EngineCommands.Result r = engine.post(row.transferIdHi(), row.transferIdLo());
                if (!r.done()) {
                    throw new IllegalStateException("engine refused post of " + row.withdrawalId() + ": " + r.detail());
                }
                advance(row, WithdrawalPhase.POSTED, "engine_outcome = ?", "POST " + r.outcome());
                metrics.withdrawalsPosted.incrementAndGet();
                activity.add("WDRL", row.withdrawalId(), "indexer confirmed withdrawal " + row.withdrawalId());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean voidHold(final WithdrawalRow row, final String reason) {
        final EngineCommands.Result r = engine.voidPending(row.transferIdHi(), row.transferIdLo());
        if (!r.done()) {
            throw new IllegalStateException("engine refused void of " + row.withdrawalId() + ": " + r.detail());
        }
        advance(row, WithdrawalPhase.VOIDED, "engine_outcome = ?, last_error = ?", "VOID " + r.outcome(), reason);
        metrics.withdrawalsVoided.incrementAndGet();
        activity.add("WDRL", row.withdrawalId(), "withdrawal voided: " + reason);
        return true;
    }

    private Optional<String> findWithdrawn(final WithdrawalRow row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT e.tx_hash FROM escrow_events e WHERE e.chain_id = ? AND e.kind = 'Withdrawn' AND e.block_number >= ? "
                        + "AND lower(e.detail) = lower(?) AND NOT EXISTS (SELECT 1 FROM settlement_withdrawals w "
                        + "WHERE w.tx_hash = e.tx_hash) ORDER BY e.block_number, e.log_index LIMIT 1")) {
            s.setLong(1, row.chainId());
            s.setLong(2, row.startBlock());
            s.setString(3, row.address() + " " + row.token() + " " + row.amount());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read withdrawals from the indexer", e);
        }
    }

    private boolean withdrawnFinal(final WithdrawalRow row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM escrow_events e JOIN indexer_checkpoint k ON k.chain_id = e.chain_id WHERE e.chain_id = ? "
                        + "AND e.kind = 'Withdrawn' AND lower(e.tx_hash) = lower(?) AND e.block_number <= k.final_number")) {
            s.setLong(1, row.chainId());
            s.setString(2, row.txHash());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read withdrawals from the indexer", e);
        }
    }

    public Optional<WithdrawalRow> find(final String withdrawalId) {
        final List<WithdrawalRow> rows = query("SELECT " + COLUMNS + " FROM settlement_withdrawals WHERE withdrawal_id = ?",
                withdrawalId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private void wait(final WithdrawalRow row) {
        update("UPDATE settlement_withdrawals SET next_attempt_ms = ? WHERE withdrawal_id = ?",
                System.currentTimeMillis() + config.pollMs(), row.withdrawalId());
    }

    private void advance(final WithdrawalRow row, final WithdrawalPhase next, final String assignments,
            final Object... values) {
        final Object[] all = new Object[values.length + 3];
        all[0] = next.name();
        System.arraycopy(values, 0, all, 1, values.length);
        all[values.length + 1] = row.withdrawalId();
        all[values.length + 2] = row.phase().name();
        update("UPDATE settlement_withdrawals SET phase = ?, attempts = 0, next_attempt_ms = 0, " + assignments
                + " WHERE withdrawal_id = ? AND phase = ?", all);
    }

    private void update(final String sql, final Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (final SQLException e) {
            throw new IllegalStateException("withdrawal update failed: " + e.getMessage(), e);
        }
    }

    private List<WithdrawalRow> query(final String sql, final Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            final List<WithdrawalRow> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new WithdrawalRow(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            r.getInt(6), r.getString(7), r.getString(8), r.getLong(9),
                            WithdrawalPhase.valueOf(r.getString(10)), (Long) r.getObject(11), (Long) r.getObject(12),
                            r.getString(13), r.getString(14), r.getInt(15), r.getString(16)));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new IllegalStateException("withdrawal query failed: " + e.getMessage(), e);
        }
    }
}
