package space.tokenta.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import space.tokenta.engine.order.Side;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.settlement.reconcile.Reconciler;
import space.tokenta.settlement.withdraw.WithdrawalPhase;

/**
 * The whole trade lifecycle on real components (anvil, embedded PostgreSQL, single-node cluster,
 * verify's reference sellers and attestors): deposit on chain → credited → order → fill → escrow
 * opened on chain → verdicts → release → seller credited; the FAIL path and the expiry path → refund
 * → buyer credited back; a withdrawal; reconciliation clean at rest. After each step every asset's
 * ledger balances sum to zero.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TradeLifecycleTest {
    @TempDir
    static Path dir;
    static SettlementHarness h;
    static SettlementService service;
    static final long DEPOSIT = 50_000_000; // 50 USDT

    @BeforeAll
    static void start() {
        h = new SettlementHarness(dir, 2, 25);
        service = SettlementService.start(h.wiring(CrashPoints.NONE));
    }

    @AfterAll
    static void stop() {
        SettlementHarness.stop(service, h);
    }

    @Test
    @Order(1)
    void depositOnChainIsCreditedOnceAfterFinality() {
        h.depositOnChain(0, DEPOSIT);
        SettlementHarness.await("deposit credited", 60_000, () -> h.available(SettlementHarness.BUYER) == DEPOSIT);
        h.assertLedgerBalanced();
        assertEquals(1, service.metrics().depositsCredited.get());
    }

    @Test
    @Order(2)
    void passVerdictReleasesAndCreditsTheSeller() {
        final long sellerBefore = h.available(SettlementHarness.SELLER);
        final Event.Trade trade = h.trade(SettlementHarness.HONEST, 100, 2);
        assertEquals(Side.BUY, trade.takerSide(), "the seller rested");
        assertEquals(0, trade.buyerFee(), "the buyer pays no fee under the escrow's schedule");
        assertEquals(h.fees.contractFee(trade.notional()), trade.sellerFee(), "the seller pays the escrow's fee");
        h.assertLedgerBalanced();
        final EscrowRow row = awaitFinal(trade);
        assertEquals(EscrowPhase.RELEASED, row.phase(), row.toString());
        assertEquals("POST APPLIED", row.engineOutcome());
        final DealView deal = h.escrow().getDeal(EvmHex.bytes(row.dealId()));
        assertEquals(DealView.State.RELEASED, deal.state());
        assertEquals(BigInteger.valueOf(trade.notional() + trade.buyerFee()), deal.amount());
        assertEquals(sellerBefore + trade.notional() - trade.sellerFee(), h.available(SettlementHarness.SELLER));
        assertEquals(DEPOSIT - trade.notional() - trade.buyerFee(), h.available(SettlementHarness.BUYER));
        h.assertLedgerBalanced();
        assertStoreRow(row.escrowId(), "RELEASED");
    }

    /**
     * The buyer rests, the seller takes: under the escrow's schedule the buyer still pays no fee and the
     * seller the escrow's, so after the release chain and ledger agree to the unit (no difference at all).
     */
    @Test
    @Order(3)
    void buyerRestingFillReleasesAndReconcilesExactly() {
        final long buyerBefore = h.available(SettlementHarness.BUYER);
        final long sellerBefore = h.available(SettlementHarness.SELLER);
        final Event.Trade trade = h.tradeBuyerResting(SettlementHarness.HONEST, 101, 3);
        assertEquals(Side.SELL, trade.takerSide(), "the buyer rested");
        assertEquals(0, trade.buyerFee(), "a resting buyer pays no maker fee");
        final long contractFee = h.fees.contractFee(trade.notional());
        assertTrue(contractFee > 0);
        assertEquals(contractFee, trade.sellerFee());
        final EscrowRow row = awaitFinal(trade);
        assertEquals(EscrowPhase.RELEASED, row.phase(), row.toString());
        assertEquals("POST APPLIED", row.engineOutcome());
        assertEquals(trade.notional(), row.amount(), "the deal locks the notional");
        final DealView deal = h.escrow().getDeal(EvmHex.bytes(row.dealId()));
        assertEquals(DealView.State.RELEASED, deal.state());
        assertEquals(BigInteger.valueOf(trade.notional()), deal.amount());
        assertEquals(sellerBefore + trade.notional() - contractFee, h.available(SettlementHarness.SELLER));
        assertEquals(buyerBefore - trade.notional(), h.available(SettlementHarness.BUYER));
        h.assertLedgerBalanced();
        final Reconciler.Report report = service.reconcile();
        assertEquals(List.of(), report.differences(), "chains and ledger after a buyer-resting release");
        assertTrue(report.notionalReconciled() >= row.amount());
    }

    @Test
    @Order(4)
    void failVerdictRefundsTheBuyer() {
        final long buyerBefore = h.available(SettlementHarness.BUYER);
        final long sellerBefore = h.available(SettlementHarness.SELLER);
        final Event.Trade trade = h.trade(SettlementHarness.TAMPERED, 50, 1);
        final EscrowRow row = awaitFinal(trade);
        assertEquals(EscrowPhase.REFUNDED, row.phase(), row.toString());
        assertEquals(2, row.verdictCode(), "FAIL verdict");
        assertEquals(DealView.State.REFUNDED, h.escrow().getDeal(EvmHex.bytes(row.dealId())).state());
        assertEquals(buyerBefore, h.available(SettlementHarness.BUYER), "buyer credited back");
        assertEquals(sellerBefore, h.available(SettlementHarness.SELLER));
        h.assertLedgerBalanced();
        assertStoreRow(row.escrowId(), "REFUNDED");
    }

    @Test
    @Order(5)
    void noDeliveryRefundsAtExpiry() {
        final long buyerBefore = h.available(SettlementHarness.BUYER);
        final Event.Trade trade = h.trade(SettlementHarness.NEVER_DELIVERS, 30, 1);
        final EscrowRow row = awaitFinal(trade);
        assertEquals(EscrowPhase.REFUNDED, row.phase(), row.toString());
        assertEquals(null, row.verdictCode(), "no verdict: refunded by expiry");
        assertEquals(DealView.State.REFUNDED, h.escrow().getDeal(EvmHex.bytes(row.dealId())).state());
        assertEquals(buyerBefore, h.available(SettlementHarness.BUYER));
        h.assertLedgerBalanced();
    }

    @Test
    @Order(6)
    void withdrawalIsHeldSentConfirmedAndPosted() {
        final long buyerBefore = h.available(SettlementHarness.BUYER);
        final BigInteger walletBefore = h.escrow().balanceOf(h.chain.token(), h.trader(0).address());
        service.withdrawals().request("W-1", h.chain.chainId(), SettlementHarness.BUYER, 1_000_000);
        assertTrue(!service.withdrawals().request("W-1", h.chain.chainId(), SettlementHarness.BUYER, 1_000_000),
                "the same withdrawal id twice is one withdrawal");
        SettlementHarness.await("withdrawal posted", 60_000,
                () -> service.withdrawals().find("W-1").orElseThrow().phase() == WithdrawalPhase.POSTED);
        assertEquals(buyerBefore - 1_000_000, h.available(SettlementHarness.BUYER));
        assertEquals(walletBefore.subtract(BigInteger.valueOf(1_000_000)),
                h.escrow().balanceOf(h.chain.token(), h.trader(0).address()));
        h.assertLedgerBalanced();
        // more than the account holds: the engine refuses the hold and nothing moves
        service.withdrawals().request("W-2", h.chain.chainId(), SettlementHarness.BUYER, DEPOSIT * 10);
        SettlementHarness.await("withdrawal rejected", 30_000,
                () -> service.withdrawals().find("W-2").orElseThrow().phase() == WithdrawalPhase.REJECTED);
        assertEquals(buyerBefore - 1_000_000, h.available(SettlementHarness.BUYER));
    }

    @Test
    @Order(7)
    void reconciliationIsCleanAtRestAndCountsTheSettledNotional() {
        final Reconciler.Report report = service.reconcile();
        assertTrue(report.clean(), "differences: " + report.differences());
        final List<EscrowRow> rows = service.escrows().all(100);
        final long settled = rows.stream().mapToLong(EscrowRow::amount).sum();
        assertEquals(settled, report.notionalReconciled());
        assertEquals(BigInteger.ZERO, report.notionalInEscrow().get(h.chain.chainId()));
        assertTrue(report.accountsCompared() >= 3 && report.dealsCompared() == rows.size());
        assertEquals(settled, service.metrics().notionalReconciled.get());
        final List<String> feed = service.activity().latest(200).stream().map(ActivityLog.Line::message).toList();
        assertTrue(feed.stream().anyMatch(l -> l.startsWith("indexer confirmed release ESC-")), feed.toString());
        assertTrue(feed.stream().anyMatch(l -> l.startsWith("indexer confirmed refund ESC-")), feed.toString());
    }

    @Test
    @Order(8)
    void unattributedDepositIsReportedByReconciliationAndTheCommand() throws Exception {
        // trader 3 holds no engine account in this market: its deposit cannot be credited to anyone
        h.depositOnChain(3, 1_000);
        SettlementHarness.await("unattributed deposit", 60_000, () -> service.metrics().depositsUnattributed.get() == 1);
        final Reconciler.Report report = service.reconcile();
        assertEquals(1, report.differences().size(), report.differences().toString());
        final Reconciler.Difference d = report.differences().get(0);
        assertEquals("OMNIBUS", d.kind());
        assertEquals(Long.parseLong(d.ledger()) + 1_000, Long.parseLong(d.chain()));
        h.assertLedgerBalanced();
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream original = System.out;
        final int exit;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            exit = new picocli.CommandLine(new space.tokenta.settlement.cli.ReconcileCommand()).execute(
                    "--devchains", dir.resolve("chains").resolve("devchains.json").toString(),
                    "--node-dir", h.nodeDirectory().toString(), "--jdbc", h.db.jdbcUrl());
        } finally {
            System.setOut(original);
        }
        final String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, exit, printed);
        assertTrue(printed.contains("DIFF  OMNIBUS chain " + h.chain.chainId()), printed);
        assertTrue(printed.contains("settlement_notional_reconciled"), printed);
    }

    @Test
    @Order(9)
    void feesOffTheEscrowScheduleShowAsAFeesDifference() {
        final long feesBefore = feesDifference(service.reconcile());
        assertEquals(0, feesBefore, "fills on the schedule leave no fee difference");
        // an instrument whose taker fee is not the escrow's schedule: the buyer pays 10 bps the contract knows nothing of
        final Event.Trade trade = h.trade(SettlementHarness.OFF_SCHEDULE, 70, 3);
        assertTrue(trade.buyerFee() > 0);
        final EscrowRow row = awaitFinal(trade);
        assertEquals(EscrowPhase.RELEASED, row.phase(), row.toString());
        final long contractFee = h.fees.contractFee(row.amount());
        final long engineFees = trade.buyerFee() + trade.sellerFee();
        assertTrue(contractFee != engineFees, "the injected schedule differs");
        final Reconciler.Report report = service.reconcile();
        assertEquals(contractFee - engineFees, feesDifference(report), report.differences().toString());
        assertTrue(report.differences().stream().anyMatch(d -> d.kind().equals("ACCOUNT")
                && d.subject().startsWith("account " + SettlementHarness.SELLER + " ")), report.differences().toString());
        h.assertLedgerBalanced();
    }

    /** The fee recipient's balance on chain minus the engine's fee account (0 when no FEES difference is reported). */
    static long feesDifference(final Reconciler.Report report) {
        return report.differences().stream().filter(d -> d.kind().equals("FEES"))
                .mapToLong(d -> Long.parseLong(d.chain()) - Long.parseLong(d.ledger())).sum();
    }

    private static String storeState(final String escrowId) {
        try (var c = h.db.dataSource().getConnection(); var s = c.prepareStatement(
                "SELECT state FROM escrows WHERE escrow_id = ?")) {
            s.setString(1, escrowId);
            try (var r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (final java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    static EscrowRow awaitFinal(final Event.Trade trade) {
        final String id = EscrowRow.escrowId(trade.tradeId());
        SettlementHarness.await(id + " settled", 90_000, () -> service.escrows().find(id)
                .map(r -> r.phase().isFinal()).orElse(false));
        return service.escrows().find(id).orElseThrow();
    }

    static void assertStoreRow(final String escrowId, final String state) {
        // the worker mirrors a phase into the read model right after storing it: wait for that write
        SettlementHarness.await(escrowId + " mirrored as " + state, 10_000, () -> state.equals(storeState(escrowId)));
        try (var c = h.db.dataSource().getConnection(); var s = c.prepareStatement(
                "SELECT state, chain_id FROM escrows WHERE escrow_id = ?")) {
            s.setString(1, escrowId);
            try (var r = s.executeQuery()) {
                assertTrue(r.next(), "read-model row for " + escrowId);
                assertEquals(state, r.getString(1));
                assertEquals(h.chain.chainId(), r.getLong(2));
            }
        } catch (final java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
