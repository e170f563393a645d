package space.tokenta.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.engine.event.Event;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.settlement.escrow.EscrowSettler;

/**
 * The worker dies at every named moment of a step (after {@code open} was sent but before the
 * open was stored, after the verdict, after {@code release}/{@code refund} was sent, after the engine
 * posted, after journal records were read) and a fresh worker takes over the same database, chain and
 * cluster, as after kill -9: no deal is opened twice, none is lost, the seller is credited once, the
 * ledger balances. A re-delivered final deposit (crash between the engine's credit and the outbox's
 * "delivered" mark) credits once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {
    @TempDir
    static Path dir;
    static SettlementHarness h;
    static final long DEPOSIT = 20_000_000;
    static int crashes;

    /** Fires each armed point once, in order, throwing the crash signal there. */
    static final class ArmedPoints implements CrashPoints {
        final Deque<String> armed;
        final List<String> fired = new ArrayList<>();

        ArmedPoints(final List<String> points) {
            this.armed = new ArrayDeque<>(points);
        }

        @Override
        public synchronized void at(final String point) {
            if (point.equals(armed.peekFirst())) {
                armed.removeFirst();
                fired.add(point);
                throw new EscrowSettler.CrashSignal(point);
            }
        }
    }

    @BeforeAll
    static void start() {
        h = new SettlementHarness(dir, 2, 40);
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** Runs workers until {@code done}; each crash abandons the worker and starts a fresh one. */
    static void runWithCrashes(final ArmedPoints points, final String what, final BooleanSupplier done) {
        SettlementService service = SettlementService.create(h.wiring(points));
        final long deadline = System.currentTimeMillis() + 120_000;
        try {
            while (!done.getAsBoolean()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("timed out: " + what + ", crashes fired " + points.fired);
                }
                try {
                    if (service.doWork() == 0) {
                        Thread.sleep(20);
                    }
                } catch (final EscrowSettler.CrashSignal crash) {
                    crashes++;
                    service.close();
                    service = SettlementService.create(h.wiring(points));
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        } finally {
            service.close();
        }
    }

    @Test
    @Order(1)
    void redeliveredDepositCreditsOnce() throws SQLException {
        h.depositOnChain(0, DEPOSIT);
        runWithCrashes(new ArmedPoints(List.of()), "deposit", () -> h.available(SettlementHarness.BUYER) == DEPOSIT);
        // as if the process died after the engine credited but before the outbox row was marked delivered
        try (Connection c = h.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE final_events SET delivered = FALSE")) {
            assertEquals(1, s.executeUpdate());
        }
        runWithCrashes(new ArmedPoints(List.of()), "re-delivery", () -> count("SELECT count(*) FROM final_events "
                + "WHERE delivered") == 1);
        assertEquals(DEPOSIT, h.available(SettlementHarness.BUYER), "credited once");
        h.assertLedgerBalanced();
    }

    @Test
    @Order(2)
    void releaseSurvivesACrashAtEveryStep() {
        final long sellerBefore = h.available(SettlementHarness.SELLER);
        final Event.Trade trade = h.trade(SettlementHarness.HONEST, 40, 3);
        final String id = EscrowRow.escrowId(trade.tradeId());
        final ArmedPoints points = new ArmedPoints(List.of(CrashPoints.AFTER_INGEST_READ, CrashPoints.AFTER_OPEN_SENT,
                CrashPoints.AFTER_VERDICT, CrashPoints.AFTER_RELEASE_SENT, CrashPoints.AFTER_ENGINE_SETTLED));
        runWithCrashes(points, id + " released", () -> phase(id) == EscrowPhase.RELEASED);
        assertEquals(List.of(CrashPoints.AFTER_INGEST_READ, CrashPoints.AFTER_OPEN_SENT, CrashPoints.AFTER_VERDICT,
                CrashPoints.AFTER_RELEASE_SENT, CrashPoints.AFTER_ENGINE_SETTLED), points.fired, "every crash fired");
        final EscrowRow row = h.wiringRepository().find(id).orElseThrow();
        assertEquals(1, count("SELECT count(*) FROM escrow_events WHERE kind = 'DealOpened' AND deal_id = '" + row.dealId() + "'"),
                "opened once");
        assertEquals(1, count("SELECT count(*) FROM escrow_events WHERE kind = 'DealReleased' AND deal_id = '" + row.dealId() + "'"),
                "released once");
        assertEquals(1, count("SELECT count(*) FROM settlement_escrows"), "one escrow for one fill");
        assertEquals(DealView.State.RELEASED, h.escrow().getDeal(EvmHex.bytes(row.dealId())).state());
        assertEquals(sellerBefore + trade.notional() - trade.sellerFee(), h.available(SettlementHarness.SELLER),
                "seller credited exactly once");
        assertTrue(row.engineOutcome().startsWith("POST "), row.engineOutcome());
        h.assertLedgerBalanced();
    }

    @Test
    @Order(3)
    void refundSurvivesACrashAfterTheRefundWasSent() {
        final long buyerBefore = h.available(SettlementHarness.BUYER);
        final Event.Trade trade = h.trade(SettlementHarness.TAMPERED, 20, 1);
        final String id = EscrowRow.escrowId(trade.tradeId());
        final ArmedPoints points = new ArmedPoints(List.of(CrashPoints.AFTER_OPEN_SENT, CrashPoints.AFTER_REFUND_SENT));
        runWithCrashes(points, id + " refunded", () -> phase(id) == EscrowPhase.REFUNDED);
        assertEquals(2, points.fired.size());
        final EscrowRow row = h.wiringRepository().find(id).orElseThrow();
        assertEquals(1, count("SELECT count(*) FROM escrow_events WHERE kind = 'DealRefunded' AND deal_id = '" + row.dealId() + "'"));
        assertEquals(buyerBefore, h.available(SettlementHarness.BUYER), "buyer credited back once");
        h.assertLedgerBalanced();
        final SettlementService service = SettlementService.create(h.wiring(CrashPoints.NONE));
        try {
            assertTrue(service.reconcile().clean(), service.reconcile().differences().toString());
        } finally {
            service.close();
        }
    }

    static EscrowPhase phase(final String escrowId) {
        return h.wiringRepository().find(escrowId).map(EscrowRow::phase).orElse(null);
    }

    static long count(final String sql) {
        return CrashRecoveryTestSupport.count(h, sql);
    }
}
