package space.tokenta.verify.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.reputation.AttestorReputation;
import space.tokenta.verify.api.ReferenceModel;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.attest.AttestorFeedback;
import space.tokenta.verify.attest.Attestation;
import space.tokenta.verify.attest.QuorumCoordinator;
import space.tokenta.verify.attest.QuorumEnvelope;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.Listing;
import space.tokenta.verify.pipeline.PipelineReport;
import space.tokenta.verify.pipeline.Stage;
import space.tokenta.verify.seller.ChatModelSeller;
import space.tokenta.verify.seller.DatasetSeller;
import space.tokenta.verify.seller.GpuWorkerSeller;
import space.tokenta.verify.seller.ModelWeightsSeller;
import space.tokenta.verify.verdict.QuorumCollector;
import space.tokenta.verify.verdict.VerdictCode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every reference seller through S1-S6 with five live attestor nodes: honest sellers end with a PASS
 * quorum (escrow releases), cheating sellers are caught at the stage that should catch them and end
 * with a FAIL quorum (escrow refunds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceSellersEndToEndTest
{
    private static final long NOW = 1_790_000_000L;

    private ReferenceMarket market;

    @BeforeAll
    void start(@TempDir final Path temp)
    {
        market = new ReferenceMarket(temp);
    }

    @AfterAll
    void stop()
    {
        market.close();
    }

    private QuorumCoordinator.Outcome run(final Delivery delivery, final PipelineReport.State expected, final Stage failedAt)
    {
        final PipelineReport report = market.pipeline.run(
            delivery, Acceptance.accepted(delivery.dealId(), market.buyer), NOW, new java.util.SplittableRandom(1));
        assertEquals(expected, report.state(), () -> report.stages().toString());
        assertEquals(Optional.ofNullable(failedAt), report.failedStage(), () -> report.stages().toString());
        assertTrue(report.evidenceCid().toString().startsWith("bafkrei"));
        final QuorumCoordinator.Outcome outcome = market.coordinator.attest(delivery, report);
        final QuorumCollector.Quorum quorum = outcome.quorum().orElseThrow(() -> new AssertionError(outcome.attestations().toString()));
        assertEquals(expected == PipelineReport.State.PASS ? VerdictCode.PASS : VerdictCode.FAIL, quorum.verdict().verdict());
        assertTrue(quorum.signatures().size() >= 3);
        assertEquals(3, quorum.signatures().stream().map(s -> s.signer()).distinct().limit(3).count());
        assertTrue(java.util.Arrays.equals(report.evidenceCid().digest(), quorum.verdict().evidenceDigest()),
            "evidenceDigest is the CID's sha256");
        final QuorumEnvelope.Check check = QuorumEnvelope.verify(
            CanonicalJson.parse(market.store.get(outcome.envelopeCid().orElseThrow())), 3);
        assertTrue(check.valid(), check.problems().toString());
        for (final Attestation a : outcome.attestations())
        {
            assertFalse(a.attestor().equals(market.members.get(5).address()), "attestor tied to the seller was selected");
        }
        assertTrue(outcome.equivocations().isEmpty());
        return outcome;
    }

    @Test
    void honestApiSellerPasses()
    {
        try (ChatModelSeller seller = new ChatModelSeller(ReferenceMarket.MODEL, new ReferenceModel(ReferenceMarket.MODEL), "sk-honest"))
        {
            run(market.apiDelivery("api-honest", seller.baseUri(), "sk-honest"), PipelineReport.State.PASS, null);
        }
    }

    @Test
    void substitutingApiSellerIsCaughtByIdentityProbes()
    {
        try (ChatModelSeller seller = new ChatModelSeller(ReferenceMarket.MODEL, new ReferenceModel("cheap-7b"), "sk-sub"))
        {
            run(market.apiDelivery("api-substitute", seller.baseUri(), "sk-sub"), PipelineReport.State.FAIL, Stage.S3_CONFORMANCE);
        }
    }

    @Test
    void apiSellerWithAWrongKeyFailsAuthenticity()
    {
        try (ChatModelSeller seller = new ChatModelSeller(ReferenceMarket.MODEL, new ReferenceModel(ReferenceMarket.MODEL), "sk-real"))
        {
            run(market.apiDelivery("api-badkey", seller.baseUri(), "sk-revoked"), PipelineReport.State.FAIL, Stage.S2_AUTHENTICITY);
        }
    }

    @Test
    void honestGpuWorkerPassesAndItsAttestorsGainTrust()
    {
        try (GpuWorkerSeller worker = new GpuWorkerSeller(GpuWorkerSeller.Behaviour.HONEST, market.worker, 0, 10_000, 6))
        {
            final QuorumCoordinator.Outcome outcome = run(market.gpuDelivery("gpu-honest", worker.baseUri()), PipelineReport.State.PASS, null);
            final AttestorReputation book = new AttestorReputation();
            market.members.forEach(m -> book.register(m.address(), m.stake()));
            assertEquals(0, AttestorFeedback.apply(outcome, book, market.hasher));
            for (final Attestation a : outcome.attestations())
            {
                assertTrue(a.verdict().isPresent(), a.reason());
                assertEquals(0.9 * AttestorReputation.INITIAL_TRUST + 0.1, book.standing(a.attestor()).trust(), 1e-12,
                    "every panel member signed the consensus verdict with the consensus score");
            }
        }
    }

    @Test
    void gpuWorkerBelowTheThroughputFloorFailsConformance()
    {
        try (GpuWorkerSeller worker = new GpuWorkerSeller(GpuWorkerSeller.Behaviour.HONEST, market.worker, 0, 10_000, 6))
        {
            final Delivery base = market.gpuDelivery("gpu-slow", worker.baseUri());
            final ObjectNode manifest = base.listing().manifest().deepCopy();
            // a floor no machine reaches through HTTP: 10^15 multiply-adds per second on a 48×48 challenge
            ((ObjectNode)manifest.path("spec")).put("minOpsPerSecond", 1_000_000_000_000_000L);
            final Delivery slow = new Delivery(base.dealId(), base.buyer(), Listing.sign(manifest, market.seller), base.accessUri(), "");
            run(slow, PipelineReport.State.FAIL, Stage.S3_CONFORMANCE);
        }
    }

    @Test
    void cheatingGpuWorkerIsCaughtByFreivalds()
    {
        try (GpuWorkerSeller worker = new GpuWorkerSeller(GpuWorkerSeller.Behaviour.SKIPS_LARGE_PRODUCTS, market.worker, 0, 10_000, 6))
        {
            run(market.gpuDelivery("gpu-cheat", worker.baseUri()), PipelineReport.State.FAIL, Stage.S3_CONFORMANCE);
        }
    }

    @Test
    void gpuWorkerShortOnHeartbeatsFailsMetering()
    {
        try (GpuWorkerSeller worker = new GpuWorkerSeller(GpuWorkerSeller.Behaviour.HONEST, market.worker, 0, 10_000, 4))
        {
            run(market.gpuDelivery("gpu-short", worker.baseUri()), PipelineReport.State.FAIL, Stage.S4_METERING);
        }
    }

    @Test
    void honestDatasetPasses()
    {
        try (DatasetSeller seller = new DatasetSeller(11, 32, 256, DatasetSeller.NONE))
        {
            run(market.datasetDelivery("data-honest", seller.baseUri(), seller.genuineShards()), PipelineReport.State.PASS, null);
        }
    }

    @Test
    void datasetWithACorruptedShardIsCaughtBySampledRehash()
    {
        try (DatasetSeller seller = new DatasetSeller(12, 32, 256, 17))
        {
            run(market.datasetDelivery("data-corrupt", seller.baseUri(), seller.genuineShards()), PipelineReport.State.FAIL, Stage.S3_CONFORMANCE);
        }
    }

    @Test
    void honestModelSellerPasses()
    {
        try (ModelWeightsSeller seller = new ModelWeightsSeller(ReferenceMarket.GENUINE_MODEL, ModelWeightsSeller.Behaviour.HONEST))
        {
            run(market.modelDelivery("model-honest", seller.baseUri()), PipelineReport.State.PASS, null);
        }
    }

    @Test
    void tamperedWeightsAreCaughtByTheDigest()
    {
        try (ModelWeightsSeller seller = new ModelWeightsSeller(ReferenceMarket.GENUINE_MODEL, ModelWeightsSeller.Behaviour.TAMPERED_WEIGHTS))
        {
            run(market.modelDelivery("model-tampered", seller.baseUri()), PipelineReport.State.FAIL, Stage.S2_AUTHENTICITY);
        }
    }

    @Test
    void swappedInferenceIsCaughtByTheGoldenSet()
    {
        try (ModelWeightsSeller seller = new ModelWeightsSeller(ReferenceMarket.GENUINE_MODEL, ModelWeightsSeller.Behaviour.SWAPPED_INFERENCE))
        {
            run(market.modelDelivery("model-swapped", seller.baseUri()), PipelineReport.State.FAIL, Stage.S3_CONFORMANCE);
        }
    }
}
