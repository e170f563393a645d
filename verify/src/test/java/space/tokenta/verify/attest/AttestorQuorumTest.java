package space.tokenta.verify.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.InTotoStatement;
import space.tokenta.verify.evidence.Secp256k1Key;
import tools.jackson.databind.node.ObjectNode;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.PipelineReport;
import space.tokenta.verify.seller.DatasetSeller;
import space.tokenta.verify.verdict.DeliveryVerdict;
import space.tokenta.verify.verdict.EquivocationProof;
import space.tokenta.verify.verdict.QuorumCollector;
import space.tokenta.verify.verdict.SignedVerdict;
import space.tokenta.verify.verdict.VerdictCode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttestorQuorumTest
{
    private ReferenceMarket market;
    private DatasetSeller seller;
    private Delivery delivery;
    private PipelineReport report;

    @BeforeAll
    void start(@TempDir final Path temp)
    {
        market = new ReferenceMarket(temp);
        seller = new DatasetSeller(5, 16, 128, DatasetSeller.NONE);
        delivery = market.datasetDelivery("quorum", seller.baseUri(), seller.genuineShards());
        report = market.pipeline.run(delivery, Acceptance.accepted(delivery.dealId(), market.buyer), 1_790_000_000L, new SplittableRandom(8));
        assertEquals(PipelineReport.State.PASS, report.state());
    }

    @AfterAll
    void stop()
    {
        seller.close();
        market.close();
    }

    @Test
    void anEquivocatingAttestorIsDetectedWithAProofAnyoneCanCheck()
    {
        final List<String> panel = AttestorPanel.select(market.members, delivery.dealId(), delivery.buyer(), delivery.seller(), 5, 3);
        // A rogue key, registered on this panel, signs PASS and later FAIL for the same deal.
        final Secp256k1Key rogue = Secp256k1Key.fromSeed("attestor-" + (market.members.stream().map(AttestorPanel.Member::address).toList().indexOf(panel.get(0)) + 1));
        assertEquals(panel.get(0), rogue.address());
        final QuorumCollector collector = new QuorumCollector(market.hasher, delivery.dealId(), 3, new HashSet<>(panel));
        final DeliveryVerdict pass = report.proposal();
        final DeliveryVerdict fail = new DeliveryVerdict(pass.dealId(), pass.evidenceDigest(), pass.stageMask(), VerdictCode.FAIL,
            pass.scoreBps(), pass.issuedAt(), pass.expiresAt());
        assertEquals(QuorumCollector.Outcome.ACCEPTED, collector.add(SignedVerdict.sign(market.hasher, pass, rogue)));
        assertEquals(QuorumCollector.Outcome.EQUIVOCATION, collector.add(SignedVerdict.sign(market.hasher, fail, rogue)));
        final EquivocationProof proof = collector.equivocations().get(0);
        assertEquals(rogue.address(), proof.attestor());
        assertTrue(proof.verifies(market.hasher));
        // its signature no longer counts: two honest PASS signatures do not make a quorum with it
        final Secp256k1Key second = keyOf(panel.get(1));
        final Secp256k1Key third = keyOf(panel.get(2));
        collector.add(SignedVerdict.sign(market.hasher, pass, second));
        collector.add(SignedVerdict.sign(market.hasher, pass, third));
        assertFalse(collector.quorum().isPresent() && collector.quorum().get().signatures().stream()
            .anyMatch(s -> s.signer().equals(rogue.address())));
    }

    private Secp256k1Key keyOf(final String address)
    {
        for (int i = 1; i <= 6; i++)
        {
            final Secp256k1Key key = Secp256k1Key.fromSeed("attestor-" + i);
            if (key.address().equals(address))
            {
                return key;
            }
        }
        throw new AssertionError("no key for " + address);
    }

    @Test
    void quorumNeedsThreeDistinctSelectedSignersOnTheExactVerdict()
    {
        final List<String> panel = AttestorPanel.select(market.members, delivery.dealId(), delivery.buyer(), delivery.seller(), 5, 3);
        final QuorumCollector collector = new QuorumCollector(market.hasher, delivery.dealId(), 3, new HashSet<>(panel));
        final DeliveryVerdict pass = report.proposal();
        final Secp256k1Key a = keyOf(panel.get(0));
        final Secp256k1Key b = keyOf(panel.get(1));
        collector.add(SignedVerdict.sign(market.hasher, pass, a));
        collector.add(SignedVerdict.sign(market.hasher, pass, a));
        collector.add(SignedVerdict.sign(market.hasher, pass, b));
        assertTrue(collector.quorum().isEmpty(), "the same signer twice is one signer");
        // an outsider (the seller-tied N-06) is refused
        assertEquals(QuorumCollector.Outcome.REJECTED_NOT_SELECTED,
            collector.add(SignedVerdict.sign(market.hasher, pass, Secp256k1Key.fromSeed("attestor-6"))));
        // a signature over a verdict with another score is another verdict
        final DeliveryVerdict other = new DeliveryVerdict(pass.dealId(), pass.evidenceDigest(), pass.stageMask(), VerdictCode.PASS,
            pass.scoreBps() - 1, pass.issuedAt(), pass.expiresAt());
        collector.add(SignedVerdict.sign(market.hasher, other, keyOf(panel.get(2))));
        assertTrue(collector.quorum().isEmpty());
        collector.add(SignedVerdict.sign(market.hasher, pass, keyOf(panel.get(3))));
        final QuorumCollector.Quorum quorum = collector.quorum().orElseThrow();
        assertEquals(3, quorum.signatures().size());
        final List<String> signers = quorum.signatures().stream().map(SignedVerdict::signer).toList();
        assertEquals(signers.stream().sorted().toList(), signers, "sorted by signer address for the contract");
    }

    @Test
    void selectionNeverPicksAnAttestorTiedToEitherParty()
    {
        final String tied = market.members.get(5).address();
        for (int i = 0; i < 200; i++)
        {
            final byte[] deal = ReferenceMarket.dealId("selection-" + i);
            final List<String> panel = AttestorPanel.select(market.members, deal, market.buyer.address(), market.seller.address(), 5, 3);
            assertEquals(5, Set.copyOf(panel).size());
            assertFalse(panel.contains(tied));
            assertEquals(panel, AttestorPanel.select(market.members, deal, market.buyer.address(), market.seller.address(), 5, 3));
        }
        // tie everyone but two to the buyer: no quorum of independent attestors exists
        final List<AttestorPanel.Member> captured = market.members.stream()
            .map(m -> new AttestorPanel.Member(m.address(), m.stake(), m.trust(),
                m.address().equals(market.members.get(0).address()) || m.address().equals(market.members.get(1).address()) ?
                    Set.of() : Set.of(market.buyer.address())))
            .toList();
        assertThrows(IllegalStateException.class,
            () -> AttestorPanel.select(captured, delivery.dealId(), market.buyer.address(), market.seller.address(), 5, 3));
    }

    @Test
    void tamperedStoredEvidenceMakesEveryAttestorAbstain() throws Exception
    {
        final SellerRun run = new SellerRun();
        final java.nio.file.Path file = market.store.pathOf(run.report.evidenceCid());
        final byte[] original = java.nio.file.Files.readAllBytes(file);
        final byte[] tampered = original.clone();
        tampered[tampered.length / 2] ^= 0x01;
        java.nio.file.Files.write(file, tampered);
        try
        {
            final QuorumCoordinator.Outcome outcome = market.coordinator.attest(run.delivery, run.report);
            assertTrue(outcome.quorum().isEmpty());
            assertEquals(5, outcome.attestations().size());
            outcome.attestations().forEach(a -> assertTrue(a.verdict().isEmpty() && a.reason().contains("do not hash"), a.reason()));
        }
        finally
        {
            java.nio.file.Files.write(file, original);
            run.close();
        }
    }

    @Test
    void aProposalThatDoesNotMatchItsEvidenceIsNotSigned()
    {
        final DeliveryVerdict p = report.proposal();
        final DeliveryVerdict inflated = new DeliveryVerdict(p.dealId(), p.evidenceDigest(), p.stageMask(), p.verdict(),
            p.scoreBps(), p.issuedAt(), p.expiresAt() + 1_000_000);
        final PipelineReport lying = new PipelineReport(report.state(), report.stages(), report.evidenceCid(), report.statementBytes(), inflated);
        final QuorumCoordinator.Outcome outcome = market.coordinator.attest(delivery, lying);
        assertTrue(outcome.quorum().isEmpty());
        outcome.attestations().forEach(a -> assertTrue(a.reason().contains("proposal does not match"), a.reason()));
    }

    @Test
    void aStatementClaimingAnAcceptanceTheBuyerNeverSignedIsNotSigned()
    {
        // A dishonest operator rewrites S5 with a signature of the seller's, re-stores, re-proposes.
        final InTotoStatement original = InTotoStatement.parse(report.statementBytes());
        final ObjectNode predicate = original.predicate().deepCopy();
        final ObjectNode s5 = (ObjectNode)predicate.path("stages").path(4).path("evidence");
        s5.put("buyerSignature", Hex.encode(market.seller.signDigest(Acceptance.acceptanceDigest(delivery.dealId()))));
        final byte[] forged = new InTotoStatement(original.subjectName(), original.subjectSha256(), original.predicateType(), predicate)
            .toCanonicalBytes();
        final Cid cid = market.store.put(forged);
        final DeliveryVerdict p = report.proposal();
        final DeliveryVerdict proposal = new DeliveryVerdict(p.dealId(), cid.digest(), p.stageMask(), p.verdict(), p.scoreBps(),
            p.issuedAt(), p.expiresAt());
        final QuorumCoordinator.Outcome outcome = market.coordinator.attest(
            delivery, new PipelineReport(report.state(), report.stages(), cid, forged, proposal));
        assertTrue(outcome.quorum().isEmpty());
        outcome.attestations().forEach(a -> assertTrue(a.reason().contains("buyer did not sign"), a.reason()));
    }

    /** A second, independent deal on its own seller. */
    private final class SellerRun implements AutoCloseable
    {
        final DatasetSeller own = new DatasetSeller(6, 8, 64, DatasetSeller.NONE);
        final Delivery delivery = market.datasetDelivery("tamper", own.baseUri(), own.genuineShards());
        final PipelineReport report = market.pipeline.run(
            delivery, Acceptance.accepted(delivery.dealId(), market.buyer), 1_790_000_000L, new SplittableRandom(9));

        @Override
        public void close()
        {
            own.close();
        }
    }
}
