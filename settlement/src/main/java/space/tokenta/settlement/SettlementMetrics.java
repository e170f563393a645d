package space.tokenta.settlement;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import space.tokenta.settlement.escrow.EscrowPhase;

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
    /** Reconciliation runs that completed (the notional figures above are from the last one). */
    public final AtomicLong reconcileRuns = new AtomicLong();
    /** Escrows per phase and the amount of those opened and not settled yet, refreshed by the worker. */
    public final Map<EscrowPhase, AtomicLong> escrowsByPhase = new EnumMap<>(EscrowPhase.class);
    /** Token units in deals open on chain by settlement's rows (live, between reconciliations). */
    public final AtomicLong notionalOpen = new AtomicLong();
    /** Per chain id: the indexer's view, refreshed by the worker. */
    public final Map<Long, ChainGauges> chains = new ConcurrentHashMap<>();

    /** One chain's indexer gauges. */
    public static final class ChainGauges {
        public final AtomicLong headBlock = new AtomicLong(-1);
        public final AtomicLong indexedBlock = new AtomicLong(-1);
        public final AtomicLong finalBlock = new AtomicLong(-1);
        public final AtomicLong lagBlocks = new AtomicLong();
        public final AtomicLong deadLetters = new AtomicLong();
        /** 1 while the indexer is halted (a reorg deeper than its window): it waits for an operator. */
        public final AtomicLong halted = new AtomicLong();
    }

    public SettlementMetrics() {
        for (final EscrowPhase phase : EscrowPhase.values()) {
            escrowsByPhase.put(phase, new AtomicLong());
        }
    }

    public ChainGauges chain(final long chainId) {
        return chains.computeIfAbsent(chainId, id -> new ChainGauges());
    }

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
