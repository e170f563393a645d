package space.tokenta.settlement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Plain counters of the settlement worker (read from any thread; exported by whoever serves metrics). */
public final class SettlementMetrics {
    public final AtomicLong depositsCredited = new AtomicLong();
    public final AtomicLong depositsDuplicate = new AtomicLong();
    public final AtomicLong depositsUnattributed = new AtomicLong();
    public final AtomicLong escrowsCreated = new AtomicLong();
    public final AtomicLong escrowsOpened = new AtomicLong();
    public final AtomicLong escrowsReleased = new AtomicLong();
    public final AtomicLong escrowsRefunded = new AtomicLong();
    public final AtomicLong stepFailures = new AtomicLong();
    /** Disputes the worker saw on chain and sent to the dispute panel. */
    public final AtomicLong disputes = new AtomicLong();
    public final AtomicLong withdrawalsPosted = new AtomicLong();
    public final AtomicLong withdrawalsVoided = new AtomicLong();
    /** Token units locked in open deals, summed over chains, at the last reconciliation. */
    public final AtomicLong notionalInEscrow = new AtomicLong();
    /** Token units of settled deals whose chain outcome and engine outcome agree, at the last reconciliation. */
    public final AtomicLong notionalReconciled = new AtomicLong();
    public final AtomicLong reconcileDifferences = new AtomicLong();

    public Map<String, Long> snapshot() {
        final Map<String, Long> out = new LinkedHashMap<>();
        out.put("settlement_deposits_credited", depositsCredited.get());
        out.put("settlement_deposits_duplicate", depositsDuplicate.get());
        out.put("settlement_deposits_unattributed", depositsUnattributed.get());
        out.put("settlement_escrows_created", escrowsCreated.get());
        out.put("settlement_escrows_opened", escrowsOpened.get());
        out.put("settlement_escrows_released", escrowsReleased.get());
        out.put("settlement_escrows_refunded", escrowsRefunded.get());
        out.put("settlement_step_failures", stepFailures.get());
        out.put("settlement_disputes", disputes.get());
        out.put("settlement_withdrawals_posted", withdrawalsPosted.get());
        out.put("settlement_withdrawals_voided", withdrawalsVoided.get());
        out.put("settlement_notional_in_escrow", notionalInEscrow.get());
        out.put("settlement_notional_reconciled", notionalReconciled.get());
        out.put("settlement_reconcile_differences", reconcileDifferences.get());
        return out;
    }
}
