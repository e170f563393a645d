package space.tokenta.verify.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.evidence.Sha256;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.PipelineReport;
import space.tokenta.verify.seller.DatasetSeller;
import space.tokenta.verify.verdict.VerdictCode;

/**
 * Five attestors, each in its own JVM with its own key (given through its environment), reach a
 * quorum over HTTP on a real delivery; after one of them is killed (SIGKILL) the other four still
 * make a quorum and the dead one counts as an abstention.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AttestorProcessesTest
{
    static final int PANEL = 5;

    @Test
    void fiveAttestorProcessesSignAQuorumAndOneKilledLeavesFourThatStillDo(@TempDir final Path temp) throws Exception
    {
        final List<RemoteAttestor> remotes = new ArrayList<>();
        try (ReferenceMarket market = new ReferenceMarket(temp);
             DatasetSeller seller = new DatasetSeller(5, 16, 128, DatasetSeller.NONE))
        {
            final List<CompletableFuture<RemoteAttestor>> starting = new ArrayList<>();
            for (int i = 1; i <= PANEL; i++)
            {
                // the same seeded keys the market registered as attestors N-01..N-05
                final String keyHex = Hex.encode(Sha256.hash(("attestor-" + i).getBytes(StandardCharsets.UTF_8)));
                final String name = "P-0" + i;
                starting.add(CompletableFuture.supplyAsync(() -> RemoteAttestor.launch(name, keyHex,
                    market.store.directory(), ReferenceMarket.DOMAIN.chainId(), ReferenceMarket.DOMAIN.verifyingContract())));
            }
            for (final CompletableFuture<RemoteAttestor> f : starting)
            {
                remotes.add(f.get(120, TimeUnit.SECONDS));
            }
            final Set<Long> pids = new HashSet<>();
            for (int i = 0; i < PANEL; i++)
            {
                assertEquals(Secp256k1Key.fromSeed("attestor-" + (i + 1)).address(), remotes.get(i).address());
                final long pid = remotes.get(i).pid().orElseThrow();
                assertNotEquals(ProcessHandle.current().pid(), pid);
                pids.add(pid);
            }
            assertEquals(PANEL, pids.size(), "one process per attestor");
            final QuorumCoordinator coordinator = new QuorumCoordinator(remotes, market.members, ReferenceMarket.DOMAIN,
                market.store, PANEL, 3, 60_000);

            final QuorumCoordinator.Outcome first = attest(market, coordinator, seller, "processes-1");
            assertEquals(VerdictCode.PASS, first.quorum().orElseThrow().verdict().verdict());
            assertEquals(PANEL, first.attestations().stream().filter(a -> a.verdict().isPresent()).count(),
                first.attestations().toString());
            final QuorumEnvelope.Check check = QuorumEnvelope.verify(
                CanonicalJson.parse(market.store.get(first.envelopeCid().orElseThrow())), 3);
            assertTrue(check.valid(), check.problems().toString());
            assertTrue(check.verdictSigners().size() >= 3, check.verdictSigners().toString());

            final ProcessHandle killed = ProcessHandle.of(remotes.get(0).pid().orElseThrow()).orElseThrow();
            killed.destroyForcibly();
            killed.onExit().get(30, TimeUnit.SECONDS);
            final QuorumCoordinator.Outcome second = attest(market, coordinator, seller, "processes-2");
            assertEquals(VerdictCode.PASS, second.quorum().orElseThrow().verdict().verdict());
            assertEquals(PANEL - 1, second.attestations().stream().filter(a -> a.verdict().isPresent()).count(),
                second.attestations().toString());
            assertTrue(second.attestations().stream().anyMatch(a -> a.verdict().isEmpty()
                && a.reason().contains("P-01")), "the killed attestor abstains: " + second.attestations());
        }
        finally
        {
            remotes.forEach(RemoteAttestor::close);
        }
        for (final RemoteAttestor r : remotes)
        {
            assertTrue(ProcessHandle.of(r.pid().orElseThrow()).map(h -> !h.isAlive()).orElse(true), "stopped");
        }
    }

    private static QuorumCoordinator.Outcome attest(final ReferenceMarket market, final QuorumCoordinator coordinator,
        final DatasetSeller seller, final String label)
    {
        final Delivery delivery = market.datasetDelivery(label, seller.baseUri(), seller.genuineShards());
        final PipelineReport report = market.pipeline.run(delivery, Acceptance.accepted(delivery.dealId(), market.buyer),
            1_790_000_000L, new SplittableRandom(label.hashCode()));
        assertEquals(PipelineReport.State.PASS, report.state());
        return coordinator.attest(delivery, report);
    }
}
