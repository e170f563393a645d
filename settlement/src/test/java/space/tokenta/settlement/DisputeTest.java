package space.tokenta.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.engine.event.Event;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.DisputeAnswer;
import space.tokenta.settlement.escrow.DisputeAnswer.Outcome;
import space.tokenta.settlement.escrow.DisputePanelVerifier;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.settlement.verification.ReferenceDeliveries;

/**
 * Disputes on real components: two fills pass the first panel's verification; the buyer disputes
 * both on chain before their timelock ends; the dispute panel verifies each again: one delivery still
 * passes (→ {@code release}, DisputeResolved PASS, engine POST once the indexer holds it final), the
 * other seller now serves tampered weights (→ {@code refund}, DisputeResolved FAIL, engine VOID). The
 * ledger stays zero-sum and reconciliation finds no difference. The buyer's request is checked on the
 * way: an unknown escrow, the seller asking, a repeated dispute (the same answer, no second
 * transaction), a settled deal, and a deal past its timelock are each answered without sending.
 */
class DisputeTest {
    /** Long enough for the buyer to dispute after the first verdict and before the release. */
    static final long TIMELOCK_SEC = 20;
    static final int LATER_TAMPERED = SettlementHarness.TAMPERED;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void disputeIsResolvedByTheDisputePanelToReleaseOrRefund() {
        try (SettlementHarness h = new SettlementHarness(dir, TIMELOCK_SEC, 120)) {
            // the first panel sees honest deliveries on both instruments; the dispute panel sees instrument 2 tampered
            final DisputePanelVerifier verifier = new DisputePanelVerifier(
                    h.verifier(Map.of(SettlementHarness.HONEST, ReferenceDeliveries.Behaviour.HONEST,
                            LATER_TAMPERED, ReferenceDeliveries.Behaviour.HONEST)),
                    h.verifier(Map.of(SettlementHarness.HONEST, ReferenceDeliveries.Behaviour.HONEST,
                            LATER_TAMPERED, ReferenceDeliveries.Behaviour.TAMPERED)));
            final SettlementService service = SettlementService.create(h.wiring(verifier, CrashPoints.NONE));
            try {
                h.depositOnChain(0, 10_000_000);
                drive(service, "deposit credited", () -> h.available(SettlementHarness.BUYER) == 10_000_000);
                final long buyerBefore = h.available(SettlementHarness.BUYER);
                final long sellerBefore = h.available(SettlementHarness.SELLER);
                final Event.Trade kept = h.trade(SettlementHarness.HONEST, 40, 2);
                final Event.Trade undone = h.trade(LATER_TAMPERED, 30, 1);
                final List<String> ids = List.of(EscrowRow.escrowId(kept.tradeId()), EscrowRow.escrowId(undone.tradeId()));
                drive(service, "both verified", () -> ids.stream().allMatch(id -> phase(service, id) == EscrowPhase.VERIFIED));
                assertEquals(Outcome.UNKNOWN_ESCROW, service.dispute("ESC-999999", SettlementHarness.BUYER).outcome());
                for (final String id : ids) {
                    final EscrowRow row = service.escrows().find(id).orElseThrow();
                    assertEquals(1, row.verdictCode(), id + " passed the first panel");
                    final DisputeAnswer notBuyer = service.dispute(id, SettlementHarness.SELLER);
                    assertEquals(Outcome.NOT_BUYER, notBuyer.outcome(), notBuyer.toString());
                    assertTrue(!h.escrow().getDeal(EvmHex.bytes(row.dealId())).disputed(), "the seller's request sent nothing");
                    final DisputeAnswer answer = service.dispute(id, SettlementHarness.BUYER);
                    assertEquals(Outcome.DISPUTED, answer.outcome(), answer.toString());
                    assertEquals("DISPUTED", answer.state());
                    final DealView deal = h.escrow().getDeal(EvmHex.bytes(row.dealId()));
                    assertTrue(deal.disputed(), id + " disputed on chain");
                    assertEquals(deal.disputedAtSec(), answer.disputedAtSec());
                    assertTrue(answer.disputedAtSec() < answer.releaseAfterSec(), "before the timelock's end");
                    assertEquals(answer, service.dispute(id, SettlementHarness.BUYER), "a second dispute answers the same");
                }
                drive(service, "both final", () -> ids.stream().allMatch(id -> phase(service, id).isFinal()));
                final DisputeAnswer settled = service.dispute(ids.get(0), SettlementHarness.BUYER);
                assertEquals(Outcome.NOT_OPEN, settled.outcome(), settled.toString());
                assertEquals("RELEASED", settled.state());

                final EscrowRow released = service.escrows().find(ids.get(0)).orElseThrow();
                assertEquals(EscrowPhase.RELEASED, released.phase());
                assertTrue(released.disputed());
                assertEquals("POST APPLIED", released.engineOutcome());
                assertEquals(DealView.State.RELEASED, h.escrow().getDeal(EvmHex.bytes(released.dealId())).state());
                assertEquals(sellerBefore + kept.notional() - kept.sellerFee(), h.available(SettlementHarness.SELLER));

                final EscrowRow refunded = service.escrows().find(ids.get(1)).orElseThrow();
                assertEquals(EscrowPhase.REFUNDED, refunded.phase());
                assertTrue(refunded.disputed());
                assertEquals(2, refunded.verdictCode(), "the dispute panel's FAIL");
                assertEquals("VOID APPLIED", refunded.engineOutcome());
                assertEquals(DealView.State.REFUNDED, h.escrow().getDeal(EvmHex.bytes(refunded.dealId())).state());
                assertEquals(buyerBefore - kept.notional() - kept.buyerFee(), h.available(SettlementHarness.BUYER),
                        "the refunded fill's funds are back with the buyer");

                for (final EscrowRow row : List.of(released, refunded)) {
                    // one dispute transaction per escrow: the repeated requests sent nothing
                    assertEquals(1, resolved(h, row, "DisputeOpened"), row.escrowId());
                    assertEquals(1, resolved(h, row, "DisputeResolved"), row.escrowId());
                }
                assertEquals(2, service.metrics().disputes.get());
                assertTrue(service.activity().latest(100).stream().anyMatch(a -> a.message().contains("dispute panel")));
                h.assertLedgerBalanced();
                assertEquals(List.of(), service.reconcile().differences(), "reconciliation after disputes");
                assertMetersScraped(service, released.amount() + refunded.amount());
                assertNoDisputeAfterTheTimelock(h, service);
            } finally {
                service.close();
            }
        }
    }

