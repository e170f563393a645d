package space.tokenta.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.FinalityRule;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.cluster.client.EventLogReader;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;
import space.tokenta.engine.ledger.TransferFlags;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.settlement.indexer.Checkpoint;
import space.tokenta.settlement.indexer.EventRow;
import space.tokenta.settlement.indexer.IndexerStore;
import space.tokenta.settlement.indexer.LogDecoder;
import space.tokenta.settlement.indexer.PoolBlockSource;
import space.tokenta.settlement.indexer.fold.CanonicalFold;
import space.tokenta.settlement.reconcile.Reconciler;

/**
 * The settlement worker in its own JVM is killed with SIGKILL at moments a seeded RNG chooses (a
 * delay into its start-up, a delay into its running service, or the instant it reaches a named crash
 * point), restarted, and killed again
 * a bounded number of times while three escrows (two PASS → release, one FAIL → refund) run through
 * their lifecycle; a last worker finishes them. Then: every escrow is in exactly one terminal state on
 * chain and in the database (one open, one settlement event), no pending transfer was posted or voided
 * twice, every asset's ledger sums to zero, the indexed rows equal the fold of the canonical chain and
 * reconciliation finds no difference.
 *
 * <p>The seed is printed; {@code -Dtokenta.killSeed=N} replays a run's schedule.
 */
class SeededKillTest {
    static final int KILLS = 3;
    static final long MIN_DELAY_MS = 300;
    static final long MAX_DELAY_MS = 5_000;
    static final List<String> POINTS = List.of(CrashPoints.AFTER_OPEN_SENT, CrashPoints.AFTER_VERDICT,
            CrashPoints.AFTER_RELEASE_SENT, CrashPoints.AFTER_REFUND_SENT, CrashPoints.AFTER_ENGINE_SETTLED,
            CrashPoints.AFTER_INGEST_READ);

