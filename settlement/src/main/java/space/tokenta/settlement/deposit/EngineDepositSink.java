package space.tokenta.settlement.deposit;

import java.math.BigInteger;
import java.util.Optional;
import space.tokenta.engine.Limits;
import space.tokenta.settlement.ActivityLog;
import space.tokenta.settlement.SettlementConfig;
import space.tokenta.settlement.SettlementMetrics;
import space.tokenta.settlement.account.AccountDirectory;
import space.tokenta.settlement.engine.EngineCommands;
import space.tokenta.settlement.engine.TransferIds;
import space.tokenta.settlement.indexer.CreditDeposit;
import space.tokenta.settlement.indexer.FinalEventSink;

/**
 * A final {@code Deposited} event becomes the engine's CREDIT_DEPOSIT. The transfer id is derived
 * from the chain event id alone ({@link TransferIds}), so a re-delivery after a crash (the indexer's
 * outbox delivers at least once) is a DUPLICATE in the engine and credits nothing twice.
 *
 * <p>A deposit from an address no engine account uses, of another token, or larger than the engine
 * accepts is recorded as unattributed (activity feed, metric, and a reconciliation difference) and
 * is not retried: retrying cannot change the answer and would hold up every later deposit.
 */
public final class EngineDepositSink implements FinalEventSink {
    private final SettlementConfig config;
    private final AccountDirectory directory;
    private final EngineCommands engine;
    private final ActivityLog activity;
    private final SettlementMetrics metrics;

    public EngineDepositSink(final SettlementConfig config, final AccountDirectory directory,
            final EngineCommands engine, final ActivityLog activity, final SettlementMetrics metrics) {
        this.config = config;
        this.directory = directory;
        this.engine = engine;
        this.activity = activity;
        this.metrics = metrics;
    }

    @Override
    public boolean accept(final CreditDeposit deposit) {
        final SettlementConfig.Chain chain = config.chain(deposit.chainId());
        final Optional<Long> account = directory.accountOf(deposit.chainId(), deposit.account());
        final String reason;
        if (account.isEmpty()) {
            reason = "no engine account uses " + deposit.account();
        } else if (!chain.token().equalsIgnoreCase(deposit.token())) {
            reason = "token " + deposit.token() + " is not the chain's quote asset";
        } else if (deposit.amount().signum() <= 0 || deposit.amount().compareTo(BigInteger.valueOf(Limits.MAX_AMOUNT)) > 0) {
            reason = "amount " + deposit.amount() + " outside (0, " + Limits.MAX_AMOUNT + "]";
        } else {
            reason = null;
        }
        if (reason != null) {
            metrics.depositsUnattributed.incrementAndGet();
            activity.add("DPST", deposit.chainEventId(), "deposit unattributed: " + reason);
            return false;
        }
        final EngineCommands.Result result = engine.creditDeposit(
                TransferIds.of(TransferIds.DEPOSIT_DOMAIN, deposit.chainEventId()), (int) deposit.chainId(),
                account.get(), chain.assetId(), deposit.amount().longValueExact());
        switch (result.outcome()) {
            case APPLIED -> {
                metrics.depositsCredited.incrementAndGet();
                activity.add("DPST", deposit.chainEventId(), "indexer confirmed deposit of " + deposit.amount()
                        + " to account " + account.get());
                return true;
            }
            case DUPLICATE -> {
                metrics.depositsDuplicate.incrementAndGet();
                return false;
            }
            default -> throw new IllegalStateException("engine refused deposit " + deposit.chainEventId() + ": "
                    + result.detail());
        }
    }
}
