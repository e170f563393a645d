package space.tokenta.verify.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.seller.DatasetSeller;
import tools.jackson.databind.node.ObjectNode;

/** S1 listing rules and S5 acceptance rules, on a live dataset seller. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineStagesTest
{
    private static final long NOW = 1_790_000_000L;
    private ReferenceMarket market;
    private DatasetSeller seller;

    @BeforeAll
    void start(@TempDir final Path temp)
    {
        market = new ReferenceMarket(temp);
        seller = new DatasetSeller(21, 8, 64, DatasetSeller.NONE);
    }

    @AfterAll
    void stop()
    {
        seller.close();
        market.close();
    }

    private PipelineReport run(final Delivery delivery, final Acceptance acceptance)
    {
        return market.pipeline.run(delivery, acceptance, NOW, new SplittableRandom(4));
    }

    private Delivery withManifest(final Delivery base, final ObjectNode manifest, final Secp256k1Key signer)
    {
        return new Delivery(base.dealId(), base.buyer(), Listing.sign(manifest, signer), base.accessUri(), base.accessKey());
    }

    private void assertListingFails(final Delivery delivery, final String reasonPart)
    {
        final PipelineReport report = run(delivery, Acceptance.accepted(delivery.dealId(), market.buyer));
        assertEquals(PipelineReport.State.FAIL, report.state());
        assertEquals(Optional.of(Stage.S1_LISTING), report.failedStage());
        assertTrue(report.stages().get(0).reason().contains(reasonPart), report.stages().get(0).reason());
        assertEquals(0, report.proposal().stageMask());
    }

    @Test
    void listingSignedBySomeoneElseFails()
    {
        final Delivery base = market.datasetDelivery("s1-sig", seller.baseUri(), seller.genuineShards());
        assertListingFails(withManifest(base, base.listing().manifest(), Secp256k1Key.fromSeed("impostor")), "signature");
    }

    @Test
    void aManifestMissingFieldsFailsButIsStillStoredAndAttestedAsFail()
    {
        final Delivery base = market.datasetDelivery("s1-fields", seller.baseUri(), seller.genuineShards());
        final ObjectNode manifest = base.listing().manifest().deepCopy();
        manifest.remove("bondUnits");
        final Delivery delivery = withManifest(base, manifest, market.seller);
        assertListingFails(delivery, "manifest field missing: bondUnits");
        final PipelineReport report = run(delivery, Acceptance.accepted(delivery.dealId(), market.buyer));
        assertTrue(report.stages().get(0).evidence().path("listingCid").asString("").startsWith("bafkrei"));
        final var outcome = market.coordinator.attest(delivery, report);
        assertEquals(space.tokenta.verify.verdict.VerdictCode.FAIL, outcome.quorum().orElseThrow().verdict().verdict());
    }

    @Test
    void bondBelowTheMinimumFails()
    {
        final Delivery base = market.datasetDelivery("s1-bond", seller.baseUri(), seller.genuineShards());
        final ObjectNode manifest = base.listing().manifest().deepCopy().put("bondUnits", "999");
        assertListingFails(withManifest(base, manifest, market.seller), "bond 999 below minimum 1000");
    }

    @Test
    void malformedDigestsFail()
    {
        final Delivery base = market.datasetDelivery("s1-digest", seller.baseUri(), seller.genuineShards());
        final ObjectNode manifest = base.listing().manifest().deepCopy();
        ((ObjectNode)manifest.path("spec")).put("contentDigest", "not-a-digest");
        assertListingFails(withManifest(base, manifest, market.seller), "contentDigest");
    }

    @Test
    void duplicateListingsFail()
    {
        final Delivery first = market.datasetDelivery("s1-dup", seller.baseUri(), seller.genuineShards());
        assertEquals(PipelineReport.State.PASS, run(first, Acceptance.accepted(first.dealId(), market.buyer)).state());
        // the same listing id with other content
        final ObjectNode changed = first.listing().manifest().deepCopy().put("symbol", "OTHER");
        assertListingFails(withManifest(first, changed, market.seller), "duplicate listing id");
        // the same dataset re-listed by another seller under a new id
        final Secp256k1Key reseller = Secp256k1Key.fromSeed("reseller");
        final ObjectNode resold = first.listing().manifest().deepCopy().put("listingId", "DATA-resold").put("seller", reseller.address());
        assertListingFails(withManifest(first, resold, reseller), "already listed by another seller");
    }

    @Test
    void silentBuyerLeavesTheDealPendingUntilTheWindowCloses()
    {
        final Delivery delivery = market.datasetDelivery("s5-silent", seller.baseUri(), seller.genuineShards());
        final PipelineReport open = run(delivery, Acceptance.silent(NOW - 100, 3_600));
        assertEquals(PipelineReport.State.PENDING, open.state());
        assertNull(open.proposal());
        final PipelineReport closed = run(delivery, Acceptance.silent(NOW - 3_600, 3_600));
        assertEquals(PipelineReport.State.PASS, closed.state());
        assertEquals(Stage.ALL_MASK, closed.proposal().stageMask(), "a PASS claims all six stages");
    }

    @Test
    void acceptanceMustBeSignedByTheBuyer()
    {
        final Delivery delivery = market.datasetDelivery("s5-forged", seller.baseUri(), seller.genuineShards());
        final PipelineReport report = run(delivery, Acceptance.accepted(delivery.dealId(), market.seller));
        assertEquals(Optional.of(Stage.S5_ACCEPTANCE), report.failedStage());
        assertEquals(0x0F, report.proposal().stageMask());
    }

    @Test
    void aDisputeAgainstAnHonestDeliveryIsRejectedByFreshProbes()
    {
        final Delivery delivery = market.datasetDelivery("s5-dispute", seller.baseUri(), seller.genuineShards());
        final PipelineReport report = run(delivery, Acceptance.disputed());
        assertEquals(PipelineReport.State.PASS, report.state());
        assertTrue(report.stages().get(4).reason().contains("dispute rejected"));
    }

    @Test
    void anUnreachableSellerFailsAuthenticityWithoutCrashing()
    {
        final DatasetSeller gone = new DatasetSeller(22, 4, 16, DatasetSeller.NONE);
        final Delivery delivery = market.datasetDelivery("s2-gone", gone.baseUri(), gone.genuineShards());
        gone.close();
        final PipelineReport report = run(delivery, Acceptance.accepted(delivery.dealId(), market.buyer));
        assertEquals(Optional.of(Stage.S2_AUTHENTICITY), report.failedStage());
    }
}