    /** When a kill lands: during JVM and service start, a delay into the running service, or at a named crash point. */
    enum Moment {
        STARTING, RUNNING, AT_POINT
    }

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killsAtSeededMomentsLeaveOneOutcomePerEscrow() throws Exception {
        final long seed = Long.getLong("tokenta.killSeed", System.nanoTime());
        System.out.println("SeededKillTest seed " + seed + " (replay with -Dtokenta.killSeed=" + seed + ")");
        final Random rng = new Random(seed);
        try (SettlementHarness h = new SettlementHarness(dir, 2, 60)) {
            final List<Process> started = new ArrayList<>();
            try {
                KillRestartTest.Worker w = KillRestartTest.Worker.start(h, dir, "none", started);
                h.depositOnChain(0, 10_000_000);
                SettlementHarness.await("deposit credited by the worker process", 60_000,
                        () -> h.available(SettlementHarness.BUYER) == 10_000_000);
                final List<Event.Trade> trades = List.of(h.trade(SettlementHarness.HONEST, 25, 2),
                        h.trade(SettlementHarness.TAMPERED, 30, 1), h.trade(SettlementHarness.HONEST, 20, 3));
                for (int kill = 0; kill < KILLS; kill++) {
                    final Moment moment = Moment.values()[rng.nextInt(Moment.values().length)];
                    final String point = POINTS.get(rng.nextInt(POINTS.size()));
                    final long delayMs = MIN_DELAY_MS + (long) (rng.nextDouble() * (MAX_DELAY_MS - MIN_DELAY_MS));
                    if (kill > 0) {
                        w = KillRestartTest.Worker.start(h, dir, moment == Moment.AT_POINT ? point : "none", started);
                    }
                    final KillRestartTest.Worker current = w;
                    if (moment != Moment.STARTING) {
                        // the delay counts from the moment the service runs, so the kill lands in its work
                        SettlementHarness.await("worker " + kill + " running", 60_000, () -> current.saw("READY"));
                    }
                    final long deadline = System.currentTimeMillis() + (moment == Moment.AT_POINT ? 2 * MAX_DELAY_MS : delayMs);
                    // at a named point: kill when it is reached (or after a bounded wait if no escrow passes it)
                    SettlementHarness.await("kill " + kill, 2 * MAX_DELAY_MS + 1_000,
                            () -> System.currentTimeMillis() >= deadline
                                    || (moment == Moment.AT_POINT && current.saw("AT " + point)));
                    System.out.println("kill " + kill + ": " + switch (moment) {
                        case AT_POINT -> "at " + point + " (reached " + current.saw("AT " + point) + ")";
                        case STARTING -> delayMs + " ms after the JVM started";
                        case RUNNING -> delayMs + " ms after the service started";
                    } + ", phases " + phases(h, trades));
                    w.kill();
                }
                final KillRestartTest.Worker last = KillRestartTest.Worker.start(h, dir, "none", started);
                SettlementHarness.await("every escrow final", 120_000, () -> {
                    last.saw("READY");
                    return trades.stream().allMatch(t -> h.wiringRepository().find(EscrowRow.escrowId(t.tradeId()))
                            .map(r -> r.phase().isFinal()).orElse(false));
                });
                awaitIndexerAtFinal(h);
                last.kill();
                assertOutcomes(h, trades);
            } finally {
                for (final Process p : started) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String phases(final SettlementHarness h, final List<Event.Trade> trades) {
        return trades.stream().map(t -> h.wiringRepository().find(EscrowRow.escrowId(t.tradeId()))
                .map(r -> r.phase().name()).orElse("-")).toList().toString();
    }

    /** Waits until the worker's indexer has indexed every settlement event (each escrow's final state is confirmed). */
    private static void awaitIndexerAtFinal(final SettlementHarness h) {
        SettlementHarness.await("indexer past the last settlement", 30_000, () -> {
            final long finals = CrashRecoveryTestSupport.count(h, "SELECT count(*) FROM escrow_events WHERE kind IN "
                    + "('DealReleased', 'DealRefunded')");
            return finals >= 3;
        });
    }

    private static void assertOutcomes(final SettlementHarness h, final List<Event.Trade> trades) {
        final Map<String, Integer> finishes = finishes(h);
        for (final Event.Trade t : trades) {
            final EscrowRow row = h.wiringRepository().find(EscrowRow.escrowId(t.tradeId())).orElseThrow();
            final boolean pass = t.instrumentId() == SettlementHarness.HONEST;
            assertEquals(pass ? EscrowPhase.RELEASED : EscrowPhase.REFUNDED, row.phase(), row.escrowId());
            assertEquals(pass ? DealView.State.RELEASED : DealView.State.REFUNDED,
                    h.escrow().getDeal(EvmHex.bytes(row.dealId())).state(), row.escrowId() + " on chain");
            assertEquals(pass ? "POST APPLIED" : "VOID APPLIED", row.engineOutcome(), row.escrowId());
            assertEquals(1, CrashRecoveryTestSupport.count(h, "SELECT count(*) FROM escrow_events WHERE kind = "
                    + "'DealOpened' AND deal_id = '" + row.dealId() + "'"), row.escrowId() + " opened once");
            assertEquals(1, CrashRecoveryTestSupport.count(h, "SELECT count(*) FROM escrow_events WHERE kind IN "
                    + "('DealReleased', 'DealRefunded') AND deal_id = '" + row.dealId() + "'"), row.escrowId() + " settled once");
            assertEquals(1, finishes.getOrDefault(row.settlementIdHi() + ":" + row.settlementIdLo(), 0),
                    row.escrowId() + " pending transfer finished once");
        }
        finishes.forEach((id, n) -> assertEquals(1, n, "transfer " + id + " posted or voided " + n + " times"));
        h.assertLedgerBalanced();
        assertMatchesCanonicalFold(h);
        final Reconciler.Report report = SettlementService.create(h.wiring(CrashPoints.NONE)).reconcile();
        assertEquals(List.of(), report.differences(), "reconciliation");
        assertTrue(report.notionalReconciled() > 0, "settled notional reconciled");
    }

    /** Post/void events per pending transfer id in the engine's journal. */
    static Map<String, Integer> finishes(final SettlementHarness h) {
        final Map<String, Integer> out = new HashMap<>();
        final RecordingEventSink sink = new RecordingEventSink();
        try (EventLogReader reader = new EventLogReader(h.nodeDirectory(), 0)) {
            for (int polls = 0; polls < 100_000; polls++) {
                final int n = reader.poll((p, s, r, c, e) -> sink, 1_024);
                for (final Event event : sink.events()) {
                    if (event instanceof Event.Transfer t
                            && (t.flags() & (TransferFlags.POST_PENDING | TransferFlags.VOID_PENDING)) != 0) {
                        out.merge(t.idHi() + ":" + t.idLo(), 1, Integer::sum);
                    }
                }
                sink.clear();
                if (n == 0) {
                    break;
                }
            }
        }
        return out;
    }

    /** The worker's indexed rows equal the fold of the canonical chain up to its checkpoint. */
    static void assertMatchesCanonicalFold(final SettlementHarness h) {
        final long chainId = h.chain.chainId();
        final IndexerStore store = new IndexerStore(h.db.dataSource());
        final Checkpoint cp = store.checkpoint(chainId).orElseThrow();
        final PoolBlockSource source = new PoolBlockSource(h.devChains.pools().get(ChainProfile.ETH_DEV.name()),
                h.chain.escrow(), FinalityRule.depth(2));
        final CanonicalFold.Folded expected = CanonicalFold.fold(source, LogDecoder.escrow(h.chain.escrow()), chainId,
                h.config.chains().get(0).startBlock(), cp.blockNumber(), cp.finalNumber(), deadLetterIds(h, chainId));
        assertEquals(List.of(), CanonicalFold.differences(store, expected, chainId, cp.blockNumber()),
                "database vs fold of the canonical chain");
    }

    private static Set<String> deadLetterIds(final SettlementHarness h, final long chainId) {
        final Set<String> out = new HashSet<>();
        try (Connection c = h.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT block_hash, log_index FROM dead_letters WHERE NOT replayed AND chain_id = "
                     + chainId)) {
            while (r.next()) {
                out.add(EventRow.chainEventId(chainId, r.getString(1), r.getInt(2)));
            }
        } catch (final java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