    /**
     * A deal that stays open (its seller never delivers) is past its timelock once chain time moves on:
     * the buyer's dispute is refused before anything is sent.
     */
    private static void assertNoDisputeAfterTheTimelock(final SettlementHarness h, final SettlementService service) {
        final Event.Trade open = h.trade(SettlementHarness.NEVER_DELIVERS, 20, 1);
        final String id = EscrowRow.escrowId(open.tradeId());
        drive(service, id + " open on chain", () -> phase(service, id) == EscrowPhase.OPEN
                || phase(service, id) == EscrowPhase.DELIVERING);
        final EscrowRow row = service.escrows().find(id).orElseThrow();
        rpc(h, "evm_increaseTime", "[" + (TIMELOCK_SEC + 5) + "]");
        rpc(h, "evm_mine", "[]");
        final DisputeAnswer late = service.dispute(id, SettlementHarness.BUYER);
        assertEquals(Outcome.WINDOW_CLOSED, late.outcome(), late.toString());
        assertTrue(!h.escrow().getDeal(EvmHex.bytes(row.dealId())).disputed(), "nothing sent");
    }

    /** A raw JSON-RPC call to the dev chain's anvil (its test methods have no web3j binding). */
    private static void rpc(final SettlementHarness h, final String method, final String params) {
        try {
            final java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.chain.direct().http()))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,"
                                    + "\"method\":\"" + method + "\",\"params\":" + params + "}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() == 200 && !r.body().contains("\"error\""), method + ": " + r.body());
        } catch (final java.io.IOException e) {
            throw new AssertionError(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The settlement meters in a Prometheus registry, scraped as text. */
    private static void assertMetersScraped(final SettlementService service, final long settled) {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SettlementMeters.bind(registry, service);
        service.refreshGauges();
        final String text = registry.scrape();
        final long chainId = service.config().chains().get(0).chainId();
        assertTrue(text.contains("tokenta_settlement_escrows{phase=\"RELEASED\"} 1.0"), text);
        assertTrue(text.contains("tokenta_settlement_escrows{phase=\"REFUNDED\"} 1.0"), text);
        assertTrue(text.contains("tokenta_settlement_notional_reconciled " + (double) settled), text);
        assertTrue(text.contains("tokenta_settlement_notional_in_escrow 0.0"), text);
        assertTrue(text.contains("tokenta_settlement_disputes_total 2.0"), text);
        assertTrue(text.contains("tokenta_settlement_escrows_ingested_total 2.0"), text);
        assertTrue(text.contains("tokenta_settlement_dead_letters{chain=\"" + chainId + "\"} 0.0"), text);
        final double head = value(text, "tokenta_settlement_indexer_head_block{chain=\"" + chainId + "\"}");
        final double indexed = value(text, "tokenta_settlement_indexer_indexed_block{chain=\"" + chainId + "\"}");
        assertTrue(head > 0 && indexed > 0 && indexed <= head, text);
        assertEquals(head - indexed, value(text, "tokenta_settlement_indexer_lag_blocks{chain=\"" + chainId + "\"}"), text);
    }

    private static double value(final String text, final String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(
                series.length() + 1))).findFirst().orElseThrow(() -> new AssertionError(series + " missing:\n" + text));
    }

    private static EscrowPhase phase(final SettlementService service, final String id) {
        return service.escrows().find(id).map(EscrowRow::phase).orElse(EscrowPhase.NEW);
    }

    private static long resolved(final SettlementHarness h, final EscrowRow row, final String kind) {
        return CrashRecoveryTestSupport.count(h, "SELECT count(*) FROM escrow_events WHERE kind = '" + kind
                + "' AND deal_id = '" + row.dealId() + "'");
    }

    /** Runs the service's duty cycle on this thread until {@code condition} holds. */
    private static void drive(final SettlementService service, final String what, final BooleanSupplier condition) {
        final long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (service.doWork() == 0) {
                try {
                    Thread.sleep(20);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
