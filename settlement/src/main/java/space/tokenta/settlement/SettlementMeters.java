package space.tokenta.settlement;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import space.tokenta.settlement.escrow.EscrowPhase;

/**
 * Settlement's figures as Micrometer meters in the caller's registry (in {@code tokenta up} the
 * gateway's Prometheus registry, so one scrape of its metrics route shows both). Meters read the
 * worker's atomic counters and gauges; nothing here touches the database or a chain.
 *
 * <p>Names (Prometheus form): {@code tokenta_settlement_notional_in_escrow} (token units locked on
 * chain at the last reconciliation), {@code tokenta_settlement_notional_open} (live, from settlement's
 * rows), {@code tokenta_settlement_notional_reconciled}, {@code tokenta_settlement_reconcile_differences},
 * {@code tokenta_settlement_escrows{phase}}, {@code tokenta_settlement_indexer_head_block{chain}},
 * {@code ..._indexed_block}, {@code ..._final_block}, {@code ..._lag_blocks}, {@code ..._halted},
 * {@code tokenta_settlement_dead_letters{chain}} and counters {@code tokenta_settlement_*_total} (fills
 * taken in as escrows: {@code escrows_ingested}, as Prometheus reserves the {@code _created} suffix).
 */
public final class SettlementMeters {
    public static final String PREFIX = "tokenta.settlement.";

    private SettlementMeters() {
    }

    /** Registers every meter for {@code service} (its chains are known at start, so per-chain meters are fixed). */
    public static void bind(final MeterRegistry registry, final SettlementService service) {
        final SettlementMetrics m = service.metrics();
        gauge(registry, "notional.in.escrow", Tags.empty(), m.notionalInEscrow, "token units locked in open deals on chain, last reconciliation");
        gauge(registry, "notional.open", Tags.empty(), m.notionalOpen, "token units in deals settlement opened and has not settled");
        gauge(registry, "notional.reconciled", Tags.empty(), m.notionalReconciled, "token units of settled deals whose chain and engine outcomes agree");
        gauge(registry, "reconcile.differences", Tags.empty(), m.reconcileDifferences, "differences found by the last reconciliation");
        for (final EscrowPhase phase : EscrowPhase.values()) {
            gauge(registry, "escrows", Tags.of("phase", phase.name()), m.escrowsByPhase.get(phase), "escrows by phase");
        }
        for (final SettlementConfig.Chain c : service.config().chains()) {
            final SettlementMetrics.ChainGauges g = m.chain(c.chainId());
            final Tags chain = Tags.of("chain", Long.toString(c.chainId()));
            gauge(registry, "indexer.head.block", chain, g.headBlock, "chain head the indexer last saw");
            gauge(registry, "indexer.indexed.block", chain, g.indexedBlock, "the indexer's checkpoint block");
            gauge(registry, "indexer.final.block", chain, g.finalBlock, "the last final block");
            gauge(registry, "indexer.lag.blocks", chain, g.lagBlocks, "head minus checkpoint");
            gauge(registry, "indexer.halted", chain, g.halted, "1 while halted by a reorg deeper than the window");
            gauge(registry, "dead.letters", chain, g.deadLetters, "undecodable or failing events not replayed yet");
        }
        final Map<String, AtomicLong> counters = Map.ofEntries(
                Map.entry("deposits.credited", m.depositsCredited), Map.entry("deposits.duplicate", m.depositsDuplicate),
                Map.entry("deposits.unattributed", m.depositsUnattributed), Map.entry("escrows.ingested", m.escrowsCreated),
                Map.entry("escrows.opened", m.escrowsOpened), Map.entry("escrows.released", m.escrowsReleased),
                Map.entry("escrows.refunded", m.escrowsRefunded), Map.entry("disputes", m.disputes),
                Map.entry("step.failures", m.stepFailures), Map.entry("withdrawals.posted", m.withdrawalsPosted),
                Map.entry("withdrawals.voided", m.withdrawalsVoided), Map.entry("reconcile.runs", m.reconcileRuns));
        counters.forEach((name, value) -> FunctionCounter.builder(PREFIX + name, value, AtomicLong::doubleValue)
                .register(registry));
    }

    private static void gauge(final MeterRegistry registry, final String name, final Tags tags, final AtomicLong value,
            final String description) {
        final Function<AtomicLong, Double> read = AtomicLong::doubleValue;
        Gauge.builder(PREFIX + name, value, read::apply).tags(tags).description(description).register(registry);
    }
}
