package space.tokenta.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.chain.escrow.DealView;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.engine.event.Event;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.escrow.EscrowRow;

/**
 * The settlement worker in its own JVM is killed with SIGKILL (destroyForcibly) right after it sent
 * {@code open} and before it stored the open, and again right after it sent {@code release}; a new
 * worker process on the same database, chain and cluster finishes the escrow: one deal on chain,
 * released once, seller credited once, ledger balanced.
 */
class KillRestartTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killedWorkerProcessesNeitherDuplicateNorLoseTheDeal() throws Exception {
        try (SettlementHarness h = new SettlementHarness(dir, 2, 60)) {
            final List<Process> started = new ArrayList<>();
            try {
                Worker w = Worker.start(h, dir, CrashPoints.AFTER_OPEN_SENT, started);
                h.depositOnChain(0, 10_000_000);
                SettlementHarness.await("deposit credited by the worker process", 60_000,
                        () -> h.available(SettlementHarness.BUYER) == 10_000_000);
                final long sellerBefore = h.available(SettlementHarness.SELLER);
                final Event.Trade trade = h.trade(SettlementHarness.HONEST, 25, 2);
                final String id = EscrowRow.escrowId(trade.tradeId());
                SettlementHarness.await("open sent", 60_000, () -> w.saw("AT " + CrashPoints.AFTER_OPEN_SENT));
                w.kill();
                assertEquals(EscrowPhase.OPENING, h.wiringRepository().find(id).orElseThrow().phase(),
                        "killed between open sent and open stored");
                final Worker second = Worker.start(h, dir, CrashPoints.AFTER_RELEASE_SENT, started);
                SettlementHarness.await("release sent", 90_000, () -> second.saw("AT " + CrashPoints.AFTER_RELEASE_SENT));
                second.kill();
                final Worker third = Worker.start(h, dir, "none", started);
                SettlementHarness.await(id + " released", 90_000,
                        () -> h.wiringRepository().find(id).map(r -> r.phase() == EscrowPhase.RELEASED).orElse(false));
                third.kill();
                final EscrowRow row = h.wiringRepository().find(id).orElseThrow();
                assertEquals(DealView.State.RELEASED, h.escrow().getDeal(EvmHex.bytes(row.dealId())).state());
                assertEquals(1, CrashRecoveryTestSupport.count(h, "SELECT count(*) FROM escrow_events WHERE kind = "
                        + "'DealOpened' AND deal_id = '" + row.dealId() + "'"), "opened once");
                assertEquals(1, CrashRecoveryTestSupport.count(h, "SELECT count(*) FROM escrow_events WHERE kind = "
                        + "'DealReleased' AND deal_id = '" + row.dealId() + "'"), "released once");
                assertEquals(sellerBefore + trade.notional() - trade.sellerFee(), h.available(SettlementHarness.SELLER));
                assertTrue(row.engineOutcome().equals("POST APPLIED"), row.engineOutcome());
                h.assertLedgerBalanced();
            } finally {
                for (final Process p : started) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** One worker JVM and the lines it printed. */
    static final class Worker {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        private Worker(final Process process) {
            this.process = process;
            final Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (final IOException ignored) {
                    // the process was killed
                }
            }, "worker-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Worker start(final SettlementHarness h, final Path dir, final String pausePoint,
                final List<Process> started) throws IOException {
            final String java = ProcessHandle.current().info().command().orElse("java");
            final List<String> command = new ArrayList<>(List.of(java,
                    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                    "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), SettlementWorkerProcess.class.getName(),
                    dir.resolve("chains").resolve("devchains.json").toString(), h.db.jdbcUrl(),
                    h.nodeDirectory().toString(), h.members.ingressEndpoints(), dir.resolve("evidence").toString(),
                    Long.toString(h.config.timelockSec()), Long.toString(h.config.expirySec()), pausePoint));
            final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            started.add(p);
            return new Worker(p);
        }

        boolean saw(final String text) {
            if (!process.isAlive() && lines.stream().noneMatch(l -> l.contains(text))) {
                throw new AssertionError("worker exited: " + String.join("\n", lines));
            }
            return lines.stream().anyMatch(l -> l.contains(text));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "killed");
        }
    }
}
